import type { DataSource } from 'typeorm';
import type { ReadableDb } from '../db/readable';
import { Writer, type AuditOrigin } from '../write/writer';
import { ChangeSource } from '../write/change-source';
import { loadComputerIdentity } from '../changes/computer';
import { openDatabase, type DbConfig } from '../db/data-source';
import { writeTransaction } from '../db/write-transaction';
import { SessionStore } from '../auth/sessions';
import { CoreEvents } from './client-session';
import { systemClock, type Clock } from '../shared/clock';
import { AppError, type Result } from '../shared/errors';
import { dispatch, type Call } from '../registry/dispatch';
import { METHODS } from '../registry/methods';

/** A mutation or an operation: a call that may have committed a change. */
function mayWrite(method: string): boolean {
  const m = Object.hasOwn(METHODS, method) ? (METHODS as Record<string, { kind: string }>)[method] : undefined;
  return m !== undefined && m.kind !== 'query';
}

export interface Logger {
  info(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

export interface RuntimeOptions {
  db: DbConfig;
  /** The user's data folder: databases, backups, the app's own config. */
  dataDir: string;
  clock?: Clock;
  log?: Logger;
  /** Runs before pending migrations, so that a verified backup can be taken first. */
  beforeMigrate?: (config: DbConfig, pending: string[]) => Promise<void>;
  /** This computer's id; by default the one kept in the data folder (changes/computer.ts). */
  computerId?: string;
  /** Capturing changes for sync is always on; off only to measure its cost (`npm run bench`). */
  captureChanges?: boolean;
}

/**
 * The core as a host sees it: one open database, the sessions, the clock.
 * Every host (Electron's utility process, the browser host, the CLI, tests)
 * makes one runtime and sends it calls.
 */
export class CoreRuntime {
  readonly sessions = new SessionStore();
  readonly events = new CoreEvents();
  readonly clock: Clock;
  readonly log: Logger;
  readonly dataDir: string;
  /** When the last call came (real time): the idle full check waits for a quiet program. */
  lastCallAt = Date.now();
  /** This computer, its hybrid clock and the data set: what every captured change carries. */
  readonly changes: ChangeSource;
  private ds: DataSource | null = null;
  private config: DbConfig;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly writeListeners = new Set<() => void>();

  private constructor(private readonly options: RuntimeOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? console;
    this.dataDir = options.dataDir;
    this.config = options.db;
    const computerId = options.computerId ?? loadComputerIdentity(options.dataDir).id;
    this.changes = new ChangeSource(computerId, () => this.clock.now().getTime(), options.captureChanges ?? true);
  }

  static async open(options: RuntimeOptions): Promise<CoreRuntime> {
    const runtime = new CoreRuntime(options);
    await runtime.connect(options.db);
    return runtime;
  }

  async call(call: Call): Promise<Result<unknown>> {
    this.lastCallAt = Date.now();
    const result = await dispatch(this, call);
    if (result.ok && mayWrite(call.method)) for (const listener of this.writeListeners) listener();
    return result;
  }

  /** Calls `listener` after every call that may have committed a change (sync's debounce); returns the unsubscribe. */
  onWrite(listener: () => void): () => void {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
  }

  database(): DataSource {
    if (!this.ds) throw new AppError('INTERNAL', 'База данных не открыта.');
    return this.ds;
  }

  get dbConfig(): DbConfig {
    return this.config;
  }

  /**
   * Opens another database (the demo school, a restored copy, a PostgreSQL
   * server). Every session ends: nothing of one data set is seen in another —
   * unless `keepSessions`: the same school moved to another database
   * (move/), with the same accounts.
   */
  async switchDatabase(config: DbConfig, opts: { keepSessions?: boolean } = {}): Promise<void> {
    const previous = this.ds;
    this.ds = null;
    if (!opts.keepSessions) this.sessions.endAll();
    this.changes.reset();
    if (previous) await previous.destroy();
    await this.connect(config);
  }

  /**
   * A transaction with the Writer, for operations that manage their own
   * transactions (backups, the archive) and for the CLI: the same write
   * engine a mutation gets, and the write lock taken first as a mutation
   * takes it (db/write-transaction.ts).
   */
  async transact<T>(origin: AuditOrigin, work: (write: Writer, db: ReadableDb) => Promise<T>): Promise<T> {
    return writeTransaction(this.database(), (em) => work(new Writer(em, this.clock, origin, this.changes), em));
  }

  /** Runs tasks one at a time, in the order they came. */
  serialize<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    this.sessions.endAll();
    if (this.ds) await this.ds.destroy();
    this.ds = null;
  }

  private async connect(config: DbConfig): Promise<void> {
    this.ds = await openDatabase(config, {
      beforeMigrate: this.options.beforeMigrate ? (pending) => this.options.beforeMigrate!(config, pending) : undefined,
    });
    this.config = config;
  }
}
