/**
 * Report and control benchmarks on the demo school (issue 7), each through
 * the core's dispatch as the deputy (zavuch), «today» = 23.11.2026 (the II
 * quarter; the I quarter is complete):
 * - final_sheets_school_pdf_s: the summary sheets of final marks of every
 *   class of the school as one PDF (`reports.build`, format pdf);
 * - final_sheets_school_xlsx_s: the same as one styled workbook, a sheet per
 *   class (format xlsx; issue 20 asks under 5 s);
 * - journal_printout_class_pdf_s: the yearly journal printout of the class
 *   with the most marks, as PDF, printed on 31.05.2027 so that it runs over
 *   the whole year (the demo fills the I quarter; later lessons print with
 *   their dates, empty);
 * - control_check_school_quarter_s: a control check of the whole school for
 *   the I quarter (`control.run`).
 */
import Database from 'better-sqlite3';
import { CoreRuntime } from '../../main/core/host/runtime';
import { fixedClock } from '../../main/core/shared/clock';
import type { Benchmark, BenchContext } from './run';
import { JOURNAL_BENCH_NOW } from './journal';

interface Opened {
  runtime: CoreRuntime;
  token: string;
  fullestClassId: string;
  firstQuarterId: string;
}

const opened = new Map<string, Promise<Opened>>();
let copy: Promise<string> | null = null;
/** The end of the demo year: the printout of the whole year. */
const YEAR_END_NOW = '2027-05-31T09:00:00.000Z';

/** A runtime at a given «now» on a private copy of the demo (logging in writes), shared by these benchmarks. */
function open(ctx: BenchContext, now = JOURNAL_BENCH_NOW): Promise<Opened> {
  let o = opened.get(now);
  if (o) return o;
  o = (async () => {
    copy ??= ctx.demoCopy();
    const file = await copy;
    const db = new Database(file, { readonly: true });
    const fullest = db
      .prepare(
        `SELECT l.classId AS classId, COUNT(*) AS n FROM marks m JOIN lessons l ON l.id = m.lessonId
          WHERE m.deletedAt IS NULL GROUP BY l.classId ORDER BY n DESC LIMIT 1`,
      )
      .get() as { classId: string };
    const quarter = db
      .prepare(`SELECT id FROM study_periods WHERE kind = 'quarter' AND deletedAt IS NULL ORDER BY startDate, gradeFrom LIMIT 1`)
      .get() as { id: string };
    db.close();
    const { BENCH_PASSWORD } = await import('./run.js');
    const runtime = await CoreRuntime.open({
      db: { kind: 'sqlite', file },
      dataDir: ctx.tmpDir,
      clock: fixedClock(now),
      log: { info: () => {}, error: (m, ...rest) => ctx.log(`${m} ${rest.map(String).join(' ')}`) },
    });
    const login = await runtime.call({ method: 'auth.login', params: { login: 'zavuch', password: BENCH_PASSWORD } });
    if (!login.ok) throw new Error(`zavuch: ${login.error.message}`);
    return { runtime, token: (login.value as { token: string }).token, fullestClassId: fullest.classId, firstQuarterId: quarter.id };
  })();
  opened.set(now, o);
  return o;
}

async function timed(ctx: BenchContext, method: string, params: unknown, describe: (value: unknown) => string, now?: string): Promise<number> {
  const o = await open(ctx, now);
  const started = performance.now();
  const r = await o.runtime.call({ method, params, token: o.token });
  const seconds = (performance.now() - started) / 1000;
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  ctx.log(`  ${method}: ${describe(r.value)}`);
  return seconds;
}

/** The file's name and size, for the log. */
const pdfSize = (v: unknown) => {
  const file = (v as { file: { fileName: string; bytes: number } }).file;
  return `${file.fileName}, ${(file.bytes / 1024).toFixed(0)} KB`;
};

export const reportBenchmarks: Benchmark[] = [
  {
    name: 'final_sheets_school_pdf_s',
    unit: 's',
    runs: 3,
    run: (ctx) => timed(ctx, 'reports.build', { report: { kind: 'finalSheet' }, format: 'pdf' }, pdfSize),
  },
  {
    name: 'final_sheets_school_xlsx_s',
    unit: 's',
    runs: 3,
    run: (ctx) => timed(ctx, 'reports.build', { report: { kind: 'finalSheet' }, format: 'xlsx' }, pdfSize),
  },
  {
    name: 'journal_printout_class_pdf_s',
    unit: 's',
    runs: 3,
    run: async (ctx) => {
      const o = await open(ctx, YEAR_END_NOW);
      return timed(ctx, 'reports.build', { report: { kind: 'journalPrintout', classId: o.fullestClassId }, format: 'pdf' }, pdfSize, YEAR_END_NOW);
    },
  },
  {
    name: 'control_check_school_quarter_s',
    unit: 's',
    runs: 5,
    run: async (ctx) => {
      const o = await open(ctx);
      return timed(ctx, 'control.run', { periodId: o.firstQuarterId }, (v) => {
        const r = v as { pages: { findings: unknown[] }[] };
        return `${r.pages.length} pages, ${r.pages.reduce((s, p) => s + p.findings.length, 0)} findings`;
      });
    },
  },
];
