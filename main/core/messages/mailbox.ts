import { In, IsNull } from 'typeorm';
import type { ReadableDb } from '../db/readable';
import {
  MessageAttachmentEntity,
  MessageEntity,
  MessageParticipantEntity,
  MessageThreadEntity,
  type MessageParticipant,
  type MessageThread,
} from '../db/entities/messages';
import { fail } from '../shared/errors';
import { searchKey } from '../shared/text';
import { namesOf } from './people';

/**
 * What a person reads of the staff mail: only the threads they take part in.
 * A thread they are not in is «not found», exactly like one that does not
 * exist, so that not even its existence leaks.
 */

export interface ThreadSummary {
  id: string;
  subject: string;
  audienceLabel: string;
  topicKind: string | null;
  topicId: string | null;
  lastMessageAt: string;
  /** The newest message, shortened, and who wrote it. */
  lastFrom: string;
  preview: string;
  unread: number;
  messages: number;
  hasAttachments: boolean;
}

export interface ThreadView {
  id: string;
  subject: string;
  audienceLabel: string;
  topicKind: string | null;
  topicId: string | null;
  yearId: string;
  participants: { userId: string; name: string }[];
  messages: {
    id: string;
    fromUserId: string;
    fromName: string;
    mine: boolean;
    body: string;
    sentAt: string;
    attachments: { id: string; fileName: string; sizeBytes: number }[];
  }[];
  /** The others' messages this person had not seen before opening it. */
  unread: number;
}

/** The participant row of the user in the thread, or NOT_FOUND (absent, removed, or not theirs). */
export async function ownParticipation(em: ReadableDb, threadId: string, userId: string): Promise<{ thread: MessageThread; me: MessageParticipant }> {
  const me = await em.findOne(MessageParticipantEntity, { where: { threadId, userId, deletedAt: IsNull() }, order: { seenCount: 'DESC' } });
  const thread = me ? await em.findOne(MessageThreadEntity, { where: { id: threadId, deletedAt: IsNull() } }) : null;
  if (!me || !thread) throw fail.notFound('Переписка');
  return { thread, me };
}

/**
 * Per thread of the user: how many of the others' messages it holds, and how
 * many of them the user has seen (the highest mark, should a merge have left
 * the person twice in a thread).
 */
async function counts(em: ReadableDb, userId: string): Promise<Map<string, { others: number; seen: number }>> {
  const mine = await em.find(MessageParticipantEntity, { where: { userId, deletedAt: IsNull() } });
  const seen = new Map<string, number>();
  for (const p of mine) seen.set(p.threadId, Math.max(seen.get(p.threadId) ?? 0, p.seenCount));
  const out = new Map<string, { others: number; seen: number }>();
  const ids = [...seen.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await em
      .createQueryBuilder(MessageEntity, 'm')
      .select('m.threadId', 'threadId')
      .addSelect('COUNT(*)', 'n')
      .where('m.threadId IN (:...ids) AND m.fromUserId <> :userId AND m.deletedAt IS NULL', { ids: ids.slice(i, i + 500), userId })
      .groupBy('m.threadId')
      .getRawMany<{ threadId: string; n: number | string }>();
    for (const r of rows) out.set(r.threadId, { others: Number(r.n), seen: seen.get(r.threadId) ?? 0 });
  }
  return out;
}

const unreadOf = (c: { others: number; seen: number } | undefined) => (c ? Math.max(0, c.others - c.seen) : 0);

/** The number of unread messages of the user, over all their threads: the figure in the navigation. */
export async function unreadCount(em: ReadableDb, userId: string): Promise<number> {
  let sum = 0;
  for (const c of (await counts(em, userId)).values()) sum += unreadOf(c);
  return sum;
}

/**
 * The user's threads, newest first; with `search`, those whose subject or a
 * message holds every word of it (case and «ё» folded).
 */
export async function listThreads(em: ReadableDb, userId: string, opts: { search?: string; unreadOnly?: boolean; limit?: number }): Promise<ThreadSummary[]> {
  const mine = await em.find(MessageParticipantEntity, { where: { userId, deletedAt: IsNull() } });
  if (mine.length === 0) return [];
  let ids = [...new Set(mine.map((p) => p.threadId))];
  // A typed «%» or «_» would be a LIKE wildcard: they are dropped from the words.
  const words = opts.search ? searchKey(opts.search.replace(/[%_]/g, ' ')).split(' ').filter(Boolean) : [];
  if (words.length > 0) ids = await matching(em, ids, words);
  if (ids.length === 0) return [];
  const threads = await em.find(MessageThreadEntity, { where: { id: In(ids), deletedAt: IsNull() }, order: { lastMessageAt: 'DESC' } });
  const perThread = await counts(em, userId);
  const last = await lastMessages(em, threads);
  const withFiles = new Set(
    (
      await em
        .createQueryBuilder(MessageAttachmentEntity, 'a')
        .select('DISTINCT a.threadId', 'threadId')
        .where('a.threadId IN (:...ids) AND a.deletedAt IS NULL', { ids })
        .getRawMany<{ threadId: string }>()
    ).map((r) => r.threadId),
  );
  const totals = await em
    .createQueryBuilder(MessageEntity, 'm')
    .select('m.threadId', 'threadId')
    .addSelect('COUNT(*)', 'n')
    .where('m.threadId IN (:...ids) AND m.deletedAt IS NULL', { ids })
    .groupBy('m.threadId')
    .getRawMany<{ threadId: string; n: number | string }>();
  const total = new Map(totals.map((r) => [r.threadId, Number(r.n)]));
  const names = await namesOf(em, [...last.values()].map((m) => m.fromUserId));
  const out = threads.map((t): ThreadSummary => {
    const m = last.get(t.id);
    return {
      id: t.id,
      subject: t.subject,
      audienceLabel: t.audienceLabel,
      topicKind: t.topicKind,
      topicId: t.topicId,
      lastMessageAt: t.lastMessageAt,
      lastFrom: m ? (names.get(m.fromUserId) ?? '') : '',
      preview: m ? preview(m.body) : '',
      unread: unreadOf(perThread.get(t.id)),
      messages: total.get(t.id) ?? 0,
      hasAttachments: withFiles.has(t.id),
    };
  });
  const filtered = opts.unreadOnly ? out.filter((t) => t.unread > 0) : out;
  return filtered.slice(0, opts.limit ?? 200);
}

/** Threads among `ids` in whose subject or messages every word occurs. */
async function matching(em: ReadableDb, ids: string[], words: string[]): Promise<string[]> {
  const threads = await em.find(MessageThreadEntity, { where: { id: In(ids), deletedAt: IsNull() } });
  const hits = new Set<string>();
  const bySubject = threads.filter((t) => words.every((w) => searchKey(t.subject, t.audienceLabel).includes(w)));
  for (const t of bySubject) hits.add(t.id);
  const q = em
    .createQueryBuilder(MessageEntity, 'm')
    .select('DISTINCT m.threadId', 'threadId')
    .where('m.threadId IN (:...ids) AND m.deletedAt IS NULL', { ids });
  words.forEach((w, i) => q.andWhere(`m.searchText LIKE :w${i}`, { [`w${i}`]: `%${w}%` }));
  for (const r of await q.getRawMany<{ threadId: string }>()) hits.add(r.threadId);
  return [...hits];
}

/** The newest message of each thread (the one sent at its lastMessageAt). */
async function lastMessages(em: ReadableDb, threads: MessageThread[]): Promise<Map<string, { fromUserId: string; body: string }>> {
  const rows = await em.find(MessageEntity, {
    where: { threadId: In(threads.map((t) => t.id)), sentAt: In([...new Set(threads.map((t) => t.lastMessageAt))]), deletedAt: IsNull() },
    order: { id: 'ASC' },
  });
  const at = new Map(threads.map((t) => [t.id, t.lastMessageAt]));
  const out = new Map<string, { fromUserId: string; body: string }>();
  for (const r of rows) if (at.get(r.threadId) === r.sentAt) out.set(r.threadId, r);
  return out;
}

function preview(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}

/** One thread as its participant reads it; NOT_FOUND for anyone else. */
export async function readThread(em: ReadableDb, threadId: string, userId: string): Promise<ThreadView> {
  const { thread, me } = await ownParticipation(em, threadId, userId);
  const participants = uniqueBy(await em.find(MessageParticipantEntity, { where: { threadId, deletedAt: IsNull() } }), (p) => p.userId);
  const messages = await em.find(MessageEntity, { where: { threadId, deletedAt: IsNull() }, order: { sentAt: 'ASC', id: 'ASC' } });
  const files = await em.find(MessageAttachmentEntity, {
    where: { threadId, deletedAt: IsNull() },
    select: { id: true, messageId: true, fileName: true, sizeBytes: true },
  });
  const names = await namesOf(em, [...participants.map((p) => p.userId), ...messages.map((m) => m.fromUserId)]);
  const others = messages.filter((m) => m.fromUserId !== userId).length;
  return {
    id: thread.id,
    subject: thread.subject,
    audienceLabel: thread.audienceLabel,
    topicKind: thread.topicKind,
    topicId: thread.topicId,
    yearId: thread.yearId,
    participants: participants.map((p) => ({ userId: p.userId, name: names.get(p.userId) ?? '' })).sort((a, b) => a.name.localeCompare(b.name, 'ru')),
    messages: messages.map((m) => ({
      id: m.id,
      fromUserId: m.fromUserId,
      fromName: names.get(m.fromUserId) ?? '',
      mine: m.fromUserId === userId,
      body: m.body,
      sentAt: m.sentAt,
      attachments: files.filter((f) => f.messageId === m.id).map((f) => ({ id: f.id, fileName: f.fileName, sizeBytes: f.sizeBytes })),
    })),
    unread: Math.max(0, others - me.seenCount),
  };
}

function uniqueBy<T>(rows: T[], key: (row: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(key(r)) && seen.add(key(r)));
}
