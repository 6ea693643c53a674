import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';

/**
 * The session's state tells the screens whom they serve: a class teacher's
 * own screens (the attendance week, the diary, «Мой класс») and title follow
 * from the classes they lead this year.
 */
describe('auth.status: the classes the person at the screen leads', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSmallSchool(t);
  });
  afterAll(() => t.close());

  it('a class teacher is told her class', async () => {
    const status = await t.call('auth.status', {}, s.tokens.petrova);
    expect(status.session?.ledClasses).toEqual([{ id: s.classes.c5a, name: '5А' }]);
  });

  it('a subject teacher who leads no class gets none', async () => {
    const status = await t.call('auth.status', {}, s.tokens.sidorov);
    expect(status.session?.ledClasses).toEqual([]);
  });

  it('the administration leads no class by its role', async () => {
    expect((await t.call('auth.status', {}, s.tokens.deputy)).session?.ledClasses).toEqual([]);
    expect((await t.call('auth.status', {}, s.tokens.director)).session?.ledClasses).toEqual([]);
  });
});
