import { useEffect, useMemo, useState, type DragEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import CallSplitOutlined from '@mui/icons-material/CallSplitOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import DragIndicatorOutlined from '@mui/icons-material/DragIndicatorOutlined';
import type { ResultOf } from '../../main/core/api/types';
import { ApiError, api, messageOf } from '../api/client';
import { useActor } from '../app/session';
import { useNotify } from '../components/Notifier';
import { countOf, formatDate } from '../i18n/format';
import { Card, FormDialog, SelectField, useEditor } from './kit';
import { DateField } from '../components/DateField';
import { isIsoDate } from '../i18n/ru-date';
import { canEditSchool } from './roles';
import { useRemove } from './useRemove';
import { useYear } from './year';
import { LimitedTextField, useTextLimit } from '../components/LimitedTextField';

type View = ResultOf<'school.groups'>;
type Split = View['splits'][number];
const NONE = 'none';

/**
 * Деление класса на подгруппы: drag a student to another subgroup, or press
 * the student and choose the subgroup from the list (keyboard). Changes are
 * saved together from the date shown; inside a study period only the deputy
 * may confirm them, with a reason (seed 003 §4.4.11).
 */
export function GroupsTab() {
  const { yearId, year, today } = useYear();
  const editable = canEditSchool(useActor()) && year?.status !== 'closed';
  const classes = useQuery({ queryKey: ['school.listClasses', yearId], queryFn: () => api.school.listClasses({ yearId: yearId! }), enabled: !!yearId });
  const [classId, setClassId] = useState('');
  const defaultDate = year && today ? (today < year.startDate ? year.startDate : today > year.endDate ? year.endDate : today) : '';
  const [date, setDate] = useState('');
  const typed = date || defaultDate;
  // Changes are saved from the date shown: while the field holds no date, there are no lists to change.
  const day = isIsoDate(typed) ? typed : '';
  useEffect(() => {
    if (!classId && classes.data?.length) setClassId(classes.data[0].id);
  }, [classes.data, classId]);
  const view = useQuery({ queryKey: ['school.groups', classId, day], queryFn: () => api.school.groups({ classId, date: day }), enabled: !!classId && !!day });
  const curriculum = useQuery({ queryKey: ['school.curriculum', yearId], queryFn: () => api.school.curriculum({ yearId: yearId! }), enabled: !!yearId });
  const lists = useQuery({ queryKey: ['school.subjects'], queryFn: () => api.school.subjects() });
  const [splitting, setSplitting] = useState(false);

  if (!yearId) return <Alert severity="info">Сначала создайте учебный год.</Alert>;
  const splitSubjects = new Set(view.data?.splits.filter((s) => s.groups.length).map((s) => s.subjectId));
  const candidates = (curriculum.data ?? []).filter((i) => i.classId === classId && !splitSubjects.has(i.subjectId));

  return (
    <>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', mb: 1 }}>
        <SelectField
          label="Класс"
          value={classId}
          onChange={(e) => setClassId(e.target.value)}
          options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          sx={{ width: 140 }}
          fullWidth={false}
        />
        <DateField label="Состав на дату" value={typed} onChange={setDate} sx={{ width: 190 }} fullWidth={false} helperText="С этой даты действуют изменения" />
        <Box sx={{ flex: 1 }} />
        {editable && classId && (
          <Button variant="contained" size="small" startIcon={<CallSplitOutlined />} onClick={() => setSplitting(true)} disabled={candidates.length === 0 || !day} sx={{ mt: 0.5 }}>
            Разделить на подгруппы
          </Button>
        )}
      </Box>
      {!day && typed && (
        <Alert severity="warning" sx={{ mb: 1 }}>
          Введите дату в виде ДД.ММ.ГГГГ: состав подгрупп показывается и меняется с этой даты.
        </Alert>
      )}
      {view.isPending && classId && day && <LinearProgress />}
      {view.isError && <Alert severity="error">{messageOf(view.error)}</Alert>}
      {view.data && day && view.data.splits.filter((s) => s.groups.length).length === 0 && (
        <Alert severity="info">
          {view.data.className} пока не делится на подгруппы. Выберите предмет учебного плана и число подгрупп — список класса
          разделится по алфавиту, а затем учеников можно перетащить из подгруппы в подгруппу.
        </Alert>
      )}
      {view.data &&
        day &&
        view.data.splits
          .filter((s) => s.groups.length)
          .map((s) => <SplitBoard key={`${s.subjectId}|${day}`} view={view.data!} split={s} date={day} editable={editable} />)}
      {splitting && day && (
        <SplitDialog
          classId={classId}
          date={day}
          subjects={candidates.map((i) => ({ value: i.subjectId, label: lists.data?.subjects.find((x) => x.id === i.subjectId)?.name ?? '—' }))}
          onClose={() => setSplitting(false)}
        />
      )}
    </>
  );
}

function SplitBoard({ view, split, date, editable }: { view: View; split: Split; date: string; editable: boolean }) {
  const notify = useNotify();
  const qc = useQueryClient();
  const remove = useRemove();
  const original = useMemo(() => {
    const m = new Map<string, string>();
    for (const g of split.groups) for (const id of g.memberIds) m.set(id, g.id);
    for (const id of split.unassignedIds) m.set(id, NONE);
    return m;
  }, [split]);
  const [placed, setPlaced] = useState(original);
  const [menu, setMenu] = useState<{ anchor: HTMLElement; studentId: string } | null>(null);
  const [reasonFor, setReasonFor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = (id: string) => view.students.find((s) => s.id === id)?.name ?? '—';
  const changed = [...placed].filter(([id, g]) => original.get(id) !== g);
  const columns = [...split.groups.map((g) => ({ id: g.id, name: g.name })), ...(split.unassignedIds.length || [...placed.values()].includes(NONE) ? [{ id: NONE, name: 'Не распределены' }] : [])];

  const move = (studentId: string, groupId: string) => {
    setPlaced((p) => new Map(p).set(studentId, groupId));
    setError(null);
  };
  const save = async (reason?: string) => {
    setBusy(true);
    try {
      const r = await api.school.setGroupMembers({
        classId: view.classId,
        subjectId: split.subjectId,
        date,
        members: changed.map(([studentId, g]) => ({ studentId, groupId: g === NONE ? null : g })),
        reason,
      });
      notify.success(`Состав подгрупп по предмету «${split.subjectName}» изменён с ${formatDate(date)}: ${countOf(r.changed, ['ученик', 'ученика', 'учеников'])}.`);
      setReasonFor(null);
      await qc.invalidateQueries({ queryKey: ['school.groups'] });
      await qc.invalidateQueries({ queryKey: ['school.load'] });
    } catch (e) {
      if (e instanceof ApiError && e.details?.needsReason) setReasonFor(e.message);
      else setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const onDrop = (e: DragEvent, groupId: string) => {
    e.preventDefault();
    const id = e.dataTransfer.getData('text/student');
    if (id) move(id, groupId);
  };

  return (
    <Card
      title={`${split.subjectName} — ${countOf(split.groups.length, ['подгруппа', 'подгруппы', 'подгрупп'])}`}
      subtitle={`${view.className}, состав на ${formatDate(date)}`}
      actions={
        editable && (
          <Box sx={{ display: 'flex', gap: 1 }}>
            <Button size="small" disabled={!changed.length || busy} onClick={() => setPlaced(original)}>
              Отменить
            </Button>
            <Button size="small" variant="contained" disabled={!changed.length || busy} onClick={() => void save()}>
              Сохранить изменения{changed.length ? ` (${changed.length})` : ''}
            </Button>
          </Box>
        )
      }
    >
      {error && (
        <Alert severity="error" sx={{ mx: 2, mb: 1 }} role="alert">
          {error}
        </Alert>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: `repeat(${columns.length}, minmax(200px, 1fr))`, gap: 2, px: 2, pb: 2 }}>
        {columns.map((col) => {
          const members = [...placed].filter(([, g]) => g === col.id).map(([id]) => id).sort((a, b) => name(a).localeCompare(name(b), 'ru'));
          return (
            <Paper
              key={col.id}
              variant="outlined"
              role="list"
              aria-label={col.name}
              data-testid={`group-${split.subjectName}-${col.name}`}
              onDragOver={(e) => editable && e.preventDefault()}
              onDrop={(e) => editable && onDrop(e, col.id)}
              sx={{ p: 1, minHeight: 120, bgcolor: col.id === NONE ? 'action.hover' : undefined }}
            >
              <Box sx={{ display: 'flex', alignItems: 'center', mb: 0.5 }}>
                <Typography sx={{ fontWeight: 600, flex: 1 }}>
                  {col.name} · {members.length}
                </Typography>
                {editable && col.id !== NONE && (
                  <IconButton size="small" aria-label={`Удалить ${col.name}`} onClick={() => remove.ask(`${col.name} (${split.subjectName}, ${view.className})`, () => api.school.removeGroup({ id: col.id }))}>
                    <DeleteOutline fontSize="small" />
                  </IconButton>
                )}
              </Box>
              {members.map((id) => (
                <Box
                  key={id}
                  role="listitem"
                  component="button"
                  type="button"
                  draggable={editable}
                  disabled={!editable}
                  onDragStart={(e: DragEvent) => e.dataTransfer.setData('text/student', id)}
                  onClick={(e) => editable && setMenu({ anchor: e.currentTarget as HTMLElement, studentId: id })}
                  sx={{
                    display: 'flex',
                    alignItems: 'center',
                    gap: 0.5,
                    width: '100%',
                    textAlign: 'left',
                    font: 'inherit',
                    color: 'inherit',
                    border: 1,
                    borderColor: original.get(id) !== col.id ? 'primary.main' : 'divider',
                    bgcolor: original.get(id) !== col.id ? 'action.selected' : 'background.paper',
                    borderRadius: 1,
                    px: 1,
                    py: 0.5,
                    mb: 0.5,
                    cursor: editable ? 'grab' : 'default',
                  }}
                >
                  {editable && <DragIndicatorOutlined sx={{ fontSize: 16, color: 'text.secondary' }} />}
                  {name(id)}
                </Box>
              ))}
            </Paper>
          );
        })}
      </Box>
      <Menu open={menu !== null} anchorEl={menu?.anchor} onClose={() => setMenu(null)}>
        {columns
          .filter((c) => c.id !== placed.get(menu?.studentId ?? ''))
          .map((c) => (
            <MenuItem
              key={c.id}
              onClick={() => {
                if (menu) move(menu.studentId, c.id);
                setMenu(null);
              }}
            >
              Перевести: {c.name}
            </MenuItem>
          ))}
      </Menu>
      {reasonFor && <ReasonDialog message={reasonFor} busy={busy} onClose={() => setReasonFor(null)} onConfirm={(r) => void save(r)} />}
      {remove.dialog}
    </Card>
  );
}

function ReasonDialog({ message, busy, onClose, onConfirm }: { message: string; busy: boolean; onClose: () => void; onConfirm: (reason: string) => void }) {
  const f = useEditor({ reason: '' });
  const limit = useTextLimit('groupChangeReason');
  return (
    <FormDialog
      open
      title="Перевод в середине учебного периода"
      submitLabel="Подтвердить перевод"
      onClose={onClose}
      busy={busy}
      onSubmit={() => f.check({ reason: !f.values.reason.trim() && 'Укажите причину перевода' }) && onConfirm(f.values.reason.trim())}
    >
      <Alert severity="warning" sx={{ mb: 2 }}>
        {message}
      </Alert>
      <LimitedTextField {...f.text('reason', 'Причина')} label="Причина" value={f.values.reason} limit={limit} autoFocus minRows={2} />
    </FormDialog>
  );
}

function SplitDialog({ classId, date, subjects, onClose }: { classId: string; date: string; subjects: { value: string; label: string }[]; onClose: () => void }) {
  const qc = useQueryClient();
  const f = useEditor({ subjectId: subjects[0]?.value ?? '', count: '2' });
  const save = async () => {
    if (!f.check({ subjectId: !f.values.subjectId && 'Выберите предмет' })) return;
    const r = await f.run(() => api.school.splitClass({ classId, subjectId: f.values.subjectId, count: Number(f.values.count), date }));
    if (r) {
      await qc.invalidateQueries();
      onClose();
    }
  };
  return (
    <FormDialog open title="Разделить класс на подгруппы" submitLabel="Разделить" onClose={onClose} onSubmit={save} busy={f.busy} error={f.formError}>
      <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr', columnGap: 2 }}>
        <SelectField {...f.text('subjectId', 'Предмет')} options={subjects} autoFocus />
        <SelectField {...f.text('count', 'Подгрупп')} options={['2', '3', '4'].map((v) => ({ value: v, label: v }))} />
      </Box>
      <Typography variant="body2" color="text.secondary">
        Список класса на {formatDate(date)} разделится по алфавиту; затем учеников можно перевести из подгруппы в подгруппу.
      </Typography>
    </FormDialog>
  );
}
