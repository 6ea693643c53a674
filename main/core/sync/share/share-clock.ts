import type { Clock } from '../../shared/clock';
import { LOCKS_DIR } from './layout';
import { tempName, type ShareFs } from './share-fs';
import { offline } from './share-errors';

/**
 * The share's clock: the modification time of a file just written there
 * (as Joplin's `remoteDate()`). Lock ages are judged by it, never by this
 * computer's clock, which may be minutes or hours off; the difference is
 * reported for the clock warning.
 */
export async function shareNow(share: ShareFs, computerId: string, clock: Clock): Promise<{ now: Date; offsetMs: number }> {
  await share.mkdirp(LOCKS_DIR);
  // A temporary name: lock readers ignore it, and a leftover is cleared with this computer's other temporary files.
  const rel = `${LOCKS_DIR}/${tempName(`clock_${computerId}`)}`;
  await share.writeAtomic(rel, Buffer.from(computerId, 'utf8'));
  const pcNow = clock.now().getTime();
  try {
    const facts = await share.stat(rel);
    // Gone right after it was written: the folder is not behaving as a folder; try again later.
    if (!facts) throw offline('ENOENT');
    return { now: new Date(facts.mtimeMs), offsetMs: Math.round(pcNow - facts.mtimeMs) };
  } finally {
    await share.remove(rel).catch(() => undefined);
  }
}
