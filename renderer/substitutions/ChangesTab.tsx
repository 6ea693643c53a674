import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import PictureAsPdfOutlined from '@mui/icons-material/PictureAsPdfOutlined';
import TableViewOutlined from '@mui/icons-material/TableViewOutlined';
import CampaignOutlined from '@mui/icons-material/CampaignOutlined';
import { api, messageOf } from '../api/client';
import { useActor } from '../app/session';
import { useNotify } from '../components/Notifier';
import { formatDateTime } from '../i18n/format';
import { DateBar } from './DateBar';
import { downloadFile } from './util';

const MARK = '●';

/**
 * Замены на дату: per class (for posting) and per teacher, with lines changed
 * since the last print marked. The deputy's print is recorded; others get a
 * copy without marking anything printed.
 */
export function ChangesTab({ date, onDate }: { date: string | undefined; onDate: (date: string) => void }) {
  const actor = useActor();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const deputy = actor.roles.includes('deputy');
  const [scope, setScope] = useState<'class' | 'teacher'>('class');
  const [busy, setBusy] = useState(false);
  const changes = useQuery({ queryKey: ['substitutions.changes', date ?? 'today'], queryFn: () => api.substitutions.changes(date ? { date } : {}) });
  const current = changes.data?.date ?? date;
  const data = changes.data;
  const printed = data?.lastPrinted[scope];

  const print = async (format: 'pdf' | 'xlsx') => {
    if (!current) return;
    setBusy(true);
    try {
      const file = deputy
        ? await api.substitutions.printChanges({ date: current, scope: 'both', format })
        : (await api.reports.build({ report: { kind: 'substitutionChanges', date: current, scope: 'both' }, format })).file!;
      downloadFile(file);
      notify.success(deputy ? `Замены на ${current.split('-').reverse().join('.')} напечатаны: отметки «${MARK}» сброшены.` : 'Файл сформирован.');
      await queryClient.invalidateQueries({ queryKey: ['substitutions.changes'] });
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  // One click: the day's changes on the board, for every member of the staff on their start screen.
  const announce = async () => {
    if (!current) return;
    setBusy(true);
    try {
      const a = await api.board.announceChanges({ date: current });
      const day = current.split('-').reverse().join('.');
      notify.success(a.updated ? `Объявление об изменениях на ${day} обновлено.` : `Изменения на ${day} объявлены на доске: сотрудники увидят их на начальном экране.`);
      await queryClient.invalidateQueries({ queryKey: ['board.list'] });
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {current && (
        <DateBar date={current} onChange={onDate}>
          <Button variant="contained" startIcon={<PictureAsPdfOutlined />} disabled={busy} onClick={() => void print('pdf')}>
            Печать (PDF)
          </Button>
          <Button variant="outlined" startIcon={<TableViewOutlined />} disabled={busy} onClick={() => void print('xlsx')}>
            Excel
          </Button>
          {deputy && (
            <Button variant="outlined" startIcon={<CampaignOutlined />} disabled={busy || !data || (data.classes.length === 0 && data.teachers.length === 0)} onClick={() => void announce()}>
              Объявить на доске
            </Button>
          )}
        </DateBar>
      )}
      {changes.isPending && <LinearProgress />}
      {changes.isError && <Alert severity="error">{messageOf(changes.error)}</Alert>}
      {data && (
        <Paper variant="outlined">
          <Box sx={{ px: 2, py: 1.25, display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
            <ToggleButtonGroup size="small" exclusive value={scope} onChange={(_e, v: 'class' | 'teacher' | null) => v && setScope(v)} aria-label="Список">
              <ToggleButton value="class">По классам</ToggleButton>
              <ToggleButton value="teacher">По учителям</ToggleButton>
            </ToggleButtonGroup>
            <Typography variant="body2" color="text.secondary">
              {printed ? `Прошлая печать: ${formatDateTime(printed)}. «${MARK}» — изменено после неё.` : 'Этот список ещё не печатался.'}
            </Typography>
          </Box>
          {scope === 'class' ? (
            <Table aria-label="Замены по классам">
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: 40 }} />
                  <TableCell>Класс</TableCell>
                  <TableCell>№ урока</TableCell>
                  <TableCell>Было</TableCell>
                  <TableCell>Стало</TableCell>
                  <TableCell>Кабинет</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.classes.map((r, i) => (
                  <TableRow key={`${r.lessonId}-${i}`} sx={{ '& td': { fontWeight: r.changed ? 600 : 400 } }} data-changed={r.changed ? 'yes' : 'no'}>
                    <TableCell sx={{ color: 'warning.main' }} title={r.changed ? 'Изменено после прошлой печати' : undefined}>
                      {r.changed ? MARK : ''}
                    </TableCell>
                    <TableCell>{r.classLabel}</TableCell>
                    <TableCell>{r.lessonNo}</TableCell>
                    <TableCell>{r.was}</TableCell>
                    <TableCell>{r.now}</TableCell>
                    <TableCell>{r.room || '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : (
            <Table aria-label="Замены по учителям">
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: 40 }} />
                  <TableCell>Учитель</TableCell>
                  <TableCell>№ урока</TableCell>
                  <TableCell>Класс</TableCell>
                  <TableCell>Что делать</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.teachers.map((r, i) => (
                  <TableRow key={`${r.lessonId}-${r.staffId}-${i}`} sx={{ '& td': { fontWeight: r.changed ? 600 : 400 } }} data-changed={r.changed ? 'yes' : 'no'}>
                    <TableCell sx={{ color: 'warning.main' }}>{r.changed ? MARK : ''}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.teacher}</TableCell>
                    <TableCell>{r.lessonNo}</TableCell>
                    <TableCell>{r.classLabel}</TableCell>
                    <TableCell>{r.todo}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {(scope === 'class' ? data.classes : data.teachers).length === 0 && (
            <Typography variant="body2" color="text.secondary" sx={{ px: 2, py: 2 }}>
              Изменений в расписании на этот день нет.
            </Typography>
          )}
        </Paper>
      )}
    </>
  );
}
