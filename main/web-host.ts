import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CoreRuntime, Logger } from './core/host/runtime';
import { openHostRuntime } from './core/host/open-host';
import { type CoreEvent, type EventAudience, type TokenSlot } from './core/host/client-session';
import { callHost } from './core/host/host-call';
import { defaultDataDir } from './core/host/paths';
import { startingClock, systemClock, type Clock } from './core/shared/clock';
import { AppError, type ErrorCode, type Result } from './core/shared/errors';
import { CONTENT_SECURITY_POLICY } from './core/host/content-security-policy';
import { MAX_CALL_BYTES, megabytes, UPLOAD_LIMITS } from './core/files/limits';
import { demoDataDir, prepareDemoFolder, type DemoFolder } from './core/host/demo-folder';
import { schoolToday } from './core/shared/school-time';
import { describeDemo } from './core/demo/describe';

/**
 * The browser host: the core and the built renderer served over HTTP on the
 * loopback interface only, so that every screen can be used (and driven by
 * Playwright) in an ordinary browser. One runtime, one database; each browser
 * keeps its session in an HttpOnly cookie the page's scripts cannot read.
 */

export { CONTENT_SECURITY_POLICY };

export const SESSION_COOKIE = 'kz_session';
/** The largest upload the core accepts (files/limits.ts) fits; anything bigger is refused before it is read whole. */
export const MAX_BODY_BYTES = MAX_CALL_BYTES;
const LARGEST_UPLOAD = megabytes(Math.max(...Object.values(UPLOAD_LIMITS).map((l) => l.bytes)));

export interface WebHostOptions {
  host?: string;
  /** 0 picks any free port. */
  port?: number;
  dataDir?: string;
  rendererDir?: string;
  clock?: Clock;
  log?: Logger;
  /** The daily backup and the backup on close (on by default; off for end-to-end tests). */
  scheduledBackups?: boolean;
}

export interface WebHost {
  url: string;
  /** The open core (throws while the database is damaged and waits for its recovery: see `damaged`). */
  readonly runtime: CoreRuntime;
  /** The database was found damaged: the pages show the recovery screen until it is restored. */
  readonly damaged: boolean;
  close(): Promise<void>;
}

/** Reasons not to start that the user can act on: said as they are, exit code 2. */
const REFUSED_AT_START = new Set<ErrorCode>(['DATA_DIR_IN_USE', 'DISK_READ_ONLY', 'DISK_FULL', 'DISK_IO']);

/** A refusal to start, with a Russian message; the CLI exits with code 2. */
export class WebHostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebHostError';
  }
}

/** 127.0.0.0/8, ::1 (also as an IPv4-mapped address) and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  if (net.isIPv4(h)) return h.split('.')[0] === '127';
  if (net.isIPv6(h)) {
    if (/^::ffff:127\.\d+\.\d+\.\d+$/.test(h)) return true;
    const groups = expandIpv6(h);
    return groups !== null && groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1;
  }
  return false;
}

function expandIpv6(h: string): number[] | null {
  if (h.includes('.')) return null;
  const [head, tail] = h.split('::');
  const a = head ? head.split(':') : [];
  const b = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const fill = h.includes('::') ? 8 - a.length - b.length : 0;
  const all = [...a, ...Array<string>(Math.max(0, fill)).fill('0'), ...b];
  return all.length === 8 ? all.map((g) => parseInt(g, 16)) : null;
}

/** The host name of a `Host` header (`127.0.0.1:5180`, `[::1]:5180`, `localhost`), or null if malformed. */
export function hostHeaderName(header: string | undefined): string | null {
  if (!header) return null;
  if (header.startsWith('[')) {
    const end = header.indexOf(']');
    return end > 0 ? header.slice(0, end + 1) : null;
  }
  const parts = header.split(':');
  return parts.length <= 2 ? parts[0] : null;
}

export async function startWebHost(options: WebHostOptions = {}): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 5180;
  if (!isLoopbackHost(host)) {
    throw new WebHostError(
      `Адрес «${host}» недоступен: браузерная версия журнала работает только на этом компьютере ` +
        '(127.0.0.1, ::1 или localhost), чтобы данные школы не были видны в сети.',
    );
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new WebHostError(`Номер порта «${port}» недопустим: укажите число от 0 до 65535.`);
  }
  const dataDir = path.resolve(options.dataDir ?? defaultDataDir());
  const rendererDir = path.resolve(options.rendererDir ?? 'out/renderer');
  fs.mkdirSync(dataDir, { recursive: true });
  const opened = await openHostRuntime({
    dataDir,
    clock: options.clock,
    log: options.log,
    scheduledBackups: options.scheduledBackups,
    kind: 'browser',
  }).catch((e: unknown) => {
    // Refusals that name their reason in Russian are the user's to read, not a failure of the program.
    if (e instanceof AppError && REFUSED_AT_START.has(e.code)) throw new WebHostError(e.message);
    throw e;
  });
  const log = options.log ?? console;
  if (opened.damage) {
    log.error('Классный журнал: база данных повреждена — откройте журнал в браузере, чтобы восстановить её из резервной копии.');
  }

  const streams = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log.error('web host: request failed', e);
      if (!res.headersSent) sendJson(res, 500, failure('INTERNAL', 'Внутренняя ошибка программы. Повторите действие.'));
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const name = hostHeaderName(req.headers.host);
    if (!name || !isLoopbackHost(name)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Доступ запрещён: откройте журнал по адресу 127.0.0.1 на этом компьютере.');
      return;
    }
    // A malformed address («//», a bare «http:») is the caller's mistake, not the program's.
    const url = URL.parse(req.url ?? '/', 'http://localhost');
    if (!url) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Неверный адрес страницы: откройте журнал по адресу, который показала программа.');
      return;
    }
    if (url.pathname === '/api/call') return apiCall(req, res);
    if (url.pathname === '/api/events') return events(req, res);
    if (url.pathname.startsWith('/api/')) return sendJson(res, 404, failure('UNKNOWN_METHOD', 'Неизвестный адрес.'));
    return serveStatic(rendererDir, url.pathname, req, res);
  }

  async function apiCall(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendJson(res, 405, failure('VALIDATION', 'Операции вызываются только методом POST.'));
    }
    if (!sameOrigin(req)) return sendJson(res, 403, failure('FORBIDDEN', 'Запрос со стороннего сайта отклонён.'));
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return sendJson(res, 415, failure('VALIDATION', 'Запрос должен быть в формате JSON.'));
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === null) {
      res.setHeader('Connection', 'close');
      return sendJson(res, 413, failure('VALIDATION', `Слишком большой запрос: программа принимает файлы не больше ${LARGEST_UPLOAD}. Уменьшите файл и повторите.`));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, failure('VALIDATION', 'Запрос повреждён: не удалось прочитать данные. Обновите страницу и повторите.'));
    }
    if (!isCallBody(parsed)) {
      return sendJson(res, 400, failure('VALIDATION', 'Запрос повреждён: не указана операция. Обновите страницу и повторите.'));
    }
    let token = readCookie(req.headers.cookie, SESSION_COOKIE);
    let cookie: string | null = null;
    const slot: TokenSlot = {
      get: () => token,
      set: (next) => {
        token = next;
        cookie = next
          ? `${SESSION_COOKIE}=${next}; HttpOnly; SameSite=Strict; Path=/`
          : `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;
      },
    };
    const result = await callHost(opened, slot, parsed.method, parsed.params ?? {});
    if (cookie) res.setHeader('Set-Cookie', cookie);
    sendJson(res, 200, result);
  }

  function events(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'GET') {
      res.writeHead(405, { Allow: 'GET' });
      res.end();
      return;
    }
    // Events go to the session that connected, when they are addressed to it, while it is live and unlocked.
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 3000\n\n');
    // While the database is damaged there is no core to hear from; the page reconnects after logging in.
    const runtime = opened.runtime;
    const forward = (event: CoreEvent, to: EventAudience) => {
      if (!runtime) return;
      if (!token || to.token !== token) return;
      const session = runtime.sessions.get(token);
      if (!session || session.locked) return;
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    };
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    streams.add(res);
    runtime?.events.on('event', forward);
    const done = () => {
      clearInterval(ping);
      runtime?.events.off('event', forward);
      streams.delete(res);
    };
    req.on('close', done);
    res.on('close', done);
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await opened.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new WebHostError(`Порт ${port} уже занят другой программой. Укажите другой: --port 5181 (или 0 — любой свободный).`);
    }
    throw new WebHostError(`Не удалось открыть адрес ${host}:${port}: ${(e as Error).message}`);
  }
  const address = server.address() as net.AddressInfo;
  const shownHost = net.isIPv6(host) ? `[${host}]` : host;
  let closed: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${address.port}/`,
    get runtime() {
      if (!opened.runtime) throw new Error('the database is damaged and not open');
      return opened.runtime;
    },
    get damaged() {
      return opened.damage !== null;
    },
    close: () => {
      closed ??= (async () => {
        for (const res of streams) res.end();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await opened.close();
      })();
      return closed;
    },
  };
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

function serveStatic(root: string, pathname: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Метод не поддерживается.');
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '\0';
  }
  const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  if (decoded.includes('\0') || (file !== root && !file.startsWith(root + path.sep))) {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Неверный адрес.');
    return;
  }
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (stat?.isFile()) return sendFile(file, stat.size, req, res);
  // Client routes (no extension) get the application page.
  if (path.extname(file) === '' || stat?.isDirectory()) {
    const index = path.join(root, 'index.html');
    const indexStat = fs.statSync(index, { throwIfNoEntry: false });
    if (indexStat?.isFile()) return sendFile(index, indexStat.size, req, res);
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Интерфейс программы не собран. Выполните «npm run build:renderer» и обновите страницу.');
    return;
  }
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Файл не найден.');
}

function sendFile(file: string, size: number, req: http.IncomingMessage, res: http.ServerResponse): void {
  const ext = path.extname(file).toLowerCase();
  const hashed = /[/\\]assets[/\\]/.test(file) && ext !== '.html';
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(file).pipe(res);
}

function sendJson(res: http.ServerResponse, status: number, body: Result<unknown>): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
  });
  res.end(json);
}

function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** A request sent by another site (or with a foreign Origin) is refused, whatever the cookie. */
function sameOrigin(req: http.IncomingMessage): boolean {
  if (req.headers['sec-fetch-site'] === 'cross-site') return false;
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    const u = new URL(origin);
    return u.host === req.headers.host && isLoopbackHost(u.hostname);
  } catch {
    return false;
  }
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function isCallBody(v: unknown): v is { method: string; params?: unknown } {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as { method?: unknown }).method === 'string' &&
    (v as { method: string }).method.length <= 100
  );
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{16,200}$/.test(value) ? value : null;
  }
  return null;
}

const USAGE = `Классный журнал — браузерная версия (только на этом компьютере).

  npm run web -- [--port 5180] [--host 127.0.0.1] [--data-dir ПАПКА] [--now 2026-11-23T08:00:00Z]
  npm run web -- --demo [ФАЙЛ.sqlite] [--password ПАРОЛЬ]

  --port      порт (0 — любой свободный), по умолчанию 5180
  --host      адрес: 127.0.0.1, ::1 или localhost
  --data-dir  папка данных (по умолчанию $KZ_DATA_DIR или папка пользователя)
  --now       начальные дата и время часов программы (для проверок и показа)
  --no-backups  без ежедневной копии и копии при закрытии (для автоматических проверок)
  --demo      демонстрационная школа в своей папке данных (${demoDataDir()}):
              без ФАЙЛА — создаётся при первом запуске, журнал заполнен по вчерашний день;
              с ФАЙЛОМ — школа, созданная командой npm run cli -- demo ФАЙЛ
  --password  пароль учётных записей демонстрационной школы, которая создаётся сейчас`;

/** The demo school's time zone (its settings keep the default). */
const DEMO_TIME_ZONE = 'Europe/Moscow';

/** What `--demo` says before the address: which demo, and for one made now its accounts and password. */
function demoGreeting(demo: DemoFolder): string {
  if (!demo.made) return `Демонстрационная школа: ${demo.file} (учётные записи — на странице входа, пароль — заданный при её создании).`;
  return describeDemo(demo.file, demo.made, demo.made.password);
}

/** Runs the host from the command line; resolves to the exit code on failure (never on success). */
export async function main(argv: string[]): Promise<number | null> {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        now: { type: 'string' },
        'no-backups': { type: 'boolean' },
        demo: { type: 'boolean' },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    }));
  } catch (e) {
    console.error(`Неверные параметры запуска: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > (values.demo ? 1 : 0) || (values.password !== undefined && !values.demo)) {
    console.error(`Неверные параметры запуска: файл базы данных и --password указываются только вместе с --demo.\n\n${USAGE}`);
    return 2;
  }
  const port = values.port === undefined ? 5180 : Number(values.port);
  let clock: Clock | undefined;
  if (values.now !== undefined) {
    try {
      clock = startingClock(values.now);
    } catch {
      console.error(`Неверное значение --now «${values.now}»: укажите дату и время, например 2026-11-23T08:00:00Z.`);
      return 2;
    }
  }
  let dataDir = values['data-dir'];
  if (values.demo) {
    try {
      const demo = await prepareDemoFolder({
        dataDir,
        file: positionals[0],
        password: values.password,
        today: schoolToday((clock ?? systemClock).now(), DEMO_TIME_ZONE),
        onProgress: (step) => console.log(`  ${step}`),
      });
      dataDir = demo.dataDir;
      console.log(demoGreeting(demo));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      console.error(e.message);
      return 2;
    }
  }
  try {
    const host = await startWebHost({
      host: values.host,
      port,
      dataDir,
      clock,
      scheduledBackups: !values['no-backups'],
    });
    const stop = () => {
      host.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    // Before the address is printed: whoever reads it may stop the host at once (the data folder's lock must be released).
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    console.log(`Классный журнал: ${host.url}`);
    return null;
  } catch (e) {
    if (e instanceof WebHostError) {
      console.error(e.message);
      return 2;
    }
    console.error(`Не удалось запустить журнал: ${(e as Error).message}`);
    return 1;
  }
}

if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    if (code !== null) process.exit(code);
  });
}
