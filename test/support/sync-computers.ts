import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { SyncService } from '../../main/core/sync/service/service';
import { createTestRuntime, type TestRuntime } from './runtime';

/** Sync timings for tests: the folder's lock settles at once, and no poll (cycles run when the test asks). */
export const FAST_SYNC = { lock: { settleMs: 20, maxWriteMs: 2_000 }, pollMs: 3_600_000 };

/**
 * The computers (test runtimes) and shared folders (temporary folders) of a
 * test file: after each test its computers' sync services are stopped, the
 * runtimes closed and the folders removed.
 */
export function syncComputers(folderPrefix: string): { folder(): string; device(): Promise<TestRuntime> } {
  const open: TestRuntime[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) {
      await SyncService.for(t.runtime).stop();
      await t.close();
    }
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  return {
    folder() {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), folderPrefix));
      dirs.push(d);
      return d;
    },
    async device() {
      const t = await createTestRuntime();
      open.push(t);
      return t;
    },
  };
}
