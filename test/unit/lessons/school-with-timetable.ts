import { RoomEntity, StudyGroupEntity, SubjectEntity, WorkTypeEntity, GradingSystemEntity } from '../../../main/core/db/entities/school';
import { HolidayEntity, WorkingDayTransferEntity } from '../../../main/core/db/entities/calendar';
import { StaffEntity } from '../../../main/core/db/entities/staff';
import { searchKey } from '../../../main/core/shared/text';
import type { TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';

/**
 * The small school with what a timetable needs on top: rooms 201 and 202,
 * English split into two groups in 5А with two English teachers, a work type
 * for marks, a day off on Monday 14.09.2026 and Saturday 26.09.2026 worked
 * as a Monday.
 */
export interface TimetableSchool extends SmallSchool {
  rooms: { r201: string; r202: string; r301: string };
  english: string;
  groups: { eng1: string; eng2: string };
  englishTeachers: { smirnova: string; kuznetsova: string };
  workTypeId: string;
}

export async function buildTimetableSchool(t: TestRuntime): Promise<TimetableSchool> {
  const school = await buildSmallSchool(t);
  const extra = await t.runtime.transact({ userId: null, method: 'test.fixture' }, async (write, em) => {
    const room = async (number: string) => (await write.insert(RoomEntity, { number, name: null, capacity: 30, kind: 'classroom', note: null })).id;
    const rooms = { r201: await room('201'), r202: await room('202'), r301: await room('301') };
    const grading = await em.findOneOrFail(GradingSystemEntity, { where: { code: 'five_point' } });
    const english = (
      await write.insert(SubjectEntity, { name: 'Английский язык', shortName: 'Англ.', gradingSystemId: grading.id, sortOrder: 3, searchName: searchKey('Английский язык') })
    ).id;
    const group = async (name: string) =>
      (await write.insert(StudyGroupEntity, { yearId: school.yearId, classId: school.classes.c5a, subjectId: english, name, splitKey: 'english', note: null })).id;
    const groups = { eng1: await group('1 подгруппа'), eng2: await group('2 подгруппа') };
    const teacher = async (lastName: string, firstName: string, middleName: string) =>
      (
        await write.insert(StaffEntity, {
          lastName,
          firstName,
          middleName,
          searchName: searchKey(lastName, firstName, middleName),
          position: 'Учитель английского языка',
          phone: null,
          email: null,
          hiredOn: null,
          leftOn: null,
          maxLessonsPerDay: null,
          note: null,
        })
      ).id;
    const englishTeachers = { smirnova: await teacher('Смирнова', 'Ольга', 'Викторовна'), kuznetsova: await teacher('Кузнецова', 'Дарья', 'Андреевна') };
    const workTypeId = (
      await write.insert(WorkTypeEntity, { name: 'Работа на уроке', shortName: 'Урок', weight: 1, deadlineKind: 'same_day', deadlineValue: 0, isControl: false, sortOrder: 1 })
    ).id;
    await write.insert(HolidayEntity, { yearId: school.yearId, name: 'Выходной день', startDate: '2026-09-14', endDate: '2026-09-14', kind: 'dayOff' });
    await write.insert(WorkingDayTransferEntity, { yearId: school.yearId, date: '2026-09-26', worksAsWeekday: 1, note: 'Рабочая суббота по понедельнику' });
    return { rooms, english, groups, englishTeachers, workTypeId };
  });
  return { ...school, ...extra };
}
