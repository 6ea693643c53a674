import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BACKUP_KINDS, type BackupKind } from '../db/entities/operations';
import { writeFileAtomic } from './files';

/**
 * A backup folder describes itself: next to each backup file lies
 * `<file>.json` with its kind, time, SHA-256 and the result of its check. The
 * folder, not the database, is the catalogue, because the database is what a
 * restore replaces (and what may be damaged). The sidecar is written last, so
 * a backup without one was never finished.
 */
const sidecarSchema = z.object({
  format: z.literal(1),
  id: z.string(),
  kind: z.enum(BACKUP_KINDS),
  /** The format of the file: an SQLite database, a pg_dump archive (older versions), or the portable copy (portable/). */
  engine: z.enum(['sqlite', 'postgres', 'portable']),
  createdAt: z.string(),
  sizeBytes: z.number(),
  /** Of the file as it lies on the medium (encrypted bytes for an encrypted copy). */
  sha256: z.string().length(64),
  /** Of the database itself: equals sha256 unless encrypted. */
  plainSha256: z.string().length(64),
  encrypted: z.boolean(),
  verifiedAt: z.string().nullable(),
  integrityOk: z.boolean(),
  problems: z.array(z.string()).default([]),
  schemaVersion: z.string().nullable(),
  /** The second copy made from this one (main folder only). */
  copyPath: z.string().nullable().default(null),
  copyError: z.string().nullable().default(null),
  copyAt: z.string().nullable().default(null),
});

export type Sidecar = z.infer<typeof sidecarSchema>;

export interface BackupEntry extends Sidecar {
  /** Absolute path of the backup file. */
  file: string;
  name: string;
  location: 'main' | 'second';
}

const BACKUP_EXTENSIONS = ['.sqlite', '.sqlite.kzenc', '.pgdump', '.pgdump.kzenc', '.kzdump', '.kzdump.kzenc'];

function sidecarOf(file: string): string {
  return `${file}.json`;
}

export function writeSidecar(file: string, sidecar: Sidecar): void {
  writeFileAtomic(sidecarOf(file), JSON.stringify(sidecar, null, 2));
}

export function readSidecar(file: string): Sidecar | null {
  try {
    const parsed = sidecarSchema.safeParse(JSON.parse(fs.readFileSync(sidecarOf(file), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The finished backups of a folder, newest first. A missing folder (a USB
 * drive not plugged in) is an empty list, never an error.
 */
export function scanBackups(dir: string, location: BackupEntry['location'] = 'main'): BackupEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const entries: BackupEntry[] = [];
  for (const name of names) {
    if (!BACKUP_EXTENSIONS.some((ext) => name.endsWith(ext))) continue;
    const file = path.join(dir, name);
    const sidecar = readSidecar(file);
    if (!sidecar) continue;
    entries.push({ ...sidecar, file, name, location });
  }
  return entries.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** `kz_20261123T070000Z_manual.sqlite`: sortable, safe on every file system, unique within the folder. */
export function backupFileName(dir: string, createdAt: Date, kind: BackupKind, ext: string): string {
  const stamp = createdAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  let name = `kz_${stamp}_${kind}${ext}`;
  for (let n = 2; fs.existsSync(path.join(dir, name)); n++) name = `kz_${stamp}_${kind}-${n}${ext}`;
  return name;
}

/** The last attempt and its outcome, for the warnings («копия не удалась»). */
const backupStateSchema = z.object({
  lastAttemptAt: z.string().nullable().default(null),
  lastError: z.string().nullable().default(null),
  lastCopyAt: z.string().nullable().default(null),
  lastCopyError: z.string().nullable().default(null),
});
export type BackupState = z.infer<typeof backupStateSchema>;

export function readBackupState(dir: string): BackupState {
  try {
    return backupStateSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')));
  } catch {
    return backupStateSchema.parse({});
  }
}

export function updateBackupState(dir: string, patch: Partial<BackupState>): void {
  writeFileAtomic(path.join(dir, 'state.json'), JSON.stringify({ ...readBackupState(dir), ...patch }, null, 2));
}
