import type { Result } from '../../main/core/api/types';
import type { CoreEvent } from '../../main/core/host/client-session';

declare global {
  /**
   * The one door from the page to the core. Electron's preload defines it over
   * a MessagePort; in a browser, api/web-bridge.ts defines it over HTTP. The
   * session token never reaches the page.
   */
  interface KzBridge {
    call(method: string, params?: unknown): Promise<Result<unknown>>;
    /** Subscribes to the core's pushed events; returns the unsubscribe function. */
    on(event: CoreEvent['type'], handler: (event: CoreEvent) => void): () => void;
    /** The desktop menu's commands (never sent in a browser, where there is no menu). */
    on(event: KzMenuCommand, handler: () => void): () => void;
  }

  type KzMenuCommand = 'menu:lock' | 'menu:switch-user' | 'menu:print';

  interface Window {
    api: KzBridge;
  }
}

export {};
