import { In } from 'typeorm';
import type { MutationContext } from '../../api/contract';
import { actorOf } from '../../api/contract';
import { SyncConflictEntity, type SyncConflict } from '../../db/entities/sync';
import { ChangeLogEntity } from '../../db/entities/system';
import { SubstitutionEntity } from '../../db/entities/changes';
import { LessonEntity, FinalMarkEntity } from '../../db/entities/journal';
import { AppError, fail } from '../../shared/errors';
import { MergeSchema } from '../merge/schema';
import { parseDetails } from './record';
import { SETTLEMENTS, type ConflictSide } from './types';

export interface SettleInput {
  id: string;
  action: 'take' | 'acknowledge' | 'revert';
  /** For `take`: the side to keep (its index in the list). */
  side?: number;
  note?: string | null;
}

const REASON = 'Решение конфликта синхронизации';

/**
 * Settles a conflict with one of the actions its kind allows (types.ts
 * SETTLEMENTS): every change it makes goes through the Writer (audited,
 * shipped to the other computers), and the conflict records who settled it,
 * when and how — on every computer, once it arrives there.
 */
export async function settleConflict(ctx: MutationContext, input: SettleInput): Promise<SyncConflict> {
  const actor = actorOf(ctx);
  const conflict = await ctx.em.findOne(SyncConflictEntity, { where: { id: input.id } });
  if (!conflict || conflict.deletedAt) throw fail.notFound('Конфликт синхронизации');
  if (conflict.settledAt) throw new AppError('CONFLICT', 'Этот конфликт уже решён (возможно, на другом компьютере). Обновите список.');
  if (!SETTLEMENTS[conflict.kind].includes(input.action)) {
    throw new AppError('VALIDATION', 'Для этого конфликта такое решение не предусмотрено.', { fields: { action: 'Выберите одно из предложенных решений' } });
  }
  const details = parseDetails(conflict.details);
  let settlement: string = input.action;
  if (input.action === 'take') {
    const side = details.sides[input.side ?? -1];
    if (!side) throw new AppError('VALIDATION', 'Выберите, какой вариант оставить.', { fields: { side: 'Выберите вариант' } });
    if (conflict.kind === 'double-substitution') await takeSubstitution(ctx, side, details.sides);
    else if (conflict.kind === 'final-mark') await takeFinalMark(ctx, side);
    settlement = `take:${input.side}`;
  } else if (input.action === 'revert') {
    await revert(ctx, details.sides);
  }
  return ctx.write.update(SyncConflictEntity, conflict.id, {
    settledAt: ctx.clock.now().toISOString(),
    settledBy: actor.userId,
    settlement,
    settlementNote: input.note?.trim() || null,
  });
}

/** The chosen substitution stays (brought back if it gave way), the others are tombstoned, and the lesson follows the chosen one. */
async function takeSubstitution(ctx: MutationContext, chosen: ConflictSide, sides: ConflictSide[]): Promise<void> {
  const ids = [...new Set(sides.map((s) => s.rowId))];
  const rows = await ctx.em.find(SubstitutionEntity, { where: { id: In(ids) } });
  const keep = rows.find((r) => r.id === chosen.rowId);
  if (!keep) throw fail.notFound('Замена');
  for (const r of rows) if (r.id !== keep.id && !r.deletedAt) await ctx.write.remove(SubstitutionEntity, r.id, { reason: REASON });
  const live = await ctx.em.find(SubstitutionEntity, { where: { lessonId: keep.lessonId } });
  for (const r of live) if (r.id !== keep.id && !r.deletedAt) await ctx.write.remove(SubstitutionEntity, r.id, { reason: REASON });
  if (keep.deletedAt) await ctx.write.update(SubstitutionEntity, keep.id, { deletedAt: null }, { reason: REASON });
  const lesson = await ctx.em.findOne(LessonEntity, { where: { id: keep.lessonId } });
  if (!lesson) return;
  await ctx.write.update(
    LessonEntity,
    lesson.id,
    {
      substituteStaffId: keep.kind === 'substitute' || keep.kind === 'merge' ? keep.substituteStaffId : null,
      status: keep.kind === 'cancel' ? 'cancelled' : lesson.status === 'cancelled' ? 'planned' : lesson.status,
    },
    { reason: REASON },
  );
}

/** The chosen final mark, with who set it and when, as that computer wrote it. */
async function takeFinalMark(ctx: MutationContext, chosen: ConflictSide): Promise<void> {
  const mark = await ctx.em.findOne(FinalMarkEntity, { where: { id: chosen.rowId } });
  if (!mark) throw fail.notFound('Итоговая отметка');
  const v = chosen.values;
  await ctx.write.update(
    FinalMarkEntity,
    mark.id,
    { value: v.value as never, setAt: String(v.setAt ?? mark.setAt), setBy: String(v.setBy ?? mark.setBy), late: Boolean(v.late), deletedAt: null },
    { reason: REASON },
  );
}

/**
 * Undoes each side's write: a record it made is tombstoned; fields it
 * changed get the value they had before it (the newest earlier write in the
 * change log). A field with no earlier write known keeps its value.
 */
async function revert(ctx: MutationContext, sides: ConflictSide[]): Promise<void> {
  const schema = new MergeSchema(ctx.em.connection);
  const rowIds = [...new Set(sides.map((s) => s.rowId))];
  // The change log has no index by row (it is written at every save): one pass over it, for a rare action.
  const entries = await ctx.em.find(ChangeLogEntity, { where: { rowId: In(rowIds) } });
  for (const side of sides) {
    const info = schema.mergeable(side.entity);
    if (!info) continue;
    const mine = entries.filter((e) => e.entity === side.entity && e.rowId === side.rowId);
    const write = mine.filter((e) => e.hlc === side.hlc);
    if (write.length === 0) continue;
    if (write.some((e) => e.field === '*')) {
      if (info.hasTombstone) await ctx.write.remove(info.schema, side.rowId, { reason: REASON });
      continue;
    }
    const patch: Record<string, unknown> = {};
    for (const e of write) {
      const earlier = mine
        .filter((x) => x.hlc < side.hlc && (x.field === e.field || x.field === '*'))
        .sort((a, b) => (a.hlc < b.hlc ? 1 : -1))[0];
      if (!earlier) continue;
      patch[e.field] = earlier.field === '*' ? (JSON.parse(earlier.value) as Record<string, unknown>)[e.field] : JSON.parse(earlier.value);
    }
    if (Object.keys(patch).length) await ctx.write.update(info.schema, side.rowId, patch as never, { reason: REASON });
  }
}
