import { hashPassword } from '../../../main/core/auth/password';
import { searchKey } from '../../../main/core/shared/text';
import { StaffEntity } from '../../../main/core/db/entities/staff';
import { UserEntity, UserRoleEntity, type Role } from '../../../main/core/db/entities/users';
import { AcademicYearEntity, StudyPeriodEntity } from '../../../main/core/db/entities/calendar';
import { ClassMembershipEntity, StudentEntity } from '../../../main/core/db/entities/contingent';
import {
  GradingSystemEntity,
  RoomEntity,
  SchoolClassEntity,
  StaffQualificationEntity,
  SubjectEntity,
  TeacherUnavailabilityEntity,
  TeachingAssignmentEntity,
  WorkTypeEntity,
} from '../../../main/core/db/entities/school';
import { LessonEntity, type Lesson } from '../../../main/core/db/entities/journal';
import { SubstitutionEntity } from '../../../main/core/db/entities/changes';
import { TEST_PASSWORD, setUpSchool, type TestRuntime } from '../../support/runtime';
import { plannedLesson } from '../../../main/core/lessons/planned-lesson';

/**
 * A school small enough to rank substitutes by hand (no bells: the lesson
 * number is the time and the position in the day).
 *
 * Monday 23.11.2026:
 *
 * | урок | 5А              | 5Б              | 5В             | 6А              |
 * |------|-----------------|-----------------|----------------|-----------------|
 * | 1    | Рус. Петрова    | Ист. Смирнова   |                |                 |
 * | 2    | Мат. Иванова    |                 |                | Физ-ра Никитин  |
 * | 3    | Мат. Иванова    |                 |                | Мат. Кузнецов   |
 * | 4    | Англ. Белова    | Мат. Иванова    | Мат. Кузнецов  | Ист. Смирнова   |
 * | 5    |                 | Рус. Орлова     |                | Рус. Петрова    |
 * | 6    |                 | Рус. Орлова     |                | Мат. Кузнецов   |
 *
 * Tuesday 24.11: 5А Мат. Иванова (1), 5Б Мат. Иванова (2), 5А Физ-ра Волков (2).
 * Thursday 26.11: 5Б Рус. Орлова (5).
 *
 * Load: Иванова — maths in 5А, 5Б; Петрова — Russian in 5А, 6А, leads 5А;
 * Кузнецов — maths in 6А, 5В, leads 5Б; Смирнова — history in 5А, 5Б, 6А,
 * qualified for maths, leads 6А; Орлова — Russian in 5Б, at most 2 lessons a
 * day; Никитин — PE in 6А; Белова — English in 5А, never on Monday's 2nd
 * lesson (методический час); Волков — PE in 5А, no lessons on Monday.
 *
 * Substitutions already in the books: Петрова for Орлова on 10.11 and 12.11
 * (paid), Смирнова for Белова on 05.11 (not paid), Кузнецов for Никитин on
 * 20.10 (another month) and on 17.11 (taken back: a tombstone).
 *
 * Rooms: 11 (5А), 12 (5Б), 13 (5В), 14 (6А), Спортзал. Алексеев and Борисов
 * study in 5А; the year has two quarters and one work type.
 */
export interface SubSchool {
  tokens: Record<'deputy' | 'director' | 'ivanova' | 'smirnova' | 'kuznetsov' | 'petrova', string>;
  deputyUserId: string;
  staff: Record<'ivanova' | 'petrova' | 'kuznetsov' | 'smirnova' | 'orlova' | 'nikitin' | 'belova' | 'volkov' | 'zaytseva', string>;
  classes: Record<'c5a' | 'c5b' | 'c5v' | 'c6a', string>;
  subjects: Record<'maths' | 'russian' | 'history' | 'english' | 'pe', string>;
  rooms: Record<'r11' | 'r12' | 'r13' | 'r14' | 'gym', string>;
  /** `mon.5a.2`: Monday, 5А, lesson 2; `tue.…`, `thu.…`; the earlier ones by date: `2026-11-10.5b.5`. */
  lessons: Record<string, Lesson>;
  yearId: string;
  /** Алексеев and Борисов, in 5А. */
  students: string[];
}

export async function buildSubSchool(t: TestRuntime): Promise<SubSchool> {
  await setUpSchool(t);
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const built = await t.runtime.transact({ userId: null, method: 'test.fixture' }, async (write) => {
    const person = async (lastName: string, firstName: string, middleName: string, position: string, maxLessonsPerDay: number | null = null) =>
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
          maxLessonsPerDay,
          note: null,
        })
      ).id;
    const account = async (login: string, staffId: string, roles: Role[]) => {
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
    const staff = {
      ivanova: await person('Иванова', 'Анна', 'Петровна', 'Учитель математики'),
      petrova: await person('Петрова', 'Мария', 'Ивановна', 'Учитель русского языка'),
      kuznetsov: await person('Кузнецов', 'Игорь', 'Иванович', 'Учитель математики'),
      smirnova: await person('Смирнова', 'Елена', 'Викторовна', 'Учитель истории'),
      orlova: await person('Орлова', 'Ольга', 'Олеговна', 'Учитель русского языка', 2),
      nikitin: await person('Никитин', 'Павел', 'Сергеевич', 'Учитель физической культуры'),
      belova: await person('Белова', 'Дарья', 'Андреевна', 'Учитель английского языка'),
      volkov: await person('Волков', 'Сергей', 'Петрович', 'Учитель физической культуры'),
      zaytseva: await person('Зайцева', 'Елена', 'Борисовна', 'Заместитель директора по УВР'),
    };
    const director = await person('Орлов', 'Виктор', 'Павлович', 'Директор');
    const deputyUserId = await account('zavuch', staff.zaytseva, ['deputy']);
    await account('director', director, ['director']);
    await account('ivanova.ap', staff.ivanova, ['teacher']);
    await account('smirnova.ev', staff.smirnova, ['teacher']);
    await account('kuznetsov.ii', staff.kuznetsov, ['teacher']);
    await account('petrova.mi', staff.petrova, ['teacher']);

    const year = await write.insert(AcademicYearEntity, {
      name: '2026/2027',
      startDate: '2026-09-01',
      endDate: '2027-05-31',
      status: 'open',
      closedAt: null,
      closedBy: null,
    });
    for (const [i, [startDate, endDate]] of ([['2026-09-01', '2026-10-24'], ['2026-11-05', '2026-12-28']] as const).entries()) {
      await write.insert(StudyPeriodEntity, { yearId: year.id, kind: 'quarter', ordinal: i + 1, name: `${['I', 'II'][i]} четверть`, startDate, endDate, gradeFrom: 1, gradeTo: 11, closedAt: null });
    }
    await write.insert(WorkTypeEntity, { name: 'Работа на уроке', shortName: 'Урок', weight: 1, deadlineKind: 'same_day', deadlineValue: 0, isControl: false, sortOrder: 1 });
    const room = async (number: string) => (await write.insert(RoomEntity, { number, name: null, capacity: 30, kind: 'classroom', note: null })).id;
    const rooms = { r11: await room('11'), r12: await room('12'), r13: await room('13'), r14: await room('14'), gym: await room('Спортзал') };
    const grading = await write.insert(GradingSystemEntity, { code: 'five_point', name: 'Пятибалльная', allowModifiers: false });
    const subject = async (name: string, shortName: string, sortOrder: number) =>
      (await write.insert(SubjectEntity, { name, shortName, gradingSystemId: grading.id, sortOrder, searchName: searchKey(name) })).id;
    const subjects = {
      maths: await subject('Математика', 'Мат.', 1),
      russian: await subject('Русский язык', 'Рус.', 2),
      history: await subject('История', 'Ист.', 3),
      english: await subject('Английский язык', 'Англ.', 4),
      pe: await subject('Физическая культура', 'Физ-ра', 5),
    };
    const schoolClass = async (letter: string, gradeLevel: number, classTeacherId: string | null, roomId: string) =>
      (
        await write.insert(SchoolClassEntity, {
          yearId: year.id,
          gradeLevel,
          letter,
          name: `${gradeLevel}${letter}`,
          classTeacherId,
          shift: 1,
          bellScheduleId: null,
          roomId,
        })
      ).id;
    const classes = {
      c5a: await schoolClass('А', 5, staff.petrova, rooms.r11),
      c5b: await schoolClass('Б', 5, staff.kuznetsov, rooms.r12),
      c5v: await schoolClass('В', 5, null, rooms.r13),
      c6a: await schoolClass('А', 6, staff.smirnova, rooms.r14),
    };
    const students: string[] = [];
    for (const [lastName, firstName] of [['Алексеев', 'Артём'], ['Борисов', 'Глеб']]) {
      const student = await write.insert(StudentEntity, {
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
      });
      await write.insert(ClassMembershipEntity, { studentId: student.id, classId: classes.c5a, fromDate: '2026-09-01', toDate: null });
      students.push(student.id);
    }
    const assign = (staffId: string, classId: string, subjectId: string) =>
      write.insert(TeachingAssignmentEntity, { yearId: year.id, staffId, classId, groupId: null, subjectId, hoursPerWeek: 3, fromDate: null, toDate: null });
    await assign(staff.ivanova, classes.c5a, subjects.maths);
    await assign(staff.ivanova, classes.c5b, subjects.maths);
    await assign(staff.petrova, classes.c5a, subjects.russian);
    await assign(staff.petrova, classes.c6a, subjects.russian);
    await assign(staff.kuznetsov, classes.c6a, subjects.maths);
    await assign(staff.kuznetsov, classes.c5v, subjects.maths);
    for (const c of [classes.c5a, classes.c5b, classes.c6a]) await assign(staff.smirnova, c, subjects.history);
    await assign(staff.orlova, classes.c5b, subjects.russian);
    await assign(staff.nikitin, classes.c6a, subjects.pe);
    await assign(staff.belova, classes.c5a, subjects.english);
    await assign(staff.volkov, classes.c5a, subjects.pe);
    await write.insert(StaffQualificationEntity, { staffId: staff.smirnova, subjectId: subjects.maths });
    await write.insert(TeacherUnavailabilityEntity, { staffId: staff.belova, weekday: 1, lessonNo: 2, note: 'методический час' });

    const lessons: Record<string, Lesson> = {};
    const cls = { '5a': classes.c5a, '5b': classes.c5b, '5v': classes.c5v, '6a': classes.c6a };
    const roomOf = { '5a': rooms.r11, '5b': rooms.r12, '5v': rooms.r13, '6a': rooms.r14 };
    const lesson = async (day: string, date: string, c: keyof typeof cls, no: number, subjectId: string, staffId: string, over: Partial<Lesson> = {}) => {
      lessons[`${day}.${c}.${no}`] = await write.insert(
        LessonEntity,
        plannedLesson({
          yearId: year.id,
          date,
          lessonNo: no,
          classId: cls[c],
          subjectId,
          staffId,
          roomId: subjectId === subjects.pe ? rooms.gym : roomOf[c],
          ...over,
        }),
      );
    };
    const mon = (c: keyof typeof cls, no: number, subjectId: string, staffId: string) => lesson('mon', '2026-11-23', c, no, subjectId, staffId);
    await mon('5a', 1, subjects.russian, staff.petrova);
    await mon('5a', 2, subjects.maths, staff.ivanova);
    await mon('5a', 3, subjects.maths, staff.ivanova);
    await mon('5a', 4, subjects.english, staff.belova);
    await mon('5b', 1, subjects.history, staff.smirnova);
    await mon('5b', 4, subjects.maths, staff.ivanova);
    await mon('5b', 5, subjects.russian, staff.orlova);
    await mon('5b', 6, subjects.russian, staff.orlova);
    await mon('5v', 4, subjects.maths, staff.kuznetsov);
    await mon('6a', 2, subjects.pe, staff.nikitin);
    await mon('6a', 3, subjects.maths, staff.kuznetsov);
    await mon('6a', 4, subjects.history, staff.smirnova);
    await mon('6a', 5, subjects.russian, staff.petrova);
    await mon('6a', 6, subjects.maths, staff.kuznetsov);
    await lesson('tue', '2026-11-24', '5a', 1, subjects.maths, staff.ivanova);
    await lesson('tue', '2026-11-24', '5b', 2, subjects.maths, staff.ivanova);
    await lesson('tue', '2026-11-24', '5a', 2, subjects.pe, staff.volkov);
    await lesson('thu', '2026-11-26', '5b', 5, subjects.russian, staff.orlova);

    // The substitutions already made.
    const earlier = async (date: string, c: keyof typeof cls, no: number, subjectId: string, staffId: string, substitute: string, paid: boolean, removed = false) => {
      await lesson(date, date, c, no, subjectId, staffId, { substituteStaffId: removed ? null : substitute });
      const row = await write.insert(SubstitutionEntity, {
        lessonId: lessons[`${date}.${c}.${no}`].id,
        kind: 'substitute',
        teacherAbsenceId: null,
        substituteStaffId: substitute,
        mergedWithLessonId: null,
        newRoomId: null,
        paid,
        hours: 1,
        note: null,
        printedAt: null,
        createdBy: deputyUserId,
      });
      if (removed) await write.remove(SubstitutionEntity, row.id);
    };
    await earlier('2026-11-10', '5b', 5, subjects.russian, staff.orlova, staff.petrova, true);
    await earlier('2026-11-12', '5b', 5, subjects.russian, staff.orlova, staff.petrova, true);
    await earlier('2026-11-05', '5a', 4, subjects.english, staff.belova, staff.smirnova, false);
    await earlier('2026-10-20', '6a', 2, subjects.pe, staff.nikitin, staff.kuznetsov, true);
    await earlier('2026-11-17', '6a', 2, subjects.pe, staff.nikitin, staff.kuznetsov, true, true);
    return { staff, classes, subjects, rooms, lessons, deputyUserId, yearId: year.id, students };
  });
  const login = async (name: string) => {
    const r = await t.runtime.call({ method: 'auth.login', params: { login: name, password: TEST_PASSWORD } });
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as { token: string }).token;
  };
  return {
    ...built,
    tokens: {
      deputy: await login('zavuch'),
      director: await login('director'),
      ivanova: await login('ivanova.ap'),
      smirnova: await login('smirnova.ev'),
      kuznetsov: await login('kuznetsov.ii'),
      petrova: await login('petrova.mi'),
    },
  };
}
