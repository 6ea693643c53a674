import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { AppError } from '../../shared/errors';
import { systemClock, type Clock } from '../../shared/clock';
import { errnoOf } from './share-errors';
import { tempName, ShareFs } from './share-fs';
import type { ProbeResult, ProbeStep } from './types';

/**
 * The folder test of the settings screen: write, read back, rename and
 * delete a probe file, timing each step, with a Russian verdict per step.
 * It needs no key, so it can check a folder before the school is created
 * there. The probe file has a temporary name, which every reader ignores.
 */

/** A step slower than this gets a warning: sync will work, but slowly. */
const SLOW_MS = 2000;

function explain(e: unknown, action: string): { message: string; errno?: string } {
  if (e instanceof AppError) {
    const errno = typeof e.details?.errno === 'string' ? e.details.errno : undefined;
    if (e.code === 'SYNC_OFFLINE') return { message: `Нет связи с папкой: ${action} не удалось${errno ? ` (${errno})` : ''}.`, errno };
    if (e.code === 'SYNC_READ_ONLY') return { message: `Нет прав: ${action} не удалось. Нужны права на запись, переименование и удаление файлов в этой папке.`, errno };
    if (e.code === 'SYNC_NO_SPACE') return { message: `На диске с папкой нет места: ${action} не удалось.`, errno };
    return { message: `${action[0].toUpperCase()}${action.slice(1)} не удалось: ${e.message}`, errno };
  }
  const errno = errnoOf(e) ?? undefined;
  return { message: `${action[0].toUpperCase()}${action.slice(1)} не удалось${errno ? ` (${errno})` : ''}.`, errno };
}

export async function probeFolder(root: string, options: { clock?: Clock; timeoutMs?: number; bytes?: number } = {}): Promise<ProbeResult> {
  const clock = options.clock ?? systemClock;
  const share = new ShareFs(path.resolve(root), options.timeoutMs ?? 30_000);
  const steps: ProbeStep[] = [];
  let clockOffsetMs: number | null = null;
  const payload = crypto.randomBytes(options.bytes ?? 64 * 1024);
  const first = tempName(`kz-probe-${crypto.randomBytes(3).toString('hex')}`);
  const second = tempName(`kz-probe-${crypto.randomBytes(3).toString('hex')}`);

  async function step(name: ProbeStep['step'], action: string, ok: string, run: () => Promise<string | null>): Promise<boolean> {
    const started = performance.now();
    try {
      const problem = await run();
      const ms = Math.round(performance.now() - started);
      const slow = ms > SLOW_MS ? ` Папка отвечает медленно (${ms} мс): синхронизация будет идти с задержкой.` : '';
      steps.push({ step: name, ok: problem === null, ms, message: problem ?? `${ok} (${ms} мс).${slow}` });
      return problem === null;
    } catch (e) {
      steps.push({ step: name, ok: false, ms: Math.round(performance.now() - started), ...explain(e, action) });
      return false;
    }
  }

  const passed =
    (await step('folder', 'открыть папку', 'Папка открывается', async () => {
      await share.rootState();
      return null;
    })) &&
    (await step('write', 'записать файл', 'Файл записывается', async () => {
      await share.writeAtomic(first, payload);
      const facts = await share.stat(first);
      if (facts) clockOffsetMs = Math.round(clock.now().getTime() - facts.mtimeMs);
      return facts ? null : 'Записанный файл не виден в папке: папка ненадёжна для синхронизации.';
    })) &&
    (await step('read', 'прочитать файл', 'Файл читается, содержимое совпадает', async () => {
      const read = await share.read(first, payload.length * 2);
      if (!read) return 'Записанный файл не удалось найти при чтении: папка ненадёжна для синхронизации.';
      return read.data.equals(payload) ? null : 'Прочитано не то, что было записано: папка ненадёжна для синхронизации.';
    })) &&
    (await step('rename', 'переименовать файл', 'Файл переименовывается', async () => {
      await share.rename(first, second);
      const [was, now] = [await share.stat(first), await share.stat(second)];
      return !was && now?.size === payload.length ? null : 'После переименования файл оказался не там: папка ненадёжна для синхронизации.';
    })) &&
    (await step('delete', 'удалить файл', 'Файл удаляется', async () => {
      await share.remove(second);
      return (await share.stat(second)) ? 'Удалённый файл остался в папке.' : null;
    }));

  // Whatever failed, leave no probe file behind (best effort: the folder may be gone).
  for (const name of [first, second]) await fs.promises.rm(share.abs(name), { force: true }).catch(() => undefined);

  const total = steps.reduce((sum, s) => sum + s.ms, 0);
  return {
    ok: passed,
    steps,
    clockOffsetMs,
    message: passed
      ? `Папка подходит для синхронизации: запись, чтение, переименование и удаление работают (всего ${total} мс).`
      : `Папка не подходит для синхронизации. ${steps.find((s) => !s.ok)?.message ?? ''}`,
  };
}
