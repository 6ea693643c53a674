import crypto from 'node:crypto';
import type { Role } from '../db/entities/users';

/** The logged-in person, as every handler sees them. */
export interface Actor {
  userId: string;
  login: string;
  staffId: string | null;
  roles: Role[];
  /** «Иванова Анна Петровна», or the login when the account has no staff record. */
  displayName: string;
}

export interface Session {
  token: string;
  actor: Actor;
  createdAt: number;
  lastActivityAt: number;
  locked: boolean;
  /** Logged in with a temporary password: nothing but changing it is allowed. */
  mustChangePassword: boolean;
  /** The user's session generation at login (auth/login-state.ts): a newer one ends this session. */
  generation: number;
}

/**
 * Sessions live in the core's memory only: closing the program or the browser
 * tab ends them. On the shared computers of the computer-science classroom a
 * session locks itself after the idle time, and unlocking takes the same
 * user's password, so nobody works under another's login.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  create(actor: Actor, nowMs: number, opts: { mustChangePassword?: boolean; generation?: number } = {}): Session {
    const session: Session = {
      token: crypto.randomBytes(32).toString('base64url'),
      actor,
      createdAt: nowMs,
      lastActivityAt: nowMs,
      locked: false,
      mustChangePassword: opts.mustChangePassword ?? false,
      generation: opts.generation ?? 0,
    };
    this.sessions.set(session.token, session);
    return session;
  }

  get(token: string | null | undefined): Session | null {
    return token ? (this.sessions.get(token) ?? null) : null;
  }

  /** Locks the session if it has been idle longer than `idleMs`; otherwise records activity. */
  touch(session: Session, nowMs: number, idleMs: number): void {
    if (!session.locked && nowMs - session.lastActivityAt > idleMs) session.locked = true;
    if (!session.locked) session.lastActivityAt = nowMs;
  }

  lock(session: Session): void {
    session.locked = true;
  }

  unlock(session: Session, nowMs: number): void {
    session.locked = false;
    session.lastActivityAt = nowMs;
  }

  end(token: string): void {
    this.sessions.delete(token);
  }

  /**
   * Ends the user's sessions in this process at once (other processes and
   * computers see the raised generation at their next call).
   */
  endAllOf(userId: string, opts: { except?: string } = {}): void {
    for (const [token, s] of this.sessions) if (s.actor.userId === userId && token !== opts.except) this.sessions.delete(token);
  }

  endAll(): void {
    this.sessions.clear();
  }
}
