/**
 * The core's own process: an Electron utility process started by the main
 * process (core-bridge.ts). It opens the database and answers calls that
 * arrive on a MessagePort. The session token of each window stays here, in a
 * TokenSlot per window: neither the main process nor the renderer sees it.
 *
 * No `electron` import: a utility process is plain Node plus `process.parentPort`.
 */
import { CoreRuntime } from '../core/host/runtime';
import { type CoreEvent, type EventAudience, type TokenSlot } from '../core/host/client-session';
import { callHost } from '../core/host/host-call';
import fs from 'node:fs';
import path from 'node:path';
import { openHostRuntime, type HostRuntime } from '../core/host/open-host';
import { useSqliteNativeBinding } from '../core/db/data-source';
import { protectBackupConfig } from '../core/backup/config';
import { useOsSecretKey } from '../core/backup/secret-store';
import { AppError, type ErrorPayload, type Result } from '../core/shared/errors';
import {
  portHandoffSchema,
  toCoreSchema,
  type CallRequest,
  type FromCore,
  type ParentPortLike,
  type PortLike,
} from './protocol';

export interface CoreHostOptions {
  parentPort: ParentPortLike;
  /** The arguments after the script: `--data-dir <folder>`. */
  argv: readonly string[];
  /** Ends the process (tests pass their own). */
  exit: (code: number) => void;
  log?: Pick<Console, 'info' | 'error'>;
  /** Opens the runtime (tests may pass a clock). */
  open?: (dataDir: string) => Promise<CoreRuntime>;
}

export interface CoreHost {
  /** Closes the database; the process may then exit. */
  close(): Promise<void>;
  /** Resolves when the database is open (or has failed to open). */
  readonly ready: Promise<void>;
}

export function parseDataDir(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data-dir') return argv[i + 1] || null;
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length) || null;
  }
  return null;
}

/** A window's session token; a token that arrives after the window closed is ended at once. */
class WindowSlot implements TokenSlot {
  private token: string | null = null;
  private closed = false;
  /** The runtime of the moment: a database restored after damage is a new one. */
  constructor(private readonly runtime: () => CoreRuntime | null) {}
  get(): string | null {
    return this.token;
  }
  set(token: string | null): void {
    if (this.closed && token) {
      this.runtime()?.sessions.end(token);
      return;
    }
    this.token = token;
  }
  close(): void {
    this.closed = true;
    if (this.token) this.runtime()?.sessions.end(this.token);
    this.token = null;
  }
}

/** A runtime a test opened itself, as a host holds it. */
function bareHost(runtime: CoreRuntime): HostRuntime {
  return {
    runtime,
    damage: null,
    recover: () => Promise.reject(new Error('the database is not damaged')),
    close: () => runtime.close(),
  };
}

const INTERNAL_MESSAGE =
  'Внутренняя ошибка программы. Изменения не сохранены. Повторите действие; если ошибка повторится, сообщите администратору.';

function failure(error: ErrorPayload): Result<never> {
  return { ok: false, error };
}

/** What every call answers when the database could not be opened. */
function openFailure(e: unknown): ErrorPayload {
  if (e instanceof AppError) {
    return e.details ? { code: e.code, message: e.message, details: e.details } : { code: e.code, message: e.message };
  }
  const reason = e instanceof Error ? e.message : String(e);
  // Our own messages (a damaged settings file) are Russian and can be shown; a driver's are not.
  const shown = /[А-Яа-яЁё]/.test(reason) ? ` ${reason}` : '';
  return {
    code: 'INTERNAL',
    message: `Не удалось открыть базу данных.${shown} Перезапустите программу; если ошибка повторится, сообщите администратору.`,
    details: { reason },
  };
}

export function startCoreHost(options: CoreHostOptions): CoreHost {
  const log = options.log ?? console;
  const dataDir = parseDataDir(options.argv);
  if (!dataDir) {
    log.error('core-host: не указана папка данных (--data-dir <папка>).');
    options.exit(2);
    return { close: async () => {}, ready: Promise.resolve() };
  }

  let host: HostRuntime | null = null;
  let openError: ErrorPayload | null = null;
  let port: PortLike | null = null;
  let closing: Promise<void> | null = null;
  const slots = new Map<number, WindowSlot>();
  // A window can close while one of its calls still waits for the database to
  // open; window ids are never reused, so a closed id stays closed.
  const closedWindows = new Set<number>();

  const post = (message: FromCore): void => {
    if (!port) return;
    try {
      port.postMessage(message);
    } catch (e) {
      // A value that cannot be cloned: answer the call with an error instead of leaving it hanging.
      log.error('core-host: ответ не может быть передан', e);
      if (message.type === 'result') port.postMessage({ type: 'result', id: message.id, result: failure({ code: 'INTERNAL', message: INTERNAL_MESSAGE }) });
    }
  };

  // An event goes to the window whose session started the work, to no other.
  const onEvent = (event: CoreEvent, to: EventAudience): void => {
    for (const [windowId, slot] of slots) if (slot.get() === to.token) post({ type: 'event', windowId, event });
  };

  // Events come from the runtime of the moment (a database restored after damage is a new runtime).
  let listening: CoreRuntime | null = null;
  const follow = (): void => {
    const current = host?.runtime ?? null;
    if (current === listening) return;
    listening?.events.off('event', onEvent);
    listening = current;
    current?.events.on('event', onEvent);
  };

  // The desktop app's core checks the database, takes a backup before any migration, daily and on closing.
  const open = async (dir: string): Promise<HostRuntime> =>
    options.open ? bareHost(await options.open(dir)) : openHostRuntime({ dataDir: dir, kind: 'desktop' });
  const ready = (async () => {
    try {
      host = await open(dataDir);
      follow();
    } catch (e) {
      log.error('core-host: база данных не открыта', e);
      openError = openFailure(e);
    }
  })();

  const slotFor = (windowId: number): WindowSlot => {
    let slot = slots.get(windowId);
    if (!slot) {
      slot = new WindowSlot(() => host?.runtime ?? null);
      if (closedWindows.has(windowId)) slot.close();
      else slots.set(windowId, slot);
    }
    return slot;
  };

  const answer = async (call: CallRequest): Promise<void> => {
    await ready;
    let result: Result<unknown>;
    if (closing) {
      result = failure({ code: 'INTERNAL', message: 'Программа закрывается. Действие не выполнено.' });
    } else if (!host) {
      result = failure(openError ?? { code: 'INTERNAL', message: INTERNAL_MESSAGE });
    } else {
      try {
        result = await callHost(host, slotFor(call.windowId), call.method, call.params);
        follow();
      } catch (e) {
        log.error(`core-host: ${call.method}`, e);
        result = failure({ code: 'INTERNAL', message: INTERNAL_MESSAGE });
      }
    }
    post({ type: 'result', id: call.id, result });
  };

  const close = (): Promise<void> => {
    closing ??= (async () => {
      await ready;
      for (const slot of slots.values()) slot.close();
      slots.clear();
      listening?.events.off('event', onEvent);
      listening = null;
      // With the host's own runtime, closing takes the backup on quit first.
      if (host) await host.close();
    })();
    return closing;
  };

  const onPortMessage = (raw: unknown): void => {
    const parsed = toCoreSchema.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      log.error('core-host: неверное сообщение', parsed.error.issues[0]?.message);
      if (typeof id === 'number') {
        post({ type: 'result', id, result: failure({ code: 'INTERNAL', message: 'Неверный запрос к службе данных программы.' }) });
      }
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'call':
        void answer(message);
        return;
      case 'window-closed': {
        closedWindows.add(message.windowId);
        slots.get(message.windowId)?.close();
        slots.delete(message.windowId);
        return;
      }
      case 'shutdown':
        void close().finally(() => options.exit(0));
        return;
    }
  };

  options.parentPort.on('message', (e) => {
    const next = e.ports?.[0];
    const handoff = portHandoffSchema.safeParse(e.data);
    if (!handoff.success || !next) {
      log.error('core-host: неожиданное сообщение от основного процесса');
      return;
    }
    try {
      // The backup password is sealed with the OS key store's key from now on; one kept as is gets sealed.
      useOsSecretKey(handoff.data.secretKey ? Buffer.from(handoff.data.secretKey, 'base64') : null);
      protectBackupConfig(dataDir);
    } catch (err) {
      log.error('core-host: ключ защищённого хранилища не принят', err);
    }
    port?.close();
    port = next;
    next.on('message', (m) => onPortMessage(m.data));
    next.start();
    void ready.then(() => post(openError ? { type: 'ready', error: openError } : { type: 'ready' }));
  });

  return { close, ready };
}

/**
 * In development (`npm start`) the SQLite driver in node_modules is built for
 * Node; scripts/electron-native.mjs builds a copy for Electron under
 * out/native. A packaged app has none there: electron-builder rebuilt
 * node_modules for Electron.
 */
function useElectronBuildOfSqlite(): void {
  const file = path.join(__dirname, '..', '..', 'native', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (process.versions.electron && fs.existsSync(file)) useSqliteNativeBinding(file);
}

/** True when this file is the process's entry script (not imported by a test). */
function isEntryScript(): boolean {
  return /core-host\.[cm]?[jt]s$/.test(process.argv[1] ?? '');
}

if (isEntryScript()) {
  const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  if (!parentPort) {
    console.error(
      'core-host: этот файл запускается только программой «Классный журнал» как служебный процесс Electron ' +
        '(utilityProcess), process.parentPort отсутствует. Для работы без Electron используйте `npm run web` или `npm run cli`.',
    );
    process.exit(3);
  } else {
    useElectronBuildOfSqlite();
    const host = startCoreHost({ parentPort, argv: process.argv.slice(2), exit: (code) => process.exit(code) });
    const stop = (): void => void host.close().finally(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  }
}
