import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { ShareContext } from './context';
import { LIMITS, LOCKS_DIR, parseLockName, rel } from './layout';
import { DEFAULT_CHUNK, newSalt, readJsonEnvelope, SealError, sealToJson } from './seal';
import { shareNow } from './share-clock';
import { openAt, pack } from './verdict';

/**
 * The exclusive lock for making the shared database file and pruning, by the
 * rules of Joplin's LockHandler (packages/lib/services/synchronizer/LockHandler.ts,
 * readme/dev/spec/sync_lock.md), adapted to a share whose listings may be
 * seconds stale and whose O_EXCL is not atomic across clients:
 *
 * - each computer writes its own file, `locks/exclusive_<computer>.json`,
 *   sealed, with when it first acquired the lock by the share's clock;
 * - a lock is active while its file's modification time (refreshed every
 *   `refreshMs`) is younger than `ttlMs`, both by the share's clock;
 * - to acquire: if another active lock exists, refuse; otherwise write ours,
 *   wait `settleMs` (longer than any client's directory cache), read all
 *   back; among active locks the oldest acquisition wins, ties by the lowest
 *   computer id; a loser removes its file;
 * - a lock that expired while held is lost for good: every later step under
 *   it throws SYNC_LOCK_EXPIRED and it is never silently re-acquired, since
 *   another computer may have taken over meanwhile.
 */

export interface LockOptions {
  ttlMs: number;
  refreshMs: number;
  /**
   * Wait between writing the lock and reading all locks back. Must exceed
   * `maxWriteMs` plus how late another client may see a new file (its
   * directory cache: Windows keeps 10 s), so that of two computers racing,
   * the later always sees the earlier's lock.
   */
  settleMs: number;
  /** The longest a lock file may take to be written after the time it claims; slower, the attempt is repeated. */
  maxWriteMs: number;
}

export const DEFAULT_LOCK: LockOptions = { ttlMs: 3 * 60_000, refreshMs: 60_000, settleMs: 15_000, maxWriteMs: 2_000 };

const contentSchema = z.object({ computerId: z.string(), name: z.string(), acquiredAt: z.number() }).strict();
type LockContent = z.infer<typeof contentSchema>;

export interface LockView extends LockContent {
  /** The file's modification time: when it was last written (refreshed). */
  updatedMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function writeLockFile(ctx: ShareContext, content: LockContent): Promise<void> {
  const header = { format: ctx.folderFormat, kind: 'lock' as const, dataSet: ctx.dataSet, computer: ctx.computerId, salt: newSalt(), chunk: DEFAULT_CHUNK };
  await ctx.share.mkdirp(LOCKS_DIR);
  await ctx.share.writeAtomic(rel.lock(ctx.computerId), await sealToJson(ctx.key, header, pack(Buffer.from(JSON.stringify(content)))));
}

/** Every lock file that authenticates; a forged or damaged one is not a lock (it cannot block anyone). */
export async function readLocks(ctx: ShareContext): Promise<LockView[]> {
  const locks: LockView[] = [];
  for (const name of await ctx.share.list(LOCKS_DIR, 'file')) {
    const computer = parseLockName(name);
    if (!computer) continue;
    const file = await ctx.share.read(`${LOCKS_DIR}/${name}`, LIMITS.smallFileBytes).catch((e) => {
      if (e instanceof AppError) throw e;
      return null; // too large: not ours
    });
    if (!file) continue;
    let envelope: ReturnType<typeof readJsonEnvelope>;
    try {
      envelope = readJsonEnvelope(file.data);
    } catch (e) {
      if (e instanceof SealError) continue;
      throw e;
    }
    const opened = openAt(ctx.key, { kind: 'lock', dataSet: ctx.dataSet, computer, folderFormat: ctx.folderFormat }, envelope.header, envelope.body, 64 * 1024);
    if (opened.ok !== true) continue;
    let json: unknown = null;
    try {
      json = JSON.parse(opened.value.toString('utf8'));
    } catch {
      continue;
    }
    const content = contentSchema.safeParse(json);
    if (!content.success || content.data.computerId !== computer) continue;
    locks.push({ ...content.data, updatedMs: file.mtimeMs });
  }
  return locks;
}

/** Active locks, the winner first: the oldest acquisition, ties by the lowest computer id (Joplin's order). */
export function activeLocks(locks: LockView[], shareNowMs: number, ttlMs: number): LockView[] {
  return locks
    .filter((l) => shareNowMs - l.updatedMs < ttlMs)
    .sort((a, b) => a.acquiredAt - b.acquiredAt || (a.computerId < b.computerId ? -1 : a.computerId > b.computerId ? 1 : 0));
}

function busy(holder: LockView | undefined): AppError {
  const who = holder ? `компьютер «${holder.name}»` : 'другой компьютер';
  return new AppError('SYNC_LOCK_BUSY', `Общую базу в общей папке сейчас обновляет ${who}. Повторите позже.`, {
    holder: holder?.computerId,
  });
}

function expired(): AppError {
  return new AppError(
    'SYNC_LOCK_EXPIRED',
    'Блокировка общей папки истекла во время работы (компьютер долго не отвечал или пропадала связь). Работа прервана, общая папка не испорчена; повторите позже.',
  );
}

export class ExclusiveLock {
  private lost: AppError | null = null;
  private released = false;
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;

  private constructor(
    private readonly ctx: ShareContext,
    private readonly options: LockOptions,
    readonly acquiredAt: number,
    /** performance.now() before the last successful write of the lock file. */
    private lastWrittenMono: number,
  ) {}

  static async acquire(ctx: ShareContext, options: LockOptions = DEFAULT_LOCK): Promise<ExclusiveLock> {
    for (let attempt = 1; ; attempt++) {
      const before = (await shareNow(ctx.share, ctx.computerId, ctx.clock)).now.getTime();
      const holder = activeLocks(await readLocks(ctx), before, options.ttlMs).find((l) => l.computerId !== ctx.computerId);
      if (holder) throw busy(holder);
      const acquiredAt = (await shareNow(ctx.share, ctx.computerId, ctx.clock)).now.getTime();
      const mono = performance.now();
      await writeLockFile(ctx, { computerId: ctx.computerId, name: ctx.computerName, acquiredAt });
      const written = (await shareNow(ctx.share, ctx.computerId, ctx.clock)).now.getTime();
      if (written - acquiredAt > options.maxWriteMs) {
        // The lock became visible too long after the time it claims: a computer that read the locks
        // meanwhile could not see it, and the order of acquisitions is not to be trusted. Step aside, retry.
        await ctx.share.remove(rel.lock(ctx.computerId)).catch(() => undefined);
        if (attempt >= 3) throw busy(undefined);
        continue;
      }
      await sleep(options.settleMs);
      const now = (await shareNow(ctx.share, ctx.computerId, ctx.clock)).now.getTime();
      const active = activeLocks(await readLocks(ctx), now, options.ttlMs);
      if (active[0]?.computerId !== ctx.computerId || active[0].acquiredAt !== acquiredAt) {
        // Lost the race, or our own lock could not be read back: step aside.
        await ctx.share.remove(rel.lock(ctx.computerId)).catch(() => undefined);
        throw busy(active.find((l) => l.computerId !== ctx.computerId));
      }
      const lock = new ExclusiveLock(ctx, options, acquiredAt, mono);
      lock.timer = setInterval(() => void lock.refresh(), options.refreshMs);
      lock.timer.unref();
      return lock;
    }
  }

  /** Lost when the time since the last refresh nears the ttl: others may already see it as stale (their listings lag by up to `settleMs`). */
  private expiredLocally(): boolean {
    return performance.now() - this.lastWrittenMono >= this.options.ttlMs - this.options.settleMs;
  }

  private lose(): AppError {
    this.lost ??= expired();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this.lost;
  }

  /**
   * Whether the share still shows this lock as the active one: ours there,
   * younger than the ttl by the share's clock, and no older lock beside it.
   * Checked before every refresh (as Joplin's refresh timer does), so that a
   * lock others saw expire is never written back to life.
   */
  private async stillOursOnShare(): Promise<boolean> {
    const now = (await shareNow(this.ctx.share, this.ctx.computerId, this.ctx.clock)).now.getTime();
    const locks = await readLocks(this.ctx);
    const mine = locks.find((l) => l.computerId === this.ctx.computerId && l.acquiredAt === this.acquiredAt);
    if (!mine || now - mine.updatedMs >= this.options.ttlMs) return false;
    const first = activeLocks(locks, now, this.options.ttlMs)[0];
    return first?.computerId === this.ctx.computerId && first.acquiredAt === this.acquiredAt;
  }

  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        if (this.lost || this.released) return;
        if (this.expiredLocally() || !(await this.stillOursOnShare())) {
          this.lose();
          return;
        }
        const mono = performance.now();
        await writeLockFile(this.ctx, { computerId: this.ctx.computerId, name: this.ctx.computerName, acquiredAt: this.acquiredAt });
        this.lastWrittenMono = mono;
      } catch {
        // Offline for a moment: the next refresh tries again; past the ttl the lock is lost.
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /**
   * Checks, before each step that matters (a rename into place, a removal),
   * that the lock is still ours: not expired by this computer's reckoning,
   * and on the share still active with no older lock beside it.
   */
  async assertHeld(): Promise<void> {
    if (this.released) throw new Error('the lock was released');
    if (this.lost) throw this.lost;
    if (this.expiredLocally()) throw this.lose();
    await this.refreshing;
    if (this.lost) throw this.lost;
    if (!(await this.stillOursOnShare())) throw this.lose();
    if (performance.now() - this.lastWrittenMono >= this.options.refreshMs) await this.refresh();
    if (this.lost) throw this.lost;
  }

  get isLost(): boolean {
    return this.lost !== null || (!this.released && this.expiredLocally());
  }

  /** Stops refreshing and removes this computer's lock file. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.refreshing;
    await this.ctx.share.remove(rel.lock(this.ctx.computerId));
  }
}
