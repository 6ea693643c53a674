import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../main/web-host';
import { base64Length, MAX_CALL_BYTES, UPLOAD_LIMITS } from '../../../main/core/files/limits';
import { call, openHost, request, sessionCookie, SCHOOL, type HostFixture } from './helpers';

/**
 * The browser host reads a call's body up to the one limit the core states
 * (files/limits.ts): an upload the core accepts passes the host, a body
 * larger than any upload is refused before it is read whole.
 */
describe('the browser host and the size of uploads', () => {
  let f: HostFixture;
  let cookie: string;
  beforeAll(async () => {
    f = await openHost();
    cookie = sessionCookie(await call(f.host.url, 'setup.createSchool', SCHOOL))!;
  });
  afterAll(() => f.close());

  it('takes its body limit from the core’s upload limits', () => {
    expect(MAX_BODY_BYTES).toBe(MAX_CALL_BYTES);
    for (const limit of Object.values(UPLOAD_LIMITS)) expect(MAX_BODY_BYTES).toBeGreaterThan(base64Length(limit.bytes));
  });

  it('passes a 4 MB staff list through to the core, which reads it', async () => {
    const padding = 'x'.repeat(40_000);
    const lines = ['ФИО;Должность;Примечание'];
    for (let i = 0; lines.join('\r\n').length < 4 * 1024 * 1024; i++) lines.push(`Сотрудникова${i} Анна Петровна;Учитель;${padding}`);
    const content = Buffer.from(lines.join('\r\n'), 'utf8');
    expect(content.length).toBeGreaterThan(4 * 1024 * 1024);
    const res = await call(f.host.url, 'import.preview', { kind: 'staff', fileName: 'сотрудники.csv', content: content.toString('base64') }, cookie);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ ok: true, value: { total: lines.length - 1 } });
  });

  it('lets the core refuse a file just over its limit, in Russian', async () => {
    const content = Buffer.alloc(UPLOAD_LIMITS.table.bytes + 1, 0x41).toString('base64');
    const res = await call(f.host.url, 'import.preview', { kind: 'staff', fileName: 'сотрудники.csv', content }, cookie);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('больше 5 МБ') });
  });

  it('refuses a larger body with a Russian 413 before reading it whole', async () => {
    const res = await request(new URL('/api/call', f.host.url).toString(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: Buffer.alloc(MAX_CALL_BYTES + 1, 0x20),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'VALIDATION', message: 'Слишком большой запрос: программа принимает файлы не больше 20 МБ. Уменьшите файл и повторите.' });
  });
});
