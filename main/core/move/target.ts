import path from 'node:path';
import { z } from 'zod';
import type { DbConfig } from '../db/data-source';
import { AppError } from '../shared/errors';

/**
 * Where a school may move: a PostgreSQL server (the form of the settings
 * screen, or a `postgres://` address on the command line) or a new SQLite
 * file on this computer.
 */
export const TLS_MODES = ['off', 'require', 'verify'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

export const serverFormSchema = z.object({
  kind: z.literal('postgres'),
  host: z.string().trim().min(1, 'Укажите адрес сервера').max(255),
  port: z.number().int().min(1, 'Порт — число от 1 до 65535').max(65535, 'Порт — число от 1 до 65535'),
  database: z.string().trim().min(1, 'Укажите имя базы данных').max(63),
  user: z.string().trim().min(1, 'Укажите пользователя').max(63),
  password: z.string().max(200),
  /** off: without TLS; require: TLS without checking the certificate; verify: TLS with the certificate checked. */
  tls: z.enum(TLS_MODES),
  /** A schema of its own inside the database (optional; by default the user's usual one). */
  schema: z
    .string()
    .trim()
    .max(63)
    .regex(/^[a-z_][a-z0-9_]*$/, 'Имя схемы — латинские строчные буквы, цифры и «_»')
    .nullable()
    .optional(),
});

export const fileFormSchema = z.object({
  kind: z.literal('sqlite'),
  /** The new file, an absolute path on this computer. */
  file: z.string().trim().min(1, 'Укажите файл').max(1000),
});

export const targetFormSchema = z.discriminatedUnion('kind', [serverFormSchema, fileFormSchema]);
export type TargetForm = z.infer<typeof targetFormSchema>;

const SSLMODE: Record<TlsMode, string> = { off: 'disable', require: 'no-verify', verify: 'verify-full' };

/** The database a form names. */
export function targetOf(form: TargetForm): DbConfig {
  if (form.kind === 'sqlite') {
    if (!path.isAbsolute(form.file)) {
      throw new AppError('VALIDATION', 'Укажите полный путь к новому файлу, например C:\\Журнал\\school.sqlite.', { fields: { file: 'Нужен полный путь' } });
    }
    if (!/\.sqlite$/i.test(form.file)) {
      throw new AppError('VALIDATION', 'Имя файла базы данных должно оканчиваться на .sqlite.', { fields: { file: 'Имя должно оканчиваться на .sqlite' } });
    }
    return { kind: 'sqlite', file: path.resolve(form.file) };
  }
  const user = encodeURIComponent(form.user);
  const password = form.password ? `:${encodeURIComponent(form.password)}` : '';
  const host = form.host.includes(':') && !form.host.startsWith('[') ? `[${form.host}]` : form.host;
  const url = `postgres://${user}${password}@${host}:${form.port}/${encodeURIComponent(form.database)}?sslmode=${SSLMODE[form.tls]}`;
  return form.schema ? { kind: 'postgres', url, schema: form.schema } : { kind: 'postgres', url };
}

/** A target typed on the command line: a `postgres://` address, or a path to a new `.sqlite` file. */
export function targetOfText(text: string, schema?: string): DbConfig {
  if (/^postgres(ql)?:\/\//i.test(text)) return schema ? { kind: 'postgres', url: text, schema } : { kind: 'postgres', url: text };
  return targetOf({ kind: 'sqlite', file: path.resolve(text) });
}

/** A database as a person reads it, without its password. */
export function describeDb(config: DbConfig): string {
  if (config.kind === 'sqlite') return config.file;
  const { host, port, database, user } = serverParts(config.url);
  return `PostgreSQL ${user ? `${user}@` : ''}${host}:${port}/${database}${config.schema ? `, схема ${config.schema}` : ''}`;
}

export function serverParts(url: string): { host: string; port: number; database: string; user: string; tls: TlsMode } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('VALIDATION', 'Адрес сервера PostgreSQL записан неверно: ожидается postgres://пользователь:пароль@сервер:5432/база.');
  }
  const sslmode = u.searchParams.get('sslmode');
  const tls: TlsMode = !sslmode || sslmode === 'disable' ? 'off' : sslmode === 'verify-full' || sslmode === 'verify-ca' ? 'verify' : 'require';
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : 5432,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username),
    user: decodeURIComponent(u.username),
    tls,
  };
}

/** Whether two configurations name the same database. */
export function sameDb(a: DbConfig, b: DbConfig): boolean {
  if (a.kind === 'sqlite' || b.kind === 'sqlite') return a.kind === 'sqlite' && b.kind === 'sqlite' && path.resolve(a.file) === path.resolve(b.file);
  const x = serverParts(a.url);
  const y = serverParts(b.url);
  return x.host === y.host && x.port === y.port && x.database === y.database && (a.schema ?? null) === (b.schema ?? null);
}
