import { MarkEntity, AttendanceEntity, LessonEntity, type AttendanceCode, type Mark } from '../db/entities/journal';
import { AppError, fail } from '../shared/errors';
import type { MarkValue } from '../grading/values';
import type { JournalContext, LoadedLesson, CellMark, CellAttendance } from './writer';
import type { MarkRow, AttendanceRow } from './page-data';
import { MAX_MARKS_PER_CELL } from './cell-text';

/**
 * One cell of the grid (a student at a lesson): its marks in the order they
 * were entered, and its attendance. A write is planned first (every check,
 * nothing written) and then applied, so a pasted block can report each cell
 * that failed while the others are saved.
 */
export interface CellChange {
  lessonId: string;
  studentId: string;
  /** The cell's marks after the change, as typed; undefined leaves the marks alone. */
  marks?: string[];
  /** undefined leaves attendance alone; null clears it. */
  attendance?: AttendanceCode | null;
  /** For new marks; by default the day's first work type. */
  workTypeId?: string;
}

interface CellPlan {
  loaded: LoadedLesson;
  studentId: string;
  updates: { mark: CellMark; to: MarkValue }[];
  inserts: { to: MarkValue; workTypeId: string; weight: number; late: boolean }[];
  removes: CellMark[];
  attendance:
    | { kind: 'none' }
    | { kind: 'remove'; row: CellAttendance }
    | { kind: 'update'; row: CellAttendance; code: AttendanceCode }
    | { kind: 'insert'; code: AttendanceCode };
}

export interface CellDto {
  lessonId: string;
  studentId: string;
  marks: MarkRow[];
  attendance: AttendanceRow | null;
}

export async function planCell(j: JournalContext, change: CellChange, reason: string | null | undefined): Promise<CellPlan> {
  const loaded = await j.editableLesson(change.lessonId);
  const { lesson, page } = loaded;
  j.assertTookPlace(lesson);
  // Page rules first (grade 1, the grading system), then the student's roll.
  const parsed = change.marks?.map((raw) => j.parse(page.context, raw));
  await j.assertOnRoll(lesson, change.studentId);
  const plan: CellPlan = { loaded, studentId: change.studentId, updates: [], inserts: [], removes: [], attendance: { kind: 'none' } };
  if (parsed !== undefined) {
    const existing = await j.liveMarks(lesson.id, change.studentId);
    for (let i = 0; i < Math.max(parsed.length, existing.length); i++) {
      const to = parsed[i];
      const mark = existing[i];
      if (mark && to && mark.value !== to.value) plan.updates.push({ mark, to });
      else if (mark && !to) plan.removes.push(mark);
      else if (!mark && to) {
        const wt = change.workTypeId ? await j.workType(change.workTypeId) : await j.defaultWorkType(lesson);
        plan.inserts.push({ to, workTypeId: wt.id, weight: wt.weight, late: await j.isLate(lesson, wt.id) });
      }
    }
    for (const u of plan.updates) await j.assertReasonForCorrection(lesson, u.mark, reason);
    for (const m of plan.removes) await j.assertReasonForCorrection(lesson, m, reason);
  }
  if (change.attendance !== undefined) {
    const row = await j.liveAttendance(lesson.id, change.studentId);
    if (change.attendance === null && row) plan.attendance = { kind: 'remove', row };
    else if (change.attendance && !row) plan.attendance = { kind: 'insert', code: change.attendance };
    else if (change.attendance && row && row.code !== change.attendance) plan.attendance = { kind: 'update', row, code: change.attendance };
  }
  return plan;
}

export async function applyCell(j: JournalContext, plan: CellPlan, reason: string | null | undefined): Promise<CellDto> {
  const { write } = j.ctx;
  const { lesson } = plan.loaded;
  const opts = { reason: reason?.trim() || null };
  const now = j.nowIso;
  for (const u of plan.updates) {
    await write.update(MarkEntity, u.mark.id, { value: u.to.value, numericValue: u.to.numericValue, setBy: j.userId }, opts);
  }
  for (const m of plan.removes) await write.remove(MarkEntity, m.id, opts);
  for (const ins of plan.inserts) {
    await write.insert(
      MarkEntity,
      {
        lessonId: lesson.id,
        studentId: plan.studentId,
        value: ins.to.value,
        numericValue: ins.to.numericValue,
        workTypeId: ins.workTypeId,
        weight: ins.weight,
        comment: null,
        setAt: now,
        setBy: j.userId,
        late: ins.late,
      },
      opts,
    );
  }
  const a = plan.attendance;
  if (a.kind === 'remove') await write.remove(AttendanceEntity, a.row.id, opts);
  else if (a.kind !== 'none') {
    const reasonOfDay = a.code === 'absent' ? await j.reasonFor(plan.studentId, lesson.date) : null;
    const fields = { code: a.code, reasonKind: reasonOfDay?.kind ?? null, reasonNote: reasonOfDay?.note ?? null, setAt: now, setBy: j.userId };
    if (a.kind === 'update') await write.update(AttendanceEntity, a.row.id, fields, opts);
    else await write.insert(AttendanceEntity, { lessonId: lesson.id, studentId: plan.studentId, ...fields }, opts);
  }
  if (a.kind !== 'none') await markGiven(j, plan.loaded);
  return readCell(j, lesson.id, plan.studentId);
}

/** Recording attendance says the lesson took place and its attendance is taken. */
export async function markGiven(j: JournalContext, loaded: LoadedLesson): Promise<void> {
  if (loaded.lesson.status !== 'planned') return;
  await j.ctx.write.update(LessonEntity, loaded.lesson.id, { status: 'given' });
  loaded.lesson.status = 'given';
}

async function readCell(j: JournalContext, lessonId: string, studentId: string): Promise<CellDto> {
  const marks = await j.liveMarks(lessonId, studentId);
  const att = await j.liveAttendance(lessonId, studentId);
  return {
    lessonId,
    studentId,
    marks: marks.map((m) => ({ ...m, lessonId, studentId })),
    attendance: att ? { id: att.id, lessonId, studentId, code: att.code, reasonKind: att.reasonKind } : null,
  };
}

/** One mark: a new one in the cell, or a change of value or work type of one already there. */
export async function setOneMark(
  j: JournalContext,
  p: { lessonId: string; studentId: string; value: string; workTypeId?: string; markId?: string; comment?: string | null; reason?: string },
): Promise<CellDto> {
  const { lesson, page } = await j.editableLesson(p.lessonId);
  j.assertTookPlace(lesson);
  await j.assertOnRoll(lesson, p.studentId);
  const to = j.parse(page.context, p.value);
  const opts = { reason: p.reason?.trim() || null };
  if (p.markId) {
    const mark = await j.ctx.em.findOne(MarkEntity, { where: { id: p.markId } });
    if (!mark || mark.deletedAt || mark.lessonId !== lesson.id || mark.studentId !== p.studentId) throw fail.notFound('Отметка');
    const wt = p.workTypeId ? await j.workType(p.workTypeId) : null;
    const patch: Partial<Mark> = { value: to.value, numericValue: to.numericValue };
    if (wt) Object.assign(patch, { workTypeId: wt.id, weight: wt.weight });
    if (p.comment !== undefined) patch.comment = p.comment;
    const changes = patch.value !== mark.value || (wt && wt.id !== mark.workTypeId);
    if (changes) await j.assertReasonForCorrection(lesson, mark, p.reason);
    if (changes || p.comment !== undefined) await j.ctx.write.update(MarkEntity, mark.id, { ...patch, setBy: j.userId }, opts);
  } else {
    const existing = await j.liveMarks(lesson.id, p.studentId);
    if (existing.length >= MAX_MARKS_PER_CELL) {
      throw new AppError('VALIDATION', `В одной клетке — не более ${MAX_MARKS_PER_CELL} отметок. Остальные поставьте за другие работы в свои дни.`);
    }
    const wt = p.workTypeId ? await j.workType(p.workTypeId) : await j.defaultWorkType(lesson);
    await j.ctx.write.insert(
      MarkEntity,
      {
        lessonId: lesson.id,
        studentId: p.studentId,
        value: to.value,
        numericValue: to.numericValue,
        workTypeId: wt.id,
        weight: wt.weight,
        comment: p.comment ?? null,
        setAt: j.nowIso,
        setBy: j.userId,
        late: await j.isLate(lesson, wt.id),
      },
      opts,
    );
  }
  return readCell(j, lesson.id, p.studentId);
}

export async function removeOneMark(j: JournalContext, markId: string, reason?: string): Promise<CellDto> {
  const mark = await j.ctx.em.findOne(MarkEntity, { where: { id: markId } });
  if (!mark || mark.deletedAt) throw fail.notFound('Отметка');
  const { lesson } = await j.editableLesson(mark.lessonId);
  await j.assertReasonForCorrection(lesson, mark, reason);
  await j.ctx.write.remove(MarkEntity, mark.id, { reason: reason?.trim() || null });
  return readCell(j, lesson.id, mark.studentId);
}
