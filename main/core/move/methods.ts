import { z } from 'zod';
import { noParams, operation, query } from '../api/contract';
import { AppError } from '../shared/errors';
import { BackgroundJobs } from '../shared/background-job';
import { hasSyncConfig } from '../sync/service/config';
import { inspectTarget } from './inspect';
import { moveDatabase, schoolHere, refuseMove, type MoveOutcome } from './move';
import { describeDb, serverParts, targetFormSchema, targetOf } from './target';
import { lastMove } from './history';

const jobs = new BackgroundJobs<MoveOutcome>(
  'Журнал уже переносится. Дождитесь окончания.',
  'Задание переноса журнала не найдено.',
  'Журнал не перенесён',
);

export const moveMethods = {
  /** Where the school's database is, where it came from, and what stands in the way of a move. */
  'database.status': query({
    params: noParams,
    access: 'settings.manage',
    action: 'просмотр сведений о базе данных',
    handler: async (_p, ctx) => {
      const config = ctx.runtime.dbConfig;
      return {
        engine: config.kind,
        current: describeDb(config),
        file: config.kind === 'sqlite' ? config.file : null,
        server: config.kind === 'postgres' ? { ...serverParts(config.url), schema: config.schema ?? null } : null,
        lastMove: lastMove(ctx.runtime.dataDir),
        /** This computer syncs through a shared folder: a server cannot be enabled with it. */
        syncConfigured: hasSyncConfig(ctx.runtime.dataDir),
        /** KZ_DATABASE_URL decides the database: the program cannot switch it. */
        envOverride: !!process.env.KZ_DATABASE_URL,
        moving: jobs.running(ctx.runtime)?.taskId ?? null,
      };
    },
  }),

  /** The connection test: says in Russian whether the school can move there, and if not, why. */
  'database.test': operation({
    params: targetFormSchema,
    access: 'settings.manage',
    action: 'проверка подключения к базе данных',
    handler: async (p, ctx) => {
      const target = targetOf(p);
      refuseMove(ctx.runtime, target);
      return inspectTarget(target, await schoolHere(ctx.runtime.database().manager, ctx.runtime.dbConfig));
    },
  }),

  /**
   * Starts the move in the background (move.ts): the target tested first, so
   * that a refusal comes at once; then the copy, the check and the switch as
   * a job with progress events. Calls wait while it runs.
   */
  'database.move': operation({
    params: targetFormSchema,
    access: 'settings.manage',
    action: 'перенос журнала в другую базу данных',
    handler: async (p, ctx) => {
      const runtime = ctx.runtime;
      const target = targetOf(p);
      refuseMove(runtime, target);
      const check = await inspectTarget(target, await schoolHere(runtime.database().manager, runtime.dbConfig));
      if (!check.ok) throw new AppError('CONFLICT', check.message, { state: check.state });
      const origin = { userId: ctx.actor?.userId ?? null, method: ctx.method };
      const by = ctx.actor?.login ?? null;
      return jobs.start(runtime, ctx.session, (onProgress) => runtime.serialize(() => moveDatabase(runtime, target, { onProgress, origin, by })));
    },
  }),

  /** The move's state; while it runs the call waits in the queue, so it answers when the move has ended. */
  'database.moveJob': query({
    params: z.object({ taskId: z.string().min(1) }),
    access: 'settings.manage',
    action: 'просмотр хода переноса журнала',
    handler: async (p, ctx) => jobs.view(ctx.runtime, p.taskId),
  }),
};
