import { parseClassName } from '../import/values';
import { searchKey, shortName } from '../shared/text';
import type { Room, SchoolClass, StudyGroup, Subject } from '../db/entities/school';
import type { Staff } from '../db/entities/staff';
import type { ImportedNamed, ImportedPerson, ImportedTimetable } from './model';

/**
 * Meets the file's names with the school's reference data. Each teacher,
 * class, subject, room and group is either matched to a record (by name,
 * short name or initials, «ё» as «е», case ignored), to be created, or a
 * problem the deputy settles by choosing (several candidates; a class name
 * that says no grade). The deputy's choices (`mapping`) win over the guesses.
 */

export const MATCH_KINDS = ['teachers', 'classes', 'subjects', 'rooms', 'groups'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export interface MatchItem {
  key: string;
  name: string;
  status: 'matched' | 'create' | 'problem';
  targetId: string | null;
  targetName: string | null;
  message: string | null;
  candidates: { id: string; name: string }[];
}

export type Mapping = Partial<Record<MatchKind, Record<string, string>>>;

export interface SchoolRefs {
  classes: SchoolClass[];
  staff: Staff[];
  subjects: Subject[];
  rooms: Room[];
  groups: StudyGroup[];
}

export interface Matched {
  teachers: MatchItem[];
  classes: MatchItem[];
  subjects: MatchItem[];
  rooms: MatchItem[];
  /** Keyed `${groupKey}|${subjectKey}`: a group of the file is a study group per subject it studies. */
  groups: MatchItem[];
}

const compact = (s: string) => searchKey(s).replace(/[\s.]/g, '');

/** Latin letters that look like Cyrillic ones, as they slip into class names typed on the wrong layout («5A» for «5А»). */
const LOOKALIKES: Record<string, string> = { A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У' };

/** A class name with its Latin look-alike letters read as Cyrillic: «5A» → «5А», «10 b» → «10 В». */
function cyrillicClassName(name: string): string {
  return name.replace(/[A-Za-z]/g, (ch) => LOOKALIKES[ch.toUpperCase()] ?? ch);
}

/** The grade and letter of a class name as the school would write it, Latin look-alikes read as Cyrillic. */
export function readClassName(...names: string[]): { grade: number; letter: string; name: string } | null {
  for (const n of names) {
    const parsed = parseClassName(cyrillicClassName(n));
    if (parsed.ok && parsed.value) return parsed.value;
  }
  return null;
}

function choose<T extends { id: string }>(item: { key: string; name: string }, found: T[], label: (t: T) => string, mapped: string | undefined, all: T[], what: string): MatchItem {
  const base = { key: item.key, name: item.name, candidates: [] as { id: string; name: string }[] };
  if (mapped === 'new') return { ...base, status: 'create', targetId: null, targetName: null, message: null };
  if (mapped) {
    const t = all.find((x) => x.id === mapped);
    if (t) return { ...base, status: 'matched', targetId: t.id, targetName: label(t), message: null };
  }
  if (found.length === 1) return { ...base, status: 'matched', targetId: found[0].id, targetName: label(found[0]), message: null };
  if (found.length > 1) {
    return {
      ...base,
      status: 'problem',
      targetId: null,
      targetName: null,
      message: `${what} «${item.name}» подходит к нескольким записям: выберите нужную.`,
      candidates: found.map((t) => ({ id: t.id, name: label(t) })),
    };
  }
  return { ...base, status: 'create', targetId: null, targetName: null, message: null };
}

function matchTeacher(p: ImportedPerson, staff: Staff[], mapped?: string): MatchItem {
  const full = (s: Staff) => searchKey(s.lastName, s.firstName, s.middleName);
  let found: Staff[] = [];
  const initials = p.firstName && p.firstName.length <= 2 && p.firstName.endsWith('.');
  if (p.lastName && p.firstName && !initials) {
    const want = searchKey(p.lastName, p.firstName, p.middleName);
    found = staff.filter((s) => full(s) === want);
    if (!found.length && !p.middleName) found = staff.filter((s) => searchKey(s.lastName, s.firstName) === want);
  }
  if (!found.length) found = staff.filter((s) => compact(shortName(s)) === compact(p.name));
  if (!found.length && p.lastName && initials) {
    const want = compact(`${p.lastName}${p.firstName}${p.middleName ?? ''}`);
    found = staff.filter((s) => compact(shortName(s)) === want);
  }
  if (!found.length && p.lastName && !p.firstName) found = staff.filter((s) => searchKey(s.lastName) === searchKey(p.lastName));
  return choose(p, found, (s) => shortName(s), mapped, staff, 'Учитель');
}

function matchClass(c: ImportedNamed, classes: SchoolClass[], mapped?: string): MatchItem {
  const direct = classes.filter((x) => compact(x.name) === compact(c.name) || compact(x.name) === compact(c.short));
  if (direct.length || mapped) return choose(c, direct, (x) => x.name, mapped, classes, 'Класс');
  const name = readClassName(c.name, c.short)?.name ?? null;
  if (!name) {
    const grade = /^\s*(\d+)/.exec(c.name)?.[1];
    const why =
      grade && (Number(grade) < 1 || Number(grade) > 11)
        ? `классов ${grade}-й параллели в школе не бывает`
        : 'из названия не видно параллели и буквы (нужно, например, «5А»)';
    return {
      key: c.key,
      name: c.name,
      status: 'problem',
      targetId: null,
      targetName: null,
      message: `Класс «${c.name}» не найден, а создать его нельзя: ${why}. Выберите класс школы.`,
      candidates: classes.map((x) => ({ id: x.id, name: x.name })),
    };
  }
  return choose(c, classes.filter((x) => compact(x.name) === compact(name)), (x) => x.name, mapped, classes, 'Класс');
}

function matchSubject(s: ImportedNamed, subjects: Subject[], mapped?: string): MatchItem {
  let found = subjects.filter((x) => x.searchName === searchKey(s.name) || searchKey(x.name) === searchKey(s.name));
  if (!found.length) found = subjects.filter((x) => compact(x.shortName) === compact(s.short) || compact(x.shortName) === compact(s.name));
  return choose(s, found, (x) => x.name, mapped, subjects, 'Предмет');
}

function matchRoom(r: ImportedNamed, rooms: Room[], mapped?: string): MatchItem {
  let found = rooms.filter((x) => compact(x.number) === compact(r.short) || compact(x.number) === compact(r.name));
  if (!found.length) found = rooms.filter((x) => !!x.name && compact(x.name) === compact(r.name));
  return choose(r, found, (x) => (x.name ? `${x.number} — ${x.name}` : x.number), mapped, rooms, 'Кабинет');
}

export function matchAll(file: ImportedTimetable, school: SchoolRefs, mapping: Mapping = {}): Matched {
  const teachers = file.teachers.filter((t) => file.placements.some((p) => p.teacherKey === t.key)).map((t) => matchTeacher(t, school.staff, mapping.teachers?.[t.key]));
  const classes = file.classes.filter((c) => file.placements.some((p) => p.classKey === c.key)).map((c) => matchClass(c, school.classes, mapping.classes?.[c.key]));
  const subjects = file.subjects.filter((s) => file.placements.some((p) => p.subjectKey === s.key)).map((s) => matchSubject(s, school.subjects, mapping.subjects?.[s.key]));
  const rooms = file.rooms.filter((r) => file.placements.some((p) => p.roomKey === r.key)).map((r) => matchRoom(r, school.rooms, mapping.rooms?.[r.key]));

  // A group of the file is a study group for each subject it studies.
  const classOf = new Map(classes.map((c) => [c.key, c]));
  const subjectOf = new Map(subjects.map((s) => [s.key, s]));
  const pairs = new Map<string, { groupKey: string; subjectKey: string }>();
  for (const p of file.placements) if (p.groupKey) pairs.set(`${p.groupKey}|${p.subjectKey}`, { groupKey: p.groupKey, subjectKey: p.subjectKey });
  const groups: MatchItem[] = [];
  for (const [key, { groupKey, subjectKey }] of pairs) {
    const g = file.groups.find((x) => x.key === groupKey);
    if (!g) continue;
    const cls = classOf.get(g.classKey);
    const subj = subjectOf.get(subjectKey);
    const subjectName = file.subjects.find((s) => s.key === subjectKey)?.name ?? '';
    const label = `${file.classes.find((c) => c.key === g.classKey)?.name ?? ''}, ${subjectName}: ${g.name}`;
    const found =
      cls?.targetId && subj?.targetId
        ? school.groups.filter((x) => x.classId === cls.targetId && x.subjectId === subj.targetId && compact(x.name) === compact(g.name))
        : [];
    groups.push(choose({ key, name: label }, found, (x) => x.name, mapping.groups?.[key], school.groups, 'Группа'));
  }
  return { teachers, classes, subjects, rooms, groups };
}
