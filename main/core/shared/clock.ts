/**
 * Time is injected so that deadline rules can be tested. Instants are UTC ISO
 * strings; school dates are local `YYYY-MM-DD` strings in the school's zone.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let current = new Date(iso);
  return {
    now: () => new Date(current),
    set: (next) => {
      current = new Date(next);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

export function nowIso(clock: Clock): string {
  return clock.now().toISOString();
}
