/**
 * Reference-data benchmarks on the demo school (issue 3):
 * - school_load_compare_ms: the teaching-load screen's query (`school.load`):
 *   every class, curriculum line, subgroup and assignment of the year, and
 *   their comparison per class and per teacher;
 * - import_students_500_s: a 500-row XLSX list of students with guardians,
 *   read, checked row by row and imported in one transaction.
 */
import path from 'node:path';
import { CoreRuntime } from '../../main/core/host/runtime';
import { xlsxOf, STUDENT_HEADERS } from '../fixtures/import/samples';
import { BENCH_PASSWORD, type Benchmark, type BenchContext } from './run';

async function adminRuntime(ctx: BenchContext) {
  const file = await ctx.demoCopy();
  const runtime = await CoreRuntime.open({ db: { kind: 'sqlite', file }, dataDir: path.dirname(file), log: { info: () => {}, error: console.error } });
  const login = await runtime.call({ method: 'auth.login', params: { login: 'admin', password: BENCH_PASSWORD } });
  if (!login.ok) throw new Error(login.error.message);
  const token = (login.value as { token: string }).token;
  const call = async <T>(method: string, params: unknown): Promise<T> => {
    const r = await runtime.call({ method, params, token });
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };
  return { runtime, call };
}

export const schoolBenchmarks: Benchmark[] = [
  {
    name: 'school_load_compare_ms',
    unit: 'ms',
    runs: 1,
    async run(ctx) {
      const { runtime, call } = await adminRuntime(ctx);
      try {
        const { currentYearId } = await call<{ currentYearId: string }>('school.listYears', {});
        const times: number[] = [];
        let lines = 0;
        for (let i = 0; i < 11; i++) {
          const started = performance.now();
          const r = await call<{ comparison: { byClass: { lines: unknown[] }[] } }>('school.load', { yearId: currentYearId });
          times.push(performance.now() - started);
          lines = r.comparison.byClass.reduce((s, c) => s + c.lines.length, 0);
        }
        times.sort((a, b) => a - b);
        ctx.log(`  ${lines} lines compared; best ${times[0].toFixed(1)} ms`);
        return times[5];
      } finally {
        await runtime.close();
      }
    },
  },
  {
    name: 'import_students_500_s',
    unit: 's',
    runs: 1,
    async run(ctx) {
      const { runtime, call } = await adminRuntime(ctx);
      try {
        const { currentYearId } = await call<{ currentYearId: string }>('school.listYears', {});
        const classes = await call<{ name: string }[]>('school.listClasses', { yearId: currentYearId });
        const rows: (string | Date)[][] = [STUDENT_HEADERS];
        for (let i = 0; i < 500; i++) {
          const n = String(i + 1).padStart(3, '0');
          rows.push([`Тестов${'абвгдежзик'[i % 10]}`, `Ученик${n.replace(/\d/g, (d) => 'абвгдежзик'[Number(d)])}`, 'Петрович', new Date(Date.UTC(2012, i % 12, 1 + (i % 27))), i % 2 ? 'м' : 'ж', classes[i % classes.length].name, `Тестова Мать${n.replace(/\d/g, (d) => 'абвгдежзик'[Number(d)])}`, `8 912 ${n}-00-00`, '', '']);
        }
        const content = xlsxOf(rows).toString('base64');
        const started = performance.now();
        const result = await call<{ students: number }>('import.students', { yearId: currentYearId, fileName: 'bench.xlsx', content, date: '2026-11-23', orderNo: 'bench' });
        const seconds = (performance.now() - started) / 1000;
        ctx.log(`  imported ${result.students} students`);
        return seconds;
      } finally {
        await runtime.close();
      }
    },
  },
];
