/**
 * The main process's side of the core: starts core-host.js in an Electron
 * utility process, sends it calls over a MessagePort (an id per call, a map of
 * waiting promises, a timeout) and restarts it if it dies. The main process
 * never opens the database itself.
 */
import { MessageChannelMain, utilityProcess, type MessagePortMain, type UtilityProcess } from 'electron';
import type { CoreEvent } from '../core/host/client-session';
import type { ErrorPayload, Result } from '../core/shared/errors';
import { fromCoreSchema, type FromCore, type ToCore } from './protocol';

export interface CoreBridgeOptions {
  /** Absolute path of out/main/app/core-host.js. */
  modulePath: string;
  dataDir: string;
  /** The key from the OS key store for the backup password (main/app/backup-key.ts); null: none. */
  secretKey?: string | null;
  /** How long a call may take before the window gets an error (default: 10 minutes; reports of a whole school are long). */
  timeoutMs?: number;
  /** Delay before a crashed core is started again (default 500 ms). */
  restartDelayMs?: number;
  /** More crashes than this within `crashWindowMs` and the core is not restarted any more. */
  maxCrashes?: number;
  crashWindowMs?: number;
  /** An event for the window with this webContents id (the one whose session it concerns). */
  onEvent(windowId: number, event: CoreEvent): void;
  /** The core died on its own; `restarting` is false when the bridge gave up. */
  onCrash(info: { code: number; restarting: boolean }): void;
  log?: Pick<Console, 'info' | 'error'>;
}

interface Pending {
  resolve(result: Result<unknown>): void;
  timer: NodeJS.Timeout;
}

function failure(code: ErrorPayload['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

export const CORE_STOPPED_MESSAGE =
  'Служба данных программы неожиданно остановилась и перезапускается. Действие могло не выполниться: проверьте результат и повторите его.';
export const CORE_GAVE_UP_MESSAGE =
  'Служба данных программы не запускается. Закройте программу и откройте её снова; если ошибка повторится, сообщите администратору.';

export class CoreBridge {
  private child: UtilityProcess | null = null;
  private port: MessagePortMain | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopping: Promise<void> | null = null;
  private gaveUp = false;
  private crashes: number[] = [];
  private readyWaiters: Array<(error?: ErrorPayload) => void> = [];
  /** Set when the running core has reported 'ready' (`error` if its database did not open). */
  private readyState: { error?: ErrorPayload } | null = null;
  /** How many times the core has been started (for the log and tests). */
  starts = 0;

  constructor(private readonly options: CoreBridgeOptions) {}

  private get log(): Pick<Console, 'info' | 'error'> {
    return this.options.log ?? console;
  }

  /** Starts the core, now or after `delayMs`; a port exists at once, so calls made meanwhile are queued, not refused. */
  start(delayMs = 0): void {
    const { port1, port2 } = new MessageChannelMain();
    this.port = port2;
    this.readyState = null;
    port2.on('message', (e) => this.onMessage(e.data));
    port2.start();
    const fork = (): void => {
      if (this.stopping) return;
      const child = utilityProcess.fork(this.options.modulePath, ['--data-dir', this.options.dataDir], {
        serviceName: 'klassny-zhurnal-core',
        stdio: 'inherit',
      });
      this.child = child;
      this.starts++;
      child.on('exit', (code) => this.onExit(child, code));
      child.postMessage({ type: 'port', secretKey: this.options.secretKey ?? null }, [port1]);
    };
    if (delayMs > 0) setTimeout(fork, delayMs);
    else fork();
  }

  /** Resolves when the running core has opened the database (with the error if it could not). */
  whenReady(): Promise<ErrorPayload | undefined> {
    if (this.readyState) return Promise.resolve(this.readyState.error);
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  call(windowId: number, method: string, params: unknown): Promise<Result<unknown>> {
    if (this.stopping) return Promise.resolve(failure('INTERNAL', 'Программа закрывается. Действие не выполнено.'));
    if (this.gaveUp || !this.port) return Promise.resolve(failure('INTERNAL', CORE_GAVE_UP_MESSAGE));
    const id = this.nextId++;
    const timeoutMs = this.options.timeoutMs ?? 10 * 60_000;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.log.error(`core-bridge: ${method} не получил ответа за ${timeoutMs} мс`);
        resolve(
          failure(
            'INTERNAL',
            'Программа слишком долго не получает ответа от службы данных. Проверьте, сохранилось ли действие, и повторите его; если ошибка повторится, перезапустите программу.',
          ),
        );
      }, timeoutMs);
      this.pending.set(id, { resolve, timer });
      this.send({ type: 'call', id, windowId, method, params });
    });
  }

  /** The window is gone: the core ends its session. */
  windowClosed(windowId: number): void {
    if (this.port && !this.stopping) this.send({ type: 'window-closed', windowId });
  }

  /** Asks the core to close the database and exit; kills it if it does not within `graceMs`. */
  stop(graceMs = 5_000): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      const child = this.child;
      this.failAll('Программа закрывается. Действие не выполнено.');
      if (!child) return resolve();
      const timer = setTimeout(() => {
        this.log.error('core-bridge: служба данных не закрылась вовремя, процесс остановлен');
        child.kill();
        resolve();
      }, graceMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.send({ type: 'shutdown' });
    });
    return this.stopping;
  }

  get stopped(): boolean {
    return this.stopping !== null;
  }

  private send(message: ToCore): void {
    try {
      this.port?.postMessage(message);
    } catch (e) {
      // The renderer's params could not be cloned (it sent something odd): that call fails, nothing else.
      this.log.error('core-bridge: сообщение не отправлено', e);
      if (message.type === 'call') this.settle(message.id, failure('VALIDATION', 'Неверные данные запроса.'));
    }
  }

  private onMessage(raw: unknown): void {
    const parsed = fromCoreSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.error('core-bridge: неверное сообщение от службы данных', parsed.error.issues[0]?.message);
      return;
    }
    const message = raw as FromCore;
    switch (message.type) {
      case 'result':
        this.settle(message.id, message.result);
        return;
      case 'event':
        this.options.onEvent(message.windowId, message.event);
        return;
      case 'ready': {
        if (message.error) this.log.error('core-bridge: база данных не открыта:', message.error.message);
        this.readyState = message.error ? { error: message.error } : {};
        const waiters = this.readyWaiters;
        this.readyWaiters = [];
        for (const w of waiters) w(message.error);
        return;
      }
    }
  }

  private settle(id: number, result: Result<unknown>): void {
    const entry = this.pending.get(id);
    if (!entry) return; // timed out already
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(result);
  }

  private failAll(message: string): void {
    for (const [id] of this.pending) this.settle(id, failure('INTERNAL', message));
  }

  private onExit(child: UtilityProcess, code: number): void {
    if (child !== this.child) return;
    this.child = null;
    this.port?.close();
    this.port = null;
    if (this.stopping) return;
    this.log.error(`core-bridge: служба данных завершилась с кодом ${code}`);
    const now = Date.now();
    const windowMs = this.options.crashWindowMs ?? 60_000;
    this.crashes = [...this.crashes.filter((t) => now - t < windowMs), now];
    const restarting = this.crashes.length <= (this.options.maxCrashes ?? 3);
    this.failAll(restarting ? CORE_STOPPED_MESSAGE : CORE_GAVE_UP_MESSAGE);
    if (!restarting) this.gaveUp = true;
    this.options.onCrash({ code, restarting });
    if (restarting) this.start(this.options.restartDelayMs ?? 500);
  }
}
