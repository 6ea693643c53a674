import { z } from 'zod';
import { mutation, noParams, operation, query, type OperationContext } from '../api/contract';
import { DataSetEntity } from '../db/entities/system';
import { AppError } from '../shared/errors';
import { listConflicts, toDto } from './conflicts/list';
import { settleConflict } from './conflicts/settle';
import { SharedFolder } from './share';
import { MIN_PASSPHRASE_LENGTH } from './share/kdf';
import { SyncService } from './service/service';
import { checkFolderPath } from './folder-path';

/**
 * Sync between the school's computers through the shared folder
 * (sync/README.md «API»). Long work (the shared database file, joining from
 * it, a cycle) is started here and runs outside the core's queue; the status
 * shows it.
 */

const root = z.string().trim().min(1, 'Укажите общую папку').max(1000);
const computerName = z.string().trim().min(1, 'Укажите, как называть этот компьютер').max(200);
const passphrase = z.string().min(MIN_PASSPHRASE_LENGTH, `Парольная фраза — не короче ${MIN_PASSPHRASE_LENGTH} символов`).max(500);

/** The first run of a computer joining the school: refused once this computer has a school (then it is the administrator's `sync.join`). */
async function requireNoSchool(ctx: OperationContext): Promise<void> {
  if (await ctx.runtime.database().manager.findOne(DataSetEntity, { where: {} })) {
    throw new AppError(
      'CONFLICT',
      'На этом компьютере уже есть школа. Подключить его к общей папке может администратор: Настройки → Общая папка.',
    );
  }
}

export const syncMethods = {
  /** The app bar's status: the state, what waits here, conflicts, clock warnings. */
  'sync.status': query({
    params: noParams,
    access: 'session',
    action: 'просмотр состояния синхронизации',
    handler: async (_p, ctx) => SyncService.for(ctx.runtime).status(),
  }),

  /** Settings → «Общая папка»: the folder, the computers, quarantined files, where the key is kept. */
  'sync.folder': query({
    params: noParams,
    access: 'sync.manage',
    action: 'просмотр настроек общей папки',
    handler: async (_p, ctx) => SyncService.for(ctx.runtime).folderInfo(),
  }),

  /** The folder test: write, read, rename, delete, and how long each took. */
  'sync.probe': operation({
    params: z.object({ root }),
    access: 'sync.manage',
    action: 'проверка общей папки',
    handler: async (p, ctx) => SharedFolder.probe(await checkFolderPath(p.root), { clock: ctx.clock }),
  }),

  /** Makes the school's shared folder from this computer's database (the first computer). */
  'sync.create': operation({
    params: z.object({ root, passphrase, computerName }),
    access: 'sync.manage',
    action: 'создание общей папки',
    handler: async (p, ctx) => {
      await checkFolderPath(p.root);
      await SyncService.for(ctx.runtime).create(p, { inQueue: true });
      await ctx.runtime.transact({ userId: ctx.actor?.userId ?? null, method: ctx.method }, (write) => write.event('SyncConfig', 'sync', 'создана общая папка', { root: p.root, computerName: p.computerName }));
      return SyncService.for(ctx.runtime).status();
    },
  }),

  /** Joins this computer, with this school's database, to the school's folder (the administrator types the passphrase here). */
  'sync.join': operation({
    params: z.object({ root, passphrase, computerName }),
    access: 'sync.manage',
    action: 'подключение к общей папке',
    handler: async (p, ctx) => {
      await checkFolderPath(p.root);
      await SyncService.for(ctx.runtime).join(p, { inQueue: true });
      await ctx.runtime.transact({ userId: ctx.actor?.userId ?? null, method: ctx.method }, (write) => write.event('SyncConfig', 'sync', 'компьютер подключён к общей папке', { root: p.root, computerName: p.computerName }));
      return SyncService.for(ctx.runtime).status();
    },
  }),

  /**
   * The first run of a new computer: instead of creating a school, it joins
   * the school's folder and starts from its shared database file (the
   * administrator types the passphrase here). Refused once a school is here.
   */
  'sync.joinNew': operation({
    params: z.object({ root, passphrase, computerName }),
    access: 'public',
    action: 'подключение к общей папке',
    handler: async (p, ctx) => {
      await requireNoSchool(ctx);
      await checkFolderPath(p.root);
      await SyncService.for(ctx.runtime).join(p, { inQueue: true });
      return SyncService.for(ctx.runtime).status();
    },
  }),

  /**
   * The first run's join followed without a session (no one can sign in
   * before the school's database has arrived): what this computer is doing,
   * and why it stopped. Once a school is here it says only that.
   */
  'sync.joinProgress': query({
    params: noParams,
    access: 'public',
    action: 'просмотр подключения к общей папке',
    handler: async (_p, ctx) => {
      if (await ctx.em.findOne(DataSetEntity, { where: {} })) return { joined: true, task: null, error: null };
      const status = await SyncService.for(ctx.runtime).status();
      return { joined: false, task: status.task, error: status.state === 'off' ? null : status.lastError };
    },
  }),

  /** A cycle now (the window got focus, the user asked): started, not waited for. */
  'sync.now': operation({
    params: noParams,
    access: 'session',
    action: 'синхронизация',
    handler: async (_p, ctx) => {
      SyncService.for(ctx.runtime).request();
      return SyncService.for(ctx.runtime).status();
    },
  }),

  /** Makes the shared database file (and removes the batches it makes unneeded): started, shown by the status. */
  'sync.snapshot': operation({
    params: noParams,
    access: 'sync.manage',
    action: 'создание общей базы',
    handler: async (_p, ctx) => {
      SyncService.for(ctx.runtime).requestSnapshot();
      return SyncService.for(ctx.runtime).status();
    },
  }),

  /** Opens every file of the folder whole and says which do not. */
  'sync.verify': operation({
    params: noParams,
    access: 'sync.manage',
    action: 'проверка файлов общей папки',
    handler: async (_p, ctx) => SyncService.for(ctx.runtime).verify(),
  }),

  'sync.releaseQuarantined': operation({
    params: z.object({ id: z.string().min(1).max(100) }),
    access: 'sync.manage',
    action: 'возврат файла из карантина',
    handler: async (p, ctx) => {
      if (!(await SyncService.for(ctx.runtime).releaseQuarantined(p.id))) throw new AppError('NOT_FOUND', 'Файл в карантине не найден: возможно, он уже возвращён.');
      return { released: true };
    },
  }),

  /** Stops syncing on this computer; its data and the folder stay. */
  'sync.disconnect': operation({
    params: noParams,
    access: 'sync.manage',
    action: 'отключение от общей папки',
    handler: async (_p, ctx) => {
      await SyncService.for(ctx.runtime).disconnect();
      await ctx.runtime.transact({ userId: ctx.actor?.userId ?? null, method: ctx.method }, (write) => write.event('SyncConfig', 'sync', 'компьютер отключён от общей папки'));
      return { disconnected: true };
    },
  }),

  /** «Конфликты синхронизации»: what last-writer-wins could not settle. */
  'sync.conflicts': query({
    params: z.object({ state: z.enum(['open', 'settled', 'all']).default('open') }),
    access: 'sync.conflicts',
    action: 'просмотр конфликтов синхронизации',
    handler: async (p, ctx) => listConflicts(ctx.em, p.state),
  }),

  'sync.settleConflict': mutation({
    params: z.object({
      id: z.string().uuid(),
      action: z.enum(['take', 'acknowledge', 'revert']),
      side: z.number().int().min(0).max(100).optional(),
      note: z.string().trim().max(1000).nullable().optional(),
    }),
    access: 'sync.conflicts',
    action: 'решение конфликта синхронизации',
    handler: async (p, ctx) => toDto(ctx.em, await settleConflict(ctx, p)),
  }),
};
