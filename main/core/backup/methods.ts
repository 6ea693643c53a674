import { z } from 'zod';
import { mutation, noParams, operation, query } from '../api/contract';
import { AppError } from '../shared/errors';
import { backupConfigSchema, loadBackupConfig, saveBackupConfig } from './config';
import type { BackupEntry } from './catalog';
import { backupStatus } from './status';
import { backupNow, findBackup, listAllBackups, restoreNow, undoRestoreNow } from './service';
import { verifyBackupFile } from './verify';

/** A backup as the screens see it. */
export interface BackupDto {
  id: string;
  name: string;
  file: string;
  location: BackupEntry['location'];
  kind: BackupEntry['kind'];
  engine: BackupEntry['engine'];
  createdAt: string;
  sizeBytes: number;
  sha256: string;
  encrypted: boolean;
  verifiedAt: string | null;
  integrityOk: boolean;
  problems: string[];
  copyPath: string | null;
  copyError: string | null;
}

function dto(e: BackupEntry): BackupDto {
  return {
    id: e.id,
    name: e.name,
    file: e.file,
    location: e.location,
    kind: e.kind,
    engine: e.engine,
    createdAt: e.createdAt,
    sizeBytes: e.sizeBytes,
    sha256: e.sha256,
    encrypted: e.encrypted,
    verifiedAt: e.verifiedAt,
    integrityOk: e.integrityOk,
    problems: e.problems,
    copyPath: e.copyPath,
    copyError: e.copyError,
  };
}

const backupRef = z.object({
  id: z.string().min(1),
  location: z.enum(['main', 'second']).default('main'),
  password: z.string().max(200).nullable().optional(),
});

const origin = (ctx: { actor: { userId: string; login: string } | null; method: string }) => ({
  userId: ctx.actor?.userId ?? null,
  method: ctx.method,
  login: ctx.actor?.login ?? null,
});

export const backupMethods = {
  /** The last verified backup, the warnings, the undoable restore and this computer's backup settings. */
  'backup.status': query({
    params: noParams,
    access: 'backup.manage',
    action: 'просмотр состояния резервного копирования',
    handler: async (_p, ctx) => backupStatus(ctx.runtime.dataDir, ctx.runtime.dbConfig, ctx.clock.now()),
  }),

  'backup.list': query({
    params: noParams,
    access: 'backup.manage',
    action: 'просмотр резервных копий',
    handler: async (_p, ctx) => listAllBackups(ctx.runtime.dataDir).map(dto),
  }),

  /**
   * A backup by hand: made, verified, copied to the second medium, the
   * retention rule applied. `portable`: the copy that restores into either
   * database (always so for a school on PostgreSQL).
   */
  'backup.create': operation({
    params: z.object({ portable: z.boolean().optional() }).default({}),
    access: 'backup.manage',
    action: 'создание резервной копии',
    handler: async (p, ctx) => {
      const outcome = await backupNow(ctx.runtime, 'manual', origin(ctx), { portable: p.portable });
      return {
        backup: dto(outcome.entry),
        copyPath: outcome.copy.path,
        copyError: outcome.copy.error,
        // Which copies the retention rule removed, so that the screen can name them.
        removed: outcome.removed.map((r) => ({ name: r.name, createdAt: r.createdAt, kind: r.kind, location: r.location })),
      };
    },
  }),

  'backup.verify': operation({
    params: backupRef,
    access: 'backup.manage',
    action: 'проверка резервной копии',
    handler: async (p, ctx) => {
      const entry = findBackup(ctx.runtime.dataDir, p.id, p.location);
      const result = await verifyBackupFile(entry.file, { password: p.password, clock: ctx.clock });
      await ctx.runtime.transact(origin(ctx), (write) =>
        write.event('BackupRecord', entry.id, 'verified', { file: entry.name, ok: result.ok, problems: result.problems }),
      );
      return { ok: result.ok, complete: result.complete, checksumMatches: result.checksumMatches, problems: result.problems };
    },
  }),

  /**
   * Restores a backup: verified first, the current database saved as a
   * backup (the undo), then restored. Every session ends; the user logs in again.
   */
  'backup.restore': operation({
    params: backupRef,
    access: 'backup.manage',
    action: 'восстановление из резервной копии',
    handler: async (p, ctx) => {
      const entry = findBackup(ctx.runtime.dataDir, p.id, p.location);
      const outcome = await restoreNow(ctx.runtime, entry, p.password ?? null, origin(ctx));
      return { restoredFrom: entry.createdAt, preRestore: outcome.preRestore?.createdAt ?? null, damagedCopy: outcome.corruptCopy };
    },
  }),

  'backup.undoRestore': operation({
    params: noParams,
    access: 'backup.manage',
    action: 'отмена восстановления из резервной копии',
    handler: async (_p, ctx) => {
      const outcome = await undoRestoreNow(ctx.runtime, origin(ctx));
      return { restoredFrom: outcome.backupCreatedAt };
    },
  }),

  /** This computer's backup settings: time, closing, second medium, encryption. */
  'backup.setConfig': mutation({
    params: z.object({
      dailyTime: backupConfigSchema.shape.dailyTime,
      onClose: z.boolean(),
      secondDir: z.string().trim().max(1000).nullable(),
      encryptSecond: z.boolean(),
      /** Undefined: keep the current password; null: remove it. */
      password: z.string().min(8, 'Пароль — не короче 8 символов').max(200).nullable().optional(),
    }),
    access: 'backup.manage',
    action: 'изменение настроек резервного копирования',
    handler: async (p, ctx) => {
      const current = loadBackupConfig(ctx.runtime.dataDir);
      const password = p.password === undefined ? current.password : p.password;
      if (p.encryptSecond && !password) {
        throw new AppError('VALIDATION', 'Задайте пароль для шифрования копий.', { fields: { password: 'Задайте пароль' } });
      }
      if (p.encryptSecond && !p.secondDir) {
        throw new AppError('VALIDATION', 'Шифруются копии на втором носителе: укажите его папку.', {
          fields: { secondDir: 'Укажите папку второго носителя' },
        });
      }
      const next = { dailyTime: p.dailyTime, onClose: p.onClose, secondDir: p.secondDir || null, encryptSecond: p.encryptSecond, password };
      saveBackupConfig(ctx.runtime.dataDir, next);
      await ctx.write.event('BackupConfig', 'local', 'changed', {
        dailyTime: next.dailyTime,
        onClose: next.onClose,
        secondDir: next.secondDir,
        encryptSecond: next.encryptSecond,
        passwordChanged: p.password !== undefined,
      });
      return null;
    },
  }),
};
