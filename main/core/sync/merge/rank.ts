import { groupOf } from '../../changes/policy';
import type { EntityInfo } from './schema';

/**
 * Which of two writes of a field wins. Last writer wins by the hybrid clock
 * (ties cannot happen: a clock value carries its computer's id), with one
 * exception, so that a settled conflict stays settled: a conflict found again
 * on a computer that has not yet heard of its settlement is written with a
 * later clock than the settlement, and must not reopen it. For the fields of
 * a conflict's settlement, a settled write beats an open one whatever their
 * clocks; between two settled ones (or two open ones) the clock decides.
 * The rule is the same on every computer and does not depend on the order
 * changes arrive in, so the computers still end up equal.
 */
export function rankOf(info: EntityInfo, field: string, hlc: string, values: Record<string, unknown>): string {
  if (info.name === 'SyncConflict' && groupOf('SyncConflict', field) === 'settlement') {
    return (values.settledAt !== null && values.settledAt !== undefined ? '1' : '0') + hlc;
  }
  return hlc;
}

/** Whether this entity has a rule beside the clock (its current values are needed to rank the local side). */
export function hasRankRule(info: EntityInfo): boolean {
  return info.name === 'SyncConflict';
}
