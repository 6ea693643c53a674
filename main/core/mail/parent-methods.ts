import { z } from 'zod';
import { In, IsNull } from 'typeorm';
import { actorOf, mutation, query, type QueryContext } from '../api/contract';
import { MailBatchEntity, MailFileEntity, MailOutboxItemEntity, type MailBatch } from '../db/entities/mail';
import { StudentEntity } from '../db/entities/contingent';
import { loadClass } from '../reports/data/year';
import { seesWholeSchool, leadsClassIds } from '../reports/scope';
import { AppError, fail } from '../shared/errors';
import { namesOf } from '../messages/people';
import { compareRu } from '../shared/text';
import { assertMaySend, composeLetters, parentMailParams } from './compose';
import { mailQueue } from './queue';

/** The log of a class's letters: its class teacher and the administration read it. */
async function assertMayRead(ctx: QueryContext, classId: string | null): Promise<void> {
  const actor = actorOf(ctx);
  if (seesWholeSchool(actor)) return;
  if (classId && actor.staffId && (await leadsClassIds(ctx.em, actor.staffId)).includes(classId)) return;
  throw new AppError('FORBIDDEN', 'Журнал писем родителям класса ведёт его классный руководитель; его видит и администрация школы.');
}

async function loadBatch(ctx: QueryContext, id: string): Promise<MailBatch> {
  const b = await ctx.em.findOne(MailBatchEntity, { where: { id, deletedAt: IsNull() } });
  if (!b) throw fail.notFound('Рассылка');
  await assertMayRead(ctx, b.classId);
  return b;
}

/**
 * Parents informed by e-mail (issue 19, items 3–4): a preview of every
 * letter exactly as it will go, the sending (a queue in the background),
 * and the log with each guardian's state.
 */
export const parentMailMethods = {
  'parentMail.preview': query({
    params: parentMailParams,
    access: 'reports.view',
    action: 'просмотр писем родителям',
    handler: async (p, ctx) => {
      const c = await composeLetters(ctx, p, { files: true });
      return { className: c.className, spanLabel: c.span?.label ?? null, letters: c.letters };
    },
  }),

  /** The PDF one student's guardians will get. */
  'parentMail.previewFile': query({
    params: parentMailParams.extend({ studentId: z.string().uuid() }),
    access: 'reports.view',
    action: 'просмотр выписки для родителей',
    handler: async (p, ctx) => {
      const c = await composeLetters(ctx, { ...p, kind: 'extract', studentIds: [p.studentId] }, { files: true });
      const file = c.files.get(p.studentId);
      if (!file) throw fail.validation('Родителям этого обучающегося выписка по электронной почте не отправляется.');
      return file;
    },
  }),

  'parentMail.send': mutation({
    params: parentMailParams,
    access: 'reports.view',
    action: 'отправка писем родителям',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const c = await composeLetters(ctx, p, { files: true });
      const allowed = c.letters.filter((l) => l.allowed);
      if (allowed.length === 0) {
        throw fail.validation('Ни одному родителю нельзя отправить письмо: нет адресов электронной почты или согласий на обработку персональных данных. Выписки можно напечатать.');
      }
      const cls = await loadClass(ctx.em, p.classId);
      const batch = await ctx.write.insert(MailBatchEntity, {
        yearId: cls.yearId,
        classId: cls.id,
        kind: p.kind,
        subject: p.kind === 'message' ? p.subject! : 'Выписка из электронного журнала',
        body: p.kind === 'message' ? p.body! : '',
        spanFrom: c.span?.from ?? null,
        spanTo: c.span?.to ?? null,
        spanLabel: c.span?.label ?? null,
        createdBy: actor.userId,
        computerId: ctx.runtime.changes.computerId,
      });
      await ctx.write.insertMany(
        MailFileEntity,
        [...c.files].filter(([studentId]) => allowed.some((l) => l.studentId === studentId)).map(([studentId, f]) => ({ batchId: batch.id, studentId, fileName: f.fileName, sizeBytes: f.bytes, contentBase64: f.base64 })),
      );
      await ctx.write.insertMany(
        MailOutboxItemEntity,
        allowed.map((l) => ({
          batchId: batch.id,
          studentId: l.studentId,
          guardianId: l.guardianId!,
          toAddress: l.toAddress!,
          toName: l.guardianName,
          subject: l.subject,
          body: l.body,
          status: 'waiting' as const,
          attempts: 0,
          nextAttemptAt: null,
          lastError: null,
          sentAt: null,
          messageId: null,
        })),
      );
      // The queue runs once this call has committed (it takes its turn after it).
      mailQueue(ctx.runtime).kick();
      return { batchId: batch.id, queued: allowed.length, skipped: c.letters.length - allowed.length };
    },
  }),

  /** A class's sendings of the year, newest first, with how many letters are in each state. */
  'parentMail.batches': query({
    params: z.object({ classId: z.string().uuid() }),
    access: 'reports.view',
    action: 'просмотр журнала писем родителям',
    handler: async (p, ctx) => {
      await assertMayRead(ctx, p.classId);
      const batches = await ctx.em.find(MailBatchEntity, { where: { classId: p.classId, deletedAt: IsNull() }, order: { createdAt: 'DESC' } });
      const items = batches.length ? await ctx.em.find(MailOutboxItemEntity, { where: { batchId: In(batches.map((b) => b.id)), deletedAt: IsNull() } }) : [];
      const authors = await namesOf(ctx.em, batches.map((b) => b.createdBy));
      return batches.map((b) => {
        const own = items.filter((i) => i.batchId === b.id);
        const count = (status: string) => own.filter((i) => i.status === status).length;
        return {
          id: b.id,
          kind: b.kind,
          subject: b.kind === 'extract' ? `Выписки за ${b.spanLabel ?? ''}` : b.subject,
          createdAt: b.createdAt,
          authorName: authors.get(b.createdBy) ?? '',
          total: own.length,
          sent: count('sent'),
          waiting: count('waiting'),
          refused: count('refused'),
          failed: count('failed'),
        };
      });
    },
  }),

  /** Each letter of a sending with its state: sent, waiting (and when the next try is), refused with the server's reason. */
  'parentMail.batch': query({
    params: z.object({ id: z.string().uuid() }),
    access: 'reports.view',
    action: 'просмотр журнала писем родителям',
    handler: async (p, ctx) => {
      const b = await loadBatch(ctx, p.id);
      const items = await ctx.em.find(MailOutboxItemEntity, { where: { batchId: b.id, deletedAt: IsNull() }, order: { toName: 'ASC' } });
      const students = items.length ? await ctx.em.find(StudentEntity, { where: { id: In([...new Set(items.map((i) => i.studentId))]) } }) : [];
      const names = new Map(students.map((s) => [s.id, `${s.lastName} ${s.firstName}`]));
      const rows = items.map((i) => ({
        id: i.id,
        studentName: names.get(i.studentId) ?? '',
        guardianName: i.toName,
        toAddress: i.toAddress,
        status: i.status,
        attempts: i.attempts,
        nextAttemptAt: i.nextAttemptAt,
        lastError: i.lastError,
        sentAt: i.sentAt,
      }));
      return rows.sort((a, b) => compareRu(a.studentName, b.studentName) || compareRu(a.guardianName, b.guardianName));
    },
  }),

  /** The letters given up (tries used up) go back to the queue, after the server is put right. */
  'parentMail.retry': mutation({
    params: z.object({ batchId: z.string().uuid() }),
    access: 'reports.view',
    action: 'повторная отправка писем родителям',
    handler: async (p, ctx) => {
      const b = await loadBatch(ctx, p.batchId);
      await assertMaySend(ctx, b.classId ?? '');
      const failed = await ctx.em.find(MailOutboxItemEntity, { where: { batchId: b.id, status: 'failed', deletedAt: IsNull() } });
      for (const i of failed) await ctx.write.update(MailOutboxItemEntity, i.id, { status: 'waiting', attempts: 0, nextAttemptAt: null });
      if (failed.length > 0) mailQueue(ctx.runtime).kick();
      return { queued: failed.length };
    },
  }),
};
