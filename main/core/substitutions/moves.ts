import { IsNull } from 'typeorm';
import type { MutationContext } from '../api/contract';
import { actorOf } from '../api/contract';
import { AppError, fail } from '../shared/errors';
import { LessonEntity, type Lesson } from '../db/entities/journal';
import { LessonMoveEntity, type LessonMove } from '../db/entities/changes';
import { HolidayEntity } from '../db/entities/calendar';
import { TimetableEntryEntity } from '../db/entities/planning';
import { yearClosed } from '../year/lock';
import { lessonData } from '../lessons/lesson-data';
import { holidayCovers } from '../lessons/school-days';
import { countRu } from '../grading/plural';
import { Day, type DayLesson } from './day';
import { describeSlot, lessonNoText, staffName } from './candidates';
import { REASON_RU } from './absences';
import { roomName } from './describe';
import { enforce, type Check } from './solutions';
import { ruDate } from '../shared/dates';

export interface MoveInput {
  lessonId: string;
  toDate: string;
  toLessonNo: number;
  toRoomId?: string | null;
  reason?: string | null;
}

/**
 * Where the lesson would stand on the target day: its class, its teacher and
 * its room must be free then. A moved lesson is a placed lesson of that day
 * with the time its class has at that number.
 */
async function checkMove(ctx: MutationContext, lesson: Lesson, input: MoveInput, from: Day, to: Day): Promise<Check> {
  // Not a conflict to weigh: a closed year is read-only (year/lock.ts).
  if (from.year?.status === 'closed') throw yearClosed(from.year.name);
  const out: Check = { hard: [], warnings: [] };
  if (input.toDate === lesson.date && input.toLessonNo === lesson.lessonNo) out.hard.push('Урок уже стоит на этой дате и этом номере.');
  if (from.subs.get(lesson.id) || lesson.substituteStaffId) {
    out.hard.push('Для урока уже выбрано другое решение (замена, объединение, отмена или смена кабинета): сначала снимите его.');
  }
  if (lesson.status === 'cancelled') out.hard.push('Урок отменён: перенести его нельзя.');
  const data = (await lessonData(ctx.em, [lesson.id])).get(lesson.id);
  if (lesson.status === 'given' || (data && (data.topic || data.marks > 0 || data.absences > 0))) {
    out.hard.push('В уроке уже есть записи (тема, отметки или пропуски): переносить проведённый урок нельзя.');
  }
  const year = from.year;
  if (!year || !to.year || to.year.id !== year.id) out.hard.push(`Перенести урок можно только на дату того же учебного года${year ? ` (${ruDate(year.startDate)}–${ruDate(year.endDate)})` : ''}.`);
  if (to.weekday === 7) out.hard.push('В воскресенье уроков нет.');
  const cls = to.classes.get(lesson.classId);
  const holiday = await ctx.em
    .createQueryBuilder(HolidayEntity, 'h')
    .where('h.deletedAt IS NULL AND h.startDate <= :d AND h.endDate >= :d', { d: input.toDate })
    .getMany();
  const off = cls && holiday.find((h) => holidayCovers(h, cls.gradeLevel));
  if (off) out.warnings.push(`${ruDate(input.toDate)} — ${off.name}: уроков по календарю нет.`);
  if (out.hard.length > 0) return out;

  const time = to.line.timeOf(lesson.classId, to.weekday, input.toLessonNo);
  const others = to.lessons.filter((x) => x.id !== lesson.id && x.status !== 'cancelled');
  const classClash = to
    .clashes(time, others.filter((x) => x.classId === lesson.classId))
    .find((x) => !(x.groupId && lesson.groupId && x.groupId !== lesson.groupId));
  if (classClash) out.hard.push(`У класса в это время уже есть урок: ${describeSlot(to, classClash)}.`);
  const teacher = lesson.staffId;
  const name = staffName(to, teacher);
  const busy = to.clashes(time, to.lessonsOf(teacher), lesson.id)[0];
  if (busy) out.hard.push(`${name} в это время ведёт урок: ${describeSlot(to, busy)}.`);
  const away = to.absenceOf(teacher, input.toLessonNo);
  if (away) out.warnings.push(`${name} отсутствует и в это время (${REASON_RU[away.reason]}): урок снова потребует замены.`);
  const blocked = (to.unavailable.get(teacher) ?? []).find((u) => u.lessonNo === null || u.lessonNo === input.toLessonNo);
  if (blocked) out.warnings.push(`${name} не ведёт уроки в это время${blocked.note ? ` (${blocked.note})` : ''}.`);
  const today = new Set(to.lessonsOf(teacher).filter((x) => x.id !== lesson.id).map((x) => x.time)).size;
  if (today + 1 > to.maxLessonsOf(teacher)) {
    out.warnings.push(`${name}: в этот день будет ${countRu(today + 1, ['урок', 'урока', 'уроков'])}, больше установленного максимума (${to.maxLessonsOf(teacher)}).`);
  }
  const room = input.toRoomId ?? lesson.roomId;
  if (input.toRoomId && !to.rooms.has(input.toRoomId)) out.hard.push('Кабинет не найден. Возможно, запись уже удалена.');
  if (room) {
    const clash = to.clashes(time, others.filter((x) => to.roomOf(x) === room && x.id !== classClash?.id))[0];
    if (clash) out.hard.push(`Кабинет ${roomName(to, room)} в это время занят: ${describeSlot(to, clash)}.`);
  }
  return out;
}

/**
 * Перенос: the lesson row takes its new date and number (so the journal shows
 * it there), remembers where it came from (so the timetable's regeneration
 * keeps answering for the old place), and a LessonMove keeps the history.
 */
export async function moveLesson(ctx: MutationContext, input: MoveInput, confirm: boolean): Promise<LessonMove> {
  const lesson = await ctx.em.findOne(LessonEntity, { where: { id: input.lessonId, deletedAt: IsNull() } });
  if (!lesson) throw fail.notFound('Урок');
  const from = await Day.load(ctx.em, lesson.date);
  const to = input.toDate === lesson.date ? from : await Day.load(ctx.em, input.toDate);
  enforce(await checkMove(ctx, lesson, input, from, to), confirm);
  const absence = from.absenceOf(lesson.staffId, lesson.lessonNo);
  const move = await ctx.write.insert(LessonMoveEntity, {
    lessonId: lesson.id,
    fromDate: lesson.date,
    fromLessonNo: lesson.lessonNo,
    toDate: input.toDate,
    toLessonNo: input.toLessonNo,
    toRoomId: input.toRoomId ?? null,
    reason: input.reason?.trim() || null,
    teacherAbsenceId: absence?.id ?? null,
    createdBy: actorOf(ctx).userId,
  });
  await ctx.write.update(LessonEntity, lesson.id, {
    date: input.toDate,
    lessonNo: input.toLessonNo,
    movedFromDate: lesson.movedFromDate ?? lesson.date,
    movedFromLessonNo: lesson.movedFromLessonNo ?? lesson.lessonNo,
    roomId: input.toRoomId ?? lesson.roomId,
  });
  return move;
}

/** Takes the last move of a lesson back, if its old place is still free. */
export async function undoMove(ctx: MutationContext, lessonId: string, confirm: boolean): Promise<DayLesson | Lesson> {
  const lesson = await ctx.em.findOne(LessonEntity, { where: { id: lessonId, deletedAt: IsNull() } });
  if (!lesson) throw fail.notFound('Урок');
  const move = await ctx.em.findOne(LessonMoveEntity, {
    where: { lessonId, toDate: lesson.date, toLessonNo: lesson.lessonNo, deletedAt: IsNull() },
    order: { createdAt: 'DESC' },
  });
  if (!move) throw new AppError('NOT_FOUND', 'Урок не переносился: возвращать нечего.');
  const back: MoveInput = { lessonId, toDate: move.fromDate, toLessonNo: move.fromLessonNo, toRoomId: null };
  const here = await Day.load(ctx.em, lesson.date);
  const there = move.fromDate === lesson.date ? here : await Day.load(ctx.em, move.fromDate);
  // Where it goes back to, the room it had by the timetable.
  const entry = lesson.timetableEntryId ? await ctx.em.findOne(TimetableEntryEntity, { where: { id: lesson.timetableEntryId } }) : null;
  const roomId = move.toRoomId ? (entry?.roomId ?? lesson.roomId) : lesson.roomId;
  const check = await checkMove(ctx, { ...lesson, roomId }, back, here, there);
  // The move itself is no conflict with itself.
  check.hard = check.hard.filter((h) => !h.startsWith('Урок уже стоит'));
  enforce(check, confirm, `Вернуть урок на ${ruDate(move.fromDate)}, ${lessonNoText(move.fromLessonNo)}`);
  await ctx.write.remove(LessonMoveEntity, move.id, { reason: 'перенос отменён' });
  const home = lesson.movedFromDate === move.fromDate && lesson.movedFromLessonNo === move.fromLessonNo;
  const patch: Partial<Lesson> = {
    date: move.fromDate,
    lessonNo: move.fromLessonNo,
    movedFromDate: home ? null : lesson.movedFromDate,
    movedFromLessonNo: home ? null : lesson.movedFromLessonNo,
    roomId,
  };
  await ctx.write.update(LessonEntity, lesson.id, patch);
  return { ...lesson, ...patch };
}
