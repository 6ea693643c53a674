import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startWebHost, type WebHost } from '../../../main/web-host';
import { fixedClock } from '../../../main/core/shared/clock';

export interface HostFixture {
  host: WebHost;
  dataDir: string;
  rendererDir: string;
  close(): Promise<void>;
}

/** A web host on any free port, over a fresh data folder and a tiny stand-in for the built renderer. */
export async function openHost(): Promise<HostFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-web-'));
  const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Классный журнал</title>');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)');
  const host = await startWebHost({
    port: 0,
    dataDir,
    rendererDir,
    clock: fixedClock('2026-11-23T07:00:00.000Z'),
    log: { info: () => {}, error: () => {} },
  });
  return {
    host,
    dataDir,
    rendererDir,
    close: async () => {
      await host.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(rendererDir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A plain HTTP request with any headers (fetch will not send a forged Host). */
export function request(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** POST /api/call with a JSON body and an optional cookie. */
export function call(base: string, method: string, params: unknown, cookie?: string | null): Promise<RawResponse> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (cookie) headers.Cookie = cookie;
  return request(new URL('/api/call', base).toString(), { method: 'POST', headers, body: JSON.stringify({ method, params }) });
}

/** The `name=value` part of the session cookie a response set. */
export function sessionCookie(res: RawResponse): string | null {
  const set = res.headers['set-cookie']?.find((c) => c.startsWith('kz_session='));
  return set ? set.split(';')[0] : null;
}

export const SCHOOL = {
  schoolName: 'МБОУ «Средняя общеобразовательная школа № 1»',
  admin: { lastName: 'Соколова', firstName: 'Ирина', middleName: 'Петровна', login: 'admin', password: 'Пароль-2026' },
};
