import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron';

vi.mock('electron', () => (globalThis as { __kzFakeElectron?: { module: Record<string, unknown> } }).__kzFakeElectron!.module);

interface Api {
  call(method: string, params?: unknown): Promise<any>;
  on(channel: string, handler: (...args: unknown[]) => void): () => void;
}

async function loadPreload(): Promise<Api> {
  vi.resetModules();
  await import('../../../preload/preload.js');
  return fake.state.exposed.api as Api;
}

beforeEach(() => fake.reset());
afterEach(() => fs.rmSync(fake.state.userData, { recursive: true, force: true }));

describe('the preload', () => {
  it('exposes window.api with call and on only', async () => {
    const api = await loadPreload();
    expect(Object.keys(fake.state.exposed)).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(typeof api.call).toBe('function');
    expect(typeof api.on).toBe('function');
  });

  it('on() refuses any channel outside the allow-list', async () => {
    const api = await loadPreload();
    for (const channel of ['api:call', 'menu:quit', 'ELECTRON_BROWSER_REQUIRE', '', 'API:EVENT']) {
      expect(() => api.on(channel, () => {}), channel).toThrow(/недоступна/);
    }
    expect(() => api.on(42 as unknown as string, () => {})).toThrow();
    expect(() => api.on('menu:lock', 'nope' as unknown as () => void)).toThrow(/функцией/);
    expect(fake.ipcRenderer.eventNames()).toEqual([]);
  });

  it('passes the payload only, never the IpcRendererEvent, and unsubscribes', async () => {
    const api = await loadPreload();
    const got: unknown[][] = [];
    const off = api.on('api:event', (...args) => got.push(args));
    const offLock = api.on('menu:lock', (...args) => got.push(['lock', ...args]));
    const secret = { sender: { send: () => 'back door' }, ports: [] };
    fake.ipcRenderer.emit('api:event', secret, { type: 'progress', done: 1, total: 2 });
    fake.ipcRenderer.emit('menu:lock', secret);
    expect(got).toEqual([[{ type: 'progress', done: 1, total: 2 }], ['lock', undefined]]);
    off();
    offLock();
    fake.ipcRenderer.emit('api:event', secret, { type: 'progress', done: 2, total: 2 });
    expect(got).toHaveLength(2);
    expect(fake.ipcRenderer.listenerCount('api:event')).toBe(0);
  });

  it("on(<core event type>) passes only the core events of that type (renderer/api/window.d.ts)", async () => {
    const api = await loadPreload();
    const got: unknown[] = [];
    const off = api.on('progress', (e) => got.push(e));
    fake.ipcRenderer.emit('api:event', {}, { type: 'progress', taskId: 't', done: 1, total: 3, label: 'Класс 1 из 3' });
    fake.ipcRenderer.emit('api:event', {}, { type: 'something-else' });
    fake.ipcRenderer.emit('menu:lock', {});
    expect(got).toEqual([{ type: 'progress', taskId: 't', done: 1, total: 3, label: 'Класс 1 из 3' }]);
    off();
    expect(fake.ipcRenderer.listenerCount('api:event')).toBe(0);
    expect(() => api.on('toString', () => {})).toThrow(/недоступна/);
  });

  it('call() goes through the main process to the real core; the window is known by its sender', async () => {
    vi.resetModules();
    const main = await import('../../../main/app/main.js');
    const shell = (await main.shell)!;
    try {
      const win = shell.windows()[0] as unknown as InstanceType<typeof fake.BrowserWindow>;
      fake.state.preloadSender = win.webContents;
      await import('../../../preload/preload.js');
      const api = fake.state.exposed.api as Api;
      const status = await api.call('auth.status', {});
      expect(status).toMatchObject({ ok: true, value: { setupRequired: true, session: null } });
      const got: unknown[] = [];
      api.on('menu:lock', (payload) => got.push(payload ?? 'lock'));
      const file = (fake.state.menu!.template as Array<{ label: string; submenu: Array<{ label: string; click: Function }> }>)[0];
      file.submenu.find((i) => i.label === 'Заблокировать')!.click({}, win, {});
      expect(got).toEqual(['lock']);
    } finally {
      await shell.bridge.stop();
    }
  });

  it('runs as a sandboxed preload: CommonJS that requires nothing but electron', () => {
    const file = path.join(process.cwd(), 'preload', 'preload.ts');
    const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: file,
    });
    const required: string[] = [];
    const exposed: Record<string, unknown> = {};
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: { invoke: async () => null, on: () => {}, removeListener: () => {} },
    };
    const sandboxRequire = (name: string): unknown => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`A sandboxed preload cannot require ${name}`);
    };
    // Electron's sandboxed renderer wraps a preload like this (lib/sandboxed_renderer/init.ts).
    const wrapper = new vm.Script(
      `(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {\n${outputText}\n})`,
    );
    const run = wrapper.runInContext(vm.createContext({})) as (...args: unknown[]) => void;
    const mod = { exports: {} };
    run(sandboxRequire, {}, undefined, {}, undefined, undefined, mod.exports, mod);
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['api']);
    expect(Object.keys(exposed.api as object).sort()).toEqual(['call', 'on']);
  });
});
