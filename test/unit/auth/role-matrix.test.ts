import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHODS } from '../../../main/core/api/methods';
import type { MethodName } from '../../../main/core/api/types';
import { rolesAllow } from '../../../main/core/auth/permissions';
import type { Role } from '../../../main/core/db/entities/users';
import { AuditEventEntity } from '../../../main/core/db/entities/system';
import { createTestRuntime, TEST_PASSWORD, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';

/**
 * Every method of the contract against every role (DOMAIN.md, «Who uses it»):
 * a role without the method's permission is refused with FORBIDDEN and a
 * Russian message, and the refusal changes nothing — not even the audit log.
 * A new method must add its sample parameters here, or this test fails.
 */
type Sample = (s: SmallSchool) => unknown;

const SAMPLES: Record<MethodName, Sample> = {
  'auth.status': () => ({}),
  'auth.login': () => ({ login: 'nobody', password: 'x' }),
  'auth.logout': () => ({}),
  'auth.lock': () => ({}),
  'auth.unlock': () => ({ password: TEST_PASSWORD }),
  'auth.changePassword': () => ({ currentPassword: 'wrong-password1', newPassword: 'Новый-пароль-1' }),
  'auth.me': () => ({}),
  'setup.createSchool': () => ({
    schoolName: 'Другая школа',
    admin: { lastName: 'Х', firstName: 'Х', login: 'other', password: 'Пароль-0001' },
  }),
  'setup.openDemo': () => ({ password: 'Пароль-0001' }),
  'setup.closeDemo': () => ({}),
  'users.list': () => ({}),
  'users.create': () => ({ login: `new.${Math.random().toString(36).slice(2, 8)}`, staffId: null, roles: ['teacher'] }),
  'users.setRoles': (s) => ({ id: s.userIds.secretary, roles: ['secretary'] }),
  'users.disable': (s) => ({ id: s.userIds.sidorov }),
  'users.enable': (s) => ({ id: s.userIds.sidorov }),
  // Сидоров never logs in here: after a reset he would have to change his password first.
  'users.resetPassword': (s) => ({ id: s.userIds.sidorov, password: TEST_PASSWORD }),
  'settings.getAll': () => ({}),
  'settings.set': () => ({ key: 'session.idleLockMinutes', value: 10 }),
  'audit.history': (s) => ({ entity: 'Lesson', entityId: s.lessons.maths5a.id }),
  'audit.recent': () => ({ limit: 5 }),
  'journal.setLessonText': (s) => ({ lessonId: s.lessons.maths5a.id, topic: `Дроби ${Math.random()}` }),
};

/** Each role, and the fixture's person who holds it. */
const PEOPLE: [Role, keyof SmallSchool['tokens']][] = [
  ['admin', 'admin'],
  ['director', 'director'],
  ['deputy', 'deputy'],
  ['teacher', 'ivanova'],
  ['secretary', 'secretary'],
];

describe('the role matrix', () => {
  let t: TestRuntime;
  let school: SmallSchool;

  beforeAll(async () => {
    t = await createTestRuntime();
    school = await buildSmallSchool(t);
  });
  afterAll(() => t.close());

  it('has sample parameters for every method of the contract', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(METHODS).sort());
  });

  // One session per person, renewed only when a method ended or locked it
  // (logout, lock, a reset of roles): a login costs a deliberately slow scrypt.
  const sessions = new Map<string, string>();
  const loginFor = async (login: string) => {
    const kept = sessions.get(login);
    if (kept) {
      const status = await t.runtime.call({ method: 'auth.status', params: {}, token: kept });
      const session = status.ok ? (status.value as { session: { locked: boolean } | null }).session : null;
      if (session && !session.locked) return kept;
    }
    const r = await t.runtime.call({ method: 'auth.login', params: { login, password: TEST_PASSWORD } });
    if (!r.ok) throw new Error(r.error.message);
    const token = (r.value as { token: string }).token;
    sessions.set(login, token);
    return token;
  };
  const LOGINS: Record<keyof SmallSchool['tokens'], string> = {
    admin: 'admin',
    director: 'director',
    deputy: 'zavuch',
    secretary: 'secretar',
    ivanova: 'ivanova.ap',
    petrova: 'petrova.mi',
    sidorov: 'sidorov.on',
  };
  const auditCount = () => t.runtime.database().manager.count(AuditEventEntity);

  for (const [role, person] of PEOPLE) {
    for (const name of Object.keys(METHODS) as MethodName[]) {
      const method = METHODS[name];
      const allowed = method.access === 'public' || method.access === 'session' || rolesAllow([role], method.access);
      it(`${role} → ${name}: ${allowed ? 'admitted' : 'refused'}`, async () => {
        const token = await loginFor(LOGINS[person]);
        const before = await auditCount();
        const result = await t.runtime.call({ method: name, params: SAMPLES[name](school), token });
        if (allowed) {
          if (!result.ok) expect(result.error.code).not.toBe('FORBIDDEN');
        } else {
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.error.code).toBe('FORBIDDEN');
          expect(result.error.message).toMatch(/^Недостаточно прав: .+ недоступно для роли «.+»\.$/);
          expect(await auditCount()).toBe(before);
        }
      });
    }
  }

  it('refuses every method but the public ones without a session', async () => {
    for (const name of Object.keys(METHODS) as MethodName[]) {
      if (METHODS[name].access === 'public') continue;
      const result = await t.runtime.call({ method: name, params: SAMPLES[name](school), token: null });
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.error.code, name).toBe('UNAUTHENTICATED');
    }
  });
});
