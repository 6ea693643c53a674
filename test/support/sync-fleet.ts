import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALL_ENTITIES } from '../../main/core/db/entities';
import { ENTITY_POLICIES, isAuditEventShared } from '../../main/core/changes/policy';
import { ChangeLogEntity } from '../../main/core/db/entities/system';
import { SyncService, type SyncServiceOptions } from '../../main/core/sync/service/service';
import { createTestRuntime, TEST_PASSWORD, type TestRuntime } from './runtime';
import { buildSmallSchool, type SmallSchool } from './small-school';
import { LOWEST_COST, PASSPHRASE } from './sync-share';

/**
 * Several computers of one school on one shared folder, each a full core
 * runtime with its own data folder, database, clock and sync service, and a
 * folder path of its own (a symbolic link to the share) that can be taken
 * away to put it offline. Used by the multi-device property tests.
 */

export interface FleetDevice {
  name: string;
  t: TestRuntime;
  sync: SyncService;
  id: string;
  /** This computer's path to the share: a link that goes away while it is offline. */
  link: string;
  online: boolean;
  /** Its clock minus the school's true time (ms). */
  skewMs: number;
  tokens: Record<Person, string>;
}

export type Person = 'admin' | 'deputy' | 'secretary' | 'ivanova' | 'petrova' | 'sidorov';
const LOGINS: Record<Person, string> = { admin: 'admin', deputy: 'zavuch', secretary: 'secretar', ivanova: 'ivanova.ap', petrova: 'petrova.mi', sidorov: 'sidorov.on' };

export interface Fleet {
  school: SmallSchool;
  devices: FleetDevice[];
  /** The folder on the server's side (tests tamper with its files here). */
  serverDir: string;
  /** The school's true time (ms since epoch); each device's clock is it plus its skew. */
  now: number;
  tick(ms: number): void;
  setOnline(d: FleetDevice, online: boolean): void;
  call(d: FleetDevice, who: Person, method: string, params: unknown): Promise<{ ok: boolean; code?: string }>;
  close(): Promise<void>;
}

export const FLEET_START = '2026-11-23T07:00:00.000Z';

export async function startFleet(opts: {
  count: number;
  /** The shared folder as each device reaches it (a mount point), and the server's folder. */
  share?: { serverDir: string; mountFor: (i: number) => string };
  skewsMs: number[];
  service?: SyncServiceOptions;
  log?: (line: string) => void;
}): Promise<Fleet> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-fleet-'));
  const serverDir = opts.share?.serverDir ?? path.join(work, 'share');
  fs.mkdirSync(serverDir, { recursive: true });
  const target = (i: number) => opts.share?.mountFor(i) ?? serverDir;
  const service: SyncServiceOptions = {
    pollMs: 3_600_000,
    lock: { settleMs: 20, maxWriteMs: 5_000 },
    // Files are retried, never quarantined here: a file «still arriving» comes back whole later in the test.
    retry: { attempts: 1_000_000, minAgeMs: 1e12 },
    pruneGraceMs: 0,
    ...opts.service,
  };
  let now = Date.parse(FLEET_START);
  const devices: FleetDevice[] = [];
  let school: SmallSchool | null = null;
  const clockOf = (d: { skewMs: number }) => new Date(now + d.skewMs).toISOString();

  for (let i = 0; i < opts.count; i++) {
    const name = String.fromCharCode(65 + i);
    const skewMs = opts.skewsMs[i] ?? 0;
    const t = await createTestRuntime({ now: clockOf({ skewMs }) });
    const link = path.join(work, `root-${name}`);
    fs.symlinkSync(target(i), link);
    const d: FleetDevice = { name, t, sync: SyncService.for(t.runtime, service), id: t.runtime.changes.computerId, link, online: true, skewMs, tokens: {} as Record<Person, string> };
    if (i === 0) {
      school = await buildSmallSchool(t);
      // Minutes pass in the test between one person's calls: no idle lock in between.
      await t.call('settings.set', { key: 'session.idleLockMinutes', value: 240 }, school.tokens.admin);
      await d.sync.create({ root: link, passphrase: PASSPHRASE, computerName: `ПК ${name}`, kdfCost: LOWEST_COST });
    } else {
      await d.sync.join({ root: link, passphrase: PASSPHRASE, computerName: `ПК ${name}` });
    }
    devices.push(d);
    for (const who of Object.keys(LOGINS) as Person[]) d.tokens[who] = (await t.call('auth.login', { login: LOGINS[who], password: TEST_PASSWORD })).token;
    opts.log?.(`device ${name}: ${d.id}, clock ${skewMs >= 0 ? '+' : ''}${Math.round(skewMs / 1000)} s`);
  }
  return {
    school: school!,
    devices,
    serverDir,
    get now() {
      return now;
    },
    tick(ms) {
      now += ms;
      for (const d of devices) d.t.clock.set(clockOf(d));
    },
    setOnline(d, online) {
      if (online === d.online) return;
      if (online) fs.symlinkSync(target(devices.indexOf(d)), d.link);
      else fs.unlinkSync(d.link);
      d.online = online;
    },
    async call(d, who, method, params) {
      let r = await d.t.runtime.call({ method, params, token: d.tokens[who] });
      if (!r.ok && (r.error.code === 'UNAUTHENTICATED' || r.error.code === 'SESSION_LOCKED')) {
        // A session ended by a change that came from another computer (a role, a password): log in again.
        d.tokens[who] = (await d.t.call('auth.login', { login: LOGINS[who], password: TEST_PASSWORD })).token;
        r = await d.t.runtime.call({ method, params, token: d.tokens[who] });
      }
      return r.ok ? { ok: true } : { ok: false, code: r.error.code };
    },
    async close() {
      for (const d of devices) {
        await d.sync.stop();
        await d.t.close();
      }
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * Every device syncs until two whole rounds move nothing and find every
 * device «ok» (a share's caches may show a device a stale folder for a
 * round), or the rounds run out.
 */
export async function converge(fleet: Fleet, opts: { rounds?: number; pause?: () => Promise<void> } = {}): Promise<number> {
  let quiet = 0;
  let last = '';
  for (let round = 1; round <= (opts.rounds ?? 30); round++) {
    let moved = 0;
    let allOk = true;
    for (const d of fleet.devices) {
      const r = await d.sync.syncNow();
      if (r.state !== 'ok') {
        allOk = false;
        last = `device ${d.name}: ${r.state} — ${(await d.sync.status()).message}`;
      }
      moved += r.exported.length + r.applied.filter((a) => a.applied).length;
    }
    quiet = moved === 0 && allOk ? quiet + 1 : 0;
    if (quiet >= 2) return round;
    await opts.pause?.();
  }
  throw new Error(`the devices did not converge${last ? ` (${last})` : ''}`);
}

/** Tables that are the school's (shared or append-only), by entity name. */
export const SHARED_ENTITIES = ALL_ENTITIES.filter((e) => ['shared', 'appendOnly'].includes(ENTITY_POLICIES[e.options.name]?.scope ?? ''));

function sharedSubject(subject: string): boolean {
  try {
    return isAuditEventShared(subject);
  } catch {
    return true;
  }
}

function normalise(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v ?? null;
}

/** A hash per shared table of one device: every row by its key, every column but `updatedAt` (this computer's time of applying). */
export async function tableHashes(d: FleetDevice): Promise<Record<string, string>> {
  const ds = d.t.runtime.database();
  const out: Record<string, string> = {};
  for (const e of SHARED_ENTITIES) {
    const meta = ds.getMetadata(e);
    const key = meta.primaryColumns[0].propertyName;
    let rows = (await ds.manager.find(e.options.name, { order: { [key]: 'ASC' } })) as Record<string, unknown>[];
    // Audit events about this computer's own things (its login counters, its backups) stay on it.
    if (e.options.name === 'AuditEvent') rows = rows.filter((r) => sharedSubject(String(r.entity)));
    const h = crypto.createHash('sha256');
    for (const r of rows) h.update(JSON.stringify(meta.columns.filter((c) => c.propertyName !== 'updatedAt').map((c) => normalise(r[c.propertyName]))));
    out[e.options.name] = `${rows.length}:${h.digest('hex').slice(0, 16)}`;
  }
  return out;
}

/**
 * The last-writer-wins oracle: for every field of every shared row, the value
 * of its newest write (by the hybrid clock) among all the writes every device
 * made itself — which must be what each device holds. A write that lost is
 * thus only ever lost to a newer one. (Sync's conflicts keep a settled one
 * settled whatever the clock, merge/rank.ts: not checked here.)
 */
export async function lastWriterWinsProblems(fleet: Fleet): Promise<string[]> {
  type Write = { hlc: string; values: Record<string, unknown> };
  const writes = new Map<string, Write[]>();
  for (const d of fleet.devices) {
    const own = await d.t.runtime.database().manager.find(ChangeLogEntity, { where: { computerId: d.id } });
    for (const e of own) {
      if (e.entity === 'AuditEvent' || e.entity === 'SyncConflict') continue;
      const key = `${e.entity}|${e.rowId}`;
      const list = writes.get(key) ?? [];
      const value: unknown = JSON.parse(e.value);
      list.push({ hlc: e.hlc, values: e.field === '*' ? (value as Record<string, unknown>) : { [e.field]: value } });
      writes.set(key, list);
    }
  }
  const problems: string[] = [];
  const d = fleet.devices[0];
  const ds = d.t.runtime.database();
  for (const [key, list] of writes) {
    const [entity, rowId] = key.split('|');
    const meta = ds.getMetadata(entity);
    const row = (await ds.manager.findOne(entity, { where: { [meta.primaryColumns[0].propertyName]: rowId } })) as Record<string, unknown> | null;
    if (!row) {
      problems.push(`${key}: missing`);
      continue;
    }
    const newest = new Map<string, Write>();
    for (const w of list) for (const f of Object.keys(w.values)) if ((newest.get(f)?.hlc ?? '') < w.hlc) newest.set(f, w);
    for (const [field, w] of newest) {
      if (field === 'updatedAt' || !meta.findColumnWithPropertyName(field)) continue;
      if (normalise(row[field]) !== normalise(w.values[field])) problems.push(`${key}.${field}: ${JSON.stringify(row[field])}, newest write ${JSON.stringify(w.values[field])} (${w.hlc})`);
    }
  }
  return problems;
}

/** The seeded generator of the property tests: a failure replays with its seed. */
export function random(seed: number): { next(): number; int(n: number): number; pick<T>(xs: readonly T[]): T; chance(p: number): boolean } {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (xs) => xs[Math.floor(next() * xs.length)], chance: (p) => next() < p };
}
