import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// CI collects a JSON report per suite (SQLite, PostgreSQL) to sum them up.
const reportDir = process.env.KZ_TEST_REPORT_DIR;
const suite = process.env.KZ_SUITE ?? 'sqlite';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Vitest's default leaves a core free, which on CI's two cores means one file at a time; the tests
    // spend much of their time on disk and in child processes (backups, kills, PostgreSQL), so two run well.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The SQLite suite stays on SQLite where PG_URL is set (CI sets it for the PostgreSQL run, test/ci/run-pg.mjs).
    env: suite === 'postgres' ? {} : { PG_URL: '' },
    reporters: reportDir ? ['default', 'json'] : ['default'],
    outputFile: reportDir ? { json: `${reportDir}/unit-${suite}.json` } : undefined,
  },
});
