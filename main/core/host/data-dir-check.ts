import fs from 'node:fs';
import path from 'node:path';
import type { DbConfig } from '../db/data-source';
import { storageFailureOf } from '../db/errors';
import { AppError } from '../shared/errors';

/**
 * Before a host opens anything: can the data folder be written? On a
 * read-only disk the program used to start and then refuse every login; now
 * it does not start, and says why (issue 17, item 7). A probe file is written,
 * flushed and removed; the database file and its journal files must be
 * writable too.
 */
export function ensureWritableDataDir(dataDir: string, db: DbConfig): void {
  const probe = path.join(dataDir, `.write-check-${process.pid}`);
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    const fd = fs.openSync(probe, 'w', 0o600);
    try {
      fs.writeSync(fd, 'klassny-zhurnal');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.rmSync(probe, { force: true });
    if (db.kind === 'sqlite') {
      for (const file of [db.file, `${db.file}-wal`, `${db.file}-shm`]) {
        if (fs.existsSync(file)) fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
      }
    }
  } catch (e) {
    fs.rmSync(probe, { force: true });
    throw startRefusal(dataDir, e);
  }
}

function startRefusal(dataDir: string, e: unknown): unknown {
  const reason = (e as Error).message ?? String(e);
  switch (storageFailureOf(e)) {
    case 'DISK_READ_ONLY':
      return new AppError(
        'DISK_READ_ONLY',
        `Папка данных «${dataDir}» доступна только для чтения, поэтому журнал не запускается: он не смог бы сохранить ни одной записи ` +
          '(и даже вход в программу). Попросите администратора разрешить запись в эту папку или выберите другую папку данных.',
        { reason },
      );
    case 'DISK_FULL':
      return new AppError(
        'DISK_FULL',
        `На диске с папкой данных «${dataDir}» нет места, поэтому журнал не запускается: он не смог бы сохранить ни одной записи. ` +
          'Освободите место на диске (удалите ненужные файлы или обратитесь к администратору) и запустите журнал снова.',
        { reason },
      );
    case 'DISK_IO':
      return new AppError(
        'DISK_IO',
        `Диск с папкой данных «${dataDir}» не читается или не записывается, поэтому журнал не запускается. Сообщите администратору.`,
        { reason },
      );
    default:
      return e;
  }
}
