import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LessonEntity } from '../../../main/core/db/entities/journal';
import { StudyPeriodEntity, PageReopenEntity } from '../../../main/core/db/entities';
import { AuditEventEntity } from '../../../main/core/db/entities/system';
import { createTestRuntime, TEST_PASSWORD, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';

describe('who may write in a lesson (seed 001 §5.2, seed 003 §4.4)', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  beforeEach(async () => {
    // Monday 23.11.2026, 10:00 Moscow time.
    t = await createTestRuntime({ now: '2026-11-23T07:00:00.000Z' });
    s = await buildSmallSchool(t);
  });
  afterEach(() => t.close());

  const lessonNow = (id: string) => t.runtime.database().manager.findOneByOrFail(LessonEntity, { id });
  const auditCount = () => t.runtime.database().manager.count(AuditEventEntity);

  it('lets the teacher of the page write the topic and homework, and logs old and new values', async () => {
    const result = await t.call(
      'journal.setLessonText',
      { lessonId: s.lessons.maths5a.id, topic: 'Сложение дробей', homework: '№ 245, 247' },
      s.tokens.ivanova,
    );
    expect(result).toMatchObject({ topic: 'Сложение дробей', homework: '№ 245, 247', topicLate: false });
    const history = await t.call('audit.history', { entity: 'Lesson', entityId: s.lessons.maths5a.id }, s.tokens.deputy);
    const topicChange = history.find((e) => e.field === 'topic');
    expect(topicChange).toMatchObject({ oldValue: null, newValue: 'Сложение дробей', userLogin: 'ivanova.ap' });
  });

  it('refuses another teacher, and nothing changes', async () => {
    const before = await auditCount();
    const error = await t.fail('journal.setLessonText', { lessonId: s.lessons.maths5a.id, topic: 'Чужая тема' }, s.tokens.sidorov);
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('записи вносит учитель, который ведёт этот предмет по нагрузке');
    expect((await lessonNow(s.lessons.maths5a.id)).topic).toBeNull();
    expect(await auditCount()).toBe(before);
  });

  it('lets the class teacher see but not edit the pages of other teachers of the class', async () => {
    const error = await t.fail('journal.setLessonText', { lessonId: s.lessons.maths5a.id, topic: 'Тема' }, s.tokens.petrova);
    expect(error.code).toBe('FORBIDDEN');
  });

  it('lets the director see everything and edit nothing', async () => {
    const error = await t.fail('journal.setLessonText', { lessonId: s.lessons.maths5a.id, topic: 'Тема' }, s.tokens.director);
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('директор');
  });

  it('lets a substitute edit the lesson they covered, and only it', async () => {
    await t.call('journal.setLessonText', { lessonId: s.lessons.substituted5a.id, topic: 'Решение задач' }, s.tokens.sidorov);
    expect((await lessonNow(s.lessons.substituted5a.id)).topic).toBe('Решение задач');
    expect((await t.fail('journal.setLessonText', { lessonId: s.lessons.maths5a.id, topic: 'x' }, s.tokens.sidorov)).code).toBe(
      'FORBIDDEN',
    );
    // The absent teacher does not write in the lesson someone else gave.
    expect(await t.fail('journal.setLessonText', { lessonId: s.lessons.substituted5a.id, topic: 'x' }, s.tokens.ivanova)).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Урок проведён на замене: записи в нём вносит заменявший учитель.',
    });
  });

  it('gives grade 1 no homework (seed 000 §2.8)', async () => {
    const error = await t.fail('journal.setLessonText', { lessonId: s.lessons.maths1a.id, homework: 'Прописи' }, s.tokens.sidorov);
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.fields?.homework).toBe('В 1 классе домашние задания не задаются');
    await t.call('journal.setLessonText', { lessonId: s.lessons.maths1a.id, topic: 'Счёт до 10' }, s.tokens.sidorov);
  });

  it('accepts a topic after 15:00 of the lesson day for the first shift, marked late (seed 003 §4.4.6)', async () => {
    // Hours pass between the entries: the teacher logs in again each time.
    const loginAt = async (iso: string) => {
      t.clock.set(iso);
      return (await t.call('auth.login', { login: 'ivanova.ap', password: TEST_PASSWORD })).token;
    };
    const onTime = await loginAt('2026-11-23T11:59:00.000Z'); // 14:59 in Moscow
    expect((await t.call('journal.setLessonText', { lessonId: s.lessons.maths5a.id, topic: 'Вовремя' }, onTime)).topicLate).toBe(false);
    const after = await loginAt('2026-11-23T12:01:00.000Z'); // 15:01
    const late = await t.call('journal.setLessonText', { lessonId: s.lessons.maths5a.id, topic: 'Поздно' }, after);
    expect(late).toMatchObject({ topic: 'Поздно', topicLate: true });
  });

  it('keeps a closed period read-only until the deputy reopens the page', async () => {
    const em = t.runtime.database().manager;
    const second = await em.findOneByOrFail(StudyPeriodEntity, { yearId: s.yearId, ordinal: 2 });
    await em.update(StudyPeriodEntity, { id: second.id }, { closedAt: '2026-11-23T06:00:00.000Z' });
    const error = await t.fail('journal.setLessonText', { lessonId: s.lessons.maths5a.id, topic: 'x' }, s.tokens.ivanova);
    expect(error).toMatchObject({ code: 'READ_ONLY' });
    expect(error.message).toContain('II четверть закрыта');
    await t.runtime.transact({ userId: s.userIds.deputy, method: 'test' }, (write) =>
      write.insert(PageReopenEntity, {
        periodId: second.id,
        classId: s.classes.c5a,
        groupId: null,
        subjectId: s.subjects.maths,
        reason: 'Исправление ошибки в теме урока',
        reopenedBy: s.userIds.deputy,
        reopenedAt: '2026-11-23T06:30:00.000Z',
        closesAt: null,
      }),
    );
    await t.call('journal.setLessonText', { lessonId: s.lessons.maths5a.id, topic: 'Исправлено' }, s.tokens.ivanova);
  });
});
