import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable, dropTables } from './dsl';

/** Staff, user accounts and roles, settings, and the audit log. */
export class AccountsAndAudit1000000000001 implements MigrationInterface {
  name = 'AccountsAndAudit1000000000001';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(runner, 'staff', {
      columns: [
        c.id(),
        c.string('lastName', 100),
        c.string('firstName', 100),
        c.string('middleName', 100, true),
        c.string('searchName', 310),
        c.string('position', 200),
        c.string('phone', 50, true),
        c.string('email', 200, true),
        c.date('hiredOn', true),
        c.date('leftOn', true),
        c.int('maxLessonsPerDay', true),
        c.text('note'),
        ...c.synced(),
      ],
      indices: [{ name: 'IDX_staff_searchName', columns: ['searchName'] }],
    });
    await createTable(runner, 'users', {
      columns: [
        c.id(),
        c.string('login', 100),
        c.ref('staffId', true),
        c.string('passwordHash', 300),
        c.bool('mustChangePassword'),
        c.instant('disabledAt', true),
        c.int('failedLogins', false, 0),
        c.instant('lockedUntil', true),
        c.instant('lastLoginAt', true),
        ...c.synced(),
      ],
      refs: { staffId: 'staff' },
      indices: [{ name: 'IDX_users_login', columns: ['login'] }],
    });
    await createTable(runner, 'user_roles', {
      columns: [c.id(), c.ref('userId'), c.string('role', 20)],
      refs: { userId: 'users' },
      indices: [{ name: 'IDX_user_roles_user_role', columns: ['userId', 'role'], unique: true }],
    });
    await createTable(runner, 'settings', {
      columns: [{ name: 'key', type: 'varchar', length: '100', isPrimary: true }, c.text('value', false), c.instant('updatedAt')],
    });
    await createTable(runner, 'audit_events', {
      columns: [
        c.id(),
        c.instant('at'),
        c.ref('userId', true),
        c.string('method', 100),
        c.string('action', 10),
        c.string('entity', 60),
        c.string('entityId', 36),
        c.string('field', 60, true),
        c.text('oldValue'),
        c.text('newValue'),
        c.text('reason'),
      ],
      indices: [
        { name: 'IDX_audit_entity', columns: ['entity', 'entityId'] },
        { name: 'IDX_audit_at', columns: ['at'] },
        { name: 'IDX_audit_user_at', columns: ['userId', 'at'] },
      ],
    });
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropTables(runner, ['staff', 'users', 'user_roles', 'settings', 'audit_events']);
  }
}
