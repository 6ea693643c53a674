import type { BellSchedule, BellSlot } from '../db/entities/calendar';
import type { TeacherUnavailability } from '../db/entities/school';
import { ConflictIndex } from '../timetable/conflicts';
import { TimeLine } from '../timetable/time-line';
import { clashText } from '../timetable/describe';
import type { Names } from '../timetable/context';
import type { GroupInfo, Placement } from '../timetable/model';
import type { ImportedTimetable } from './model';
import { MATCH_KINDS, type Matched, type MatchItem, type SchoolRefs } from './match';

/** A would-be entry: ids of school records, or `new:<kind>:<key>` for records the import will create. */
export interface DraftEntry extends Placement {
  cardKey: string;
}

export interface ImportPreview {
  format: ImportedTimetable['format'];
  source: string;
  encoding: string;
  cycleWeeks: 1 | 2;
  items: Matched;
  summary: Record<string, { matched: number; create: number; problems: number }>;
  entries: number;
  notes: string[];
  /** The deputy's decisions still needed (ambiguous or unreadable names). */
  problems: string[];
  /** Conflicts of the timetable as it would be imported (a valid file has none). */
  conflicts: { total: number; messages: string[] };
  ready: boolean;
}

export const placeholder = (kind: string, key: string) => `new:${kind}:${key}`;

function idOf(items: MatchItem[], kind: string): Map<string, string> {
  return new Map(items.map((i) => [i.key, i.targetId ?? placeholder(kind, i.key)]));
}

export function draftEntries(file: ImportedTimetable, m: Matched): DraftEntry[] {
  const teacher = idOf(m.teachers, 'teacher');
  const cls = idOf(m.classes, 'class');
  const subject = idOf(m.subjects, 'subject');
  const room = idOf(m.rooms, 'room');
  const group = idOf(m.groups, 'group');
  const seen = new Set<string>();
  const out: DraftEntry[] = [];
  file.placements.forEach((p, i) => {
    const e: DraftEntry = {
      id: `import-${i}`,
      weekday: p.weekday,
      lessonNo: p.lessonNo,
      weekParity: p.weekParity,
      classId: cls.get(p.classKey)!,
      groupId: p.groupKey ? group.get(`${p.groupKey}|${p.subjectKey}`)! : null,
      subjectId: subject.get(p.subjectKey)!,
      staffId: teacher.get(p.teacherKey)!,
      roomId: p.roomKey ? (room.get(p.roomKey) ?? null) : null,
      individualPlanId: null,
      cardId: p.cardKey,
      cardKey: p.cardKey,
    };
    const key = [e.weekday, e.lessonNo, e.weekParity, e.classId, e.groupId, e.subjectId, e.staffId].join('|');
    if (seen.has(key)) return;
    seen.add(key);
    out.push(e);
  });
  return out;
}

/** The groups as the conflict engine sees them: an existing group keeps its split; a new one takes its file's, or a matched sibling's. */
export function draftGroups(file: ImportedTimetable, m: Matched, school: SchoolRefs): GroupInfo[] {
  const classId = idOf(m.classes, 'class');
  const splitOf = new Map<string, string>();
  for (const item of m.groups) {
    const [groupKey] = item.key.split('|');
    const g = file.groups.find((x) => x.key === groupKey);
    const existing = item.targetId ? school.groups.find((x) => x.id === item.targetId) : undefined;
    if (g && existing) splitOf.set(`${g.classKey}|${g.splitKey}`, existing.splitKey);
  }
  return m.groups.map((item) => {
    const [groupKey] = item.key.split('|');
    const g = file.groups.find((x) => x.key === groupKey)!;
    const existing = item.targetId ? school.groups.find((x) => x.id === item.targetId) : undefined;
    return {
      id: item.targetId ?? placeholder('group', item.key),
      classId: classId.get(g.classKey) ?? placeholder('class', g.classKey),
      splitKey: existing?.splitKey ?? splitOf.get(`${g.classKey}|${g.splitKey}`) ?? g.splitKey,
      name: existing?.name ?? g.name,
    };
  });
}

export function buildPreview(
  file: ImportedTimetable,
  m: Matched,
  school: SchoolRefs & { schedules: BellSchedule[]; bells: BellSlot[]; unavailability: TeacherUnavailability[] },
): ImportPreview {
  const entries = draftEntries(file, m);
  const groups = draftGroups(file, m, school);
  const newClasses = m.classes.filter((c) => !c.targetId).map((c) => ({ id: placeholder('class', c.key), shift: 1, bellScheduleId: null }));
  const line = new TimeLine([...school.classes, ...newClasses], school.schedules, school.bells);
  const index = new ConflictIndex(entries, groups, school.unavailability, line);
  const clashes = index.all();
  const byId = new Map(entries.map((e) => [e.id, e]));
  const names = namesOf(file, m, school);
  const summary: ImportPreview['summary'] = {};
  const problems: string[] = [];
  for (const kind of MATCH_KINDS) {
    const items = m[kind];
    summary[kind] = {
      matched: items.filter((i) => i.status === 'matched').length,
      create: items.filter((i) => i.status === 'create').length,
      problems: items.filter((i) => i.status === 'problem').length,
    };
    for (const i of items) if (i.status === 'problem' && i.message) problems.push(i.message);
  }
  return {
    format: file.format,
    source: file.source,
    encoding: file.encoding,
    cycleWeeks: file.cycleWeeks,
    items: m,
    summary,
    entries: entries.length,
    notes: file.notes,
    problems,
    conflicts: { total: clashes.length, messages: clashes.slice(0, 50).map((c) => clashText(c, byId, names)) },
    ready: problems.length === 0 && entries.length > 0,
  };
}

function namesOf(file: ImportedTimetable, m: Matched, school: SchoolRefs): Names {
  const label = (items: MatchItem[], kind: string) => {
    const map = new Map<string, string>();
    for (const i of items) map.set(i.targetId ?? placeholder(kind, i.key), i.targetName ?? i.name);
    return (id: string) => map.get(id) ?? '?';
  };
  const groupName = new Map(draftGroups(file, m, school).map((g) => [g.id, g.name]));
  const cls = label(m.classes, 'class');
  const subject = label(m.subjects, 'subject');
  const teacher = label(m.teachers, 'teacher');
  const room = label(m.rooms, 'room');
  return {
    cls,
    subject,
    teacher,
    room: (id) => (id ? room(id) : null),
    group: (id) => (id ? (groupName.get(id) ?? '?') : null),
  };
}
