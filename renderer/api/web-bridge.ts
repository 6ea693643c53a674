import type { Result } from '../../main/core/api/types';
import type { CoreEvent } from '../../main/core/host/client-session';

/** Calls after which the browser's session changes, so the event stream reconnects with the new cookie. */
const SESSION_CHANGES = new Set(['auth.login', 'auth.logout', 'auth.unlock', 'setup.createSchool', 'setup.openDemo']);

/**
 * Defines `window.api` over the browser host's HTTP endpoints, unless
 * Electron's preload has already defined it.
 */
export function installWebBridge(): void {
  if (typeof window.api === 'object' && window.api !== null) return;
  const handlers = new Map<CoreEvent['type'], Set<(event: CoreEvent) => void>>();
  let source: EventSource | null = null;

  const connect = () => {
    source?.close();
    source = null;
    if (handlers.size === 0) return;
    source = new EventSource('/api/events');
    for (const type of handlers.keys()) {
      source.addEventListener(type, (e) => {
        const event = JSON.parse((e as MessageEvent<string>).data) as CoreEvent;
        for (const handler of handlers.get(type) ?? []) handler(event);
      });
    }
  };

  window.api = {
    async call(method, params) {
      const response = await fetch('/api/call', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ method, params: params ?? {} }),
      });
      let result: Result<unknown>;
      if ((response.headers.get('Content-Type') ?? '').startsWith('application/json')) {
        result = (await response.json()) as Result<unknown>;
      } else {
        result = {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: `Программа отклонила запрос (код ${response.status}). Обновите страницу; если не поможет, перезапустите программу.`,
          },
        };
      }
      if (result.ok && SESSION_CHANGES.has(method) && handlers.size > 0) connect();
      return result;
    },
    on(event: CoreEvent['type'] | KzMenuCommand, handler: (event: CoreEvent) => void) {
      // A browser has no application menu: its commands never come.
      if (event.startsWith('menu:')) return () => undefined;
      const type = event as CoreEvent['type'];
      const isNewType = !handlers.has(type);
      const set = handlers.get(type) ?? new Set();
      set.add(handler);
      handlers.set(type, set);
      if (isNewType || !source) connect();
      return () => {
        set.delete(handler);
        if (set.size === 0) handlers.delete(type);
        if (handlers.size === 0) connect();
      };
    },
  } as KzBridge;
}
