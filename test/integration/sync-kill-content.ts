import crypto from 'node:crypto';

/** What the kill tests' snapshots hold: ~3 MB that depend only on `n`, so that a fetched file can be checked whole. */
export function snapshotContent(n: number): Buffer {
  const parts: Buffer[] = [];
  let block = crypto.createHash('sha512').update(`snapshot ${n}`).digest();
  for (let i = 0; i < 12_000; i++) {
    parts.push(block);
    block = crypto.createHash('sha512').update(block).digest();
  }
  // A compressible half, like a database file's empty pages.
  parts.push(Buffer.alloc(2 * 1024 * 1024, n % 256));
  return Buffer.concat(parts);
}

/** A short lock, so that the leftovers of a killed publication count as dead soon. */
export const KILL_LOCK = { ttlMs: 2000, refreshMs: 500, settleMs: 20 };
