import { useMemo, useState } from 'react';
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
import TablePagination from '@mui/material/TablePagination';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import ListAltOutlined from '@mui/icons-material/ListAltOutlined';
import type { ResultOf } from '../../main/core/api/types';
import { api } from '../api/client';
import { EmptyState } from '../components/EmptyState';
import { useNotify } from '../components/Notifier';
import { formatDate } from '../i18n/format';
import { FulfilmentChip, type PlanSummary } from './fulfilment';

type Missing = ResultOf<'plans.list'>['missing'][number];
type Row = { kind: 'plan'; plan: PlanSummary } | { kind: 'missing'; page: Missing };
type StateFilter = '' | 'behind' | 'missing' | 'hours' | 'draft';
interface Filter {
  classId: string;
  staffId: string;
  state: StateFilter;
}
const STATE_FILTERS: { id: StateFilter; label: string }[] = [
  { id: '', label: 'Все страницы' },
  { id: 'behind', label: 'С отставанием' },
  { id: 'missing', label: 'Без КТП' },
  { id: 'hours', label: 'Часы не сходятся с планом' },
  { id: 'draft', label: 'Не утверждённые' },
];
/** Rows on one page of the list: at 1366×768 about a screen and a half. */
const PAGE_SIZE = 30;

/**
 * The plans of the year: the page, the teacher, topics and hours against the
 * curriculum, fulfilment to date, approval; and the pages of the load that
 * still have no plan, each with «Создать». A school has some 570 of them:
 * filtered by class, teacher and state, shown a page of rows at a time.
 */
export function PlansList({ admin, onOpen }: { admin: boolean; onOpen: (id: string) => void }) {
  const qc = useQueryClient();
  const notify = useNotify();
  const [mine, setMine] = useState(!admin);
  // The current school year's plans (the core knows which year that is).
  const list = useQuery({ queryKey: ['plans.list', 'current', mine], queryFn: () => api.plans.list({ mine }) });
  const yearId = list.data?.yearId ?? null;
  const create = async (m: { classId: string; groupId: string | null; subjectId: string; staffId: string }) => {
    try {
      if (!yearId) return;
      const r = await api.plans.create({ yearId, classId: m.classId, groupId: m.groupId, subjectId: m.subjectId, staffId: m.staffId });
      await qc.invalidateQueries({ queryKey: ['plans.list'] });
      onOpen(r.id);
    } catch (e) {
      notify.error(e);
    }
  };
  const [filter, setFilter] = useState<Filter>({ classId: '', staffId: '', state: '' });
  const [page, setPage] = useState(0);
  const refine = (next: Partial<Filter>) => {
    setFilter((f) => ({ ...f, ...next }));
    setPage(0);
  };
  const all = useMemo(() => (list.data ? listRows(list.data.plans, list.data.missing) : []), [list.data]);
  const choices = useMemo(() => {
    const classes = new Map<string, string>();
    const teachers = new Map<string, string>();
    for (const r of all) {
      const x = r.kind === 'plan' ? r.plan : r.page;
      classes.set(x.classId, x.className);
      teachers.set(x.staffId, x.teacher);
    }
    return {
      classes: [...classes].map(([id, name]) => ({ id, name })),
      teachers: [...teachers].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'ru')),
    };
  }, [all]);
  const rows = useMemo(() => all.filter((r) => keep(r, filter)), [all, filter]);
  const shown = rows.slice(page * PAGE_SIZE, page * PAGE_SIZE + PAGE_SIZE);
  if (list.error) return <Alert severity="error">{list.error.message}</Alert>;
  if (!list.data) return <LinearProgress aria-label="Загрузка списка КТП" />;
  const { date } = list.data;
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1.5, flexWrap: 'wrap' }}>
        <ToggleButtonGroup size="small" exclusive value={mine} onChange={(_e, v: boolean | null) => v !== null && setMine(v)}>
          <ToggleButton value={true}>Мои</ToggleButton>
          <ToggleButton value={false}>Все{admin ? '' : ' доступные'}</ToggleButton>
        </ToggleButtonGroup>
        <TextField select size="small" label="Класс" value={filter.classId} onChange={(e) => refine({ classId: e.target.value })} sx={{ width: 130 }}>
          <MenuItem value="">Все классы</MenuItem>
          {choices.classes.map((c) => (
            <MenuItem key={c.id} value={c.id}>
              {c.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label="Учитель" value={filter.staffId} onChange={(e) => refine({ staffId: e.target.value })} sx={{ width: 220 }}>
          <MenuItem value="">Все учителя</MenuItem>
          {choices.teachers.map((t) => (
            <MenuItem key={t.id} value={t.id}>
              {t.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label="Показать" value={filter.state} onChange={(e) => refine({ state: e.target.value as StateFilter })} sx={{ width: 210 }}>
          {STATE_FILTERS.map((f) => (
            <MenuItem key={f.id} value={f.id}>
              {f.label}
            </MenuItem>
          ))}
        </TextField>
        <Typography variant="body2" color="text.secondary">
          Выполнение программы — на {formatDate(date)}.
        </Typography>
      </Box>
      {rows.length === 0 ? (
        <EmptyState icon={ListAltOutlined} title={all.length === 0 ? 'Планов пока нет' : 'Нет планов по выбранным условиям'}>
          {all.length > 0 ? 'Измените класс, учителя или условие отбора.' : mine ? 'По вашей нагрузке в этом году нет страниц журнала.' : 'Учителя ещё не внесли КТП.'}
        </EmptyState>
      ) : (
        <Paper variant="outlined">
          <Table size="small" aria-label="КТП">
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
              {shown.map((row) => {
                if (row.kind === 'missing') {
                  const m = row.page;
                  return (
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
                  );
                }
                const p = row.plan;
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
            </TableBody>
          </Table>
          <TablePagination
            component="div"
            count={rows.length}
            page={Math.min(page, Math.max(0, Math.ceil(rows.length / PAGE_SIZE) - 1))}
            onPageChange={(_e, n) => setPage(n)}
            rowsPerPage={PAGE_SIZE}
            rowsPerPageOptions={[PAGE_SIZE]}
            labelDisplayedRows={({ from, to, count }) => `${from}–${to} из ${count}`}
            getItemAriaLabel={(type) => (type === 'next' ? 'Следующая страница списка' : type === 'previous' ? 'Предыдущая страница списка' : type === 'first' ? 'Первая страница' : 'Последняя страница')}
          />
        </Paper>
      )}
    </Box>
  );
}

/** The rows of the list: a plan, or a page of the load without one. */
function listRows(plans: PlanSummary[], missing: Missing[]): Row[] {
  const rows: (Row & { grade: number; cls: string; subject: string; group: string })[] = [
    ...plans.map((plan) => ({ kind: 'plan' as const, plan, grade: plan.gradeLevel, cls: plan.className, subject: plan.subjectName, group: plan.groupName ?? '' })),
    ...missing.map((page) => ({ kind: 'missing' as const, page, grade: page.gradeLevel, cls: page.className, subject: page.subjectName, group: page.groupName ?? '' })),
  ];
  // The school's order: 5А before 5Б before 10А, then the subjects.
  return rows.sort((a, b) => a.grade - b.grade || a.cls.localeCompare(b.cls, 'ru') || a.subject.localeCompare(b.subject, 'ru') || a.group.localeCompare(b.group, 'ru'));
}

function keep(row: Row, f: Filter): boolean {
  const x = row.kind === 'plan' ? row.plan : row.page;
  if (f.classId && x.classId !== f.classId) return false;
  if (f.staffId && x.staffId !== f.staffId) return false;
  switch (f.state) {
    case 'behind':
      return row.kind === 'plan' && row.plan.fulfilment.state === 'behind';
    case 'missing':
      return row.kind === 'missing';
    case 'hours':
      return row.kind === 'plan' && row.plan.curriculumHours !== null && row.plan.curriculumHours !== row.plan.fulfilment.planHours;
    case 'draft':
      return row.kind === 'plan' && !row.plan.approvedAt;
    default:
      return true;
  }
}
