import fs from 'node:fs';
import path from 'node:path';
import { decodeBatch } from './batch-file';
import { listComputers } from './computers';
import type { ShareContext } from './context';
import { CHANGES_DIR, COMPUTERS_DIR, isId, LIMITS, LOCKS_DIR, parseBatchName, parseComputerName, parseLockName, parseSnapshotName, rel, SNAPSHOT_DIR } from './layout';
import { readLocks } from './lock';
import { isTempName, TooLarge } from './share-fs';
import { fetchSnapshotFile, listSnapshots } from './snapshot';
import { REASON_MESSAGES } from './verdict';
import type { VerifyEntry, VerifyReport } from './types';

/**
 * Checks every file on the share (the CLI's `sync verify`, the
 * administrator's «Проверить общую папку»): each batch and snapshot is opened
 * whole, each computer and lock file too. It only reads: nothing is retried,
 * quarantined or removed. Temporary files and foreign files are listed.
 */
export async function verifyShare(ctx: ShareContext, scratchDir: string): Promise<VerifyReport> {
  const entries: VerifyEntry[] = [];
  const computers = await listComputers(ctx);
  const known = new Map(computers.map((c) => [c.computerId, c]));
  for (const c of computers) {
    const sharePath = rel.computer(c.computerId);
    if (c.state === 'ok') entries.push({ sharePath, kind: 'computer', state: 'ok' });
    else if (c.state === 'newer-format') entries.push({ sharePath, kind: 'computer', state: 'newer-format' });
    else entries.push({ sharePath, kind: 'computer', state: 'failed', reason: c.reason, message: c.message });
  }
  for (const name of await ctx.share.list(COMPUTERS_DIR)) {
    if (!parseComputerName(name)) entries.push({ sharePath: `${COMPUTERS_DIR}/${name}`, kind: isTempName(name) ? 'temporary' : 'foreign', state: 'ignored' });
  }

  for (const dir of await ctx.share.list(CHANGES_DIR)) {
    if (!isId(dir)) {
      entries.push({ sharePath: `${CHANGES_DIR}/${dir}`, kind: 'foreign', state: 'ignored' });
      continue;
    }
    const computer = known.get(dir);
    const names = (await ctx.share.list(`${CHANGES_DIR}/${dir}`)).sort();
    for (const name of names) {
      const sharePath = `${CHANGES_DIR}/${dir}/${name}`;
      const seq = parseBatchName(name);
      if (seq === null) {
        entries.push({ sharePath, kind: isTempName(name) ? 'temporary' : 'foreign', state: 'ignored' });
        continue;
      }
      if (!computer) {
        entries.push({ sharePath, kind: 'batch', state: 'failed', reason: 'unknown-computer', message: REASON_MESSAGES['unknown-computer'] });
        continue;
      }
      let file;
      try {
        file = await ctx.share.read(sharePath, LIMITS.batchFileBytes);
      } catch (e) {
        if (!(e instanceof TooLarge)) throw e;
        entries.push({ sharePath, kind: 'batch', state: 'failed', reason: 'too-large', message: REASON_MESSAGES['too-large'] });
        continue;
      }
      if (!file) continue;
      const verdict = decodeBatch(ctx.key, { dataSet: ctx.dataSet, folderFormat: ctx.folderFormat, computerId: dir, seq }, file.data);
      if (verdict.ok === true) entries.push({ sharePath, kind: 'batch', state: 'ok' });
      else if (verdict.ok === 'newer') entries.push({ sharePath, kind: 'batch', state: 'newer-format' });
      else entries.push({ sharePath, kind: 'batch', state: 'failed', reason: verdict.reason, message: verdict.message });
    }
  }

  fs.mkdirSync(scratchDir, { recursive: true });
  const scratch = path.join(scratchDir, 'verify-snapshot');
  for (const file of await listSnapshots(ctx)) {
    if (!known.has(file.computerId)) {
      entries.push({ sharePath: file.rel, kind: 'snapshot', state: 'failed', reason: 'unknown-computer', message: REASON_MESSAGES['unknown-computer'] });
      continue;
    }
    const fetched = await fetchSnapshotFile(ctx, file, scratch);
    fs.rmSync(scratch, { force: true });
    if (!fetched) continue;
    const { verdict } = fetched;
    if (verdict.ok === true) entries.push({ sharePath: file.rel, kind: 'snapshot', state: 'ok' });
    else if (verdict.ok === 'newer') entries.push({ sharePath: file.rel, kind: 'snapshot', state: 'newer-format' });
    else entries.push({ sharePath: file.rel, kind: 'snapshot', state: 'failed', reason: verdict.reason, message: verdict.message });
  }
  for (const name of await ctx.share.list(SNAPSHOT_DIR)) {
    if (!parseSnapshotName(name)) entries.push({ sharePath: `${SNAPSHOT_DIR}/${name}`, kind: isTempName(name) ? 'temporary' : 'foreign', state: 'ignored' });
  }

  const locks = new Set((await readLocks(ctx)).map((l) => rel.lock(l.computerId)));
  for (const name of await ctx.share.list(LOCKS_DIR)) {
    const sharePath = `${LOCKS_DIR}/${name}`;
    if (!parseLockName(name)) entries.push({ sharePath, kind: isTempName(name) ? 'temporary' : 'foreign', state: 'ignored' });
    else if (locks.has(sharePath)) entries.push({ sharePath, kind: 'lock', state: 'ok' });
    else entries.push({ sharePath, kind: 'lock', state: 'failed', reason: 'auth-failed', message: REASON_MESSAGES['auth-failed'] });
  }

  const failed = entries.filter((e) => e.state === 'failed').length;
  const checked = entries.filter((e) => e.state !== 'ignored').length;
  return {
    ok: failed === 0,
    entries,
    message:
      failed === 0
        ? `Проверено файлов: ${checked}; все в порядке.`
        : `Проверено файлов: ${checked}; не прошли проверку: ${failed}. Такие файлы программа не применяет; подробности — в списке.`,
  };
}
