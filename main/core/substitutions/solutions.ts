import type { MutationContext } from '../api/contract';
import { actorOf } from '../api/contract';
import { AppError, fail } from '../shared/errors';
import { LessonEntity, type Lesson } from '../db/entities/journal';
import { SubstitutionEntity, type Substitution, type SubstitutionKind } from '../db/entities/changes';
import { lessonData } from '../lessons/lesson-data';
import { countRu } from '../grading/plural';
import type { Day, DayLesson } from './day';
import { describeSlot, staffName } from './candidates';
import { REASON_RU } from './absences';
import { classLabel, lessonLabel, roomName, solutionText } from './describe';
import { payFor } from './rules';
import { yearClosed } from '../year/lock';

export interface SolutionInput {
  lessonId: string;
  kind: SubstitutionKind;
  substituteStaffId?: string | null;
  mergedWithLessonId?: string | null;
  newRoomId?: string | null;
  note?: string | null;
}

/** Conflicts of a change: `hard` ones refuse it; `warnings` need the deputy's confirmation. */
export interface Check {
  hard: string[];
  warnings: string[];
}

/** Lessons of the day merged into this one: changing it would leave them without a teacher. */
function mergedInto(day: Day, lessonId: string): DayLesson[] {
  return day.lessons.filter((x) => {
    const s = day.subs.get(x.id);
    return s?.kind === 'merge' && s.mergedWithLessonId === lessonId;
  });
}

function roomClash(day: Day, lesson: DayLesson, roomId: string): string | null {
  const joined = new Set(mergedInto(day, lesson.id).map((x) => x.id));
  const others = day.lessons.filter((x) => x.id !== lesson.id && !joined.has(x.id) && x.status !== 'cancelled' && day.roomOf(x) === roomId);
  // Name the lesson that holds the room, not a class that joined it.
  const clash = day.clashes(lesson.time, others).sort((a, b) => Number(day.subs.get(a.id)?.kind === 'merge') - Number(day.subs.get(b.id)?.kind === 'merge'))[0];
  if (!clash) return null;
  return `Кабинет ${roomName(day, roomId)} в это время занят: ${describeSlot(day, clash)}.`;
}

/** The checks a teacher must pass to take a lesson they do not plan to give. */
function teacherChecks(day: Day, lesson: DayLesson, staffId: string, out: Check): void {
  const person = day.staff.get(staffId);
  if (!person) {
    out.hard.push('Сотрудник не найден. Возможно, запись уже удалена.');
    return;
  }
  const name = staffName(day, staffId);
  if (staffId === lesson.staffId) out.hard.push(`${name} — учитель этого урока по расписанию: замена не нужна.`);
  if ((person.hiredOn && person.hiredOn > day.date) || (person.leftOn && person.leftOn < day.date)) {
    out.hard.push(`${name} в этот день не работает в школе.`);
  }
  const away = day.absenceOf(staffId, lesson.lessonNo);
  if (away) out.hard.push(`${name} отсутствует в это время (${REASON_RU[away.reason]}).`);
  const busy = day.clashes(lesson.time, day.lessonsOf(staffId), lesson.id)[0];
  if (busy) out.hard.push(`${name} в это время ведёт урок: ${describeSlot(day, busy)}.`);
  const blocked = (day.unavailable.get(staffId) ?? []).find((u) => u.lessonNo === null || u.lessonNo === lesson.lessonNo);
  if (blocked) out.warnings.push(`${name} не ведёт уроки в это время${blocked.note ? ` (${blocked.note})` : ''}.`);
  const today = new Set(day.lessonsOf(staffId).filter((x) => x.id !== lesson.id).map((x) => x.time)).size;
  const max = day.maxLessonsOf(staffId);
  if (today + 1 > max) {
    out.warnings.push(`${name}: в этот день будет ${countRu(today + 1, ['урок', 'урока', 'уроков'])}, больше установленного максимума (${max}).`);
  }
}

/** Every conflict of a solution against the day as it stands. */
export async function checkSolution(ctx: MutationContext, day: Day, lesson: DayLesson, input: SolutionInput): Promise<Check> {
  // Not a conflict to weigh: a closed year is read-only (year/lock.ts).
  if (day.year?.status === 'closed') throw yearClosed(day.year.name);
  const out: Check = { hard: [], warnings: [] };
  const current = day.subs.get(lesson.id);
  if (lesson.status === 'cancelled' && current?.kind !== 'cancel') {
    out.hard.push('Урок отменён не через замены: сначала верните его в расписание.');
  }
  // A teacher for a lesson moved to another room keeps the room: that is one solution, not two.
  const keepsRoom = current?.kind === 'room_change' && input.kind === 'substitute';
  if (current && !keepsRoom) out.warnings.push(`У урока уже есть решение («${solutionText(day, lesson, current)}»): оно будет заменено новым.`);
  else if (lesson.substituteStaffId) out.warnings.push(`Урок уже ведёт ${staffName(day, lesson.substituteStaffId)}: это будет заменено новым решением.`);
  const joined = mergedInto(day, lesson.id);
  if (joined.length > 0 && input.kind !== 'room_change') {
    out.hard.push(`К этому уроку присоединён ${joined.map((x) => classLabel(day, x)).join(', ')}: сначала измените решение для ${joined.length > 1 ? 'них' : 'него'}.`);
  }

  switch (input.kind) {
    case 'substitute':
      if (!input.substituteStaffId) out.hard.push('Выберите заменяющего учителя.');
      else teacherChecks(day, lesson, input.substituteStaffId, out);
      break;
    case 'merge': {
      const target = input.mergedWithLessonId ? day.byId.get(input.mergedWithLessonId) : undefined;
      if (!target) {
        out.hard.push('Выберите урок, к которому присоединяется класс: он должен быть в этот же день.');
        break;
      }
      const cls = day.classes.get(lesson.classId);
      const sameTime = day.clashes(lesson.time, [target]).length > 0;
      const parallel = target.classId !== lesson.classId && day.classes.get(target.classId)?.gradeLevel === cls?.gradeLevel;
      const otherGroup = target.classId === lesson.classId && target.groupId !== lesson.groupId && !!target.groupId && !!lesson.groupId;
      if (target.id === lesson.id || !sameTime || !(parallel || otherGroup)) {
        out.hard.push('Объединить можно только с уроком параллельного класса или другой группы этого класса в то же время.');
        break;
      }
      if (target.status === 'cancelled') out.hard.push(`Урок ${lessonLabel(day, target)} отменён.`);
      if (day.subs.get(target.id)?.kind === 'merge') out.hard.push(`${classLabel(day, target)} сам присоединён к другому уроку.`);
      if (day.openReason(target)) out.hard.push(`Учитель урока ${lessonLabel(day, target)} отсутствует: сначала решите, кто его ведёт.`);
      const teacher = day.teacherOf(target);
      if (teacher && teacher === lesson.staffId) out.hard.push('Этот урок ведёт сам отсутствующий учитель.');
      if (target.subjectId !== lesson.subjectId) {
        out.warnings.push(
          `Урок ${classLabel(day, target)} — другой предмет (${day.subjects.get(target.subjectId)?.name ?? ''}): в журнале урок ${classLabel(day, lesson)} останется по своему предмету.`,
        );
      }
      break;
    }
    case 'cancel': {
      const data = (await lessonData(ctx.em, [lesson.id])).get(lesson.id);
      if (lesson.status === 'given' || (data && (data.topic || data.homework || data.marks > 0 || data.absences > 0))) {
        out.hard.push('В уроке уже есть записи (тема, домашнее задание, отметки или пропуски): отменить его нельзя.');
      }
      break;
    }
    case 'room_change':
      if (!input.newRoomId) out.hard.push('Выберите кабинет.');
      else if (input.newRoomId === lesson.roomId) out.hard.push('Урок и так проходит в этом кабинете.');
      break;
  }
  if (input.newRoomId) {
    if (!day.rooms.has(input.newRoomId)) out.hard.push('Кабинет не найден. Возможно, запись уже удалена.');
    else if (input.kind !== 'cancel') {
      const clash = roomClash(day, lesson, input.newRoomId);
      if (clash) out.hard.push(clash);
    }
  }
  return out;
}

/** Refuses hard conflicts; asks for confirmation of the rest; never saves a conflict silently. */
export function enforce(check: Check, confirm: boolean, label?: string): void {
  const prefix = label ? `${label}: ` : '';
  if (check.hard.length > 0) {
    throw new AppError('CONFLICT', `${prefix}${check.hard.join(' ')}`, { conflicts: check.hard });
  }
  if (check.warnings.length > 0 && !confirm) {
    throw new AppError('CONFLICT', `${prefix}${check.warnings.join(' ')} Подтвердите, чтобы сохранить.`, {
      warnings: check.warnings,
      needsConfirm: true,
    });
  }
}

/**
 * Saves one solution: the Substitution row (hours and pay by the school's
 * rules for its kind and the reason of the absence) and its mirror on the
 * lesson (the substitute who may write in it; a cancelled status). A previous
 * solution of the lesson is tombstoned, so one live row stays per lesson.
 */
export async function saveSolution(ctx: MutationContext, day: Day, lesson: DayLesson, input: SolutionInput): Promise<Substitution> {
  const actor = actorOf(ctx);
  const current = day.subs.get(lesson.id);
  if (current) await ctx.write.remove(SubstitutionEntity, current.id, { reason: 'заменено новым решением' });
  const absence = day.absenceOf(lesson.staffId, lesson.lessonNo);
  const target = input.kind === 'merge' && input.mergedWithLessonId ? day.byId.get(input.mergedWithLessonId) : undefined;
  const teacher = input.kind === 'substitute' ? (input.substituteStaffId ?? null) : target ? day.teacherOf(target) : null;
  const pay = payFor(day.rules.pay, input.kind, absence?.reason ?? null);
  const row = await ctx.write.insert(SubstitutionEntity, {
    lessonId: lesson.id,
    kind: input.kind,
    teacherAbsenceId: absence?.id ?? null,
    substituteStaffId: teacher,
    mergedWithLessonId: target?.id ?? null,
    newRoomId: input.kind === 'cancel' || input.kind === 'merge' ? null : (input.newRoomId ?? (current?.kind === 'room_change' ? current.newRoomId : null)),
    paid: pay.paid,
    hours: pay.hours,
    note: input.note?.trim() || null,
    printedAt: null,
    createdBy: actor.userId,
  });
  const patch: Partial<Lesson> = {
    substituteStaffId: input.kind === 'substitute' || input.kind === 'merge' ? teacher : null,
    status: input.kind === 'cancel' ? 'cancelled' : lesson.status === 'cancelled' ? 'planned' : lesson.status,
  };
  await ctx.write.update(LessonEntity, lesson.id, patch);
  day.record(lesson, patch, row);
  return row;
}

/** Takes a lesson's solution back: the lesson is given as the timetable has it. */
export async function removeSolution(ctx: MutationContext, day: Day, lesson: DayLesson, reason: string | null): Promise<void> {
  const current = day.subs.get(lesson.id);
  if (!current && !lesson.substituteStaffId) throw fail.notFound('Решение для этого урока');
  const joined = mergedInto(day, lesson.id);
  if (joined.length > 0 && current?.kind !== 'room_change') {
    throw new AppError('CONFLICT', `К этому уроку присоединён ${joined.map((x) => classLabel(day, x)).join(', ')}: сначала измените решение для ${joined.length > 1 ? 'них' : 'него'}.`);
  }
  if (day.year?.status === 'closed') throw yearClosed(day.year.name);
  if (current) await ctx.write.remove(SubstitutionEntity, current.id, { reason });
  const patch: Partial<Lesson> = {
    substituteStaffId: null,
    status: current?.kind === 'cancel' && lesson.status === 'cancelled' ? 'planned' : lesson.status,
  };
  await ctx.write.update(LessonEntity, lesson.id, patch, { reason });
  day.record(lesson, patch, null);
}
