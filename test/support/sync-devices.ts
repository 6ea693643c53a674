import path from 'node:path';
import Database from 'better-sqlite3';
import { createTestRuntime, TEST_PASSWORD, type TestRuntime } from './runtime';
import { buildSmallSchool, type SmallSchool } from './small-school';
import { lastRecordedSeq, markWritten, setBaseline, takeNextBatch } from '../../main/core/sync/outbox';
import { applyOneBatch, type BatchOutcome } from '../../main/core/sync/merge/run';
import { hlcRange } from '../../main/core/sync/share/batch-file';
import type { Batch } from '../../main/core/sync/share/types';

/**
 * Several computers of one school in one test process, without a shared
 * folder: each a core runtime with its own data folder (so its own computer
 * id) and its own copy of the school's database, made from the first one's
 * as a new computer starts from the shared database file. `deliver` carries
 * one computer's outbox to another as batches, in order.
 */
export interface Device {
  name: string;
  t: TestRuntime;
  id: string;
  tokens: SmallSchool['tokens'];
  /** Every batch this device has written, by seq (what a shared folder would hold). */
  sent: Batch[];
}

const PEOPLE = { admin: 'admin', director: 'director', deputy: 'zavuch', secretary: 'secretar', ivanova: 'ivanova.ap', petrova: 'petrova.mi', sidorov: 'sidorov.on' } as const;

async function login(t: TestRuntime): Promise<SmallSchool['tokens']> {
  const tokens = {} as SmallSchool['tokens'];
  for (const [who, login] of Object.entries(PEOPLE)) {
    tokens[who as keyof typeof PEOPLE] = (await t.call('auth.login', { login, password: TEST_PASSWORD })).token;
  }
  return tokens;
}

/** A copy of a device's database as a new computer starts from it: this computer's bookkeeping left out. */
export function copyForNewComputer(file: string, target: string): void {
  const db = new Database(file, { readonly: true });
  try {
    db.prepare('VACUUM INTO ?').run(target);
  } finally {
    db.close();
  }
  const copy = new Database(target);
  try {
    for (const table of ['sync_batches', 'sync_cursors', 'login_states', 'backup_records']) copy.prepare(`DELETE FROM "${table}"`).run();
  } finally {
    copy.close();
  }
}

export async function schoolOnDevices(count: number, opts: { now?: string } = {}): Promise<{ school: SmallSchool; devices: Device[] }> {
  const first = await createTestRuntime({ now: opts.now });
  const school = await buildSmallSchool(first);
  await first.runtime.database().transaction((em) => setBaseline(em, first.clock.now().toISOString()));
  const devices: Device[] = [{ name: 'A', t: first, id: first.runtime.changes.computerId, tokens: school.tokens, sent: [] }];
  const file = (first.runtime.dbConfig as { file: string }).file;
  for (let i = 1; i < count; i++) {
    const name = String.fromCharCode(65 + i);
    const target = path.join(path.dirname(file), `copy-${name}.sqlite`);
    copyForNewComputer(file, target);
    const t = await createTestRuntime({ now: opts.now, db: { kind: 'sqlite', file: target } });
    await t.runtime.database().transaction((em) => setBaseline(em, t.clock.now().toISOString()));
    devices.push({ name, t, id: t.runtime.changes.computerId, tokens: await login(t), sent: [] });
  }
  return { school, devices };
}

/** Cuts the device's waiting changes into batches (what a sync cycle writes to the folder). */
export async function flush(d: Device): Promise<void> {
  for (;;) {
    const next = await d.t.runtime.serialize(() =>
      d.t.runtime.database().transaction((em) => takeNextBatch(em, d.id, d.t.clock.now().toISOString())),
    );
    if (!next) return;
    const header = { format: 1, computerId: d.id, seq: next.seq, ...hlcRange(next.changes), count: next.changes.length };
    d.sent[next.seq] = { header, changes: next.changes };
    await d.t.runtime.serialize(() => d.t.runtime.database().transaction((em) => markWritten(em, next.seq, d.t.clock.now().toISOString())));
    if ((await lastRecordedSeq(d.t.runtime.database().manager)) !== next.seq) throw new Error('seq not recorded');
  }
}

/** Applies `from`'s batches that `to` has not applied yet, in order. */
export async function deliver(from: Device, to: Device, opts: { upTo?: number } = {}): Promise<BatchOutcome[]> {
  const names = (id: string) => ({ [from.id]: `ПК ${from.name}`, [to.id]: `ПК ${to.name}` })[id] ?? id.slice(0, 8);
  const out: BatchOutcome[] = [];
  for (const batch of from.sent) {
    if (!batch || (opts.upTo !== undefined && batch.header.seq > opts.upTo)) continue;
    out.push(await applyOneBatch(to.t.runtime, batch, names));
  }
  return out;
}
