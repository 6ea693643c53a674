/**
 * The bridge between the page and the program: `window.api.call` and
 * `window.api.on`, nothing else. Runs sandboxed with context isolation, so it
 * may import only `electron`. The page never sees the IpcRendererEvent (it
 * holds `sender`, a way back into IPC) nor any session token; the main process
 * knows the window by the IPC sender, never by anything the page says.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Types only (erased): at run time a sandboxed preload can require nothing but electron.
import type { CoreEvent } from '../main/core/host/client-session';

/** The channels a page may listen to: every core event, and the menu's commands. */
const CHANNELS: ReadonlySet<string> = new Set(['api:event', 'menu:lock', 'menu:switch-user', 'menu:print']);
/**
 * Core event types (CoreEvent['type'] in main/core/host/client-session.ts): `on('progress', h)`
 * listens to 'api:event' and passes only the events of that type — what renderer/api/window.d.ts declares.
 */
const CORE_EVENT_TYPES: Record<CoreEvent['type'], true> = { progress: true };

export interface WindowApi {
  call(method: string, params?: unknown): Promise<unknown>;
  on(channel: string, handler: (payload: unknown) => void): () => void;
}

function isOfType(payload: unknown, type: string): boolean {
  return typeof payload === 'object' && payload !== null && (payload as { type?: unknown }).type === type;
}

const api: WindowApi = {
  call: (method, params) => ipcRenderer.invoke('api:call', method, params),
  on: (name, handler) => {
    const isChannel = typeof name === 'string' && CHANNELS.has(name);
    const isEventType = typeof name === 'string' && Object.hasOwn(CORE_EVENT_TYPES, name);
    if (!isChannel && !isEventType) throw new Error(`Подписка на «${String(name)}» недоступна.`);
    if (typeof handler !== 'function') throw new TypeError('Обработчик события должен быть функцией.');
    const channel = isChannel ? name : 'api:event';
    const listener = (_event: IpcRendererEvent, payload?: unknown): void => {
      if (isChannel || isOfType(payload, name)) handler(payload);
    };
    ipcRenderer.on(channel, listener);
    return () => {
      ipcRenderer.removeListener(channel, listener);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
