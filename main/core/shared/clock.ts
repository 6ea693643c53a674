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

/**
 * A clock that starts at a given instant and then runs in real time: the
 * browser host's `--now`, so that end-to-end tests and demonstrations see a
 * fixed school day.
 */
export function startingClock(startIso: string): Clock {
  const offset = Date.parse(startIso) - Date.now();
  if (Number.isNaN(offset)) throw new Error(`Invalid start instant: ${startIso}`);
  return { now: () => new Date(Date.now() + offset) };
}
