import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A parents' extract gets a plain number, one after another through the
 * school year («Выписка № 37»), instead of the end of its id read as hex
 * («№ 4310E3»). Extracts printed before are numbered here in the order they
 * were printed, year by year.
 */
export class ExtractSerialNumbers1000000000011 implements MigrationInterface {
  name = 'ExtractSerialNumbers1000000000011';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('parent_extract_acks', new TableColumn({ name: 'serialNo', type: 'integer', isNullable: true }));
    await runner.createIndex('parent_extract_acks', new TableIndex({ name: 'IDX_parent_extract_acks_from', columnNames: ['fromDate'] }));
    const years: { startDate: string; endDate: string }[] = await runner.query('SELECT "startDate", "endDate" FROM "academic_years"');
    const acks: { id: string; fromDate: string }[] = await runner.query('SELECT "id", "fromDate" FROM "parent_extract_acks" ORDER BY "printedAt", "id"');
    const next = new Map<string, number>();
    for (const a of acks) {
      const year = years.find((y) => y.startDate <= a.fromDate && a.fromDate <= y.endDate);
      const key = year ? year.startDate : '';
      const n = (next.get(key) ?? 0) + 1;
      next.set(key, n);
      await runner.query(`UPDATE "parent_extract_acks" SET "serialNo" = ${n} WHERE "id" = '${a.id.replace(/'/g, "''")}'`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('parent_extract_acks', 'IDX_parent_extract_acks_from');
    await runner.dropColumn('parent_extract_acks', 'serialNo');
  }
}
