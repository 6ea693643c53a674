import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRuntime, TEST_PASSWORD, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';

/**
 * An administrator's decision about an account holds everywhere at once: two
 * programs on one data set (a second window of the browser host, another
 * computer on the PostgreSQL server) each keep their own sessions, and a
 * disable, a role change or a password reset made in one ends the user's
 * sessions in the other at their next call.
 */
describe('revoking an account reaches every program on the same data', () => {
  let here: TestRuntime;
  let there: TestRuntime;
  let s: SmallSchool;
  let ivanovaThere: string;

  beforeEach(async () => {
    here = await createTestRuntime();
    s = await buildSmallSchool(here);
    there = await createTestRuntime({ db: here.runtime.dbConfig });
    ivanovaThere = (await there.call('auth.login', { login: 'ivanova.ap', password: TEST_PASSWORD })).token;
    expect(await there.call('auth.me', {}, ivanovaThere)).toMatchObject({ login: 'ivanova.ap' });
  });
  afterEach(async () => {
    await there.close();
    await here.close();
  });

  it('ends the sessions of a disabled account', async () => {
    await here.call('users.disable', { id: s.userIds.ivanova }, s.tokens.admin);
    const refused = await there.fail('journal.listPages', {}, ivanovaThere);
    expect(refused).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('отключена') });
    // And the session is gone for good, not only refused once.
    expect(await there.fail('auth.me', {}, ivanovaThere)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('ends the sessions of a user whose roles changed, and of one whose password was reset', async () => {
    await here.call('users.setRoles', { id: s.userIds.ivanova, roles: ['teacher', 'secretary'] }, s.tokens.admin);
    expect(await there.fail('journal.listPages', {}, ivanovaThere)).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('Войдите') });
    const again = (await there.call('auth.login', { login: 'ivanova.ap', password: TEST_PASSWORD })).token;
    expect((await there.call('auth.me', {}, again)).roles.sort()).toEqual(['secretary', 'teacher']);

    await here.call('users.resetPassword', { id: s.userIds.ivanova, password: 'Новый-пароль-77' }, s.tokens.admin);
    expect(await there.fail('auth.me', {}, again)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('ends the other sessions of a user who changed her own password, and keeps the one she changed it in', async () => {
    await here.call('auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'Свой-пароль-2026' }, s.tokens.ivanova);
    expect(await here.call('auth.me', {}, s.tokens.ivanova)).toMatchObject({ login: 'ivanova.ap' });
    expect(await there.fail('auth.me', {}, ivanovaThere)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('passwords are checked before anything about the account is told', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  beforeEach(async () => {
    t = await createTestRuntime();
    s = await buildSmallSchool(t);
  });
  afterEach(() => t.close());

  it('says «неверный логин или пароль» to a wrong password for a disabled account, and «отключена» only to the right one', async () => {
    await t.call('users.disable', { id: s.userIds.ivanova }, s.tokens.admin);
    expect(await t.fail('auth.login', { login: 'ivanova.ap', password: 'Угадываю-2026' })).toMatchObject({ code: 'LOGIN_FAILED' });
    expect(await t.fail('auth.login', { login: 'ivanova.ap', password: TEST_PASSWORD })).toMatchObject({ code: 'ACCOUNT_LOCKED', message: expect.stringContaining('отключена') });
  });

  it('counts a wrong current password when changing it towards the lockout, as at the login', async () => {
    for (let i = 0; i < 4; i++) {
      expect(await t.fail('auth.changePassword', { currentPassword: `не-тот-${i}`, newPassword: 'Новый-пароль-1' }, s.tokens.ivanova)).toMatchObject({ code: 'VALIDATION' });
    }
    expect(await t.fail('auth.changePassword', { currentPassword: 'не-тот-5', newPassword: 'Новый-пароль-1' }, s.tokens.ivanova)).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(await t.fail('auth.login', { login: 'ivanova.ap', password: TEST_PASSWORD })).toMatchObject({ code: 'ACCOUNT_LOCKED', message: expect.stringContaining('временно заблокирована') });
  });
});
