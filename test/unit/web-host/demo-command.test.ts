import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createTestRuntime, setUpSchool } from '../../support/runtime';

const TSX = path.resolve('node_modules/.bin/tsx');

interface Running {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** `npm run web -- <args>` as a process of its own: resolves once it prints its address. */
function startWeb(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const child = spawn(TSX, ['main/web-host.ts', '--port', '0', '--no-backups', ...args], {
    env: { ...process.env, KZ_DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => void stop().then(() => reject(new Error(`no address in time:\n${output}`))), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = /Классный журнал: (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], output: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
}

async function authStatus(url: string): Promise<{ setupRequired: boolean; schoolName: string; demo: boolean }> {
  const res = await fetch(new URL('/api/call', url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ method: 'auth.status', params: {} }) });
  const body = (await res.json()) as { ok: boolean; value: { setupRequired: boolean; schoolName: string; demo: boolean } };
  expect(body.ok).toBe(true);
  return body.value;
}

/**
 * One command opens the demo school in the browser host (issue 16, item 20):
 * `npm run web -- --demo` makes it on the first run, kept up to the host's
 * today, and `npm run web -- --demo <file>` opens one the CLI made — each in
 * a data folder of the demo's own, never the school's.
 */
describe('npm run web -- --demo', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-web-demo-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('opens a database the CLI made, given as a file, in the demo data folder beside the user’s own', async () => {
    const file = path.join(dir, 'made.sqlite');
    const t = await createTestRuntime({ db: { kind: 'sqlite', file } });
    await setUpSchool(t);
    await t.close();
    const home = path.join(dir, 'home');
    const web = await startWeb(['--demo', file], { KZ_DATA_DIR: home });
    try {
      expect(await authStatus(web.url)).toMatchObject({ setupRequired: false, schoolName: 'МБОУ «Средняя общеобразовательная школа № 1»' });
      expect(JSON.parse(fs.readFileSync(path.join(`${home}-demo`, 'config.json'), 'utf8'))).toEqual({ database: { kind: 'sqlite', file } });
      expect(fs.existsSync(home)).toBe(false);
    } finally {
      await web.stop();
    }
  });

  it('refuses a data folder that holds a school’s own database, and a file that is not there', () => {
    const school = path.join(dir, 'school');
    fs.mkdirSync(school);
    fs.writeFileSync(path.join(school, 'school.sqlite'), '');
    const refused = spawnSync(TSX, ['main/web-host.ts', '--demo', '--data-dir', school, '--port', '0'], { encoding: 'utf8', timeout: 60_000 });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/хранится база данных школы/);
    expect(fs.readdirSync(school)).toEqual(['school.sqlite']);
    const missing = spawnSync(TSX, ['main/web-host.ts', '--demo', path.join(dir, 'none.sqlite'), '--data-dir', path.join(dir, 'x'), '--port', '0'], { encoding: 'utf8', timeout: 60_000 });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/не найден.*npm run cli -- demo/);
  });

  it('without a file makes the demo on the first run, kept up to the host’s today, and opens the same one the next time', async () => {
    const folder = path.join(dir, 'demo');
    const first = await startWeb(['--demo', '--data-dir', folder, '--password', 'Пароль-2026', '--now', '2026-11-23T06:30:00Z']);
    try {
      expect(first.output()).toContain('Демонстрационная школа создана');
      expect(first.output()).toContain('Сегодня в демонстрационной школе 23.11.2026: журнал заполнен по 22.11.2026.');
      expect(first.output()).toMatch(/заместитель директора: zavuch/);
      expect(first.output()).toContain('Пароль для всех учётных записей: Пароль-2026');
      expect(await authStatus(first.url)).toMatchObject({ setupRequired: false, demo: true });
    } finally {
      await first.stop();
    }
    const db = new Database(path.join(folder, 'demo.sqlite'), { readonly: true });
    try {
      const open = db.prepare("SELECT COUNT(*) n FROM lessons WHERE date < '2026-11-23' AND status <> 'given'").get() as { n: number };
      const kept = db.prepare("SELECT COUNT(*) n FROM lessons WHERE date BETWEEN '2026-11-16' AND '2026-11-22' AND status = 'given'").get() as { n: number };
      expect({ open: open.n, keptLastWeek: kept.n > 0 }).toEqual({ open: 0, keptLastWeek: true });
    } finally {
      db.close();
    }
    const again = await startWeb(['--demo', '--data-dir', folder]);
    try {
      expect(again.output()).not.toContain('создана');
      expect(again.output()).toContain(`Демонстрационная школа: ${path.join(folder, 'demo.sqlite')}`);
      expect(await authStatus(again.url)).toMatchObject({ demo: true });
    } finally {
      await again.stop();
    }
  }, 300_000);
});
