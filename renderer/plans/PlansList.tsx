import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import ListAltOutlined from '@mui/icons-material/ListAltOutlined';
import { api } from '../api/client';
import { EmptyState } from '../components/EmptyState';
import { useNotify } from '../components/Notifier';
import { formatDate } from '../i18n/format';
import { FulfilmentChip } from './fulfilment';

/**
 * The plans of the year: the page, the teacher, topics and hours against the
 * curriculum, fulfilment to date, approval; and the pages of the load that
 * still have no plan, each with «Создать».
 */
export function PlansList({ yearId, admin, onOpen }: { yearId: string; admin: boolean; onOpen: (id: string) => void }) {
  const qc = useQueryClient();
  const notify = useNotify();
  const [mine, setMine] = useState(!admin);
  const list = useQuery({ queryKey: ['plans.list', yearId, mine], queryFn: () => api.plans.list({ yearId, mine }) });
  const create = async (m: { classId: string; groupId: string | null; subjectId: string; staffId: string }) => {
    try {
      const r = await api.plans.create({ yearId, classId: m.classId, groupId: m.groupId, subjectId: m.subjectId, staffId: m.staffId });
      await qc.invalidateQueries({ queryKey: ['plans.list'] });
      onOpen(r.id);
    } catch (e) {
      notify.error(e);
    }
  };
  if (list.error) return <Alert severity="error">{list.error.message}</Alert>;
  if (!list.data) return <LinearProgress aria-label="Загрузка списка КТП" />;
  const { plans, missing, date } = list.data;
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1.5 }}>
        <ToggleButtonGroup size="small" exclusive value={mine} onChange={(_e, v: boolean | null) => v !== null && setMine(v)}>
          <ToggleButton value={true}>Мои</ToggleButton>
          <ToggleButton value={false}>Все{admin ? '' : ' доступные'}</ToggleButton>
        </ToggleButtonGroup>
        <Typography variant="body2" color="text.secondary">
          Выполнение программы — на {formatDate(date)}.
        </Typography>
      </Box>
      {plans.length === 0 && missing.length === 0 ? (
        <EmptyState icon={ListAltOutlined} title="Планов пока нет">
          {mine ? 'По вашей нагрузке в этом году нет страниц журнала.' : 'Учителя ещё не внесли КТП.'}
        </EmptyState>
      ) : (
        <Paper variant="outlined">
          <Table aria-label="КТП">
            <TableHead>
              <TableRow>
                <TableCell>Класс</TableCell>
                <TableCell>Предмет</TableCell>
                <TableCell>Учитель</TableCell>
                <TableCell align="right">Тем</TableCell>
                <TableCell align="right">Часов / по плану</TableCell>
                <TableCell>Выполнение</TableCell>
                <TableCell>Статус</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {plans.map((p) => {
                const off = p.curriculumHours !== null && p.curriculumHours !== p.fulfilment.planHours;
                return (
                  <TableRow key={p.id} hover sx={{ cursor: 'pointer' }} onClick={() => onOpen(p.id)}>
                    <TableCell>
                      {p.className}
                      {p.groupName ? `, ${p.groupName}` : ''}
                    </TableCell>
                    <TableCell>{p.subjectName}</TableCell>
                    <TableCell>{p.teacher}</TableCell>
                    <TableCell align="right">{p.topics}</TableCell>
                    <TableCell align="right" sx={{ color: off ? 'error.main' : undefined, fontWeight: off ? 600 : undefined }}>
                      {p.fulfilment.planHours} / {p.curriculumHours ?? '—'}
                    </TableCell>
                    <TableCell>
                      <FulfilmentChip f={p.fulfilment} />
                    </TableCell>
                    <TableCell>{p.approvedAt ? <Chip size="small" color="success" label="Утверждён" /> : <Chip size="small" variant="outlined" label="Черновик" />}</TableCell>
                    <TableCell align="right">
                      <Button size="small" onClick={() => onOpen(p.id)}>
                        Открыть
                      </Button>
                    </TableCell>
                  </TableRow>
                );
              })}
              {missing.map((m) => (
                <TableRow key={`${m.classId}|${m.groupId ?? ''}|${m.subjectId}`}>
                  <TableCell>
                    {m.className}
                    {m.groupName ? `, ${m.groupName}` : ''}
                  </TableCell>
                  <TableCell>{m.subjectName}</TableCell>
                  <TableCell>{m.teacher}</TableCell>
                  <TableCell colSpan={4}>
                    <Typography variant="body2" color="text.secondary">
                      КТП ещё не внесён
                    </Typography>
                  </TableCell>
                  <TableCell align="right">
                    <Button size="small" variant="outlined" onClick={() => void create(m)}>
                      Создать
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
    </Box>
  );
}
