import type { EntityManager } from 'typeorm';
import { HybridClock } from '../changes/hlc';
import { ChangeLogEntity, DataSetEntity } from '../db/entities/system';
import { AppError } from '../shared/errors';

/**
 * What the write engine needs to capture changes, one per open database:
 * this computer's id (from its data folder, never from the database, so a
 * copied or restored database does not clone a computer), its hybrid clock,
 * resumed after the greatest timestamp in the change log, and the data set
 * whose id derived rows take theirs from.
 */
export class ChangeSource {
  private hlc: HybridClock | null = null;
  private dataSet: string | null = null;

  constructor(
    readonly computerId: string,
    private readonly wallClock: () => number,
    /** Off only to measure what capturing costs (`npm run bench`, change_log_overhead_pct). */
    readonly enabled = true,
  ) {}

  async clock(em: EntityManager): Promise<HybridClock> {
    this.hlc ??= new HybridClock(this.computerId, this.wallClock, await latestTimestamp(em, this.computerId));
    return this.hlc;
  }

  async dataSetId(em: EntityManager): Promise<string> {
    if (!this.dataSet) {
      const row = await em.findOne(DataSetEntity, { where: {} });
      if (!row) throw new AppError('SETUP_REQUIRED', 'Школа ещё не создана: сначала выполните первоначальную настройку.');
      this.dataSet = row.id;
    }
    return this.dataSet;
  }

  /** Another database was opened: its clock and data set are read anew. */
  reset(): void {
    this.hlc = null;
    this.dataSet = null;
  }
}

const PAGE = 1000;

/**
 * The greatest timestamp in the change log, without an index on it: this
 * computer's own entries are each later than everything it had issued or
 * received before (that is what the clock guarantees), so the greatest one is
 * among the entries from its newest own entry on. Reading back by `seq` stops
 * there — at once on a computer that writes, after one read of the received
 * entries on one that only receives, and through the whole log only once, on
 * a database this computer never wrote to.
 */
async function latestTimestamp(em: EntityManager, computerId: string): Promise<string | null> {
  let latest: string | null = null;
  let before: number | null = null;
  for (;;) {
    const page = em.createQueryBuilder(ChangeLogEntity, 'c').select(['c.seq', 'c.hlc', 'c.computerId']).orderBy('c.seq', 'DESC').limit(PAGE);
    if (before !== null) page.where('c.seq < :before', { before });
    const rows = await page.getMany();
    for (const row of rows) {
      if (latest === null || row.hlc > latest) latest = row.hlc;
      if (row.computerId === computerId) return latest;
      before = row.seq!;
    }
    if (rows.length < PAGE) return latest;
  }
}
