import { hashPassword } from '../../main/core/auth/password';
import { searchKey } from '../../main/core/shared/text';
import { StaffEntity } from '../../main/core/db/entities/staff';
import { UserEntity, UserRoleEntity, type Role } from '../../main/core/db/entities/users';
import { AcademicYearEntity, StudyPeriodEntity } from '../../main/core/db/entities/calendar';
import {
  GradingSystemEntity,
  SchoolClassEntity,
  SubjectEntity,
  TeachingAssignmentEntity,
  WorkTypeEntity,
} from '../../main/core/db/entities/school';
import { ClassMembershipEntity, StudentEntity } from '../../main/core/db/entities/contingent';
import { LessonEntity, type Lesson } from '../../main/core/db/entities/journal';
import type { Writer } from '../../main/core/write/writer';
import { TEST_PASSWORD, setUpSchool, type TestRuntime } from './runtime';
import { plannedLesson } from '../../main/core/lessons/planned-lesson';

/**
 * A school small enough to reason about by hand:
 * - 5А: Иванова teaches mathematics, Петрова teaches Russian and leads the class;
 * - 1А: Сидоров teaches mathematics (grade 1: no marks, no homework);
 * - lessons of 5А on Monday 23.11.2026 (maths, lesson 2; Russian, lesson 3) and
 *   maths on Tuesday 24.11.2026 taken by Сидоров as a substitute.
 * - Алексеев and Борисов study in 5А from 01.09.2026; 6А is led by Иванова and
 *   has Васильева (no lessons);
 * - work types with the deadlines of seed 000 §3.2: classwork (same day, ×1),
 *   test (two lessons, ×1,5), control work (next lesson, ×2), essay (ten days, ×2).
 * Every person has an account with the password TEST_PASSWORD.
 */
export interface SmallSchool {
  tokens: Record<'admin' | 'director' | 'deputy' | 'secretary' | 'ivanova' | 'petrova' | 'sidorov', string>;
  userIds: Record<'admin' | 'director' | 'deputy' | 'secretary' | 'ivanova' | 'petrova' | 'sidorov', string>;
  staff: { ivanova: string; petrova: string; sidorov: string };
  yearId: string;
  classes: { c5a: string; c1a: string; c6a: string };
  subjects: { maths: string; russian: string };
  students: { first: string; second: string; third: string };
  periods: { q1: string; q2: string; q3: string; q4: string };
  workTypes: { classwork: string; test: string; control: string; essay: string };
  lessons: { maths5a: Lesson; russian5a: Lesson; substituted5a: Lesson; maths1a: Lesson };
}

export async function buildSmallSchool(t: TestRuntime): Promise<SmallSchool> {
  await setUpSchool(t);
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const fixture = await t.runtime.transact({ userId: null, method: 'test.fixture' }, async (write) => {
    const person = async (lastName: string, firstName: string, middleName: string, position: string) =>
      (
        await write.insert(StaffEntity, {
          lastName,
          firstName,
          middleName,
          searchName: searchKey(lastName, firstName, middleName),
          position,
          phone: null,
          email: null,
          hiredOn: null,
          leftOn: null,
          maxLessonsPerDay: null,
          note: null,
        })
      ).id;
    const account = async (login: string, staffId: string | null, roles: Role[]) => {
      const user = await write.insert(UserEntity, {
        login,
        staffId,
        passwordHash,
        mustChangePassword: false,
        disabledAt: null,
        sessionGeneration: 0,
      });
      for (const role of roles) await write.insert(UserRoleEntity, { userId: user.id, role });
      return user.id;
    };
    const ivanova = await person('Иванова', 'Анна', 'Петровна', 'Учитель математики');
    const petrova = await person('Петрова', 'Мария', 'Ивановна', 'Учитель русского языка и литературы');
    const sidorov = await person('Сидоров', 'Олег', 'Николаевич', 'Учитель начальных классов');
    const userIds = {
      director: await account('director', await person('Орлов', 'Виктор', 'Павлович', 'Директор'), ['director']),
      deputy: await account('zavuch', await person('Зайцева', 'Елена', 'Борисовна', 'Заместитель директора по УВР'), ['deputy']),
      secretary: await account('secretar', await person('Ёлкина', 'Ольга', 'Сергеевна', 'Секретарь'), ['secretary']),
      ivanova: await account('ivanova.ap', ivanova, ['teacher']),
      petrova: await account('petrova.mi', petrova, ['teacher']),
      sidorov: await account('sidorov.on', sidorov, ['teacher']),
    };
    const year = await write.insert(AcademicYearEntity, {
      name: '2026/2027',
      startDate: '2026-09-01',
      endDate: '2027-05-31',
      status: 'open',
      closedAt: null,
      closedBy: null,
    });
    const quarters: [string, string][] = [
      ['2026-09-01', '2026-10-24'],
      ['2026-11-05', '2026-12-28'],
      ['2027-01-12', '2027-03-20'],
      ['2027-03-30', '2027-05-26'],
    ];
    const periodIds: string[] = [];
    for (const [i, [startDate, endDate]] of quarters.entries()) {
      const period = await write.insert(StudyPeriodEntity, {
        yearId: year.id,
        kind: 'quarter',
        ordinal: i + 1,
        name: `${['I', 'II', 'III', 'IV'][i]} четверть`,
        startDate,
        endDate,
        gradeFrom: 1,
        gradeTo: 11,
        closedAt: null,
      });
      periodIds.push(period.id);
    }
    const periods = { q1: periodIds[0], q2: periodIds[1], q3: periodIds[2], q4: periodIds[3] };
    const fivePoint = await write.insert(GradingSystemEntity, { code: 'five_point', name: 'Пятибалльная', allowModifiers: false });
    const subject = async (name: string, shortName: string, sortOrder: number) =>
      (await write.insert(SubjectEntity, { name, shortName, gradingSystemId: fivePoint.id, sortOrder, searchName: searchKey(name) })).id;
    const subjects = { maths: await subject('Математика', 'Мат.', 1), russian: await subject('Русский язык', 'Рус.', 2) };
    const schoolClass = async (gradeLevel: number, letter: string, classTeacherId: string | null) =>
      (
        await write.insert(SchoolClassEntity, {
          yearId: year.id,
          gradeLevel,
          letter,
          name: `${gradeLevel}${letter}`,
          classTeacherId,
          shift: 1,
          bellScheduleId: null,
          roomId: null,
        })
      ).id;
    const classes = { c5a: await schoolClass(5, 'А', petrova), c1a: await schoolClass(1, 'А', null), c6a: await schoolClass(6, 'А', ivanova) };
    const assign = (staffId: string, classId: string, subjectId: string) =>
      write.insert(TeachingAssignmentEntity, {
        yearId: year.id,
        staffId,
        classId,
        groupId: null,
        subjectId,
        hoursPerWeek: 4,
        fromDate: null,
        toDate: null,
      });
    await assign(ivanova, classes.c5a, subjects.maths);
    await assign(petrova, classes.c5a, subjects.russian);
    await assign(sidorov, classes.c1a, subjects.maths);
    const student = async (lastName: string, firstName: string) =>
      (
        await write.insert(StudentEntity, {
          lastName,
          firstName,
          middleName: null,
          searchName: searchKey(lastName, firstName),
          birthDate: '2015-03-01',
          sex: 'm',
          personalFileNo: null,
          address: null,
          phone: null,
          email: null,
          snils: null,
          note: null,
          dataCheckedAt: null,
        })
      ).id;
    const students = {
      first: await student('Алексеев', 'Артём'),
      second: await student('Борисов', 'Глеб'),
      third: await student('Васильева', 'Дарья'),
    };
    const enrol = (studentId: string, classId: string) =>
      write.insert(ClassMembershipEntity, { studentId, classId, fromDate: '2026-09-01', toDate: null });
    await enrol(students.first, classes.c5a);
    await enrol(students.second, classes.c5a);
    await enrol(students.third, classes.c6a);
    const workType = async (name: string, shortName: string, weight: number, deadlineKind: 'same_day' | 'lessons' | 'days', deadlineValue: number, sortOrder: number) =>
      (await write.insert(WorkTypeEntity, { name, shortName, weight, deadlineKind, deadlineValue, isControl: false, sortOrder })).id;
    const workTypes = {
      classwork: await workType('Работа на уроке', 'Урок', 1, 'same_day', 0, 1),
      test: await workType('Тест', 'Тест', 1.5, 'lessons', 2, 2),
      control: await workType('Контрольная работа', 'К/р', 2, 'lessons', 1, 3),
      essay: await workType('Сочинение', 'Соч.', 2, 'days', 10, 4),
    };
    const lesson = (over: Partial<Lesson> & Pick<Lesson, 'date' | 'lessonNo' | 'classId' | 'subjectId' | 'staffId'>) =>
      insertLesson(write, { yearId: year.id, ...over });
    const lessons = {
      maths5a: await lesson({ date: '2026-11-23', lessonNo: 2, classId: classes.c5a, subjectId: subjects.maths, staffId: ivanova }),
      russian5a: await lesson({ date: '2026-11-23', lessonNo: 3, classId: classes.c5a, subjectId: subjects.russian, staffId: petrova }),
      substituted5a: await lesson({
        date: '2026-11-24',
        lessonNo: 2,
        classId: classes.c5a,
        subjectId: subjects.maths,
        staffId: ivanova,
        substituteStaffId: sidorov,
      }),
      maths1a: await lesson({ date: '2026-11-23', lessonNo: 1, classId: classes.c1a, subjectId: subjects.maths, staffId: sidorov }),
    };
    return { userIds, staff: { ivanova, petrova, sidorov }, yearId: year.id, classes, subjects, students, lessons, periods, workTypes };
  });
  const login = async (login: string) => {
    const result = await t.runtime.call({ method: 'auth.login', params: { login, password: TEST_PASSWORD } });
    if (!result.ok) throw new Error(result.error.message);
    return (result.value as { token: string }).token;
  };
  const adminUser = (await t.runtime.database().manager.findOneOrFail(UserEntity, { where: { login: 'admin' } })).id;
  return {
    ...fixture,
    userIds: { admin: adminUser, ...fixture.userIds },
    tokens: {
      admin: await login('admin'),
      director: await login('director'),
      deputy: await login('zavuch'),
      secretary: await login('secretar'),
      ivanova: await login('ivanova.ap'),
      petrova: await login('petrova.mi'),
      sidorov: await login('sidorov.on'),
    },
  };
}

async function insertLesson(
  write: Writer,
  over: Partial<Lesson> & Pick<Lesson, 'yearId' | 'date' | 'lessonNo' | 'classId' | 'subjectId' | 'staffId'>,
): Promise<Lesson> {
  return write.insert(LessonEntity, plannedLesson(over));
}
