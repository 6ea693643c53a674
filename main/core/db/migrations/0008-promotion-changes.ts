import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable, dropTables } from './dsl';

/**
 * What an applied promotion order changed (the classes, movements and
 * memberships it made, the memberships it closed), so that the whole
 * promotion can be undone exactly until the new year's first entry.
 */
export class PromotionChanges1000000000008 implements MigrationInterface {
  name = 'PromotionChanges1000000000008';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(runner, 'promotion_changes', {
      columns: [
        c.id(),
        c.ref('orderId'),
        c.string('entity', 60),
        c.string('entityId', 36),
        c.string('action', 10),
        c.date('previousToDate', true),
        ...c.synced(),
      ],
      refs: { orderId: 'promotion_orders' },
      indices: [{ name: 'IDX_promotion_changes_order', columns: ['orderId'] }],
    });
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropTables(runner, ['promotion_changes']);
  }
}
