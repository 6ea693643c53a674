import type { CoreRuntime } from '../host/runtime';
import { localTime } from '../shared/school-time';
import { addDays } from '../shared/dates';
import { loadBackupConfig, mainBackupDir } from './config';
import { scanBackups } from './catalog';
import type { BackupOutcome } from './make';
import { backupNow, changedSince, schoolTimeZone } from './service';

const ORIGIN = { userId: null, method: 'backup.schedule' };
/** After a failure, the next try waits this long (a full disk does not empty itself in a minute). */
const RETRY_AFTER_MS = 60 * 60_000;

/**
 * The daily backup at the set time (school time) and the backup on closing.
 * A host starts it after opening the runtime (`start()`) and calls
 * `onClose()` before closing the runtime. A day missed because the computer
 * was off is made up at the next start.
 */
export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private lastFailureAt = 0;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly runtime: CoreRuntime,
    private readonly opts: { intervalMs?: number; onError?: (e: unknown) => void } = {},
  ) {}

  start(): void {
    if (this.timer) return;
    const tick = () => void this.tick().catch((e) => (this.opts.onError ?? this.runtime.log.error)(e));
    this.timer = setInterval(tick, this.opts.intervalMs ?? 60_000);
    this.timer.unref?.();
    setTimeout(tick, 5_000).unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The daily backup if it is due; null when not. */
  async tick(): Promise<BackupOutcome | null> {
    if (this.running) return null;
    const now = this.runtime.clock.now();
    if (now.getTime() - this.lastFailureAt < RETRY_AFTER_MS) return null;
    const config = loadBackupConfig(this.runtime.dataDir);
    if (!config.dailyTime) return null;
    const tz = await this.runtime.serialize(() => schoolTimeZone(this.runtime));
    const lastAuto = scanBackups(mainBackupDir(this.runtime.dataDir)).find((e) => e.kind === 'auto' && e.integrityOk);
    if (!isDailyDue(now, config.dailyTime, tz, lastAuto?.createdAt ?? null)) return null;
    return this.run(() => backupNow(this.runtime, 'auto', ORIGIN));
  }

  /**
   * The backup when the program closes, unless nothing was written since the
   * newest verified backup. Call before `runtime.close()`.
   */
  async onClose(): Promise<BackupOutcome | null> {
    this.stop();
    if (this.running) await this.running.catch(() => undefined);
    const config = loadBackupConfig(this.runtime.dataDir);
    if (!config.onClose) return null;
    const newest = scanBackups(mainBackupDir(this.runtime.dataDir)).find((e) => e.integrityOk);
    return this.runtime.serialize(async () => {
      if (newest && !(await changedSince(this.runtime, newest.createdAt))) return null;
      return backupNow(this.runtime, 'on_close', ORIGIN);
    });
  }

  private async run(work: () => Promise<BackupOutcome>): Promise<BackupOutcome | null> {
    const task = this.runtime.serialize(work);
    this.running = task;
    try {
      return await task;
    } catch (e) {
      this.lastFailureAt = this.runtime.clock.now().getTime();
      throw e;
    } finally {
      this.running = null;
    }
  }
}

/**
 * Whether the daily backup is due: the latest scheduled moment not after now
 * (today's `dailyTime`, or yesterday's before it) is later than the last
 * automatic backup. Compared as local «YYYY-MM-DD HH:MM» strings.
 */
export function isDailyDue(now: Date, dailyTime: string, timeZone: string, lastAutoIso: string | null): boolean {
  const local = localTime(now, timeZone);
  const dueDate = local.time >= dailyTime ? local.date : addDays(local.date, -1);
  const due = `${dueDate} ${dailyTime}`;
  if (!lastAutoIso) return true;
  const last = localTime(new Date(lastAutoIso), timeZone);
  return `${last.date} ${last.time}` < due;
}

/** For the Electron shell: the backup on quit, given the runtime it closes. Never throws. */
export async function backupOnQuit(runtime: CoreRuntime, scheduler?: BackupScheduler): Promise<void> {
  try {
    await (scheduler ?? new BackupScheduler(runtime)).onClose();
  } catch (e) {
    runtime.log.error('Резервная копия при закрытии программы не создана', e);
  }
}
