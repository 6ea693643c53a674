import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { c, createTable, dropTables, placeholder as p } from './dsl';

const LIVE = '"deletedAt" IS NULL';
const METHOD = 'migration.0009';

/** The uniqueness rules that lived only in code until now, as partial indexes over live rows. */
const LIVE_UNIQUE: { table: string; name: string; columns: string[]; where?: string }[] = [
  { table: 'attendances', name: 'UQ_attendances_lesson_student_live', columns: ['lessonId', 'studentId'] },
  { table: 'substitutions', name: 'UQ_substitutions_lesson_live', columns: ['lessonId'] },
  { table: 'final_marks', name: 'UQ_final_marks_period_live', columns: ['studentId', 'subjectId', 'periodId', 'kind'], where: '"periodId" IS NOT NULL' },
  { table: 'final_marks', name: 'UQ_final_marks_year_live', columns: ['studentId', 'subjectId', 'kind'], where: '"periodId" IS NULL' },
  { table: 'users', name: 'UQ_users_login_live', columns: ['login'] },
  { table: 'plan_topics', name: 'UQ_plan_topics_plan_ordinal_live', columns: ['planId', 'ordinal'] },
];

/**
 * Ready for several computers (issue 14):
 * - `data_set`: the school's data-set id, made here for a school that exists;
 * - `change_log`: every captured field change, with its clock and computer;
 * - `login_states`: failed logins, lockout and last login leave the shared
 *   `users` row for a table of this computer; `users.sessionGeneration` ends
 *   a user's sessions on every computer;
 * - `user_roles` gets the sync columns (a revoked role becomes a tombstone);
 * - the rules «one live attendance per lesson and student», «one live
 *   substitution per lesson», «one final mark per student, subject, period
 *   and kind», «one live account per login» and «one topic per place in a
 *   plan» become partial unique indexes. Rows that break them (left by an
 *   older version) are not deleted: the older duplicates are tombstoned, a
 *   duplicate login or topic place is renumbered, and each is written to the
 *   audit log with the reason.
 */
export class OneWritePath1000000000009 implements MigrationInterface {
  name = 'OneWritePath1000000000009';

  async up(runner: QueryRunner): Promise<void> {
    const now = new Date().toISOString();
    await createTable(runner, 'data_set', { columns: [c.id(), c.instant('createdAt')] });
    const users = await runner.query(`SELECT COUNT(*) AS n FROM "users"`);
    if (Number(users[0].n) > 0) await runner.query(`INSERT INTO "data_set" ("id", "createdAt") VALUES (${p(runner, 1)}, ${p(runner, 2)})`, [uuidv7(), now]);

    await createTable(runner, 'change_log', {
      columns: [
        c.id(),
        c.string('hlc', 100),
        c.string('computerId', 36),
        c.string('entity', 60),
        c.string('rowId', 100),
        c.string('field', 60),
        c.text('value', false),
        c.string('fieldGroup', 60, true),
      ],
      indices: [{ name: 'IDX_change_log_hlc', columns: ['hlc'] }],
    });

    await createTable(runner, 'login_states', {
      columns: [
        { name: 'userId', type: 'varchar', length: '36', isPrimary: true },
        c.int('failedLogins', false, 0),
        c.instant('lockedUntil', true),
        c.instant('lastLoginAt', true),
      ],
      refs: { userId: 'users' },
    });
    await runner.query(
      `INSERT INTO "login_states" ("userId", "failedLogins", "lockedUntil", "lastLoginAt")
       SELECT "id", "failedLogins", "lockedUntil", "lastLoginAt" FROM "users"
        WHERE "failedLogins" <> 0 OR "lockedUntil" IS NOT NULL OR "lastLoginAt" IS NOT NULL`,
    );
    for (const column of ['failedLogins', 'lockedUntil', 'lastLoginAt']) await runner.query(`ALTER TABLE "users" DROP COLUMN "${column}"`);
    await runner.query(`ALTER TABLE "users" ADD COLUMN "sessionGeneration" integer NOT NULL DEFAULT 0`);

    await rebuildUserRoles(runner, { synced: true, now });

    await tombstoneOlderDuplicates(runner, now, 'attendances', ['"lessonId"', '"studentId"'], 'Attendance');
    await tombstoneOlderDuplicates(runner, now, 'substitutions', ['"lessonId"'], 'Substitution');
    await tombstoneOlderDuplicates(runner, now, 'final_marks', ['"studentId"', '"subjectId"', 'COALESCE("periodId", \'\')', '"kind"'], 'FinalMark');
    await renameDuplicateLogins(runner, now);
    await renumberDuplicateTopicPlaces(runner, now);
    for (const u of LIVE_UNIQUE) {
      await runner.createIndex(u.table, new TableIndex({ name: u.name, columnNames: u.columns, isUnique: true, where: u.where ? `${LIVE} AND ${u.where}` : LIVE }));
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const u of [...LIVE_UNIQUE].reverse()) await runner.dropIndex(u.table, u.name);
    await rebuildUserRoles(runner, { synced: false, now: '' });
    await runner.query(`ALTER TABLE "users" DROP COLUMN "sessionGeneration"`);
    await runner.query(`ALTER TABLE "users" ADD COLUMN "failedLogins" integer NOT NULL DEFAULT 0`);
    await runner.query(`ALTER TABLE "users" ADD COLUMN "lockedUntil" varchar(30)`);
    await runner.query(`ALTER TABLE "users" ADD COLUMN "lastLoginAt" varchar(30)`);
    const states: { userId: string; failedLogins: number; lockedUntil: string | null; lastLoginAt: string | null }[] = await runner.query(
      `SELECT "userId", "failedLogins", "lockedUntil", "lastLoginAt" FROM "login_states"`,
    );
    for (const s of states) {
      await runner.query(`UPDATE "users" SET "failedLogins" = ${p(runner, 1)}, "lockedUntil" = ${p(runner, 2)}, "lastLoginAt" = ${p(runner, 3)} WHERE "id" = ${p(runner, 4)}`, [
        Number(s.failedLogins),
        s.lockedUntil,
        s.lastLoginAt,
        s.userId,
      ]);
    }
    await dropTables(runner, ['data_set', 'change_log', 'login_states']);
  }
}

/**
 * `user_roles` gains (or, going down, loses) createdAt/updatedAt/deletedAt.
 * Neither database adds a NOT NULL column without a default it would then
 * keep, so the table is made anew and its rows copied; nothing references it.
 * Going down, revoked roles (tombstones) are not copied back: the old schema
 * deleted them.
 */
async function rebuildUserRoles(runner: QueryRunner, opts: { synced: boolean; now: string }): Promise<void> {
  await runner.query(`CREATE TABLE "tmp_user_roles" AS SELECT "id", "userId", "role" FROM "user_roles"${opts.synced ? '' : ` WHERE ${LIVE}`}`);
  await runner.dropTable('user_roles');
  await createTable(runner, 'user_roles', {
    columns: [c.id(), c.ref('userId'), c.string('role', 20), ...(opts.synced ? c.synced() : [])],
    refs: { userId: 'users' },
  });
  if (opts.synced) {
    await runner.createIndex('user_roles', new TableIndex({ name: 'UQ_user_roles_user_role_live', columnNames: ['userId', 'role'], isUnique: true, where: LIVE }));
    await runner.query(
      `INSERT INTO "user_roles" ("id", "userId", "role", "createdAt", "updatedAt", "deletedAt")
       SELECT "id", "userId", "role", ${p(runner, 1)}, ${p(runner, 2)}, NULL FROM "tmp_user_roles"`,
      [opts.now, opts.now],
    );
  } else {
    await runner.createIndex('user_roles', new TableIndex({ name: 'IDX_user_roles_user_role', columnNames: ['userId', 'role'], isUnique: true }));
    await runner.query(`INSERT INTO "user_roles" ("id", "userId", "role") SELECT "id", "userId", "role" FROM "tmp_user_roles"`);
  }
  await runner.query(`DROP TABLE "tmp_user_roles"`);
}

/** Live rows sharing a key beyond the first (the most recently changed is kept). */
async function tombstoneOlderDuplicates(runner: QueryRunner, now: string, table: string, key: string[], entity: string): Promise<void> {
  const rows: { id: string; k: string }[] = await runner.query(
    `SELECT "id", ${key.map((k, i) => `${k} AS k${i}`).join(', ')} FROM "${table}" WHERE ${LIVE} ORDER BY "updatedAt" DESC, "id" DESC`,
  );
  const seen = new Set<string>();
  for (const row of rows) {
    const k = JSON.stringify(key.map((_, i) => (row as unknown as Record<string, unknown>)[`k${i}`]));
    if (!seen.has(k)) {
      seen.add(k);
      continue;
    }
    await runner.query(`UPDATE "${table}" SET "deletedAt" = ${p(runner, 1)}, "updatedAt" = ${p(runner, 2)} WHERE "id" = ${p(runner, 3)}`, [now, now, row.id]);
    await audit(runner, now, entity, row.id, 'deletedAt', null, now, 'Повторная запись (такая же есть новее): снята при обновлении программы, данные сохранены в базе.', 'delete');
  }
}

async function renameDuplicateLogins(runner: QueryRunner, now: string): Promise<void> {
  const rows: { id: string; login: string }[] = await runner.query(`SELECT "id", "login" FROM "users" WHERE ${LIVE} ORDER BY "createdAt", "id"`);
  const taken = new Set(rows.map((r) => r.login));
  const seen = new Set<string>();
  for (const row of rows) {
    if (!seen.has(row.login)) {
      seen.add(row.login);
      continue;
    }
    let n = 2;
    while (taken.has(`${row.login}.${n}`)) n++;
    const login = `${row.login}.${n}`;
    taken.add(login);
    await runner.query(`UPDATE "users" SET "login" = ${p(runner, 1)}, "updatedAt" = ${p(runner, 2)} WHERE "id" = ${p(runner, 3)}`, [login, now, row.id]);
    await audit(runner, now, 'User', row.id, 'login', row.login, login, 'Вход с таким именем уже был у другой учётной записи: имя входа изменено при обновлении программы.', 'update');
  }
}

/** Topics of one plan sharing a place are numbered again in their order, each change audited. */
async function renumberDuplicateTopicPlaces(runner: QueryRunner, now: string): Promise<void> {
  const dup: { planId: string }[] = await runner.query(
    `SELECT DISTINCT "planId" FROM "plan_topics" WHERE ${LIVE} GROUP BY "planId", "ordinal" HAVING COUNT(*) > 1`,
  );
  for (const { planId } of dup) {
    const topics: { id: string; ordinal: number }[] = await runner.query(
      `SELECT "id", "ordinal" FROM "plan_topics" WHERE "planId" = ${p(runner, 1)} AND ${LIVE} ORDER BY "ordinal", "createdAt", "id"`,
      [planId],
    );
    // Out of the way first, so that no two live topics share a place on the way.
    for (const [i, t] of topics.entries()) {
      await runner.query(`UPDATE "plan_topics" SET "ordinal" = ${p(runner, 1)} WHERE "id" = ${p(runner, 2)}`, [-(i + 1), t.id]);
    }
    for (const [i, t] of topics.entries()) {
      await runner.query(`UPDATE "plan_topics" SET "ordinal" = ${p(runner, 1)}, "updatedAt" = ${p(runner, 2)} WHERE "id" = ${p(runner, 3)}`, [i + 1, now, t.id]);
      if (Number(t.ordinal) !== i + 1) {
        await audit(runner, now, 'PlanTopic', t.id, 'ordinal', String(t.ordinal), String(i + 1), 'Две темы плана стояли на одном месте: темы плана пронумерованы заново при обновлении программы.', 'update');
      }
    }
  }
}

async function audit(
  runner: QueryRunner,
  now: string,
  entity: string,
  entityId: string,
  field: string,
  oldValue: string | null,
  newValue: string | null,
  reason: string,
  action: 'update' | 'delete',
): Promise<void> {
  await runner.query(
    `INSERT INTO "audit_events" ("id", "at", "userId", "method", "action", "entity", "entityId", "field", "oldValue", "newValue", "reason")
     VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => p(runner, n)).join(', ')})`,
    [uuidv7(), now, null, METHOD, action, entity, entityId, field, oldValue, newValue, reason],
  );
}
