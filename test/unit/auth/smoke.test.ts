import { describe, expect, it } from 'vitest';
import { createTestRuntime, setUpSchool, TEST_PASSWORD } from '../../support/runtime';

describe('smoke', () => {
  it('sets up, logs in and audits', async () => {
    const t = await createTestRuntime();
    try {
      expect((await t.call('auth.status', {})).setupRequired).toBe(true);
      const token = await setUpSchool(t);
      const login = await t.call('auth.login', { login: 'ADMIN', password: TEST_PASSWORD });
      expect(login.actor.roles).toEqual(['admin']);
      const err = await t.fail('auth.login', { login: 'admin', password: 'wrong' });
      expect(err.code).toBe('LOGIN_FAILED');
      const users = await t.call('users.list', {}, token);
      expect(users[0].login).toBe('admin');
      const recent = await t.call('audit.recent', { limit: 50 }, token);
      expect(recent.length).toBeGreaterThan(3);
    } finally {
      await t.close();
    }
  });
});
