import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startWebHost, isLoopbackHost, WebHostError, MAX_BODY_BYTES } from '../../../main/web-host';
import { call, openHost, request, sessionCookie, SCHOOL, type HostFixture } from './helpers';
import { startJob, waitForJob } from '../../../main/core/reports/jobs';

/** An open /api/events stream with a cookie: what it has received so far. */
function openStream(f: HostFixture, cookie: string) {
  let text = '';
  let waiters: Array<() => void> = [];
  let opened!: () => void;
  const openedPromise = new Promise<void>((resolve) => (opened = resolve));
  const req = http.get(new URL('/api/events', f.host.url), { headers: { Cookie: cookie } }, (res) => {
    res.on('data', (c: Buffer) => {
      text += c.toString('utf8');
      if (text.includes('retry:')) opened();
      for (const w of waiters) w();
    });
  });
  req.on('error', () => undefined);
  return {
    opened: openedPromise,
    until(done: (text: string) => boolean): Promise<string> {
      return new Promise((resolve) => {
        const check = () => {
          if (!done(text)) return;
          waiters = waiters.filter((w) => w !== check);
          resolve(text);
        };
        waiters.push(check);
        check();
      });
    },
    close(): string {
      req.destroy();
      return text;
    },
  };
}

describe('web host: bind address', () => {
  it('knows loopback from everything else', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
    for (const h of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.5', 'example.com', '128.0.0.1', 'localhost.evil.com', '']) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });

  it('refuses 0.0.0.0 and a LAN address with a Russian message', async () => {
    for (const host of ['0.0.0.0', '192.168.1.10', '::']) {
      const err = await startWebHost({ host, port: 0, dataDir: '/nonexistent-never-created' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WebHostError);
      expect((err as Error).message).toMatch(/только на этом компьютере/);
    }
  });

  it('the command line exits with code 2 for a non-loopback address', () => {
    const tsx = path.resolve('node_modules/.bin/tsx');
    const run = spawnSync(tsx, ['main/web-host.ts', '--host', '0.0.0.0', '--port', '0'], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Адрес «0\.0\.0\.0» недоступен/);
  });
});

describe('web host: requests', () => {
  let f: HostFixture;
  beforeEach(async () => {
    f = await openHost();
  });
  afterEach(async () => {
    await f.close();
  });

  it('answers 403 to a non-loopback Host header (DNS rebinding)', async () => {
    for (const hostHeader of ['evil.example:5180', '192.168.1.10', 'localhost.evil.com']) {
      const res = await request(f.host.url, { headers: { Host: hostHeader } });
      expect(res.status, hostHeader).toBe(403);
      expect(res.body).toMatch(/Доступ запрещён/);
    }
    const api = await request(new URL('/api/call', f.host.url).toString(), {
      method: 'POST',
      headers: { Host: 'attacker.test', 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'auth.status', params: {} }),
    });
    expect(api.status).toBe(403);
  });

  it('round-trips a call; the session lives in an HttpOnly cookie and never in the JSON', async () => {
    const status = await call(f.host.url, 'auth.status', {});
    expect(status.status).toBe(200);
    expect(JSON.parse(status.body)).toMatchObject({ ok: true, value: { setupRequired: true, session: null } });

    const created = await call(f.host.url, 'setup.createSchool', SCHOOL);
    const body = JSON.parse(created.body);
    expect(body.ok).toBe(true);
    expect(body.value.actor.login).toBe('admin');
    expect(body.value).not.toHaveProperty('token');
    const setCookie = created.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/^kz_session=[A-Za-z0-9_-]+;/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    const cookie = sessionCookie(created)!;
    const token = cookie.split('=')[1];
    expect(created.body).not.toContain(token);

    const me = await call(f.host.url, 'auth.me', {}, cookie);
    expect(JSON.parse(me.body)).toMatchObject({ ok: true, value: { login: 'admin' } });
    expect(me.body).not.toContain(token);

    const anonymous = JSON.parse((await call(f.host.url, 'auth.me', {})).body);
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    const login = await call(f.host.url, 'auth.login', { login: 'admin', password: SCHOOL.admin.password });
    expect(login.body).not.toContain(sessionCookie(login)!.split('=')[1]);
    expect(JSON.parse(login.body).value).not.toHaveProperty('token');

    const logout = await call(f.host.url, 'auth.logout', {}, sessionCookie(login));
    expect(logout.headers['set-cookie']?.[0]).toMatch(/^kz_session=;.*Max-Age=0/);
    expect(JSON.parse((await call(f.host.url, 'auth.me', {}, sessionCookie(login))).body).error.code).toBe('UNAUTHENTICATED');
  });

  it('answers bad JSON, a missing method and an oversized body with a Russian VALIDATION result', async () => {
    const url = new URL('/api/call', f.host.url).toString();
    const headers = { 'Content-Type': 'application/json' };
    const bad = await request(url, { method: 'POST', headers, body: '{"method": "auth.status",' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(JSON.parse(bad.body).error.message).toMatch(/не удалось прочитать/);

    const noMethod = await request(url, { method: 'POST', headers, body: '{"params": {}}' });
    expect(JSON.parse(noMethod.body).error.code).toBe('VALIDATION');

    const big = await request(url, { method: 'POST', headers, body: Buffer.alloc(MAX_BODY_BYTES + 10, 0x20) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.message).toMatch(/Слишком большой запрос/);

    const form = await request(url, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);

    const foreign = await request(url, {
      method: 'POST',
      headers: { ...headers, Origin: 'http://evil.example' },
      body: JSON.stringify({ method: 'auth.status' }),
    });
    expect(foreign.status).toBe(403);

    const unknown = JSON.parse((await call(f.host.url, 'nothing.here', {})).body);
    expect(unknown.error.code).toBe('UNKNOWN_METHOD');
  });

  it('serves the renderer with a strict CSP, content types and an index fallback for client routes', async () => {
    const index = await request(f.host.url);
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');

    const js = await request(new URL('/assets/app-1234.js', f.host.url).toString());
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toMatch(/immutable/);

    const route = await request(new URL('/users/list', f.host.url).toString());
    expect(route.status).toBe(200);
    expect(route.body).toContain('Классный журнал');

    expect((await request(new URL('/assets/missing.js', f.host.url).toString())).status).toBe(404);
    const traversal = await request(new URL('/%2e%2e/%2e%2e/etc/passwd', f.host.url).toString());
    expect(traversal.body).not.toContain('root:');
  });

  it('answers a malformed address («//») with 400 and a Russian message, not an internal error', async () => {
    const res = await request(`${f.host.url.replace(/\/$/, '')}//`);
    expect(res.status).toBe(400);
    expect(res.body).toBe('Неверный адрес страницы: откройте журнал по адресу, который показала программа.');
  });

  it('streams core events to a logged-in browser as server-sent events', async () => {
    const created = await call(f.host.url, 'setup.createSchool', SCHOOL);
    const cookie = sessionCookie(created)!;
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.get(new URL('/api/events', f.host.url), { headers: { Cookie: cookie } }, (res) => {
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString('utf8');
          if (text.includes('retry:') && !text.includes('event: progress')) {
            f.host.runtime.events.toSession(cookie.split('=')[1], { type: 'progress', taskId: 't1', done: 12, total: 40, label: 'Класс 12 из 40' });
          }
          const at = text.indexOf('event: progress');
          if (at >= 0 && text.includes('\n\n', at)) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
    });
    expect(received).toContain('event: progress');
    expect(received).toContain('"label":"Класс 12 из 40"');
  });

  it('sends a job’s progress to the session that started it, not to another user’s browser', async () => {
    const admin = sessionCookie(await call(f.host.url, 'setup.createSchool', SCHOOL))!;
    const created = JSON.parse((await call(f.host.url, 'users.create', { login: 'petrova', staffId: null, roles: ['teacher'] }, admin)).body);
    const teacher = sessionCookie(await call(f.host.url, 'auth.login', { login: 'petrova', password: created.value.temporaryPassword }))!;
    expect(teacher).toBeTruthy();
    const adminStream = openStream(f, admin);
    const teacherStream = openStream(f, teacher);
    await Promise.all([adminStream.opened, teacherStream.opened]);
    // A real report job of the administrator's session: its label names what is being written.
    const session = f.host.runtime.sessions.get(admin.split('=')[1]);
    const taskId = startJob(f.host.runtime, session, 'Сводная ведомость 9А', async (opts) => {
      opts.onProgress?.(1, 2);
      return { fileName: 'Сводная ведомость 9А.pdf', mime: 'application/pdf', base64: '', bytes: 0 };
    });
    const adminText = await adminStream.until((text) => text.split('event: progress').length > 2);
    const view = await waitForJob(f.host.runtime, session!.actor.userId, taskId);
    expect(view.status).toBe('done');
    // Give a wrongly addressed event time to arrive before looking.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const teacherText = teacherStream.close();
    adminStream.close();
    expect(adminText).toContain('"label":"Сводная ведомость 9А"');
    expect(teacherText).toContain('retry:');
    expect(teacherText).not.toContain('Сводная ведомость');
    expect(teacherText).not.toContain('event: progress');
  });

  it('sends no events to a browser without a live session', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const req = http.get(new URL('/api/events', f.host.url), (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString('utf8');
          if (body.includes('retry:')) {
            f.host.runtime.events.toSession('no-such-session-token', { type: 'progress', taskId: 't2', done: 1, total: 2, label: 'Секрет' });
            setTimeout(() => {
              req.destroy();
              resolve(body);
            }, 200);
          }
        });
      });
      req.on('error', reject);
    });
    expect(text).not.toContain('Секрет');
  });
});
