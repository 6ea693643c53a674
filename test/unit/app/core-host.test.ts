/** core-host.ts on its own: arguments, message validation, the entry outside Electron. */
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDataDir, startCoreHost, type CoreHost } from '../../../main/app/core-host';
import type { ParentPortLike, PortLike } from '../../../main/app/protocol';
import { CoreRuntime } from '../../../main/core/host/runtime';
import { AppError } from '../../../main/core/shared/errors';
import { acquireDataDirLock, LOCK_FILE } from '../../../main/core/host/data-dir-lock';

const quiet = { info: () => {}, error: () => {} };

/** A parent port and a port whose answers are collected. */
function harness() {
  const parentPort = Object.assign(new EventEmitter(), { postMessage: () => {} }) as EventEmitter & ParentPortLike;
  const answers: any[] = [];
  const port = Object.assign(new EventEmitter(), {
    postMessage: (m: unknown) => answers.push(structuredClone(m)),
    start: () => {},
    close: () => {},
  }) as EventEmitter & PortLike;
  const send = (data: unknown) => port.emit('message', { data });
  const connect = () => parentPort.emit('message', { data: { type: 'port' }, ports: [port] });
  return { parentPort, port, answers, send, connect };
}

async function until(check: () => boolean): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > 10_000) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const dirs: string[] = [];
const hosts: CoreHost[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-core-host-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('core-host', () => {
  it('reads --data-dir in both spellings', () => {
    expect(parseDataDir(['--data-dir', '/home/учитель/Классный журнал'])).toBe('/home/учитель/Классный журнал');
    expect(parseDataDir(['--foo', '--data-dir=C:\\Users\\Ирина'])).toBe('C:\\Users\\Ирина');
    expect(parseDataDir(['--data-dir'])).toBeNull();
    expect(parseDataDir([])).toBeNull();
  });

  it('exits when no data folder is given', () => {
    const codes: number[] = [];
    startCoreHost({ parentPort: harness().parentPort, argv: [], exit: (c) => codes.push(c), log: quiet });
    expect(codes).toEqual([2]);
  });

  it('answers calls on the port; a malformed message gets an error, never an action', async () => {
    const h = harness();
    const dataDir = tempDir();
    const host = startCoreHost({ parentPort: h.parentPort, argv: ['--data-dir', dataDir], exit: () => {}, log: quiet });
    hosts.push(host);
    h.connect();
    await until(() => h.answers.some((a) => a.type === 'ready'));
    expect(h.answers).toEqual([{ type: 'ready' }]);

    h.send({ type: 'call', id: 1, windowId: 7, method: 'auth.status', params: {} });
    h.send({ type: 'call', id: 2, windowId: 7, method: 42, params: {} });
    h.send({ type: 'call', id: 3, windowId: -1, method: 'auth.status' });
    h.send({ type: 'drop-database' });
    h.send('garbage');
    await until(() => h.answers.length === 4);
    const byId = Object.fromEntries(h.answers.filter((a) => a.type === 'result').map((a) => [a.id, a.result]));
    expect(byId[1]).toMatchObject({ ok: true, value: { setupRequired: true } });
    expect(byId[2]).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'Неверный запрос к службе данных программы.' } });
    expect(byId[3]).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(fs.existsSync(path.join(dataDir, 'school.sqlite'))).toBe(true);
  });

  it('when the database cannot be opened, every call answers why (in Russian)', async () => {
    const h = harness();
    const host = startCoreHost({
      parentPort: h.parentPort,
      argv: ['--data-dir', tempDir()],
      exit: () => {},
      log: quiet,
      open: async () => {
        throw new AppError('DB_NEWER', 'База данных создана более новой версией программы. Установите обновление.');
      },
    });
    hosts.push(host);
    h.connect();
    h.send({ type: 'call', id: 1, windowId: 1, method: 'auth.status', params: {} });
    await until(() => h.answers.length === 2);
    expect(h.answers).toContainEqual({ type: 'ready', error: { code: 'DB_NEWER', message: expect.stringMatching(/более новой версией/) } });
    expect(h.answers).toContainEqual({ type: 'result', id: 1, result: { ok: false, error: { code: 'DB_NEWER', message: expect.any(String) } } });
  });

  it('a data folder another program holds is refused, naming it, and left to it', async () => {
    const h = harness();
    const dataDir = tempDir();
    const other = acquireDataDirLock(dataDir, 'browser');
    try {
      const host = startCoreHost({ parentPort: h.parentPort, argv: ['--data-dir', dataDir], exit: () => {}, log: quiet });
      hosts.push(host);
      h.connect();
      await until(() => h.answers.some((a) => a.type === 'ready'));
      const ready = h.answers.find((a) => a.type === 'ready');
      expect(ready.error.code).toBe('DATA_DIR_IN_USE');
      expect(ready.error.message).toContain(`браузерная версия (npm run web) (процесс ${process.pid}), запущена`);
      h.send({ type: 'call', id: 1, windowId: 1, method: 'auth.status', params: {} });
      await until(() => h.answers.some((a) => a.id === 1));
      expect(h.answers.find((a) => a.id === 1).result.error.code).toBe('DATA_DIR_IN_USE');
      // Nothing was opened or created in the folder by the refused program.
      expect(fs.existsSync(path.join(dataDir, 'school.sqlite'))).toBe(false);
      expect(JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')).kind).toBe('browser');
    } finally {
      other.release();
    }
  });

  it('a damaged settings file is reported with its Russian message', async () => {
    const h = harness();
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'config.json'), '{"database":{"kind":"floppy"}}');
    const env = process.env.KZ_DATABASE_URL;
    delete process.env.KZ_DATABASE_URL;
    const host = startCoreHost({ parentPort: h.parentPort, argv: ['--data-dir', dataDir], exit: () => {}, log: quiet });
    if (env !== undefined) process.env.KZ_DATABASE_URL = env;
    hosts.push(host);
    h.connect();
    await until(() => h.answers.length === 1);
    expect(h.answers[0].error).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/^Не удалось открыть базу данных\. Файл настроек .* повреждён/) });
  });

  it('shutdown closes the runtime, then exits 0', async () => {
    const h = harness();
    let runtime: CoreRuntime | null = null;
    const dataDir = tempDir();
    const codes: number[] = [];
    const host = startCoreHost({
      parentPort: h.parentPort,
      argv: ['--data-dir', dataDir],
      exit: (c) => codes.push(c),
      log: quiet,
      open: async (dir) => (runtime = await CoreRuntime.open({ db: { kind: 'sqlite', file: path.join(dir, 'x.sqlite') }, dataDir: dir, log: quiet })),
    });
    h.connect();
    await host.ready;
    h.send({ type: 'shutdown' });
    await until(() => codes.length === 1);
    expect(codes).toEqual([0]);
    expect(() => runtime!.database()).toThrow();
  });

  it('run outside Electron (no process.parentPort), it exits with a clear message', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'main/app/core-host.ts', '--data-dir', os.tmpdir()], {
      cwd: process.cwd(),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/process\.parentPort отсутствует/);
    expect(result.stderr).toMatch(/utilityProcess/);
  });
});
