import { SyncConflictEntity } from '../../db/entities/sync';
import type { MergeContext } from '../merge/context';
import type { ConflictDetails, ConflictSide, FoundConflict } from './types';

/**
 * Lists what the merge found, through the Writer (audited, and shipped: the
 * conflict is the school's). One row per kind and subject, whoever finds it:
 * the id follows from them. A conflict still open gains the sides found
 * since; a settled one stays settled (merge/rank.ts keeps it so when another
 * computer lists it again before it hears of the settlement).
 */
export async function recordConflicts(ctx: MergeContext): Promise<string[]> {
  const ids: string[] = [];
  const byKey = new Map<string, FoundConflict>();
  for (const f of ctx.found) {
    const key = `${f.kind}|${f.subjectKey}`;
    const known = byKey.get(key);
    if (known) known.details = mergeDetails(known.details, f.details);
    else byKey.set(key, { ...f });
  }
  for (const f of byKey.values()) {
    const id = await ctx.writer.idFor(SyncConflictEntity, { kind: f.kind, subjectKey: f.subjectKey });
    const existing = await ctx.em.findOne(SyncConflictEntity, { where: { id } });
    if (!existing) {
      await ctx.writer.insert(SyncConflictEntity, {
        kind: f.kind,
        subjectKey: f.subjectKey,
        summary: f.summary,
        details: JSON.stringify(f.details),
        detectedAt: ctx.now,
        detectedOn: ctx.me,
        settledAt: null,
        settledBy: null,
        settlement: null,
        settlementNote: null,
      });
    } else if (!existing.settledAt) {
      const details = JSON.stringify(mergeDetails(parseDetails(existing.details), f.details));
      if (details !== existing.details || existing.deletedAt) await ctx.writer.update(SyncConflictEntity, id, { details, summary: f.summary, deletedAt: null });
    } else continue;
    ids.push(id);
  }
  return ids;
}

export function parseDetails(text: string): ConflictDetails {
  try {
    const parsed = JSON.parse(text) as ConflictDetails;
    if (parsed && Array.isArray(parsed.sides)) return parsed;
  } catch {
    // shown as an empty conflict below
  }
  return { sides: [], explanation: '' };
}

/** The sides of both, each once (by record and clock), in clock order; the newer finding says which is current. */
function mergeDetails(a: ConflictDetails, b: ConflictDetails): ConflictDetails {
  const sides = new Map<string, ConflictSide>();
  for (const s of [...a.sides, ...b.sides]) sides.set(`${s.entity}|${s.rowId}|${s.hlc}`, s);
  // What the newer finding says of a record is what holds now; an older side of the same record is history.
  const fresh = new Set(b.sides.map((s) => `${s.entity}|${s.rowId}|${s.hlc}`));
  const described = new Set(b.sides.map((s) => `${s.entity}|${s.rowId}`));
  const all = [...sides.entries()].map(([k, s]) => (fresh.has(k) || !described.has(`${s.entity}|${s.rowId}`) ? s : { ...s, current: false }));
  all.sort((x, y) => (x.hlc < y.hlc ? -1 : x.hlc > y.hlc ? 1 : 0));
  return { sides: all, explanation: b.explanation || a.explanation };
}
