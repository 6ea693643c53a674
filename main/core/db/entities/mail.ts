import { EntitySchema } from 'typeorm';
import { col, foreignKeys, syncedColumns, type Synced } from '../columns';

/**
 * Parents informed by e-mail (issue 19, item 3): a batch is one sending by a
 * class teacher (the extracts of a period, or a free message); an outbox item
 * is one letter to one guardian about one student, with its delivery state;
 * both are the school's log of the year and sync. The PDFs wait for their
 * letters on the computer that sends them (`MailFile`, this computer's only).
 */
export const MAIL_BATCH_KINDS = ['extract', 'message'] as const;
export type MailBatchKind = (typeof MAIL_BATCH_KINDS)[number];

export interface MailBatch extends Synced {
  id: string;
  yearId: string;
  classId: string | null;
  kind: MailBatchKind;
  /** The teacher's subject and text of a free message; the extract's wording otherwise. */
  subject: string;
  body: string;
  spanFrom: string | null;
  spanTo: string | null;
  spanLabel: string | null;
  createdBy: string;
  /** The computer whose queue sends it: the password of the mail server is there. */
  computerId: string;
}

export const MailBatchEntity = new EntitySchema<MailBatch>({
  name: 'MailBatch',
  tableName: 'mail_batches',
  columns: {
    id: col.id(),
    yearId: col.ref(),
    classId: col.ref(true),
    kind: col.string(10),
    subject: col.string(300),
    body: col.text(false),
    spanFrom: col.date(true),
    spanTo: col.date(true),
    spanLabel: col.string(100, true),
    createdBy: col.ref(),
    computerId: col.string(64),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('mail_batches', { yearId: 'academic_years', classId: 'school_classes', createdBy: 'users' }),
  indices: [{ name: 'IDX_mail_batches_year', columns: ['yearId', 'createdAt'] }],
});

export const MAIL_STATUSES = ['waiting', 'sent', 'refused', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export interface MailOutboxItem extends Synced {
  id: string;
  batchId: string;
  studentId: string;
  guardianId: string;
  toAddress: string;
  toName: string;
  subject: string;
  body: string;
  /** waiting (in the queue, perhaps after a failed try), sent, refused (a 5xx answer), failed (tries used up). */
  status: MailStatus;
  attempts: number;
  nextAttemptAt: string | null;
  /** The last failure, in Russian with the server's own words. */
  lastError: string | null;
  sentAt: string | null;
  /** The Message-ID the server accepted, to find the letter in its logs. */
  messageId: string | null;
}

export const MailOutboxItemEntity = new EntitySchema<MailOutboxItem>({
  name: 'MailOutboxItem',
  tableName: 'mail_outbox',
  columns: {
    id: col.id(),
    batchId: col.ref(),
    studentId: col.ref(),
    guardianId: col.ref(),
    toAddress: col.string(320),
    toName: col.string(310),
    subject: col.string(300),
    body: col.text(false),
    status: col.string(10),
    attempts: col.int(false, 0),
    nextAttemptAt: col.instant(true),
    lastError: col.text(),
    sentAt: col.instant(true),
    messageId: col.string(300, true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('mail_outbox', { batchId: 'mail_batches', studentId: 'students', guardianId: 'guardians' }),
  indices: [
    { name: 'IDX_mail_outbox_batch', columns: ['batchId'] },
    { name: 'IDX_mail_outbox_status', columns: ['status', 'nextAttemptAt'] },
  ],
});

/** A student's PDF of a batch, kept on the sending computer until the year's log goes. */
export interface MailFile extends Synced {
  id: string;
  batchId: string;
  studentId: string;
  fileName: string;
  sizeBytes: number;
  contentBase64: string;
}

export const MailFileEntity = new EntitySchema<MailFile>({
  name: 'MailFile',
  tableName: 'mail_files',
  columns: {
    id: col.id(),
    batchId: col.ref(),
    studentId: col.ref(),
    fileName: col.string(300),
    sizeBytes: col.int(),
    contentBase64: col.text(false),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('mail_files', { batchId: 'mail_batches', studentId: 'students' }),
  indices: [{ name: 'IDX_mail_files_batch', columns: ['batchId', 'studentId'] }],
});
