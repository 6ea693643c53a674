/**
 * Benchmarks: `npx tsx test/bench/run.ts [name …]` (or `npm run bench`).
 *
 * Each benchmark returns one number; it runs `runs` times and the median is
 * printed as one JSON line on stdout:
 *   {"name":"demo_generate_s","value":12.3,"unit":"s"}
 * Progress goes to stderr, so stdout stays machine-readable. Without names
 * every benchmark runs; `--list` prints the names.
 *
 * A name may select a family: `screen_open_ms` runs every `screen_open_ms:<screen>`.
 *
 * Adding one: push to BENCHMARKS. A benchmark that needs a populated school
 * calls `ctx.demoFile()` (generated once per run, seed fixed, shared by every
 * benchmark, treat it as read-only) or `ctx.demoCopy()` (a private copy it
 * may change).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { generateDemoSchool } from '../../main/core/demo/generate';
import { changeLogBenchmarks } from './change-log';
import { journalBenchmarks } from './journal';
import { timetableBenchmarks } from './timetable';
import { substitutionBenchmarks } from './substitutions';
import { backupBenchmarks } from './backup';
import { schoolBenchmarks } from './school';
import { reportBenchmarks } from './reports';
import { syncShareBenchmarks } from './sync-share';
import { syncBenchmarks } from './sync';
import { screenBenchmarks } from './screens';
import { moveBenchmarks } from './move';
import { mailBenchmarks } from './mail';

export const BENCH_SEED = 17;
export const BENCH_YEAR = 2026;
/** The demo's today: kept up to the day before, as the benchmarks' clock (journal.ts, substitutions.ts) sees it. */
export const BENCH_TODAY = '2026-11-23';
export const BENCH_PASSWORD = 'bench-password-1';

export interface BenchContext {
  /** A folder of this run's own, removed at the end. */
  tmpDir: string;
  /** The demo school generated once for this run (read-only use). */
  demoFile(): Promise<string>;
  /** A fresh copy of the demo school that a benchmark may change. */
  demoCopy(): Promise<string>;
  log(message: string): void;
}

export interface Benchmark {
  name: string;
  unit: string;
  /** How many times to run; the median is reported. */
  runs: number;
  run(ctx: BenchContext): Promise<number>;
}

function checkpoint(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

export const BENCHMARKS: Benchmark[] = [
  {
    name: 'demo_generate_s',
    unit: 's',
    runs: 3,
    async run(ctx) {
      const file = path.join(ctx.tmpDir, `generate-${Date.now()}-${Math.random().toString(36).slice(2)}.sqlite`);
      const started = performance.now();
      await generateDemoSchool({ file, password: BENCH_PASSWORD, seed: BENCH_SEED, yearStart: BENCH_YEAR, today: BENCH_TODAY });
      const seconds = (performance.now() - started) / 1000;
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
      return seconds;
    },
  },
  {
    name: 'demo_db_mb',
    unit: 'MB',
    runs: 1,
    async run(ctx) {
      const file = await ctx.demoFile();
      checkpoint(file);
      return fs.statSync(file).size / 1024 / 1024;
    },
  },
  ...journalBenchmarks,
  ...changeLogBenchmarks,
  ...timetableBenchmarks,
  ...substitutionBenchmarks,
  ...backupBenchmarks,
  ...schoolBenchmarks,
  ...reportBenchmarks,
  ...syncShareBenchmarks,
  ...syncBenchmarks,
  ...screenBenchmarks,
  ...moveBenchmarks,
  ...mailBenchmarks,
];


function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export async function runBenchmarks(names: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<void> {
  // A name selects that benchmark, or a family of them: `screen_open_ms` runs every `screen_open_ms:<screen>`.
  const matches = (b: Benchmark, n: string) => b.name === n || b.name.startsWith(`${n}:`);
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => matches(b, n)));
  if (unknown.length > 0) throw new Error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  const selected = names.length > 0 ? BENCHMARKS.filter((b) => names.some((n) => matches(b, n))) : BENCHMARKS;
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-bench-'));
  const log = (m: string) => process.stderr.write(`${m}\n`);
  let fixture: Promise<string> | null = null;
  let copies = 0;
  const ctx: BenchContext = {
    tmpDir,
    log,
    demoFile() {
      fixture ??= (async () => {
        const file = path.join(tmpDir, 'demo-fixture.sqlite');
        log(`generating the demo fixture (seed ${BENCH_SEED}, ${BENCH_YEAR}) …`);
        await generateDemoSchool({ file, password: BENCH_PASSWORD, seed: BENCH_SEED, yearStart: BENCH_YEAR, today: BENCH_TODAY });
        checkpoint(file);
        return file;
      })();
      return fixture;
    },
    async demoCopy() {
      const source = await ctx.demoFile();
      const copy = path.join(tmpDir, `demo-copy-${++copies}.sqlite`);
      fs.copyFileSync(source, copy);
      return copy;
    },
  };
  try {
    for (const b of selected) {
      const values: number[] = [];
      for (let i = 0; i < b.runs; i++) {
        const v = await b.run(ctx);
        log(`${b.name} run ${i + 1}/${b.runs}: ${round(v)} ${b.unit}`);
        values.push(v);
      }
      out(JSON.stringify({ name: b.name, value: round(median(values)), unit: b.unit }));
    }
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.includes('--list')) {
    for (const b of BENCHMARKS) console.log(`${b.name}\t${b.unit}\t${b.runs} run(s)`);
  } else {
    runBenchmarks(args.filter((a) => !a.startsWith('--'))).catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    });
  }
}
