import { EventEmitter } from 'node:events';
import type { Result } from '../shared/errors';
import type { CoreRuntime } from './runtime';

/**
 * One client of the core: a browser tab or an Electron window. The session
 * token stays on the host side (an HttpOnly cookie, a window's slot in the
 * main process), so the renderer — untrusted — never holds it: it sends only
 * `call(method, params)`.
 */
export interface TokenSlot {
  get(): string | null;
  set(token: string | null): void;
}

/** Methods whose result carries a new session token for the caller. */
const OPENS_SESSION = new Set(['auth.login', 'setup.createSchool']);
/** Methods after which the caller has no session any more. */
const CLOSES_SESSION = new Set(['auth.logout', 'setup.openDemo', 'setup.closeDemo']);

export async function callAsClient(
  runtime: CoreRuntime,
  slot: TokenSlot,
  method: string,
  params: unknown,
): Promise<Result<unknown>> {
  const result = await runtime.call({ method, params, token: method === 'auth.login' ? null : slot.get() });
  if (!result.ok) {
    if (result.error.code === 'UNAUTHENTICATED') slot.set(null);
    return result;
  }
  if (OPENS_SESSION.has(method) && isWithToken(result.value)) {
    const previous = slot.get();
    if (previous && previous !== result.value.token) runtime.sessions.end(previous);
    slot.set(result.value.token);
    const { token: _hidden, ...rest } = result.value;
    return { ok: true, value: rest };
  }
  if (CLOSES_SESSION.has(method)) slot.set(null);
  return result;
}

function isWithToken(value: unknown): value is { token: string } & Record<string, unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { token?: unknown }).token === 'string';
}

/** Events the core pushes to its clients: progress of long work, for one. */
export interface CoreEvent {
  type: 'progress';
  taskId: string;
  done: number;
  total: number;
  label: string;
}

/**
 * Who may receive an event: the clients of the one session that started the
 * work. A report's label names a class or a teacher, so another user's window
 * must never see it. The token stays in the core and its hosts.
 */
export interface EventAudience {
  token: string;
}

export class CoreEvents extends EventEmitter<{ event: [CoreEvent, EventAudience] }> {
  /** Sends an event to the clients of one session only. */
  toSession(token: string, event: CoreEvent): void {
    this.emit('event', event, { token });
  }
}
