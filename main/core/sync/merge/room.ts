import { In } from 'typeorm';
import { AppError } from '../../shared/errors';
import { timeOfHlc, type MergeContext, type Row, type RowPlan } from './context';
import type { EntityInfo } from './schema';
import { describeCollision } from '../conflicts/collisions';
import { FieldClocks } from './clocks';

/**
 * Two computers may each make a row that a rule of one live row per key
 * forbids the other (a unique index over live rows): two substitutions for
 * one lesson, two accounts with one login, two topics in one place of a
 * plan. Both rows are kept; the one whose claim on the key is newer (by the
 * clock of the write that made it live with that key) stays, the other gives
 * way, the same on every computer:
 *
 * - a row this computer holds live gives way through the Writer — tombstoned
 *   (a substitution), its login renamed (an account), moved to the end of
 *   its plan (a topic) — audited and shipped like any change;
 * - a row arriving from elsewhere that must give way is written already
 *   given way, the same way, without shipping it: the computer that holds
 *   it live ships its own giving way when the newer row reaches it.
 *
 * Collisions a person must look at are listed as conflicts (conflicts/collisions.ts).
 */

const DISPLACED_REASON = 'Синхронизация: на другом компьютере одновременно сделана такая же запись; оставлена более поздняя, конфликт внесён в список.';

/** The key of a row under a unique rule, or null when the rule does not apply to it (a tombstone, a condition not met). */
function keyOf(row: Row, u: EntityInfo['uniques'][number]): string | null {
  if (row.deletedAt !== null && row.deletedAt !== undefined) return null;
  if (u.nullColumn && row[u.nullColumn] !== null && row[u.nullColumn] !== undefined) return null;
  if (u.notNullColumn && (row[u.notNullColumn] === null || row[u.notNullColumn] === undefined)) return null;
  return JSON.stringify(u.columns.map((c) => row[c] ?? null));
}

/**
 * The clock of the write that gave a row its claim on the key: made live, or
 * given these key values. `clocks` are the stored ones of the rows concerned
 * (a row held here that no incoming change touches is not in the batch's).
 */
function claimOf(clocks: FieldClocks, plan: RowPlan | null, info: EntityInfo, rowId: string, columns: string[]): string {
  let claim = plan?.created ?? '';
  for (const f of [...columns, 'deletedAt']) {
    const w = plan?.set.get(f);
    const hlc = w ? w.hlc : clocks.of(info.name, rowId, f);
    if (hlc > claim) claim = hlc;
  }
  return claim;
}

/** Makes room among the rows about to be written; changes the plans of arriving rows that give way. */
export async function makeRoom(ctx: MergeContext, info: EntityInfo, plans: RowPlan[]): Promise<void> {
  for (const u of info.uniques) {
    const touched = plans.filter((p) => {
      if (keyOf(p.after, u) === null) return false;
      return !p.before || keyOf(p.before, u) !== keyOf(p.after, u) || p.set.has('deletedAt');
    });
    if (touched.length === 0) continue;
    const planned = new Map(plans.map((p) => [p.rowId, p]));
    const first = u.columns[0];
    const values = [...new Set(touched.map((p) => p.after[first]))];
    const holders = new Map<string, Row[]>();
    for (let i = 0; i < values.length; i += 500) {
      const rows = (await ctx.em.find(info.schema, { where: { [first]: In(values.slice(i, i + 500)) } })) as Row[];
      for (const r of rows) {
        const id = r[info.key] as string;
        const current = planned.get(id)?.after ?? r;
        const key = keyOf(current, u);
        if (key === null) continue;
        const list = holders.get(key) ?? [];
        list.push(current);
        holders.set(key, list);
      }
    }
    const holderIds = [...holders.values()].flat().map((r) => r[info.key] as string);
    const clocks = await FieldClocks.load(ctx.em, [...holderIds, ...touched.map((p) => p.rowId)].map((rowId) => ({ entity: info.name, rowId })));
    for (const plan of touched) {
      const key = keyOf(plan.after, u);
      if (key === null) continue;
      const holder = (holders.get(key) ?? []).find((r) => r[info.key] !== plan.rowId);
      if (!holder) continue;
      const holderId = holder[info.key] as string;
      const mine = claimOf(clocks, plan, info, plan.rowId, u.columns);
      const theirs = claimOf(clocks, planned.get(holderId) ?? null, info, holderId, u.columns);
      let arrivingWins = mine > theirs;
      if (arrivingWins) {
        const holderPlan = planned.get(holderId);
        if (holderPlan) giveWayInPlan(ctx, info, holderPlan, mine, await displaced(ctx, info, holderPlan.after, plans));
        else if (!(await giveWayHere(ctx, info, holder, plans))) arrivingWins = false;
      }
      if (!arrivingWins) giveWayInPlan(ctx, info, plan, theirs, await displaced(ctx, info, plan.after, plans));
      const winner = arrivingWins ? plan.after : holder;
      const loser = arrivingWins ? holder : plan.after;
      const found = await describeCollision(ctx, info, winner, loser, arrivingWins ? mine : theirs, arrivingWins ? theirs : mine);
      holders.set(key, [winner]);
      if (found) ctx.found.push(found);
    }
  }
}

/**
 * The values of a row that gives way: another login, the end of its plan, or
 * a tombstone. Free of the rows here and of those about to be written
 * (`plans`: a batch may bring a whole plan's topics, or a login «x.2»).
 */
async function displaced(ctx: MergeContext, info: EntityInfo, row: Row, plans: RowPlan[]): Promise<Row> {
  if (info.name === 'User') return { login: await freeLogin(ctx, String(row.login), new Set(plans.map((p) => String(p.after.login)))) };
  if (info.name === 'PlanTopic') {
    const planId = String(row.planId);
    const planned = plans.filter((p) => p.after.planId === planId).map((p) => Number(p.after.ordinal) || 0);
    return { ordinal: Math.max(await lastOrdinal(ctx, planId), ...planned) + 1 };
  }
  return {};
}

/**
 * A row this computer holds live gives way: a change of its own, audited and
 * shipped. False when it cannot (a closed year's row is read-only): then the
 * arriving row gives way instead, and the conflict is listed.
 */
async function giveWayHere(ctx: MergeContext, info: EntityInfo, row: Row, plans: RowPlan[]): Promise<boolean> {
  const id = row[info.key] as string;
  try {
    const values = await displaced(ctx, info, row, plans);
    if (Object.keys(values).length) await ctx.writer.update(info.schema, id, values, { reason: DISPLACED_REASON });
    else await ctx.writer.remove(info.schema, id, { reason: DISPLACED_REASON });
    return true;
  } catch (e) {
    if (e instanceof AppError && e.code === 'READ_ONLY') return false;
    throw e;
  }
}

/** A row arriving from elsewhere is written already given way (not shipped: its holder ships its own). */
function giveWayInPlan(ctx: MergeContext, info: EntityInfo, plan: RowPlan, winnerClaim: string, values: Row): void {
  if (Object.keys(values).length) Object.assign(plan.after, values);
  // The moment the newer row was made: the same on every computer that writes it so.
  else plan.after.deletedAt = timeOfHlc(winnerClaim) || ctx.now;
}

/** `login.2`, `login.3`, … the first one no account has (as migration 0009 renamed duplicates). */
async function freeLogin(ctx: MergeContext, login: string, planned: Set<string>): Promise<string> {
  const info = ctx.schema.get('User');
  for (let n = 2; ; n++) {
    const candidate = `${login}.${n}`;
    if (!planned.has(candidate) && !(await ctx.em.findOne(info.schema, { where: { login: candidate } }))) return candidate;
  }
}

async function lastOrdinal(ctx: MergeContext, planId: string): Promise<number> {
  const info = ctx.schema.get('PlanTopic');
  const row = await ctx.em.createQueryBuilder(info.schema, 't').select('MAX(t.ordinal)', 'n').where('t.planId = :planId', { planId }).getRawOne<{ n: number | null }>();
  return Number(row?.n ?? 0);
}
