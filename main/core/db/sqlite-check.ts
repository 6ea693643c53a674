import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sqliteNativeBindingFile } from './data-source';

/**
 * Checks of an SQLite file that must not hold the core's calls: run in a
 * worker thread with a time bound. SQLite cannot be interrupted from outside
 * a connection's thread, so a check that runs past its bound is left to the
 * worker, which is terminated, and the answer is «unknown».
 */
export type CheckOutcome =
  | { status: 'ok' }
  | { status: 'damaged'; problems: string[]; code: string | null }
  | { status: 'unknown'; reason: string };

/** What the worker runs: opens the file, runs one pragma, posts the lines it returned. */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db = null;
try {
  db = new Database(workerData.file, { fileMustExist: true, readonly: workerData.readonly, nativeBinding: workerData.nativeBinding });
  db.pragma('busy_timeout = 5000');
  const rows = db.pragma(workerData.pragma);
  parentPort.postMessage({ ok: true, lines: rows.map((r) => String(Object.values(r)[0])) });
} catch (e) {
  parentPort.postMessage({ ok: false, code: e && e.code ? String(e.code) : null, message: String(e && e.message ? e.message : e) });
} finally {
  if (db) db.close();
}
`;

const localRequire = createRequire(__filename);

/**
 * Runs `PRAGMA quick_check(N)` or `integrity_check(N)` on a file in a worker,
 * waiting at most `timeoutMs`. `readonly` for a database another connection
 * has open (WAL lets it read alongside); read-write before the program opens
 * it, so that a journal left by a killed writer is rolled back, not taken for damage.
 */
export function checkInWorker(
  file: string,
  opts: { pragma: 'quick_check(5)' | 'integrity_check(20)'; timeoutMs: number; readonly: boolean },
): Promise<CheckOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const worker = new Worker(WORKER_CODE, {
      eval: true,
      workerData: {
        module: localRequire.resolve('better-sqlite3'),
        nativeBinding: sqliteNativeBindingFile(),
        file,
        pragma: opts.pragma,
        readonly: opts.readonly,
      },
    });
    const done = (outcome: CheckOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => done({ status: 'unknown', reason: `проверка не закончилась за ${opts.timeoutMs} мс` }), opts.timeoutMs);
    worker.once('message', (m: { ok: true; lines: string[] } | { ok: false; code: string | null; message: string }) => {
      if (!m.ok) {
        // A file SQLite will not open or read is damaged; a locked one is not (the check is then unknown).
        if (m.code === 'SQLITE_BUSY' || m.code === 'SQLITE_LOCKED') done({ status: 'unknown', reason: m.message });
        else done({ status: 'damaged', problems: [m.message], code: m.code });
        return;
      }
      // SQLite names the schema first («*** in database main ***») and may join several findings in one line.
      const problems = m.lines
        .flatMap((l) => l.split('\n'))
        .map((l) => l.trim())
        .filter((l) => l && l !== 'ok' && !/^\*\*\* in database \w+ \*\*\*$/.test(l));
      done(problems.length ? { status: 'damaged', problems, code: null } : { status: 'ok' });
    });
    worker.once('error', (e) => done({ status: 'unknown', reason: e.message }));
    worker.once('exit', (code) => done({ status: 'unknown', reason: `проверка прервана (код ${code})` }));
  });
}

/**
 * What the first bytes of the file say, read without SQLite: the magic
 * string, a valid page size and fixed fields of the header, and a size that
 * holds whole pages — and all the pages the header counts, when that count is
 * current and no log waits to be applied. Null when the header is sound.
 */
export function headerProblem(file: string): string | null {
  const size = fs.statSync(file).size;
  if (size === 0) return 'файл пуст';
  if (size < 100) return `файл обрезан: ${size} байт`;
  const head = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!head.subarray(0, 16).equals(Buffer.from('SQLite format 3\0', 'latin1'))) return 'заголовок файла повреждён: это не база данных SQLite';
  const raw = head.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return 'заголовок файла повреждён: неверный размер страницы';
  if (![1, 2].includes(head[18]) || ![1, 2].includes(head[19]) || head[21] !== 64 || head[22] !== 32 || head[23] !== 32) {
    return 'заголовок файла повреждён';
  }
  if (size % pageSize !== 0) return `файл обрезан: его размер (${size} байт) не кратен странице (${pageSize} байт)`;
  const wal = `${file}-wal`;
  const walPending = fs.existsSync(wal) && fs.statSync(wal).size > 0;
  const pages = head.readUInt32BE(28);
  const current = head.readUInt32BE(24) === head.readUInt32BE(92);
  if (!walPending && current && pages > 0 && size < pages * pageSize) {
    return `файл обрезан: в нём ${size / pageSize} страниц из ${pages}`;
  }
  return null;
}
