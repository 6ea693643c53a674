import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { METHODS } from '../../../main/core/registry/methods';
import { mutation } from '../../../main/core/api/contract';
import { StaffEntity } from '../../../main/core/db/entities/staff';
import { AuditEventEntity } from '../../../main/core/db/entities/system';
import { AppError } from '../../../main/core/shared/errors';
import { createTestRuntime, setUpSchool, type TestRuntime } from '../../support/runtime';

describe('dispatch', () => {
  let t: TestRuntime;
  let token: string;
  beforeEach(async () => {
    t = await createTestRuntime();
    token = await setUpSchool(t);
  });
  afterEach(() => t.close());

  it('answers an unknown method with a Russian message', async () => {
    const result = await t.runtime.call({ method: 'journal.nothing', params: {}, token });
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: 'Неизвестная операция «journal.nothing».' } });
  });

  it('validates params before the handler runs, naming the fields in Russian', async () => {
    const error = await t.fail('users.create', { login: 'я', staffId: null, roles: [] }, token);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/^Проверьте введённые данные: /);
    expect(error.details?.fields?.login).toMatch(/Логин/);
    expect(error.details?.fields?.roles).toBe('Назначьте хотя бы одну роль');
  });

  it('rolls back every write of a failed mutation, its audit events included', async () => {
    const methods = METHODS as Record<string, unknown>;
    methods['test.failHalfway'] = mutation({
      params: z.object({}),
      access: 'session',
      action: 'проверка',
      handler: async (_p, ctx) => {
        await ctx.write.insert(StaffEntity, {
          lastName: 'Временный',
          firstName: 'Тест',
          middleName: null,
          searchName: 'временный тест',
          position: '—',
          phone: null,
          email: null,
          hiredOn: null,
          leftOn: null,
          maxLessonsPerDay: null,
          note: null,
        });
        throw new AppError('CONFLICT', 'Прервано на середине.');
      },
    });
    try {
      const em = t.runtime.database().manager;
      const [staffBefore, auditBefore] = [await em.count(StaffEntity), await em.count(AuditEventEntity)];
      const result = await t.runtime.call({ method: 'test.failHalfway', params: {}, token });
      expect(result).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Прервано на середине.' } });
      expect(await em.count(StaffEntity)).toBe(staffBefore);
      expect(await em.count(AuditEventEntity)).toBe(auditBefore);
    } finally {
      delete methods['test.failHalfway'];
    }
  });

  it('hides an unexpected failure behind a Russian message, without a stack trace', async () => {
    const methods = METHODS as Record<string, unknown>;
    methods['test.crash'] = mutation({
      params: z.object({}),
      access: 'session',
      action: 'проверка',
      handler: async () => {
        throw new TypeError('undefined is not a function');
      },
    });
    try {
      const errors: unknown[] = [];
      t.runtime.log.error = (...args: unknown[]) => errors.push(args);
      const result = await t.runtime.call({ method: 'test.crash', params: {}, token });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('INTERNAL');
        expect(result.error.message).toContain('Изменения не сохранены');
        expect(JSON.stringify(result)).not.toContain('undefined is not a function');
      }
      expect(errors).toHaveLength(1);
    } finally {
      delete methods['test.crash'];
    }
  });

  it('writes an audit event for every field a mutation changes, with who and when', async () => {
    await t.call('settings.set', { key: 'session.idleLockMinutes', value: 5 }, token);
    await t.call('settings.set', { key: 'session.idleLockMinutes', value: 7 }, token);
    const me = await t.call('auth.me', {}, token);
    const events = await t.runtime.database().manager.find(AuditEventEntity, { where: { entity: 'Setting', entityId: 'session.idleLockMinutes' }, order: { id: 'ASC' } });
    // First set: the setting's row is made; then its value changes, field by field.
    expect(events.map((e) => [e.action, e.field, e.oldValue, e.newValue])).toEqual([
      ['create', null, null, '{"value":"5"}'],
      ['update', 'value', '5', '7'],
    ]);
    expect(events[1]).toMatchObject({ userId: me.userId, method: 'settings.set', at: '2026-11-23T07:00:00.000Z' });
  });

  it('serialises concurrent calls so transactions never interleave', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.runtime.call({ method: 'settings.set', params: { key: 'session.idleLockMinutes', value: i + 1 }, token })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await t.call('auth.status', {}, token)).idleLockMinutes).toBe(20);
  });
});
