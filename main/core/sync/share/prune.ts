import type { ComputerEntry, Cursors } from './types';

/**
 * Which batches may leave the share. The rule, all of it must hold:
 *
 * 1. a snapshot exists that opens, and it has been on the share for at least
 *    `graceMs` (so every computer's listing shows it before the batches it
 *    replaces go: readers learn the coverage, and a gap below it is lawful);
 * 2. every computer file on the share opens — one that is missing,
 *    unreadable, or of a newer format stops all pruning, since what that
 *    computer has read is unknown; a computer with batches but no file, or a
 *    computer this one has seen before whose file is gone, stops it as well;
 * 3. a batch of computer C goes only if its seq is at or below both the
 *    snapshot's coverage of C and what every other computer has read of C.
 *
 * A computer that has never read C (no entry) has read nothing of it.
 */
export interface PruneInput {
  /** Seqs on the share, per computer. */
  batches: Record<string, number[]>;
  computers: ComputerEntry[];
  /** The newest snapshot that opens, and its age by the share's clock. */
  snapshot: { covers: Cursors; ageMs: number } | null;
  graceMs: number;
  /** Computers this computer has seen (its local record): their files must be there. */
  seenComputers: string[];
}

export interface PrunePlan {
  remove: { computerId: string; seq: number }[];
  kept: string[];
}

export function planPrune(input: PruneInput): PrunePlan {
  const kept: string[] = [];
  const stop = (why: string): PrunePlan => ({ remove: [], kept: [...kept, why] });
  if (!input.snapshot) return stop('В общей папке нет общей базы: файлы изменений нужны всем.');
  if (input.snapshot.ageMs < input.graceMs) return stop('Общая база опубликована недавно: файлы изменений удаляются не раньше, чем её увидят все компьютеры.');
  const bad = input.computers.filter((c) => c.state !== 'ok');
  if (bad.length) return stop(`Не читается файл компьютера ${bad.map((c) => c.computerId).join(', ')}: неизвестно, что он уже получил.`);
  const records = new Map(input.computers.map((c) => [c.computerId, c.state === 'ok' ? c.record : null]));
  const without = [...new Set([...Object.keys(input.batches), ...input.seenComputers])].filter((id) => !records.has(id));
  if (without.length) return stop(`Нет файла компьютера ${without.join(', ')}: неизвестно, что он уже получил.`);

  const remove: PrunePlan['remove'] = [];
  for (const [computerId, seqs] of Object.entries(input.batches)) {
    let limit = input.snapshot.covers[computerId] ?? 0;
    for (const [readerId, record] of records) {
      if (readerId === computerId || !record) continue;
      limit = Math.min(limit, record.readThrough[computerId] ?? 0);
    }
    const gone = seqs.filter((s) => s <= limit).sort((a, b) => a - b);
    if (gone.length < seqs.length) kept.push(`${computerId}: остаются файлы после № ${limit}.`);
    for (const seq of gone) remove.push({ computerId, seq });
  }
  return { remove, kept };
}
