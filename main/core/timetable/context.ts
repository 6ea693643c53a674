import type { ReadableDb } from '../db/readable';
import { IsNull } from 'typeorm';
import { fail } from '../shared/errors';
import { shortName } from '../shared/text';
import { TimetableEntity, TimetableEntryEntity, type Timetable, type TimetableEntry } from '../db/entities/planning';
import {
  RoomEntity,
  SchoolClassEntity,
  StudyGroupEntity,
  SubjectEntity,
  TeacherUnavailabilityEntity,
  type Room,
  type SchoolClass,
  type StudyGroup,
  type Subject,
  type TeacherUnavailability,
} from '../db/entities/school';
import { StaffEntity, type Staff } from '../db/entities/staff';
import { BellScheduleEntity, BellSlotEntity, type BellSchedule, type BellSlot } from '../db/entities/calendar';
import { ConflictIndex } from './conflicts';
import { TimeLine } from './time-line';
import type { Placement } from './model';

/**
 * Everything one timetable's checks and screens need, loaded at once: its
 * entries, the year's classes, groups and bells, the subjects, staff and
 * rooms, and the teachers' unavailable times.
 */
export interface TimetableContext {
  timetable: Timetable;
  entries: TimetableEntry[];
  classes: SchoolClass[];
  groups: StudyGroup[];
  subjects: Subject[];
  staff: Staff[];
  rooms: Room[];
  unavailability: TeacherUnavailability[];
  schedules: BellSchedule[];
  bells: BellSlot[];
  line: TimeLine;
  index: ConflictIndex;
  names: Names;
}

export interface Names {
  cls(id: string): string;
  group(id: string | null): string | null;
  subject(id: string): string;
  teacher(id: string): string;
  room(id: string | null): string | null;
}

export async function loadTimetable(em: ReadableDb, id: string): Promise<Timetable> {
  const t = await em.findOne(TimetableEntity, { where: { id } });
  if (!t || t.deletedAt) throw fail.notFound('Расписание');
  return t;
}

export function placementOf(e: TimetableEntry): Placement {
  return {
    id: e.id,
    weekday: e.weekday,
    lessonNo: e.lessonNo,
    weekParity: e.weekParity,
    classId: e.classId,
    groupId: e.groupId,
    subjectId: e.subjectId,
    staffId: e.staffId,
    roomId: e.roomId,
    individualPlanId: e.individualPlanId,
    cardId: e.cardId ?? null,
  };
}

export async function loadContext(em: ReadableDb, timetableId: string): Promise<TimetableContext> {
  const timetable = await loadTimetable(em, timetableId);
  const live = { deletedAt: IsNull() };
  const yearLive = { yearId: timetable.yearId, deletedAt: IsNull() };
  const entries = await em.find(TimetableEntryEntity, { where: { timetableId, deletedAt: IsNull() } });
  const classes = await em.find(SchoolClassEntity, { where: yearLive });
  const groups = await em.find(StudyGroupEntity, { where: yearLive });
  const subjects = await em.find(SubjectEntity, { where: live });
  const staff = await em.find(StaffEntity, { where: live });
  const rooms = await em.find(RoomEntity, { where: live });
  const unavailability = await em.find(TeacherUnavailabilityEntity, { where: live });
  const schedules = await em.find(BellScheduleEntity, { where: yearLive });
  const bells = schedules.length
    ? await em
        .createQueryBuilder(BellSlotEntity, 's')
        .where('s.scheduleId IN (:...ids) AND s.deletedAt IS NULL', { ids: schedules.map((s) => s.id) })
        .getMany()
    : [];
  const line = new TimeLine(classes, schedules, bells);
  const index = new ConflictIndex(entries.map(placementOf), groups, unavailability, line);
  return { timetable, entries, classes, groups, subjects, staff, rooms, unavailability, schedules, bells, line, index, names: namesOf(classes, groups, subjects, staff, rooms) };
}

function namesOf(classes: SchoolClass[], groups: StudyGroup[], subjects: Subject[], staff: Staff[], rooms: Room[]): Names {
  const cls = new Map(classes.map((c) => [c.id, c.name]));
  const grp = new Map(groups.map((g) => [g.id, g.name]));
  const sub = new Map(subjects.map((s) => [s.id, s.name]));
  const tch = new Map(staff.map((s) => [s.id, shortName(s)]));
  const rm = new Map(rooms.map((r) => [r.id, r.number]));
  return {
    cls: (id) => cls.get(id) ?? 'класс удалён',
    group: (id) => (id ? (grp.get(id) ?? 'группа удалена') : null),
    subject: (id) => sub.get(id) ?? 'предмет удалён',
    teacher: (id) => tch.get(id) ?? 'сотрудник удалён',
    room: (id) => (id ? (rm.get(id) ?? 'кабинет удалён') : null),
  };
}
