import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { select } from './readable';

/** The statement TypeORM's SQLite query runner begins a transaction with (a deferred one). */
const DEFERRED_BEGIN = 'BEGIN TRANSACTION';

/** What of TypeORM's SQLite query runner and driver this file relies on. */
interface SqliteConnection {
  inTransaction: boolean;
}
interface RunnerBooks {
  isTransactionActive: boolean;
  transactionDepth: number;
}

/**
 * A transaction that will write, begun as a writer (issue 17, item 6).
 *
 * TypeORM begins an SQLite transaction with a plain, deferred BEGIN: a
 * mutation reads first (the session, the settings) and asks for the write
 * lock only at its first write. If another program wrote to the same
 * database file in between, SQLite refuses that upgrade at once —
 * SQLITE_BUSY, in the middle of the work, whatever the busy timeout (a
 * transaction that holds a read snapshot cannot wait for the writer: the
 * snapshot would be stale). BEGIN IMMEDIATE takes the write lock before
 * anything is read, waiting up to the connection's busy timeout
 * (`SQLITE_BUSY_TIMEOUT_MS`) for another writer to finish; once it has the
 * lock nothing in the transaction waits for one (WAL: readers never block
 * the writer).
 *
 * PostgreSQL serves several computers at once (issue 18, item 3): a write
 * there takes the school's write lock on the server first (`serverWrite`).
 */
export async function writeTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (ds.options.type !== 'better-sqlite3') return serverWrite(ds, work);
  // The better-sqlite3 driver has one query runner for its one connection: the one `ds.transaction` uses.
  const runner = ds.createQueryRunner();
  const connection = (ds.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
  // Inside a transaction already (a write within a write): a savepoint of the one that holds the lock.
  if (connection.inTransaction) return ds.transaction(work);
  forgetEndedTransaction(runner, connection);
  const own = Object.hasOwn(runner, 'query');
  const plain = runner.query as (sql: string, ...rest: unknown[]) => Promise<unknown>;
  let immediate = false;
  runner.query = ((sql: string, ...rest: unknown[]) => {
    if (sql === DEFERRED_BEGIN && !immediate) {
      immediate = true;
      return plain.call(runner, 'BEGIN IMMEDIATE TRANSACTION', ...rest);
    }
    return plain.call(runner, sql, ...rest);
  }) as QueryRunner['query'];
  try {
    return await ds.transaction(async (em) => {
      // A TypeORM that began otherwise would leave the lock to the first write again: a bug to log, not to live with.
      if (!immediate) throw new Error(`TypeORM began the transaction without «${DEFERRED_BEGIN}»: the write lock was not taken first`);
      return work(em);
    });
  } finally {
    if (own) runner.query = plain as QueryRunner['query'];
    else delete (runner as { query?: unknown }).query;
  }
}

/**
 * TypeORM's books say a transaction is open when SQLite has ended it by
 * itself: a full disk rolls the transaction back, TypeORM's own ROLLBACK then
 * fails, is ignored, and every later transaction would be begun as a
 * savepoint — deferred, the write lock left to the first write. The
 * connection knows: when it is in no transaction, neither is the runner.
 */
function forgetEndedTransaction(runner: QueryRunner, connection: SqliteConnection): void {
  const books = runner as unknown as RunnerBooks;
  if (!connection.inTransaction && (books.isTransactionActive || books.transactionDepth !== 0)) {
    books.isTransactionActive = false;
    books.transactionDepth = 0;
  }
}

/** How long a write on a server waits for another computer's write before it is refused as «база данных занята». */
export const SERVER_WRITE_WAIT = '10s';

/**
 * A write on PostgreSQL as the only writer, as on SQLite: it takes the
 * school's write lock first (a transaction-level advisory lock keyed by the
 * schema), so two computers' writes run one after the other. Each statement
 * after the lock sees everything committed before it (READ COMMITTED), so
 * two teachers typing into one cell at the same moment leave one text or
 * the other, never a mixture, and nobody is refused for a race: the second
 * waits a few milliseconds. Readers never wait. A write that waited
 * SERVER_WRITE_WAIT is refused as DB_BUSY (db/errors.ts), nothing saved.
 *
 * Measured by test/unit/move/two-hosts.test.ts: without it, one cell
 * typed from two computers at once was left a mixture of both in 45 rounds
 * of 120; SERIALIZABLE with retries instead starved one computer of a
 * continuous stream and still refused 3 writes in 5 200.
 */
async function serverWrite<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return ds.transaction(async (em) => {
    await select(em, `SELECT set_config('lock_timeout', ?, true) AS wait`, [SERVER_WRITE_WAIT]);
    await select(em, `SELECT pg_advisory_xact_lock(hashtext('klassny-zhurnal:' || current_schema())) AS locked`);
    return work(em);
  });
}
