import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkTypeEntity } from '../../../main/core/db/entities/school';
import { overLimit, worksRu } from '../../../main/core/control-works/limit';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildTimetableSchool, type TimetableSchool } from '../lessons/school-with-timetable';

describe('the day limit of control works', () => {
  it('counts a class’s works a day, its groups’ included', () => {
    const works = [
      { id: 'a', classId: '5A', date: '2026-10-12' },
      { id: 'b', classId: '5A', date: '2026-10-12' },
      { id: 'c', classId: '5A', date: '2026-10-13' },
      { id: 'd', classId: '6B', date: '2026-10-12' },
    ];
    expect(overLimit(works, 1)).toEqual([{ classId: '5A', date: '2026-10-12', count: 2, ids: ['a', 'b'] }]);
    expect(overLimit(works, 2)).toEqual([]);
    // What one student sits: English for group 1 and for group 2 is one work each; with a whole-class work, two.
    const groups = new Map([
      ['en1', { splitKey: 'английский', name: '1 подгруппа' }],
      ['en2', { splitKey: 'английский', name: '2 подгруппа' }],
      ['inf1', { splitKey: 'информатика', name: '1 подгруппа' }],
    ]);
    const day = (...g: (string | null)[]) => g.map((groupId, i) => ({ id: `w${i}`, classId: '7A', date: '2026-11-24', groupId }));
    expect(overLimit(day('en1', 'en2'), 1, groups)).toEqual([]);
    expect(overLimit(day('en1', 'en2', null), 1, groups)).toEqual([{ classId: '7A', date: '2026-11-24', count: 2, ids: ['w0', 'w1', 'w2'] }]);
    // Groups of two different splits may share students: both count.
    expect(overLimit(day('en2', 'inf1'), 1, groups)).toEqual([{ classId: '7A', date: '2026-11-24', count: 2, ids: ['w0', 'w1'] }]);
    expect([1, 2, 5, 11, 21, 22].map(worksRu)).toEqual([
      '1 контрольная работа',
      '2 контрольные работы',
      '5 контрольных работ',
      '11 контрольных работ',
      '21 контрольная работа',
      '22 контрольные работы',
    ]);
  });
});

describe('the control-work schedule', () => {
  let t: TestRuntime;
  let s: TimetableSchool;

  beforeEach(async () => {
    t = await createTestRuntime({ now: '2026-09-10T12:00:00.000Z' });
    s = await buildTimetableSchool(t);
    const tt = await t.call('timetable.create', { yearId: s.yearId, name: 'Основное', validFrom: '2026-09-01' }, s.tokens.deputy);
    const place = (weekday: number, subjectId: string, staffId: string, lessonNo: number) =>
      t.call('timetable.place', { timetableId: tt.id, weekday, lessonNo, classId: s.classes.c5a, subjectId, staffId }, s.tokens.deputy);
    await place(1, s.subjects.maths, s.staff.ivanova, 2);
    await place(1, s.subjects.russian, s.staff.petrova, 3);
    await t.call('timetable.activate', { id: tt.id }, s.tokens.deputy);
  });
  afterEach(() => t.close());

  const work = (subjectId: string, title: string, date = '2026-10-12') => ({ yearId: s.yearId, classId: s.classes.c5a, subjectId, date, title });

  it('warns when a class gets more works a day than the setting allows, and saves when confirmed', async () => {
    await t.call('controlWorks.save', work(s.subjects.maths, 'Контрольная работа № 1'), s.tokens.ivanova);
    const second = await t.fail('controlWorks.save', work(s.subjects.russian, 'Контрольный диктант'), s.tokens.petrova);
    expect(second.code).toBe('CONFLICT');
    expect(second.message).toBe('У 5А 12.10.2026 будет 2 контрольные работы, а допускается не больше 1 в день. Сохранить всё равно?');
    const saved = await t.call('controlWorks.save', { ...work(s.subjects.russian, 'Контрольный диктант'), force: true }, s.tokens.petrova);
    expect(saved.warnings).toHaveLength(1);
    const list = await t.call('controlWorks.list', { yearId: s.yearId }, s.tokens.deputy);
    expect(list.works.map((w) => [w.subjectName, w.title, w.teacher])).toEqual([
      ['Математика', 'Контрольная работа № 1', 'Иванова А.П.'],
      ['Русский язык', 'Контрольный диктант', 'Петрова М.И.'],
    ]);
    expect(list.overLimit.map((d) => d.message)).toEqual(['5А, 12.10.2026: 2 контрольные работы в один день (допускается 1).']);
    await t.call('settings.set', { key: 'controlWorks.maxPerDay', value: 2 }, s.tokens.admin);
    expect((await t.call('controlWorks.list', { yearId: s.yearId }, s.tokens.deputy)).overLimit).toEqual([]);
  });

  it('gives the deputy’s work to the teacher of the page, and counts a split’s works once for each student', async () => {
    const saved = await t.call('controlWorks.save', { ...work(s.subjects.maths, 'Административная контрольная работа'), force: true }, s.tokens.deputy);
    expect(saved.work.teacher).toBe('Иванова А.П.');
    // English for both groups of 5А on one Monday: one work for each student, no warning.
    const english = (groupId: string) => ({ ...work(s.english, 'Контрольная работа по теме «Спорт»', '2026-10-19'), groupId, force: true });
    await t.call('controlWorks.save', english(s.groups.eng1), s.tokens.deputy);
    const second = await t.call('controlWorks.save', english(s.groups.eng2), s.tokens.deputy);
    expect(second.warnings).toEqual(['У 5А 19.10.2026 нет урока по этому предмету.']);
    expect((await t.call('controlWorks.list', { yearId: s.yearId }, s.tokens.deputy)).overLimit).toEqual([]);
  });

  it('warns about a date with no lesson of the subject', async () => {
    const tuesday = await t.fail('controlWorks.save', work(s.subjects.maths, 'Самостоятельная работа', '2026-10-13'), s.tokens.ivanova);
    expect(tuesday.message).toContain('У 5А 13.10.2026 нет урока по этому предмету.');
  });

  it('lets teachers see their classes’ schedule and plan works for their own subjects only', async () => {
    await t.call('controlWorks.save', work(s.subjects.maths, 'Контрольная работа № 1'), s.tokens.ivanova);
    const notHers = await t.fail('controlWorks.save', work(s.subjects.maths, 'Ещё одна', '2026-10-19'), s.tokens.petrova);
    expect(notHers.code).toBe('FORBIDDEN');
    // Петрова leads 5А: she sees its schedule; Сидоров teaches only in 1А.
    expect((await t.call('controlWorks.list', { yearId: s.yearId }, s.tokens.petrova)).works).toHaveLength(1);
    expect((await t.call('controlWorks.list', { yearId: s.yearId }, s.tokens.sidorov)).works).toHaveLength(0);
  });

  it('fills the schedule from the КТП: a control-work topic on the date of its lesson', async () => {
    const control = await t.runtime.transact({ userId: null, method: 'test.fixture' }, (write) =>
      write.insert(WorkTypeEntity, { name: 'Контрольная работа', shortName: 'К/р', weight: 2, deadlineKind: 'lessons', deadlineValue: 1, isControl: true, sortOrder: 5 }),
    );
    await t.call(
      'plans.create',
      {
        yearId: s.yearId,
        classId: s.classes.c5a,
        subjectId: s.subjects.maths,
        topics: [
          { title: 'Натуральные числа', hours: 3 },
          { title: 'Контрольная работа № 1 «Натуральные числа»', hours: 1, workTypeId: control.id },
        ],
      },
      s.tokens.ivanova,
    );
    // Mondays of September: 07, (14 a day off), 21, 26 (a Saturday worked as Monday), 28: the fourth lesson is on 28.09.
    expect(await t.call('controlWorks.fromPlans', { yearId: s.yearId }, s.tokens.deputy)).toEqual({ created: 1 });
    const list = await t.call('controlWorks.list', { yearId: s.yearId }, s.tokens.ivanova);
    expect(list.works.map((w) => [w.date, w.title, w.workTypeName])).toEqual([['2026-09-28', 'Контрольная работа № 1 «Натуральные числа»', 'Контрольная работа']]);
    expect(await t.call('controlWorks.fromPlans', { yearId: s.yearId }, s.tokens.deputy)).toEqual({ created: 0 });
  });
});
