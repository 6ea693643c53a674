// The unit suite again, on PostgreSQL, when PG_URL names a server (CI starts
// one on 127.0.0.1). Without PG_URL it says so and passes: SQLite is the default.
import { spawnSync } from 'node:child_process';

if (!process.env.PG_URL) {
  console.log('PostgreSQL suite skipped: PG_URL is not set (see .ci/postgres.sh).');
  process.exit(0);
}
const result = spawnSync('npx', ['vitest', 'run'], { stdio: 'inherit', env: { ...process.env, KZ_SUITE: 'postgres' } });
process.exit(result.status ?? 1);
