import { decodeBatch } from './batch-file';
import type { ShareContext } from './context';
import { CHANGES_DIR, isId, LIMITS, parseBatchName, rel } from './layout';
import type { LocalShareState } from './local-state';
import type { Quarantine } from './quarantine';
import { TooLarge } from './share-fs';
import { failure, REASON_MESSAGES, type Verdict } from './verdict';
import type { Batch, ComputerEntry, Cursors, ReadBatchesResult } from './types';

/**
 * Reads the batches after the caller's cursors. Each computer's batches come
 * in seq order and only whole: the stream of a computer stops at the first
 * batch that is missing (a gap: a listing that lags, or a copy not arrived),
 * does not open yet (retried, then quarantined), or needs a newer program.
 * Nothing at or below a cursor is read again, so nothing is handed on twice.
 */
export async function readBatches(
  ctx: ShareContext,
  state: LocalShareState,
  quarantine: Quarantine,
  computers: ComputerEntry[],
  cursors: Cursors,
  maxBytes: number,
): Promise<ReadBatchesResult> {
  const result: ReadBatchesResult = { batches: [], behind: [], waiting: [], quarantined: [], more: false, needsUpdate: false };
  const known = new Map(computers.map((c) => [c.computerId, c]));
  let budget = maxBytes;
  const dirs = (await ctx.share.list(CHANGES_DIR, 'dir')).filter((d) => isId(d) && d !== ctx.computerId).sort();

  for (const computerId of dirs) {
    const seqs = new Set<number>();
    for (const name of await ctx.share.list(`${CHANGES_DIR}/${computerId}`, 'file')) {
      const seq = parseBatchName(name);
      if (seq !== null) seqs.add(seq);
    }
    const cursor = cursors[computerId] ?? 0;
    // Failures of files at or below the cursor no longer matter (the caller went past them, from a snapshot).
    quarantine.forget(state, (sharePath) => sharePath.startsWith(`${rel.changesDir(computerId)}/`) && (parseBatchName(sharePath.split('/').pop()!) ?? 0) <= cursor);
    const after = [...seqs].filter((s) => s > cursor).sort((a, b) => a - b);
    if (after.length === 0) continue;
    const computer = known.get(computerId);

    if (!computer) {
      // No computer file at all: every batch of it is a file from an unknown computer.
      let retrying = false;
      for (const seq of after) {
        const path = rel.batch(computerId, seq);
        const facts = await ctx.share.stat(path);
        if (!facts || quarantine.skipped(path, facts)) continue;
        const entry = await quarantine.fail(state, path, facts, 'unknown-computer', `${REASON_MESSAGES['unknown-computer']} (${computerId})`);
        if (entry) result.quarantined.push(entry);
        else retrying = true;
      }
      result.waiting.push({ computerId, seq: cursor + 1, why: retrying ? 'retrying' : 'quarantined' });
      continue;
    }
    if (computer.state !== 'ok') {
      // Its file is arriving or damaged (not to be trusted meanwhile), or written by a newer program.
      result.waiting.push({ computerId, seq: cursor + 1, why: computer.state === 'newer-format' ? 'newer-format' : 'retrying' });
      if (computer.state === 'newer-format') result.needsUpdate = true;
      continue;
    }

    let next = cursor + 1;
    for (;;) {
      if (!seqs.has(next)) {
        const covered = state.covers[computerId] ?? 0;
        if (next <= covered) result.behind.push({ computerId, nextSeq: next, coveredThrough: covered });
        else if (after.some((s) => s > next)) result.waiting.push({ computerId, seq: next, why: 'gap' });
        break;
      }
      if (budget <= 0) {
        result.more = true;
        break;
      }
      const path = rel.batch(computerId, next);
      let file;
      let verdict: Verdict<Batch>;
      try {
        file = await ctx.share.read(path, LIMITS.batchFileBytes);
        if (!file) {
          result.waiting.push({ computerId, seq: next, why: 'gap' });
          break;
        }
        if (quarantine.skipped(path, file)) {
          result.waiting.push({ computerId, seq: next, why: 'quarantined' });
          break;
        }
        verdict = decodeBatch(ctx.key, { dataSet: ctx.dataSet, folderFormat: ctx.folderFormat, computerId, seq: next }, file.data);
      } catch (e) {
        if (!(e instanceof TooLarge)) throw e;
        file = { size: e.size, mtimeMs: (await ctx.share.stat(path))?.mtimeMs ?? 0 };
        verdict = failure('too-large');
      }
      if (verdict.ok === true) {
        result.batches.push(verdict.value);
        budget -= file.size;
        quarantine.succeeded(state, path);
        state.validated[computerId] = Math.max(state.validated[computerId] ?? 0, next);
        next++;
        continue;
      }
      if (verdict.ok === 'newer') {
        result.needsUpdate = true;
        result.waiting.push({ computerId, seq: next, why: 'newer-format' });
        break;
      }
      const entry = await quarantine.fail(state, path, file, verdict.reason, verdict.message);
      if (entry) result.quarantined.push(entry);
      result.waiting.push({ computerId, seq: next, why: entry ? 'quarantined' : 'retrying' });
      break;
    }
  }
  return result;
}
