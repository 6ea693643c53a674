/**
 * Journal benchmarks on the demo school (issue 4):
 * - journal_page_core_ms: `journal.getPage` through the core's dispatch, for
 *   the demo's fullest quarter page of a whole class (about 30 students and
 *   40–45 lessons), warm, median of 31 calls;
 * - mark_save_ms: one mark typed into a cell, `journal.setMarks` over HTTP
 *   through the browser host (JSON, cookie session, transaction, audit),
 *   median of 31 saves;
 * - journal_page_paint_ms: in Chromium through the browser host, from the
 *   click on a page in the list to the grid painted (the renderer marks
 *   `journal-grid-painted` once the frame with the grid is on screen), on the
 *   last day of the I quarter so that the page opens full of marks; then the
 *   whole year (≈170 lessons) is scrolled across and its frame times logged.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CoreRuntime } from '../../main/core/host/runtime';
import { fixedClock, startingClock } from '../../main/core/shared/clock';
import { startWebHost } from '../../main/web-host';
import { chromium } from '@playwright/test';
import type { Benchmark, BenchContext } from './run';

/** run.ts registers these benchmarks, so its values are read when a benchmark runs, not at import. */
async function benchPassword(): Promise<string> {
  return (await import('./run.js')).BENCH_PASSWORD;
}

/** A Q2 school day of the demo year, 10:00 in Moscow: «today» for every journal benchmark. */
export const JOURNAL_BENCH_NOW = '2026-11-23T07:00:00.000Z';

export interface BenchPage {
  classId: string;
  subjectId: string;
  periodId: string;
  login: string;
  students: number;
  lessons: number;
  marks: number;
}

/** The fullest quarter page of a whole class (no groups) whose teacher has an account. */
export function fullestPage(file: string): BenchPage {
  const db = new Database(file, { readonly: true });
  try {
    const row = db
      .prepare(
        `SELECT l.classId, l.subjectId, p.id AS periodId, u.login AS login, COUNT(*) AS lessons,
                (SELECT COUNT(*) FROM class_memberships cm WHERE cm.classId = l.classId AND cm.deletedAt IS NULL) AS students,
                (SELECT COUNT(*) FROM marks m JOIN lessons x ON x.id = m.lessonId
                   WHERE x.classId = l.classId AND x.subjectId = l.subjectId AND x.groupId IS NULL
                     AND x.date BETWEEN p.startDate AND p.endDate) AS marks
           FROM lessons l
           JOIN school_classes c ON c.id = l.classId
           JOIN study_periods p ON p.kind = 'quarter' AND l.date BETWEEN p.startDate AND p.endDate
                AND c.gradeLevel BETWEEN p.gradeFrom AND p.gradeTo
           JOIN users u ON u.staffId = l.staffId AND u.deletedAt IS NULL
          WHERE l.groupId IS NULL AND l.deletedAt IS NULL AND c.gradeLevel > 1
          GROUP BY l.classId, l.subjectId, p.id
          ORDER BY marks DESC, lessons DESC
          LIMIT 1`,
      )
      .get() as BenchPage | undefined;
    if (!row) throw new Error('the demo school has no journal page with marks');
    return row;
  } finally {
    db.close();
  }
}

/**
 * How busy the machine is: a fixed loop of arithmetic, in milliseconds
 * (about 250 ms on an idle laptop core). Logged beside the figures, since a
 * shared machine can make every number several times slower.
 */
export function cpuProbeMs(): number {
  const started = performance.now();
  let x = 0;
  for (let i = 0; i < 3e8; i++) x += i % 7;
  if (x < 0) throw new Error('unreachable');
  return performance.now() - started;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A lesson of a whole class on the benchmark's «today», and the login of its teacher. */
export function todaysLesson(file: string): { lessonId: string; classId: string; subjectId: string; login: string } {
  const db = new Database(file, { readonly: true });
  try {
    const row = db
      .prepare(
        `SELECT l.id AS lessonId, l.classId, l.subjectId, u.login AS login
           FROM lessons l
           JOIN school_classes c ON c.id = l.classId
           JOIN users u ON u.staffId = l.staffId AND u.deletedAt IS NULL
          WHERE l.date = ? AND l.groupId IS NULL AND l.deletedAt IS NULL AND c.gradeLevel > 1 AND l.substituteStaffId IS NULL
          ORDER BY c.gradeLevel, l.lessonNo
          LIMIT 1`,
      )
      .get(JOURNAL_BENCH_NOW.slice(0, 10)) as { lessonId: string; classId: string; subjectId: string; login: string } | undefined;
    if (!row) throw new Error(`the demo school has no lesson on ${JOURNAL_BENCH_NOW.slice(0, 10)}`);
    return row;
  } finally {
    db.close();
  }
}

export async function withWebHost<T>(ctx: BenchContext, work: (url: string, file: string) => Promise<T>, now = JOURNAL_BENCH_NOW): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(ctx.tmpDir, 'journal-web-'));
  const file = path.join(dataDir, 'school.sqlite');
  fs.copyFileSync(await ctx.demoFile(), file);
  const host = await startWebHost({
    port: 0,
    dataDir,
    clock: startingClock(now),
    // No daily backup running beside the measurement (and none on close), as in the end-to-end tests.
    scheduledBackups: false,
    log: { info: () => {}, error: (m, ...rest) => ctx.log(`web host: ${m} ${rest.map(String).join(' ')}`) },
  });
  try {
    return await work(host.url, file);
  } finally {
    await host.close();
  }
}

/** A browser-like client of the web host: keeps the session cookie. */
export async function webClient(url: string) {
  let cookie = '';
  const call = async (method: string, params: unknown): Promise<unknown> => {
    const res = await fetch(new URL('/api/call', url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
      body: JSON.stringify({ method, params }),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    const result = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
    return result.value;
  };
  return { call };
}

export const journalBenchmarks: Benchmark[] = [
  {
    name: 'journal_page_core_ms',
    unit: 'ms',
    runs: 1,
    async run(ctx) {
      const file = await ctx.demoCopy();
      const page = fullestPage(file);
      const runtime = await CoreRuntime.open({
        db: { kind: 'sqlite', file },
        dataDir: ctx.tmpDir,
        clock: fixedClock(JOURNAL_BENCH_NOW),
        log: { info: () => {}, error: (m) => ctx.log(m) },
      });
      try {
        const login = await runtime.call({ method: 'auth.login', params: { login: page.login, password: await benchPassword() } });
        if (!login.ok) throw new Error(login.error.message);
        const token = (login.value as { token: string }).token;
        const params = { classId: page.classId, subjectId: page.subjectId, period: page.periodId };
        const times: number[] = [];
        let shape = '';
        for (let i = 0; i < 34; i++) {
          const started = performance.now();
          const r = await runtime.call({ method: 'journal.getPage', params, token });
          const ms = performance.now() - started;
          if (!r.ok) throw new Error(r.error.message);
          if (i >= 3) times.push(ms);
          const v = r.value as { students: unknown[]; lessons: unknown[]; marks: unknown[] };
          shape = `${v.students.length} students × ${v.lessons.length} lessons, ${v.marks.length} marks`;
        }
        ctx.log(`  ${page.login}: ${shape}; best ${Math.min(...times).toFixed(2)} ms; CPU probe ${cpuProbeMs().toFixed(0)} ms (≈250 idle)`);
        return median(times);
      } finally {
        await runtime.close();
      }
    },
  },
  {
    name: 'mark_save_ms',
    unit: 'ms',
    runs: 1,
    async run(ctx) {
      return withWebHost(ctx, async (url, file) => {
        const today = todaysLesson(file);
        const client = await webClient(url);
        await client.call('auth.login', { login: today.login, password: await benchPassword() });
        const p = (await client.call('journal.getPage', { classId: today.classId, subjectId: today.subjectId })) as {
          lessons: { id: string; date: string; editable: boolean }[];
          students: { id: string }[];
          period: { startDate: string; endDate: string };
        };
        const lesson = p.lessons.find((l) => l.id === today.lessonId);
        if (!lesson?.editable) throw new Error('the lesson of today is not editable for its teacher');
        const range = { from: p.period.startDate, to: p.period.endDate };
        const times: number[] = [];
        for (let i = 0; i < 34; i++) {
          // Each save puts a new mark in the last student's cell, then the next clears it: as typing and Backspace do.
          const text = i % 2 === 0 ? String(5 - (i % 4)) : '';
          const studentId = p.students[p.students.length - 1 - (i % 4)].id;
          const started = performance.now();
          const r = (await client.call('journal.setMarks', { entries: [{ lessonId: lesson.id, studentId, text }], range })) as {
            results: { ok: boolean; message?: string }[];
          };
          const ms = performance.now() - started;
          if (!r.results[0].ok) throw new Error(r.results[0].message);
          if (i >= 3) times.push(ms);
        }
        ctx.log(`  ${today.login}, lesson ${lesson.date}, ${p.students.length} students: best ${Math.min(...times).toFixed(2)} ms; CPU probe ${cpuProbeMs().toFixed(0)} ms (≈250 idle)`);
        return median(times);
      });
    },
  },
  {
    name: 'journal_page_paint_ms',
    unit: 'ms',
    runs: 1,
    async run(ctx) {
      if (!fs.existsSync(path.resolve('out/renderer/index.html'))) {
        throw new Error('journal_page_paint_ms needs the built renderer: run `npm run build:renderer` first');
      }
      // The last day of the I quarter: the page opens on a full quarter of marks.
      return withWebHost(
        ctx,
        async (url, file) => {
          const page0 = fullestPage(file);
          const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
          try {
            const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
            await page.goto(url);
            await page.getByLabel('Логин').fill(page0.login);
            await page.getByLabel('Пароль', { exact: true }).fill(await benchPassword());
            await page.getByRole('button', { name: 'Войти' }).click();
            await page.getByRole('link', { name: 'Журнал' }).waitFor();
            const times: number[] = [];
            for (let i = 0; i < 12; i++) {
              // A fresh page each time: nothing of the last load is cached in the renderer.
              await page.goto(`${url}?run=${i}#/journal`);
              const link = page.locator(`a[href*="c=${page0.classId}"][href*="s=${page0.subjectId}"]`).first();
              await link.waitFor();
              await page.evaluate(() => {
                performance.clearMarks();
                document.addEventListener('click', () => performance.mark('journal-click'), { capture: true, once: true });
              });
              await link.click();
              await page.waitForFunction(() => performance.getEntriesByName('journal-grid-painted').length > 0);
              const ms = await page.evaluate(
                () => performance.getEntriesByName('journal-grid-painted')[0].startTime - performance.getEntriesByName('journal-click')[0].startTime,
              );
              if (i >= 2) times.push(ms);
            }
            const cells = await page.locator('[data-testid="journal-grid"] .jc').count();
            ctx.log(
              `  ${page0.login}: ${page0.students} students × ${page0.lessons} lessons, ${cells} cells drawn; best ${Math.min(...times).toFixed(1)} ms; CPU probe ${cpuProbeMs().toFixed(0)} ms (≈250 idle)`,
            );
            // The whole year: scroll across every column and time the frames.
            await page.getByRole('tab', { name: 'Весь год' }).click();
            await page.waitForFunction(() => performance.getEntriesByName('journal-grid-painted').length > 1);
            const scroll = await page.evaluate(async () => {
              const el = document.querySelector<HTMLElement>('[data-testid="journal-grid"]')!;
              const frames: number[] = [];
              el.scrollLeft = 0;
              let last = performance.now();
              while (el.scrollLeft + el.clientWidth < el.scrollWidth - 1) {
                el.scrollLeft += 120;
                await new Promise((r) => requestAnimationFrame(r));
                const now = performance.now();
                frames.push(now - last);
                last = now;
              }
              frames.sort((a, b) => a - b);
              return { columns: el.getAttribute('aria-colcount'), frames: frames.length, median: frames[Math.floor(frames.length / 2)], worst: frames[frames.length - 1] };
            });
            ctx.log(`  whole year: ${scroll.columns} lessons, ${scroll.frames} scroll steps, frame median ${scroll.median.toFixed(1)} ms, worst ${scroll.worst.toFixed(1)} ms`);
            return median(times);
          } finally {
            await browser.close();
          }
        },
        '2026-10-23T07:00:00.000Z',
      );
    },
  },
];
