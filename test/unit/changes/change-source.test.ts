import { afterEach, describe, expect, it } from 'vitest';
import { ChangeSource } from '../../../main/core/write/change-source';
import { ChangeLogEntity, type ChangeLogEntry } from '../../../main/core/db/entities/system';
import { formatTimestamp } from '../../../main/core/changes/hlc';
import { openTestDatabase, type TestDatabase } from '../db/helpers';

/**
 * The clock resumes after the greatest timestamp this database has seen, so
 * a change made after a restart never loses to one seen before it — and it
 * finds that timestamp without an index on the clock (the change log has none).
 */
describe('the change clock after a restart', () => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const WALL = Date.parse('2026-11-23T07:00:00.000Z');
  const at = (minutes: number, node: string, counter = 0) => formatTimestamp({ millis: WALL + minutes * 60_000, counter, node });
  const entry = (hlc: string, computerId: string, n: number): ChangeLogEntry => ({ hlc, computerId, entity: 'Mark', rowId: `row-${n}`, field: 'value', value: '"5"', fieldGroup: 'value' });

  async function resumedAfter(entries: ChangeLogEntry[]): Promise<string> {
    t = await openTestDatabase();
    for (let i = 0; i < entries.length; i += 500) await t.ds.getRepository(ChangeLogEntity).insert(entries.slice(i, i + 500));
    // The wall clock is behind everything in the log: only the log can put the clock ahead.
    const source = new ChangeSource('here', () => WALL - 3_600_000);
    return (await source.clock(t.ds.manager)).send();
  }

  it('starts after a later timestamp received since this computer last wrote', async () => {
    const next = await resumedAfter([entry(at(1, 'here'), 'here', 1), entry(at(2, 'here'), 'here', 2), entry(at(9, 'there'), 'there', 3), entry(at(4, 'there'), 'there', 4)]);
    expect(next).toBe(at(9, 'here', 1));
  });

  it('starts after its own last timestamp when nothing later came', async () => {
    const next = await resumedAfter([entry(at(7, 'there'), 'there', 1), entry(at(8, 'here', 3), 'here', 2), entry(at(5, 'there'), 'there', 3)]);
    expect(next).toBe(at(8, 'here', 4));
  });

  it('reads back through thousands of received entries, and through the whole log of a database it never wrote to', async () => {
    const received = Array.from({ length: 2500 }, (_, i) => entry(at(10 + ((i * 7919) % 2500) / 100, 'there'), 'there', i));
    const greatest = received.map((e) => e.hlc).sort().at(-1)!;
    expect(await resumedAfter([entry(at(3, 'here'), 'here', -1), ...received])).toBe(formatTimestamp({ millis: Date.parse(greatest.slice(0, 24)), counter: 1, node: 'here' }));
    await t!.close();
    expect(await resumedAfter(received)).toBe(formatTimestamp({ millis: Date.parse(greatest.slice(0, 24)), counter: 1, node: 'here' }));
  });

  it('starts from the wall clock on an empty log', async () => {
    t = await openTestDatabase();
    const source = new ChangeSource('here', () => WALL);
    expect((await source.clock(t.ds.manager)).send()).toBe(at(0, 'here', 0));
  });
});
