/**
 * A fake `electron` module with just what main/app and preload use, for
 * `vi.mock('electron', …)`: the Electron binary cannot be downloaded here.
 *
 * It records what the shell asks for (window options, the menu template, the
 * IPC handlers, dialogs) and behaves like Electron where the behaviour matters:
 * values crossing IPC and MessagePorts are structured-cloned, a port queues
 * messages until `start()`, `utilityProcess.fork` starts the REAL core host
 * (main/app/core-host.ts) in this process on a real CoreRuntime and SQLite
 * database in the fake userData folder.
 *
 * One instance per test process (kept on globalThis), so that `vi.resetModules()`
 * and re-imports of main.ts all see the same fake; `fake.reset()` between tests.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCoreHost, type CoreHost } from '../../../main/app/core-host';
import { CoreRuntime } from '../../../main/core/host/runtime';
import { loadDbConfig } from '../../../main/core/host/app-config';
import type { ParentPortLike, PortLike } from '../../../main/app/protocol';

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent<T extends object>(extra?: T): FakeEvent & T {
  const e = {
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
    ...(extra ?? {}),
  };
  return e as FakeEvent & T;
}

const quietLog = { info: () => {}, error: () => {} };

function createFake() {
  const state = {
    lockAvailable: true,
    isPackaged: false,
    userData: '',
    appPath: process.cwd(),
    quitCalls: 0,
    exitCode: null as number | null,
    quitted: false,
    menu: null as { template: any[] } | null,
    headersListener: null as null | ((details: any, callback: (r: any) => void) => void),
    permissionRequest: null as null | ((wc: any, permission: string, cb: (granted: boolean) => void, details?: any) => void),
    permissionCheck: null as null | ((wc: any, permission: string, origin: string, details?: any) => boolean),
    dialogs: [] as Array<{ kind: 'messageBox' | 'errorBox'; options: any }>,
    opened: [] as string[],
    exposed: {} as Record<string, any>,
    children: [] as FakeUtilityProcess[],
    forks: [] as Array<{ modulePath: string; args: string[]; options: any }>,
    /**
     * 'real': the child runs core-host on a real runtime the test can reach (state.runtimes);
     * 'host': core-host opens its data folder as the desktop program does (the lock, the check
     * on opening, the recovery of a damaged database); 'silent': it never answers.
     */
    childMode: 'real' as 'real' | 'host' | 'silent',
    runtimes: [] as CoreRuntime[],
    /** The web contents whose page the preload under test runs in. */
    preloadSender: null as FakeWebContents | null,
    nextWebContentsId: 1,
    /** The OS key store behind safeStorage: off, or on with a storage backend name (Linux). */
    keyStore: { available: true, backend: 'gnome_libsecret' },
  };

  /** safeStorage: a reversible transform that leaves no plain text, and refuses a blob it did not make. */
  const KEYSTORE_MAGIC = Buffer.from('FAKE-OS-KEYSTORE:');
  const safeStorage = {
    isEncryptionAvailable: () => state.keyStore.available,
    getSelectedStorageBackend: () => state.keyStore.backend,
    encryptString(plain: string): Buffer {
      if (!state.keyStore.available) throw new Error('Encryption is not available.');
      return Buffer.concat([KEYSTORE_MAGIC, Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]);
    },
    decryptString(sealed: Buffer): string {
      if (!sealed.subarray(0, KEYSTORE_MAGIC.length).equals(KEYSTORE_MAGIC)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(sealed.subarray(KEYSTORE_MAGIC.length).map((b) => b ^ 0x5a)).toString('utf8');
    },
  };

  class FakeWebContents extends EventEmitter {
    readonly sent: Array<{ channel: string; args: unknown[] }> = [];
    url = '';
    windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny'; overrideBrowserWindowOptions?: unknown }) | null = null;
    destroyed = false;
    constructor(readonly id: number) {
      super();
    }
    send(channel: string, ...args: unknown[]): void {
      const cloned = structuredClone(args);
      this.sent.push({ channel, args: cloned });
      if (state.preloadSender === this) ipcRenderer.emit(channel, { sender: ipcRenderer, ports: [] }, ...cloned);
    }
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny'; overrideBrowserWindowOptions?: unknown }): void {
      this.windowOpenHandler = handler;
    }
    getURL(): string {
      return this.url;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
  }

  class BrowserWindow extends EventEmitter {
    static all: BrowserWindow[] = [];
    static focused: BrowserWindow | null = null;
    static getFocusedWindow(): BrowserWindow | null {
      return BrowserWindow.focused;
    }
    static getAllWindows(): BrowserWindow[] {
      return BrowserWindow.all.filter((w) => !w.destroyed);
    }
    readonly webContents: FakeWebContents;
    loadedFile: string | null = null;
    visible = false;
    minimized = false;
    destroyed = false;
    focusCount = 0;
    restoreCount = 0;
    constructor(readonly options: any) {
      super();
      this.webContents = new FakeWebContents(state.nextWebContentsId++);
      BrowserWindow.all.push(this);
      app.emit('web-contents-created', fakeEvent(), this.webContents);
    }
    async loadFile(file: string): Promise<void> {
      this.loadedFile = file;
      this.webContents.url = pathToFileURL(file).href;
      setImmediate(() => this.emit('ready-to-show'));
    }
    show(): void {
      this.visible = true;
    }
    focus(): void {
      this.focusCount++;
      BrowserWindow.focused = this;
    }
    restore(): void {
      this.restoreCount++;
      this.minimized = false;
    }
    minimize(): void {
      this.minimized = true;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    isVisible(): boolean {
      return this.visible;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    close(): void {
      const e = fakeEvent();
      this.emit('close', e);
      if (e.defaultPrevented) return;
      this.destroyed = true;
      this.webContents.destroyed = true;
      if (BrowserWindow.focused === this) BrowserWindow.focused = null;
      this.emit('closed');
      if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
    }
  }

  class FakeApp extends EventEmitter {
    get isPackaged(): boolean {
      return state.isPackaged;
    }
    requestSingleInstanceLock(): boolean {
      return state.lockAvailable;
    }
    whenReady(): Promise<void> {
      return Promise.resolve();
    }
    getPath(name: string): string {
      if (name === 'userData') return state.userData;
      return os.tmpdir();
    }
    getAppPath(): string {
      return state.appPath;
    }
    getVersion(): string {
      return '0.1.0';
    }
    getName(): string {
      return 'Классный журнал';
    }
    setAppUserModelId(): void {}
    quit(): void {
      state.quitCalls++;
      const before = fakeEvent();
      this.emit('before-quit', before);
      if (before.defaultPrevented) return;
      const will = fakeEvent();
      this.emit('will-quit', will);
      if (will.defaultPrevented) return;
      state.quitted = true;
      this.emit('quit');
    }
    exit(code = 0): void {
      state.exitCode = code;
    }
  }
  const app = new FakeApp();

  type Handler = (event: any, ...args: any[]) => unknown;
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle(channel: string, handler: Handler): void {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
    removeHandler(channel: string): void {
      handlers.delete(channel);
    },
    /** What `ipcRenderer.invoke` does in a page shown by `sender`: arguments and result are cloned. */
    async invokeFrom(sender: FakeWebContents, channel: string, ...args: unknown[]): Promise<unknown> {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const event = { sender, senderFrame: { url: sender.url }, processId: 1, frameId: 1 };
      return structuredClone(await handler(event, ...structuredClone(args)));
    },
  };

  class FakeIpcRenderer extends EventEmitter {
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      if (!state.preloadSender) throw new Error('fake: no page for the preload (set fake.state.preloadSender)');
      return ipcMain.invokeFrom(state.preloadSender, channel, ...args);
    }
  }
  const ipcRenderer = new FakeIpcRenderer();

  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown): void {
      state.exposed[key] = api;
    },
  };

  const Menu = {
    buildFromTemplate(template: any[]) {
      return { template };
    },
    setApplicationMenu(menu: { template: any[] } | null): void {
      state.menu = menu;
    },
  };

  const session = {
    defaultSession: {
      webRequest: {
        onHeadersReceived(listener: (details: any, callback: (r: any) => void) => void): void {
          state.headersListener = listener;
        },
      },
      setPermissionRequestHandler(handler: typeof state.permissionRequest): void {
        state.permissionRequest = handler;
      },
      setPermissionCheckHandler(handler: typeof state.permissionCheck): void {
        state.permissionCheck = handler;
      },
    },
  };

  const dialog = {
    async showMessageBox(a: unknown, b?: unknown) {
      state.dialogs.push({ kind: 'messageBox', options: b ?? a });
      return { response: 0, checkboxChecked: false };
    },
    showErrorBox(title: string, content: string): void {
      state.dialogs.push({ kind: 'errorBox', options: { title, content } });
    },
  };

  const shell = {
    async openExternal(url: string): Promise<void> {
      state.opened.push(url);
    },
  };

  /** One end of a MessageChannelMain: clones what it sends, queues until start(). */
  class FakeMessagePort extends EventEmitter implements PortLike {
    other: FakeMessagePort | null = null;
    private started = false;
    private queue: unknown[] = [];
    closed = false;
    postMessage(message: unknown): void {
      const data = structuredClone(message);
      if (this.closed || !this.other || this.other.closed) return;
      this.other.receive(data);
    }
    private receive(data: unknown): void {
      if (!this.started) {
        this.queue.push(data);
        return;
      }
      setImmediate(() => {
        if (!this.closed) this.emit('message', { data, ports: [] });
      });
    }
    start(): void {
      if (this.started) return;
      this.started = true;
      const queued = this.queue;
      this.queue = [];
      for (const data of queued) this.receive(data);
    }
    close(): void {
      if (this.closed) return;
      this.closed = true;
      this.emit('close');
      const other = this.other;
      if (other && !other.closed) setImmediate(() => other.emit('close'));
    }
  }

  class MessageChannelMain {
    readonly port1 = new FakeMessagePort();
    readonly port2 = new FakeMessagePort();
    constructor() {
      this.port1.other = this.port2;
      this.port2.other = this.port1;
    }
  }

  /** The utility process: core-host.ts running in this process, on a real runtime. */
  class FakeUtilityProcess extends EventEmitter {
    private readonly parentPort = new EventEmitter() as EventEmitter & ParentPortLike;
    private host: CoreHost | null = null;
    private ports: FakeMessagePort[] = [];
    exited = false;
    readonly pid = 10_000 + state.children.length;
    constructor(
      readonly modulePath: string,
      readonly args: string[],
    ) {
      super();
      this.parentPort.postMessage = () => {};
      if (state.childMode === 'real' || state.childMode === 'host') {
        this.host = startCoreHost({
          parentPort: this.parentPort,
          argv: args,
          exit: (code) => this.exitWith(code),
          log: quietLog,
          open:
            state.childMode === 'host'
              ? undefined
              : async (dataDir) => {
                  const runtime = await CoreRuntime.open({ db: loadDbConfig(dataDir), dataDir, log: quietLog });
                  state.runtimes.push(runtime);
                  return runtime;
                },
        });
      }
    }
    postMessage(message: unknown, transfer: FakeMessagePort[] = []): void {
      this.ports.push(...transfer);
      const data = structuredClone(message);
      setImmediate(() => this.parentPort.emit('message', { data, ports: transfer }));
    }
    /** SIGTERM: core-host closes the runtime and exits. */
    kill(): boolean {
      void (this.host?.close() ?? Promise.resolve()).then(() => this.exitWith(0));
      return true;
    }
    /** The process dies at once: its port goes dead, then 'exit'. (The runtime is closed so the test leaks nothing.) */
    async crash(code = 1): Promise<void> {
      for (const port of this.ports) port.close();
      await this.host?.close();
      this.exitWith(code);
    }
    get ready(): Promise<void> {
      return this.host?.ready ?? Promise.resolve();
    }
    private exitWith(code: number): void {
      if (this.exited) return;
      this.exited = true;
      for (const port of this.ports) port.close();
      setImmediate(() => this.emit('exit', code));
    }
  }

  const utilityProcess = {
    fork(modulePath: string, args: string[] = [], options: any = {}): FakeUtilityProcess {
      state.forks.push({ modulePath, args, options });
      const child = new FakeUtilityProcess(modulePath, args);
      state.children.push(child);
      return child;
    },
  };

  const module = {
    app,
    BrowserWindow,
    ipcMain,
    ipcRenderer,
    contextBridge,
    Menu,
    session,
    dialog,
    shell,
    utilityProcess,
    MessageChannelMain,
    safeStorage,
  };

  return {
    module,
    state,
    app,
    ipcMain,
    ipcRenderer,
    BrowserWindow,
    MessageChannelMain,
    /** A response as the session would see it, passed through the CSP listener. */
    respond(url: string, responseHeaders: Record<string, string[]> = {}): Promise<Record<string, string[]>> {
      return new Promise((resolve, reject) => {
        if (!state.headersListener) return reject(new Error('no onHeadersReceived listener'));
        state.headersListener({ url, responseHeaders }, (r: { responseHeaders: Record<string, string[]> }) => resolve(r.responseHeaders));
      });
    },
    /** Between tests: a fresh app, no windows, no handlers, a fresh userData folder. */
    reset(): void {
      app.removeAllListeners();
      ipcRenderer.removeAllListeners();
      handlers.clear();
      BrowserWindow.all = [];
      BrowserWindow.focused = null;
      Object.assign(state, {
        lockAvailable: true,
        isPackaged: false,
        userData: fs.mkdtempSync(path.join(os.tmpdir(), 'kz-electron-')),
        appPath: process.cwd(),
        quitCalls: 0,
        exitCode: null,
        quitted: false,
        menu: null,
        headersListener: null,
        permissionRequest: null,
        permissionCheck: null,
        dialogs: [],
        opened: [],
        exposed: {},
        children: [],
        forks: [],
        childMode: 'real',
        runtimes: [],
        preloadSender: null,
        keyStore: { available: true, backend: 'gnome_libsecret' },
      });
    },
    /** Every session token the real cores hold now. */
    tokens(): string[] {
      return state.runtimes.flatMap((rt) => [...(rt.sessions as unknown as { sessions: Map<string, unknown> }).sessions.keys()]);
    },
  };
}

export type FakeElectron = ReturnType<typeof createFake>;

const holder = globalThis as { __kzFakeElectron?: FakeElectron };
export const fake: FakeElectron = (holder.__kzFakeElectron ??= createFake());
export const electronModule = fake.module;

/** Waits until `check` holds (the fake delivers messages on setImmediate). */
export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('until: timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
