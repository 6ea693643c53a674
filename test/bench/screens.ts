/**
 * screen_open_ms (issue 16 §17): how long the screens that open on a lot of
 * the school take, on the demo school in Chromium through the browser host,
 * as journal_page_paint_ms measures the journal page — from the click on the
 * section in the navigation to the frame with its data painted. One benchmark
 * per screen, `screen_open_ms:<screen>`; `npm run bench -- screen_open_ms`
 * runs them all.
 *
 * «Painted»: a MutationObserver installed before the click sees the screen's
 * data in the main area (its `ready` selector) with no progress indicator
 * left there; the mark is taken in the frame after (requestAnimationFrame,
 * then a task), as the journal grid marks its own. Each run loads the program
 * afresh, so nothing of the last opening is cached in the renderer.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Page } from '@playwright/test';
import type { Benchmark, BenchContext } from './run';
import { JOURNAL_BENCH_NOW, cpuProbeMs, withWebHost } from './journal';

interface Screen {
  /** The benchmark's suffix: screen_open_ms:<id>. */
  id: string;
  /** Who opens it: a login, or a query for one on the demo database. */
  login: string | ((db: Database.Database) => string);
  /** The section opened first, light, from which the measured one is clicked. */
  from: string;
  /** The navigation item clicked. */
  link: string;
  /** The screen's data on screen. */
  ready: string;
}

const classTeacher = (db: Database.Database) =>
  (db.prepare(`SELECT u.login FROM users u JOIN school_classes c ON c.classTeacherId = u.staffId WHERE c.gradeLevel = 7 ORDER BY c.letter LIMIT 1`).get() as { login: string })
    .login;

export const SCREENS: Screen[] = [
  { id: 'school', login: 'director', from: 'reports', link: 'Школа', ready: 'table[aria-label="Обучающиеся"] tbody tr' },
  { id: 'timetable', login: 'zavuch', from: 'reports', link: 'Расписание', ready: '[role="grid"] [role="row"] + [role="row"]' },
  { id: 'archive', login: 'director', from: 'reports', link: 'Архив', ready: 'table[aria-label="Учебные годы"] tbody tr' },
  { id: 'journal_list', login: 'admin', from: 'reports', link: 'Журнал', ready: '[data-testid="journal-page-link"]' },
  { id: 'myclass', login: classTeacher, from: 'remarks', link: 'Мой класс', ready: 'table[aria-label="Обучающиеся"] tbody tr' },
  { id: 'plans', login: 'zavuch', from: 'reports', link: 'КТП', ready: 'table[aria-label="КТП"] tbody tr' },
];

const RUNS = 9;
const WARM_UP = 2;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function password(): Promise<string> {
  return (await import('./run.js')).BENCH_PASSWORD;
}

/** One opening: the click on the navigation item to the painted frame with the screen's data, in ms. */
async function openOnce(page: Page, url: string, screen: Screen, run: number): Promise<number> {
  await page.goto(`${url}?run=${run}#/${screen.from}`);
  const link = page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: screen.link, exact: true });
  await link.waitFor();
  await page.waitForLoadState('networkidle');
  // A string, not a function: tsx would name the inner arrows with a helper the page does not have.
  await page.evaluate(`(() => {
    performance.clearMarks();
    const ready = ${JSON.stringify(screen.ready)};
    const main = document.querySelector('main');
    let clicked = false;
    const observer = new MutationObserver(() => {
      if (!clicked || !main.querySelector(ready) || main.querySelector('[role="progressbar"]')) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => performance.mark('screen-painted'), 0));
    });
    observer.observe(main, { childList: true, subtree: true, attributes: true });
    document.addEventListener('click', () => { clicked = true; performance.mark('screen-click'); }, { capture: true, once: true });
  })()`);
  await link.click();
  await page.waitForFunction(() => performance.getEntriesByName('screen-painted').length > 0, undefined, { timeout: 60_000 });
  return page.evaluate(() => performance.getEntriesByName('screen-painted')[0].startTime - performance.getEntriesByName('screen-click')[0].startTime);
}

async function measure(ctx: BenchContext, screen: Screen): Promise<number> {
  if (!fs.existsSync(path.resolve('out/renderer/index.html'))) {
    throw new Error('screen_open_ms needs the built renderer: run `npm run build:renderer` first');
  }
  return withWebHost(
    ctx,
    async (url, file) => {
      const db = new Database(file, { readonly: true });
      const login = typeof screen.login === 'string' ? screen.login : screen.login(db);
      db.close();
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
      try {
        const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
        await page.goto(url);
        await page.getByLabel('Логин').fill(login);
        await page.getByLabel('Пароль', { exact: true }).fill(await password());
        await page.getByRole('button', { name: 'Войти' }).click();
        await page.getByRole('navigation', { name: 'Разделы' }).waitFor();
        const times: number[] = [];
        for (let i = 0; i < RUNS + WARM_UP; i++) {
          const ms = await openOnce(page, url, screen, i);
          if (i >= WARM_UP) times.push(ms);
        }
        const rows = await page.locator(`main ${screen.ready}`).count();
        ctx.log(`  ${screen.id} (${login}): ${rows} × «${screen.ready}»; best ${Math.min(...times).toFixed(1)} ms; CPU probe ${cpuProbeMs().toFixed(0)} ms (≈250 idle)`);
        return median(times);
      } finally {
        await browser.close();
      }
    },
    JOURNAL_BENCH_NOW,
  );
}

export const screenBenchmarks: Benchmark[] = SCREENS.map((screen) => ({
  name: `screen_open_ms:${screen.id}`,
  unit: 'ms',
  runs: 1,
  run: (ctx: BenchContext) => measure(ctx, screen),
}));
