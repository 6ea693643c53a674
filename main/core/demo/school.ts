import type { Role } from '../db/entities/users';
import type { RoomKind } from '../db/entities/school';
import { IdFactory, Rng } from './prng';
import { SUBJECTS, curriculumFor, dailyLessons, type SubjectDef } from './curriculum';
import { buildCalendar, type DemoCalendar } from './calendar';
import { adultName, loginFor, mobilePhone, type Sex } from './names';
import type { TimetableClass, TimetableUnit } from './timetable';

/**
 * The shape of the demo school before anything touches a database: rooms,
 * staff with their specialities, classes, subjects, curriculum, subgroups and
 * the teaching load. Pure and deterministic, so the timetable builder can be
 * tested on it without SQLite.
 */

const LETTERS = ['А', 'Б', 'В', 'Г'] as const;
export const SCHOOL_NAME = 'МБОУ «Средняя общеобразовательная школа № 17»';
export const SCHOOL_SHORT_NAME = 'МБОУ СОШ № 17';
export const SCHOOL_CITY = 'г. Верхнеозёрск';

export interface PlanRoom {
  id: string;
  number: string;
  name: string;
  kind: RoomKind;
  capacity: number;
}

export interface PlanStaff {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string;
  sex: Sex;
  birthDate: string;
  position: string;
  phone: string;
  hiredOn: string;
  /** Speciality pool for the teaching load (null: does not teach). */
  pool: string | null;
  /** The most hours a week the load may give this teacher. */
  capacity: number;
  roomId: string | null;
  /** Null when the person has no account in the program. */
  login: string | null;
  roles: Role[];
}

export interface PlanSubject {
  id: string;
  def: SubjectDef;
  sortOrder: number;
}

export interface PlanClass {
  id: string;
  grade: number;
  letter: string;
  name: string;
  shift: 1 | 2;
  roomId: string;
  classTeacherId: string;
  /** Lessons a day, Monday to Friday. */
  days: number[];
  size: number;
}

export interface PlanGroup {
  id: string;
  classId: string;
  subjectKey: string;
  name: string;
  splitKey: string;
  index: 1 | 2;
}

export interface PlanCurriculumItem {
  id: string;
  classId: string;
  subjectKey: string;
  hours: number;
  split: boolean;
}

export interface PlanAssignment {
  id: string;
  staffId: string;
  classId: string;
  groupId: string | null;
  subjectKey: string;
  hours: number;
}

export interface DemoPlan {
  seed: number;
  calendar: DemoCalendar;
  rooms: PlanRoom[];
  staff: PlanStaff[];
  subjects: PlanSubject[];
  classes: PlanClass[];
  groups: PlanGroup[];
  curriculum: PlanCurriculumItem[];
  assignments: PlanAssignment[];
  ids: IdFactory;
}

/** Which subjects of a class one teacher takes together (Russian with literature, algebra with geometry …). */
const BUNDLE_OF: Record<string, string> = {
  russian: 'rus',
  literature: 'rus',
  math: 'math',
  algebra: 'math',
  calculus: 'math',
  geometry: 'math',
  probability: 'math',
  history: 'hist',
  social: 'hist',
  project: 'hist',
};

/** Subjects a primary-school teacher teaches in her own class. */
export const PRIMARY_SUBJECTS = new Set(['russian', 'reading', 'math', 'world', 'art', 'music', 'technology', 'orkse']);

export interface PoolDef {
  pool: string;
  count: number;
  subjects: string[];
  position: string;
  roomName: string;
  roomKind: PlanRoom['kind'];
  roomFloor: number;
  maleShare: number;
  capacity: number;
}

/** Subject teachers of grades 5–11 (and English, PE in 1–4), by speciality. */
export const POOLS: PoolDef[] = [
  { pool: 'russian', count: 7, subjects: ['russian', 'literature'], position: 'Учитель русского языка и литературы', roomName: 'Кабинет русского языка и литературы', roomKind: 'classroom', roomFloor: 2, maleShare: 0.05, capacity: 26 },
  { pool: 'math', count: 7, subjects: ['math', 'algebra', 'calculus', 'geometry', 'probability'], position: 'Учитель математики', roomName: 'Кабинет математики', roomKind: 'classroom', roomFloor: 2, maleShare: 0.15, capacity: 26 },
  { pool: 'english', count: 8, subjects: ['english'], position: 'Учитель английского языка', roomName: 'Кабинет английского языка', roomKind: 'classroom', roomFloor: 3, maleShare: 0.1, capacity: 26 },
  { pool: 'informatics', count: 2, subjects: ['informatics'], position: 'Учитель информатики', roomName: 'Кабинет информатики', roomKind: 'computer', roomFloor: 3, maleShare: 0.5, capacity: 26 },
  { pool: 'history', count: 4, subjects: ['history', 'social', 'project'], position: 'Учитель истории и обществознания', roomName: 'Кабинет истории и обществознания', roomKind: 'classroom', roomFloor: 3, maleShare: 0.3, capacity: 26 },
  { pool: 'geography', count: 2, subjects: ['geography'], position: 'Учитель географии', roomName: 'Кабинет географии', roomKind: 'classroom', roomFloor: 2, maleShare: 0.2, capacity: 26 },
  { pool: 'biology', count: 1, subjects: ['biology'], position: 'Учитель биологии', roomName: 'Кабинет биологии', roomKind: 'lab', roomFloor: 2, maleShare: 0.1, capacity: 26 },
  { pool: 'chemistry', count: 1, subjects: ['chemistry', 'biology'], position: 'Учитель химии и биологии', roomName: 'Кабинет химии', roomKind: 'lab', roomFloor: 2, maleShare: 0.1, capacity: 26 },
  { pool: 'physics', count: 1, subjects: ['physics'], position: 'Учитель физики', roomName: 'Кабинет физики', roomKind: 'lab', roomFloor: 2, maleShare: 0.4, capacity: 27 },
  { pool: 'music', count: 1, subjects: ['music', 'odnknr'], position: 'Учитель музыки', roomName: 'Кабинет музыки', roomKind: 'classroom', roomFloor: 1, maleShare: 0.2, capacity: 26 },
  { pool: 'art', count: 1, subjects: ['art', 'technology'], position: 'Учитель изобразительного искусства и труда (технологии)', roomName: 'Кабинет изобразительного искусства', roomKind: 'classroom', roomFloor: 1, maleShare: 0.2, capacity: 26 },
  { pool: 'technology', count: 1, subjects: ['technology'], position: 'Учитель труда (технологии)', roomName: 'Мастерская (труд, технология)', roomKind: 'workshop', roomFloor: 1, maleShare: 0.8, capacity: 26 },
  { pool: 'obzr', count: 1, subjects: ['obzr', 'technology'], position: 'Преподаватель-организатор ОБЗР', roomName: 'Кабинет ОБЗР', roomKind: 'classroom', roomFloor: 1, maleShare: 0.9, capacity: 26 },
  { pool: 'pe', count: 4, subjects: ['pe'], position: 'Учитель физической культуры', roomName: '', roomKind: 'gym', roomFloor: 1, maleShare: 0.5, capacity: 26 },
];

const GYMS = ['Большой спортивный зал', 'Малый спортивный зал', 'Зал ритмики', 'Тренажёрный зал'];

/** Grades whose classes study in the second shift (SanPiN keeps 1, 5, 9 and 11 in the first). */
const SECOND_SHIFT_GRADES = new Set([2, 3]);

function classesPerGrade(grade: number): number {
  return grade <= 9 ? 4 : 2;
}

export function planSchool(seed: number, yearStart: number): DemoPlan {
  const root = new Rng(seed);
  const rng = root.fork('school');
  const ids = new IdFactory(seed, Date.UTC(yearStart, 7, 1, 6, 0, 0));
  const calendar = buildCalendar(yearStart);
  const rooms: PlanRoom[] = [];
  const staff: PlanStaff[] = [];
  const usedSurnames = new Set<string>();

  const addRoom = (number: string, name: string, kind: PlanRoom['kind'], capacity = 30): PlanRoom => {
    const room = { id: ids.next(), number, name, kind, capacity };
    rooms.push(room);
    return room;
  };

  const person = (sex: Sex, minAge: number, maxAge: number) => {
    // Staff get distinct surnames, so every login is readable without a number.
    let name = adultName(rng, sex);
    for (let i = 0; i < 50 && usedSurnames.has(name.lastName); i++) name = adultName(rng, sex);
    usedSurnames.add(name.lastName);
    const year = yearStart - rng.int(minAge, maxAge);
    const birthDate = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const hiredYear = Math.min(yearStart, year + 22 + rng.int(0, Math.max(0, yearStart - year - 22)));
    return { ...name, sex, birthDate, phone: mobilePhone(rng), hiredOn: `${hiredYear}-08-${String(rng.int(15, 31)).padStart(2, '0')}` };
  };

  const usedLogins = new Set<string>();
  const uniqueLogin = (login: string): string => {
    let candidate = login;
    for (let i = 2; usedLogins.has(candidate); i++) candidate = `${login}${i}`;
    usedLogins.add(candidate);
    return candidate;
  };
  const addStaff = (
    p: ReturnType<typeof person>,
    position: string,
    extra: Partial<Pick<PlanStaff, 'pool' | 'capacity' | 'roomId' | 'login' | 'roles'>>,
  ): PlanStaff => {
    const s: PlanStaff = {
      id: ids.next(),
      ...p,
      position,
      pool: extra.pool ?? null,
      capacity: extra.capacity ?? 0,
      roomId: extra.roomId ?? null,
      login: extra.login === null ? null : uniqueLogin(extra.login ?? loginFor(p)),
      roles: extra.roles ?? [],
    };
    staff.push(s);
    return s;
  };

  // Administration.
  addStaff(person('female', 45, 60), 'Директор', { login: 'director', roles: ['director'] });
  const deputyRoom = addRoom('220', 'Кабинет физики № 2', 'lab');
  addStaff(person('female', 38, 58), 'Заместитель директора по учебно-воспитательной работе, учитель физики', {
    login: 'zavuch',
    roles: ['deputy', 'teacher'],
    pool: 'physics',
    capacity: 9,
    roomId: deputyRoom.id,
  });
  addStaff(person('female', 35, 55), 'Заместитель директора по воспитательной работе', { roles: ['deputy'] });
  addStaff(person('female', 25, 55), 'Секретарь учебной части', { login: 'secretar', roles: ['secretary'] });

  // Primary classes: one room and one teacher for a first-shift and a second-shift class.
  const classes: PlanClass[] = [];
  const primaryRooms: PlanRoom[] = [];
  for (let i = 0; i < 8; i++) primaryRooms.push(addRoom(String(101 + i), 'Кабинет начальных классов', 'classroom', 28));
  const primaryTeachers = new Map<string, PlanStaff>();

  // Subject teachers with their rooms.
  const subjectTeachers: PlanStaff[] = [];
  const roomNumbers: Record<number, number> = { 1: 109, 2: 201, 3: 301 };
  let gym = 0;
  for (const pool of POOLS) {
    for (let i = 0; i < pool.count; i++) {
      const room =
        pool.roomKind === 'gym'
          ? addRoom(`СЗ-${gym + 1}`, GYMS[gym++], 'gym', 60)
          : addRoom(String(roomNumbers[pool.roomFloor]++), pool.count > 1 && pool.roomKind === 'computer' ? `${pool.roomName} № ${i + 1}` : pool.roomName, pool.roomKind, pool.roomKind === 'computer' ? 15 : 30);
      const isAdmin = pool.pool === 'informatics' && i === 0;
      const sex: Sex = isAdmin ? 'male' : rng.chance(pool.maleShare) ? 'male' : 'female';
      const p = person(sex, 24, 62);
      subjectTeachers.push(
        addStaff(p, isAdmin ? 'Учитель информатики, администратор электронного журнала' : pool.position, {
          pool: pool.pool,
          capacity: pool.capacity,
          roomId: room.id,
          login: isAdmin ? 'admin' : undefined,
          roles: isAdmin ? ['admin', 'teacher'] : ['teacher'],
        }),
      );
    }
  }
  addRoom('Б-1', 'Библиотека', 'other', 30);
  addRoom('АЗ', 'Актовый зал', 'hall', 200);

  // Classes and their primary teachers.
  for (let grade = 1; grade <= 11; grade++) {
    for (let li = 0; li < classesPerGrade(grade); li++) {
      const letter = LETTERS[li];
      const shift: 1 | 2 = SECOND_SHIFT_GRADES.has(grade) ? 2 : 1;
      const id = ids.next();
      let roomId = '';
      let classTeacherId = '';
      if (grade <= 4) {
        // Grades 1 and 4 (first shift) have rooms 101–104 and 105–108; grades 2 and 3
        // (second shift) use the same rooms in the afternoon: 2X after 1X, 3X after 4X.
        const r = (grade === 1 || grade === 2 ? 0 : 4) + li;
        roomId = primaryRooms[r].id;
        const t = addStaff(person(rng.chance(0.03) ? 'male' : 'female', 24, 62), 'Учитель начальных классов', {
          pool: 'primary',
          capacity: 20,
          roomId,
          roles: ['teacher'],
        });
        primaryTeachers.set(id, t);
        classTeacherId = t.id;
      }
      classes.push({
        id,
        grade,
        letter,
        name: `${grade}${letter}`,
        shift,
        roomId,
        classTeacherId,
        days: dailyLessons(grade),
        size: rng.int(24, 30),
      });
    }
  }

  // Other staff without accounts.
  addStaff(person('female', 30, 55), 'Педагог-психолог', { login: null });
  addStaff(person('female', 30, 55), 'Социальный педагог', { login: null });
  addStaff(person('female', 35, 62), 'Педагог-библиотекарь', { login: null });
  addStaff(person('female', 30, 55), 'Учитель-логопед', { login: null });
  addStaff(person('male', 40, 60), 'Заместитель директора по административно-хозяйственной работе', { login: null });
  addStaff(person('female', 22, 35), 'Советник директора по воспитанию', { login: null });
  addStaff(person('female', 25, 45), 'Педагог-организатор', { login: null });

  // Subjects.
  const subjects: PlanSubject[] = SUBJECTS.map((def, i) => ({ id: ids.next(), def, sortOrder: (i + 1) * 10 }));

  // Curriculum and subgroups.
  const curriculum: PlanCurriculumItem[] = [];
  const groups: PlanGroup[] = [];
  for (const cls of classes) {
    for (const item of curriculumFor(cls.grade)) {
      curriculum.push({ id: ids.next(), classId: cls.id, subjectKey: item.key, hours: item.hours, split: item.split });
      if (item.split) {
        for (const index of [1, 2] as const) {
          groups.push({
            id: ids.next(),
            classId: cls.id,
            subjectKey: item.key,
            name: `${index} подгруппа`,
            splitKey: item.key,
            index,
          });
        }
      }
    }
  }

  // Teaching load.
  const assignments = assignLoad(classes, curriculum, groups, staff, primaryTeachers, rng, ids);

  // Class teachers of grades 5–11: a teacher of the class with the most hours in it, one class each.
  const leading = new Set(classes.map((c) => c.classTeacherId).filter(Boolean));
  const preferPools = ['russian', 'math', 'english', 'history', 'geography', 'biology', 'chemistry', 'music', 'art', 'pe', 'technology', 'obzr'];
  for (const cls of classes.filter((c) => c.grade >= 5)) {
    const hoursBy = new Map<string, number>();
    for (const a of assignments.filter((x) => x.classId === cls.id)) hoursBy.set(a.staffId, (hoursBy.get(a.staffId) ?? 0) + a.hours);
    const candidates = staff
      .filter((s) => hoursBy.has(s.id) && !leading.has(s.id) && s.pool && preferPools.includes(s.pool) && s.login !== 'admin')
      .sort((a, b) => hoursBy.get(b.id)! - hoursBy.get(a.id)! || preferPools.indexOf(a.pool!) - preferPools.indexOf(b.pool!));
    let chosen = candidates[0];
    if (!chosen) {
      chosen = staff.find((s) => s.pool && preferPools.includes(s.pool) && !leading.has(s.id))!;
    }
    leading.add(chosen.id);
    cls.classTeacherId = chosen.id;
    cls.roomId = chosen.roomId!;
  }

  return { seed, calendar, rooms, staff, subjects, classes, groups, curriculum, assignments, ids };
}

/**
 * Gives every class's subjects to teachers: primary subjects to the class's
 * own teacher; other subjects bundled (Russian with literature …) and handed,
 * biggest bundle first, to the qualified teacher with the most spare hours.
 * A split subject goes to a pair of teachers, one per subgroup.
 */
function assignLoad(
  classes: PlanClass[],
  curriculum: PlanCurriculumItem[],
  groups: PlanGroup[],
  staff: PlanStaff[],
  primaryTeachers: Map<string, PlanStaff>,
  rng: Rng,
  ids: IdFactory,
): PlanAssignment[] {
  const load = new Map<string, number>(staff.map((s) => [s.id, 0]));
  const out: PlanAssignment[] = [];
  const poolsOf = new Map<string, string[]>();
  for (const p of POOLS) poolsOf.set(p.pool, p.subjects);
  const qualified = (key: string) => staff.filter((s) => s.pool && s.pool !== 'primary' && (poolsOf.get(s.pool) ?? []).includes(key));
  const spare = (s: PlanStaff) => s.capacity - load.get(s.id)!;

  interface Bundle {
    classId: string;
    keys: string[];
    hours: number;
    split: boolean;
  }
  const bundles: Bundle[] = [];
  for (const cls of classes) {
    const items = curriculum.filter((c) => c.classId === cls.id);
    const primary = primaryTeachers.get(cls.id);
    const byKey = new Map<string, Bundle>();
    for (const item of items) {
      if (primary && PRIMARY_SUBJECTS.has(item.subjectKey)) {
        out.push({ id: ids.next(), staffId: primary.id, classId: cls.id, groupId: null, subjectKey: item.subjectKey, hours: item.hours });
        load.set(primary.id, load.get(primary.id)! + item.hours);
        continue;
      }
      const bundleKey = BUNDLE_OF[item.subjectKey] ?? item.subjectKey;
      let b = byKey.get(bundleKey);
      if (!b) {
        b = { classId: cls.id, keys: [], hours: 0, split: item.split };
        byKey.set(bundleKey, b);
        bundles.push(b);
      }
      b.keys.push(item.subjectKey);
      b.hours += item.hours * (item.split ? 2 : 1);
    }
  }
  // Bundles few teachers can take first (chemistry before biology, which the chemist
  // may also teach), then the biggest; equal ones in a seeded order, so teachers get
  // a mix of parallels.
  const order = rng.shuffle(bundles.map((_, i) => i));
  const rank = new Map(order.map((b, i) => [b, i]));
  const teachersFor = (b: Bundle) => staff.filter((s) => s.pool && s.pool !== 'primary' && b.keys.every((k) => (poolsOf.get(s.pool!) ?? []).includes(k)));
  const choice = bundles.map((b) => teachersFor(b).length);
  const sorted = bundles
    .map((b, i) => ({ b, i }))
    .sort((x, y) => choice[x.i] - choice[y.i] || y.b.hours - x.b.hours || rank.get(x.i)! - rank.get(y.i)!);

  // Split subjects are taught by fixed pairs, so a pair's two subgroups always meet at the same time.
  const pairsFor = (key: string): PlanStaff[][] => {
    const q = qualified(key);
    const pairs: PlanStaff[][] = [];
    for (let i = 0; i + 1 < q.length; i += 2) pairs.push([q[i], q[i + 1]]);
    return pairs;
  };

  for (const { b } of sorted) {
    if (b.split) {
      const key = b.keys[0];
      const pairs = pairsFor(key);
      const pair = pairs.reduce((best, p) => (spare(p[0]) + spare(p[1]) > spare(best[0]) + spare(best[1]) ? p : best), pairs[0]);
      const gs = groups.filter((g) => g.classId === b.classId && g.subjectKey === key).sort((x, y) => x.index - y.index);
      const hours = b.hours / 2;
      gs.forEach((g, i) => {
        out.push({ id: ids.next(), staffId: pair[i].id, classId: b.classId, groupId: g.id, subjectKey: key, hours });
        load.set(pair[i].id, load.get(pair[i].id)! + hours);
      });
      continue;
    }
    const candidates = teachersFor(b);
    if (candidates.length === 0) throw new Error(`Nobody can teach ${b.keys.join('+')}`);
    const fits = candidates.filter((s) => spare(s) >= b.hours);
    const pool = fits.length > 0 ? fits : candidates;
    const teacher = pool.reduce((best, s) => (spare(s) > spare(best) ? s : best), pool[0]);
    for (const key of b.keys) {
      const hours = curriculum.find((c) => c.classId === b.classId && c.subjectKey === key)!.hours;
      out.push({ id: ids.next(), staffId: teacher.id, classId: b.classId, groupId: null, subjectKey: key, hours });
    }
    load.set(teacher.id, load.get(teacher.id)! + b.hours);
  }
  return out;
}

/** Hours a week per member of staff. */
export function teacherLoads(plan: DemoPlan): Map<string, number> {
  const m = new Map<string, number>();
  for (const a of plan.assignments) m.set(a.staffId, (m.get(a.staffId) ?? 0) + a.hours);
  return m;
}

/** The timetable builder's input: each class's week, and one unit per class subject (both subgroups in one unit). */
export function timetableInput(plan: DemoPlan): { classes: TimetableClass[]; units: TimetableUnit[] } {
  const staffRoom = new Map(plan.staff.map((s) => [s.id, s.roomId]));
  const subjectId = new Map(plan.subjects.map((s) => [s.def.key, s.id]));
  const units: TimetableUnit[] = [];
  for (const cls of plan.classes) {
    for (const item of plan.curriculum.filter((c) => c.classId === cls.id)) {
      const parts = plan.assignments
        .filter((a) => a.classId === cls.id && a.subjectKey === item.subjectKey)
        .map((a) => ({ groupId: a.groupId, staffId: a.staffId, roomId: staffRoom.get(a.staffId)! }));
      if (parts.length === 0) throw new Error(`No teacher for ${cls.name} ${item.subjectKey}`);
      units.push({ classId: cls.id, subjectId: subjectId.get(item.subjectKey)!, hours: item.hours, parts });
    }
  }
  return { classes: plan.classes.map((c) => ({ id: c.id, shift: c.shift, days: c.days })), units };
}
