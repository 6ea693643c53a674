import { A3_LANDSCAPE, A4_LANDSCAPE, formatDateRu, type PageSetup, type ReportModel, type ReportRow, type ReportSection, type TableBlock } from '../reports/model';
import type { Placement } from './model';

/**
 * The printed timetable (FORMS.md §8): a class's, a teacher's or a room's
 * week as «день × номер урока», with the subject, the teacher or the class,
 * and the room; and the whole school on one A3 sheet, classes across, days
 * and lesson numbers down. A pure function of the timetable's data.
 */

export interface TimetableReportInput {
  schoolName: string;
  printedOn: string;
  timetable: { name: string; validFrom: string; cycleWeeks: number };
  days: number;
  classes: { id: string; name: string; shift: number }[];
  teachers: { id: string; name: string }[];
  rooms: { id: string; number: string }[];
  subjects: { id: string; name: string; shortName: string }[];
  groups: { id: string; name: string }[];
  entries: Placement[];
  bells: { shift: number; lessonNo: number; time: string }[];
}

export type TimetableScope = { scope: 'class' | 'teacher' | 'room'; ids: string[] } | { scope: 'school' };

const DAYS = ['', 'Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота'];
const DAY_SHORT = ['', 'Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'];
const WEEK = ['', 'Нед. А: ', 'Нед. Б: '];
const TITLES = { class: 'Расписание уроков класса', teacher: 'Расписание уроков учителя', room: 'Расписание занятости кабинета' } as const;

export function timetableReportModel(input: TimetableReportInput, scope: TimetableScope, page: 'A4' | 'A3' = 'A4'): ReportModel {
  const n = names(input);
  const setup: PageSetup = page === 'A3' ? A3_LANDSCAPE : A4_LANDSCAPE;
  const base = {
    schoolName: input.schoolName,
    printedOn: input.printedOn,
    signatures: [],
    fields: [
      { label: 'Расписание', value: input.timetable.name },
      { label: 'Действует с', value: formatDateRu(input.timetable.validFrom) },
      ...(input.timetable.cycleWeeks === 2 ? [{ label: 'Цикл', value: 'две недели (А и Б)' }] : []),
    ],
  };
  if (scope.scope === 'school') {
    return {
      ...base,
      kind: 'timetable.school',
      title: 'Расписание уроков',
      subtitle: `с ${formatDateRu(input.timetable.validFrom)}`,
      page: A3_LANDSCAPE,
      sections: [{ blocks: [schoolTable(input, n)], sheetName: 'Расписание' }],
      fileName: `Расписание школы с ${formatDateRu(input.timetable.validFrom)}`,
    };
  }
  const label = (id: string) => (scope.scope === 'class' ? n.cls(id) : scope.scope === 'teacher' ? n.teacher(id) : n.room(id));
  const sections: ReportSection[] = scope.ids.map((id, i) => ({
    title: `${TITLES[scope.scope]}: ${label(id)}`,
    newPage: i > 0,
    sheetName: label(id).slice(0, 31),
    blocks: [weekTable(input, n, scope.scope, id, page === 'A3' ? 388 : 265)],
  }));
  const one = scope.ids.length === 1 ? label(scope.ids[0]) : null;
  return {
    ...base,
    kind: `timetable.${scope.scope}`,
    title: one ? `${TITLES[scope.scope]}: ${one}` : TITLES[scope.scope],
    subtitle: `с ${formatDateRu(input.timetable.validFrom)}`,
    page: setup,
    sections: one ? sections.map((s) => ({ ...s, title: undefined })) : sections,
    // «Иванова А.П.» ends with a dot: no «..pdf».
    fileName: `${TITLES[scope.scope]} ${one ?? ''}`.trim().replace(/\.+$/, ''),
  };
}

function names(input: TimetableReportInput) {
  const map = <T extends { id: string }>(list: T[], f: (t: T) => string) => new Map(list.map((x) => [x.id, f(x)]));
  const cls = map(input.classes, (c) => c.name);
  const tch = map(input.teachers, (t) => t.name);
  const rm = map(input.rooms, (r) => r.number);
  const sub = map(input.subjects, (s) => s.name);
  const subShort = map(input.subjects, (s) => s.shortName || s.name);
  const grp = map(input.groups, (g) => g.name);
  return {
    cls: (id: string) => cls.get(id) ?? '',
    teacher: (id: string) => tch.get(id) ?? '',
    room: (id: string | null) => (id ? (rm.get(id) ?? '') : ''),
    subject: (id: string) => sub.get(id) ?? '',
    subjectShort: (id: string) => subShort.get(id) ?? '',
    group: (id: string | null) => (id ? (grp.get(id) ?? '') : ''),
  };
}
type Names = ReturnType<typeof names>;

function byParity(a: Placement, b: Placement): number {
  return a.weekParity - b.weekParity || (a.groupId ?? '').localeCompare(b.groupId ?? '');
}

/** One lesson in a week table: what the reader of that timetable needs. */
function lessonText(e: Placement, view: 'class' | 'teacher' | 'room', n: Names): string {
  const group = n.group(e.groupId);
  const room = n.room(e.roomId);
  const parts =
    view === 'class'
      ? [`${n.subject(e.subjectId)}${group ? ` (${group})` : ''}`, n.teacher(e.staffId), room ? `каб. ${room}` : '']
      : view === 'teacher'
        ? [`${n.cls(e.classId)}${group ? ` (${group})` : ''}`, n.subject(e.subjectId), room ? `каб. ${room}` : '']
        : [`${n.cls(e.classId)}${group ? ` (${group})` : ''}`, n.subject(e.subjectId), n.teacher(e.staffId)];
  return `${WEEK[e.weekParity] ?? ''}${parts.filter(Boolean).join(', ')}`;
}

function weekTable(input: TimetableReportInput, n: Names, view: 'class' | 'teacher' | 'room', id: string, widthMm: number): TableBlock {
  const mine = input.entries.filter((e) => (view === 'class' ? e.classId === id : view === 'teacher' ? e.staffId === id : e.roomId === id));
  const shift = view === 'class' ? (input.classes.find((c) => c.id === id)?.shift ?? 1) : 1;
  const used = mine.map((e) => e.lessonNo);
  const last = Math.max(0, ...used);
  const first = used.length ? Math.min(1, ...used) : 1;
  const withTime = input.bells.some((b) => b.shift === shift);
  const dayWidth = Math.floor((widthMm - 8 - (withTime ? 22 : 0)) / input.days);
  const rows: ReportRow[] = [];
  for (let lessonNo = first; lessonNo <= last; lessonNo++) {
    const time = input.bells.find((b) => b.shift === shift && b.lessonNo === lessonNo)?.time ?? '';
    const cells = withTime ? [String(lessonNo), time] : [String(lessonNo)];
    for (let d = 1; d <= input.days; d++) {
      // A teacher's joint lesson (one card, several classes) is printed once, with its classes.
      const here = mine.filter((e) => e.weekday === d && e.lessonNo === lessonNo).sort(byParity);
      const seen = new Map<string, string>();
      for (const e of here) {
        const key = view === 'class' ? e.id : (e.cardId ?? e.id);
        const text = lessonText(e, view, n);
        seen.set(key, seen.has(key) && view !== 'class' ? `${seen.get(key)!.replace(/,.*$/, '')} + ${text}` : text);
      }
      cells.push([...seen.values()].join('; '));
    }
    rows.push({ cells });
  }
  return {
    kind: 'table',
    columns: [
      { key: 'no', title: '№', align: 'center', widthMm: 8 },
      ...(withTime ? [{ key: 'time', title: 'Время', align: 'center' as const, widthMm: 22, noWrap: true }] : []),
      ...Array.from({ length: input.days }, (_, i) => ({ key: `d${i + 1}`, title: DAYS[i + 1], widthMm: dayWidth })),
    ],
    rows,
    fontSize: 9,
    emptyText: 'Уроков в расписании нет.',
  };
}

/** The width of A3 landscape inside the report's margins, millimetres. */
const A3_WIDTH_MM = 390;

/** «Рус. яз.» → «Рус.яз.»: the school sheet's columns are narrow. */
function compactShort(name: string): string {
  return name.replace(/\.\s+/g, '.').trim();
}

/**
 * One class's lesson on the school sheet: the subject and the room, the
 * rooms of a split joined («Англ.яз. 301/302»), weeks A and B marked, two
 * subjects of one slot one after the other.
 */
function schoolCell(here: Placement[], n: Names): string {
  const lines = new Map<string, { label: string; rooms: string[] }>();
  for (const e of [...here].sort((a, b) => byParity(a, b) || n.group(a.groupId).localeCompare(n.group(b.groupId), 'ru'))) {
    const key = `${e.weekParity}|${e.subjectId}`;
    const line = lines.get(key) ?? lines.set(key, { label: `${e.weekParity ? `${WEEK_LETTER[e.weekParity]}: ` : ''}${compactShort(n.subjectShort(e.subjectId))}`, rooms: [] }).get(key)!;
    const room = n.room(e.roomId);
    if (room && !line.rooms.includes(room)) line.rooms.push(room);
  }
  return [...lines.values()].map((l) => `${l.label} ${l.rooms.join('/')}`.trim()).join(' / ');
}

const WEEK_LETTER = ['', 'А', 'Б'];

/**
 * The whole school on one A3 sheet: classes across in columns of one width,
 * days and lesson numbers down; «Матем. 201» in the smallest print the
 * report allows, so that some forty classes and seven lessons a day fit.
 */
function schoolTable(input: TimetableReportInput, n: Names): TableBlock {
  const rows: ReportRow[] = [];
  const classes = input.classes.filter((c) => input.entries.some((e) => e.classId === c.id));
  const last = Math.max(0, ...input.entries.map((e) => e.lessonNo));
  const first = Math.min(1, ...input.entries.map((e) => e.lessonNo));
  for (let d = 1; d <= input.days; d++) {
    const today = input.entries.filter((e) => e.weekday === d);
    const lastToday = Math.max(0, ...today.map((e) => e.lessonNo));
    for (let lessonNo = first; lessonNo <= Math.min(last, lastToday); lessonNo++) {
      const cells: (string | null)[] = [DAY_SHORT[d], String(lessonNo)];
      for (const c of classes) cells.push(schoolCell(today.filter((e) => e.classId === c.id && e.lessonNo === lessonNo), n));
      rows.push({ cells, group: `day-${d}`, shade: d % 2 === 0 });
    }
  }
  const dayMm = 7;
  const noMm = 5;
  const classMm = classes.length ? Math.max(9, Math.min(45, (A3_WIDTH_MM - dayMm - noMm) / classes.length)) : 20;
  return {
    kind: 'table',
    columns: [
      { key: 'day', title: 'День', align: 'center', widthMm: dayMm, mergeInGroup: true },
      { key: 'no', title: '№', align: 'center', widthMm: noMm },
      ...classes.map((c) => ({ key: c.id, title: c.name, align: 'center' as const, widthMm: classMm })),
    ],
    rows,
    fontSize: classes.length > 24 ? 5.5 : 7,
    emptyText: 'Уроков в расписании нет.',
  };
}
