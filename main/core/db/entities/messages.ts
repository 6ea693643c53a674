import { EntitySchema } from 'typeorm';
import { col, foreignKeys, syncedColumns, type Synced } from '../columns';

/**
 * Staff mail (issue 19, item 1): a thread is a conversation among a fixed
 * set of participants, resolved when it was started («учителя 5А класса»
 * becomes the people who teach in 5А that day). It belongs to the school
 * year it was started in and is kept with it; every row syncs.
 */
export const THREAD_TOPICS = ['remark'] as const;
export type ThreadTopic = (typeof THREAD_TOPICS)[number];

export interface MessageThread extends Synced {
  id: string;
  yearId: string;
  subject: string;
  /** Who it was addressed to, as the sender chose it: «Учителя 5А класса», «Администрация». */
  audienceLabel: string;
  /** What the thread discusses, when it is about a record: a control check's remark. */
  topicKind: ThreadTopic | null;
  topicId: string | null;
  createdBy: string;
  /** The newest message's time: the order of the mailbox and what «read» is measured against. */
  lastMessageAt: string;
}

export const MessageThreadEntity = new EntitySchema<MessageThread>({
  name: 'MessageThread',
  tableName: 'message_threads',
  columns: {
    id: col.id(),
    yearId: col.ref(),
    subject: col.string(300),
    audienceLabel: col.string(300),
    topicKind: col.string(20, true),
    topicId: col.ref(true),
    createdBy: col.ref(),
    lastMessageAt: col.instant(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('message_threads', { yearId: 'academic_years', createdBy: 'users' }),
  indices: [{ name: 'IDX_message_threads_topic', columns: ['topicKind', 'topicId'] }],
});

/**
 * A person in a thread, and how far they have read it: by the number of the
 * others' messages seen, not by a time. Messages are only ever added, so the
 * count only grows, and a message that arrives from another computer whose
 * clock is behind is still unread (a time would call it read).
 */
export interface MessageParticipant extends Synced {
  id: string;
  threadId: string;
  userId: string;
  /** How many of the others' messages in the thread they had when they last opened it. */
  seenCount: number;
}

export const MessageParticipantEntity = new EntitySchema<MessageParticipant>({
  name: 'MessageParticipant',
  tableName: 'message_participants',
  columns: {
    id: col.id(),
    threadId: col.ref(),
    userId: col.ref(),
    seenCount: col.int(false, 0),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('message_participants', { threadId: 'message_threads', userId: 'users' }),
  indices: [
    { name: 'IDX_message_participants_user', columns: ['userId'] },
    { name: 'IDX_message_participants_thread', columns: ['threadId'] },
  ],
});

export interface Message extends Synced {
  id: string;
  threadId: string;
  fromUserId: string;
  body: string;
  sentAt: string;
  /** The body folded for search (shared/text.ts searchKey): SQLite's LOWER folds ASCII only. */
  searchText: string;
}

export const MessageEntity = new EntitySchema<Message>({
  name: 'Message',
  tableName: 'messages',
  columns: {
    id: col.id(),
    threadId: col.ref(),
    fromUserId: col.ref(),
    body: col.text(false),
    sentAt: col.instant(),
    searchText: col.text(false),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('messages', { threadId: 'message_threads', fromUserId: 'users' }),
  indices: [{ name: 'IDX_messages_thread_sent', columns: ['threadId', 'sentAt'] }],
});

/** A file made by the program (a report's PDF) sent with a message; small, kept in the database as base64. */
export interface MessageAttachment extends Synced {
  id: string;
  threadId: string;
  messageId: string;
  fileName: string;
  mime: string;
  sizeBytes: number;
  contentBase64: string;
  /** The report it was made from (`performance`, `finalSheet`…). */
  reportKind: string | null;
}

export const MessageAttachmentEntity = new EntitySchema<MessageAttachment>({
  name: 'MessageAttachment',
  tableName: 'message_attachments',
  columns: {
    id: col.id(),
    threadId: col.ref(),
    messageId: col.ref(),
    fileName: col.string(300),
    mime: col.string(100),
    sizeBytes: col.int(),
    contentBase64: col.text(false),
    reportKind: col.string(60, true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('message_attachments', { threadId: 'message_threads', messageId: 'messages' }),
  indices: [{ name: 'IDX_message_attachments_message', columns: ['messageId'] }],
});

export const ANNOUNCEMENT_AUDIENCES = ['all', 'class', 'grade'] as const;
export type AnnouncementAudience = (typeof ANNOUNCEMENT_AUDIENCES)[number];

/**
 * An announcement on the board (seed 003 §4.6.8): to all staff, to the
 * teachers of a class, or of a parallel; shown from one date to another.
 */
export interface Announcement extends Synced {
  id: string;
  yearId: string;
  title: string;
  body: string;
  authorId: string;
  audience: AnnouncementAudience;
  /** For `class`. */
  classId: string | null;
  /** For `grade`: the parallel (5 = every 5th class). */
  gradeLevel: number | null;
  fromDate: string;
  toDate: string;
  pinned: boolean;
  /** What made it, when the program did: `changes:2026-11-23` (the day's changes), so a second click updates it. */
  sourceKey: string | null;
}

export const AnnouncementEntity = new EntitySchema<Announcement>({
  name: 'Announcement',
  tableName: 'announcements',
  columns: {
    id: col.id(),
    yearId: col.ref(),
    title: col.string(300),
    body: col.text(false),
    authorId: col.ref(),
    audience: col.string(10),
    classId: col.ref(true),
    gradeLevel: col.int(true),
    fromDate: col.date(),
    toDate: col.date(),
    pinned: col.bool(false),
    sourceKey: col.string(60, true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('announcements', { yearId: 'academic_years', authorId: 'users', classId: 'school_classes' }),
  indices: [{ name: 'IDX_announcements_year_to', columns: ['yearId', 'toDate'] }],
});
