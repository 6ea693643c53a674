import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../backup/files';
import { AppError } from '../../shared/errors';

/**
 * What this computer remembers about the share, in its own data folder
 * (`<dataDir>/sync/share-state.json`). It is what lets the program tell «the
 * folder is empty because it is not connected» from «the school has no
 * data»: a computer that has seen files never takes their absence for
 * deletions (Joplin #961, #4223, #6304).
 */

export const SYNC_DIR = 'sync';
const STATE_FILE = 'share-state.json';

const pendingSchema = z.object({
  reason: z.enum(['auth-failed', 'misplaced', 'unknown-computer', 'malformed', 'too-large']),
  message: z.string(),
  attempts: z.number().int(),
  firstFailedAt: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
});

const stateSchema = z.object({
  version: z.literal(1),
  dataSet: z.string(),
  computerId: z.string(),
  /** schoolFingerprint() of the school.json this computer joined. */
  schoolFingerprint: z.string(),
  /** keyId() of the key it holds: a failing check with the same key means school.json was changed. */
  keyId: z.string(),
  folderFormat: z.number().int(),
  joinedAt: z.string(),
  /** The last seq of this computer's own batches written to the share. */
  ownLastSeq: z.number().int().min(0),
  /** Per other computer: the highest seq this computer has authenticated on the share. */
  validated: z.record(z.string(), z.number().int()),
  /** The widest snapshot coverage authenticated: batches at or below it may be pruned. */
  covers: z.record(z.string(), z.number().int()),
  /** The highest snapshot generation authenticated (0: none seen). */
  snapshotGen: z.number().int().min(0),
  /** Files that failed their check, retried before quarantine; by path on the share. */
  pending: z.record(z.string(), pendingSchema),
});

export type LocalShareState = z.infer<typeof stateSchema>;
export type PendingRecord = z.infer<typeof pendingSchema>;

export function syncDir(dataDir: string): string {
  return path.join(dataDir, SYNC_DIR);
}

export function loadLocalState(dataDir: string): LocalShareState | null {
  const file = path.join(syncDir(dataDir), STATE_FILE);
  if (!fs.existsSync(file)) return null;
  let json: unknown = null;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // reported below as damaged
  }
  const parsed = stateSchema.safeParse(json);
  // A damaged record is reported, never silently replaced: replacing it would forget what the share should hold.
  if (!parsed.success) {
    throw new AppError('INTERNAL', `Файл ${file} повреждён; синхронизация остановлена. Обратитесь к администратору.`, {
      detail: parsed.error.issues[0]?.message,
    });
  }
  return parsed.data;
}

export function saveLocalState(dataDir: string, state: LocalShareState): void {
  writeFileAtomic(path.join(syncDir(dataDir), STATE_FILE), JSON.stringify(state, null, 1));
}

export function newLocalState(init: Pick<LocalShareState, 'dataSet' | 'computerId' | 'schoolFingerprint' | 'keyId' | 'folderFormat' | 'joinedAt'>): LocalShareState {
  return { version: 1, ...init, ownLastSeq: 0, validated: {}, covers: {}, snapshotGen: 0, pending: {} };
}
