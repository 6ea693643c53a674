import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { actorOf, noParams, operation, query } from '../api/contract';
import { AcademicYearEntity } from '../db/entities/calendar';
import { YearArchiveRecordEntity } from '../db/entities/operations';
import { AppError } from '../shared/errors';
import { buildYearArchive } from './build';
import { archiveJob, startArchiveJob } from './jobs';
import { verifyArchive } from './verify';

export function defaultArchiveDir(dataDir: string): string {
  return path.join(dataDir, 'archive');
}

export const archiveMethods = {
  /** The years and the archives made of them. */
  'archive.list': query({
    params: noParams,
    access: 'school.view',
    action: 'просмотр архива учебных лет',
    handler: async (_p, ctx) => {
      const years = await ctx.em.find(AcademicYearEntity, { order: { startDate: 'DESC' } });
      const records = await ctx.em.find(YearArchiveRecordEntity, { order: { createdAt: 'DESC' } });
      return {
        years: years.filter((y) => !y.deletedAt).map((y) => ({ id: y.id, name: y.name, status: y.status, closedAt: y.closedAt })),
        archives: records
          .filter((r) => !r.deletedAt)
          .map((r) => ({
            id: r.id,
            yearId: r.yearId,
            yearName: years.find((y) => y.id === r.yearId)?.name ?? '',
            path: r.path,
            zip: `${r.path}.zip`,
            manifestSha256: r.manifestSha256,
            fileCount: r.fileCount,
            createdAt: r.createdAt,
            present: fs.existsSync(r.path) || fs.existsSync(`${r.path}.zip`),
          })),
      };
    },
  }),

  /** Starts the archive of a closed year in the background; progress comes as events, the end by `archive.job`. */
  'archive.start': operation({
    params: z.object({ yearId: z.string().uuid(), outDir: z.string().trim().min(1).max(1000).optional() }),
    access: 'archive.manage',
    action: 'составление архива учебного года',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const runtime = ctx.runtime;
      const year = await runtime.database().manager.findOne(AcademicYearEntity, { where: { id: p.yearId } });
      if (!year || year.deletedAt) throw new AppError('NOT_FOUND', 'Учебный год не найден.');
      if (year.status !== 'closed') {
        throw new AppError('CONFLICT', `Архив составляется для закрытого учебного года. Сначала закройте ${year.name} учебный год.`);
      }
      const outDir = p.outDir ? path.resolve(p.outDir) : defaultArchiveDir(runtime.dataDir);
      const db = runtime.dbConfig;
      const origin = { userId: actor.userId, method: ctx.method };
      const job = startArchiveJob(runtime, ctx.session, async (onProgress) => {
        const result = await buildYearArchive({ db, yearId: year.id, outDir, actor, now: runtime.clock.now(), onProgress });
        await runtime.serialize(() =>
          runtime.transact(origin, async (write) => {
            const record = await write.insert(YearArchiveRecordEntity, {
              yearId: year.id,
              path: result.folder,
              manifestSha256: result.manifestSha256,
              fileCount: result.fileCount,
            });
            await write.event('YearArchiveRecord', record.id, 'created', { folder: result.folder, missing: result.missing });
          }),
        );
        return result;
      });
      return job;
    },
  }),

  'archive.job': query({
    params: z.object({ taskId: z.string().min(1) }),
    access: 'archive.manage',
    action: 'просмотр хода составления архива',
    handler: async (p, ctx) => archiveJob(ctx.runtime, p.taskId),
  }),

  /** Checks an archive against its manifest, and the manifest against the checksum recorded when it was made. */
  'archive.verify': operation({
    params: z.object({ id: z.string().uuid() }),
    access: 'archive.manage',
    action: 'проверка архива учебного года',
    handler: async (p, ctx) => {
      const record = await ctx.runtime.database().manager.findOne(YearArchiveRecordEntity, { where: { id: p.id } });
      if (!record || record.deletedAt) throw new AppError('NOT_FOUND', 'Архив не найден.');
      const target = fs.existsSync(record.path) ? record.path : `${record.path}.zip`;
      if (!fs.existsSync(target)) throw new AppError('NOT_FOUND', `Папка архива не найдена: ${record.path}. Возможно, носитель отключён или архив перенесён.`);
      const result = await verifyArchive(target, record.manifestSha256);
      await ctx.runtime.transact({ userId: ctx.actor?.userId ?? null, method: ctx.method }, (write) =>
        write.event('YearArchiveRecord', record.id, 'verified', { ok: result.ok, changed: result.changed, missing: result.missing, extra: result.extra }),
      );
      return { ...result, target };
    },
  }),
};
