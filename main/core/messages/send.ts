import { IsNull } from 'typeorm';
import type { MutationContext } from '../api/contract';
import { actorOf } from '../api/contract';
import { rolesAllow } from '../auth/permissions';
import { MessageAttachmentEntity, MessageEntity, MessageParticipantEntity, MessageThreadEntity, type MessageThread } from '../db/entities/messages';
import { AcademicYearEntity } from '../db/entities/calendar';
import { resolveYear } from '../reports/data/year';
import { buildReport } from '../reports/methods';
import type { ReportParams } from '../reports/registry';
import { writeReport } from '../reports/output';
import { schoolTodayOf } from '../settings/school-today';
import { AppError, fail } from '../shared/errors';
import { searchKey } from '../shared/text';
import { yearClosed } from '../year/lock';
import { resolveAudience, type AudienceParam } from './audience';
import { ownParticipation } from './mailbox';

/** A report's PDF sent in the mail is kept in the database and travels with the sync: a few megabytes at most. */
export const MAX_ATTACHMENT_BYTES = 3 * 1024 * 1024;

export interface NewMessage {
  body: string;
  /** A report of the program, sent as its PDF. */
  report?: ReportParams;
}

/**
 * Starts a thread (or, for a remark that already has one, writes in it) and
 * sends the first message. Returns the thread's id.
 */
export async function startThread(ctx: MutationContext, to: AudienceParam, subject: string | undefined, message: NewMessage): Promise<string> {
  const actor = actorOf(ctx);
  const today = await schoolTodayOf(ctx);
  const year = await resolveYear(ctx.em, undefined, today);
  const audience = await resolveAudience(ctx.em, actor, to, today, year.id);
  if (audience.people.length < 2) throw fail.validation('Выберите хотя бы одного получателя, кроме себя.', { to: 'Выберите получателя' });
  if (audience.topic) {
    const existing = await ctx.em.findOne(MessageThreadEntity, { where: { topicKind: audience.topic.kind, topicId: audience.topic.id, deletedAt: IsNull() } });
    if (existing) {
      // A deputy other than the remark's author joins the discussion when writing in it.
      const present = await ctx.em.findOne(MessageParticipantEntity, { where: { threadId: existing.id, userId: actor.userId, deletedAt: IsNull() } });
      if (!present) await ctx.write.insert(MessageParticipantEntity, { threadId: existing.id, userId: actor.userId, seenCount: 0 });
      await postMessage(ctx, existing, message);
      return existing.id;
    }
  }
  const title = audience.topic?.subject ?? subject?.trim();
  if (!title) throw fail.validation('Укажите тему сообщения.', { subject: 'Укажите тему' });
  if (year.status === 'closed') throw yearClosed(year.name);
  const sentAt = ctx.clock.now().toISOString();
  const thread = await ctx.write.insert(MessageThreadEntity, {
    yearId: year.id,
    subject: title.slice(0, 300),
    audienceLabel: audience.label.slice(0, 300),
    topicKind: audience.topic?.kind ?? null,
    topicId: audience.topic?.id ?? null,
    createdBy: actor.userId,
    lastMessageAt: sentAt,
  });
  await ctx.write.insertMany(
    MessageParticipantEntity,
    audience.people.map((p) => ({ threadId: thread.id, userId: p.userId, seenCount: 0 })),
  );
  await postMessage(ctx, thread, message, sentAt);
  return thread.id;
}

/** A reply in a thread the sender takes part in (NOT_FOUND otherwise, as for a thread that does not exist). */
export async function reply(ctx: MutationContext, threadId: string, message: NewMessage): Promise<void> {
  const actor = actorOf(ctx);
  const { thread } = await ownParticipation(ctx.em, threadId, actor.userId);
  await postMessage(ctx, thread, message);
}

/**
 * Writes the message and its attachment, moves the thread's time, and counts
 * as seen, for the sender, everything the thread held: one who answers has
 * read what they answer.
 */
async function postMessage(ctx: MutationContext, thread: MessageThread, message: NewMessage, at?: string): Promise<void> {
  const actor = actorOf(ctx);
  const year = await ctx.em.findOne(AcademicYearEntity, { where: { id: thread.yearId } });
  if (year?.status === 'closed') throw yearClosed(year.name);
  const body = message.body.trim();
  if (!body && !message.report) throw fail.validation('Напишите текст сообщения.', { body: 'Напишите текст' });
  const file = message.report ? await reportAttachment(ctx, message.report) : null;
  const sentAt = at ?? laterThan(ctx.clock.now().toISOString(), thread.lastMessageAt);
  const row = await ctx.write.insert(MessageEntity, { threadId: thread.id, fromUserId: actor.userId, body, sentAt, searchText: searchKey(body, file?.fileName) });
  if (file) {
    await ctx.write.insert(MessageAttachmentEntity, {
      threadId: thread.id,
      messageId: row.id,
      fileName: file.fileName,
      mime: file.mime,
      sizeBytes: file.bytes,
      contentBase64: file.base64,
      reportKind: message.report!.kind,
    });
  }
  if (sentAt !== thread.lastMessageAt) await ctx.write.update(MessageThreadEntity, thread.id, { lastMessageAt: sentAt });
  await markSeen(ctx, thread.id, actor.userId);
}

/** The thread's order is by time: a message is never placed before the one it answers, whatever this computer's clock says. */
function laterThan(now: string, last: string): string {
  return now > last ? now : new Date(Date.parse(last) + 1).toISOString();
}

/** Counts every message of the others in the thread as seen by the user. */
export async function markSeen(ctx: MutationContext, threadId: string, userId: string): Promise<number> {
  const rows = await ctx.em.find(MessageParticipantEntity, { where: { threadId, userId, deletedAt: IsNull() } });
  if (rows.length === 0) throw fail.notFound('Переписка');
  const others = await ctx.em
    .createQueryBuilder(MessageEntity, 'm')
    .where('m.threadId = :threadId AND m.fromUserId <> :userId AND m.deletedAt IS NULL', { threadId, userId })
    .getCount();
  for (const me of rows) if (others > me.seenCount) await ctx.write.update(MessageParticipantEntity, me.id, { seenCount: others });
  return others;
}

/**
 * A report of the program as a PDF for a colleague. The sender must be
 * allowed to build it (the report's own scope: a teacher's own classes); the
 * file stays within the school's staff, so every student is named in it, as
 * on the paper the school keeps.
 */
async function reportAttachment(ctx: MutationContext, report: ReportParams) {
  const actor = actorOf(ctx);
  if (!rolesAllow(actor.roles, 'reports.view')) throw new AppError('FORBIDDEN', 'Отчёты формирует учитель или администрация: прикрепить отчёт к письму нельзя.');
  const model = await buildReport(ctx, report, 'school');
  const file = await writeReport(model, 'pdf');
  if (file.bytes > MAX_ATTACHMENT_BYTES) {
    const mb = (file.bytes / 1024 / 1024).toFixed(1).replace('.', ',');
    throw fail.validation(`Отчёт «${model.title}» занимает ${mb} МБ — больше, чем можно отправить в письме (3 МБ). Сохраните его и передайте на бумаге или на флешке.`);
  }
  return file;
}
