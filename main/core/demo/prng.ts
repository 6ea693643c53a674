/**
 * A tiny seeded pseudo-random generator (mulberry32) with the helpers the demo
 * school needs. The demo must be reproducible: the same seed gives the same
 * school, so nothing in `main/core/demo` may call Math.random or the clock.
 */
export class Rng {
  private state: number;
  readonly seed: number;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    this.state = this.seed;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A 32-bit unsigned integer. */
  uint32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }

  /** An integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [value, w] of items) {
      x -= w;
      if (x < 0) return value;
    }
    return items[items.length - 1][0];
  }

  /** A normally distributed number (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Shuffles in place (Fisher–Yates) and returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** `k` distinct items in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffle([...items]).slice(0, Math.max(0, Math.min(k, items.length)));
  }

  /**
   * An independent generator for one part of the demo, so that changing how
   * names are drawn does not reshuffle the timetable.
   */
  fork(label: string): Rng {
    // Depends on the seed and the label only, not on how far this generator has run.
    return new Rng(hashSeed(this.seed, label));
  }
}

/** FNV-1a of the label, mixed with a seed. */
function hashSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // A final avalanche so that close seeds give unrelated streams.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Deterministic UUIDv7-shaped ids: a 48-bit millisecond timestamp that starts
 * at `baseMs` and grows by one per id (so ids stay time-ordered, as real
 * UUIDv7 are), version 7, RFC 4122 variant, and random bits from the seed.
 */
export class IdFactory {
  private ms: number;
  private readonly rng: Rng;

  constructor(seed: number, baseMs: number) {
    this.rng = new Rng(hashSeed(seed, 'ids'));
    this.ms = baseMs;
  }

  next(): string {
    const ms = this.ms++;
    const hi = Math.floor(ms / 0x10000);
    const lo = ms % 0x10000;
    const a = this.rng.uint32();
    const b = this.rng.uint32();
    const c = this.rng.uint32();
    const timeHex = hex8(hi) + hex4(lo);
    const randA = HEX[(a >>> 8) & 0x0f] + HEX2[a & 0xff];
    const variant = HEX2[0x80 | ((b >>> 8) & 0x3f)] + HEX2[b & 0xff];
    const randB = HEX2[(b >>> 24) & 0xff] + HEX2[(b >>> 16) & 0xff] + hex8(c);
    return `${timeHex.slice(0, 8)}-${timeHex.slice(8, 12)}-7${randA}-${variant}-${randB}`;
  }
}

const HEX = '0123456789abcdef';
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex4 = (n: number) => HEX2[(n >>> 8) & 0xff] + HEX2[n & 0xff];
const hex8 = (n: number) => hex4((n >>> 16) & 0xffff) + hex4(n & 0xffff);
