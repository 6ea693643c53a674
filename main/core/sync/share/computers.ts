import type { ShareContext } from './context';
import { decodeComputerRecord, encodeComputerRecord } from './computer-file';
import { COMPUTERS_DIR, LIMITS, parseComputerName, rel } from './layout';
import { TooLarge } from './share-fs';
import { REASON_MESSAGES } from './verdict';
import type { ComputerEntry, ComputerRecord } from './types';

/**
 * The computers of the school, from their files in `computers/`. A computer
 * file is replaced by its computer at every sync, so one that does not open
 * may be a copy still arriving: it is reported, never quarantined, and the
 * computer is not trusted until it opens again.
 */
export async function listComputers(ctx: ShareContext): Promise<ComputerEntry[]> {
  const entries: ComputerEntry[] = [];
  const names = (await ctx.share.list(COMPUTERS_DIR, 'file')).sort();
  for (const name of names) {
    const computerId = parseComputerName(name);
    if (!computerId) continue;
    let file;
    try {
      file = await ctx.share.read(rel.computer(computerId), LIMITS.smallFileBytes);
    } catch (e) {
      if (!(e instanceof TooLarge)) throw e;
      entries.push({ computerId, state: 'unreadable', reason: 'too-large', message: REASON_MESSAGES['too-large'] });
      continue;
    }
    if (!file) continue; // gone since the listing
    const verdict = decodeComputerRecord(ctx.key, { dataSet: ctx.dataSet, folderFormat: ctx.folderFormat, computerId }, file.data);
    if (verdict.ok === true) entries.push({ computerId, state: 'ok', record: verdict.value });
    else if (verdict.ok === 'newer') entries.push({ computerId, state: 'newer-format', format: verdict.format });
    else entries.push({ computerId, state: 'unreadable', reason: verdict.reason, message: verdict.message });
  }
  return entries;
}

export async function writeComputerRecord(ctx: ShareContext, record: ComputerRecord): Promise<void> {
  await ctx.share.mkdirp(COMPUTERS_DIR);
  await ctx.share.writeAtomic(rel.computer(ctx.computerId), await encodeComputerRecord(ctx.key, ctx.dataSet, ctx.folderFormat, record));
}
