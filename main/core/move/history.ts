import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../backup/files';

/**
 * The last move of the school between databases, kept in the data folder
 * (`move.json`): the settings screen names where the school came from and
 * the file it left behind.
 */
const recordSchema = z.object({
  at: z.string(),
  by: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  /** The SQLite file the school left, kept read-only. */
  keptFile: z.string().nullable(),
  /** The server the school left (without password), untouched. */
  serverLeft: z.string().nullable(),
  tables: z.number(),
  rows: z.number(),
  seconds: z.number(),
});
export type MoveRecord = z.infer<typeof recordSchema>;

const FILE = 'move.json';

export function recordMove(dataDir: string, record: MoveRecord): void {
  writeFileAtomic(path.join(dataDir, FILE), JSON.stringify(record, null, 2));
}

export function lastMove(dataDir: string): MoveRecord | null {
  try {
    return recordSchema.parse(JSON.parse(fs.readFileSync(path.join(dataDir, FILE), 'utf8')));
  } catch {
    return null;
  }
}
