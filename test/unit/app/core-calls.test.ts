/**
 * Calls from the renderer through the main process to a REAL core (core-host
 * on a CoreRuntime and an SQLite file in the fake userData folder), the way
 * `ipcRenderer.invoke('api:call', …)` reaches them in Electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CoreRuntime } from '../../../main/core/host/runtime';
import { makeBackup } from '../../../main/core/backup/make';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, until } from './fake-electron';
import { TEST_PASSWORD } from '../../support/runtime';
import type { Shell } from '../../../main/app/main';
import type { Result } from '../../../main/core/shared/errors';
import { CORE_GAVE_UP_MESSAGE, CORE_STOPPED_MESSAGE, CoreBridge, type CoreBridgeOptions } from '../../../main/app/core-bridge';

vi.mock('electron', () => (globalThis as { __kzFakeElectron?: { module: Record<string, unknown> } }).__kzFakeElectron!.module);

type Win = InstanceType<typeof fake.BrowserWindow>;
let shell: Shell;
/** Everything a renderer received: call results and pushed events. */
let received: unknown[];

async function startMain(): Promise<Shell> {
  vi.resetModules();
  const main = await import('../../../main/app/main.js');
  const started = await main.shell;
  if (!started) throw new Error('the shell did not start');
  return started;
}

async function call(win: Win, method: string, params: unknown = {}): Promise<Result<any>> {
  const result = (await fake.ipcMain.invokeFrom(win.webContents, 'api:call', method, params)) as Result<any>;
  received.push(result);
  return result;
}

async function value(win: Win, method: string, params: unknown = {}): Promise<any> {
  const result = await call(win, method, params);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const school = {
  schoolName: 'МБОУ «Средняя общеобразовательная школа № 1»',
  admin: { lastName: 'Соколова', firstName: 'Ирина', middleName: 'Петровна', login: 'admin', password: TEST_PASSWORD },
};

function firstWindow(): Win {
  return shell.windows()[0] as unknown as Win;
}

beforeEach(async () => {
  fake.reset();
  received = [];
  shell = await startMain();
});

afterEach(async () => {
  await shell.bridge.stop();
  for (const rt of fake.state.runtimes) await rt.close();
  fs.rmSync(fake.state.userData, { recursive: true, force: true });
});

describe('a call from the renderer', () => {
  it('reaches the real core in a utility process started with the data folder', async () => {
    expect(fake.state.forks).toEqual([
      {
        modulePath: expect.stringMatching(/out[\\/]main[\\/]app[\\/]core-host\.js$/),
        args: ['--data-dir', fake.state.userData],
        options: expect.objectContaining({ serviceName: 'klassny-zhurnal-core' }),
      },
    ]);
    const win = firstWindow();
    const status = await value(win, 'auth.status');
    expect(status.setupRequired).toBe(true);
    expect(fs.existsSync(`${fake.state.userData}/school.sqlite`)).toBe(true);
  });

  it('sets up the school and keeps the session for that window, never handing out the token', async () => {
    const win = firstWindow();
    const created = await value(win, 'setup.createSchool', school);
    expect(created.actor.roles).toEqual(['admin']);
    expect(created).not.toHaveProperty('token');
    const me = await value(win, 'auth.me');
    expect(me.login).toBe('admin');
    const status = await value(win, 'auth.status');
    expect(status.setupRequired).toBe(false);
    expect(status.session.actor.login).toBe('admin');
    const login = await value(win, 'auth.login', { login: 'admin', password: TEST_PASSWORD });
    expect(login).not.toHaveProperty('token');

    const tokens = fake.tokens();
    expect(tokens).toHaveLength(1); // the login replaced the set-up's session
    const seen = JSON.stringify([received, win.webContents.sent]);
    for (const token of tokens) expect(seen).not.toContain(token);
    expect(seen).not.toMatch(/"token"/);
  });

  it('answers errors as Russian results, not as exceptions', async () => {
    const win = firstWindow();
    expect(await call(win, 'auth.me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/Войдите/) } });
    expect(await call(win, 'no.such')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await fake.ipcMain.invokeFrom(win.webContents, 'api:call', 42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const invalid = await call(win, 'setup.createSchool', { schoolName: 'Ш' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('two windows have separate sessions', async () => {
    const a = firstWindow();
    const b = shell.openWindow() as unknown as Win;
    expect(b.webContents.id).not.toBe(a.webContents.id);
    await value(a, 'setup.createSchool', school);
    expect((await value(a, 'auth.me')).login).toBe('admin');
    expect(await call(b, 'auth.me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await value(b, 'auth.login', { login: 'admin', password: TEST_PASSWORD });
    expect(fake.tokens()).toHaveLength(2);
    await value(a, 'auth.logout');
    expect(await call(a, 'auth.me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await value(b, 'auth.me')).login).toBe('admin');
  });

  it('a window that closes ends its session (and only its own)', async () => {
    const a = firstWindow();
    const b = shell.openWindow() as unknown as Win;
    await value(a, 'setup.createSchool', school);
    await value(b, 'auth.login', { login: 'admin', password: TEST_PASSWORD });
    expect(fake.tokens()).toHaveLength(2);
    a.close();
    await until(() => fake.tokens().length === 1);
    expect((await value(b, 'auth.me')).login).toBe('admin');
    expect(fake.state.quitted).toBe(false);
  });

  it('a session that arrives after its window closed is ended at once', async () => {
    const a = firstWindow();
    shell.openWindow(); // keeps the program running
    const pending = call(a, 'setup.createSchool', school);
    a.close();
    expect(await pending).toMatchObject({ ok: true });
    await until(() => fake.tokens().length === 0);
  });

  it('a core event reaches only the window whose session started the work', async () => {
    const a = firstWindow();
    const b = shell.openWindow() as unknown as Win;
    await value(a, 'setup.createSchool', school);
    const [adminToken] = fake.tokens();
    const created = await value(a, 'users.create', { login: 'petrova', staffId: null, roles: ['teacher'] });
    await value(b, 'auth.login', { login: 'petrova', password: created.temporaryPassword });
    expect(fake.tokens()).toHaveLength(2);
    const event = { type: 'progress', taskId: 't1', done: 12, total: 40, label: 'Сводная ведомость 9А' } as const;
    fake.state.runtimes[0].events.toSession(adminToken, event);
    await until(() => a.webContents.sent.some((s) => s.channel === 'api:event'));
    // Anything wrongly sent to b would have been posted in the same turn as a's.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.webContents.sent.filter((s) => s.channel === 'api:event').map((s) => s.args)).toEqual([[event]]);
    expect(b.webContents.sent.filter((s) => s.channel === 'api:event')).toEqual([]);
  });
});

describe('when the core dies', () => {
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('the user is told in Russian, the waiting call fails, and the core is started again', async () => {
    const win = firstWindow();
    await value(win, 'setup.createSchool', school);
    const first = fake.state.children[0];
    const pending = call(win, 'auth.me');
    await first.crash(1);
    const failed = await pending;
    expect(failed).toEqual({ ok: false, error: { code: 'INTERNAL', message: CORE_STOPPED_MESSAGE } });
    expect(fake.state.dialogs).toHaveLength(1);
    expect(fake.state.dialogs[0].options).toMatchObject({ type: 'error', message: expect.stringMatching(/неожиданно остановилась/) });

    await until(() => fake.state.forks.length === 2, 5_000);
    expect(fake.state.forks[1].args).toEqual(['--data-dir', fake.state.userData]);
    // Same database (the school is there), fresh sessions (the window logs in again).
    expect((await value(win, 'auth.status')).setupRequired).toBe(false);
    expect(await call(win, 'auth.me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await value(win, 'auth.login', { login: 'admin', password: TEST_PASSWORD });
    expect((await value(win, 'auth.me')).login).toBe('admin');
  });

  it('a call made while the core restarts waits for it instead of failing', async () => {
    const win = firstWindow();
    await shell.bridge.whenReady();
    await fake.state.children[0].crash(1);
    await until(() => fake.state.dialogs.length === 1);
    expect(fake.state.forks).toHaveLength(1); // the restart is delayed
    expect((await value(win, 'auth.status')).setupRequired).toBe(true);
    expect(fake.state.forks).toHaveLength(2);
  });
});

describe('the bridge on its own', () => {
  function bridgeWith(options: Partial<CoreBridgeOptions>) {
    const crashes: Array<{ code: number; restarting: boolean }> = [];
    const bridge = new CoreBridge({
      modulePath: '/app/out/main/app/core-host.js',
      dataDir: fake.state.userData,
      onEvent: () => {},
      onCrash: (info) => crashes.push(info),
      log: { info: () => {}, error: () => {} },
      ...options,
    });
    return { bridge, crashes };
  }

  it('a call the core does not answer in time fails with a Russian INTERNAL error', async () => {
    await shell.bridge.stop();
    fake.state.childMode = 'silent';
    const { bridge } = bridgeWith({ timeoutMs: 50 });
    bridge.start();
    const result = await bridge.call(1, 'auth.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/слишком долго не получает ответа/) } });
    await bridge.stop(10);
  });

  it('gives up after repeated crashes and says so', async () => {
    await shell.bridge.stop();
    const { bridge, crashes } = bridgeWith({ restartDelayMs: 0, maxCrashes: 2 });
    bridge.start();
    for (let i = 0; i < 3; i++) {
      await until(() => fake.state.children.length === i + 2);
      await fake.state.children[i + 1].crash(1);
      await until(() => crashes.length === i + 1);
    }
    expect(crashes).toEqual([
      { code: 1, restarting: true },
      { code: 1, restarting: true },
      { code: 1, restarting: false },
    ]);
    expect(await bridge.call(1, 'auth.status', {})).toEqual({ ok: false, error: { code: 'INTERNAL', message: CORE_GAVE_UP_MESSAGE } });
    await bridge.stop();
  });

  it('params that cannot cross a MessagePort fail that call only', async () => {
    await shell.bridge.whenReady();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await shell.bridge.call(1, 'auth.status', { f: () => 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/^core-bridge: сообщение не отправлено/);
    logged.mockRestore();
    expect((await shell.bridge.call(1, 'auth.status', {})).ok).toBe(true);
  });
});

describe('the backup password', () => {
  const settings = (password: string) => ({ dailyTime: '18:00', onClose: true, secondDir: fake.state.userData, encryptSecond: true, password });

  it('is sealed with the key the shell keeps in the OS key store, never written as is', async () => {
    const win = firstWindow();
    await value(win, 'setup.createSchool', school);
    await value(win, 'backup.setConfig', settings('флешка-2026-секрет'));
    const stored = fs.readFileSync(`${fake.state.userData}/backup.json`, 'utf8');
    expect(stored).not.toContain('флешка-2026-секрет');
    expect(JSON.parse(stored).passwordSealed).toMatch(/^os1:/);
    // The key itself is on disk only as the key store sealed it.
    const key = fs.readFileSync(`${fake.state.userData}/backup-key.bin`);
    expect(key.subarray(0, 17).toString()).toBe('FAKE-OS-KEYSTORE:');
    const status = await value(win, 'backup.status');
    expect(status.config).toMatchObject({ hasPassword: true, passwordStorage: 'os', osKeyStore: true });
  });

  it('without a real key store (Linux’s basic_text) stays in an owner-only file, and the status says so', async () => {
    await shell.bridge.stop();
    for (const rt of fake.state.runtimes) await rt.close();
    fs.rmSync(fake.state.userData, { recursive: true, force: true });
    fake.reset();
    fake.state.keyStore = { available: true, backend: 'basic_text' };
    shell = await startMain();
    const win = firstWindow();
    await value(win, 'setup.createSchool', school);
    await value(win, 'backup.setConfig', settings('флешка-2026-секрет'));
    const status = await value(win, 'backup.status');
    if (process.platform === 'linux') {
      expect(status.config).toMatchObject({ passwordStorage: 'file', osKeyStore: false });
      expect(fs.existsSync(`${fake.state.userData}/backup-key.bin`)).toBe(false);
    }
    if (process.platform !== 'win32') expect(fs.statSync(`${fake.state.userData}/backup.json`).mode & 0o777).toBe(0o600);
  });
});

describe('a damaged database', () => {
  it('the window is told so with the backup on offer; the restore from the window brings the school back', async () => {
    await shell.bridge.stop();
    for (const rt of fake.state.runtimes) await rt.close();
    fs.rmSync(fake.state.userData, { recursive: true, force: true });
    fake.reset();
    // A school with a verified backup in the program's folder, then its file's header flipped.
    const dataDir = fake.state.userData;
    const db = { kind: 'sqlite' as const, file: path.join(dataDir, 'school.sqlite') };
    const made = await CoreRuntime.open({ db, dataDir, log: { info: () => {}, error: () => {} } });
    const created = await made.call({ method: 'setup.createSchool', params: school });
    expect(created.ok).toBe(true);
    const { entry } = await makeBackup({ db, dataDir, kind: 'manual', clock: made.clock });
    await made.close();
    const fd = fs.openSync(db.file, 'r+');
    fs.writeSync(fd, Buffer.from('XQLite'), 0, 6, 0);
    fs.closeSync(fd);

    fake.state.childMode = 'host';
    shell = await startMain();
    const win = firstWindow();
    const status = await call(win, 'auth.status');
    expect(status).toMatchObject({ ok: false, error: { code: 'DB_DAMAGED', details: { damage: { file: db.file, backup: { createdAt: entry.createdAt } } } } });
    const restored = await value(win, 'recovery.restoreLatest');
    expect(restored.restoredFrom).toBe(entry.createdAt);
    expect(fs.existsSync(restored.damagedCopy)).toBe(true);
    expect((await value(win, 'auth.status')).schoolName).toBe(school.schoolName);
    await value(win, 'auth.login', { login: 'admin', password: TEST_PASSWORD });
    expect((await value(win, 'auth.me')).login).toBe('admin');
  });
});
