/**
 * The second program of write-lock.test.ts: a core runtime of its own (its
 * own data folder and computer id) on the parent's SQLite file, logged in as
 * the administrator, saving a setting `count` times as fast as it can while
 * the parent does the same. Prints «ready» after logging in and, at the end,
 * one JSON line with the errors its calls answered.
 *   tsx write-lock-child.ts <dbFile> <dataDir> <password> <count>
 */
import { CoreRuntime } from '../../../main/core/host/runtime';

async function main(): Promise<void> {
  const [file, dataDir, password, count] = process.argv.slice(2);
  const runtime = await CoreRuntime.open({ db: { kind: 'sqlite', file }, dataDir, log: { info() {}, error() {} } });
  const login = await runtime.call({ method: 'auth.login', params: { login: 'admin', password } });
  if (!login.ok) throw new Error(login.error.message);
  const token = (login.value as { token: string }).token;
  process.stdout.write('ready\n');
  const errors: unknown[] = [];
  for (let i = 0; i < Number(count); i++) {
    const r = await runtime.call({ method: 'settings.set', params: { key: 'school.shortName', value: `Школа № ${i}` }, token });
    if (!r.ok) errors.push(r.error);
  }
  await runtime.close();
  process.stdout.write(`${JSON.stringify({ errors })}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
