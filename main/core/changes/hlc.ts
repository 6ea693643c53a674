import { AppError } from '../shared/errors';

/**
 * A hybrid logical clock (Kulkarni et al.; as Actual Budget's `crdt` package
 * uses it): wall-clock milliseconds, a counter for events within the same
 * millisecond or while the wall clock lags behind a time already seen, and the
 * computer's id. Its string form sorts in time order, so the newest write of a
 * field is simply the greatest timestamp, and two computers never produce the
 * same one.
 *
 *   2026-12-07T18:33:29.123Z-00000001-0193a1b2-…-computer-id
 *
 * The counter has eight hex digits (Actual's four overflow when a year of
 * lessons is written in one millisecond of a fixed test clock).
 */
export interface Timestamp {
  millis: number;
  counter: number;
  node: string;
}

const MAX_COUNTER = 0xffffffff;
/** A remote timestamp this far ahead of our wall clock is refused: a computer's clock is wrong. */
export const MAX_DRIFT_MS = 5 * 60_000;

export function formatTimestamp(t: Timestamp): string {
  return `${new Date(t.millis).toISOString()}-${t.counter.toString(16).padStart(8, '0')}-${t.node}`;
}

const PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{8})-(.+)$/;

export function parseTimestamp(text: string): Timestamp {
  const m = PATTERN.exec(text);
  const millis = m ? Date.parse(m[1]) : NaN;
  if (!m || Number.isNaN(millis)) throw new AppError('VALIDATION', `Неверная отметка времени изменения: «${text}».`);
  return { millis, counter: parseInt(m[2], 16), node: m[3] };
}

export class HybridClock {
  private last: Timestamp;

  constructor(
    readonly node: string,
    private readonly wallClock: () => number,
    /** The greatest timestamp this computer has issued or seen (from its change log). */
    since: string | null = null,
  ) {
    this.last = since ? { ...parseTimestamp(since), node } : { millis: 0, counter: 0, node };
  }

  /** The timestamp of a local change: later than everything issued or seen before. */
  send(): string {
    const wall = this.wallClock();
    const millis = Math.max(this.last.millis, wall);
    const counter = millis === this.last.millis ? this.last.counter + 1 : 0;
    if (counter > MAX_COUNTER) throw new AppError('INTERNAL', 'Счётчик часов изменений переполнен: слишком много изменений за одну миллисекунду.');
    this.last = { millis, counter, node: this.node };
    return formatTimestamp(this.last);
  }

  /**
   * Takes in a timestamp that came from another computer, so that whatever
   * this computer writes next sorts after it. A timestamp from too far in the
   * future is refused: it would make every later local change lose. The sync
   * allows more (`maxDriftMs`): a change it applies must be taken in, or a
   * later change here could sort before it and the computers would differ.
   */
  receive(remote: string, maxDriftMs = MAX_DRIFT_MS): void {
    const r = parseTimestamp(remote);
    const wall = this.wallClock();
    if (r.millis - wall > maxDriftMs) {
      const minutes = Math.round((r.millis - wall) / 60_000);
      throw new AppError('CLOCK_DRIFT', `Часы другого компьютера спешат на ${minutes} мин. относительно этого: изменение с него не принято.`);
    }
    const millis = Math.max(this.last.millis, r.millis, wall);
    let counter: number;
    if (millis === this.last.millis && millis === r.millis) counter = Math.max(this.last.counter, r.counter) + 1;
    else if (millis === this.last.millis) counter = this.last.counter + 1;
    else if (millis === r.millis) counter = r.counter + 1;
    else counter = 0;
    this.last = { millis, counter, node: this.node };
  }

  /** The greatest timestamp issued or seen so far (for tests and the sync status). */
  get latest(): string {
    return formatTimestamp(this.last);
  }
}
