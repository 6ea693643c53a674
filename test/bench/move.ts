import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Benchmark } from './run';
import { CoreRuntime } from '../../main/core/host/runtime';
import { moveDatabase } from '../../main/core/move/move';

/**
 * move_to_postgres_s: the demo school moved from its SQLite file to a
 * PostgreSQL schema of its own (main/core/move/) — the connection test, every
 * table copied in one transaction, every table read back and compared, the
 * switch — as the administrator's «Перенести» does it (target < 60 s). Needs
 * a server: PG_URL (as the PostgreSQL test suite); without one it reports
 * nothing and says so.
 */
export const moveBenchmarks: Benchmark[] = [
  {
    name: 'move_to_postgres_s',
    unit: 's',
    runs: 1,
    async run(ctx) {
      const url = process.env.PG_URL;
      if (!url) {
        ctx.log('  move_to_postgres_s: PG_URL is not set (a PostgreSQL server is needed): not measured');
        return Number.NaN;
      }
      const file = await ctx.demoCopy();
      const dataDir = fs.mkdtempSync(path.join(ctx.tmpDir, 'move-'));
      const schema = `bench_${crypto.randomBytes(5).toString('hex')}`;
      const runtime = await CoreRuntime.open({ db: { kind: 'sqlite', file }, dataDir, log: { info: () => {}, error: console.error } });
      try {
        const started = performance.now();
        const outcome = await runtime.serialize(() =>
          moveDatabase(runtime, { kind: 'postgres', url, schema }, { origin: { userId: null, method: 'bench.move' }, by: null }),
        );
        const seconds = (performance.now() - started) / 1000;
        ctx.log(`  moved ${outcome.tables} tables, ${outcome.rows} rows`);
        return seconds;
      } finally {
        await runtime.close();
        const admin = new DataSource({ type: 'postgres', url });
        await admin.initialize();
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.destroy();
      }
    },
  },
];
