import { searchKey } from '../../../main/core/shared/text';
import { ClassMembershipEntity, DataConsentEntity, StudentEntity, StudentMovementEntity } from '../../../main/core/db/entities/contingent';
import { CurriculumItemEntity, GradingSystemEntity, SubjectEntity, TeachingAssignmentEntity } from '../../../main/core/db/entities/school';
import {
  AbsenceReasonEntity,
  AttendanceEntity,
  FinalMarkEntity,
  LessonEntity,
  MarkEntity,
  type FinalMarkValue,
  type Lesson,
} from '../../../main/core/db/entities/journal';
import { PlanTopicEntity, ThematicPlanEntity } from '../../../main/core/db/entities/planning';
import type { Writer } from '../../../main/core/write/writer';
import type { TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { plannedLesson } from '../../../main/core/lessons/planned-lesson';

/**
 * The small school's 5А with a first quarter worked by hand, for the
 * reports and the deputy's checks. Six students; maths, Russian and PE:
 *
 * | student    | maths | russian | PE   | note                              |
 * |------------|-------|---------|------|-----------------------------------|
 * | Алексеев   | 5     | 5       | 5    | отличник                          |
 * | Борисов    | 5     | 4       | 5    | хорошист, one «4» (Russian)       |
 * | Волкова    | 4     | 3       | осв. | one «3» (Russian), exempt from PE |
 * | Григорьев  | 2     | 2       | 2    | withdrawn 20.10.2026, before Q1 end |
 * | Дмитриева  | —     | —       | —    | no marks at all                   |
 * | Егоров     | н/а   | 3       | 4    | not attested in maths             |
 *
 * Maths lessons of Иванова in Q1 (dates below) with topics on time, one late,
 * one missing; marks (Егоров's «2» on 14.09 for «Сложение натуральных
 * чисел»); absences: Алексеев 14.09 (illness, by a certificate), Борисов
 * 16.09 (no reason), Волкова 05.10 (valid, on the absence itself).
 * A КТП of 8 one-hour topics, planned on the eight lesson dates of September–October.
 * Every family has given its consent to personal-data processing.
 */
export interface ReportSchool extends SmallSchool {
  pe: string;
  kids: Record<'alekseev' | 'borisov' | 'volkova' | 'grigoriev' | 'dmitrieva' | 'egorov', string>;
  mathsQ1: Lesson[];
  russianQ1: Lesson[];
  workTypeId: string;
}

export const MATHS_DATES = ['2026-09-07', '2026-09-09', '2026-09-14', '2026-09-16', '2026-09-21', '2026-10-05', '2026-10-07', '2026-10-12'];
export const MATHS_TOPICS = [
  'Натуральные числа и шкалы',
  'Обозначение натуральных чисел',
  'Сложение натуральных чисел',
  'Вычитание натуральных чисел',
  'Контрольная работа № 1 «Сложение и вычитание»',
  'Умножение натуральных чисел',
  'Деление натуральных чисел',
  'Деление с остатком',
];

export async function buildReportSchool(t: TestRuntime): Promise<ReportSchool> {
  const s = await buildSmallSchool(t);
  const em = t.runtime.database().manager;
  const { q1 } = s.periods;
  const extra = await t.runtime.transact({ userId: null, method: 'test.fixture' }, async (write) => {
    const fivePoint = (await em.findOneByOrFail(GradingSystemEntity, { code: 'five_point' })).id;
    const pe = (
      await write.insert(SubjectEntity, {
        name: 'Физическая культура',
        shortName: 'Физ-ра',
        gradingSystemId: fivePoint,
        sortOrder: 9,
        searchName: searchKey('Физическая культура'),
      })
    ).id;
    await write.insert(TeachingAssignmentEntity, {
      yearId: s.yearId,
      staffId: s.staff.sidorov,
      classId: s.classes.c5a,
      groupId: null,
      subjectId: pe,
      hoursPerWeek: 2,
      fromDate: null,
      toDate: null,
    });
    for (const [subjectId, hours] of [
      [s.subjects.maths, 5],
      [s.subjects.russian, 5],
      [pe, 2],
    ] as const) {
      await write.insert(CurriculumItemEntity, {
        yearId: s.yearId,
        classId: s.classes.c5a,
        subjectId,
        hoursPerWeek: hours,
        hoursPerYear: null,
        gradingSystemId: null,
        splitIntoGroups: false,
      });
    }
    const workType = { id: s.workTypes.classwork };
    const kid = async (lastName: string, firstName: string, sex: 'm' | 'f') =>
      (
        await write.insert(StudentEntity, {
          lastName,
          firstName,
          middleName: null,
          searchName: searchKey(lastName, firstName),
          birthDate: '2015-05-01',
          sex,
          personalFileNo: null,
          address: null,
          phone: null,
          email: null,
          snils: null,
          note: null,
          dataCheckedAt: null,
        })
      ).id;
    const kids = {
      alekseev: s.students.first,
      borisov: s.students.second,
      volkova: await kid('Волкова', 'Вера', 'f'),
      grigoriev: await kid('Григорьев', 'Гордей', 'm'),
      dmitrieva: await kid('Дмитриева', 'Дарья', 'f'),
      egorov: await kid('Егоров', 'Егор', 'm'),
    };
    for (const id of Object.values(kids)) {
      // Every family has signed its consent to personal-data processing (152-ФЗ) at enrolment.
      await write.insert(DataConsentEntity, { studentId: id, status: 'given', date: '2026-08-28', document: 'Заявление о согласии', guardianId: null, note: null });
    }
    for (const [key, id] of Object.entries(kids)) {
      // The small school may already have put its two students in 5А.
      if (await em.findOneBy(ClassMembershipEntity, { studentId: id, classId: s.classes.c5a })) continue;
      await write.insert(ClassMembershipEntity, {
        studentId: id,
        classId: s.classes.c5a,
        fromDate: '2026-09-01',
        toDate: key === 'grigoriev' ? '2026-10-20' : null,
      });
    }
    await write.insert(StudentMovementEntity, {
      studentId: kids.grigoriev,
      kind: 'withdrawal',
      date: '2026-10-21',
      fromClassId: s.classes.c5a,
      toClassId: null,
      orderNo: '112-у',
      orderDate: '2026-10-20',
      reason: 'Переезд в другой город',
      destination: 'МБОУ СОШ № 3 г. Тверь',
    });
    const finals: [string, string, FinalMarkValue][] = [];
    const table: [keyof typeof kids, FinalMarkValue | null, FinalMarkValue | null, FinalMarkValue | null][] = [
      ['alekseev', '5', '5', '5'],
      ['borisov', '5', '4', '5'],
      ['volkova', '4', '3', 'осв.'],
      ['grigoriev', '2', '2', '2'],
      ['dmitrieva', null, null, null],
      ['egorov', 'н/а', '3', '4'],
    ];
    for (const [k, maths, russian, peMark] of table) {
      if (maths) finals.push([kids[k], s.subjects.maths, maths]);
      if (russian) finals.push([kids[k], s.subjects.russian, russian]);
      if (peMark) finals.push([kids[k], pe, peMark]);
    }
    for (const [studentId, subjectId, value] of finals) {
      await write.insert(FinalMarkEntity, {
        studentId,
        subjectId,
        classId: s.classes.c5a,
        groupId: null,
        periodId: q1,
        kind: 'period',
        value,
        setAt: '2026-10-20T10:00:00.000Z',
        setBy: s.userIds.ivanova,
        late: false,
        note: null,
      });
    }
    // The КТП and the maths lessons of the first quarter.
    const plan = await write.insert(ThematicPlanEntity, {
      yearId: s.yearId,
      staffId: s.staff.ivanova,
      subjectId: s.subjects.maths,
      classId: s.classes.c5a,
      groupId: null,
      name: 'Математика, 5А',
      approvedAt: '2026-08-30T10:00:00.000Z',
      note: null,
    });
    const topicIds: string[] = [];
    for (const [i, title] of MATHS_TOPICS.entries()) {
      topicIds.push(
        (
          await write.insert(PlanTopicEntity, {
            planId: plan.id,
            ordinal: i + 1,
            title,
            hours: 1,
            workTypeId: null,
            plannedDate: MATHS_DATES[i],
            note: null,
          })
        ).id,
      );
    }
    const mathsQ1: Lesson[] = [];
    for (const [i, date] of MATHS_DATES.entries()) {
      // 16.09: topic entered late; 12.10: no topic at all (and not given).
      const missing = date === '2026-10-12';
      mathsQ1.push(
        await lesson(write, {
          yearId: s.yearId,
          date,
          lessonNo: 2,
          classId: s.classes.c5a,
          subjectId: s.subjects.maths,
          staffId: s.staff.ivanova,
          planTopicId: missing ? null : topicIds[i],
          topic: missing ? null : MATHS_TOPICS[i],
          topicSetAt: missing ? null : `${date}T${date === '2026-09-16' ? '18' : '09'}:30:00.000Z`,
          topicSetBy: missing ? null : s.userIds.ivanova,
          topicLate: date === '2026-09-16',
          homework: missing || i === 4 ? null : `№ ${i + 10}, ${i + 11}`,
          homeworkSetAt: missing || i === 4 ? null : `${date}T09:30:00.000Z`,
          homeworkSetBy: missing || i === 4 ? null : s.userIds.ivanova,
          status: missing ? 'planned' : 'given',
        }),
      );
    }
    const russianQ1 = [
      await lesson(write, {
        yearId: s.yearId,
        date: '2026-09-08',
        lessonNo: 3,
        classId: s.classes.c5a,
        subjectId: s.subjects.russian,
        staffId: s.staff.petrova,
        topic: 'Язык и общение',
        topicSetAt: '2026-09-08T09:00:00.000Z',
        topicSetBy: s.userIds.petrova,
        homework: 'Упр. 5',
        homeworkSetAt: '2026-09-08T09:00:00.000Z',
        homeworkSetBy: s.userIds.petrova,
        status: 'given',
      }),
    ];
    const mark = (l: Lesson, studentId: string, value: string, late = false) =>
      write.insert(MarkEntity, {
        lessonId: l.id,
        studentId,
        value,
        numericValue: Number(value),
        workTypeId: workType.id,
        weight: 1,
        comment: null,
        setAt: `${l.date}T10:00:00.000Z`,
        setBy: s.userIds.ivanova,
        late,
      });
    await mark(mathsQ1[0], kids.alekseev, '5');
    await mark(mathsQ1[0], kids.borisov, '4');
    await mark(mathsQ1[2], kids.egorov, '2');
    await mark(mathsQ1[2], kids.volkova, '4');
    await mark(mathsQ1[4], kids.alekseev, '5', true);
    await mark(mathsQ1[4], kids.borisov, '5');
    await mark(mathsQ1[4], kids.egorov, '2');
    await mark(mathsQ1[5], kids.borisov, '5');
    await mark(russianQ1[0], kids.volkova, '3');
    const absent = (l: Lesson, studentId: string, reasonKind: 'illness' | 'valid' | 'invalid' | null) =>
      write.insert(AttendanceEntity, {
        lessonId: l.id,
        studentId,
        code: 'absent',
        reasonKind,
        reasonNote: null,
        setAt: `${l.date}T08:00:00.000Z`,
        setBy: s.userIds.ivanova,
      });
    await absent(mathsQ1[2], kids.alekseev, null);
    await absent(mathsQ1[3], kids.borisov, null);
    await absent(mathsQ1[5], kids.volkova, 'valid');
    await write.insert(AbsenceReasonEntity, {
      studentId: kids.alekseev,
      fromDate: '2026-09-14',
      toDate: '2026-09-15',
      kind: 'illness',
      note: 'ОРВИ',
      document: 'Справка № 15 от 16.09.2026',
      setBy: s.userIds.petrova,
    });
    return { pe, kids, mathsQ1, russianQ1, workTypeId: workType.id };
  });
  return { ...s, ...extra };
}

async function lesson(write: Writer, over: Partial<Lesson> & Pick<Lesson, 'yearId' | 'date' | 'lessonNo' | 'classId' | 'subjectId' | 'staffId'>): Promise<Lesson> {
  return write.insert(LessonEntity, plannedLesson(over));
}
