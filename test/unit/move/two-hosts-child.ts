/**
 * One of two hosts on one PostgreSQL school (two-hosts.test.ts): a
 * computer of its own (its own data folder, its own core), logged in as a
 * teacher, typing cells of one journal page as fast as the core answers for
 * the given time. Every write the core acknowledged is printed as a JSON
 * line, and so is every refusal. With `stdin` for the seconds it writes the
 * cells it is told, one JSON line of stdin (`{ "studentId", "text" }`) each.
 *   tsx two-hosts-child.ts <pgUrl> <schema> <dataDir> <login> <password> <lessonId> <studentIds,…> <seconds|stdin> <name>
 */
import readline from 'node:readline';
import { CoreRuntime } from '../../../main/core/host/runtime';
import { fixedClock } from '../../../main/core/shared/clock';

const TEXTS = ['5', '4', '3', '2', '5/4', '4/4', 'н', 'оп', 'оп/5', ''];

async function main(): Promise<void> {
  const [url, schema, dataDir, login, password, lessonId, students, seconds, name] = process.argv.slice(2);
  // The school day of the small school's lessons, on both hosts.
  const runtime = await CoreRuntime.open({ db: { kind: 'postgres', url, schema }, dataDir, clock: fixedClock('2026-11-23T12:00:00.000Z'), log: { info() {}, error: (m: string, e?: unknown) => process.stderr.write(`${m} ${String(e)}\n`) } });
  const out = (o: object) => process.stdout.write(`${JSON.stringify({ host: name, ...o })}\n`);
  try {
    const logged = await runtime.call({ method: 'auth.login', params: { login, password } });
    if (!logged.ok) throw new Error(logged.error.message);
    const token = (logged.value as { token: string }).token;
    const write = async (n: number, studentId: string, text: string) => {
      const r = await runtime.call({ method: 'journal.setMarks', params: { entries: [{ lessonId, studentId, text }] }, token });
      if (!r.ok) return out({ refused: r.error.code, message: r.error.message, studentId, text, n });
      const result = (r.value as { results: ({ ok: true; cell: { marks: { id: string; value: string }[]; attendance: { code: string } | null } } | { ok: false; code: string; message: string })[] }).results[0];
      if (!result.ok) return out({ refused: result.code, message: result.message, studentId, text, n });
      out({ ack: n, studentId, text, marks: result.cell.marks.map((m) => ({ id: m.id, value: m.value })), attendance: result.cell.attendance?.code ?? null });
    };
    out({ ready: true });
    if (seconds === 'stdin') {
      let n = 0;
      for await (const line of readline.createInterface({ input: process.stdin })) {
        const command = JSON.parse(line) as { studentId: string; text: string };
        await write(n++, command.studentId, command.text);
      }
      return;
    }
    const ids = students.split(',');
    const until = Date.now() + Number(seconds) * 1000;
    for (let n = 0; Date.now() < until; n++) await write(n, ids[n % ids.length], TEXTS[(n * 7 + ids.length) % TEXTS.length]);
  } finally {
    await runtime.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
