import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { DbConfig } from '../core/db/data-source';

/** The school's time zone read straight from an SQLite file (the retention rule counts its days). */
export function timeZoneOf(config: DbConfig): string {
  const fallback = 'Europe/Moscow';
  if (config.kind !== 'sqlite' || !fs.existsSync(config.file)) return fallback;
  try {
    const db = new Database(config.file, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare("SELECT value FROM settings WHERE key = 'school.timeZone'").get() as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as string) : fallback;
    } finally {
      db.close();
    }
  } catch {
    return fallback;
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} МБ`;
}

/** «23.11.2026 10:00» in the computer's own zone (the administrator reads it at that computer). */
export function localStamp(iso: string): string {
  return new Date(iso).toLocaleString('ru-RU', { dateStyle: 'short', timeStyle: 'short' });
}

export const KIND_NAMES: Record<string, string> = {
  auto: 'по расписанию',
  manual: 'вручную',
  pre_migration: 'перед обновлением',
  pre_restore: 'перед восстановлением',
  on_close: 'при закрытии',
};
