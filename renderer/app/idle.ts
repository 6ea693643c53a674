import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
/** How often the page tells the core that its user is still at work. */
const HEARTBEAT_MS = 60_000;

/**
 * Locks after `minutes` without input. The core locks an idle session too, but
 * it only sees calls; while someone types a long form it would lock them, so
 * the page reports activity (`heartbeat`) at most once a minute.
 */
export function useIdleLock(enabled: boolean, minutes: number, onIdle: () => void, heartbeat: () => void): void {
  const onIdleRef = useRef(onIdle);
  const heartbeatRef = useRef(heartbeat);
  useEffect(() => {
    onIdleRef.current = onIdle;
    heartbeatRef.current = heartbeat;
  });

  useEffect(() => {
    if (!enabled) return;
    let lastInput = Date.now();
    let lastBeat = Date.now();
    const onInput = () => {
      lastInput = Date.now();
      if (lastInput - lastBeat >= HEARTBEAT_MS) {
        lastBeat = lastInput;
        heartbeatRef.current();
      }
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onInput, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastInput >= minutes * 60_000) onIdleRef.current();
    }, 5_000);
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onInput, { capture: true });
      window.clearInterval(timer);
    };
  }, [enabled, minutes]);
}
