import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { IdFactory, Rng } from '../../../main/core/demo/prng';

describe('demo PRNG', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const seqA = Array.from({ length: 100 }, () => a.next());
    const seqB = Array.from({ length: 100 }, () => b.next());
    const seqC = Array.from({ length: 100 }, () => c.next());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('keeps its helpers in range and deterministic', () => {
    const r = new Rng(7);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 9);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(9);
    }
    expect(new Rng(1).shuffle([1, 2, 3, 4, 5, 6, 7, 8])).toEqual(new Rng(1).shuffle([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(new Rng(1).shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    const w = new Rng(5);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++) counts[w.weighted([['a', 9], ['b', 1]] as const)]++;
    expect(counts.a).toBeGreaterThan(8500);
    expect(counts.b).toBeGreaterThan(700);
  });

  it('forks independent streams that depend on the seed and label only', () => {
    const root = new Rng(99);
    const before = root.fork('names').next();
    root.next();
    root.next();
    expect(root.fork('names').next()).toBe(before);
    expect(root.fork('timetable').next()).not.toBe(before);
  });

  it('makes reproducible, time-ordered UUIDv7 ids', () => {
    const base = Date.UTC(2026, 7, 1);
    const a = new IdFactory(17, base);
    const b = new IdFactory(17, base);
    const ids = Array.from({ length: 500 }, () => a.next());
    expect(Array.from({ length: 500 }, () => b.next())).toEqual(ids);
    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
