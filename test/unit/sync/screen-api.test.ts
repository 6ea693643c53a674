import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SyncService } from '../../../main/core/sync/service/service';
import { TEST_PASSWORD } from '../../support/runtime';
import { FAST_SYNC, syncComputers } from '../../support/sync-computers';
import { buildSmallSchool } from '../../support/small-school';
import { LOWEST_COST, PASSPHRASE } from '../../support/sync-share';

/**
 * What the screens need of the sync API beyond the core's own tests: the
 * status says when other computers' changes were written here (open pages
 * read their data again), and a mistyped folder is refused by name before
 * anything is tested, made or joined.
 */

const FAST = FAST_SYNC;
const { folder: tempDir, device } = syncComputers('kz-sync-screen-');

describe.skipIf(!!process.env.PG_URL)('the status tells open screens that other computers’ changes arrived', () => {
  it('«received» grows when a cycle applies another computer’s batch or a computer joins from the shared database file, and only then', async () => {
    const root = tempDir();
    const a = await device();
    const s = await buildSmallSchool(a);
    const syncA = SyncService.for(a.runtime, FAST);
    await syncA.create({ root, passphrase: PASSPHRASE, computerName: 'Учительская', kdfCost: LOWEST_COST });
    // Its own shared database file and its own cycle bring nothing from elsewhere.
    expect((await syncA.status()).received).toBe(0);

    const b = await device();
    const syncB = SyncService.for(b.runtime, FAST);
    await syncB.join({ root, passphrase: PASSPHRASE, computerName: 'Кабинет 204' });
    const joined = (await syncB.status()).received;
    expect(joined).toBeGreaterThan(0);

    // Nothing new in the folder: the count stays.
    await syncB.syncNow();
    expect((await syncB.status()).received).toBe(joined);

    await a.call('journal.setMarks', { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '5' }] }, s.tokens.ivanova);
    await syncA.syncNow();
    expect((await syncA.status()).received).toBe(0);
    await syncB.syncNow();
    const afterMark = (await syncB.status()).received;
    expect(afterMark).toBeGreaterThan(joined);

    // And the other way: B's mark is A's first arrival.
    const teacherB = (await b.call('auth.login', { login: 'ivanova.ap', password: TEST_PASSWORD })).token;
    await b.call('journal.setMarks', { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.second, text: '4' }] }, teacherB);
    await syncB.syncNow();
    expect((await syncB.status()).received).toBe(afterMark);
    await syncA.syncNow();
    expect((await syncA.status()).received).toBe(1);
  });
});

describe.skipIf(!!process.env.PG_URL)('a new computer joining on its first run is followed without a session', () => {
  it('sync.joinProgress: nothing before the join; the download while it runs (or why it stopped); «joined» once the school is here', async () => {
    const root = tempDir();
    const a = await device();
    await buildSmallSchool(a);
    await SyncService.for(a.runtime, FAST).create({ root, passphrase: PASSPHRASE, computerName: 'Учительская', kdfCost: LOWEST_COST });

    const b = await device();
    expect(await b.call('sync.joinProgress', {}, null)).toEqual({ joined: false, task: null, error: null });
    // A wrong passphrase is refused at once, before anything is downloaded.
    expect(await b.fail('sync.joinNew', { root, passphrase: 'неверная-фраза', computerName: 'Кабинет 204' }, null)).toMatchObject({ code: 'SYNC_WRONG_PASSPHRASE' });
    const started = await b.call('sync.joinNew', { root, passphrase: PASSPHRASE, computerName: 'Кабинет 204' }, null);
    expect(started.state).toBe('starting');
    const seen: unknown[] = [];
    for (let i = 0; i < 200; i++) {
      const progress = await b.call('sync.joinProgress', {}, null);
      seen.push(progress);
      if (progress.joined) break;
      expect(progress.error).toBeNull();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen.at(-1)).toEqual({ joined: true, task: null, error: null });
    // The school arrived: its people sign in on this computer.
    expect((await b.call('auth.login', { login: 'ivanova.ap', password: TEST_PASSWORD })).token).toBeTruthy();
    // A computer with a school says only that, whoever asks.
    expect(await a.call('sync.joinProgress', {}, null)).toEqual({ joined: true, task: null, error: null });
  });

  it('a join that stops in the background says why: the folder has no shared database file yet', async () => {
    const root = tempDir();
    const a = await device();
    await buildSmallSchool(a);
    await SyncService.for(a.runtime, FAST).create({ root, passphrase: PASSPHRASE, computerName: 'Учительская', kdfCost: LOWEST_COST });
    for (const f of fs.readdirSync(path.join(root, 'snapshot'))) fs.rmSync(path.join(root, 'snapshot', f));

    const b = await device();
    await b.call('sync.joinNew', { root, passphrase: PASSPHRASE, computerName: 'Кабинет 204' }, null);
    let progress = await b.call('sync.joinProgress', {}, null);
    for (let i = 0; i < 200 && !progress.error; i++) {
      await new Promise((r) => setTimeout(r, 50));
      progress = await b.call('sync.joinProgress', {}, null);
    }
    expect(progress).toMatchObject({ joined: false, error: expect.stringMatching(/^В общей папке ещё нет общей базы школы/) });
  });
});

describe('a folder path the administrator mistyped is refused by name', () => {
  it('a folder that does not exist, a relative path and a file: a Russian message on the folder field, for the test, making and joining', async () => {
    const t = await device();
    const s = await buildSmallSchool(t);
    const dir = tempDir();
    const file = path.join(dir, 'school.txt');
    fs.writeFileSync(file, 'не папка');
    const missing = path.join(dir, 'нет-такой-папки');
    const cases: [string, RegExp][] = [
      [missing, /^Папка «.*нет-такой-папки» не найдена\. Проверьте путь/],
      ['Журнал/общая', /^Укажите полный путь к папке, например /],
      [file, /^«.*school\.txt» — это файл, а не папка\. Укажите папку\.$/],
    ];
    for (const [root, message] of cases) {
      const probe = await t.fail('sync.probe', { root }, s.tokens.admin);
      expect(probe).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(message), details: { fields: { root: expect.stringMatching(message) } } });
      for (const method of ['sync.create', 'sync.join'] as const) {
        const made = await t.fail(method, { root, passphrase: PASSPHRASE, computerName: 'Учительская' }, s.tokens.admin);
        expect(made).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(message) });
      }
    }
    // Nothing was made on the way: no folder where the path pointed, no sync settings here.
    expect(fs.existsSync(missing)).toBe(false);
    expect(fs.existsSync(path.join(t.dataDir, 'sync', 'sync.json'))).toBe(false);
    // A folder that is there passes to the test itself.
    expect(await t.call('sync.probe', { root: dir }, s.tokens.admin)).toMatchObject({ ok: true });
  });
});
