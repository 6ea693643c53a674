import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AppError } from '../shared/errors';

const run = promisify(execFile);

/**
 * pg_dump archives, which older versions of the program made for a school on
 * PostgreSQL (it now makes the portable copy, portable/): still checked by
 * `pg_restore --list` (the archive reads whole) and their SHA-256. Restoring
 * one over a server database is left to the server's administrator with
 * `pg_restore`: the program refuses it with the command to run.
 */
export async function pgVerifyDump(file: string): Promise<{ ok: boolean; problems: string[] }> {
  try {
    const { stdout } = await run('pg_restore', ['--list', file], { maxBuffer: 64 * 1024 * 1024 });
    const tables = stdout.split('\n').filter((l) => / TABLE DATA /.test(l)).length;
    return tables > 0 ? { ok: true, problems: [] } : { ok: false, problems: ['в архиве нет данных таблиц'] };
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw toolError('pg_restore', e);
    return { ok: false, problems: [`pg_restore не читает архив: ${(err.stderr ?? err.message).trim().slice(0, 300)}`] };
  }
}

export function pgRestoreRefusal(file: string): AppError {
  return new AppError(
    'CONFLICT',
    `Восстановление базы данных на сервере PostgreSQL программа не выполняет: его делает администратор сервера командой «pg_restore --clean --if-exists --dbname=<адрес базы> "${file}"» при остановленной программе.`,
  );
}

function toolError(tool: string, e: unknown): AppError {
  const err = e as NodeJS.ErrnoException & { stderr?: string };
  if (err.code === 'ENOENT') {
    return new AppError(
      'CONFLICT',
      `Для резервного копирования базы данных PostgreSQL нужна программа ${tool} (клиент PostgreSQL), но она не найдена на этом компьютере. Установите клиент PostgreSQL той же версии, что и сервер, или делайте копии средствами сервера.`,
    );
  }
  return new AppError('INTERNAL', `Программа ${tool} завершилась с ошибкой: ${(err.stderr ?? err.message).trim().slice(0, 300)}`);
}
