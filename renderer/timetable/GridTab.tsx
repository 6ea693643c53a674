import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { api } from '../api/client';
import { useNotify } from '../components/Notifier';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useConfirm } from '../substitutions/useConfirm';
import { SelectField } from '../school/kit';
import { LessonCard } from './LessonCard';
import { PlacePanel, type LessonDraft } from './PlacePanel';
import { WeekGrid, type Slot } from './WeekGrid';
import { bellTime, entriesOf, namesOf, slotKey, VIEW_LABELS, type Entry, type TimetableData, type ViewKind } from './model';

type Mode = { kind: 'new'; draft: LessonDraft } | { kind: 'move'; entryId: string; from: Slot } | null;

/**
 * The deputy's week editor. A week by class, by teacher or by room; a lesson
 * is picked up by a click, by Enter on its slot or by dragging it, and put
 * down by a click, Enter or a drop — on a lesson of the same class it swaps
 * places with it. While a lesson is in hand every slot says whether it is
 * free or why not; a slot that breaks a rule takes the lesson only after the
 * deputy confirms, and the lesson stays in the conflicts until fixed.
 */
export function GridTab({ data, editable, focusOn }: { data: TimetableData; editable: boolean; focusOn?: { view: ViewKind; id: string; slot: Slot } | null }) {
  const qc = useQueryClient();
  const notify = useNotify();
  const { attempt, dialog } = useConfirm();
  const names = useMemo(() => namesOf(data), [data]);
  const [view, setView] = useState<ViewKind>('class');
  const [ids, setIds] = useState<Record<ViewKind, string | null>>({
    class: data.classes[0]?.id ?? null,
    teacher: data.teachers.find((t) => data.entries.some((e) => e.staffId === t.id))?.id ?? data.teachers[0]?.id ?? null,
    room: data.rooms.find((r) => data.entries.some((e) => e.roomId === r.id))?.id ?? data.rooms[0]?.id ?? null,
  });
  const [week, setWeek] = useState<0 | 1 | 2>(0);
  const [focus, setFocus] = useState<Slot>({ weekday: 1, lessonNo: 1 });
  const [mode, setMode] = useState<Mode>(null);
  const [removing, setRemoving] = useState<Entry | null>(null);
  const id = ids[view];

  useEffect(() => {
    if (!focusOn) return;
    setView(focusOn.view);
    setIds((x) => ({ ...x, [focusOn.view]: focusOn.id }));
    setFocus(focusOn.slot);
  }, [focusOn]);

  const hours = useQuery({ queryKey: ['timetable.hours', data.timetable.id], queryFn: () => api.timetable.hours({ id: data.timetable.id }), enabled: editable });
  const slotsQuery = useQuery({
    queryKey: ['timetable.slots', data.timetable.id, mode, data.entries.length],
    enabled: mode !== null,
    queryFn: () =>
      mode?.kind === 'move'
        ? api.timetable.slots({ timetableId: data.timetable.id, entryId: mode.entryId, days: data.days, lessonsPerDay: data.lessonsPerDay })
        : api.timetable.slots({ timetableId: data.timetable.id, lesson: (mode as { draft: LessonDraft }).draft, days: data.days, lessonsPerDay: data.lessonsPerDay }),
  });
  const statuses = useMemo(() => (slotsQuery.data ? new Map(slotsQuery.data.map((s) => [slotKey(s.weekday, s.lessonNo), s])) : null), [slotsQuery.data]);

  const shown = useMemo(
    () => entriesOf(data, view, id).filter((e) => week === 0 || e.weekParity === 0 || e.weekParity === week),
    [data, view, id, week],
  );
  const bySlot = useMemo(() => {
    const m = new Map<string, Entry[]>();
    for (const e of shown) (m.get(slotKey(e.weekday, e.lessonNo)) ?? m.set(slotKey(e.weekday, e.lessonNo), []).get(slotKey(e.weekday, e.lessonNo))!).push(e);
    return m;
  }, [shown]);
  const conflictsOf = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const c of data.conflicts) for (const eid of c.entryIds) (m.get(eid) ?? m.set(eid, []).get(eid)!).push(c.message);
    return m;
  }, [data.conflicts]);
  const lessons = useMemo(() => {
    const first = data.entries.some((e) => e.lessonNo === 0) ? 0 : 1;
    return Array.from({ length: data.lessonsPerDay - first + 1 }, (_, i) => i + first);
  }, [data]);
  // A teacher or a room may work in both shifts: the second shift's 1st lesson rings at another time.
  const shiftOf = useMemo(() => new Map(data.classes.map((c) => [c.id, c.shift])), [data.classes]);
  const shifts = useMemo(
    () => (view === 'class' ? [shiftOf.get(id ?? '') ?? 1] : [...new Set(shown.map((e) => shiftOf.get(e.classId) ?? 1))].sort((a, b) => a - b)),
    [view, id, shown, shiftOf],
  );
  const shift = shifts[0] ?? 1;
  const otherShift = (e: Entry) => {
    const own = shiftOf.get(e.classId) ?? 1;
    const start = bellTime(data, own, e.lessonNo)?.split('–')[0];
    return view !== 'class' && own !== shift ? `${own} смена${start ? `, ${start}` : ''}` : null;
  };

  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['timetable.get', data.timetable.id] });
    await qc.invalidateQueries({ queryKey: ['timetable.hours', data.timetable.id] });
    await qc.invalidateQueries({ queryKey: ['timetable.list'] });
  };
  const after = (what: string) => async (r: { warnings?: { message: string }[] }) => {
    setMode(null);
    await refresh();
    if (r.warnings?.length) notify.info(`${what} с предупреждением: ${r.warnings.map((w) => w.message).join(' ')}`);
    else notify.success(what);
  };

  const drop = (slot: Slot) => {
    if (!mode) return;
    if (mode.kind === 'new') {
      void attempt((force) => api.timetable.place({ timetableId: data.timetable.id, weekday: slot.weekday, lessonNo: slot.lessonNo, ...mode.draft, force }), after('Урок поставлен'));
      return;
    }
    if (mode.from.weekday === slot.weekday && mode.from.lessonNo === slot.lessonNo) {
      setMode(null);
      return;
    }
    const moving = data.entries.find((e) => e.id === mode.entryId);
    const occupant =
      view === 'class' && moving
        ? (bySlot.get(slotKey(slot.weekday, slot.lessonNo)) ?? []).find((e) => e.classId === moving.classId && !(moving.cardId && e.cardId === moving.cardId))
        : undefined;
    if (occupant) {
      void attempt((force) => api.timetable.swap({ entryId: mode.entryId, otherEntryId: occupant.id, force }), after('Уроки поменялись местами'));
    } else {
      void attempt((force) => api.timetable.move({ entryId: mode.entryId, weekday: slot.weekday, lessonNo: slot.lessonNo, force }), after('Урок перенесён'));
    }
  };

  const pickUp = (entry: Entry) => {
    if (!editable) return;
    setMode({ kind: 'move', entryId: entry.id, from: { weekday: entry.weekday, lessonNo: entry.lessonNo } });
    setFocus({ weekday: entry.weekday, lessonNo: entry.lessonNo });
  };

  const activate = (slot: Slot) => {
    if (mode) {
      // Enter on the slot the lesson came from picks up the next lesson there (a split's other group), or puts it back.
      if (mode.kind === 'move' && mode.from.weekday === slot.weekday && mode.from.lessonNo === slot.lessonNo) {
        const here = bySlot.get(slotKey(slot.weekday, slot.lessonNo)) ?? [];
        const i = here.findIndex((e) => e.id === mode.entryId);
        const next = here.slice(i + 1).find((e) => !e.cardId || e.cardId !== here[i]?.cardId);
        if (next) pickUp(next);
        else setMode(null);
        return;
      }
      drop(slot);
      return;
    }
    const here = bySlot.get(slotKey(slot.weekday, slot.lessonNo));
    if (here?.length) pickUp(here[0]);
  };

  const extraKey = (e: KeyboardEvent, slot: Slot) => {
    if (e.key === 'Escape' && mode) {
      e.preventDefault();
      setMode(null);
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && !mode && editable) {
      const here = bySlot.get(slotKey(slot.weekday, slot.lessonNo));
      if (here?.length) {
        e.preventDefault();
        setRemoving(here[0]);
      }
    }
  };

  const options =
    view === 'class'
      ? data.classes.map((c) => ({ value: c.id, label: c.name }))
      : view === 'teacher'
        ? data.teachers.map((t) => ({ value: t.id, label: t.fullName }))
        : data.rooms.map((r) => ({ value: r.id, label: r.name ? `${r.number} — ${r.name}` : r.number }));
  const modeText =
    mode?.kind === 'move'
      ? (() => {
          const e = data.entries.find((x) => x.id === mode.entryId);
          return e ? `Переносится: ${names.subject(e.subjectId)}, ${names.cls(e.classId)}${e.groupId ? ` (${names.group(e.groupId)})` : ''}. Выберите новое место: щелчок, Enter или перетаскивание; на урок того же класса — поменять местами. Esc — отмена.` : '';
        })()
      : mode?.kind === 'new'
        ? 'Выберите место для нового урока: зелёным отмечены свободные места, красным — занятые с причиной. Esc — отмена.'
        : null;

  return (
    <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }}>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Box role="toolbar" aria-label="Вид недели" sx={{ display: 'flex', gap: 1.5, alignItems: 'center', mb: 1.5, flexWrap: 'wrap' }}>
          <ToggleButtonGroup size="small" exclusive value={view} onChange={(_e, v: ViewKind | null) => v && setView(v)} aria-label="Вид расписания">
            {(Object.keys(VIEW_LABELS) as ViewKind[]).map((v) => (
              <ToggleButton key={v} value={v} sx={{ px: 1.5 }}>
                {VIEW_LABELS[v]}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <Box sx={{ width: 260 }}>
            <SelectField label={VIEW_LABELS[view]} value={id ?? ''} onChange={(e) => setIds((x) => ({ ...x, [view]: e.target.value }))} options={options} helperText="" sx={{ mb: 0 }} />
          </Box>
          {data.timetable.cycleWeeks === 2 && (
            <ToggleButtonGroup size="small" exclusive value={week} onChange={(_e, v: 0 | 1 | 2 | null) => v !== null && setWeek(v)} aria-label="Неделя">
              <ToggleButton value={0}>Обе недели</ToggleButton>
              <ToggleButton value={1}>Неделя А</ToggleButton>
              <ToggleButton value={2}>Неделя Б</ToggleButton>
            </ToggleButtonGroup>
          )}
          <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }}>
            {countHours(shown)}
          </Typography>
        </Box>
        {modeText && (
          <Alert severity="info" sx={{ mb: 1.5 }} action={<Button onClick={() => setMode(null)}>Отмена</Button>}>
            {modeText}
          </Alert>
        )}
        <WeekGrid
          label={`Расписание: ${VIEW_LABELS[view].toLowerCase()} ${options.find((o) => o.value === id)?.label ?? ''}`}
          days={data.days}
          lessons={lessons}
          rowHeader={(n) => (
            <>
              <Typography variant="subtitle2" component="div">
                {n} урок
              </Typography>
              <Typography variant="caption" color="text.secondary" component="div">
                {bellTime(data, shift, n) ?? ''}
              </Typography>
              {shifts.slice(1).map((sh) => (
                <Typography key={sh} variant="caption" color="text.secondary" component="div" title={`${sh} смена: ${bellTime(data, sh, n) ?? 'звонков нет'}`}>
                  {sh} см. {bellTime(data, sh, n)?.split('–')[0] ?? '—'}
                </Typography>
              ))}
            </>
          )}
          cell={(slot) =>
            (bySlot.get(slotKey(slot.weekday, slot.lessonNo)) ?? []).map((e) => (
              <LessonCard
                key={e.id}
                entry={e}
                view={view}
                names={names}
                conflicts={conflictsOf.get(e.id) ?? []}
                shiftNote={otherShift(e)}
                moving={mode?.kind === 'move' && (mode.entryId === e.id || (!!e.cardId && data.entries.find((x) => x.id === mode.entryId)?.cardId === e.cardId))}
                draggable={editable}
                onPick={() => (mode ? drop(slot) : pickUp(e))}
                onDragStart={() => pickUp(e)}
              />
            ))
          }
          statuses={statuses}
          focus={focus}
          onFocus={setFocus}
          onActivate={activate}
          onExtraKey={extraKey}
          onDropAt={editable ? drop : undefined}
        />
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
          Клавиатура: стрелки, Home/End, PageUp/PageDown — по сетке; Enter — взять урок и поставить его на выбранное место; Delete — убрать урок; Esc — отмена.
        </Typography>
      </Box>
      {editable && (
        <PlacePanel
          data={data}
          hours={hours.data}
          classId={view === 'class' ? id : null}
          placing={mode?.kind === 'new'}
          onPlace={(draft) => {
            setMode({ kind: 'new', draft });
            if (view === 'class' && draft.classId !== id) setIds((x) => ({ ...x, class: draft.classId }));
          }}
          onCancel={() => setMode(null)}
        />
      )}
      {dialog}
      <ConfirmDialog
        open={!!removing}
        title="Убрать урок из расписания?"
        confirmLabel="Убрать"
        danger
        onClose={() => setRemoving(null)}
        onConfirm={() => {
          const e = removing!;
          setRemoving(null);
          void api.timetable
            .removeEntry({ entryId: e.id })
            .then(async () => {
              await refresh();
              notify.success('Урок убран из расписания');
            })
            .catch(notify.error);
        }}
      >
        {removing && (
          <Typography variant="body2">
            {names.subject(removing.subjectId)}, {names.cls(removing.classId)}
            {removing.groupId ? ` (${names.group(removing.groupId)})` : ''}, {names.teacher(removing.staffId)}. Уроки в журнале изменятся, когда изменения будут применены к урокам.
          </Typography>
        )}
      </ConfirmDialog>
    </Box>
  );
}

/** «24 ч в неделю»: the periods the lessons shown take (a week A or B lesson counts as a half). */
function countHours(entries: Entry[]): string {
  const slots = new Map<string, number>();
  for (const e of entries) slots.set(`${e.weekday}|${e.lessonNo}|${e.weekParity}`, e.weekParity === 0 ? 1 : 0.5);
  const h = [...slots.values()].reduce((a, b) => a + b, 0);
  return `${String(h).replace('.', ',')} ч в неделю`;
}
