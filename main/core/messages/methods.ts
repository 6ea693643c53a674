import { z } from 'zod';
import { IsNull } from 'typeorm';
import { actorOf, mutation, query } from '../api/contract';
import { REPORT_PARAMS } from '../reports/registry';
import { MessageAttachmentEntity, MessageThreadEntity } from '../db/entities/messages';
import { SchoolClassEntity, SubjectEntity } from '../db/entities/school';
import { resolveYear } from '../reports/data/year';
import { schoolTodayOf } from '../settings/school-today';
import { compareRu } from '../shared/text';
import { fail } from '../shared/errors';
import { audienceParam } from './audience';
import { listThreads, ownParticipation, readThread, unreadCount } from './mailbox';
import { liveUsers } from './people';
import { markSeen, reply, startThread } from './send';

const body = z.string().max(20_000, 'Не более 20 000 символов');

/**
 * Staff mail (issue 19, item 1). Every logged-in person may write and read,
 * and sees only the threads they take part in: a thread of others is «not
 * found» to them, as one that does not exist, and counts nowhere. The
 * administrator reads the record of who wrote what in the audit log.
 */
export const messageMethods = {
  /** Whom one may write to: the staff with accounts, the classes and subjects of the year, the administration. */
  'messages.recipients': query({
    params: z.object({}).strict(),
    access: 'session',
    action: 'выбор получателей сообщения',
    handler: async (_p, ctx) => {
      const actor = actorOf(ctx);
      const today = await schoolTodayOf(ctx);
      const year = await resolveYear(ctx.em, undefined, today).catch(() => null);
      const people = (await liveUsers(ctx.em)).filter((p) => p.userId !== actor.userId);
      const classes = year
        ? (await ctx.em.find(SchoolClassEntity, { where: { yearId: year.id, deletedAt: IsNull() } }))
            .sort((a, b) => a.gradeLevel - b.gradeLevel || compareRu(a.letter, b.letter))
            .map((c) => ({ id: c.id, name: c.name }))
        : [];
      const subjects = (await ctx.em.find(SubjectEntity, { where: { deletedAt: IsNull() } }))
        .sort((a, b) => a.sortOrder - b.sortOrder || compareRu(a.name, b.name))
        .map((s) => ({ id: s.id, name: s.name }));
      return { people, classes, subjects };
    },
  }),

  /** A new thread with its first message (for a remark that has a thread already: a message in it). */
  'messages.send': mutation({
    params: z.object({
      to: audienceParam,
      subject: z.string().trim().max(300, 'Не более 300 символов').optional(),
      body,
      report: REPORT_PARAMS.optional(),
    }),
    access: 'session',
    action: 'отправка сообщения',
    handler: async (p, ctx) => ({ threadId: await startThread(ctx, p.to, p.subject, { body: p.body, report: p.report }) }),
  }),

  'messages.reply': mutation({
    params: z.object({ threadId: z.string().uuid(), body, report: REPORT_PARAMS.optional() }),
    access: 'session',
    action: 'ответ в переписке',
    handler: async (p, ctx) => {
      await reply(ctx, p.threadId, { body: p.body, report: p.report });
      return { threadId: p.threadId };
    },
  }),

  /** The user's threads, newest first; `search` looks through subjects and messages. */
  'messages.threads': query({
    params: z.object({ search: z.string().trim().max(200).optional(), unreadOnly: z.boolean().optional() }),
    access: 'session',
    action: 'просмотр почты',
    handler: async (p, ctx) => listThreads(ctx.em, actorOf(ctx).userId, p),
  }),

  'messages.thread': query({
    params: z.object({ id: z.string().uuid() }),
    access: 'session',
    action: 'просмотр переписки',
    handler: async (p, ctx) => readThread(ctx.em, p.id, actorOf(ctx).userId),
  }),

  /** The thread of a remark, if it has one the user takes part in; null otherwise. */
  'messages.topicThread': query({
    params: z.object({ kind: z.literal('remark'), id: z.string().uuid() }),
    access: 'session',
    action: 'просмотр переписки',
    handler: async (p, ctx) => {
      const thread = await ctx.em.findOne(MessageThreadEntity, { where: { topicKind: p.kind, topicId: p.id, deletedAt: IsNull() } });
      if (!thread) return null;
      try {
        return await readThread(ctx.em, thread.id, actorOf(ctx).userId);
      } catch {
        return null;
      }
    },
  }),

  /** Opening a thread: its messages count as read. */
  'messages.markRead': mutation({
    params: z.object({ threadId: z.string().uuid() }),
    access: 'session',
    action: 'отметка о прочтении',
    handler: async (p, ctx) => {
      await markSeen(ctx, p.threadId, actorOf(ctx).userId);
      return { unread: await unreadCount(ctx.em, actorOf(ctx).userId) };
    },
  }),

  /** The figure in the navigation: unread messages of the user. */
  'messages.unread': query({
    params: z.object({}).strict(),
    access: 'session',
    action: 'просмотр почты',
    handler: async (_p, ctx) => ({ count: await unreadCount(ctx.em, actorOf(ctx).userId) }),
  }),

  /** A file sent in a thread, for its participants. */
  'messages.attachment': query({
    params: z.object({ id: z.string().uuid() }),
    access: 'session',
    action: 'получение вложения',
    handler: async (p, ctx) => {
      const file = await ctx.em.findOne(MessageAttachmentEntity, { where: { id: p.id, deletedAt: IsNull() } });
      if (!file) throw fail.notFound('Вложение');
      await ownParticipation(ctx.em, file.threadId, actorOf(ctx).userId).catch(() => {
        throw fail.notFound('Вложение');
      });
      return { fileName: file.fileName, mime: file.mime, base64: file.contentBase64, bytes: file.sizeBytes };
    },
  }),
};
