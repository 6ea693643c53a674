import { defineConfig } from 'vitest/config';

// CI collects a JSON report per suite (SQLite, PostgreSQL) to sum them up.
const reportDir = process.env.KZ_TEST_REPORT_DIR;
const suite = process.env.KZ_SUITE ?? 'sqlite';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: reportDir ? ['default', 'json'] : ['default'],
    outputFile: reportDir ? { json: `${reportDir}/unit-${suite}.json` } : undefined,
  },
});
