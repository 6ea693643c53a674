import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubstitutionEntity } from '../../../main/core/db/entities/changes';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSubSchool, type SubSchool } from './fixture';

describe('«fill the day»', () => {
  let t: TestRuntime;
  let s: SubSchool;

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSubSchool(t);
    await t.call('substitutions.saveAbsence', { staffId: s.staff.ivanova, fromDate: '2026-11-23', toDate: '2026-11-23', reason: 'illness' }, s.tokens.deputy);
  });
  afterAll(() => t.close());

  it('proposes a teacher of the subject for every open maths lesson while one is free, counting the picks of the run', async () => {
    const before = await t.runtime.database().manager.count(SubstitutionEntity);
    const proposals = await t.call('substitutions.fillDay', { date: '2026-11-23' }, s.tokens.deputy);
    expect(
      proposals.map((p) => [p.lesson.classLabel, p.lesson.lessonNo, p.kind, p.substituteName, p.candidate?.continuity, p.candidate?.lessonsToday, p.candidate?.month, p.candidate?.score]),
    ).toEqual([
      // As in the ranking test: Кузнецов, the maths teacher, 11.
      ['5А', 2, 'substitute', 'Кузнецов И.И.', false, 3, 0, 11],
      // At the 3rd he teaches 6А: Смирнова, qualified for maths, 10 + 10 − 3·1 − 2·2 − 4·1 = 9, before those who only know
      // the class (Белова 10 − 3 − 2 = 5, Петрова 10 + 5 − 3·2 − 2·2 − 4·2 = −3), Никитин (−5) and Волков (no lessons).
      ['5А', 3, 'substitute', 'Смирнова Е.В.', false, 2, 1, 9],
      // At the 4th Смирнова, Кузнецов and Белова teach and Орлова has her two lessons: Никитин 0 − 3·2 − 2·1 = −8 beats Петрова −15.
      ['5Б', 4, 'substitute', 'Никитин П.С.', false, 1, 0, -8],
    ]);
    expect(proposals.map((p) => p.why)).toEqual([
      'Ведёт этот предмет в классах этой ступени. Баллы: 11.',
      'Имеет квалификацию по этому предмету в классах этой ступени. Баллы: 9.',
      'Свободных в это время учителей этого предмета и учителей этого класса нет. Баллы: -8.',
    ]);
    expect(proposals[1].alternatives).toBe(4);
    // Proposals only: nothing was saved.
    expect(await t.runtime.database().manager.count(SubstitutionEntity)).toBe(before);
  });

  it('merges when nobody is free and cancels when there is no parallel lesson either', async () => {
    // Everyone who could take 5Б at the 4th is away: the class joins 5В's maths.
    for (const who of [s.staff.nikitin, s.staff.petrova, s.staff.volkov]) {
      await t.call('substitutions.saveAbsence', { staffId: who, fromDate: '2026-11-23', toDate: '2026-11-23', fromLessonNo: 4, toLessonNo: 4, reason: 'business' }, s.tokens.deputy);
    }
    const proposals = await t.call('substitutions.fillDay', { date: '2026-11-23' }, s.tokens.deputy);
    const fourth = proposals.find((p) => p.lesson.classLabel === '5Б' && p.lesson.lessonNo === 4)!;
    expect([fourth.kind, fourth.merge?.className, fourth.substituteName]).toEqual(['merge', '5В', 'Кузнецов И.И.']);
    // Кузнецов is away at the 4th as well: 5В's maths is open itself, and joining 5А's English is not proposed
    // (another subject: the deputy may still choose it by hand).
    await t.call('substitutions.saveAbsence', { staffId: s.staff.kuznetsov, fromDate: '2026-11-23', toDate: '2026-11-23', fromLessonNo: 4, toLessonNo: 4, reason: 'other' }, s.tokens.deputy);
    const again = await t.call('substitutions.fillDay', { date: '2026-11-23' }, s.tokens.deputy);
    expect(again.map((p) => [p.lesson.classLabel, p.lesson.lessonNo, p.kind])).toEqual([
      ['5А', 2, 'substitute'],
      ['5А', 3, 'substitute'],
      ['5Б', 4, 'cancel'],
      ['5В', 4, 'cancel'],
    ]);
    expect(again[2].why).toBe('Свободных учителей и параллельных уроков для объединения нет.');
  });

  it('can be applied as reviewed, and then the day has nothing open', async () => {
    const proposals = await t.call('substitutions.fillDay', { date: '2026-11-23' }, s.tokens.deputy);
    const items = proposals.map((p) => ({ lessonId: p.lessonId, kind: p.kind, substituteStaffId: p.substituteStaffId, mergedWithLessonId: p.mergedWithLessonId }));
    const saved = await t.call('substitutions.applyMany', { items }, s.tokens.deputy);
    expect(saved.every((l) => l.state === 'solved')).toBe(true);
    const day = await t.call('substitutions.day', { date: '2026-11-23' }, s.tokens.deputy);
    expect(day.open).toBe(0);
    expect(await t.call('substitutions.fillDay', { date: '2026-11-23' }, s.tokens.deputy)).toEqual([]);
  });
});
