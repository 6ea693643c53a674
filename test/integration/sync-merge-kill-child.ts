/**
 * The victim of the merge kill tests: one computer's program, killed with
 * SIGKILL by the parent at a random moment while it exports its batches,
 * applies another computer's, or publishes the shared database file. It
 * prints «ready» when the work starts, and works until it is killed.
 *   tsx sync-merge-kill-child.ts export|import|snapshot <dataDir>
 */
import path from 'node:path';
import { CoreRuntime } from '../../main/core/host/runtime';
import { SyncService } from '../../main/core/sync/service/service';
import { KILL_SYNC_OPTIONS } from './sync-merge-kill-options';

async function main(): Promise<void> {
  const [mode, dataDir] = process.argv.slice(2);
  const runtime = await CoreRuntime.open({ db: { kind: 'sqlite', file: path.join(dataDir, 'school.sqlite') }, dataDir, log: { info: () => {}, error: () => {} } });
  const sync = SyncService.for(runtime, KILL_SYNC_OPTIONS);
  process.stdout.write('ready\n');
  for (;;) {
    if (mode === 'snapshot') await sync.snapshot();
    else await sync.syncNow();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
