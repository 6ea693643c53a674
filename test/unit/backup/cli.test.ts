import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../../../main/cli/commands';
import { scanBackups } from '../../../main/core/backup/catalog';
import { mainBackupDir } from '../../../main/core/backup/config';
import { buildSmallSchool } from '../../support/small-school';
import { dumpDatabase, flipByte, sqliteRuntime } from './helpers';

/** Runs a CLI command as `klassny-zhurnal <name> …` would, returning its exit code and what it printed. */
async function cli(name: string, values: Record<string, string | boolean>, positionals: string[] = []) {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void lines.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a) => void lines.push(a.join(' ')));
  try {
    const code = await COMMANDS[name].run(values, positionals);
    return { code, out: lines.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describe('the command line: backup, list-backups, verify, restore', () => {
  let t: Awaited<ReturnType<typeof sqliteRuntime>>;
  beforeEach(async () => {
    t = await sqliteRuntime();
    await buildSmallSchool(t);
    await t.runtime.close();
  });
  afterEach(() => t.close());

  it('makes, lists, verifies and restores a backup, and undoes the restore', async () => {
    const where = { 'data-dir': t.dataDir, db: t.dbFile };
    const made = await cli('backup', where);
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^Резервная копия базы данных .+school\.sqlite создана и проверена:/);
    const [entry] = scanBackups(mainBackupDir(t.dataDir));
    expect(made.out).toContain(entry.sha256);

    const list = await cli('list-backups', { 'data-dir': t.dataDir });
    expect(list.out).toContain(`${mainBackupDir(t.dataDir)}: копий: 1`);
    expect(list.out).toMatch(/вручную .+ проверена {2}kz_\d{8}T\d{6}Z_manual\.sqlite/);

    expect((await cli('verify', { 'data-dir': t.dataDir })).out).toContain('Проверено копий: 1, все в порядке.');

    // Something changes after the backup; the restore takes it back, the undo brings it again.
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(t.dbFile);
    db.prepare("UPDATE settings SET value = '\"Школа после копии\"' WHERE key = 'school.name'").run();
    db.close();
    const changed = dumpDatabase(t.dbFile);
    const restored = await cli('restore', where, [entry.file]);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('(отменить: restore --undo)');
    expect(dumpDatabase(t.dbFile)).toEqual(dumpDatabase(entry.file));
    const undone = await cli('restore', { ...where, undo: true });
    expect(undone.out).toMatch(/^Восстановление отменено/);
    expect(dumpDatabase(t.dbFile)).toEqual(changed);

    flipByte(entry.file, 100);
    const bad = await cli('verify', {}, [entry.file]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`ОШИБКА: ${entry.file}`);
    expect(fs.existsSync(path.join(t.dataDir, 'backups', 'last-restore.json'))).toBe(true);
  });
});
