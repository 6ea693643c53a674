import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestRuntime, TEST_PASSWORD, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp-server';
import { trustMailServerCa } from '../../../main/core/mail/transport';
import { mailQueue, MAX_ATTEMPTS } from '../../../main/core/mail/queue';
import { MailOutboxItemEntity, type MailOutboxItem } from '../../../main/core/db/entities/mail';
import { ClassMembershipEntity, StudentEntity } from '../../../main/core/db/entities/contingent';
import { searchKey } from '../../../main/core/shared/text';

/**
 * Parents informed by e-mail (issue 19, items 3–4), through a real SMTP
 * server on loopback: what each guardian receives is parsed and read — the
 * subject and the file's name in Russian as mail clients decode them (RFC
 * 2047, RFC 2231), the one student's extract and nobody else's (two siblings
 * in one class, a guardian of students in two classes), the failures of a
 * real server (421, 550, a dropped connection, no server at all) retried or
 * reported per guardian.
 */
const PDF_TEXT = (base64OrBuffer: Buffer) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-mail-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'a.pdf'), base64OrBuffer);
    return execFileSync('pdftotext', ['-layout', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

interface Family {
  /** The mother of the two 5А siblings, and of a girl in 6А. */
  mother: string;
  /** The father of Алексеев alone. */
  father: string;
  /** A 5А student whose consent was refused, and his guardian (with an address). */
  noConsent: string;
}

async function setUpFamilies(t: TestRuntime, s: SmallSchool): Promise<Family> {
  const admin = s.tokens.admin;
  const mother = (await t.call('contingent.saveGuardian', { studentId: s.students.first, relation: 'mother', lastName: 'Борисова', firstName: 'Ольга', middleName: 'Петровна', email: 'olga.borisova@parents.example' }, admin)).id;
  await t.call('contingent.saveGuardian', { studentId: s.students.second, id: mother, relation: 'mother', lastName: 'Борисова', firstName: 'Ольга', middleName: 'Петровна', email: 'olga.borisova@parents.example' }, admin);
  await t.call('contingent.saveGuardian', { studentId: s.students.third, id: mother, relation: 'mother', lastName: 'Борисова', firstName: 'Ольга', middleName: 'Петровна', email: 'olga.borisova@parents.example' }, admin);
  const father = (await t.call('contingent.saveGuardian', { studentId: s.students.first, relation: 'father', lastName: 'Алексеев', firstName: 'Иван', middleName: 'Сергеевич', email: 'ivan.alekseev@parents.example' }, admin)).id;
  for (const studentId of [s.students.first, s.students.second, s.students.third]) {
    await t.call('contingent.setConsent', { studentId, status: 'given', date: '2026-09-01', document: 'Заявление' }, admin);
  }
  const noConsent = await t.runtime.transact({ userId: null, method: 'test.fixture' }, async (w) => {
    const st = await w.insert(StudentEntity, {
      lastName: 'Григорьев', firstName: 'Денис', middleName: null, searchName: searchKey('Григорьев', 'Денис'), birthDate: '2015-05-05', sex: 'm',
      personalFileNo: null, address: null, phone: null, email: null, snils: null, note: null, dataCheckedAt: null,
    });
    await w.insert(ClassMembershipEntity, { studentId: st.id, classId: s.classes.c5a, fromDate: '2026-09-01', toDate: null });
    return st.id;
  });
  await t.call('contingent.saveGuardian', { studentId: noConsent, relation: 'mother', lastName: 'Григорьева', firstName: 'Анна', email: 'anna.grigorieva@parents.example' }, admin);
  await t.call('contingent.setConsent', { studentId: noConsent, status: 'refused', date: '2026-09-01' }, admin);
  // Marks that tell the siblings' extracts apart.
  await t.call('journal.setMark', { lessonId: s.lessons.maths5a.id, studentId: s.students.first, value: '5' }, s.tokens.ivanova);
  await t.call('journal.setMark', { lessonId: s.lessons.maths5a.id, studentId: s.students.second, value: '3' }, s.tokens.ivanova);
  return { mother, father, noConsent };
}

const WEEK = { kind: 'extract' as const, extract: { kind: 'week' as const, date: '2026-11-23' } };

describe('parents informed by e-mail', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  let server: TestSmtpServer;
  const outbox = (): Promise<MailOutboxItem[]> => t.runtime.database().manager.find(MailOutboxItemEntity, { order: { toAddress: 'ASC', subject: 'ASC' } });
  const configure = async (security: 'tls' | 'starttls', port: number, token?: string) =>
    t.call('mail.saveSettings', { host: '127.0.0.1', port, security, user: 'journal', fromName: 'МБОУ СОШ № 1', fromAddress: 'journal@school.example', password: 'Пароль-почты-2026' }, token ?? s.tokens.admin);
  const drain = async () => {
    const outcome = await mailQueue(t.runtime).run();
    await mailQueue(t.runtime).idle();
    return outcome;
  };
  /** A fresh session: the queue's tests move the clock by hours. */
  const fresh = async (login: string) => {
    const r = await t.runtime.call({ method: 'auth.login', params: { login, password: TEST_PASSWORD } });
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as { token: string }).token;
  };
  const petrova = () => fresh('petrova.mi');

  beforeEach(async () => {
    t = await createTestRuntime();
    s = await buildSmallSchool(t);
    await setUpFamilies(t, s);
    server = await startSmtpServer({ security: 'tls', user: 'journal', password: 'Пароль-почты-2026' });
    trustMailServerCa(t.runtime, { ca: server.ca });
    await configure('tls', server.port);
  });
  afterEach(async () => {
    await mailQueue(t.runtime).idle();
    await server.close();
    await t.close();
  });

  it('the preview lists every letter as it will go, and who gets none and why', async () => {
    const preview = await t.call('parentMail.preview', { classId: s.classes.c5a, ...WEEK }, s.tokens.petrova);
    expect(preview.spanLabel).toBe('неделю 23.11.2026 – 28.11.2026');
    const rows = preview.letters.map((l) => [l.studentName, l.guardianName, l.toAddress, l.allowed, l.reason]);
    expect(rows).toEqual([
      ['Алексеев Артём', 'Борисова Ольга Петровна', 'olga.borisova@parents.example', true, null],
      ['Алексеев Артём', 'Алексеев Иван Сергеевич', 'ivan.alekseev@parents.example', true, null],
      ['Борисов Глеб', 'Борисова Ольга Петровна', 'olga.borisova@parents.example', true, null],
      ['Григорьев Денис', 'Григорьева Анна', 'anna.grigorieva@parents.example', false, 'Нет согласия на обработку персональных данных: сведения передаются только на бумаге.'],
    ]);
    const first = preview.letters[0];
    expect(first.subject).toBe('Выписка из электронного журнала: Алексеев Артём, 5А класс, неделю 23.11.2026 – 28.11.2026');
    expect(first.body).toMatch(/^Здравствуйте, Ольга Петровна!\n\nНаправляем выписку из электронного журнала: Алексеев Артём, 5А класс/);
    expect(first.body).toContain('классный руководитель 5А класса М.И. Петрова');
    expect(first.fileName).toMatch(/^Выписка Алексеев Артём 5А .*\.pdf$/);
    // The PDF the preview opens is the one that will go.
    const file = await t.call('parentMail.previewFile', { classId: s.classes.c5a, ...WEEK, studentId: s.students.first }, s.tokens.petrova);
    expect(PDF_TEXT(Buffer.from(file.base64, 'base64'))).toContain('Алексеев Артём');
  });

  it('sends each guardian their own child’s extract and nothing of any other student: siblings in one class, a mother of children in two classes', async () => {
    const sent = await t.call('parentMail.send', { classId: s.classes.c5a, ...WEEK }, s.tokens.petrova);
    expect(sent).toMatchObject({ queued: 3, skipped: 1 });
    expect(await drain()).toMatchObject({ sent: 3, refused: 0, retry: 0 });
    expect(server.received).toHaveLength(3);

    const letters = server.received.map((r) => {
      const [file] = r.parsed.attachments;
      return { r, file, text: PDF_TEXT(file.content) };
    });
    for (const { r, file, text } of letters) {
      // One recipient, in the envelope and in the headers: never a copy to another family.
      expect(r.envelopeTo).toHaveLength(1);
      expect(r.parsed.cc).toBeUndefined();
      expect(r.parsed.bcc).toBeUndefined();
      const to = (Array.isArray(r.parsed.to) ? r.parsed.to : [r.parsed.to!]).flatMap((x) => x.value.map((v) => v.address));
      expect(to).toEqual(r.envelopeTo);
      expect(r.parsed.attachments).toHaveLength(1);
      expect(file.contentType).toBe('application/pdf');
      // Nothing of the girl in 6А, whose mother this also is, and nothing of the boy without consent.
      expect(text + r.parsed.text).not.toMatch(/Васильева|Григорьев/);
      expect(r.parsed.from?.value[0]).toMatchObject({ name: 'МБОУ СОШ № 1', address: 'journal@school.example' });
    }
    const byStudent = (name: string) => letters.filter((l) => l.r.parsed.subject!.includes(name));
    const artyom = byStudent('Алексеев Артём');
    const gleb = byStudent('Борисов Глеб');
    expect(artyom.map((l) => l.r.envelopeTo[0]).sort()).toEqual(['ivan.alekseev@parents.example', 'olga.borisova@parents.example']);
    expect(gleb.map((l) => l.r.envelopeTo[0])).toEqual(['olga.borisova@parents.example']);
    for (const l of artyom) {
      expect(l.text).toContain('Алексеев Артём');
      expect(l.text).not.toContain('Борисов Глеб');
      expect(l.text).toMatch(/23\.11: 5/);
    }
    expect(gleb[0].text).toContain('Борисов Глеб');
    expect(gleb[0].text).not.toContain('Алексеев Артём');
    expect(gleb[0].text).toMatch(/23\.11: 3/);

    // Russian as mail clients read it: the subject encoded by RFC 2047, the file's name by RFC 2231.
    const raw = gleb[0].r.raw;
    expect(raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(gleb[0].r.parsed.subject).toBe('Выписка из электронного журнала: Борисов Глеб, 5А класс, неделю 23.11.2026 – 28.11.2026');
    expect(raw).toMatch(/filename\*(0\*)?=utf-8''/i);
    expect(gleb[0].file.filename).toBe('Выписка Борисов Глеб 5А неделю 23.11.2026 – 28.11.2026.pdf');
    expect(gleb[0].r.parsed.text).toContain('Здравствуйте, Ольга Петровна!');

    // The log: each guardian's letter sent, with the server's Message-ID.
    const log = await t.call('parentMail.batch', { id: sent.batchId }, s.tokens.petrova);
    expect(log.map((i) => [i.studentName, i.toAddress, i.status])).toEqual(
      expect.arrayContaining([
        ['Алексеев Артём', 'ivan.alekseev@parents.example', 'sent'],
        ['Алексеев Артём', 'olga.borisova@parents.example', 'sent'],
        ['Борисов Глеб', 'olga.borisova@parents.example', 'sent'],
      ]),
    );
    expect((await outbox()).every((i) => i.messageId && i.sentAt)).toBe(true);
    const [batch] = await t.call('parentMail.batches', { classId: s.classes.c5a }, s.tokens.petrova);
    expect(batch).toMatchObject({ subject: 'Выписки за неделю 23.11.2026 – 28.11.2026', total: 3, sent: 3, waiting: 0, authorName: 'Петрова Мария Ивановна' });
  });

  it('a free message goes to chosen students’ guardians, one letter per child, over STARTTLS', async () => {
    await server.close();
    server = await startSmtpServer({ security: 'starttls', user: 'journal', password: 'Пароль-почты-2026' });
    trustMailServerCa(t.runtime, { ca: server.ca });
    await configure('starttls', server.port);
    await t.call('parentMail.send', { classId: s.classes.c5a, kind: 'message', studentIds: [s.students.second], subject: 'Родительское собрание 25.11', body: 'Собрание в среду в 18:00, кабинет 12.' }, s.tokens.petrova);
    await drain();
    expect(server.received).toHaveLength(1);
    const [letter] = server.received;
    expect(letter.envelopeTo).toEqual(['olga.borisova@parents.example']);
    expect(letter.parsed.subject).toBe('Родительское собрание 25.11');
    expect(letter.parsed.text).toContain('Собрание в среду в 18:00, кабинет 12.');
    expect(letter.parsed.text).toContain('Обучающийся: Борисов Глеб, 5А класс.');
    expect(letter.parsed.attachments).toEqual([]);
  });

  it('421: the letters wait and go at the next try; 550 for one address: that letter is refused with the server’s reason, the rest go', async () => {
    server.mode = { kind: '421' };
    const { batchId } = await t.call('parentMail.send', { classId: s.classes.c5a, ...WEEK }, s.tokens.petrova);
    expect(await drain()).toMatchObject({ sent: 0, retry: 3 });
    for (const i of await outbox()) {
      expect(i).toMatchObject({ status: 'waiting', attempts: 1, nextAttemptAt: '2026-11-23T07:01:00.000Z' });
      expect(i.lastError).toContain('Сервер временно не принимает письма. Ответ сервера: 421 4.3.2 Service busy, try again later');
    }
    // Not before the back-off.
    expect(await drain()).toMatchObject({ sent: 0, retry: 0 });

    server.mode = { kind: '550', address: 'ivan.alekseev@parents.example' };
    t.clock.advance(61_000);
    expect(await drain()).toMatchObject({ sent: 2, refused: 1 });
    const refused = (await outbox()).find((i) => i.toAddress === 'ivan.alekseev@parents.example')!;
    expect(refused).toMatchObject({ status: 'refused', attempts: 2 });
    expect(refused.lastError).toBe('Сервер отказался принять письмо. Ответ сервера: 550 5.1.1 <ivan.alekseev@parents.example>: mailbox unavailable');
    const log = await t.call('parentMail.batch', { id: batchId }, await petrova());
    expect(log.map((i) => i.status).sort()).toEqual(['refused', 'sent', 'sent']);
  });

  it('a connection dropped in the middle of a letter: it waits and goes at the next try', async () => {
    server.mode = { kind: 'drop' };
    await t.call('parentMail.send', { classId: s.classes.c5a, kind: 'message', studentIds: [s.students.second], subject: 'Экскурсия', body: 'Экскурсия в пятницу.' }, s.tokens.petrova);
    expect(await drain()).toMatchObject({ retry: 1 });
    const [waiting] = await outbox();
    expect(waiting).toMatchObject({ status: 'waiting', attempts: 1 });
    expect(waiting.lastError).toMatch(/^Нет связи с почтовым сервером|^Письмо не отправлено/);
    server.mode = { kind: 'ok' };
    t.clock.advance(61_000);
    expect(await drain()).toMatchObject({ sent: 1 });
    expect(server.received.map((r) => r.parsed.subject)).toEqual(['Экскурсия']);
  });

  it('no server at all: tries with growing pauses, then gives the letter up; «retry» queues it again', async () => {
    await server.close();
    const { batchId } = await t.call('parentMail.send', { classId: s.classes.c5a, kind: 'message', studentIds: [s.students.second], subject: 'Экскурсия', body: 'Экскурсия в пятницу.' }, s.tokens.petrova);
    const pauses: number[] = [];
    for (let n = 1; n <= MAX_ATTEMPTS; n++) {
      await drain();
      const [item] = await outbox();
      expect(item.attempts).toBe(n);
      if (n < MAX_ATTEMPTS) {
        expect(item.status).toBe('waiting');
        expect(item.lastError).toMatch(/^Нет связи с почтовым сервером/);
        const wait = Date.parse(item.nextAttemptAt!) - t.clock.now().getTime();
        pauses.push(wait / 60_000);
        t.clock.advance(wait);
      } else {
        expect(item).toMatchObject({ status: 'failed', nextAttemptAt: null });
        expect(item.lastError).toMatch(/Попыток: 7; письмо не отправлено\.$/);
      }
    }
    expect(pauses).toEqual([1, 5, 15, 60, 180, 360]);

    server = await startSmtpServer({ security: 'tls', user: 'journal', password: 'Пароль-почты-2026' });
    trustMailServerCa(t.runtime, { ca: server.ca });
    await configure('tls', server.port, await fresh('admin'));
    const token = await petrova();
    expect(await t.call('parentMail.retry', { batchId }, token)).toEqual({ queued: 1 });
    await drain();
    expect((await outbox())[0]).toMatchObject({ status: 'sent' });
    expect(server.received).toHaveLength(1);
  });

  it('only the class teacher of the class (or the deputy) sends; a guardian without consent or address is never written to', async () => {
    expect((await t.fail('parentMail.send', { classId: s.classes.c5a, ...WEEK }, s.tokens.ivanova)).code).toBe('FORBIDDEN');
    expect((await t.fail('parentMail.send', { classId: s.classes.c5a, ...WEEK }, s.tokens.director)).code).toBe('READ_ONLY');
    // Петрова's class does not include 6А's girl: asked by id, she is simply not in 5А.
    const none = await t.fail('parentMail.send', { classId: s.classes.c5a, ...WEEK, studentIds: [s.students.third] }, s.tokens.petrova);
    expect(none).toMatchObject({ code: 'VALIDATION', message: 'В 5А классе нет обучающихся за эти даты: писать некому.' });
    const refused = await t.fail('parentMail.send', { classId: s.classes.c5a, ...WEEK, studentIds: [(await t.call('parentMail.preview', { classId: s.classes.c5a, ...WEEK }, s.tokens.petrova)).letters[3].studentId] }, s.tokens.petrova);
    expect(refused.message).toMatch(/^Ни одному родителю нельзя отправить письмо/);
    expect(await outbox()).toEqual([]);
  });

  it('a test message from the settings; the password is never shown, never in the database, and a wrong one is the server’s refusal in Russian', async () => {
    expect(await t.call('mail.test', { to: 'director@school.example' }, s.tokens.admin)).toMatchObject({ accepted: true });
    expect(server.received[0].parsed.subject).toBe('Проверка почты — «Классный журнал»');
    const settings = await t.call('mail.settings', {}, s.tokens.admin);
    expect(settings).toMatchObject({ host: '127.0.0.1', security: 'tls', user: 'journal', passwordSet: true });
    expect(JSON.stringify(settings)).not.toContain('Пароль-почты');
    const em = t.runtime.database().manager;
    for (const table of ['settings', 'audit_events', 'change_log']) {
      expect(JSON.stringify(await em.query(`SELECT * FROM "${table}"`)), table).not.toContain('Пароль-почты');
    }
    const file = fs.readFileSync(path.join(t.dataDir, 'mail-password.json'), 'utf8');
    expect(file).not.toContain('Пароль-почты');
    expect(fs.statSync(path.join(t.dataDir, 'mail-password.json')).mode & 0o077).toBe(0);

    await t.call('mail.saveSettings', { host: '127.0.0.1', port: server.port, security: 'tls', user: 'journal', fromName: 'Школа', fromAddress: 'journal@school.example', password: 'неверный' }, s.tokens.admin);
    const wrong = await t.fail('mail.test', { to: 'director@school.example' }, s.tokens.admin);
    expect(wrong.message).toBe('Сервер не принял имя пользователя или пароль. Ответ сервера: 535 5.7.8 Authentication credentials invalid');
  });
});

describe('parents’ e-mail without a configured server', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSmallSchool(t);
    await setUpFamilies(t, s);
  });
  afterAll(async () => {
    await mailQueue(t.runtime).idle();
    await t.close();
  });

  it('the letters wait and say why; nothing is lost', async () => {
    await t.call('parentMail.send', { classId: s.classes.c5a, kind: 'message', subject: 'Собрание', body: 'Собрание в среду.' }, s.tokens.petrova);
    await mailQueue(t.runtime).run();
    const items = await t.runtime.database().manager.find(MailOutboxItemEntity);
    expect(items).toHaveLength(3);
    for (const i of items) {
      expect(i).toMatchObject({ status: 'waiting', attempts: 0 });
      expect(i.lastError).toBe('Почтовый сервер школы не настроен: администратор указывает его в разделе «Настройки» → «Почта».');
    }
  });
});
