import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { SyncStatus } from './status-view';

export const SYNC_STATUS_KEY = ['sync.status'] as const;

/** How often the app bar asks: often enough that marks from another computer show within seconds of arriving. */
export const POLL_MS = 5_000;
/** Sync not set up, or a PostgreSQL school: asked rarely (the administrator may set it up in another window). */
const IDLE_POLL_MS = 60_000;

const idle = (s: SyncStatus | undefined) => s === undefined || s.state === 'off' || s.state === 'postgres';

/** The status, asked again every few seconds: used once, by the app bar, which every signed-in screen has. */
export function usePolledSyncStatus() {
  return useQuery({
    queryKey: SYNC_STATUS_KEY,
    queryFn: () => api.sync.status(),
    refetchInterval: (q) => (idle(q.state.data) ? IDLE_POLL_MS : POLL_MS),
    staleTime: 0,
  });
}

/** The status as the app bar last heard it, for other parts of the screen (no poll of their own). */
export function useSyncStatus() {
  return useQuery({ queryKey: SYNC_STATUS_KEY, queryFn: () => api.sync.status(), staleTime: POLL_MS, refetchOnMount: false });
}

/**
 * Calls `onArrive` when other computers' changes have been written into
 * this database since the component first heard the status: an open page
 * reads its data again.
 */
export function useArrivals(onArrive: () => void): void {
  const { data } = useSyncStatus();
  const received = data?.received;
  const seen = useRef<number | undefined>(undefined);
  const callback = useRef(onArrive);
  useEffect(() => {
    callback.current = onArrive;
  });
  useEffect(() => {
    if (received === undefined) return;
    if (seen.current !== undefined && seen.current !== received) callback.current();
    seen.current = received;
  }, [received]);
}
