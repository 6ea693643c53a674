import type { ConnectionOptions } from 'node:tls';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { ReadableDb } from '../db/readable';
import type { CoreRuntime } from '../host/runtime';
import { getSetting } from '../settings/store';
import { AppError, fail } from '../shared/errors';
import { loadMailPassword } from './secret';

/** The school's mail server as the settings and this computer's password describe it. */
export interface MailServer {
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  user: string;
  password: string | null;
  fromName: string;
  fromAddress: string;
}

export async function mailServer(em: ReadableDb, dataDir: string): Promise<MailServer> {
  const server: MailServer = {
    host: await getSetting(em, 'mail.host'),
    port: await getSetting(em, 'mail.port'),
    security: await getSetting(em, 'mail.security'),
    user: await getSetting(em, 'mail.user'),
    password: loadMailPassword(dataDir),
    fromName: await getSetting(em, 'mail.fromName'),
    fromAddress: await getSetting(em, 'mail.fromAddress'),
  };
  if (!server.host || !server.fromAddress) {
    throw fail.validation('Почтовый сервер школы не настроен: администратор указывает его в разделе «Настройки» → «Почта».');
  }
  if (server.user && server.password === null) {
    throw fail.validation('На этом компьютере не задан пароль почтового сервера: администратор вводит его в разделе «Настройки» → «Почта».');
  }
  return server;
}

/**
 * Trust beyond the system's certificate authorities, per runtime: a school's
 * own server with its own authority (and the tests' server on loopback).
 */
const extraTls = new WeakMap<CoreRuntime, ConnectionOptions>();
export function trustMailServerCa(runtime: CoreRuntime, tls: ConnectionOptions): void {
  extraTls.set(runtime, tls);
}

const TIMEOUT_MS = 30_000;

export function mailTransport(runtime: CoreRuntime, server: MailServer, opts: { pool?: boolean } = {}) {
  const options: SMTPTransport.Options & { pool?: boolean; maxConnections?: number } = {
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
    auth: server.user ? { user: server.user, pass: server.password ?? '' } : undefined,
    tls: { minVersion: 'TLSv1.2', ...extraTls.get(runtime) },
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    ...(opts.pool ? { pool: true, maxConnections: 1, maxMessages: 100 } : {}),
  };
  return nodemailer.createTransport(options);
}

/** A failure of the server, as the queue judges it and a person reads it. */
export interface MailFailure {
  /** A 5xx answer to this message (no such mailbox, refused): trying again changes nothing. */
  permanent: boolean;
  /** Russian, with the server's own words where it gave any. */
  message: string;
}

export function judgeFailure(error: unknown): MailFailure {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const said = e.response ? ` Ответ сервера: ${e.response.trim()}` : '';
  if (e.code === 'EAUTH') return { permanent: false, message: `Сервер не принял имя пользователя или пароль.${said}` };
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) return { permanent: true, message: `Сервер отказался принять письмо.${said}` };
  if (typeof e.responseCode === 'number' && e.responseCode >= 400) return { permanent: false, message: `Сервер временно не принимает письма.${said}` };
  if (e.code === 'ETIMEDOUT') return { permanent: false, message: 'Почтовый сервер не ответил вовремя.' };
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || e.code === 'EDNS') {
    return { permanent: false, message: `Нет связи с почтовым сервером (${e.message ?? e.code}).` };
  }
  return { permanent: false, message: `Письмо не отправлено: ${e.message ?? 'неизвестная ошибка'}.` };
}

/** The refusal of a test message, for the settings screen. */
export function failureError(error: unknown): AppError {
  return new AppError('VALIDATION', judgeFailure(error).message);
}
