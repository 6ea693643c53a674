import { writeTransaction } from '../../db/write-transaction';
import type { CoreRuntime } from '../../host/runtime';
import { DataSetEntity } from '../../db/entities/system';
import { SyncConflictEntity } from '../../db/entities/sync';
import { AppError } from '../../shared/errors';
import { IsNull } from 'typeorm';
import { SharedFolder, type LockOptions, type RetryPolicy } from '../share';
import type { KdfCost } from '../share/kdf';
import type { ComputerEntry, ShareStatus, SuspectReason, VerifyReport } from '../share/types';
import { lastRecordedSeq, markWritten, pendingRecords, rebuildBatch, setBaseline, takeNextBatch } from '../outbox';
import { applyOneBatch, readCursors, type BatchOutcome } from '../merge/run';
import { hasSyncConfig, loadSyncConfig, removeSyncConfig, saveSyncConfig, type SyncConfig } from './config';
import { joinFromSnapshot, publishSnapshotNow } from './snapshot';
import type { SyncFolderDto, SyncState, SyncStatusDto } from './status';
import { PROGRAM_VERSION } from './version';
import { stateMessage, clockWarningOf } from './messages';

/**
 * Sync of one runtime's database with the school's shared folder
 * (sync/README.md «The service»). One per runtime: the long-lived hosts
 * start it, the CLI drives it directly. A cycle exports this computer's
 * batches, applies the others', and writes this computer's file; the share's
 * I/O never runs on the core's queue, only each transaction does. Call its
 * methods from outside the queue (not from a method's handler: they would
 * wait for themselves) — methods use `request…`, which only start work.
 */

export interface SyncServiceOptions {
  /** How often a cycle runs without a change here (ms). */
  pollMs?: number;
  /** How long after a committed change the cycle waits for more (ms). */
  debounceMs?: number;
  /** Passed to the folder (tests shorten them). */
  timeoutMs?: number;
  retry?: RetryPolicy;
  lock?: Partial<LockOptions>;
  pruneGraceMs?: number;
}

export interface CycleReport {
  state: SyncState;
  exported: number[];
  applied: BatchOutcome[];
}

/** A poll every few seconds: a mark saved on one computer shows on another within the share's own delays. */
const DEFAULTS = { pollMs: 3_000, debounceMs: 1_000 };
/** How old the newest shared database file may get before a computer makes another. */
const SNAPSHOT_EVERY_MS = 24 * 60 * 60_000;

export class SyncService {
  private static readonly services = new WeakMap<CoreRuntime, SyncService>();

  /** The service of a runtime (made on first use, with `options` then). */
  static for(runtime: CoreRuntime, options: SyncServiceOptions = {}): SyncService {
    let s = SyncService.services.get(runtime);
    if (!s) SyncService.services.set(runtime, (s = new SyncService(runtime, options)));
    return s;
  }

  private folder: SharedFolder | null = null;
  private config: SyncConfig | null = null;
  private state: SyncState = 'off';
  private detail: string | null = null;
  private lastSyncAt: string | null = null;
  private received = 0;
  private lastError: string | null = null;
  private clockWarning: string | null = null;
  private task: string | null = null;
  private lastSnapshotTry = 0;
  private names = new Map<string, string>();
  private computers: ComputerEntry[] = [];
  private running: Promise<CycleReport> | null = null;
  private again = false;
  private poll: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private background: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly runtime: CoreRuntime,
    private readonly options: SyncServiceOptions,
  ) {}

  /** Starts the polls and the reaction to committed changes; the first cycle soon after. */
  start(): void {
    if (this.poll) return;
    const pollMs = this.options.pollMs ?? DEFAULTS.pollMs;
    this.poll = setInterval(() => this.request(), pollMs);
    this.poll.unref();
    this.unsubscribe = this.runtime.onWrite(() => this.requestSoon());
    this.request();
  }

  async stop(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    if (this.debounce) clearTimeout(this.debounce);
    this.poll = this.debounce = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.running?.catch(() => undefined);
    await this.background.catch(() => undefined);
  }

  /**
   * When the program closes: one last cycle, so that what was typed in its
   * last second goes too, waited for at most `boundMs` (an unreachable
   * folder must not hold the window open; what is not sent stays here and
   * goes at the next start). Then the polls stop.
   */
  async closing(boundMs = 5_000): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.poll) clearInterval(this.poll);
    if (this.debounce) clearTimeout(this.debounce);
    this.poll = this.debounce = null;
    if (this.runtime.dbConfig.kind === 'postgres' || !hasSyncConfig(this.runtime.dataDir)) return;
    let timer: NodeJS.Timeout | null = null;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, boundMs)));
    await Promise.race([this.syncNow().then(() => undefined, () => undefined), bound]);
    if (timer) clearTimeout(timer);
  }

  /** A cycle after the debounce: many saves in a row make one cycle. */
  requestSoon(): void {
    if (!hasSyncConfig(this.runtime.dataDir)) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.request();
    }, this.options.debounceMs ?? DEFAULTS.debounceMs);
    this.debounce.unref();
  }

  /** A cycle now, not waited for (for methods: the status shows its progress). */
  request(): void {
    void this.syncNow().catch((e) => this.runtime.log.error('sync cycle failed', e));
  }

  /** Runs a cycle (or joins the running one and runs one more after it), and waits for it. */
  syncNow(): Promise<CycleReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.cycle().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.request();
      }
    });
    return this.running;
  }

  // ───────────────────────── the status ─────────────────────────

  async status(): Promise<SyncStatusDto> {
    const db = this.runtime.database().manager;
    const postgres = this.runtime.dbConfig.kind === 'postgres';
    const configured = hasSyncConfig(this.runtime.dataDir);
    const pending = postgres || !configured ? 0 : await pendingRecords(db, this.runtime.changes.computerId);
    const openConflicts = await db.count(SyncConflictEntity, { where: { settledAt: IsNull(), deletedAt: IsNull() } });
    const state: SyncState = postgres ? 'postgres' : !configured ? 'off' : this.state === 'off' ? 'starting' : this.state;
    return {
      state,
      message: stateMessage(state, pending, this.detail, this.lastSyncAt, this.runtime.clock.now()),
      pending,
      running: this.running !== null,
      lastSyncAt: this.lastSyncAt,
      received: this.received,
      lastError: this.lastError,
      clockWarning: this.clockWarning,
      openConflicts,
      quarantined: this.folder?.quarantined().length ?? 0,
      task: this.task,
    };
  }

  async folderInfo(): Promise<SyncFolderDto> {
    const me = this.runtime.changes.computerId;
    const config = this.loadConfig();
    const cursors = await readCursors(this.runtime);
    return {
      configured: config !== null,
      root: config?.root ?? null,
      computerName: config?.computerName ?? '',
      computerId: me,
      keyStorage: config?.keyStorage ?? null,
      folderFormat: this.folder?.folderFormat ?? null,
      computers: this.computers.map((c) => ({
        computerId: c.computerId,
        self: c.computerId === me,
        state: c.state,
        name: c.state === 'ok' ? c.record.name : null,
        programVersion: c.state === 'ok' ? c.record.programVersion : null,
        lastSeen: c.state === 'ok' ? c.record.lastSeen : null,
        clockOffsetMs: c.state === 'ok' ? c.record.clockOffsetMs : null,
        lastSeq: c.state === 'ok' ? c.record.lastSeq : null,
        appliedSeq: cursors[c.computerId] ?? 0,
      })),
      quarantined: this.folder?.quarantined() ?? [],
    };
  }

  // ───────────────────────── setting up ─────────────────────────

  /**
   * Makes the school's shared folder from this computer's database, and the
   * first shared database file. `inQueue`: called from a method's handler
   * (already on the core's queue); then the folder is made and checked at
   * once, and the rest (the shared database file, the first cycle) runs in
   * the background, shown by the status. Otherwise all of it is waited for.
   */
  async create(input: { root: string; passphrase: string; computerName: string; kdfCost?: KdfCost }, opts: { inQueue?: boolean } = {}): Promise<void> {
    this.refuseOnPostgres();
    const dataSetId = await this.dataSetId();
    if (!dataSetId) throw new AppError('SETUP_REQUIRED', 'Сначала создайте школу на этом компьютере, затем общую папку.');
    const folder = await SharedFolder.create({ ...this.folderOptions(input.root, input.computerName), passphrase: input.passphrase, dataSetId, kdfCost: input.kdfCost });
    const baseline = () => writeTransaction(this.runtime.database(), (em) => setBaseline(em, this.runtime.clock.now().toISOString()));
    await (opts.inQueue ? baseline() : this.runtime.serialize(baseline));
    this.adopt(folder, input.root, input.computerName, dataSetId);
    await this.finish(opts, async () => {
      await this.withTask('Создание общей базы школы в общей папке…', () => publishSnapshotNow(this.runtime, folder));
      await this.syncNow();
    });
  }

  /**
   * Joins this computer to the school's folder: with no school here yet, it
   * starts from the shared database file; with this school's database, it
   * keeps it and exchanges the rest; another school's is refused. The
   * passphrase and the folder are checked at once; `inQueue` as for create.
   */
  async join(input: { root: string; passphrase: string; computerName: string }, opts: { inQueue?: boolean } = {}): Promise<void> {
    this.refuseOnPostgres();
    const dataSetId = await this.dataSetId();
    const folder = await SharedFolder.open({ ...this.folderOptions(input.root, input.computerName), passphrase: input.passphrase, dataSetId: dataSetId ?? undefined });
    await folder.writeComputerFile({ readThrough: await readCursors(this.runtime) });
    this.adopt(folder, input.root, input.computerName, folder.dataSetId);
    await this.finish(opts, async () => {
      if (!dataSetId) {
        await this.withTask('Загрузка общей базы школы…', () => joinFromSnapshot(this.runtime, folder));
        this.received++;
      }
      await this.syncNow();
    });
  }

  /** The rest of a set-up: waited for, or (from a method, on the core's queue) run in the background. */
  private async finish(opts: { inQueue?: boolean }, rest: () => Promise<void>): Promise<void> {
    if (!opts.inQueue) return rest();
    this.background = this.background.then(rest).catch((e) => this.fail(e));
  }

  /** Stops syncing on this computer; its data and the folder stay as they are. */
  async disconnect(): Promise<void> {
    await this.running?.catch(() => undefined);
    removeSyncConfig(this.runtime.dataDir);
    this.folder = null;
    this.config = null;
    this.state = 'off';
    this.detail = null;
  }

  /** Makes and publishes the shared database file, then prunes: waited for (CLI) or started (methods). */
  async snapshot(): Promise<{ gen: number; pruned: number; bytes: number; lockMs: number }> {
    const folder = await this.openFolder();
    const { info, prune, lockMs } = await this.withTask('Создание общей базы школы в общей папке…', () => publishSnapshotNow(this.runtime, folder));
    return { gen: info.gen, pruned: prune.removed.length, bytes: info.bytes, lockMs };
  }

  requestSnapshot(): void {
    this.background = this.background.then(() => this.snapshot()).catch((e) => this.fail(e));
  }

  async verify(): Promise<VerifyReport> {
    return (await this.openFolder()).verify();
  }

  async releaseQuarantined(id: string): Promise<boolean> {
    return (await this.openFolder()).releaseQuarantined(id);
  }

  /** The folder's state now, without syncing (the command line's `sync status`): nothing is written. */
  async refresh(): Promise<void> {
    if (this.runtime.dbConfig.kind === 'postgres' || !hasSyncConfig(this.runtime.dataDir)) return;
    try {
      const folder = await this.openFolder();
      const status = await folder.status();
      if (status.state === 'ok') {
        this.computers = await folder.listComputers();
        const own = this.computers.find((c) => c.computerId === this.runtime.changes.computerId);
        if (own?.state === 'ok') this.lastSyncAt ??= own.record.lastSeen;
      }
      const state: SyncState = status.state === 'suspect' ? 'suspect' : status.state;
      this.settle({ state: 'off', exported: [], applied: [] }, state, status.state === 'suspect' ? suspectText(status.reasons) : status.state === 'ok' ? null : status.message);
    } catch (e) {
      this.settle({ state: 'off', exported: [], applied: [] }, ...this.classify(e));
    }
  }

  // ───────────────────────── the cycle ─────────────────────────

  private async cycle(): Promise<CycleReport> {
    const report: CycleReport = { state: 'off', exported: [], applied: [] };
    if (this.runtime.dbConfig.kind === 'postgres' || !hasSyncConfig(this.runtime.dataDir)) return report;
    try {
      const config = this.loadConfig();
      if (!config) return report;
      if ((await this.dataSetId()) !== config.dataSetId) {
        return this.settle(report, 'off', 'Открыта другая база данных (например, демонстрационная школа): синхронизация с общей папкой приостановлена.');
      }
      const folder = await this.openFolder();
      const status = await folder.status();
      if (status.state === 'offline') return this.settle(report, 'offline', status.message);
      if (status.state === 'suspect') {
        if (!(await this.rewriteOwnMissing(folder, status.reasons))) return this.settle(report, 'suspect', suspectText(status.reasons));
      }
      if ((await this.runtime.serialize(() => lastRecordedSeq(this.runtime.database().manager))) < folder.lastWrittenSeq) {
        return this.settle(
          report,
          'suspect',
          'База данных этого компьютера старее, чем его изменения в общей папке (восстановлена из копии или заменена). Синхронизация остановлена, чтобы ничего не потерять: обратитесь к администратору.',
        );
      }
      if (folder.canWrite) report.exported = await this.exportAll(folder);
      report.applied = await this.importAll(folder);
      const cursors = await readCursors(this.runtime);
      if (folder.canWrite) {
        const record = await folder.writeComputerFile({ readThrough: cursors });
        this.clockWarning = clockWarningOf(record.clockOffsetMs, report.applied.find((a) => a.clockWarning)?.clockWarning ?? null, this.computers, this.runtime.changes.computerId);
      }
      this.lastSyncAt = this.runtime.clock.now().toISOString();
      this.lastError = null;
      if (folder.canWrite) await this.snapshotWhenDue(folder);
      return this.settle(report, folder.canWrite ? 'ok' : 'needs-update', null);
    } catch (e) {
      return this.settle(report, ...this.classify(e));
    }
  }

  /**
   * Once a day some computer makes a new shared database file (whichever
   * gets the lock first; the others find a fresh one and skip): a computer
   * joining later starts from it instead of a year of batches, and batches
   * every computer has read can be pruned. In the background; a busy lock is
   * no failure.
   */
  private async snapshotWhenDue(folder: SharedFolder): Promise<void> {
    const now = this.runtime.clock.now().getTime();
    if (Math.abs(now - this.lastSnapshotTry) < SNAPSHOT_EVERY_MS) return;
    this.lastSnapshotTry = now;
    const latest = await folder.latestSnapshot();
    if (latest && now - Date.parse(latest.createdAt) < SNAPSHOT_EVERY_MS) return;
    this.background = this.background
      .then(() => this.snapshot())
      .catch((e) => {
        if (!(e instanceof AppError && e.code === 'SYNC_LOCK_BUSY')) this.fail(e);
      });
  }

  private async exportAll(folder: SharedFolder): Promise<number[]> {
    const me = this.runtime.changes.computerId;
    const written: number[] = [];
    for (;;) {
      const next = await this.runtime.serialize(() => writeTransaction(this.runtime.database(), (em) => takeNextBatch(em, me, this.runtime.clock.now().toISOString())));
      if (!next) return written;
      await folder.writeBatch(next.seq, next.changes);
      await this.runtime.serialize(() => writeTransaction(this.runtime.database(), (em) => markWritten(em, next.seq, this.runtime.clock.now().toISOString())));
      written.push(next.seq);
    }
  }

  private async importAll(folder: SharedFolder): Promise<BatchOutcome[]> {
    const applied: BatchOutcome[] = [];
    for (let round = 0; round < 1000; round++) {
      this.computers = await folder.listComputers();
      this.names = new Map(this.computers.filter((c) => c.state === 'ok').map((c) => [c.computerId, (c as { record: { name: string } }).record.name]));
      const result = await folder.readNewBatches(await readCursors(this.runtime));
      for (const batch of result.batches) {
        const outcome = await applyOneBatch(this.runtime, batch, (id) => this.names.get(id) ?? `компьютер ${id.slice(0, 8)}`);
        applied.push(outcome);
        // Each batch is committed on its own: a cycle that fails later has still changed the data open screens show.
        if (outcome.applied) {
          this.received++;
        }
      }
      if (result.behind.length) {
        throw new AppError(
          'SYNC_SHARE_SUSPECT',
          'Этот компьютер слишком долго не получал изменений других компьютеров: их пакеты уже удалены из общей папки. Подключите его к общей папке заново (администратор, Настройки → Общая папка).',
          { behind: result.behind },
        );
      }
      if (!result.more || result.batches.length === 0) break;
    }
    return applied;
  }

  /** Own batches the folder lost are written again from the record; false when something else is wrong too. */
  private async rewriteOwnMissing(folder: SharedFolder, reasons: SuspectReason[]): Promise<boolean> {
    if (!reasons.every((r) => r.kind === 'own-batches-missing')) return false;
    const me = this.runtime.changes.computerId;
    for (const r of reasons) {
      if (r.kind !== 'own-batches-missing') continue;
      for (const seq of r.seqs) {
        const changes = await this.runtime.serialize(() => rebuildBatch(this.runtime.database().manager, me, seq));
        if (!changes) return false;
        await folder.writeBatch(seq, changes);
      }
    }
    return (await folder.status()).state !== 'suspect';
  }

  // ───────────────────────── helpers ─────────────────────────

  private folderOptions(root: string, computerName: string) {
    return {
      root,
      computerId: this.runtime.changes.computerId,
      computerName,
      programVersion: PROGRAM_VERSION,
      dataDir: this.runtime.dataDir,
      clock: this.runtime.clock,
      timeoutMs: this.options.timeoutMs,
      retry: this.options.retry,
      lock: this.options.lock,
      pruneGraceMs: this.options.pruneGraceMs,
    };
  }

  private adopt(folder: SharedFolder, root: string, computerName: string, dataSetId: string): void {
    this.config = saveSyncConfig(this.runtime.dataDir, { root, computerName, dataSetId, key: folder.key, joinedAt: this.runtime.clock.now().toISOString() });
    this.folder = folder;
    this.state = 'starting';
  }

  private loadConfig(): SyncConfig | null {
    this.config ??= loadSyncConfig(this.runtime.dataDir);
    return this.config;
  }

  private async openFolder(): Promise<SharedFolder> {
    if (this.folder) return this.folder;
    const config = this.loadConfig();
    if (!config) throw new AppError('NOT_FOUND', 'Общая папка на этом компьютере не настроена (Настройки → Общая папка).');
    this.folder = await SharedFolder.open({ ...this.folderOptions(config.root, config.computerName), key: config.key, dataSetId: config.dataSetId });
    return this.folder;
  }

  private async dataSetId(): Promise<string | null> {
    return (await this.runtime.database().manager.findOne(DataSetEntity, { where: {} }))?.id ?? null;
  }

  private refuseOnPostgres(): void {
    if (this.runtime.dbConfig.kind === 'postgres') {
      throw new AppError('CONFLICT', 'Школа работает на сервере PostgreSQL: он и есть общая база всех компьютеров, общая папка не нужна.');
    }
  }

  private async withTask<T>(label: string, work: () => Promise<T>): Promise<T> {
    this.task = label;
    try {
      return await work();
    } finally {
      this.task = null;
    }
  }

  private settle(report: CycleReport, state: SyncState, detail: string | null): CycleReport {
    this.state = state;
    this.detail = detail;
    if (state === 'error' || state === 'suspect') this.lastError = detail;
    report.state = state;
    return report;
  }

  private classify(e: unknown): [SyncState, string] {
    if (e instanceof AppError) {
      if (e.code === 'SYNC_OFFLINE') return ['offline', e.message];
      if (e.code === 'SYNC_SHARE_SUSPECT') return ['suspect', e.details?.reasons ? suspectText(e.details.reasons as SuspectReason[]) : e.message];
      if (e.code === 'SYNC_NEEDS_UPDATE') return ['needs-update', e.message];
      return ['error', e.message];
    }
    this.runtime.log.error('sync failed', e);
    return ['error', 'Внутренняя ошибка синхронизации; изменения этого компьютера сохранены. Повторите позже; если ошибка повторится, сообщите администратору.'];
  }

  private fail(e: unknown): void {
    const [state, message] = this.classify(e);
    this.lastError = message;
    if (state !== 'error') this.state = state;
  }
}

/** The reasons a folder is suspect, in Russian. */
export function suspectText(reasons: SuspectReason[]): string {
  const parts = reasons.map((r) => {
    switch (r.kind) {
      case 'empty':
        return 'общая папка пуста (возможно, сетевой диск не подключён)';
      case 'school-file-missing':
        return 'в общей папке нет файла school.json';
      case 'school-file-replaced':
        return 'файл school.json в общей папке заменён';
      case 'batches-missing':
        return `пропали пакеты изменений другого компьютера (${r.seqs.length})`;
      case 'own-batches-missing':
        return `пропали пакеты изменений этого компьютера (${r.seqs.length})`;
      case 'snapshot-missing':
        return 'пропала общая база школы';
    }
  });
  return `Общая папка выглядит неправильно: ${parts.join('; ')}. Синхронизация остановлена, на этом компьютере ничего не удалено. Обратитесь к администратору.`;
}

export type { ShareStatus };
