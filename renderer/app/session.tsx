import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Actor, ResultOf } from '../../main/core/api/types';
import { api, ApiError, messageOf, onApiError } from '../api/client';
import { navigate } from './router';
import { useIdleLock } from './idle';
import { useNotify } from '../components/Notifier';
import { damageOf, type DatabaseDamage } from '../api/recovery';

export type Status = ResultOf<'auth.status'>;

/** Where the person at the screen stands; each phase has one screen. */
export type Phase =
  | { kind: 'loading' }
  | { kind: 'offline'; message: string }
  /** The database was found damaged on opening: the recovery screen. */
  | { kind: 'damaged'; damage: DatabaseDamage }
  | { kind: 'setup'; status: Status }
  | { kind: 'login'; status: Status; notice?: string }
  | { kind: 'changePassword'; status: Status; actor: Actor }
  | { kind: 'locked'; status: Status; actor: Actor }
  | { kind: 'app'; status: Status; actor: Actor };

interface SessionApi {
  phase: Phase;
  /** Asks the core where things stand (after the first run, the demo, a settings change). */
  refresh(notice?: string): Promise<void>;
  /** After a successful login or the first run. */
  enter(result: { actor: Actor; mustChangePassword: boolean }): Promise<void>;
  passwordChanged(): void;
  lock(): void;
  unlocked(): void;
  logout(notice?: string): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The logged-in user (inside the app frame only). */
export function useActor(): Actor {
  const { phase } = useSession();
  if (phase.kind !== 'app' && phase.kind !== 'changePassword' && phase.kind !== 'locked') throw new Error('no actor');
  return phase.actor;
}

/** The classes the logged-in teacher leads this school year (none for a subject teacher or the administration). */
export function useLedClasses(): { id: string; name: string }[] {
  const { phase } = useSession();
  return ('status' in phase && phase.status.session?.ledClasses) || [];
}

function phaseOf(status: Status, notice?: string): Phase {
  if (status.setupRequired) return { kind: 'setup', status };
  const session = status.session;
  if (!session) return { kind: 'login', status, notice };
  if (session.locked) return { kind: 'locked', status, actor: session.actor };
  // The core keeps this flag, so a reload does not skip the change of a temporary password.
  if (session.mustChangePassword) return { kind: 'changePassword', status, actor: session.actor };
  return { kind: 'app', status, actor: session.actor };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  const refresh = useCallback(async (notice?: string) => {
    try {
      const status = await api.auth.status();
      setPhase(phaseOf(status, notice));
    } catch (e) {
      const damage = damageOf(e);
      setPhase(damage ? { kind: 'damaged', damage } : { kind: 'offline', message: messageOf(e) });
    }
  }, []);

  const lock = useCallback(() => {
    setPhase((p) => (p.kind === 'app' || p.kind === 'changePassword' ? { kind: 'locked', status: p.status, actor: p.actor } : p));
    api.auth.lock().catch(() => undefined);
  }, []);

  const logout = useCallback(
    async (notice?: string) => {
      setPhase({ kind: 'loading' });
      await api.auth.logout().catch(() => undefined);
      navigate('', { replace: true });
      await refresh(notice);
    },
    [refresh],
  );

  const value = useMemo<SessionApi>(
    () => ({
      phase,
      refresh,
      lock,
      logout,
      enter: async () => {
        navigate('', { replace: true });
        await refresh();
      },
      passwordChanged: () => void refresh(),
      unlocked: () => void refresh(),
    }),
    [phase, refresh, lock, logout],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // A locked or ended session, noticed by any call, takes the user to the right screen.
  const phaseRef = useRef(phase);
  useEffect(() => {
    phaseRef.current = phase;
  });
  useEffect(
    () =>
      onApiError((error: ApiError) => {
        const p = phaseRef.current;
        if (p.kind !== 'app' && p.kind !== 'changePassword' && p.kind !== 'locked') return;
        if (error.code === 'SESSION_LOCKED' && p.kind !== 'locked') {
          setPhase({ kind: 'locked', status: p.status, actor: p.actor });
        } else if (error.code === 'PASSWORD_CHANGE_REQUIRED' && p.kind !== 'changePassword') {
          setPhase({ kind: 'changePassword', status: p.status, actor: p.actor });
        } else if (error.code === 'UNAUTHENTICATED') {
          navigate('', { replace: true });
          setPhase({ kind: 'login', status: { ...p.status, session: null }, notice: error.message });
        }
      }),
    [],
  );

  // The desktop menu's «Заблокировать» and «Сменить пользователя».
  useEffect(() => {
    const offLock = window.api.on('menu:lock', () => lock());
    const offSwitch = window.api.on('menu:switch-user', () => {
      const kind = phaseRef.current.kind;
      if (kind === 'app' || kind === 'locked' || kind === 'changePassword') void logout();
    });
    return () => {
      offLock();
      offSwitch();
    };
  }, [lock, logout]);

  // Nothing of a user stays in memory once they are locked out or gone.
  useEffect(() => {
    if (phase.kind !== 'app') {
      void queryClient.cancelQueries();
      queryClient.clear();
      if (phase.kind !== 'changePassword') notify.clear();
    }
  }, [phase.kind, queryClient, notify]);

  const working = phase.kind === 'app' || phase.kind === 'changePassword';
  const idleMinutes = 'status' in phase ? phase.status.idleLockMinutes : 10;
  useIdleLock(working, idleMinutes, lock, () => {
    api.auth.me().catch(() => undefined);
  });

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
