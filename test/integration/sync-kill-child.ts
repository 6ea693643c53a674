/**
 * The victim of the shared-folder kill tests: computer «pc-a» writes batches,
 * or publishes snapshots, over and over until the parent kills it with
 * SIGKILL. It prints «ready» when the work starts.
 *   tsx sync-kill-child.ts batches  <share> <dataDir>
 *   tsx sync-kill-child.ts snapshot <share> <dataDir> <workDir>
 */
import fs from 'node:fs';
import path from 'node:path';
import { SharedFolder } from '../../main/core/sync/share';
import { changesFor, PASSPHRASE } from '../support/sync-share';
import { snapshotContent, KILL_LOCK } from './sync-kill-content';

async function main(): Promise<void> {
  const [mode, root, dataDir, workDir] = process.argv.slice(2);
  const folder = await SharedFolder.open({
    root,
    dataDir,
    passphrase: PASSPHRASE,
    computerId: 'pc-a',
    computerName: 'Компьютер PC-A',
    programVersion: '0.1.0',
    lock: KILL_LOCK,
  });
  process.stdout.write('ready\n');
  if (mode === 'batches') {
    for (;;) {
      const seq = folder.lastWrittenSeq + 1;
      await folder.writeBatch(seq, changesFor('pc-a', seq, 2000));
    }
  }
  if (mode === 'snapshot') {
    const counterFile = path.join(workDir, 'counter');
    for (;;) {
      // The counter moves on only after a publication: a publication killed halfway is repeated with the same content.
      const n = fs.existsSync(counterFile) ? Number(fs.readFileSync(counterFile, 'utf8')) + 1 : 1;
      const file = path.join(workDir, `db-${n}.sqlite`);
      fs.writeFileSync(file, snapshotContent(n));
      const lock = await folder.acquireLock();
      await folder.publishSnapshot(lock, file, { 'pc-a': n });
      await lock.release();
      fs.writeFileSync(counterFile, String(n));
      fs.rmSync(file);
    }
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
