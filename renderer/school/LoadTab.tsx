import { Fragment, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import CheckCircleOutlined from '@mui/icons-material/CheckCircleOutlined';
import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import type { ResultOf } from '../../main/core/api/types';
import { api, messageOf } from '../api/client';
import { useActor } from '../app/session';
import { formatDate } from '../i18n/format';
import { FormDialog, SelectField, parseNumber, showNumber, useEditor } from './kit';
import { DateField } from '../components/DateField';
import { canEditSchool } from './roles';
import { useRemove } from './useRemove';
import { useYear } from './year';

type Load = ResultOf<'school.load'>;
type Assignment = Load['assignments'][number];
type Line = Load['comparison']['byClass'][number]['lines'][number];

const hours = (n: number) => `${showNumber(n)} ч`;

/**
 * Нагрузка and its live comparison with the curriculum: per class, each
 * subject (or subgroup) with the hours planned, assigned, not yet assigned
 * and assigned twice; per teacher, their hours and any doubled lines.
 */
export function LoadTab() {
  const { yearId, year } = useYear();
  const editable = canEditSchool(useActor()) && year?.status !== 'closed';
  const load = useQuery({ queryKey: ['school.load', yearId], queryFn: () => api.school.load({ yearId: yearId! }), enabled: !!yearId });
  const classes = useQuery({ queryKey: ['school.listClasses', yearId], queryFn: () => api.school.listClasses({ yearId: yearId! }), enabled: !!yearId });
  const lists = useQuery({ queryKey: ['school.subjects'], queryFn: () => api.school.subjects() });
  const staff = useQuery({ queryKey: ['school.listStaff', false], queryFn: () => api.school.listStaff({}) });
  const [view, setView] = useState<'class' | 'teacher'>('class');
  const [editing, setEditing] = useState<Partial<Assignment> | null>(null);
  const remove = useRemove();

  if (!yearId) return <Alert severity="info">Сначала создайте учебный год.</Alert>;
  const data = load.data;
  const subjectName = (id: string) => lists.data?.subjects.find((s) => s.id === id)?.name ?? '—';
  const className = (id: string) => classes.data?.find((c) => c.id === id)?.name ?? '—';
  const staffName = (id: string) => staff.data?.find((s) => s.id === id)?.shortName ?? '—';
  const assignment = (id: string) => data?.assignments.find((a) => a.id === id);

  return (
    <>
      {load.isError && <Alert severity="error">{messageOf(load.error)}</Alert>}
      {load.isPending && <LinearProgress />}
      {data && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 2, flexWrap: 'wrap' }}>
          <Paper variant="outlined" sx={{ px: 2, py: 1 }} data-testid="load-totals">
            <Typography variant="body2" color="text.secondary">
              По учебному плану
            </Typography>
            <Typography variant="h6">{hours(data.comparison.totals.planned)}</Typography>
          </Paper>
          <Paper variant="outlined" sx={{ px: 2, py: 1, borderColor: data.comparison.totals.unassigned ? 'warning.main' : undefined }}>
            <Typography variant="body2" color="text.secondary">
              Не распределено
            </Typography>
            <Typography variant="h6" data-testid="load-unassigned">
              {hours(data.comparison.totals.unassigned)}
            </Typography>
          </Paper>
          <Paper variant="outlined" sx={{ px: 2, py: 1, borderColor: data.comparison.totals.twice ? 'error.main' : undefined }}>
            <Typography variant="body2" color="text.secondary">
              Назначено дважды
            </Typography>
            <Typography variant="h6" data-testid="load-twice">
              {hours(data.comparison.totals.twice)}
            </Typography>
          </Paper>
          <Box sx={{ flex: 1 }} />
          <ToggleButtonGroup size="small" exclusive value={view} onChange={(_e, v) => v && setView(v)} aria-label="Вид сравнения">
            <ToggleButton value="class">По классам</ToggleButton>
            <ToggleButton value="teacher">По учителям</ToggleButton>
          </ToggleButtonGroup>
          {editable && (
            <Button variant="contained" size="small" startIcon={<AddOutlined />} onClick={() => setEditing({})}>
              Назначить нагрузку
            </Button>
          )}
        </Box>
      )}
      {data && view === 'class' && (
        <Paper variant="outlined">
          <Table size="small" aria-label="Нагрузка по классам">
            <TableHead>
              <TableRow>
                <TableCell>Предмет</TableCell>
                <TableCell align="right">По плану</TableCell>
                <TableCell>Учителя</TableCell>
                <TableCell>Сверка</TableCell>
                <TableCell align="right" />
              </TableRow>
            </TableHead>
            <TableBody>
              {data.comparison.byClass.map((c) => (
                <Fragment key={c.classId}>
                  <TableRow sx={{ bgcolor: 'action.hover' }}>
                    <TableCell colSpan={5} sx={{ fontWeight: 600 }}>
                      {className(c.classId)} — по плану {hours(c.planned)}
                      {c.unassigned > 0 && ` · не распределено ${hours(c.unassigned)}`}
                      {c.twice > 0 && ` · дважды ${hours(c.twice)}`}
                    </TableCell>
                  </TableRow>
                  {c.lines.map((l) => (
                    <TableRow key={`${l.classId}|${l.subjectId}|${l.groupId}`} data-testid={`load-${className(l.classId)}-${subjectName(l.subjectId)}${l.groupName ? `-${l.groupName}` : ''}`}>
                      <TableCell sx={{ pl: 3 }}>
                        {subjectName(l.subjectId)}
                        {l.groupName && <Typography component="span" variant="body2" color="text.secondary">{` · ${l.groupName}`}</Typography>}
                      </TableCell>
                      <TableCell align="right">{hours(l.planned)}</TableCell>
                      <TableCell>
                        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
                          {l.assignmentIds.map((id) => {
                            const a = assignment(id);
                            if (!a) return null;
                            const dated = a.fromDate || a.toDate ? ` (${a.fromDate ? `с ${formatDate(a.fromDate)}` : ''}${a.toDate ? ` по ${formatDate(a.toDate)}` : ''})` : '';
                            return (
                              <Chip
                                key={id}
                                size="small"
                                label={`${staffName(a.staffId)} — ${hours(a.hoursPerWeek)}${a.groupId === null && l.groupId ? ' (весь класс)' : ''}${dated}`}
                                onClick={editable ? () => setEditing(a) : undefined}
                                onDelete={editable ? () => remove.ask(`нагрузка ${staffName(a.staffId)}: ${subjectName(a.subjectId)}, ${className(a.classId)}`, () => api.school.removeAssignment({ id })) : undefined}
                              />
                            );
                          })}
                        </Box>
                      </TableCell>
                      <TableCell>
                        <Status line={l} />
                      </TableCell>
                      <TableCell align="right">
                        {editable && l.unassigned > 0 && l.note !== 'not_in_curriculum' && (
                          <Button
                            size="small"
                            onClick={() => setEditing({ classId: l.classId, subjectId: l.subjectId, groupId: l.groupId, hoursPerWeek: l.unassigned })}
                          >
                            Назначить
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                  {c.lines.length === 0 && (
                    <TableRow>
                      <TableCell colSpan={5} sx={{ pl: 3, color: 'text.secondary' }}>
                        Учебный план класса не заполнен.
                      </TableCell>
                    </TableRow>
                  )}
                </Fragment>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
      {data && view === 'teacher' && (
        <Paper variant="outlined">
          <Table size="small" aria-label="Нагрузка по учителям">
            <TableHead>
              <TableRow>
                <TableCell>Учитель</TableCell>
                <TableCell align="right">Часов в неделю</TableCell>
                <TableCell align="right">Ставок (18 ч)</TableCell>
                <TableCell>Классы и предметы</TableCell>
                <TableCell>Сверка</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.comparison.byTeacher.map((t) => (
                <TableRow key={t.staffId}>
                  <TableCell sx={{ fontWeight: 600 }}>{staffName(t.staffId)}</TableCell>
                  <TableCell align="right">{showNumber(t.hours)}</TableCell>
                  <TableCell align="right">{showNumber(Math.round((t.hours / 18) * 100) / 100)}</TableCell>
                  <TableCell>
                    {t.lines.map((l) => (
                      <Typography key={l.assignmentId} variant="body2" color={l.twice ? 'error' : undefined}>
                        {className(l.classId)}, {subjectName(l.subjectId)}
                        {l.groupId ? ` (${data.comparison.byClass.flatMap((c) => c.lines).find((x) => x.groupId === l.groupId)?.groupName ?? 'подгруппа'})` : ''} — {hours(l.hoursPerWeek)}
                        {l.twice ? ' · назначено дважды' : ''}
                      </Typography>
                    ))}
                  </TableCell>
                  <TableCell>{t.twice > 0 ? <Chip size="small" color="error" variant="outlined" icon={<WarningAmberOutlined />} label={`дважды ${hours(t.twice)}`} /> : <Chip size="small" variant="outlined" color="success" icon={<CheckCircleOutlined />} label="без повторов" />}</TableCell>
                </TableRow>
              ))}
              {data.comparison.byTeacher.length === 0 && (
                <TableRow>
                  <TableCell colSpan={5} sx={{ color: 'text.secondary' }}>
                    Нагрузка ещё не распределена.
                  </TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        </Paper>
      )}
      {editing && yearId && <AssignmentDialog yearId={yearId} value={editing} onClose={() => setEditing(null)} />}
      {remove.dialog}
    </>
  );
}

function Status({ line }: { line: Line }) {
  if (line.note === 'not_in_curriculum') return <Chip size="small" color="error" variant="outlined" label="нет в учебном плане" />;
  return (
    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
      {line.note === 'no_groups' && <Chip size="small" variant="outlined" label="подгруппы не созданы" />}
      {line.unassigned > 0 && <Chip size="small" color="warning" variant="outlined" icon={<WarningAmberOutlined />} label={`не распределено ${hours(line.unassigned)}`} />}
      {line.twice > 0 && <Chip size="small" color="error" variant="outlined" icon={<WarningAmberOutlined />} label={`дважды ${hours(line.twice)}`} />}
      {line.unassigned === 0 && line.twice === 0 && <Chip size="small" color="success" variant="outlined" icon={<CheckCircleOutlined />} label="распределено" />}
    </Box>
  );
}

function AssignmentDialog({ yearId, value, onClose }: { yearId: string; value: Partial<Assignment>; onClose: () => void }) {
  const qc = useQueryClient();
  const classes = useQuery({ queryKey: ['school.listClasses', yearId], queryFn: () => api.school.listClasses({ yearId }) });
  const lists = useQuery({ queryKey: ['school.subjects'], queryFn: () => api.school.subjects() });
  const staff = useQuery({ queryKey: ['school.listStaff', false], queryFn: () => api.school.listStaff({}) });
  const curriculum = useQuery({ queryKey: ['school.curriculum', yearId], queryFn: () => api.school.curriculum({ yearId }) });
  const f = useEditor({
    classId: value.classId ?? '',
    subjectId: value.subjectId ?? '',
    groupId: value.groupId ?? '',
    staffId: value.staffId ?? '',
    hoursPerWeek: showNumber(value.hoursPerWeek),
    fromDate: value.fromDate ?? '',
    toDate: value.toDate ?? '',
  });
  const groups = useQuery({
    queryKey: ['school.groups', f.values.classId],
    queryFn: () => api.school.groups({ classId: f.values.classId }),
    enabled: !!f.values.classId,
  });
  const classItems = (curriculum.data ?? []).filter((i) => i.classId === f.values.classId);
  const item = classItems.find((i) => i.subjectId === f.values.subjectId);
  const split = groups.data?.splits.find((s) => s.subjectId === f.values.subjectId);
  const qualified = (staff.data ?? []).filter((s) => s.subjectIds.includes(f.values.subjectId));
  const others = (staff.data ?? []).filter((s) => !s.subjectIds.includes(f.values.subjectId));
  const save = async () => {
    const h = parseNumber(f.values.hoursPerWeek);
    const ok = f.check({
      classId: !f.values.classId && 'Выберите класс',
      subjectId: !f.values.subjectId && 'Выберите предмет',
      staffId: !f.values.staffId && 'Выберите учителя',
      groupId: item?.splitIntoGroups && !f.values.groupId && 'Выберите подгруппу',
      hoursPerWeek: (h === null || Number.isNaN(h) || h < 0.5 || h > 10) && 'От 0,5 до 10 часов в неделю',
    });
    if (!ok) return;
    const r = await f.run(() =>
      api.school.saveAssignment({
        id: value.id,
        classId: f.values.classId,
        subjectId: f.values.subjectId,
        groupId: f.values.groupId || null,
        staffId: f.values.staffId,
        hoursPerWeek: h!,
        fromDate: f.values.fromDate || null,
        toDate: f.values.toDate || null,
      }),
    );
    if (r) {
      await qc.invalidateQueries();
      onClose();
    }
  };
  return (
    <FormDialog open title={value.id ? 'Изменить нагрузку' : 'Назначить нагрузку'} onClose={onClose} onSubmit={save} busy={f.busy} error={f.formError}>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 2fr', columnGap: 2 }}>
        <SelectField {...f.text('classId', 'Класс')} disabled={!!value.id} options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        <SelectField
          {...f.text('subjectId', 'Предмет')}
          disabled={!!value.id}
          options={classItems.map((i) => ({ value: i.subjectId, label: `${lists.data?.subjects.find((s) => s.id === i.subjectId)?.name ?? '—'} (${showNumber(i.hoursPerWeek)} ч)` }))}
          helperText={f.errors.subjectId ?? (f.values.classId && classItems.length === 0 ? 'В учебном плане класса нет предметов' : ' ')}
        />
      </Box>
      {item?.splitIntoGroups && (
        <SelectField
          {...f.text('groupId', 'Подгруппа')}
          options={(split?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))}
          helperText={f.errors.groupId ?? (split?.groups.length ? ' ' : 'Подгруппы ещё не созданы: вкладка «Подгруппы»')}
        />
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr', columnGap: 2 }}>
        <SelectField
          {...f.text('staffId', 'Учитель')}
          options={[...qualified, ...others].map((s) => ({ value: s.id, label: `${s.fullName}${s.subjectIds.includes(f.values.subjectId) ? '' : ' — предмет не указан в карточке'}` }))}
        />
        <TextField {...f.text('hoursPerWeek', 'Часов в неделю')} />
        <DateField {...f.date('fromDate', 'С (если не с начала года)')} />
        <DateField {...f.date('toDate', 'По (если не до конца года)')} />
      </Box>
    </FormDialog>
  );
}
