import { afterEach, describe, it } from 'vitest';
import { random, startFleet, type Fleet } from '../../support/sync-fleet';
import { runProperty } from '../../support/sync-property';

/**
 * Three to five computers on one shared folder (a local folder here, for
 * speed; test/integration/sync-smb-devices.test.ts runs the same on Samba):
 * random entry through the contract, random sync orders, a computer offline
 * for a while, batch files duplicated, hidden and cut short, clocks up to
 * ten minutes off — then every computer holds the same school (a hash per
 * table), every field its newest write, every collision listed.
 *
 * Seeded: the seed is printed; a failure replays with KZ_SYNC_SEED=<seed>.
 */
const SEED = Number(process.env.KZ_SYNC_SEED ?? Date.now() % 1_000_000);
const RUNS = Number(process.env.KZ_SYNC_RUNS ?? 2);

let fleet: Fleet | null = null;
afterEach(async () => {
  await fleet?.close();
  fleet = null;
});

describe.skipIf(!!process.env.PG_URL)(`several computers on one shared folder (KZ_SYNC_SEED=${SEED})`, () => {
  for (let run = 0; run < RUNS; run++) {
    const seed = SEED + run;
    it(`converge after random work, sync orders, an offline computer, damaged files and skewed clocks (seed ${seed})`, async () => {
      const rnd = random(seed);
      const count = 3 + rnd.int(3);
      const skewsMs = [0, ...Array.from({ length: count - 1 }, () => Math.round((rnd.next() * 2 - 1) * 10 * 60_000))];
      const lines: string[] = [`seed ${seed}: ${count} computers`];
      console.log(`sync property test: seed ${seed}, ${count} computers (replay: KZ_SYNC_SEED=${seed} KZ_SYNC_RUNS=1)`);
      fleet = await startFleet({ count, skewsMs, log: (l) => lines.push(l) });
      try {
        await runProperty(fleet, seed, { steps: 70, log: (l) => lines.push(l) });
      } catch (e) {
        console.log(lines.join('\n'));
        throw e;
      }
    }, 240_000);
  }
});
