import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable, dropTables } from './dsl';

/**
 * The merge side of sync (issue 15): this computer's batches (the outbox),
 * how far it has applied every other computer's, the clock of every field's
 * current value (the change log keeps no index: the merge keeps this one
 * itself), rows waiting for a parent, and the domain conflicts found while
 * merging.
 */
export class SyncMerge1000000000012 implements MigrationInterface {
  name = 'SyncMerge1000000000012';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(runner, 'sync_batches', {
      columns: [
        { name: 'seq', type: 'integer', isPrimary: true },
        c.int('fromSeq'),
        c.int('toSeq'),
        c.int('count'),
        c.instant('createdAt'),
        c.instant('writtenAt', true),
      ],
    });
    await createTable(runner, 'sync_cursors', {
      columns: [{ name: 'computerId', type: 'varchar', length: '64', isPrimary: true }, c.int('lastSeq'), c.instant('appliedAt')],
    });
    await createTable(runner, 'sync_field_clocks', {
      columns: [
        { name: 'rowKey', type: 'varchar', length: '200', isPrimary: true },
        { name: 'field', type: 'varchar', length: '60', isPrimary: true },
        c.string('hlc', 100),
      ],
    });
    await createTable(runner, 'sync_state', { columns: [{ name: 'key', type: 'varchar', length: '60', isPrimary: true }, c.text('value', false)] });
    await createTable(runner, 'sync_waiting', {
      columns: [
        { name: 'id', type: 'varchar', length: '200', isPrimary: true },
        c.string('entity', 60),
        c.string('rowId', 100),
        c.string('parentEntity', 60, true),
        c.string('parentId', 100, true),
        c.instant('since'),
        c.text('changes', false),
      ],
      indices: [{ name: 'IDX_sync_waiting_parent', columns: ['parentId'] }],
    });
    await createTable(runner, 'sync_conflicts', {
      columns: [
        c.id(),
        c.string('kind', 30),
        c.string('subjectKey', 300),
        c.text('summary', false),
        c.text('details', false),
        c.instant('detectedAt'),
        c.string('detectedOn', 64),
        c.instant('settledAt', true),
        c.ref('settledBy', true),
        c.string('settlement', 60, true),
        c.text('settlementNote'),
        ...c.synced(),
      ],
      refs: { settledBy: 'users' },
      indices: [{ name: 'IDX_sync_conflicts_settled', columns: ['settledAt', 'detectedAt'] }],
    });
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropTables(runner, ['sync_batches', 'sync_cursors', 'sync_field_clocks', 'sync_state', 'sync_waiting', 'sync_conflicts']);
  }
}
