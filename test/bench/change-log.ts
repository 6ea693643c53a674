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

const ROUNDS = 5;
const SAVES = 24;
const READS = 12;

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

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export const changeLogBenchmarks: Benchmark[] = [
  {
    name: 'change_log_overhead_pct',
    unit: '%',
    runs: 1,
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
        const saves: [number[], number[]] = [[], []];
        const reads: [number[], number[]] = [[], []];
        for (let round = 0; round < ROUNDS; round++) {
          for (const [k, s] of sides.entries()) {
            const times: number[] = [];
            for (let i = 0; i < SAVES; i++) {
              const text = i % 2 === 0 ? String(5 - (i % 4)) : '';
              const studentId = s.students[s.students.length - 1 - (i % 4)].id;
              const started = performance.now();
              await call(s.runtime, 'journal.setMarks', { entries: [{ lessonId: today.lessonId, studentId, text }], range: s.range }, s.saver);
              if (i >= 2) times.push(performance.now() - started);
            }
            saves[k].push(median(times));
            const pageTimes: number[] = [];
            for (let i = 0; i < READS; i++) {
              const started = performance.now();
              await call(s.runtime, 'journal.getPage', { classId: page.classId, subjectId: page.subjectId, period: page.periodId }, s.reader);
              if (i >= 2) pageTimes.push(performance.now() - started);
            }
            reads[k].push(median(pageTimes));
          }
        }
        const [saveOn, saveOff] = saves.map(median);
        const [readOn, readOff] = reads.map(median);
        const pct = (a: number, b: number) => ((a - b) / b) * 100;
        ctx.log(
          `  mark save in the core: ${saveOn.toFixed(2)} ms with the change log, ${saveOff.toFixed(2)} ms without (${pct(saveOn, saveOff).toFixed(1)} %); ` +
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
