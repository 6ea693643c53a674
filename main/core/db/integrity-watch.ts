import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { CoreRuntime } from '../host/runtime';
import { writeFileAtomic } from '../backup/files';
import { checkInWorker } from './sqlite-check';

/**
 * The full integrity check of the live database, when nobody is using the
 * program (issue 17, item 4). The check on opening is bounded to seconds;
 * this one reads every page (`PRAGMA integrity_check`), on its own read-only
 * connection in a worker, so calls are never held. At most once a day, after
 * `idleMs` without calls. The result is kept in `<dataDir>/integrity.json`;
 * a damaged database is shown to the administrator with the backup status.
 */
export const integrityStateSchema = z.object({
  checkedAt: z.string(),
  ok: z.boolean(),
  problems: z.array(z.string()),
});
export type IntegrityState = z.infer<typeof integrityStateSchema>;

export function integrityStateFile(dataDir: string): string {
  return path.join(dataDir, 'integrity.json');
}

export function readIntegrityState(dataDir: string): IntegrityState | null {
  try {
    const parsed = integrityStateSchema.safeParse(JSON.parse(fs.readFileSync(integrityStateFile(dataDir), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface IntegrityWatchOptions {
  /** How long without calls counts as idle (default 10 minutes). */
  idleMs?: number;
  /** How often the check runs at most (default a day). */
  everyMs?: number;
  /** How often to look (default a minute). */
  intervalMs?: number;
  /** A check may take this long (default 10 minutes: a large school on a slow disk). */
  timeoutMs?: number;
  /** Real time, for idleness (the app's clock may be fixed in tests and demos). */
  now?: () => number;
}

export class IntegrityWatch {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<IntegrityState | null> | null = null;

  constructor(
    private readonly runtime: CoreRuntime,
    private readonly opts: IntegrityWatchOptions = {},
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs ?? 60_000);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Runs the check if the program has been idle long enough and the last one is old enough; the result, or null. */
  async tick(): Promise<IntegrityState | null> {
    if (this.running) return null;
    const db = this.runtime.dbConfig;
    if (db.kind !== 'sqlite') return null;
    const now = (this.opts.now ?? Date.now)();
    if (now - this.runtime.lastCallAt < (this.opts.idleMs ?? 10 * 60_000)) return null;
    const last = readIntegrityState(this.runtime.dataDir);
    if (last && now - Date.parse(last.checkedAt) < (this.opts.everyMs ?? 24 * 3_600_000)) return null;
    this.running = this.check(db.file, now);
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  private async check(file: string, now: number): Promise<IntegrityState | null> {
    const outcome = await checkInWorker(file, { pragma: 'integrity_check(20)', timeoutMs: this.opts.timeoutMs ?? 10 * 60_000, readonly: true });
    if (outcome.status === 'unknown') {
      this.runtime.log.info(`Полная проверка базы данных не завершена: ${outcome.reason}`);
      return null;
    }
    const state: IntegrityState = {
      checkedAt: new Date(now).toISOString(),
      ok: outcome.status === 'ok',
      problems: outcome.status === 'ok' ? [] : outcome.problems,
    };
    writeFileAtomic(integrityStateFile(this.runtime.dataDir), JSON.stringify(state, null, 2));
    if (!state.ok) this.runtime.log.error('Полная проверка нашла повреждения базы данных', state.problems);
    return state;
  }
}
