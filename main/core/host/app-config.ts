import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DbConfig } from '../db/data-source';
import { writeFileAtomic } from '../backup/files';

/**
 * Which data set this computer opens, kept in `<dataDir>/config.json`. By
 * default the school's own SQLite file in the data folder; the demo school
 * and a PostgreSQL server are the other choices.
 */
const configSchema = z.object({
  database: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('sqlite'), file: z.string().min(1) }),
    z.object({ kind: z.literal('postgres'), url: z.string().min(1), schema: z.string().optional() }),
  ]),
});

export type AppConfig = z.infer<typeof configSchema>;

const SCHOOL_DB_FILE = 'school.sqlite';
const DEMO_DB_FILE = 'demo.sqlite';

export function defaultDbConfig(dataDir: string): DbConfig {
  return { kind: 'sqlite', file: path.join(dataDir, SCHOOL_DB_FILE) };
}

export function demoDbConfig(dataDir: string): DbConfig {
  return { kind: 'sqlite', file: path.join(dataDir, DEMO_DB_FILE) };
}

/**
 * The configured database; `KZ_DATABASE_URL` (a postgres:// URL) overrides it
 * for a school that runs a server. A damaged config file is reported, not
 * silently replaced by the default — that would look like a lost school.
 */
export function loadDbConfig(dataDir: string, env: NodeJS.ProcessEnv = process.env): DbConfig {
  if (env.KZ_DATABASE_URL) return { kind: 'postgres', url: env.KZ_DATABASE_URL };
  const file = path.join(dataDir, 'config.json');
  if (!fs.existsSync(file)) return defaultDbConfig(dataDir);
  const parsed = configSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`Файл настроек ${file} повреждён: ${parsed.error.issues[0]?.message}`);
  const db = parsed.data.database;
  return db.kind === 'sqlite' ? { kind: 'sqlite', file: path.resolve(dataDir, db.file) } : db;
}

/**
 * Writes the configured database. Owner-only (0600): a server's address
 * carries its password (the data folder is in the user's own profile, which
 * other users cannot open on Windows either).
 */
export function saveDbConfig(dataDir: string, database: DbConfig): void {
  writeFileAtomic(path.join(dataDir, 'config.json'), JSON.stringify({ database } satisfies AppConfig, null, 2), { mode: 0o600 });
}
