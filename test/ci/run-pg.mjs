// The unit suite again, on PostgreSQL, when PG_URL names a server (CI starts
// one on 127.0.0.1). Without PG_URL it says so and passes: SQLite is the default.
//
// Only the test files that open a database through the shared test helpers
// run again: a pure formula or a file parser gives the same answer on either
// database, and the kill tests are about SQLite's own files. The selection
// follows each test file's relative imports, so a new test that uses the
// helpers is picked up without a list to keep.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DATABASE_HELPERS = ['test/support/runtime.ts', 'test/unit/db/helpers.ts'].map((f) => path.join(ROOT, f));

if (!process.env.PG_URL) {
  console.log('PostgreSQL suite skipped: PG_URL is not set (see .ci/postgres.sh).');
  process.exit(0);
}

/** Resolves `./x`, `./x.js`, `./x.ts` or `./x/index.ts` relative to `from`. */
function resolveImport(from, spec) {
  const base = path.resolve(path.dirname(from), spec.replace(/\.js$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const importsOf = new Map();
function relativeImports(file) {
  if (!importsOf.has(file)) {
    const text = fs.readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
    importsOf.set(file, specs.map((s) => resolveImport(file, s)).filter(Boolean));
  }
  return importsOf.get(file);
}

/** Does `file` reach one of the database helpers through test-side imports? */
function usesDatabase(file) {
  const seen = new Set();
  const stack = [file];
  while (stack.length > 0) {
    const current = stack.pop();
    if (DATABASE_HELPERS.includes(current)) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    // Only test code decides whether a test opens a database; product imports are not followed.
    for (const next of relativeImports(current)) if (next.startsWith(path.join(ROOT, 'test'))) stack.push(next);
  }
  return false;
}

function testFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const selected = testFiles(path.join(ROOT, 'test', 'unit'))
  .filter(usesDatabase)
  .map((f) => path.relative(ROOT, f));
console.log(`PostgreSQL suite: ${selected.length} test files that open a database.`);
const result = spawnSync('npx', ['vitest', 'run', ...selected], { stdio: 'inherit', env: { ...process.env, KZ_SUITE: 'postgres' } });
process.exit(result.status ?? 1);
