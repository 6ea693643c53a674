import { select, type ReadableDb } from '../db/readable';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * The journal's hot reads (a page, a cell after a save) run the same few
 * queries again and again; building them with TypeORM's query builder costs
 * more than running them. Each is built once per data source with placeholder
 * parameters, and then only its SQL runs with the call's values. Parameters
 * are scalars (no `IN (:...list)`: a list changes the SQL).
 */
interface Prepared {
  sql: string;
  order: string[];
}

/** Per data source: the SQL names its schema (a PostgreSQL schema of its own, in tests), so it is not shared. */
const prepared = new WeakMap<object, Map<string, Prepared>>();
const SENTINEL = '\u0000kz:';

export async function cachedRaw<T>(
  em: ReadableDb,
  key: string,
  build: (em: ReadableDb) => SelectQueryBuilder<ObjectLiteral>,
  params: Record<string, string | number | null>,
): Promise<T[]> {
  let cache = prepared.get(em.connection);
  if (!cache) {
    cache = new Map();
    prepared.set(em.connection, cache);
  }
  let p = cache.get(key);
  if (!p) {
    const qb = build(em);
    const names = Object.keys(params);
    qb.setParameters(Object.fromEntries(names.map((n) => [n, `${SENTINEL}${n}`])));
    const [sql, values] = qb.getQueryAndParameters();
    const order = values.map((v) => {
      if (typeof v !== 'string' || !v.startsWith(SENTINEL)) throw new Error(`query ${key}: a parameter without a name`);
      return v.slice(SENTINEL.length);
    });
    p = { sql, order };
    cache.set(key, p);
  }
  return select<T>(em, p.sql, p.order.map((n) => params[n]));
}

/** SQLite returns booleans as 0/1 and PostgreSQL's REAL may come as a string: one shape for both. */
export function bool(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 't';
}

export function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}

export function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : num(v);
}
