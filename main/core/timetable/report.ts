import { A3_LANDSCAPE, A4_LANDSCAPE, type PageSetup, type ReportModel, type ReportRow, type ReportSection, type TableBlock } from '../reports/model';
import type { Placement } from './model';
import { ruDate, weekdayRu, WEEKDAY_SHORT_RU } from '../shared/dates';
import { textEms } from '../reports/text-ems';

export { textEms };

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
      { label: 'Действует с', value: ruDate(input.timetable.validFrom) },
      ...(input.timetable.cycleWeeks === 2 ? [{ label: 'Цикл', value: 'две недели (А и Б)' }] : []),
    ],
  };
  if (scope.scope === 'school') {
    return {
      ...base,
      kind: 'timetable.school',
      title: 'Расписание уроков',
      subtitle: `с ${ruDate(input.timetable.validFrom)}`,
      page: { ...A3_LANDSCAPE, onePage: true },
      sections: [{ blocks: [schoolTable(input, n)], sheetName: 'Расписание' }],
      fileName: `Расписание школы с ${ruDate(input.timetable.validFrom)}`,
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
    subtitle: `с ${ruDate(input.timetable.validFrom)}`,
    page: setup,
    sections: one ? sections.map((s) => ({ ...s, title: undefined })) : sections,
    // «Иванова А.П.» ends with a dot: no «..pdf».
    fileName: `${TITLES[scope.scope]} ${one ?? ''}`,
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
  const shiftOf = new Map(input.classes.map((c) => [c.id, c.shift]));
  const ownShift = view === 'class' ? (shiftOf.get(id) ?? 1) : 1;
  // A teacher or a room may work in both shifts: the second shift's 1st lesson is another time than the first's.
  const shifts = view === 'class' ? [ownShift] : [...new Set(mine.map((e) => shiftOf.get(e.classId) ?? 1))].sort();
  if (!shifts.length) shifts.push(ownShift);
  const both = shifts.length > 1;
  const timeOf = (shift: number, lessonNo: number) => input.bells.find((b) => b.shift === shift && b.lessonNo === lessonNo)?.time ?? '';
  const withTime = shifts.some((sh) => input.bells.some((b) => b.shift === sh));
  const lines: { shift: number; lessonNo: number }[] = [];
  for (const shift of shifts) {
    const used = mine.filter((e) => (shiftOf.get(e.classId) ?? 1) === shift || view === 'class').map((e) => e.lessonNo);
    const last = Math.max(0, ...used);
    const first = used.length ? Math.min(1, ...used) : 1;
    for (let lessonNo = first; lessonNo <= last; lessonNo++) lines.push({ shift, lessonNo });
  }
  const fixedMm = 8 + (withTime ? 22 : 0) + (both ? 14 : 0);
  const dayWidth = Math.floor((widthMm - fixedMm) / input.days);
  const rows: ReportRow[] = [];
  for (const { shift, lessonNo } of lines) {
    const cells: (string | number)[] = [lessonNo, ...(both ? [shift] : []), ...(withTime ? [timeOf(shift, lessonNo)] : [])];
    for (let d = 1; d <= input.days; d++) {
      // A teacher's joint lesson (one card, several classes) is printed once, with its classes.
      const here = mine.filter((e) => e.weekday === d && e.lessonNo === lessonNo && (view === 'class' || (shiftOf.get(e.classId) ?? 1) === shift)).sort(byParity);
      const seen = new Map<string, string>();
      for (const e of here) {
        const key = view === 'class' ? e.id : (e.cardId ?? e.id);
        const text = lessonText(e, view, n);
        seen.set(key, seen.has(key) && view !== 'class' ? `${seen.get(key)!.replace(/,.*$/, '')} + ${text}` : text);
      }
      cells.push([...seen.values()].join('; '));
    }
    rows.push({ cells, shade: both && shift === 2 });
  }
  return {
    kind: 'table',
    columns: [
      { key: 'no', title: '№', align: 'center', widthMm: 8, rowHeading: true },
      ...(both ? [{ key: 'shift', title: 'Смена', align: 'center' as const, widthMm: 14, rowHeading: true }] : []),
      ...(withTime ? [{ key: 'time', title: 'Время', align: 'center' as const, widthMm: 22, noWrap: true, rowHeading: true }] : []),
      ...Array.from({ length: input.days }, (_, i) => ({ key: `d${i + 1}`, title: weekdayRu(i + 1, true), widthMm: dayWidth })),
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

/** A word too wide for its column, cut and ended with a dot: «История» → «Истор.», «Инд.проект» → «Инд.пр.». */
export function fitWord(word: string, maxEms: number): string {
  if (textEms(word) <= maxEms) return word;
  let stem = word.replace(/\.$/, '');
  while (stem.length > 1 && textEms(`${stem}.`) > maxEms) stem = stem.slice(0, -1).replace(/\.$/, '');
  return `${stem}.`;
}

/**
 * One class's lesson on the school sheet: the subject and the room, the
 * rooms of a split joined («Англ.яз. 301/302»), weeks A and B marked, two
 * subjects of one slot one after the other; each word cut to the column.
 */
function schoolCell(here: Placement[], n: Names, maxEms: number): string {
  const lines = new Map<string, { label: string; rooms: string[] }>();
  for (const e of [...here].sort((a, b) => a.weekParity - b.weekParity || n.group(a.groupId).localeCompare(n.group(b.groupId), 'ru'))) {
    const key = `${e.weekParity}|${e.subjectId}`;
    const label = compactShort(n.subjectShort(e.subjectId))
      .split(' ')
      .map((w) => fitWord(w, maxEms))
      .join(' ');
    const line = lines.get(key) ?? lines.set(key, { label: `${e.weekParity ? `${WEEK_LETTER[e.weekParity]}: ` : ''}${label}`, rooms: [] }).get(key)!;
    const room = n.room(e.roomId);
    if (room && !line.rooms.includes(room)) line.rooms.push(room);
  }
  return [...lines.values()].map((l) => `${l.label} ${l.rooms.join('/')}`.trim()).join(' / ');
}

const WEEK_LETTER = ['', 'А', 'Б'];

/**
 * The whole school on one A3 sheet: classes across in columns of one width,
 * days and lesson numbers down; «Матем. 201» in print small enough for
 * some forty classes and seven lessons a day to fit.
 */
function schoolTable(input: TimetableReportInput, n: Names): TableBlock {
  const rows: ReportRow[] = [];
  const classes = input.classes.filter((c) => input.entries.some((e) => e.classId === c.id));
  const dayMm = 8;
  const noMm = 5;
  const classMm = classes.length ? Math.max(9, Math.min(45, (A3_WIDTH_MM - dayMm - noMm) / classes.length)) : 20;
  // Five points on A3 is what a printed school sheet uses for forty classes; fewer classes get larger print.
  const fontSize = classes.length > 30 ? 5 : classes.length > 20 ? 6 : 7;
  // The column inside its padding (2.5 pt a side), in ems of that print.
  const maxEms = ((classMm * 72) / 25.4 - 5.2) / fontSize;
  const last = Math.max(0, ...input.entries.map((e) => e.lessonNo));
  const first = Math.min(1, ...input.entries.map((e) => e.lessonNo));
  for (let d = 1; d <= input.days; d++) {
    const today = input.entries.filter((e) => e.weekday === d);
    const lastToday = Math.max(0, ...today.map((e) => e.lessonNo));
    for (let lessonNo = first; lessonNo <= Math.min(last, lastToday); lessonNo++) {
      const cells: (string | number | null)[] = [WEEKDAY_SHORT_RU[d], lessonNo];
      for (const c of classes) cells.push(schoolCell(today.filter((e) => e.classId === c.id && e.lessonNo === lessonNo), n, maxEms));
      rows.push({ cells, group: `day-${d}`, shade: d % 2 === 0 });
    }
  }
  return {
    kind: 'table',
    columns: [
      { key: 'day', title: 'День', align: 'center', widthMm: dayMm, mergeInGroup: true, rowHeading: true },
      { key: 'no', title: '№', align: 'center', widthMm: noMm, rowHeading: true },
      ...classes.map((c) => ({ key: c.id, title: c.name, align: 'center' as const, widthMm: classMm })),
    ],
    rows,
    fontSize,
    emptyText: 'Уроков в расписании нет.',
  };
}
