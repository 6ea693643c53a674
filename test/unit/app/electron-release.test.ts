/**
 * The Electron the desktop program ships (issue 17, item 5): a supported line,
 * and no version any recorded advisory reaches. When Electron publishes a
 * security release, its advisory goes into ADVISORIES below and the version in
 * package.json moves past it (README, «Electron and its security releases»).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface Advisory {
  id: string;
  /** Affected ranges: [from (inclusive), first patched (exclusive)]. */
  affected: Array<[string, string]>;
}

const ADVISORIES: Advisory[] = [
  {
    // A sandboxed iframe without allow-popups could still open a window through the OpenURL path.
    id: 'GHSA-9f4c-93c8-jc8g',
    affected: [
      ['0.0.0', '39.8.10'],
      ['40.0.0', '41.10.3'],
      ['42.0.0', '42.0.1'],
    ],
  },
];

/** The oldest major line Electron still supported when the version was last chosen (the latest three: 43, 44, 45). */
const OLDEST_SUPPORTED_MAJOR = 43;

function parse(v: string): number[] {
  return v.replace(/-.*$/, '').split('.').map(Number);
}
function below(a: string, b: string): boolean {
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i];
  return false;
}

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };

describe('the Electron the program ships', () => {
  const pinned = pkg.devDependencies.electron;
  const locked = lock.packages['node_modules/electron'].version;

  it('is pinned to one exact version, the one the lock file holds', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(locked).toBe(pinned);
  });

  it('is on a supported line', () => {
    expect(parse(locked)[0]).toBeGreaterThanOrEqual(OLDEST_SUPPORTED_MAJOR);
  });

  it('is outside every recorded advisory’s affected ranges', () => {
    for (const advisory of ADVISORIES) {
      for (const [from, patched] of advisory.affected) {
        expect(!below(locked, from) && below(locked, patched), `${advisory.id}: ${locked} in [${from}, ${patched})`).toBe(false);
      }
    }
  });
});
