import path from 'node:path';
import type { DbConfig } from '../core/db/data-source';
import { loadDbConfig } from '../core/host/app-config';
import { defaultDataDir } from '../core/host/paths';

/** `--db <file>` or `--url <postgres://…>`, else the data folder's configured database. */
export function databaseFrom(values: Record<string, string | boolean | undefined>): { config: DbConfig; dataDir: string } {
  const dataDir = typeof values['data-dir'] === 'string' ? path.resolve(values['data-dir']) : defaultDataDir();
  if (typeof values.db === 'string') return { config: { kind: 'sqlite', file: path.resolve(values.db) }, dataDir };
  if (typeof values.url === 'string') return { config: { kind: 'postgres', url: values.url }, dataDir };
  return { config: loadDbConfig(dataDir), dataDir };
}

export function describe(config: DbConfig): string {
  return config.kind === 'sqlite' ? config.file : config.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
