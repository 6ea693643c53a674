import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { mainBackupDir } from './config';
import { writeFileAtomic } from './files';

/** What the last restore did, so that it can be undone (`<dataDir>/backups/last-restore.json`). */
const restoreStateSchema = z.object({
  at: z.string(),
  by: z.string().nullable(),
  restoredFrom: z.string(),
  backupCreatedAt: z.string().nullable(),
  preRestoreFile: z.string().nullable(),
  corruptCopy: z.string().nullable(),
  undoneAt: z.string().nullable().default(null),
});
export type RestoreState = z.infer<typeof restoreStateSchema>;

export function restoreStateFile(dataDir: string): string {
  return path.join(mainBackupDir(dataDir), 'last-restore.json');
}

function readRestoreState(dataDir: string): RestoreState | null {
  try {
    return restoreStateSchema.parse(JSON.parse(fs.readFileSync(restoreStateFile(dataDir), 'utf8')));
  } catch {
    return null;
  }
}

/** The restore that can still be undone: done, not undone, and its saved database still on disk. */
export function undoableRestore(dataDir: string): RestoreState | null {
  const state = readRestoreState(dataDir);
  if (!state || state.undoneAt || !state.preRestoreFile || !fs.existsSync(state.preRestoreFile)) return null;
  return state;
}

/** Records a restore just done, so that it can be undone. */
export function recordRestore(dataDir: string, state: Omit<RestoreState, 'undoneAt'>): void {
  writeFileAtomic(restoreStateFile(dataDir), JSON.stringify({ ...state, undoneAt: null } satisfies RestoreState, null, 2));
}
