/**
 * A full disk and a read-only disk, for real (issue 17, item 7): the school's
 * database on a small tmpfs mounted by the test. A save that finds no room is
 * refused with its own code and a Russian message, nothing half-saved; once
 * there is room again the same save goes through.
 */
import fs from 'node:fs';
import os from 'node:os';
import Database from 'better-sqlite3';
import { storageRefusal } from '../../../main/core/db/errors';
import { DEFAULT_BACKUP_CONFIG, saveBackupConfig } from '../../../main/core/backup/config';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { MarkEntity } from '../../../main/core/db/entities/journal';
import { startWebHost, WebHostError } from '../../../main/web-host';
import { canMount, fillDisk, mountTmpfs, MOUNT_SKIP_REASON, type Mount } from '../../support/mounts';

let t: TestRuntime | null = null;
let mount: Mount | null = null;
afterEach(async () => {
  if (mount) mount.setReadOnly(false);
  await t?.close();
  t = null;
  mount?.unmount();
  mount = null;
});

async function schoolOnTmpfs(sizeMb: number): Promise<{ t: TestRuntime; s: SmallSchool; dir: string }> {
  mount = mountTmpfs(sizeMb);
  t = await createTestRuntime({ db: { kind: 'sqlite', file: path.join(mount.dir, 'school.sqlite') } });
  const s = await buildSmallSchool(t);
  // The log starts empty, so the next commit must grow it on the disk.
  await t.runtime.database().query('PRAGMA wal_checkpoint(TRUNCATE)');
  return { t, s, dir: mount.dir };
}

function marksOf(t: TestRuntime, s: SmallSchool): Promise<number> {
  return t.runtime.database().manager.count(MarkEntity, { where: { lessonId: s.lessons.maths5a.id, studentId: s.students.first } });
}

function saveMark(t: TestRuntime, s: SmallSchool, text: string) {
  return t.runtime.call({
    method: 'journal.setMarks',
    params: { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text }] },
    token: s.tokens.ivanova,
  });
}

describe.skipIf(!canMount)(`a disk that cannot take the save (${MOUNT_SKIP_REASON})`, () => {
  it('full: the mark is refused with DISK_FULL in Russian, nothing is saved, and it goes through once there is room', async () => {
    const { t, s, dir } = await schoolOnTmpfs(16);
    const filler = fillDisk(dir);
    const refused = await saveMark(t, s, '5');
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('DISK_FULL');
    expect(refused.error.message).toBe(
      'На диске нет места: изменения не сохранены (выставление отметок). Освободите место на диске с папкой данных программы ' +
        '(удалите ненужные файлы или обратитесь к администратору). Введённое на экране не пропало: повторите сохранение, когда причина будет устранена.',
    );
    fs.rmSync(filler);
    // Nothing of the refused save reached the database.
    expect(await marksOf(t, s)).toBe(0);
    const saved = await saveMark(t, s, '5');
    expect(saved).toMatchObject({ ok: true, value: { results: [{ ok: true }] } });
  });

  it('a full USB drive: the main copy is made, the second is refused saying the drive is full', async () => {
    t = await createTestRuntime({ db: { kind: 'sqlite', file: path.join(os.tmpdir(), `kz-full-usb-${process.pid}-${Date.now()}.sqlite`) } });
    const s = await buildSmallSchool(t);
    mount = mountTmpfs(1);
    fillDisk(mount.dir);
    saveBackupConfig(t.dataDir, { ...DEFAULT_BACKUP_CONFIG, secondDir: mount.dir });
    const made = await t.call('backup.create', {}, s.tokens.admin);
    expect(made.backup.integrityOk).toBe(true);
    expect(made.copyError).toBe('Копия на второй носитель не создана: на диске нет места. Основная копия сохранена.');
    const dbFile = (t.runtime.dbConfig as { file: string }).file;
    await t.close();
    t = null;
    for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
  });

  it('read-only data folder: the host does not start, and says why', async () => {
    mount = mountTmpfs(16);
    const dataDir = mount.dir;
    // A school made while the disk was writable …
    const made = await createTestRuntime({ db: { kind: 'sqlite', file: path.join(dataDir, 'school.sqlite') } });
    await buildSmallSchool(made);
    await made.close();
    // … then the disk turns read-only (a write-protected USB drive, a share mounted read-only).
    mount.setReadOnly(true);
    const error = await startWebHost({ port: 0, dataDir, rendererDir: dataDir, log: { info: () => {}, error: () => {} } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebHostError);
    expect((error as Error).message).toBe(
      `Папка данных «${dataDir}» доступна только для чтения, поэтому журнал не запускается: он не смог бы сохранить ни одной записи ` +
        '(и даже вход в программу). Попросите администратора разрешить запись в эту папку или выберите другую папку данных.',
    );
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('lock') || f.startsWith('.write-check'))).toEqual([]);
  });
});

describe('the Russian refusal for a storage failure', () => {
  it('knows SQLite’s codes through TypeORM’s wrapper and Node’s errno codes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-ro-'));
    const file = path.join(dir, 'x.sqlite');
    const rw = new Database(file);
    rw.exec('CREATE TABLE t (x)');
    rw.close();
    const ro = new Database(file, { readonly: true });
    let readOnly: unknown;
    try {
      ro.exec('INSERT INTO t VALUES (1)');
    } catch (e) {
      readOnly = Object.assign(new Error('QueryFailedError'), { driverError: e });
    } finally {
      ro.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(storageRefusal(readOnly, 'выставление отметок')?.code).toBe('DISK_READ_ONLY');
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(storageRefusal(enospc, 'создание резервной копии')?.message).toMatch(/^На диске нет места: изменения не сохранены \(создание резервной копии\)\./);
    expect(storageRefusal(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }), 'x')?.code).toBe('DISK_IO');
    expect(storageRefusal(new Error('something else'), 'x')).toBeNull();
  });
});
