import { describe, expect, it } from 'vitest';
import { HybridClock, MAX_DRIFT_MS, formatTimestamp, parseTimestamp } from '../../../main/core/changes/hlc';

const A = '0193a1b2-0000-7000-8000-00000000000a';
const B = '0193a1b2-0000-7000-8000-00000000000b';
const T0 = Date.parse('2026-12-07T09:00:00.000Z');

describe('hybrid logical clock: the order of changes across computers', () => {
  it('formats and parses a timestamp that sorts in time order', () => {
    const text = formatTimestamp({ millis: T0, counter: 10, node: A });
    expect(text).toBe(`2026-12-07T09:00:00.000Z-0000000a-${A}`);
    expect(parseTimestamp(text)).toEqual({ millis: T0, counter: 10, node: A });
    expect(() => parseTimestamp('вчера')).toThrow(/Неверная отметка времени/);
  });

  it('issues strictly increasing timestamps, also within one millisecond and when the wall clock goes back', () => {
    let wall = T0;
    const clock = new HybridClock(A, () => wall);
    const t1 = clock.send();
    const t2 = clock.send();
    wall -= 60_000; // the computer's clock was set back a minute
    const t3 = clock.send();
    wall += 120_000;
    const t4 = clock.send();
    expect([t1, t2, t3, t4]).toEqual([...[t1, t2, t3, t4]].sort());
    expect(new Set([t1, t2, t3, t4]).size).toBe(4);
    expect(parseTimestamp(t3).millis).toBe(T0);
    expect(parseTimestamp(t4).counter).toBe(0);
  });

  it('resumes after the greatest timestamp of its log, so a restart never reuses one', () => {
    const first = new HybridClock(A, () => T0);
    first.send();
    const last = first.send();
    const restarted = new HybridClock(A, () => T0, last);
    expect(restarted.send() > last).toBe(true);
  });

  it('orders a local change after a remote one it has seen, even when the remote clock is ahead', () => {
    const a = new HybridClock(A, () => T0);
    const b = new HybridClock(B, () => T0 + 90_000); // B is 90 s ahead
    const remote = b.send();
    a.receive(remote);
    const local = a.send();
    expect(local > remote).toBe(true);
    expect(parseTimestamp(local).millis).toBe(T0 + 90_000);
  });

  it('refuses a remote timestamp further ahead than the allowed drift, saying by how much', () => {
    const a = new HybridClock(A, () => T0);
    const far = formatTimestamp({ millis: T0 + MAX_DRIFT_MS + 10 * 60_000, counter: 0, node: B });
    expect(() => a.receive(far)).toThrow(/спешат на 15 мин/);
  });

  it('breaks a tie of time and counter by the computer id', () => {
    const a = formatTimestamp({ millis: T0, counter: 1, node: A });
    const b = formatTimestamp({ millis: T0, counter: 1, node: B });
    expect(a < b).toBe(true);
  });
});
