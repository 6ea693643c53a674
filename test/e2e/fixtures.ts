import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

export { expect };

const ROOT = path.resolve(__dirname, '../..');
/** Monday, 23 November 2026, 09:30 in Moscow: a school day. */
export const NOW = '2026-11-23T06:30:00.000Z';
export const ADMIN = { login: 'admin', password: 'Пароль-2026', name: 'Соколова Ирина Петровна' };
export const SCHOOL_NAME = 'МБОУ «Средняя общеобразовательная школа № 1»';

export interface Host {
  url: string;
  dataDir: string;
  /** A call from outside the browser (its own session), for setting the stage. */
  call(method: string, params: unknown): Promise<unknown>;
  /** The first run done through the API: the school and its administrator. */
  setUpSchool(): Promise<void>;
}

/** Starts `tsx main/web-host.ts` on a free port over a data folder; resolves with its URL. */
export async function startHost(dataDir: string, now = NOW) {
  const tsx = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
  const child = spawn(tsx, ['main/web-host.ts', '--port', '0', '--data-dir', dataDir, '--now', now, '--no-backups'], {
    cwd: ROOT,
    env: { ...process.env, KZ_DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start in time:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = /Классный журнал: (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with code ${code}:\n${output}`));
    });
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  return { url, stop };
}

/**
 * The demo school (seed 17, year 2026/2027, kept up to NOW) in a file of its own, for a spec
 * that works on realistic data: generated once per worker, then copied for
 * each test by `hostOnCopy`.
 */
export function generateDemo(name: string): { file: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kz-e2e-${name}-demo-`));
  const file = path.join(dir, 'demo.sqlite');
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  try {
    // Kept up to the hosts' clock (NOW), as the demo the program opens is kept up to its own today.
    execFileSync(tsx, ['main/cli.ts', 'demo', file, '--password', ADMIN.password, '--seed', '17', '--year', '2026', '--today', NOW.slice(0, 10)], { cwd: ROOT, stdio: 'pipe' });
  } catch (e) {
    const out = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`the demo school was not generated:\n${out.stdout?.toString() ?? ''}\n${out.stderr?.toString() ?? ''}`);
  }
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A browser host over a fresh copy of a database file: each test changes its own school. */
export async function hostOnCopy(file: string, now: string): Promise<{ url: string; db: string; close(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-e2e-school-'));
  const db = path.join(dataDir, 'school.sqlite');
  fs.copyFileSync(file, db);
  const { url, stop } = await startHost(dataDir, now);
  return {
    url,
    db,
    close: async () => {
      await stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ host: Host }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
  host: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-e2e-'));
    const { url, stop } = await startHost(dataDir);
    const call = async (method: string, params: unknown) => {
      const res = await fetch(new URL('/api/call', url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ method, params }),
      });
      const result = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
      return result.value;
    };
    const setUpSchool = async () => {
      await call('setup.createSchool', {
        schoolName: SCHOOL_NAME,
        schoolShortName: 'СОШ № 1',
        city: 'Тверь',
        admin: { lastName: 'Соколова', firstName: 'Ирина', middleName: 'Петровна', login: ADMIN.login, password: ADMIN.password },
      });
    };
    await use({ url, dataDir, call, setUpSchool });
    await stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

/** Saves a screenshot of the whole window into test-results/screens/NAME.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ROOT, 'test-results', 'screens', `${name}.png`), animations: 'disabled' });
}

export async function login(page: Page, user: string, password: string): Promise<void> {
  await page.getByLabel('Логин').fill(user);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

/** The names in the left navigation, in order. */
export async function navItems(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Разделы' }).getByRole('link').allInnerTexts();
}

/** A call through the page's own bridge, as the user logged in there (the way the screens call the core). */
export type BridgeResult = { ok: boolean; value?: any; error?: { code: string; message: string } };
export async function bridge(page: Page, method: string, params: unknown): Promise<BridgeResult> {
  return page.evaluate(
    ({ m, p }: { m: string; p: unknown }) => (window as unknown as { api: { call(method: string, params: unknown): Promise<BridgeResult> } }).api.call(m, p),
    { m: method, p: params },
  );
}
