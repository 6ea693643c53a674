import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { syncCommand } from '../../../main/cli/sync';
import { acquireDataDirLock } from '../../../main/core/host/data-dir-lock';
import { SyncService } from '../../../main/core/sync/service/service';
import { CoreRuntime } from '../../../main/core/host/runtime';
import { createTestRuntime, TEST_PASSWORD } from '../../support/runtime';
import { buildSmallSchool } from '../../support/small-school';
import { LOWEST_COST, PASSPHRASE } from '../../support/sync-share';

/**
 * `klassny-zhurnal sync status | now | verify` on a data folder whose
 * computer is joined to a shared folder: what the administrator types on a
 * computer with no program running, and a refusal while the program runs.
 */

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tmp(label: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `kz-sync-cli-${label}-`));
  dirs.push(d);
  return d;
}

async function run(args: string[], values: Record<string, string>): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const code = await syncCommand.run(values, args);
  vi.restoreAllMocks();
  return { code, out: lines.join('\n') };
}

describe.skipIf(!!process.env.PG_URL)('the sync command line', () => {
  it('says the state, syncs now, verifies the folder; refuses to sync while the program holds the data folder', async () => {
    const dataDir = tmp('data');
    const root = tmp('share');
    const t = await createTestRuntime({ db: { kind: 'sqlite', file: path.join(dataDir, 'school.sqlite') } });
    const s = await buildSmallSchool(t);
    await t.close();
    // The computer was joined to the folder before (in the settings); its data folder keeps the key.
    const rt = await CoreRuntime.open({ db: { kind: 'sqlite', file: path.join(dataDir, 'school.sqlite') }, dataDir, log: { info: () => {}, error: () => {} } });
    await SyncService.for(rt, { lock: { settleMs: 20 }, pollMs: 3_600_000 }).create({ root, passphrase: PASSPHRASE, computerName: 'Учительская', kdfCost: LOWEST_COST });
    const token = (await rt.call({ method: 'auth.login', params: { login: 'ivanova.ap', password: TEST_PASSWORD } })) as { ok: true; value: { token: string } };
    await rt.call({ method: 'journal.setMarks', params: { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '5' }] }, token: token.value.token });
    await SyncService.for(rt).stop();
    await rt.close();

    const status = await run(['status'], { 'data-dir': dataDir });
    expect(status.code).toBe(0);
    expect(status.out).toContain('ждут отправки: 1; конфликтов: 0; файлов в карантине: 0');
    const now = await run(['now'], { 'data-dir': dataDir });
    expect(now).toMatchObject({ code: 0 });
    expect(now.out).toContain('отправлено пакетов: 1; получено: 0');
    expect((await run(['status'], { 'data-dir': dataDir })).out).toContain('ждут отправки: 0');
    const verify = await run(['verify'], { 'data-dir': dataDir });
    expect(verify.code).toBe(0);

    const held = acquireDataDirLock(dataDir, 'desktop');
    try {
      await expect(syncCommand.run({ 'data-dir': dataDir }, ['now'])).rejects.toMatchObject({ code: 'DATA_DIR_IN_USE' });
    } finally {
      held.release();
    }
    expect(await run(['bogus'], { 'data-dir': dataDir })).toMatchObject({ code: 2 });
  });
});
