import { z } from 'zod';
import { AppError, type FieldErrors } from '../shared/errors';
import type { TimetableContext } from './context';
import { placementOf } from './context';
import { reasonDtos, type ReasonDto } from './dto';
import type { Placement } from './model';
import { ConflictIndex } from './conflicts';
import { clashText } from './describe';

/** The fields of a timetable entry, with Russian messages. */
export const slotFields = {
  weekday: z.number({ error: 'Выберите день недели' }).int().min(1, 'День недели — с понедельника по субботу').max(6, 'День недели — с понедельника по субботу'),
  lessonNo: z.number({ error: 'Выберите номер урока' }).int().min(0, 'Номер урока — от 0 до 12').max(12, 'Номер урока — от 0 до 12'),
  weekParity: z.number().int().min(0).max(2, 'Неделя: каждая, А или Б'),
};

export interface EntryDraft {
  classId: string;
  groupId: string | null;
  subjectId: string;
  staffId: string;
  roomId: string | null;
  individualPlanId: string | null;
  weekParity: number;
}

/** The references of an entry must exist in the timetable's year; the messages stay by their fields. */
export function checkDraft(ctx: TimetableContext, d: EntryDraft): void {
  const fields: FieldErrors = {};
  const cls = ctx.classes.find((c) => c.id === d.classId);
  if (!cls) fields.classId = 'Класс не найден в этом учебном году';
  if (d.groupId) {
    const g = ctx.groups.find((x) => x.id === d.groupId);
    if (!g || g.classId !== d.classId) fields.groupId = 'Группа не принадлежит выбранному классу';
    else if (g.subjectId !== d.subjectId) fields.groupId = 'Группа создана для другого предмета';
  }
  if (!ctx.subjects.some((s) => s.id === d.subjectId)) fields.subjectId = 'Предмет не найден';
  const teacher = ctx.staff.find((s) => s.id === d.staffId);
  if (!teacher) fields.staffId = 'Учитель не найден';
  if (d.roomId && !ctx.rooms.some((r) => r.id === d.roomId)) fields.roomId = 'Кабинет не найден';
  if (ctx.timetable.cycleWeeks === 1 && d.weekParity !== 0) fields.weekParity = 'Расписание на одну неделю: недели А и Б не различаются';
  const first = Object.values(fields)[0];
  if (first) throw new AppError('VALIDATION', `${first}.`, { fields });
}

/**
 * Refuses a placement that breaks a rule unless the deputy confirmed it
 * (`force`); a confirmed one is made, and stays in the conflicts list.
 */
export function confirmOrRefuse(ctx: TimetableContext, warnings: ReasonDto[], force: boolean): void {
  if (warnings.length === 0 || force) return;
  const list = warnings.map((w) => w.message).join(' ');
  throw new AppError('CONFLICT', `${list} Урок можно поставить и так — он останется в списке конфликтов до исправления.`, {
    reasons: warnings,
    needsConfirm: true,
    warnings: [...warnings.map((w) => w.message), 'Урок можно поставить и так — он останется в списке конфликтов до исправления.'],
  });
}

/** The entries of a card (the entry alone when it has none). */
export function cardOf(ctx: TimetableContext, entryId: string): Placement[] {
  const e = ctx.entries.find((x) => x.id === entryId);
  if (!e) return [];
  if (!e.cardId) return [placementOf(e)];
  return ctx.entries.filter((x) => x.cardId === e.cardId).map(placementOf);
}

/** Warnings of placements at their new places, ignoring the entries that move (they vacate their old places). */
export function warningsFor(ctx: TimetableContext, moved: Placement[], moving: ReadonlySet<string>): ReasonDto[] {
  const out: ReasonDto[] = [];
  const seen = new Set<string>();
  for (const p of moved) {
    for (const w of reasonDtos(ctx.index.reasons(p, moving), ctx)) {
      if (seen.has(w.message)) continue;
      seen.add(w.message);
      out.push(w);
    }
  }
  // Moved placements may clash with each other too (the two lessons of a swap in one class).
  const byId = new Map(moved.map((p) => [p.id, p]));
  for (const c of new ConflictIndex(moved, ctx.groups, [], ctx.line).all()) {
    out.push({ kind: c.kind, entryId: c.entryIds[1] ?? null, message: clashText(c, byId, ctx.names) });
  }
  return out;
}
