import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { AuditEventEntity } from '../../../main/core/db/entities/system';

/** The administrator hands a new password over in person, on a printed slip (seed 003 §4.1.5). */
describe('the credentials slip', () => {
  let t: TestRuntime;
  let s: SmallSchool;

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSmallSchool(t);
  });
  afterAll(() => t.close());

  it('names the school, the person, the login and roles; the password is not in it nor in the log', async () => {
    const reset = await t.call('users.resetPassword', { id: s.userIds.ivanova }, s.tokens.admin);
    const slip = await t.call('users.printSlip', { login: 'ivanova.ap' }, s.tokens.admin);
    expect(slip).toEqual({
      schoolName: 'МБОУ «Средняя общеобразовательная школа № 1»',
      login: 'ivanova.ap',
      fullName: 'Иванова Анна Петровна',
      position: 'Учитель математики',
      roles: ['учитель'],
      issuedOn: '2026-11-23',
      issuedBy: 'Соколова Ирина Петровна',
    });
    expect(JSON.stringify(slip)).not.toContain(reset.temporaryPassword);
    const events = await t.runtime.database().manager.find(AuditEventEntity, { where: { field: 'печатьБланка' } });
    expect(events).toHaveLength(1);
    expect(events[0].newValue).not.toContain(reset.temporaryPassword);
  });

  it('only the administrator prints it', async () => {
    expect((await t.fail('users.printSlip', { login: 'ivanova.ap' }, s.tokens.deputy)).code).toBe('FORBIDDEN');
  });
});
