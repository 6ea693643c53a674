import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { DataSource } from 'typeorm';
import { CoreRuntime } from '../../main/core/host/runtime';
import { fixedClock } from '../../main/core/shared/clock';
import type { DbConfig } from '../../main/core/db/data-source';
import type { MethodName, ParamsOf, ResultOf } from '../../main/core/api/types';
import type { ErrorPayload } from '../../main/core/shared/errors';

export const TEST_PASSWORD = 'Пароль-2026';

export interface TestRuntime {
  runtime: CoreRuntime;
  clock: ReturnType<typeof fixedClock>;
  dataDir: string;
  /** Calls a method and returns its value; throws the error payload on failure. */
  call<M extends MethodName>(method: M, params: ParamsOf<M>, token?: string | null): Promise<ResultOf<M>>;
  /** Calls a method that must fail and returns its error. */
  fail<M extends MethodName>(method: M, params: ParamsOf<M>, token?: string | null): Promise<ErrorPayload>;
  close(): Promise<void>;
}

/**
 * A core runtime on a fresh database: an SQLite file in a temp folder, or,
 * when PG_URL is set, a PostgreSQL schema of its own (dropped on close).
 */
export async function createTestRuntime(opts: { now?: string; db?: DbConfig } = {}): Promise<TestRuntime> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-test-'));
  const clock = fixedClock(opts.now ?? '2026-11-23T07:00:00.000Z');
  const pgSchema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const db: DbConfig =
    opts.db ??
    (process.env.PG_URL
      ? { kind: 'postgres', url: process.env.PG_URL, schema: pgSchema }
      : { kind: 'sqlite', file: path.join(dataDir, 'school.sqlite') });
  const runtime = await CoreRuntime.open({ db, dataDir, clock, log: { info: () => {}, error: console.error } });
  const call: TestRuntime['call'] = async (method, params, token) => {
    const result = await runtime.call({ method, params, token });
    if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.code} ${result.error.message}`), result.error);
    return result.value as never;
  };
  const fail: TestRuntime['fail'] = async (method, params, token) => {
    const result = await runtime.call({ method, params, token });
    if (result.ok) throw new Error(`${method} was expected to fail but returned ${JSON.stringify(result.value)}`);
    return result.error;
  };
  return {
    runtime,
    clock,
    dataDir,
    call,
    fail,
    close: async () => {
      await runtime.close();
      if (db.kind === 'postgres' && !opts.db) {
        const admin = new DataSource({ type: 'postgres', url: db.url });
        await admin.initialize();
        await admin.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
        await admin.destroy();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs the first-run set-up and returns the administrator's session token. */
export async function setUpSchool(t: TestRuntime): Promise<string> {
  const result = await t.call('setup.createSchool', {
    schoolName: 'МБОУ «Средняя общеобразовательная школа № 1»',
    admin: { lastName: 'Соколова', firstName: 'Ирина', middleName: 'Петровна', login: 'admin', password: TEST_PASSWORD },
  });
  return result.token;
}
