import { localTime } from '../shared/school-time';
import { isoWeek } from '../shared/dates';
import type { BackupKind } from '../db/entities/operations';

/** How many backups of each tier are kept: the newest of each of the last N days, weeks, months; one a year forever. */
export interface RetentionRule {
  daily: number;
  weekly: number;
  monthly: number;
}

const DEFAULT_RETENTION: RetentionRule = { daily: 7, weekly: 4, monthly: 12 };

export interface RetainedItem {
  id: string;
  createdAt: string;
  kind: BackupKind;
  /** Only verified copies count; others are never removed by the rule (they are evidence of a problem). */
  verified: boolean;
}

/** Kinds whose newest copy is always kept: undoing a restore and going back before an update need them. */
const ALWAYS_NEWEST: readonly BackupKind[] = ['pre_restore', 'pre_migration', 'manual'];

/** Where and when the rule is applied. */
export interface RetentionScope {
  /** The school's zone: days, weeks and months are its local ones. */
  timeZone: string;
  /** The moment the rule runs: every copy of that local day stays. */
  now: Date;
  rule?: RetentionRule;
}

/**
 * The ids to keep (grandfather–father–son). Days, weeks and months are the
 * school's local ones; within each the newest copy stands for it. Everything
 * not verified is kept too: the rule only ever removes good copies that a
 * newer good copy replaces. Two copies a newer one never replaces: those of
 * today (the administrator may be in the middle of putting something right),
 * and the copy just before a kept manual one — a copy is made by hand when
 * something has just gone wrong, and the copy wanted then is the one from
 * before it.
 */
export function selectRetained(items: readonly RetainedItem[], scope: RetentionScope): Set<string> {
  const rule = scope.rule ?? DEFAULT_RETENTION;
  const keep = new Set<string>();
  const good = items.filter((i) => i.verified).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  for (const item of items) if (!item.verified) keep.add(item.id);
  if (good.length === 0) return keep;
  keep.add(good[0].id);
  const date = (i: RetainedItem) => localTime(new Date(i.createdAt), scope.timeZone).date;
  const tier = (bucket: (d: string) => string, count: number) => {
    const seen = new Set<string>();
    for (const item of good) {
      const b = bucket(date(item));
      if (seen.has(b)) continue;
      seen.add(b);
      if (seen.size > count) break;
      keep.add(item.id);
    }
  };
  tier((d) => d, rule.daily);
  tier(isoWeek, rule.weekly);
  tier((d) => d.slice(0, 7), rule.monthly);
  tier((d) => d.slice(0, 4), Number.POSITIVE_INFINITY);
  for (const kind of ALWAYS_NEWEST) {
    const newest = good.find((i) => i.kind === kind);
    if (newest) keep.add(newest.id);
  }
  const today = localTime(scope.now, scope.timeZone).date;
  for (const item of good) if (date(item) >= today) keep.add(item.id);
  // The copy before each manual one the rule keeps (not a chain: the one before that may go).
  const kept = new Set(keep);
  good.forEach((item, i) => {
    if (item.kind === 'manual' && kept.has(item.id) && good[i + 1]) keep.add(good[i + 1].id);
  });
  return keep;
}

