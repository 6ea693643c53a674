/**
 * What capturing changes for sync costs (issue 14): the same work on two
 * copies of the demo school, one runtime with the change log on and one with
 * it off, calls interleaved so that a busy machine slows both alike.
 * - change_log_overhead_pct: how much slower a mark save is with the log on
 *   (median over medians); the log line also gives both figures of the save
 *   and of the journal page's core read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CoreRuntime } from '../../main/core/host/runtime';
import { fixedClock } from '../../main/core/shared/clock';
import { fullestPage, JOURNAL_BENCH_NOW, todaysLesson } from './journal';
import type { Benchmark, BenchContext } from './run';

const SAVES = 600;
const READS = 80;
const WARM_UP = 10;

async function open(ctx: BenchContext, captureChanges: boolean): Promise<{ runtime: CoreRuntime; file: string }> {
  const file = await ctx.demoCopy();
  const dataDir = path.join(ctx.tmpDir, captureChanges ? 'log-on' : 'log-off');
  fs.mkdirSync(dataDir, { recursive: true });
  const runtime = await CoreRuntime.open({ db: { kind: 'sqlite', file }, dataDir, clock: fixedClock(JOURNAL_BENCH_NOW), captureChanges, log: { info: () => {}, error: (m) => ctx.log(m) } });
  return { runtime, file };
}

async function call(runtime: CoreRuntime, method: string, params: unknown, token?: string): Promise<unknown> {
  const r = await runtime.call({ method, params, token });
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}

function bytesWritten(): number {
  if (process.platform !== 'linux') return 0;
  return Number(/wchar: (\d+)/.exec(fs.readFileSync('/proc/self/io', 'utf8'))?.[1] ?? 0);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export const changeLogBenchmarks: Benchmark[] = [
  {
    name: 'change_log_overhead_pct',
    unit: '%',
    // Three runs, their median: a save takes about a millisecond, and a busy machine moves that.
    runs: 3,
    async run(ctx) {
      const password = (await import('./run.js')).BENCH_PASSWORD;
      const on = await open(ctx, true);
      const off = await open(ctx, false);
      try {
        const today = todaysLesson(on.file);
        const page = fullestPage(on.file);
        const sides = await Promise.all(
          [on, off].map(async ({ runtime }) => {
            const saver = ((await call(runtime, 'auth.login', { login: today.login, password })) as { token: string }).token;
            const reader = ((await call(runtime, 'auth.login', { login: page.login, password })) as { token: string }).token;
            const p = (await call(runtime, 'journal.getPage', { classId: today.classId, subjectId: today.subjectId }, saver)) as {
              students: { id: string }[];
              period: { startDate: string; endDate: string };
            };
            return { runtime, saver, reader, students: p.students, range: { from: p.period.startDate, to: p.period.endDate } };
          }),
        );
        // Call by call, the two sides take turns (which goes first alternates), so
        // that a busy machine slows both alike; a median of hundreds of calls.
        const saves: [number[], number[]] = [[], []];
        const reads: [number[], number[]] = [[], []];
        // Bytes each side writes (Linux): unlike time, not blurred by a busy machine.
        const written: [number, number] = [0, 0];
        const timed = async (times: number[], work: () => Promise<unknown>, keep: boolean, side?: number) => {
          const bytes = bytesWritten();
          const started = performance.now();
          await work();
          if (keep) times.push(performance.now() - started);
          if (keep && side !== undefined) written[side] += bytesWritten() - bytes;
        };
        for (let i = 0; i < SAVES; i++) {
          const order = i % 2 === 0 ? [0, 1] : [1, 0];
          for (const k of order) {
            const s = sides[k];
            const text = i % 4 < 2 ? String(5 - (i % 3)) : '';
            const studentId = s.students[s.students.length - 1 - (i % 4)].id;
            await timed(saves[k], () => call(s.runtime, 'journal.setMarks', { entries: [{ lessonId: today.lessonId, studentId, text }], range: s.range }, s.saver), i >= WARM_UP, k);
          }
        }
        for (let i = 0; i < READS; i++) {
          for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
            const s = sides[k];
            await timed(reads[k], () => call(s.runtime, 'journal.getPage', { classId: page.classId, subjectId: page.subjectId, period: page.periodId }, s.reader), i >= WARM_UP);
          }
        }
        const [saveOn, saveOff] = saves.map(median);
        const [readOn, readOff] = reads.map(median);
        const pct = (a: number, b: number) => ((a - b) / b) * 100;
        const kib = (side: number) => (written[side] / saves[side].length / 1024).toFixed(1);
        ctx.log(
          `  mark save in the core: ${saveOn.toFixed(2)} ms with the change log, ${saveOff.toFixed(2)} ms without (${pct(saveOn, saveOff).toFixed(1)} %); ` +
            `${kib(0)} KiB / ${kib(1)} KiB written per save; ` +
            `journal page core: ${readOn.toFixed(2)} ms / ${readOff.toFixed(2)} ms (${pct(readOn, readOff).toFixed(1)} %)`,
        );
        return pct(saveOn, saveOff);
      } finally {
        await on.runtime.close();
        await off.runtime.close();
      }
    },
  },
];
