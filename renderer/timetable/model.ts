import type { ResultOf } from '../../main/core/api/types';

/** What the grid works on: the timetable as `timetable.get` gives it. */
export type TimetableData = ResultOf<'timetable.get'>;
export type Entry = TimetableData['entries'][number];
export type Conflict = TimetableData['conflicts'][number];
export type SlotStatus = ResultOf<'timetable.slots'>[number];

export type ViewKind = 'class' | 'teacher' | 'room';

export const VIEW_LABELS: Record<ViewKind, string> = { class: 'Класс', teacher: 'Учитель', room: 'Кабинет' };

export const DAY_NAMES = ['', 'Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота'] as const;
export const DAY_SHORT = ['', 'Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'] as const;
export const PARITY_LABELS = ['Каждая неделя', 'Неделя А', 'Неделя Б'] as const;
export const PARITY_SHORT = ['', 'А', 'Б'] as const;

export const slotKey = (weekday: number, lessonNo: number) => `${weekday}|${lessonNo}`;

/** The entries a view shows: a class's (its groups' too), a teacher's, a room's. */
export function entriesOf(data: TimetableData, view: ViewKind, id: string | null): Entry[] {
  if (!id) return [];
  return data.entries.filter((e) => (view === 'class' ? e.classId === id : view === 'teacher' ? e.staffId === id : e.roomId === id));
}

/** Lookup of names by id. */
export function namesOf(data: TimetableData) {
  const cls = new Map(data.classes.map((c) => [c.id, c.name]));
  const grp = new Map(data.groups.map((g) => [g.id, g.name]));
  const sub = new Map(data.subjects.map((s) => [s.id, s]));
  const tch = new Map(data.teachers.map((t) => [t.id, t.name]));
  const rm = new Map(data.rooms.map((r) => [r.id, r.number]));
  return {
    cls: (id: string) => cls.get(id) ?? '—',
    group: (id: string | null) => (id ? (grp.get(id) ?? '') : ''),
    subject: (id: string) => sub.get(id)?.name ?? '—',
    subjectShort: (id: string) => sub.get(id)?.shortName || sub.get(id)?.name || '—',
    teacher: (id: string) => tch.get(id) ?? '—',
    room: (id: string | null) => (id ? (rm.get(id) ?? '') : ''),
  };
}

export type Names = ReturnType<typeof namesOf>;

/** The time of a lesson number by the bells of a shift: «08:00–08:40». */
export function bellTime(data: TimetableData, shift: number, lessonNo: number): string | null {
  return data.bells.find((b) => b.shift === shift && b.lessonNo === lessonNo)?.time ?? null;
}
