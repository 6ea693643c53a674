import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { hostileFiles, type Expectation, type HostileFile } from '../../support/hostile-files';
import { readingNow } from '../../../main/core/files/read-in-worker';
import type { Result } from '../../../main/core/shared/errors';

/**
 * Issue 17: every file parser meets the hostile-file corpus. Each file goes
 * to every importer — a list's preview, a КТП, an aSc and a FET timetable —
 * and each must be answered in under 5 s (the brief's bound, measured here
 * as the user waits for it) with the file read or refused in Russian, never
 * an internal error; the core answers other calls while a file is read; and
 * the whole run stays within the memory bound of files/limits.ts.
 */

const FILES = hostileFiles();
/** The limits allow two readers of 192 MB heap each; the test process itself (vitest, the core, SQLite, the corpus in memory) is counted too. */
const PEAK_RSS_BOUND_MB = 1536;

type Importer = { name: string; kind: 'table' | 'timetable'; call: (t: TestRuntime, s: SmallSchool, f: HostileFile) => Promise<Result<unknown>> };

const base64 = (f: HostileFile) => f.bytes.toString('base64');
const IMPORTERS: Importer[] = [
  {
    name: 'import.preview',
    kind: 'table',
    call: (t, s, f) => t.runtime.call({ method: 'import.preview', params: { kind: 'staff', fileName: f.fileName, content: base64(f) }, token: s.tokens.deputy }),
  },
  {
    name: 'plans.parseFile',
    kind: 'table',
    call: (t, s, f) => t.runtime.call({ method: 'plans.parseFile', params: { yearId: s.yearId, fileName: f.fileName, contentBase64: base64(f) }, token: s.tokens.ivanova }),
  },
  ...(['asc', 'fet'] as const).map(
    (format): Importer => ({
      name: `timetableImport.preview (${format})`,
      kind: 'timetable',
      call: (t, s, f) =>
        t.runtime.call({ method: 'timetableImport.preview', params: { yearId: s.yearId, format, files: [{ fileName: f.fileName, contentBase64: base64(f) }] }, token: s.tokens.deputy }),
    }),
  ),
];

describe('the hostile-file corpus against every importer', () => {
  let t: TestRuntime;
  let school: SmallSchool;
  beforeAll(async () => {
    t = await createTestRuntime();
    school = await buildSmallSchool(t);
  }, 120_000);
  afterAll(() => t.close());

  for (const file of FILES) {
    it(file.what, async () => {
      for (const importer of IMPORTERS) {
        const started = performance.now();
        const result = await importer.call(t, school, file);
        const seconds = (performance.now() - started) / 1000;
        const label = `${file.fileName} → ${importer.name}`;
        expect(seconds, `${label}: answered in ${seconds.toFixed(1)} s`).toBeLessThan(5);
        const expected: Expectation | undefined = file[importer.kind];
        if (result.ok) {
          if (expected && 'refused' in expected) expect.fail(`${label} was read; it should be refused (${expected.refused})`);
          continue;
        }
        expect(result.error.code, `${label}: ${result.error.message}`).not.toBe('INTERNAL');
        // Russian, a sentence, nothing of a stack trace or an English exception.
        expect(result.error.message, label).toMatch(/^[А-ЯЁ«][^]*[.!»)]$/u);
        expect(result.error.message, label).not.toMatch(/\b(Error|undefined|null|NaN)\b/);
        if (expected && 'refused' in expected) expect(result.error.message, label).toMatch(expected.refused);
        if (expected && 'read' in expected) expect.fail(`${label} should be read, was refused: ${result.error.message}`);
      }
    }, 60_000);
  }

  it('answers everyone else while a hostile file is being read', async () => {
    const heavy = FILES.find((f) => f.fileName === 'heavy.xml')!;
    let importDone = false;
    const importing = t.runtime
      .call({ method: 'timetableImport.preview', params: { yearId: school.yearId, format: 'asc', files: [{ fileName: heavy.fileName, contentBase64: base64(heavy) }] }, token: school.tokens.deputy })
      .finally(() => (importDone = true));
    while (readingNow() === 0) await new Promise((r) => setTimeout(r, 5));
    // A public call and a teacher's query of the database, both through the core's queue.
    const status = await t.runtime.call({ method: 'auth.status', params: {} });
    const me = await t.runtime.call({ method: 'auth.me', params: {}, token: school.tokens.ivanova });
    expect(status.ok && me.ok).toBe(true);
    expect(importDone, 'the other calls were answered while the file was still being read').toBe(false);
    expect(readingNow()).toBe(1);
    const refused = await importing;
    expect(refused).toMatchObject({ ok: false, error: { code: 'FILE_REFUSED', message: expect.stringMatching(/памяти|секунд/) } });
    expect(readingNow()).toBe(0);
  }, 60_000);

  it(`keeps the process under ${PEAK_RSS_BOUND_MB} MB at its peak`, () => {
    const peakMb = process.resourceUsage().maxRSS / 1024;
    console.info(`hostile corpus: peak RSS ${Math.round(peakMb)} MB`);
    expect(peakMb).toBeLessThan(PEAK_RSS_BOUND_MB);
  });
});
