import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable, type TableSpec } from './dsl';

/**
 * Staff mail in threads and the announcement board (issue 19, items 1–2).
 *
 * Migration 0002 reserved two tables, `messages` (one recipient per row, no
 * thread) and `announcements` (audience as a role list, no dates), that no
 * method ever wrote: they are replaced by the shapes the mail and the board
 * need, each kept with its school year. A row found in them (which the
 * program could not have made) stops the migration rather than vanish.
 */
export class StaffMailAndBoard1000000000018 implements MigrationInterface {
  name = 'StaffMailAndBoard1000000000018';

  async up(runner: QueryRunner): Promise<void> {
    for (const table of ['messages', 'announcements']) {
      const [row] = await runner.query(`SELECT COUNT(*) AS "n" FROM "${table}"`);
      if (Number(row.n) > 0) throw new Error(`table ${table} holds rows that no version of the program wrote; migration 0018 stops here`);
    }
    await drop(runner, ['messages', 'announcements']);
    for (const [name, spec] of Object.entries(TABLES)) await createTable(runner, name, spec);
  }

  async down(runner: QueryRunner): Promise<void> {
    await drop(runner, Object.keys(TABLES).reverse());
    await createTable(runner, 'announcements', ANNOUNCEMENTS_0002);
    await createTable(runner, 'messages', MESSAGES_0002);
  }
}

/**
 * Plain DROP TABLE (its indexes go with it): TypeORM's dropTable drops the
 * indexes of the table as its runner last saw it, which after a down and up
 * in one runner are another shape's.
 */
async function drop(runner: QueryRunner, names: string[]): Promise<void> {
  for (const name of names) await runner.query(`DROP TABLE "${name}"`);
}

const TABLES: Record<string, TableSpec> = {
  message_threads: {
    columns: [
      c.id(),
      c.ref('yearId'),
      c.string('subject', 300),
      c.string('audienceLabel', 300),
      c.string('topicKind', 20, true),
      c.ref('topicId', true),
      c.ref('createdBy'),
      c.instant('lastMessageAt'),
      ...c.synced(),
    ],
    refs: { yearId: 'academic_years', createdBy: 'users' },
    indices: [{ name: 'IDX_message_threads_topic', columns: ['topicKind', 'topicId'] }],
  },
  message_participants: {
    columns: [c.id(), c.ref('threadId'), c.ref('userId'), c.int('seenCount', false, 0), ...c.synced()],
    refs: { threadId: 'message_threads', userId: 'users' },
    indices: [
      { name: 'IDX_message_participants_user', columns: ['userId'] },
      { name: 'IDX_message_participants_thread', columns: ['threadId'] },
    ],
  },
  messages: {
    columns: [c.id(), c.ref('threadId'), c.ref('fromUserId'), c.text('body', false), c.instant('sentAt'), c.text('searchText', false), ...c.synced()],
    refs: { threadId: 'message_threads', fromUserId: 'users' },
    indices: [{ name: 'IDX_messages_thread_sent', columns: ['threadId', 'sentAt'] }],
  },
  message_attachments: {
    columns: [
      c.id(),
      c.ref('threadId'),
      c.ref('messageId'),
      c.string('fileName', 300),
      c.string('mime', 100),
      c.int('sizeBytes'),
      c.text('contentBase64', false),
      c.string('reportKind', 60, true),
      ...c.synced(),
    ],
    refs: { threadId: 'message_threads', messageId: 'messages' },
    indices: [{ name: 'IDX_message_attachments_message', columns: ['messageId'] }],
  },
  announcements: {
    columns: [
      c.id(),
      c.ref('yearId'),
      c.string('title', 300),
      c.text('body', false),
      c.ref('authorId'),
      c.string('audience', 10),
      c.ref('classId', true),
      c.int('gradeLevel', true),
      c.date('fromDate'),
      c.date('toDate'),
      c.bool('pinned', false),
      c.string('sourceKey', 60, true),
      ...c.synced(),
    ],
    refs: { yearId: 'academic_years', authorId: 'users', classId: 'school_classes' },
    indices: [{ name: 'IDX_announcements_year_to', columns: ['yearId', 'toDate'] }],
  },
};

/** The tables as 0002 made them, for going down. */
const ANNOUNCEMENTS_0002: TableSpec = {
  columns: [
    c.id(),
    c.string('title', 300),
    c.text('body', false),
    c.ref('authorId'),
    c.instant('publishedAt', true),
    c.date('expiresOn', true),
    c.text('audience'),
    ...c.synced(),
  ],
  refs: { authorId: 'users' },
  indices: [{ name: 'IDX_announcements_publishedAt', columns: ['publishedAt'] }],
};

const MESSAGES_0002: TableSpec = {
  columns: [
    c.id(),
    c.ref('fromUserId'),
    c.ref('toUserId'),
    c.string('subject', 300),
    c.text('body', false),
    c.instant('sentAt'),
    c.instant('readAt', true),
    ...c.synced(),
  ],
  refs: { fromUserId: 'users', toUserId: 'users' },
  indices: [
    { name: 'IDX_messages_to_sent', columns: ['toUserId', 'sentAt'] },
    { name: 'IDX_messages_from_sent', columns: ['fromUserId', 'sentAt'] },
  ],
};
