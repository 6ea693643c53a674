/**
 * Substitution benchmarks on the demo school (issue 6), through the core's
 * dispatch as the deputy (validation, session, transaction included):
 * - substitution_suggest_ms: `substitutions.suggest` for one lesson of an
 *   absent teacher (the hard filters and every criterion for ~65 teachers,
 *   the parallel lessons, the free rooms), warm, median over the open lessons;
 * - substitution_fill_day_ms: `substitutions.fillDay` on a day with three
 *   teachers away for the whole day (about 15 open lessons), warm, median of 11.
 */
import Database from 'better-sqlite3';
import { CoreRuntime } from '../../main/core/host/runtime';
import { fixedClock } from '../../main/core/shared/clock';
import type { Benchmark, BenchContext } from './run';

/** A Monday of the demo year's second quarter, 10:00 in Moscow. */
const DATE = '2026-11-23';
const NOW = '2026-11-23T07:00:00.000Z';

async function benchPassword(): Promise<string> {
  return (await import('./run.js')).BENCH_PASSWORD;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** CPU time of this process since `from`: on a busy shared machine it says what the work itself costs. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

/** Three teachers with five lessons on the day (or the busiest ones), for about fifteen open lessons. */
function absentTeachers(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT staffId, COUNT(*) AS n FROM lessons WHERE date = ? AND deletedAt IS NULL AND status <> 'cancelled'
          GROUP BY staffId ORDER BY ABS(COUNT(*) - 5), staffId LIMIT 3`,
      )
      .all(DATE) as { staffId: string; n: number }[];
    if (rows.length < 3) throw new Error(`the demo school has too few lessons on ${DATE}`);
    return rows.map((r) => r.staffId);
  } finally {
    db.close();
  }
}

/** The demo school with three teachers registered away on DATE, and the deputy's session. */
async function dayWithAbsences(ctx: BenchContext) {
  const file = await ctx.demoCopy();
  const staff = absentTeachers(file);
  const runtime = await CoreRuntime.open({ db: { kind: 'sqlite', file }, dataDir: ctx.tmpDir, clock: fixedClock(NOW), log: { info: () => {}, error: (m) => ctx.log(m) } });
  const login = await runtime.call({ method: 'auth.login', params: { login: 'zavuch', password: await benchPassword() } });
  if (!login.ok) throw new Error(login.error.message);
  const token = (login.value as { token: string }).token;
  const call = async (method: string, params: unknown) => {
    const r = await runtime.call({ method, params, token });
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value;
  };
  const open: string[] = [];
  for (const staffId of staff) {
    const r = (await call('substitutions.saveAbsence', { staffId, fromDate: DATE, toDate: DATE, reason: 'illness' })) as { lessons: { id: string }[] };
    open.push(...r.lessons.map((l) => l.id));
  }
  return { runtime, call, open };
}

export const substitutionBenchmarks: Benchmark[] = [
  {
    name: 'substitution_suggest_ms',
    unit: 'ms',
    runs: 1,
    async run(ctx) {
      const { runtime, call, open } = await dayWithAbsences(ctx);
      try {
        const times: number[] = [];
        const cpu: number[] = [];
        let shape = '';
        for (let i = 0; i < 34; i++) {
          const started = performance.now();
          const used = process.cpuUsage();
          const r = (await call('substitutions.suggest', { lessonId: open[i % open.length] })) as { candidates: unknown[]; excluded: unknown[]; merges: unknown[] };
          const ms = performance.now() - started;
          if (i >= 3) times.push(ms);
          if (i >= 3) cpu.push(cpuMs(used));
          shape = `${r.candidates.length} candidates, ${r.excluded.length} excluded, ${r.merges.length} merges`;
        }
        ctx.log(`  ${open.length} open lessons; last: ${shape}; best ${Math.min(...times).toFixed(2)} ms; CPU time median ${median(cpu).toFixed(2)} ms`);
        return median(times);
      } finally {
        await runtime.close();
      }
    },
  },
  {
    name: 'substitution_fill_day_ms',
    unit: 'ms',
    runs: 1,
    async run(ctx) {
      const { runtime, call, open } = await dayWithAbsences(ctx);
      try {
        const times: number[] = [];
        const cpu: number[] = [];
        let proposals: { kind: string }[] = [];
        for (let i = 0; i < 14; i++) {
          const started = performance.now();
          const used = process.cpuUsage();
          proposals = (await call('substitutions.fillDay', { date: DATE })) as { kind: string }[];
          const ms = performance.now() - started;
          if (i >= 3) times.push(ms);
          if (i >= 3) cpu.push(cpuMs(used));
        }
        const kinds = proposals.reduce<Record<string, number>>((acc, p) => ({ ...acc, [p.kind]: (acc[p.kind] ?? 0) + 1 }), {});
        ctx.log(`  3 teachers away, ${open.length} open lessons → ${JSON.stringify(kinds)}; best ${Math.min(...times).toFixed(2)} ms; CPU time median ${median(cpu).toFixed(2)} ms`);
        return median(times);
      } finally {
        await runtime.close();
      }
    },
  },
];
