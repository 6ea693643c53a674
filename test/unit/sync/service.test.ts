import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MarkEntity } from '../../../main/core/db/entities/journal';
import { SyncService } from '../../../main/core/sync/service/service';
import { loadSyncConfig, saveSyncConfig } from '../../../main/core/sync/service/config';
import { useOsSecretKey } from '../../../main/core/backup/secret-store';
import { PROGRAM_VERSION } from '../../../main/core/sync/service/version';
import { TEST_PASSWORD } from '../../support/runtime';
import { FAST_SYNC, syncComputers } from '../../support/sync-computers';
import { buildSmallSchool } from '../../support/small-school';
import { LOWEST_COST, PASSPHRASE } from '../../support/sync-share';

/**
 * The sync service on a shared folder (a local temporary folder here; the
 * same on a real SMB share in test/integration): the first computer makes the
 * folder and the shared database file, a new computer joins from it, marks
 * travel both ways, the status says what waits.
 */

const FAST = FAST_SYNC;
const { folder: share, device } = syncComputers('kz-sync-share-');

describe.skipIf(!!process.env.PG_URL)('the sync service', () => {
  it('the first computer makes the folder; a new computer joins from the shared database file; marks travel both ways', async () => {
    const root = share();
    const a = await device();
    const s = await buildSmallSchool(a);
    const syncA = SyncService.for(a.runtime, FAST);
    await syncA.create({ root, passphrase: PASSPHRASE, computerName: 'Учительская', kdfCost: LOWEST_COST });
    expect((await syncA.status()).state).toBe('ok');
    // The key is kept, not the passphrase; the file is the owner's only.
    const configFile = path.join(a.dataDir, 'sync', 'sync.json');
    expect(fs.readFileSync(configFile, 'utf8')).not.toContain(PASSPHRASE);
    expect(fs.statSync(configFile).mode & 0o077).toBe(0);
    expect(loadSyncConfig(a.dataDir)).toMatchObject({ root, computerName: 'Учительская', keyStorage: 'file' });

    await a.call('journal.setMarks', { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '5' }] }, s.tokens.ivanova);
    expect((await syncA.status()).pending).toBe(1);

    // A new computer with no school: joins, starts from the shared database file.
    const b = await device();
    const syncB = SyncService.for(b.runtime, FAST);
    const wrong = await syncB.join({ root, passphrase: 'неверная-фраза', computerName: 'Кабинет 204' }).catch((e) => e);
    expect(wrong).toMatchObject({ code: 'SYNC_WRONG_PASSPHRASE' });
    await syncB.join({ root, passphrase: PASSPHRASE, computerName: 'Кабинет 204' });
    const teacherB = (await b.call('auth.login', { login: 'ivanova.ap', password: TEST_PASSWORD })).token;
    const pageB = () => b.runtime.database().manager.find(MarkEntity, { where: { lessonId: s.lessons.maths5a.id } });
    // The mark was made after the shared database file: it comes with A's first batch.
    expect(await pageB()).toHaveLength(0);
    await syncA.syncNow();
    expect((await syncA.status()).pending).toBe(0);
    const before = (await syncB.status()).received;
    await syncB.syncNow();
    expect((await pageB()).map((m) => m.value)).toEqual(['5']);
    // An open page on B sees that changes came (and reads its data again).
    expect((await syncB.status()).received).toBeGreaterThan(before);

    // And back: B's mark reaches A.
    await b.call('journal.setMarks', { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.second, text: '4' }] }, teacherB);
    await syncB.syncNow();
    await syncA.syncNow();
    const onA = await a.runtime.database().manager.find(MarkEntity, { where: { lessonId: s.lessons.maths5a.id }, order: { value: 'ASC' } });
    expect(onA.map((m) => m.value)).toEqual(['4', '5']);

    const folder = await syncA.folderInfo();
    expect(folder.computers.map((c) => [c.name, c.programVersion]).sort()).toEqual([
      ['Кабинет 204', PROGRAM_VERSION],
      ['Учительская', PROGRAM_VERSION],
    ]);
    expect((await syncB.status()).message).toMatch(/^Синхронизировано с общей папкой/);
  });

  it('an unreachable folder is «offline»: entry goes on, the status counts what waits, and it all goes once the folder is back', async () => {
    const root = share();
    const a = await device();
    const s = await buildSmallSchool(a);
    const syncA = SyncService.for(a.runtime, FAST);
    await syncA.create({ root, passphrase: PASSPHRASE, computerName: 'Учительская', kdfCost: LOWEST_COST });
    const aside = `${root}-unplugged`;
    fs.renameSync(root, aside);
    await a.call('journal.setMarks', { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '3' }] }, s.tokens.ivanova);
    await syncA.syncNow();
    const offline = await syncA.status();
    expect(offline).toMatchObject({ state: 'offline', pending: 1 });
    expect(offline.message).toBe('Нет связи с общей папкой — изменения сохранены на этом компьютере: 1');
    fs.renameSync(aside, root);
    await syncA.syncNow();
    expect(await syncA.status()).toMatchObject({ state: 'ok', pending: 0 });
  });

  it('closing the program sends what was typed in its last second; with the folder unreachable it keeps it for the next start', async () => {
    const root = share();
    const a = await device();
    const s = await buildSmallSchool(a);
    const syncA = SyncService.for(a.runtime, FAST);
    await syncA.create({ root, passphrase: PASSPHRASE, computerName: 'Учительская', kdfCost: LOWEST_COST });
    await a.call('journal.setMarks', { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '5' }] }, s.tokens.ivanova);
    await syncA.closing();
    expect(fs.readdirSync(path.join(root, 'changes', a.runtime.changes.computerId))).toEqual(['000000000001.kzc']);
    expect((await syncA.status()).pending).toBe(0);

    await a.call('journal.setMarks', { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.second, text: '4' }] }, s.tokens.ivanova);
    fs.renameSync(root, `${root}-unplugged`);
    await syncA.closing(2_000);
    expect((await syncA.status()).pending).toBe(1);
    fs.renameSync(`${root}-unplugged`, root);
  });

  it('a database restored to before its own batches stops syncing with the reason, instead of writing another batch under a used number', async () => {
    const root = share();
    const a = await device();
    const s = await buildSmallSchool(a);
    const syncA = SyncService.for(a.runtime, FAST);
    await syncA.create({ root, passphrase: PASSPHRASE, computerName: 'Учительская', kdfCost: LOWEST_COST });
    await a.call('journal.setMarks', { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '5' }] }, s.tokens.ivanova);
    await syncA.syncNow();
    expect(fs.readdirSync(path.join(root, 'changes', a.runtime.changes.computerId))).toEqual(['000000000001.kzc']);
    // As after a restore from a copy made before that batch: the database's record of it is gone.
    await a.runtime.database().query('DELETE FROM "sync_batches" WHERE "seq" = 1');
    await syncA.syncNow();
    const status = await syncA.status();
    expect(status.state).toBe('suspect');
    expect(status.message).toMatch(/^База данных этого компьютера старее, чем его изменения в общей папке/);
    expect(fs.readdirSync(path.join(root, 'changes', a.runtime.changes.computerId))).toEqual(['000000000001.kzc']);
  });

  it('a day after the newest shared database file, a computer makes another by itself', async () => {
    const root = share();
    const a = await device();
    await buildSmallSchool(a);
    const syncA = SyncService.for(a.runtime, FAST);
    await syncA.create({ root, passphrase: PASSPHRASE, computerName: 'Учительская', kdfCost: LOWEST_COST });
    const generations = () => fs.readdirSync(path.join(root, 'snapshot')).filter((f) => f.endsWith('.kzs')).map((f) => Number(f.slice(0, 12))).sort();
    expect(generations()).toEqual([1]);
    await syncA.syncNow();
    expect(generations()).toEqual([1]);
    // The folder's clock is the real one (its files' times): a day later by this computer's clock.
    a.clock.set(new Date(Date.now() + 25 * 60 * 60_000).toISOString());
    await syncA.syncNow();
    await syncA.stop();
    expect(generations()).toEqual([1, 2]);
  });

  it('in the desktop program the key is sealed by the operating system’s key store; elsewhere it cannot be opened, and says so', () => {
    const dataDir = share();
    const key = crypto.randomBytes(32);
    useOsSecretKey(crypto.randomBytes(32));
    try {
      saveSyncConfig(dataDir, { root: '/mnt/school', computerName: 'Учительская', dataSetId: 'ds', key, joinedAt: '2026-11-23T07:00:00.000Z' });
      const text = fs.readFileSync(path.join(dataDir, 'sync', 'sync.json'), 'utf8');
      expect(text).toContain('"key": "os1:');
      expect(text).not.toContain(key.toString('base64'));
      expect(loadSyncConfig(dataDir)).toMatchObject({ keyStorage: 'os', key });
      useOsSecretKey(null);
      expect(() => loadSyncConfig(dataDir)).toThrow(/Введите парольную фразу общей папки ещё раз/);
    } finally {
      useOsSecretKey(null);
    }
  });

  it('the program version the folder shows is the package’s', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    expect(PROGRAM_VERSION).toBe(pkg.version);
  });
});
