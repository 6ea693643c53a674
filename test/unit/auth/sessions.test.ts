import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditEventEntity } from '../../../main/core/db/entities/system';
import { createTestRuntime, setUpSchool, TEST_PASSWORD, type TestRuntime } from '../../support/runtime';

describe('logins and sessions on shared computers (seed 000 §2.1, seed 003 §4.3.14)', () => {
  let t: TestRuntime;
  let adminToken: string;
  beforeEach(async () => {
    t = await createTestRuntime();
    adminToken = await setUpSchool(t);
  });
  afterEach(() => t.close());

  it('has no default password: the first run asks the administrator to choose one, and checks it', async () => {
    const fresh = await createTestRuntime();
    try {
      const weak = await fresh.fail('setup.createSchool', {
        schoolName: 'Школа № 2',
        admin: { lastName: 'Иванов', firstName: 'Иван', login: 'admin', password: '12345' },
      });
      expect(weak).toMatchObject({ code: 'VALIDATION' });
      expect(weak.details?.fields?.['admin.password']).toContain('не короче 8');
    } finally {
      await fresh.close();
    }
  });

  it('refuses a second first run', async () => {
    const error = await t.fail('setup.createSchool', {
      schoolName: 'Школа № 2',
      admin: { lastName: 'Иванов', firstName: 'Иван', login: 'admin2', password: TEST_PASSWORD },
    });
    expect(error.code).toBe('CONFLICT');
  });

  it('locks the account after five wrong passwords, and the lockout survives the failed calls', async () => {
    for (let i = 0; i < 4; i++) expect((await t.fail('auth.login', { login: 'admin', password: 'wrong' })).code).toBe('LOGIN_FAILED');
    const fifth = await t.fail('auth.login', { login: 'admin', password: 'wrong' });
    expect(fifth.code).toBe('ACCOUNT_LOCKED');
    const evenRight = await t.fail('auth.login', { login: 'admin', password: TEST_PASSWORD });
    expect(evenRight.code).toBe('ACCOUNT_LOCKED');
    expect(evenRight.message).toMatch(/Повторите через 15 мин/);
    t.clock.advance(16 * 60_000);
    await t.call('auth.login', { login: 'admin', password: TEST_PASSWORD });
  });

  it('answers an unknown login exactly like a wrong password', async () => {
    const unknown = await t.fail('auth.login', { login: 'nobody', password: 'wrong' });
    const wrong = await t.fail('auth.login', { login: 'admin', password: 'wrong' });
    expect(unknown).toEqual(wrong);
  });

  it('locks an idle session after 10 minutes; only the same password unlocks it', async () => {
    t.clock.advance(9 * 60_000);
    await t.call('auth.me', {}, adminToken);
    t.clock.advance(10 * 60_000 + 1);
    const locked = await t.fail('users.list', {}, adminToken);
    expect(locked.code).toBe('SESSION_LOCKED');
    expect((await t.call('auth.status', {}, adminToken)).session).toMatchObject({ locked: true });
    expect((await t.fail('auth.unlock', { password: 'wrong' }, adminToken)).code).toBe('LOGIN_FAILED');
    await t.call('auth.unlock', { password: TEST_PASSWORD }, adminToken);
    await t.call('users.list', {}, adminToken);
  });

  it('locks on demand, and a logged-out token is dead', async () => {
    await t.call('auth.lock', {}, adminToken);
    expect((await t.fail('users.list', {}, adminToken)).code).toBe('SESSION_LOCKED');
    await t.call('auth.logout', {}, adminToken);
    expect((await t.fail('auth.me', {}, adminToken)).code).toBe('UNAUTHENTICATED');
  });

  it('resets a password: the old sessions end, the new password must be changed at the next login', async () => {
    const created = await t.call('users.create', { login: 'ivanova.ap', staffId: null, roles: ['teacher'] }, adminToken);
    const first = await t.call('auth.login', { login: 'ivanova.ap', password: created.temporaryPassword });
    expect(first.mustChangePassword).toBe(true);
    // Until the temporary password is changed, nothing else opens — not even after a reload.
    expect((await t.fail('settings.getAll', {}, first.token)).code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.call('auth.status', {}, first.token)).session).toMatchObject({ mustChangePassword: true });
    const { temporaryPassword } = await t.call('users.resetPassword', { id: created.id }, adminToken);
    expect((await t.fail('auth.me', {}, first.token)).code).toBe('UNAUTHENTICATED');
    const second = await t.call('auth.login', { login: 'ivanova.ap', password: temporaryPassword });
    await t.call('auth.changePassword', { currentPassword: temporaryPassword, newPassword: 'Весна-2027' }, second.token);
    await t.call('settings.getAll', {}, second.token);
    expect((await t.call('auth.login', { login: 'ivanova.ap', password: 'Весна-2027' })).mustChangePassword).toBe(false);
  });

  it('refuses a disabled account, and never leaves the school without an administrator', async () => {
    const created = await t.call('users.create', { login: 'teacher1', staffId: null, roles: ['teacher'] }, adminToken);
    await t.call('users.disable', { id: created.id }, adminToken);
    expect((await t.fail('auth.login', { login: 'teacher1', password: created.temporaryPassword })).code).toBe('ACCOUNT_LOCKED');
    const me = await t.call('auth.me', {}, adminToken);
    expect((await t.fail('users.disable', { id: me.userId }, adminToken)).code).toBe('CONFLICT');
    expect((await t.fail('users.setRoles', { id: me.userId, roles: ['teacher'] }, adminToken)).code).toBe('CONFLICT');
  });

  it('keeps no password, nor its hash, in the audit log', async () => {
    await t.call('users.create', { login: 'teacher2', staffId: null, roles: ['teacher'] }, adminToken);
    const events = await t.runtime.database().manager.find(AuditEventEntity);
    const text = JSON.stringify(events);
    expect(text).not.toMatch(/scrypt\$/);
    expect(text).not.toContain(TEST_PASSWORD);
  });
});
