import { AppError } from '../../shared/errors';
import type { ShareContext } from './context';
import { CHANGES_DIR, isId, parseBatchName, PROGRAM_FORMAT } from './layout';
import type { LocalShareState } from './local-state';
import { SUSPECT_MESSAGE } from './share-errors';
import { readSchoolFile, schoolCheckMatches, schoolFingerprint } from './school-file';
import { listSnapshots, readSnapshotHead } from './snapshot';
import type { SuspectReason } from './types';

/**
 * Whether the share looks like the one this computer knows. Never a reason
 * to delete anything: an unreachable folder is offline; an empty folder, a
 * replaced school.json, or batches and snapshots that this computer has seen
 * and that no rule allowed to go, make the folder «suspect» — sync stops and
 * a person looks (the lessons of Joplin #961, #4223, #6304, #10567).
 */

export type Inspection =
  | { state: 'ok' | 'needs-update'; folderFormat: number }
  | { state: 'offline'; errno: string; message: string }
  | { state: 'suspect'; reasons: SuspectReason[]; message: string };

/** Seqs in (from, to] that are not in `present`. */
function missingIn(present: Set<number>, from: number, to: number): number[] {
  const missing: number[] = [];
  for (let s = from + 1; s <= to; s++) if (!present.has(s)) missing.push(s);
  return missing;
}

async function seqsOf(ctx: ShareContext, computerId: string): Promise<Set<number>> {
  const seqs = new Set<number>();
  for (const name of await ctx.share.list(`${CHANGES_DIR}/${computerId}`, 'file')) {
    const seq = parseBatchName(name);
    if (seq !== null) seqs.add(seq);
  }
  return seqs;
}

/**
 * Brings the remembered coverage up to the newest snapshot that opens:
 * batches at or below it may have been pruned lawfully. Updates `state`.
 */
export async function refreshCoverage(ctx: ShareContext, state: LocalShareState): Promise<number> {
  for (const file of await listSnapshots(ctx)) {
    if (file.gen <= state.snapshotGen) return state.snapshotGen; // nothing newer than what was learned
    const head = await readSnapshotHead(ctx, file);
    if (!head || head.verdict.ok !== true) continue;
    state.snapshotGen = Math.max(state.snapshotGen, head.verdict.value.gen);
    for (const [c, seq] of Object.entries(head.verdict.value.covers)) state.covers[c] = Math.max(state.covers[c] ?? 0, seq);
    return state.snapshotGen;
  }
  return state.snapshotGen;
}

export async function inspect(ctx: ShareContext, state: LocalShareState): Promise<Inspection> {
  try {
    if ((await ctx.share.rootState()) === 'empty') return suspect([{ kind: 'empty' }]);
    let school;
    try {
      school = await readSchoolFile(ctx.share);
    } catch (e) {
      if (e instanceof AppError && e.code === 'SYNC_BAD_SCHOOL_FILE') return suspect([{ kind: 'school-file-replaced' }]);
      throw e;
    }
    if (!school) return suspect([{ kind: 'school-file-missing' }]);
    if (schoolFingerprint(school) !== state.schoolFingerprint || !schoolCheckMatches(ctx.key, school)) {
      return suspect([{ kind: 'school-file-replaced' }]);
    }

    const reasons: SuspectReason[] = [];
    const check = async () => {
      reasons.length = 0;
      for (const [computerId, validated] of Object.entries(state.validated)) {
        if (!isId(computerId) || computerId === ctx.computerId) continue;
        const missing = missingIn(await seqsOf(ctx, computerId), state.covers[computerId] ?? 0, validated);
        if (missing.length) reasons.push({ kind: 'batches-missing', computerId, seqs: missing });
      }
      const own = missingIn(await seqsOf(ctx, ctx.computerId), state.covers[ctx.computerId] ?? 0, state.ownLastSeq);
      if (own.length) reasons.push({ kind: 'own-batches-missing', seqs: own });
    };
    await check();
    // Files gone at or below a newer snapshot were pruned lawfully: learn its coverage, then look again.
    if (reasons.length) {
      const before = state.snapshotGen;
      if ((await refreshCoverage(ctx, state)) > before) await check();
    }
    if (state.snapshotGen > 0 && (await listSnapshots(ctx)).length === 0) reasons.push({ kind: 'snapshot-missing' });
    if (reasons.length) return suspect(reasons);
    return { state: school.format > PROGRAM_FORMAT ? 'needs-update' : 'ok', folderFormat: school.format };
  } catch (e) {
    if (e instanceof AppError && e.code === 'SYNC_OFFLINE') return { state: 'offline', errno: String(e.details?.errno ?? ''), message: e.message };
    throw e;
  }
}

function suspect(reasons: SuspectReason[]): Inspection {
  return { state: 'suspect', reasons, message: SUSPECT_MESSAGE };
}

/** The inspection as a typed error, for operations that must not go on. */
export function inspectionError(inspection: Inspection): AppError | null {
  if (inspection.state === 'offline') return new AppError('SYNC_OFFLINE', inspection.message, { errno: inspection.errno });
  if (inspection.state === 'suspect') return new AppError('SYNC_SHARE_SUSPECT', inspection.message, { reasons: inspection.reasons });
  return null;
}
