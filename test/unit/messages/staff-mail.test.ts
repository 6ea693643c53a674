import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { ChangeLogEntity } from '../../../main/core/db/entities/system';
import { MessageParticipantEntity } from '../../../main/core/db/entities/messages';
import { select } from '../../../main/core/db/readable';

/**
 * Staff mail (issue 19, item 1): threads among the people an audience meant
 * on the day it was written, unread counts that follow reading and
 * answering, search in Russian, a report of the program as a PDF, and the
 * deputy's remark discussed in its own thread.
 */
describe('staff mail', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  const names = (list: { name: string }[]) => list.map((p) => p.name);

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSmallSchool(t);
  });
  afterAll(() => t.close());

  it('a message to «the teachers of 5А» reaches those who teach there by the load and its class teacher, nobody else', async () => {
    const { threadId } = await t.call(
      'messages.send',
      { to: { kind: 'classTeachers', classId: s.classes.c5a }, subject: 'Родительское собрание 5А', body: 'Собрание в среду в 18:00, кабинет 12.' },
      s.tokens.deputy,
    );
    const thread = await t.call('messages.thread', { id: threadId }, s.tokens.petrova);
    // Зайцева writes; Иванова teaches mathematics in 5А, Петрова Russian and leads it; Сидоров only substituted there.
    expect(names(thread.participants)).toEqual(['Зайцева Елена Борисовна', 'Иванова Анна Петровна', 'Петрова Мария Ивановна']);
    expect(thread).toMatchObject({ subject: 'Родительское собрание 5А', audienceLabel: 'Учителя 5А класса', unread: 1 });
    expect(thread.messages).toMatchObject([{ fromName: 'Зайцева Елена Борисовна', body: 'Собрание в среду в 18:00, кабинет 12.', mine: false }]);
  });

  it('to the teachers of a subject, and to the administration', async () => {
    const maths = await t.call('messages.send', { to: { kind: 'subjectTeachers', subjectId: s.subjects.maths }, subject: 'МО математиков', body: 'Заседание МО в пятницу.' }, s.tokens.deputy);
    expect(names((await t.call('messages.thread', { id: maths.threadId }, s.tokens.deputy)).participants)).toEqual([
      'Зайцева Елена Борисовна',
      'Иванова Анна Петровна',
      'Сидоров Олег Николаевич',
    ]);
    const admin = await t.call('messages.send', { to: { kind: 'administration' }, subject: 'Больничный', body: 'С завтрашнего дня на больничном.' }, s.tokens.sidorov);
    const thread = await t.call('messages.thread', { id: admin.threadId }, s.tokens.director);
    expect(names(thread.participants)).toEqual(['Зайцева Елена Борисовна', 'Орлов Виктор Павлович', 'Сидоров Олег Николаевич']);
    expect(thread.audienceLabel).toBe('Администрация');
  });

  it('counts unread messages per person: reading clears them, an answer is unread for the others only', async () => {
    const before = {
      ivanova: (await t.call('messages.unread', {}, s.tokens.ivanova)).count,
      petrova: (await t.call('messages.unread', {}, s.tokens.petrova)).count,
    };
    const { threadId } = await t.call('messages.send', { to: { kind: 'people', userIds: [s.userIds.petrova] }, subject: 'Учебники', body: 'Заберите учебники для 5А.' }, s.tokens.ivanova);
    expect((await t.call('messages.unread', {}, s.tokens.petrova)).count).toBe(before.petrova + 1);
    expect((await t.call('messages.unread', {}, s.tokens.ivanova)).count).toBe(before.ivanova);
    const listed = (await t.call('messages.threads', {}, s.tokens.petrova)).find((x) => x.id === threadId)!;
    expect(listed).toMatchObject({ subject: 'Учебники', unread: 1, lastFrom: 'Иванова Анна Петровна', preview: 'Заберите учебники для 5А.', messages: 1 });

    expect(await t.call('messages.markRead', { threadId }, s.tokens.petrova)).toEqual({ unread: before.petrova });
    t.clock.advance(60_000);
    await t.call('messages.reply', { threadId, body: 'Заберу после шестого урока.' }, s.tokens.petrova);
    expect((await t.call('messages.unread', {}, s.tokens.petrova)).count).toBe(before.petrova);
    expect((await t.call('messages.unread', {}, s.tokens.ivanova)).count).toBe(before.ivanova + 1);
    const thread = await t.call('messages.thread', { id: threadId }, s.tokens.ivanova);
    expect(thread.messages.map((m) => [m.fromName, m.body, m.mine])).toEqual([
      ['Иванова Анна Петровна', 'Заберите учебники для 5А.', true],
      ['Петрова Мария Ивановна', 'Заберу после шестого урока.', false],
    ]);
    // The newest thread comes first.
    expect((await t.call('messages.threads', {}, s.tokens.ivanova))[0].id).toBe(threadId);
  });

  it('a message from a computer whose clock is behind is still unread: reading is counted, not timed', async () => {
    const { threadId } = await t.call('messages.send', { to: { kind: 'people', userIds: [s.userIds.petrova] }, subject: 'Часы', body: 'Первое.' }, s.tokens.ivanova);
    await t.call('messages.markRead', { threadId }, s.tokens.petrova);
    t.clock.advance(-300_000);
    await t.call('messages.reply', { threadId, body: 'Второе, с отстающих часов.' }, s.tokens.ivanova);
    t.clock.advance(300_000);
    const thread = await t.call('messages.thread', { id: threadId }, s.tokens.petrova);
    expect(thread.unread).toBe(1);
    // And it is shown after the message it answers.
    expect(thread.messages.map((m) => m.body)).toEqual(['Первое.', 'Второе, с отстающих часов.']);
  });

  it('a person left twice in a thread by a merge of two computers is read as one: one name, one count', async () => {
    const { threadId } = await t.call('messages.send', { to: { kind: 'people', userIds: [s.userIds.petrova] }, subject: 'Дважды', body: 'Одно сообщение.' }, s.tokens.ivanova);
    const before = (await t.call('messages.unread', {}, s.tokens.petrova)).count;
    await t.runtime.transact({ userId: null, method: 'test.merge' }, (w) => w.insert(MessageParticipantEntity, { threadId, userId: s.userIds.petrova, seenCount: 0 }));
    expect((await t.call('messages.unread', {}, s.tokens.petrova)).count).toBe(before);
    const thread = await t.call('messages.thread', { id: threadId }, s.tokens.petrova);
    expect(names(thread.participants)).toEqual(['Иванова Анна Петровна', 'Петрова Мария Ивановна']);
    await t.call('messages.markRead', { threadId }, s.tokens.petrova);
    expect((await t.call('messages.unread', {}, s.tokens.petrova)).count).toBe(before - 1);
  });

  it('finds threads by a word of the subject or of any message, case and «ё» folded', async () => {
    await t.call('messages.send', { to: { kind: 'people', userIds: [s.userIds.sidorov] }, subject: 'Праздник', body: 'Нужна ЁЛКА в актовый зал к 25 декабря.' }, s.tokens.deputy);
    const found = await t.call('messages.threads', { search: 'елка' }, s.tokens.sidorov);
    expect(found.map((x) => x.subject)).toEqual(['Праздник']);
    expect((await t.call('messages.threads', { search: 'ПРАЗДНИК' }, s.tokens.sidorov)).map((x) => x.subject)).toEqual(['Праздник']);
    expect(await t.call('messages.threads', { search: 'елка зал декабря' }, s.tokens.sidorov)).toHaveLength(1);
    expect(await t.call('messages.threads', { search: 'елка бассейн' }, s.tokens.sidorov)).toEqual([]);
    // Петрова is not in that thread: her search finds nothing.
    expect(await t.call('messages.threads', { search: 'елка' }, s.tokens.petrova)).toEqual([]);
  });

  it('sends a report of the program as its PDF; a teacher may attach only what she may build', async () => {
    const report = { kind: 'performance' as const, classId: s.classes.c5a, period: s.periods.q1 };
    const { threadId } = await t.call('messages.send', { to: { kind: 'people', userIds: [s.userIds.ivanova] }, subject: 'Итоги четверти', body: 'Посмотрите успеваемость.', report }, s.tokens.deputy);
    const thread = await t.call('messages.thread', { id: threadId }, s.tokens.ivanova);
    const [file] = thread.messages[0].attachments;
    expect(file.fileName).toMatch(/^Успеваемость .*5А.*\.pdf$/);
    const got = await t.call('messages.attachment', { id: file.id }, s.tokens.ivanova);
    const bytes = Buffer.from(got.base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(got).toMatchObject({ mime: 'application/pdf', bytes: bytes.length, fileName: file.fileName });
    expect((await t.call('messages.threads', {}, s.tokens.ivanova)).find((x) => x.id === threadId)!.hasAttachments).toBe(true);

    // Сидоров teaches no lesson in 5А: its report is not his to send.
    const refused = await t.fail('messages.send', { to: { kind: 'people', userIds: [s.userIds.ivanova] }, subject: 'x', body: 'x', report }, s.tokens.sidorov);
    expect(refused.code).toBe('FORBIDDEN');
    // The secretary builds no reports at all.
    expect((await t.fail('messages.send', { to: { kind: 'administration' }, subject: 'x', body: 'x', report }, s.tokens.secretary)).code).toBe('FORBIDDEN');
  });

  it('the file travels with the sync in the change log, and the audit log records the message without the file’s bytes', async () => {
    const report = { kind: 'performance' as const, classId: s.classes.c5a, period: s.periods.q1 };
    const { threadId } = await t.call('messages.send', { to: { kind: 'people', userIds: [s.userIds.petrova] }, subject: 'Отчёт', body: 'Во вложении.', report }, s.tokens.deputy);
    const em = t.runtime.database().manager;
    const [attachment] = await select<{ id: string; contentBase64: string }>(em, `SELECT "id", "contentBase64" FROM "message_attachments" WHERE "threadId" = ?`, [threadId]);
    const logged = await em.findOneByOrFail(ChangeLogEntity, { entity: 'MessageAttachment', rowId: attachment.id });
    expect(JSON.parse(logged.value).contentBase64).toBe(attachment.contentBase64);
    const [event] = await select<{ newValue: string }>(em, `SELECT "newValue" FROM "audit_events" WHERE "entity" = 'MessageAttachment' AND "entityId" = ?`, [attachment.id]);
    expect(JSON.parse(event.newValue).contentBase64).toBe('***');
  });

  it('the deputy’s remark is discussed in its own thread by its author and the teacher; a second message goes to the same thread', async () => {
    const remark = await t.call(
      'control.addRemark',
      { toStaffId: s.staff.ivanova, classId: s.classes.c5a, subjectId: s.subjects.maths, text: 'Не записаны темы уроков за 16–20 ноября.' },
      s.tokens.deputy,
    );
    expect(await t.call('messages.topicThread', { kind: 'remark', id: remark.id }, s.tokens.ivanova)).toBeNull();
    const first = await t.call('messages.send', { to: { kind: 'remark', remarkId: remark.id }, body: 'Темы записаны, кроме 18.11: урок был на замене.' }, s.tokens.ivanova);
    const second = await t.call('messages.send', { to: { kind: 'remark', remarkId: remark.id }, body: 'Тогда тему 18.11 запишет заменявший учитель.' }, s.tokens.deputy);
    expect(second.threadId).toBe(first.threadId);
    const thread = (await t.call('messages.topicThread', { kind: 'remark', id: remark.id }, s.tokens.ivanova))!;
    expect(thread).toMatchObject({ topicKind: 'remark', topicId: remark.id, subject: 'Замечание: Не записаны темы уроков за 16–20 ноября.', audienceLabel: 'Замечание по ведению журнала' });
    expect(names(thread.participants)).toEqual(['Зайцева Елена Борисовна', 'Иванова Анна Петровна']);
    expect(thread.messages).toHaveLength(2);
    // Петрова is neither side of it.
    expect((await t.fail('messages.send', { to: { kind: 'remark', remarkId: remark.id }, body: 'А у меня?' }, s.tokens.petrova)).code).toBe('NOT_FOUND');
    expect(await t.call('messages.topicThread', { kind: 'remark', id: remark.id }, s.tokens.petrova)).toBeNull();
  });

  it('refuses with Russian messages: no subject, no text, nobody to write to', async () => {
    const noSubject = await t.fail('messages.send', { to: { kind: 'people', userIds: [s.userIds.petrova] }, body: 'Текст' }, s.tokens.ivanova);
    expect(noSubject).toMatchObject({ code: 'VALIDATION', message: 'Укажите тему сообщения.', details: { fields: { subject: 'Укажите тему' } } });
    const noBody = await t.fail('messages.send', { to: { kind: 'people', userIds: [s.userIds.petrova] }, subject: 'Тема', body: '   ' }, s.tokens.ivanova);
    expect(noBody).toMatchObject({ code: 'VALIDATION', message: 'Напишите текст сообщения.' });
    const self = await t.fail('messages.send', { to: { kind: 'people', userIds: [s.userIds.ivanova] }, subject: 'Тема', body: 'Себе' }, s.tokens.ivanova);
    expect(self).toMatchObject({ code: 'VALIDATION', message: 'Выберите хотя бы одного получателя, кроме себя.' });
    const c9 = await t.call('school.saveClass', { yearId: s.yearId, gradeLevel: 9, letter: 'Я', shift: 1 }, s.tokens.deputy);
    const empty = await t.fail('messages.send', { to: { kind: 'classTeachers', classId: c9.id }, subject: 'Тема', body: 'Текст' }, s.tokens.deputy);
    expect(empty).toMatchObject({ code: 'VALIDATION', message: 'У 9Я класса нет учителей с учётной записью в программе: писать некому.' });
  });
});
