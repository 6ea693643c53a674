import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable, type TableSpec } from './dsl';

/**
 * Parents informed by e-mail (issue 19, item 3): the batches a class teacher
 * sends, one outbox row per letter with its delivery state (the log kept
 * with the year), and the PDFs waiting on the sending computer.
 */
export class ParentsMail1000000000019 implements MigrationInterface {
  name = 'ParentsMail1000000000019';

  async up(runner: QueryRunner): Promise<void> {
    for (const [name, spec] of Object.entries(TABLES)) await createTable(runner, name, spec);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const name of Object.keys(TABLES).reverse()) await runner.query(`DROP TABLE "${name}"`);
  }
}

const TABLES: Record<string, TableSpec> = {
  mail_batches: {
    columns: [
      c.id(),
      c.ref('yearId'),
      c.ref('classId', true),
      c.string('kind', 10),
      c.string('subject', 300),
      c.text('body', false),
      c.date('spanFrom', true),
      c.date('spanTo', true),
      c.string('spanLabel', 100, true),
      c.ref('createdBy'),
      c.string('computerId', 64),
      ...c.synced(),
    ],
    refs: { yearId: 'academic_years', classId: 'school_classes', createdBy: 'users' },
    indices: [{ name: 'IDX_mail_batches_year', columns: ['yearId', 'createdAt'] }],
  },
  mail_outbox: {
    columns: [
      c.id(),
      c.ref('batchId'),
      c.ref('studentId'),
      c.ref('guardianId'),
      c.string('toAddress', 320),
      c.string('toName', 310),
      c.string('subject', 300),
      c.text('body', false),
      c.string('status', 10),
      c.int('attempts', false, 0),
      c.instant('nextAttemptAt', true),
      c.text('lastError'),
      c.instant('sentAt', true),
      c.string('messageId', 300, true),
      ...c.synced(),
    ],
    refs: { batchId: 'mail_batches', studentId: 'students', guardianId: 'guardians' },
    indices: [
      { name: 'IDX_mail_outbox_batch', columns: ['batchId'] },
      { name: 'IDX_mail_outbox_status', columns: ['status', 'nextAttemptAt'] },
    ],
  },
  mail_files: {
    columns: [c.id(), c.ref('batchId'), c.ref('studentId'), c.string('fileName', 300), c.int('sizeBytes'), c.text('contentBase64', false), ...c.synced()],
    refs: { batchId: 'mail_batches', studentId: 'students' },
    indices: [{ name: 'IDX_mail_files_batch', columns: ['batchId', 'studentId'] }],
  },
};
