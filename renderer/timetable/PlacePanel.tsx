import { useEffect, useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ResultOf } from '../../main/core/api/types';
import { SelectField } from '../school/kit';
import { PARITY_LABELS, type TimetableData } from './model';

export interface LessonDraft {
  classId: string;
  groupId: string | null;
  subjectId: string;
  staffId: string;
  roomId: string | null;
  weekParity: number;
}

type Hours = ResultOf<'timetable.hours'>;

/**
 * The lesson to put into the week: the class's subjects with the hours still
 * to place (as aSc shows the cards not yet placed), and the lesson's teacher,
 * group and room — the teacher and group taken from the load when the subject
 * is picked. «Показать свободные места» makes every slot of the grid say
 * whether this lesson fits there.
 */
export function PlacePanel({
  data,
  hours,
  classId,
  placing,
  onPlace,
  onCancel,
}: {
  data: TimetableData;
  hours: Hours | undefined;
  classId: string | null;
  placing: boolean;
  onPlace: (draft: LessonDraft) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<LessonDraft>({ classId: classId ?? '', groupId: null, subjectId: '', staffId: '', roomId: null, weekParity: 0 });
  useEffect(() => setDraft((d) => ({ ...d, classId: classId ?? d.classId })), [classId]);
  const set = (patch: Partial<LessonDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const todo = useMemo(
    () => (hours?.subjects ?? []).filter((s) => s.classId === draft.classId && s.placed < s.required),
    [hours, draft.classId],
  );
  const subjectName = (id: string) => data.subjects.find((s) => s.id === id)?.shortName || data.subjects.find((s) => s.id === id)?.name || '';
  const groupName = (id: string | null) => (id ? (data.groups.find((g) => g.id === id)?.name ?? '') : '');

  /** Picking a subject (and group) fills the teacher from the load and the room from the teacher's usual one. */
  const pick = (subjectId: string, groupId: string | null) => {
    const load = hours?.load.find((l) => l.classId === draft.classId && l.subjectId === subjectId && (l.groupId === groupId || l.groupId === null));
    const staffId = load?.staffId ?? draft.staffId;
    // The teacher's usual room in this timetable; for a whole-class lesson, else the class's home room.
    const usual =
      data.entries.find((e) => e.staffId === staffId && e.roomId)?.roomId ??
      (groupId ? null : (data.classes.find((c) => c.id === draft.classId)?.roomId ?? null));
    set({ subjectId, groupId, staffId, roomId: usual });
  };

  const groups = data.groups.filter((g) => g.classId === draft.classId && g.subjectId === draft.subjectId);
  const ready = draft.classId && draft.subjectId && draft.staffId;
  return (
    <Paper variant="outlined" sx={{ p: 2, width: 300, flexShrink: 0, alignSelf: 'flex-start' }} component="section" aria-label="Новый урок">
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        Новый урок
      </Typography>
      <SelectField
        label="Класс"
        value={draft.classId}
        onChange={(e) => set({ classId: e.target.value, groupId: null, subjectId: '' })}
        options={data.classes.map((c) => ({ value: c.id, label: c.name }))}
        helperText=" "
      />
      {todo.length > 0 && (
        <Box sx={{ mb: 1.5 }}>
          <Typography variant="caption" color="text.secondary">
            Осталось поставить по учебному плану:
          </Typography>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, mt: 0.5 }}>
            {todo.map((s) => (
              <Chip
                key={`${s.subjectId}|${s.groupId ?? ''}`}
                size="small"
                variant={draft.subjectId === s.subjectId && draft.groupId === s.groupId ? 'filled' : 'outlined'}
                color="primary"
                label={`${subjectName(s.subjectId)}${s.groupId ? `, ${groupName(s.groupId)}` : ''}: ${fmt(s.placed)} из ${fmt(s.required)}`}
                onClick={() => pick(s.subjectId, s.groupId)}
              />
            ))}
          </Box>
        </Box>
      )}
      <SelectField
        label="Предмет"
        value={draft.subjectId}
        onChange={(e) => pick(e.target.value, null)}
        options={data.subjects.map((s) => ({ value: s.id, label: s.name }))}
        helperText=" "
      />
      {groups.length > 0 && (
        <SelectField
          label="Группа"
          value={draft.groupId ?? ''}
          onChange={(e) => pick(draft.subjectId, e.target.value || null)}
          empty="Весь класс"
          options={groups.map((g) => ({ value: g.id, label: g.name }))}
          helperText=" "
        />
      )}
      <SelectField
        label="Учитель"
        value={draft.staffId}
        onChange={(e) => set({ staffId: e.target.value })}
        options={data.teachers.map((t) => ({ value: t.id, label: t.fullName }))}
        helperText=" "
      />
      <SelectField
        label="Кабинет"
        value={draft.roomId ?? ''}
        onChange={(e) => set({ roomId: e.target.value || null })}
        empty="Без кабинета"
        options={data.rooms.map((r) => ({ value: r.id, label: r.name ? `${r.number} — ${r.name}` : r.number }))}
        helperText=" "
      />
      {data.timetable.cycleWeeks === 2 && (
        <SelectField
          label="Неделя"
          value={draft.weekParity}
          onChange={(e) => set({ weekParity: Number(e.target.value) })}
          options={PARITY_LABELS.map((l, i) => ({ value: i, label: l }))}
          helperText=" "
        />
      )}
      {placing ? (
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
            Выберите место в сетке: щелчок или Enter.
          </Typography>
          <Button onClick={onCancel}>Отмена</Button>
        </Box>
      ) : (
        <Button variant="contained" fullWidth disabled={!ready} onClick={() => onPlace(draft)}>
          Показать свободные места
        </Button>
      )}
    </Paper>
  );
}

function fmt(n: number): string {
  return String(n).replace('.', ',');
}
