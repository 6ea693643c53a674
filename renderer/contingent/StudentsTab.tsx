import { useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import PersonAddOutlined from '@mui/icons-material/PersonAddOutlined';
import { api, messageOf } from '../api/client';
import { useActor } from '../app/session';
import { countOf, formatDate } from '../i18n/format';
import { SelectField } from '../school/kit';
import { canEditContingent } from '../school/roles';
import { useYear } from '../school/year';
import { EnrolDialog } from './EnrolDialog';
import { StudentCard } from './StudentCard';
import { CONSENT_LABELS } from './labels';

/** A row of the list with its consent chip, as drawn (the virtual list measures each row it draws). */
const ROW_H = 37;

/** The students of the year, by class: the secretary's daily list. */
export function StudentsTab({ fixedClassId }: { fixedClassId?: string }) {
  const { yearId, year } = useYear();
  const actor = useActor();
  const [classId, setClassId] = useState(fixedClassId ?? '');
  const [search, setSearch] = useState('');
  const [includeLeft, setIncludeLeft] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [enrolling, setEnrolling] = useState(false);
  // The class picker's list; a fixed class (Мой класс) has no picker.
  const classes = useQuery({ queryKey: ['school.listClasses', yearId], queryFn: () => api.school.listClasses({ yearId: yearId! }), enabled: !!yearId && !fixedClassId });
  const students = useQuery({
    queryKey: ['contingent.listStudents', yearId, classId, search, includeLeft],
    queryFn: () => api.contingent.listStudents({ yearId: yearId!, classId: classId || undefined, search: search || undefined, includeLeft }),
    enabled: !!yearId,
  });
  const rows = students.data ?? [];
  // A school's list is some 1 100 students: only the rows in view are drawn (the list still scrolls whole).
  const scroller = useRef<HTMLDivElement>(null);
  const [initialRect] = useState(() => ({ width: 1000, height: Math.max(300, window.innerHeight - 270) }));
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_H, overscan: 8, initialRect, getItemKey: (i) => rows[i]?.id ?? i });
  const items = virtual.getVirtualItems();
  const before = items.length > 0 ? items[0].start : 0;
  const after = items.length > 0 ? virtual.getTotalSize() - items[items.length - 1].end : 0;
  if (!yearId) return <Alert severity="info">Сначала создайте учебный год и классы.</Alert>;

  return (
    <>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', mb: 1, flexWrap: 'wrap' }}>
        {!fixedClassId && (
          <SelectField
            label="Класс"
            value={classId}
            onChange={(e) => setClassId(e.target.value)}
            empty="все классы"
            options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            sx={{ width: 150 }}
            fullWidth={false}
          />
        )}
        <TextField label="Поиск по ФИО" value={search} onChange={(e) => setSearch(e.target.value)} sx={{ width: 280 }} fullWidth={false} />
        <FormControlLabel control={<Checkbox size="small" checked={includeLeft} onChange={(e) => setIncludeLeft(e.target.checked)} />} label="С выбывшими за год" sx={{ mt: 0.5 }} />
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1.25 }}>
          {countOf(rows.length, ['обучающийся', 'обучающихся', 'обучающихся'])}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {canEditContingent(actor) && year?.status !== 'closed' && (
          <Button variant="contained" size="small" startIcon={<PersonAddOutlined />} onClick={() => setEnrolling(true)} sx={{ mt: 0.5 }}>
            Зачислить
          </Button>
        )}
      </Box>
      {students.isError && <Alert severity="error">{messageOf(students.error)}</Alert>}
      <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 'calc(100vh - 270px)' }} ref={scroller}>
        {students.isPending && <LinearProgress />}
        <Table stickyHeader size="small" aria-label="Обучающиеся">
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 40 }}>№</TableCell>
              <TableCell>ФИО</TableCell>
              <TableCell>Класс</TableCell>
              <TableCell>Дата рождения</TableCell>
              <TableCell>Согласие на ПДн</TableCell>
              <TableCell align="right">Представителей</TableCell>
              <TableCell>Данные проверены</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {before > 0 && <tr style={{ height: before }} aria-hidden />}
            {items.map(({ index: i, key }) => {
              const s = rows[i];
              return (
                <TableRow
                  key={key}
                  data-index={i}
                  ref={virtual.measureElement}
                  hover
                  tabIndex={0}
                  sx={{ cursor: 'pointer', '& td': { color: s.toDate ? 'text.secondary' : undefined } }}
                  onClick={() => setOpen(s.id)}
                  onKeyDown={(e) => e.key === 'Enter' && setOpen(s.id)}
                  data-testid={`student-${s.name}`}
                >
                  <TableCell>{i + 1}</TableCell>
                  <TableCell sx={{ fontWeight: 600 }}>
                    {s.name}
                    {s.toDate && (
                      <Typography component="span" variant="body2" color="text.secondary">
                        {` · выбыл(а) из ${s.className} с ${formatDate(nextDay(s.toDate))}`}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{s.className}</TableCell>
                  <TableCell>{formatDate(s.birthDate)}</TableCell>
                  <TableCell>
                    <Chip size="small" variant="outlined" color={s.consent === 'given' ? 'success' : s.consent === 'refused' ? 'error' : 'default'} label={CONSENT_LABELS[s.consent]} />
                  </TableCell>
                  <TableCell align="right">{s.guardians}</TableCell>
                  <TableCell>{s.dataCheckedAt ? formatDate(s.dataCheckedAt) : '—'}</TableCell>
                </TableRow>
              );
            })}
            {after > 0 && <tr style={{ height: after }} aria-hidden />}
            {students.data && rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={7} sx={{ color: 'text.secondary' }}>
                  Обучающихся не найдено. Зачислите их по одному или загрузите список из файла Excel.
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      {open && <StudentCard studentId={open} onClose={() => setOpen(null)} />}
      {enrolling && <EnrolDialog classId={classId} onClose={() => setEnrolling(false)} />}
    </>
  );
}

export function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
