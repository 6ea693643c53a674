import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, setUpSchool, type TestRuntime } from '../../support/runtime';

/**
 * A PostgreSQL server that goes away in the middle of a session (switched
 * off, restarted): every call is refused with a clear Russian message and
 * nothing half written, and the program carries on by itself when the server
 * is back. The test starts a server of its own (initdb as the `postgres`
 * user, on a free port in a temp folder) and stops it by its data folder's
 * pid: the shared one on 5432 is never touched.
 */
const BIN = fs.existsSync('/usr/lib/postgresql') ? path.join('/usr/lib/postgresql', fs.readdirSync('/usr/lib/postgresql').sort().at(-1)!, 'bin') : '';

function asPostgres(cmd: string): void {
  execFileSync('runuser', ['-u', 'postgres', '--', 'bash', '-c', cmd], { stdio: 'pipe' });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe.runIf(!!process.env.PG_URL)('a PostgreSQL server that goes away in the middle of a session', () => {
  let dir: string;
  let port: number;
  let t: TestRuntime;
  let admin: string;
  const start = () => asPostgres(`${BIN}/pg_ctl -D ${dir}/data -l ${dir}/log -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1" -w start`);
  const stop = () => asPostgres(`${BIN}/pg_ctl -D ${dir}/data -m immediate -w stop`);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-pg-away-'));
    fs.chmodSync(dir, 0o777);
    port = await freePort();
    asPostgres(`${BIN}/initdb -D ${dir}/data --auth=trust -U postgres`);
    start();
    t = await createTestRuntime({ db: { kind: 'postgres', url: `postgres://postgres@127.0.0.1:${port}/postgres` } });
    admin = await setUpSchool(t);
  }, 120_000);
  afterAll(async () => {
    await t?.runtime.close().catch(() => undefined);
    if (fs.existsSync(path.join(dir, 'data', 'postmaster.pid'))) stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses every call in Russian while it is away, saves nothing, and carries on when it is back', async () => {
    expect((await t.runtime.call({ method: 'settings.set', params: { key: 'school.city', value: 'Тверь' }, token: admin })).ok).toBe(true);
    stop();
    for (const call of [
      { method: 'settings.set', params: { key: 'school.city', value: 'Торжок' } },
      { method: 'settings.getAll', params: {} },
    ]) {
      const r = await t.runtime.call({ ...call, token: admin });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('DB_UNREACHABLE');
      expect(r.error.message).toMatch(/^Нет связи с сервером базы данных: он выключен, перезапускается или недоступен по сети\. Изменения не сохранены \(.+\); введённое на экране не пропало\. Программа подключится снова сама/);
    }
    start();
    // Back by itself: the same session, new connections; the refused change was not saved.
    const all = await t.runtime.call({ method: 'settings.getAll', params: {}, token: admin });
    expect(all.ok).toBe(true);
    const city = (all as { value: { key: string; value: unknown }[] }).value.find((s) => s.key === 'school.city');
    expect(city?.value).toBe('Тверь');
    expect((await t.runtime.call({ method: 'settings.set', params: { key: 'school.city', value: 'Торжок' }, token: admin })).ok).toBe(true);
  }, 120_000);
});
