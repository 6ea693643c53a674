import fs from 'node:fs';
import type { EntitySchema } from 'typeorm';
import path from 'node:path';
import { openDatabase, SQLITE_SYNCHRONOUS } from '../db/data-source';
import { hashPassword } from '../auth/password';
import { searchKey, fullName } from '../shared/text';
import { StaffEntity, type Staff } from '../db/entities/staff';
import { UserEntity, UserRoleEntity, type User, type UserRole } from '../db/entities/users';
import { SettingEntity, AuditEventEntity, DataSetEntity } from '../db/entities/system';
import { derivedId } from '../changes/derived-id';
import {
  AcademicYearEntity,
  StudyPeriodEntity,
  HolidayEntity,
  BellScheduleEntity,
  BellSlotEntity,
  type StudyPeriod,
  type Holiday,
  type BellSchedule,
  type BellSlot,
} from '../db/entities/calendar';
import {
  RoomEntity,
  GradingSystemEntity,
  SubjectEntity,
  WorkTypeEntity,
  SchoolClassEntity,
  StudyGroupEntity,
  GroupMembershipEntity,
  CurriculumItemEntity,
  TeachingAssignmentEntity,
  StaffQualificationEntity,
  type GradingSystem,
  type GradingSystemCode,
  type StaffQualification,
} from '../db/entities/school';
import {
  StudentEntity,
  GuardianEntity,
  StudentGuardianEntity,
  DataConsentEntity,
  StudentMovementEntity,
  ClassMembershipEntity,
  StudentDataCheckEntity,
  type StudentGuardian,
} from '../db/entities/contingent';
import {
  ThematicPlanEntity,
  PlanTopicEntity,
  TimetableEntity,
  TimetableEntryEntity,
  ControlWorkEntity,
  type ThematicPlan,
  type PlanTopic,
} from '../db/entities/planning';
import { LessonEntity, AttendanceEntity, AbsenceReasonEntity, MarkEntity, FinalMarkEntity } from '../db/entities/journal';
import { Rng } from './prng';
import { DemoFileWriter } from './bulk';
import { currentYearStart } from './calendar';
import { BELL_SCHEDULES } from './bells';
import { PRIMARY_SUBJECTS, POOLS, SCHOOL_CITY, SCHOOL_NAME, SCHOOL_SHORT_NAME, planSchool, timetableInput } from './school';
import { buildTimetable } from './timetable';
import { buildContingent } from './contingent';
import { buildPlanTopics } from './ktp';
import { FIRST_GRADE, gradeRules } from '../school/grade-rules';
import { WORK_TYPES } from './work-types';
import { buildJournal, localInstant, type DemoTopic } from './journal';
import { schoolToday } from '../shared/school-time';
import { addDays, isSchoolDate, ruDate } from '../shared/dates';
import { demoLogins, type DemoLogin } from './logins';

export interface DemoOptions {
  /** A new SQLite file; an existing file is never overwritten. */
  file: string;
  /** The password of every demo account. */
  password: string;
  seed?: number;
  /** The calendar year the school year starts in (default: the school year containing `today`). */
  yearStart?: number;
  /**
   * The demo's «today», `YYYY-MM-DD` (default: today in Moscow): the journal
   * is kept up to the day before, as a school would have kept it by then —
   * so a newcomer sees a school in its normal state on the program's clock.
   */
  today?: string;
  onProgress?: (step: string) => void;
}

export interface DemoSummary {
  classes: number;
  students: number;
  staff: number;
  users: number;
  lessons: number;
  marks: number;
  attendance: number;
  seconds: number;
  bytes: number;
  /** The real accounts to try, by role (the teachers' logins depend on the seed). */
  logins: DemoLogin[];
  /** The demo's «today»: the journal is kept up to the day before. */
  today: string;
}

export const DEFAULT_DEMO_SEED = 17;
/** The demo school's time zone (the setting's default). */
const DEMO_TIME_ZONE = 'Europe/Moscow';

/** The 30th (the last day of a shorter month) of each month from the year's start that ends before `today`'s month. */
function monthEndsBefore(yearStartDate: string, today: string): string[] {
  const out: string[] = [];
  for (let month = yearStartDate.slice(0, 7); month < today.slice(0, 7); ) {
    const [y, m] = month.split('-').map(Number);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    out.push(`${month}-${String(Math.min(30, last)).padStart(2, '0')}`);
    month = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  return out;
}

/**
 * Creates the demo school «МБОУ СОШ № 17» in a new SQLite file: one academic
 * year with its calendar, 40 classes, about a thousand students with their
 * families, 68 staff (61 of them with accounts), the curriculum, teaching load and a
 * conflict-free timetable, КТП, every lesson of the year, and the journal
 * kept up to its «today» (topics, homework, attendance, marks, the final
 * marks of the periods that have ended). The same seed, year and today give
 * the same data, password hashes aside.
 */
export async function generateDemoSchool(opts: DemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const progress = opts.onProgress ?? (() => undefined);
  const file = path.resolve(opts.file);
  if (fs.existsSync(file)) throw new Error(`Файл ${file} уже существует: демонстрационная школа создаётся только в новом файле.`);
  const seed = (opts.seed ?? DEFAULT_DEMO_SEED) >>> 0;
  const today = opts.today ?? schoolToday(new Date(), DEMO_TIME_ZONE);
  if (!isSchoolDate(today)) throw new Error(`Дата «${today}» не похожа на дату ГГГГ-ММ-ДД.`);
  const yearStart = opts.yearStart ?? currentYearStart(new Date(`${today}T12:00:00Z`));
  const rng = new Rng(seed);

  progress('Школа: сотрудники, классы, учебный план, нагрузка');
  const plan = planSchool(seed, yearStart);
  const ids = plan.ids;
  const REF = `${yearStart}-08-25T06:00:00.000Z`;
  const synced = { createdAt: REF, updatedAt: REF, deletedAt: null };
  // The school's data set: derived ids (roles here) are computed from it, as the Writer computes them.
  const dataSet = { id: ids.next(), createdAt: REF };
  const accounts = plan.staff.filter((s) => s.login);
  // Hashing runs on libuv's thread pool while the rest is computed here.
  const hashes = Promise.all(accounts.map(() => hashPassword(opts.password)));

  progress('Расписание уроков');
  const tt = timetableInput(plan);
  const timetable = buildTimetable(tt.classes, tt.units, rng.fork('timetable'));

  progress('Обучающиеся и их родители');
  const contingent = buildContingent(plan, rng.fork('contingent'));

  // Every row is computed first (password hashing meanwhile runs on the thread
  // pool, which openDatabase also needs), then written table by table.
  const queue: { entity: unknown; write: (bulk: DemoFileWriter) => void }[] = [];
  const put = <T extends object>(entity: EntitySchema<T>, rows: readonly T[]) => {
    queue.push({ entity, write: (bulk) => bulk.insert(entity, rows) });
  };
  // Staff.
  put<Staff>(
    StaffEntity,
    plan.staff.map((s) => ({
      id: s.id,
      lastName: s.lastName,
      firstName: s.firstName,
      middleName: s.middleName,
      searchName: searchKey(s.lastName, s.firstName, s.middleName),
      position: s.position,
      phone: s.phone,
      email: null,
      hiredOn: s.hiredOn,
      leftOn: null,
      maxLessonsPerDay: null,
      note: null,
      ...synced,
    })),
  );

  // Calendar.
  progress('Календарь, звонки, кабинеты, предметы');
  const cal = plan.calendar;
  const yearId = ids.next();
  put(AcademicYearEntity, [
    { id: yearId, name: cal.name, startDate: cal.startDate, endDate: cal.endDate, status: 'open', closedAt: null, closedBy: null, ...synced },
  ]);
  const periodRows: StudyPeriod[] = cal.periods.map((p) => ({
    id: ids.next(),
    yearId,
    kind: p.kind === 'quarter' ? 'quarter' : 'half',
    ordinal: p.ordinal,
    name: p.name,
    startDate: p.startDate,
    endDate: p.endDate,
    gradeFrom: p.gradeFrom,
    gradeTo: p.gradeTo,
    closedAt: null,
    ...synced,
  }));
  put(StudyPeriodEntity, periodRows);
  put<Holiday>(
    HolidayEntity,
    cal.holidays.map((h) => ({
      id: ids.next(),
      yearId,
      // The entity has no grade range: the February week for first-graders is named as such.
      name: h.name,
      startDate: h.startDate,
      endDate: h.endDate,
      kind: h.kind === 'public' ? (h.name.includes('перенесён') ? 'dayOff' : 'holiday') : 'vacation',
      ...synced,
    })),
  );
  const bellRows: BellSchedule[] = [];
  const slotRows: BellSlot[] = [];
  for (const b of BELL_SCHEDULES) {
    const id = ids.next();
    bellRows.push({ id, yearId, name: b.name, shift: b.shift, weekdays: null, ...synced });
    for (const s of b.slots) slotRows.push({ id: ids.next(), scheduleId: id, lessonNo: s.lessonNo, startTime: s.startTime, endTime: s.endTime, ...synced });
  }
  put(BellScheduleEntity, bellRows);
  put(BellSlotEntity, slotRows);

  // Rooms, grading, subjects, work types, classes.
  put(
    RoomEntity,
    plan.rooms.map((r) => ({ id: r.id, number: r.number, name: r.name, capacity: r.capacity, kind: r.kind, note: null, ...synced })),
  );
  const gradingNames: Record<GradingSystemCode, string> = {
    five_point: 'Пятибалльная система (1–5)',
    pass_fail: 'Зачёт / незачёт',
    none: 'Без отметок (безотметочное обучение)',
  };
  const gradingRows: GradingSystem[] = (['five_point', 'pass_fail', 'none'] as const).map((code) => ({
    id: ids.next(),
    code,
    name: gradingNames[code],
    allowModifiers: false,
    ...synced,
  }));
  put(GradingSystemEntity, gradingRows);
  const gradingId = (code: GradingSystemCode) => gradingRows.find((g) => g.code === code)!.id;
  put(
    SubjectEntity,
    plan.subjects.map((s) => ({
      id: s.id,
      name: s.def.name,
      shortName: s.def.shortName,
      gradingSystemId: gradingId(s.def.grading),
      sortOrder: s.sortOrder,
      searchName: searchKey(s.def.name),
      ...synced,
    })),
  );
  const workTypeIds = new Map<string, string>();
  put(
    WorkTypeEntity,
    WORK_TYPES.map((w, i) => {
      const id = ids.next();
      workTypeIds.set(w.key, id);
      return {
        id,
        name: w.name,
        shortName: w.shortName,
        weight: w.weight,
        deadlineKind: w.deadlineKind,
        deadlineValue: w.deadlineValue,
        isControl: w.isControl,
        sortOrder: (i + 1) * 10,
        ...synced,
      };
    }),
  );
  put(
    SchoolClassEntity,
    plan.classes.map((c) => ({
      id: c.id,
      yearId,
      gradeLevel: c.grade,
      letter: c.letter,
      name: c.name,
      classTeacherId: c.classTeacherId,
      shift: c.shift,
      bellScheduleId: null,
      roomId: c.roomId,
      ...synced,
    })),
  );

  // Contingent.
  progress('Контингент: обучающиеся, родители, согласия, движение');
  const checkedAt = localInstant(`${yearStart}-09-30`, '15:00');
  const newcomers = new Set(contingent.movements.filter((m) => m.kind === 'enrolment' && m.date > `${yearStart}-09-30`).map((m) => m.studentId));
  put(
    StudentEntity,
    contingent.students.map((s) => ({
      id: s.id,
      lastName: s.lastName,
      firstName: s.firstName,
      middleName: s.middleName,
      searchName: searchKey(s.lastName, s.firstName, s.middleName),
      birthDate: s.birthDate,
      sex: s.sex === 'male' ? ('m' as const) : ('f' as const),
      personalFileNo: s.personalFileNo,
      address: s.address,
      phone: s.phone,
      email: null,
      snils: s.snils,
      note: null,
      dataCheckedAt: newcomers.has(s.id) ? null : checkedAt,
      ...synced,
    })),
  );
  put(
    GuardianEntity,
    contingent.guardians.map((g) => ({
      id: g.id,
      lastName: g.lastName,
      firstName: g.firstName,
      middleName: g.middleName,
      searchName: searchKey(g.lastName, g.firstName, g.middleName),
      phone: g.phone,
      email: null,
      address: g.address,
      workplace: g.workplace,
      note: null,
      ...synced,
    })),
  );
  const links: StudentGuardian[] = [];
  for (const s of contingent.students) {
    for (const g of s.guardians) links.push({ id: ids.next(), studentId: s.id, guardianId: g.guardianId, relation: g.relation, isPrimary: g.isPrimary, ...synced });
  }
  put(StudentGuardianEntity, links);
  put(
    DataConsentEntity,
    contingent.students.map((s) => ({ id: ids.next(), studentId: s.id, ...s.consent, note: null, ...synced })),
  );
  put(
    StudentMovementEntity,
    contingent.movements.map((m) => ({ ...m, ...synced })),
  );
  put(
    ClassMembershipEntity,
    contingent.classMemberships.map((m) => ({ id: m.id, studentId: m.studentId, classId: m.ownerId, fromDate: m.fromDate, toDate: m.toDate, ...synced })),
  );

  // Groups, curriculum, load, qualifications.
  progress('Учебный план, подгруппы, нагрузка, КТП');
  const subjectId = new Map(plan.subjects.map((s) => [s.def.key, s.id]));
  put(
    StudyGroupEntity,
    plan.groups.map((g) => ({ id: g.id, yearId, classId: g.classId, subjectId: subjectId.get(g.subjectKey)!, name: g.name, splitKey: g.splitKey, note: null, ...synced })),
  );
  put(
    GroupMembershipEntity,
    contingent.groupMemberships.map((m) => ({ id: m.id, groupId: m.ownerId, studentId: m.studentId, fromDate: m.fromDate, toDate: m.toDate, reason: null, ...synced })),
  );
  const classById = new Map(plan.classes.map((c) => [c.id, c]));
  put(
    CurriculumItemEntity,
    plan.curriculum.map((c) => {
      const grade = classById.get(c.classId)!.grade;
      return {
        id: c.id,
        yearId,
        classId: c.classId,
        subjectId: subjectId.get(c.subjectKey)!,
        hoursPerWeek: c.hours,
        hoursPerYear: grade === FIRST_GRADE ? c.hours * gradeRules(grade).studyWeeks : null,
        gradingSystemId: gradeRules(grade).marks ? null : gradingId('none'),
        splitIntoGroups: c.split,
        ...synced,
      };
    }),
  );
  put(
    TeachingAssignmentEntity,
    plan.assignments.map((a) => ({
      id: a.id,
      yearId,
      staffId: a.staffId,
      classId: a.classId,
      groupId: a.groupId,
      subjectId: subjectId.get(a.subjectKey)!,
      hoursPerWeek: a.hours,
      fromDate: null,
      toDate: null,
      ...synced,
    })),
  );
  const quals: StaffQualification[] = [];
  for (const s of plan.staff) {
    const keys = s.pool === 'primary' ? [...PRIMARY_SUBJECTS] : (POOLS.find((p) => p.pool === s.pool)?.subjects ?? []);
    for (const key of keys) quals.push({ id: ids.next(), staffId: s.id, subjectId: subjectId.get(key)!, ...synced });
  }
  put(StaffQualificationEntity, quals);

  // КТП: plans now, topics after the lessons have given them their dates.
  const krng = rng.fork('ktp');
  const approvedAt = localInstant(`${yearStart}-08-30`, '12:00');
  const planRows: ThematicPlan[] = [];
  const topics = new Map<string, DemoTopic[]>();
  const groupById = new Map(plan.groups.map((g) => [g.id, g]));
  for (const a of plan.assignments) {
    const cls = classById.get(a.classId)!;
    const subject = plan.subjects.find((s) => s.def.key === a.subjectKey)!;
    const planId = ids.next();
    const group = a.groupId ? groupById.get(a.groupId)! : null;
    planRows.push({
      id: planId,
      yearId,
      staffId: a.staffId,
      subjectId: subject.id,
      classId: a.classId,
      groupId: a.groupId,
      name: `${subject.def.name}, ${cls.name}${group ? `, ${group.name}` : ''}`,
      approvedAt,
      note: null,
      ...synced,
    });
    const drafts = buildPlanTopics(a.subjectKey, cls.grade, a.hours * gradeRules(cls.grade).studyWeeks, krng);
    topics.set(
      a.id,
      drafts.map((t) => ({ id: ids.next(), title: t.title, hours: t.hours, workTypeKey: t.workTypeKey, plannedDate: null, planId })),
    );
  }
  put(ThematicPlanEntity, planRows);

  // Timetable.
  const timetableId = ids.next();
  const q1Start = cal.periods.find((p) => p.kind === 'quarter' && p.ordinal === 1)!.startDate;
  put(TimetableEntity, [
    { id: timetableId, yearId, name: `Основное расписание ${cal.name}`, validFrom: q1Start, validTo: null, cycleWeeks: 1, status: 'active', ...synced },
  ]);
  const cardIds = new Map<number, string>();
  const entries = timetable.entries.map((e) => {
    if (!cardIds.has(e.card)) cardIds.set(e.card, ids.next());
    return { ...e, id: ids.next() };
  });
  put(
    TimetableEntryEntity,
    entries.map((e) => ({
      id: e.id,
      timetableId,
      weekday: e.weekday,
      lessonNo: e.lessonNo,
      weekParity: 0,
      classId: e.classId,
      groupId: e.groupId,
      subjectId: e.subjectId,
      staffId: e.staffId,
      roomId: e.roomId,
      individualPlanId: null,
      cardId: cardIds.get(e.card)!,
      ...synced,
    })),
  );

  // Accounts (lessons and marks refer to the users who entered them).
  const userRows: User[] = [];
  const roleRows: UserRole[] = [];
  const userOfStaff = new Map<string, string>();
  accounts.forEach((s) => {
    const id = ids.next();
    userOfStaff.set(s.id, id);
    userRows.push({
      id,
      login: s.login!,
      staffId: s.id,
      passwordHash: '', // filled in once the hashes are ready
      mustChangePassword: false,
      disabledAt: null,
      sessionGeneration: 0,
      ...synced,
    });
    for (const role of s.roles) roleRows.push({ id: derivedId(dataSet.id, 'UserRole', [id, role]), userId: id, role, ...synced });
  });
  put(UserEntity, userRows);
  put(UserRoleEntity, roleRows);
  // Class teachers confirmed their classes' student data at the end of each month before today's.
  put(
    StudentDataCheckEntity,
    plan.classes.flatMap((c) =>
      monthEndsBefore(cal.startDate, today < cal.endDate ? today : addDays(cal.endDate, 1)).map((checkedOn) => {
        const at = localInstant(checkedOn, '16:00');
        return { id: ids.next(), classId: c.id, month: checkedOn.slice(0, 7), checkedOn, checkedBy: userOfStaff.get(c.classTeacherId)!, note: null, createdAt: at, updatedAt: at, deletedAt: null };
      }),
    ),
  );

  // The journal.
  progress(`Уроки года и журнал по ${ruDate(addDays(today, -1))}`);
  const periods = cal.periods.map((period, i) => ({ id: periodRows[i].id, period }));
  const journal = buildJournal({ plan, contingent, dataSetId: dataSet.id, yearId, today, periods, entries, topics, userOfStaff, workTypeIds, rng: rng.fork('journal') });
  const topicRows: PlanTopic[] = [];
  for (const list of topics.values()) {
    list.forEach((t, i) =>
      topicRows.push({
        id: t.id,
        planId: t.planId,
        ordinal: i + 1,
        title: t.title,
        hours: t.hours,
        workTypeId: t.workTypeKey ? workTypeIds.get(t.workTypeKey)! : null,
        plannedDate: t.plannedDate,
        note: null,
        ...synced,
      }),
    );
  }
  put(PlanTopicEntity, topicRows);
  put(ControlWorkEntity, journal.controlWorks);
  put(LessonEntity, journal.lessons);
  put(AbsenceReasonEntity, journal.absenceReasons);
  put(AttendanceEntity, journal.attendance);
  put(MarkEntity, journal.marks);
  put(FinalMarkEntity, journal.finalMarks);

  // Settings and the one audit event.
  const director = plan.staff.find((s) => s.login === 'director')!;
  const settings: [string, unknown][] = [
    ['school.name', SCHOOL_NAME],
    ['school.shortName', SCHOOL_SHORT_NAME],
    ['school.city', SCHOOL_CITY],
    ['school.director', fullName(director)],
    ['demo', true],
  ];
  put(DataSetEntity, [dataSet]);
  put(
    SettingEntity,
    settings.map(([key, value]) => ({ key, value: JSON.stringify(value), updatedAt: REF })),
  );
  const counts = {
    classes: plan.classes.length,
    students: contingent.students.length,
    staff: plan.staff.length,
    users: userRows.length,
    lessons: journal.lessons.length,
    marks: journal.marks.length,
    attendance: journal.attendance.length,
  };
  put(AuditEventEntity, [
    {
      id: ids.next(),
      at: REF,
      userId: null,
      method: 'cli.demo',
      action: 'event',
      entity: 'School',
      entityId: yearId,
      field: null,
      oldValue: null,
      newValue: JSON.stringify({ demo: true, seed, yearStart, year: cal.name, today, ...counts, timetableEntries: entries.length, finalMarks: journal.finalMarks.length }),
      reason: 'Создана демонстрационная школа',
    },
  ]);

  progress('Пароли учётных записей');
  const passwordHashes = await hashes;
  userRows.forEach((u, i) => (u.passwordHash = passwordHashes[i]));

  progress('Создание базы данных');
  const ds = await openDatabase({ kind: 'sqlite', file });
  let closed = false;
  try {
    const bulk = new DemoFileWriter(ds);
    bulk.db.pragma('synchronous = OFF');
    for (const item of queue) {
      if (item.entity === LessonEntity) progress(`Запись уроков (${journal.lessons.length}) и отметок (${journal.marks.length})`);
      item.write(bulk);
    }
    progress('Завершение');
    const logins = await demoLogins(ds.manager);
    bulk.db.pragma(`synchronous = ${SQLITE_SYNCHRONOUS}`);
    bulk.db.pragma('wal_checkpoint(TRUNCATE)');
    await ds.destroy();
    closed = true;
    const bytes = fs.statSync(file).size;
    return { ...counts, seconds: (performance.now() - started) / 1000, bytes, logins, today };
  } catch (e) {
    if (!closed) await ds.destroy().catch(() => undefined);
    // A half-made demo is worse than none: remove it so the next attempt can start afresh.
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    throw e;
  }
}
