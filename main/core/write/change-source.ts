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
    if (!this.hlc) {
      const row = await em.createQueryBuilder(ChangeLogEntity, 'c').select('MAX(c.hlc)', 'hlc').getRawOne<{ hlc: string | null }>();
      this.hlc = new HybridClock(this.computerId, this.wallClock, row?.hlc ?? null);
    }
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
