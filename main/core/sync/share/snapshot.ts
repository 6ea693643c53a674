import fs from 'node:fs';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fsyncFile, partName, sha256File } from '../../backup/files';
import type { ShareContext } from './context';
import { LIMITS, parseSnapshotName, rel, SNAPSHOT_DIR } from './layout';
import type { ExclusiveLock } from './lock';
import { ChunkOpener, containerHead, DEFAULT_CHUNK, newSalt, readContainerHead, SealError, sealChunks, type SealHeader } from './seal';
import { isTempName } from './share-fs';
import type { FileFacts } from './share-fs';
import { checkedHeader, failure, misplacedField, type Verdict } from './verdict';
import type { Cursors, SnapshotInfo } from './types';

/**
 * `snapshot/<gen>-<computer>.kzs`: the shared database file, an opaque local
 * file (the compacted SQLite database the merge side makes) sealed in the
 * chunked container and streamed, so that a file of hundreds of megabytes
 * never sits in memory. Its authenticated header says what it covers. Each
 * publication is a new generation; the previous one stays until the next, so
 * a reader whose copy of the newest is still arriving takes the one before.
 */

export interface SnapshotFile {
  rel: string;
  gen: number;
  computerId: string;
}

/** Snapshot files on the share, the newest first (generation, then computer id). */
export async function listSnapshots(ctx: ShareContext): Promise<SnapshotFile[]> {
  const files: SnapshotFile[] = [];
  for (const name of await ctx.share.list(SNAPSHOT_DIR, 'file')) {
    const parsed = parseSnapshotName(name);
    if (parsed) files.push({ rel: `${SNAPSHOT_DIR}/${name}`, ...parsed });
  }
  return files.sort((a, b) => b.gen - a.gen || (a.computerId < b.computerId ? 1 : -1));
}

function infoOf(header: SealHeader): SnapshotInfo | null {
  const { gen, createdAt, covers, bytes, sha256, computer } = header;
  if (!Number.isInteger(gen) || typeof createdAt !== 'string' || !Number.isInteger(bytes) || typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) return null;
  if (!covers || typeof covers !== 'object') return null;
  return { gen: gen as number, computerId: computer, createdAt, covers: covers as Cursors, bytes: bytes as number, sha256 };
}

async function* gzipFile(file: string): AsyncGenerator<Buffer> {
  const gzip = zlib.createGzip({ level: 6 });
  const source = fs.createReadStream(file);
  source.on('error', (e) => gzip.destroy(e));
  source.pipe(gzip);
  for await (const piece of gzip) yield piece as Buffer;
}

async function* concat(head: Buffer, rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield head;
  yield* rest;
}

/**
 * Publishes `localFile` as the next generation, under the lock: the lock is
 * checked before the rename into place and before each old generation is
 * removed, so a publisher whose lock expired leaves nothing half done.
 */
export async function publishSnapshot(
  ctx: ShareContext,
  lock: ExclusiveLock,
  localFile: string,
  covers: Cursors,
  createdAt: Date,
  seenGen: number,
): Promise<SnapshotInfo> {
  await lock.assertHeld();
  await ctx.share.mkdirp(SNAPSHOT_DIR);
  const existing = await listSnapshots(ctx);
  const gen = Math.max(seenGen, ...existing.map((s) => s.gen), 0) + 1;
  const info: SnapshotInfo = {
    gen,
    computerId: ctx.computerId,
    createdAt: createdAt.toISOString(),
    covers,
    bytes: fs.statSync(localFile).size,
    sha256: await sha256File(localFile),
  };
  const header: SealHeader = {
    format: ctx.folderFormat,
    kind: 'snapshot',
    dataSet: ctx.dataSet,
    computer: ctx.computerId,
    salt: newSalt(),
    chunk: DEFAULT_CHUNK,
    gen,
    createdAt: info.createdAt,
    covers,
    bytes: info.bytes,
    sha256: info.sha256,
  };
  const body = concat(containerHead(header), sealChunks(ctx.key, header, gzipFile(localFile)));
  await ctx.share.writeAtomic(rel.snapshot(gen, ctx.computerId), body, { beforeRename: () => lock.assertHeld() });
  // Keep the previous generation: a reader still fetching it, or one whose copy of this one is still arriving, needs it.
  const older = existing.filter((s) => s.gen < gen);
  for (const old of older.slice(1)) {
    await lock.assertHeld();
    await ctx.share.remove(old.rel);
  }
  return info;
}

/** Removes temporary files of publications that died (killed, or their share dropped), older than `ageMs` by the share's clock. */
export async function removeDeadSnapshotParts(ctx: ShareContext, lock: ExclusiveLock, shareNowMs: number, ageMs: number): Promise<number> {
  let removed = 0;
  for (const name of await ctx.share.list(SNAPSHOT_DIR)) {
    if (!isTempName(name)) continue;
    const facts = await ctx.share.stat(`${SNAPSHOT_DIR}/${name}`);
    if (!facts || shareNowMs - facts.mtimeMs < ageMs) continue;
    await lock.assertHeld();
    if (await ctx.share.remove(`${SNAPSHOT_DIR}/${name}`)) removed++;
  }
  return removed;
}

class Misplaced extends Error {}

/** Reads a snapshot's header and authenticates it with the first chunk, without fetching the rest. */
export async function readSnapshotHead(ctx: ShareContext, file: SnapshotFile): Promise<{ verdict: Verdict<SnapshotInfo>; facts: FileFacts } | null> {
  const opened = await ctx.share.openRead(file.rel);
  if (!opened) return null;
  const facts = { size: opened.size, mtimeMs: opened.mtimeMs };
  try {
    const prefix = Buffer.alloc(Math.min(opened.size, 12 + LIMITS.headerBytes));
    const got = await ctx.share.readAt(opened.handle, prefix, 0, file.rel);
    let head: ReturnType<typeof readContainerHead>;
    try {
      head = readContainerHead(prefix.subarray(0, got));
    } catch (e) {
      if (e instanceof SealError) return { verdict: failure('auth-failed', e.message), facts };
      throw e;
    }
    const checked = checkedHeader<SnapshotInfo>(head.header, ctx.folderFormat);
    if ('verdict' in checked) return { verdict: checked.verdict, facts };
    const { header } = checked;
    const info = infoOf(header);
    if (!info) return { verdict: failure('malformed', 'заголовок'), facts };
    let opener: ChunkOpener;
    try {
      opener = new ChunkOpener(ctx.key, header);
    } catch {
      return { verdict: failure('auth-failed', 'размер блока'), facts };
    }
    // The first chunk and one byte more: enough to tell a non-final first chunk from the final one.
    const want = Math.min(opened.size - head.bodyStart, header.chunk + 16 + 1);
    const body = Buffer.alloc(Math.max(0, want));
    const read = await ctx.share.readAt(opened.handle, body, head.bodyStart, file.rel);
    try {
      if (head.bodyStart + read >= opened.size) {
        opener.push(body.subarray(0, read));
        opener.end();
      } else if (opener.push(body.subarray(0, read)).length === 0) {
        return { verdict: failure('auth-failed', 'первый блок'), facts };
      }
    } catch (e) {
      if (e instanceof SealError) return { verdict: failure('auth-failed'), facts };
      throw e;
    }
    const wrong = misplacedField(header, { kind: 'snapshot', dataSet: ctx.dataSet, computer: file.computerId, folderFormat: ctx.folderFormat, fields: { gen: file.gen } });
    if (wrong) return { verdict: failure('misplaced', `поле ${wrong}`), facts };
    return { verdict: { ok: true, value: info, header }, facts };
  } finally {
    await opened.handle.close().catch(() => undefined);
  }
}

/**
 * Fetches one snapshot file into `target`, streaming: every byte is
 * authenticated before it is unpacked, the end must be the sealed final
 * chunk, and the result must have the size and SHA-256 its header promises.
 * `target` appears only when all of that holds.
 */
export async function fetchSnapshotFile(ctx: ShareContext, file: SnapshotFile, target: string): Promise<{ verdict: Verdict<SnapshotInfo>; facts: FileFacts } | null> {
  const head = await readSnapshotHead(ctx, file);
  if (!head || head.verdict.ok !== true) return head;
  const { header, value: info } = head.verdict;
  const opened = await ctx.share.openRead(file.rel);
  if (!opened) return null;
  const facts = { size: opened.size, mtimeMs: opened.mtimeMs };
  const temp = partName(target);
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const share = ctx.share;
  async function* authenticated(): AsyncGenerator<Buffer> {
    const prefix = Buffer.alloc(Math.min(opened!.size, 12 + LIMITS.headerBytes));
    const got = await share.readAt(opened!.handle, prefix, 0, file.rel);
    const { header: raw, bodyStart } = readContainerHead(prefix.subarray(0, got));
    // The header read now must be the one authenticated above: the file may have been replaced in between.
    const again = checkedHeader(raw, ctx.folderFormat);
    if (!('header' in again) || misplacedField(again.header, { kind: 'snapshot', dataSet: ctx.dataSet, computer: file.computerId, folderFormat: ctx.folderFormat, fields: { gen: file.gen } })) throw new Misplaced();
    const opener = new ChunkOpener(ctx.key, again.header);
    const piece = Buffer.alloc(1024 * 1024);
    for (let position = bodyStart; position < opened!.size; ) {
      const n = await share.readAt(opened!.handle, piece, position, file.rel);
      if (n === 0) break;
      position += n;
      yield* opener.push(Buffer.from(piece.subarray(0, n)));
    }
    yield* opener.end();
  }
  const counting = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.from(authenticated()), zlib.createGunzip(), counting, fs.createWriteStream(temp));
    if (bytes !== info.bytes || hash.digest('hex') !== info.sha256) {
      fs.rmSync(temp, { force: true });
      return { verdict: failure('malformed', 'размер или контрольная сумма'), facts };
    }
    fsyncFile(temp);
    fs.renameSync(temp, target);
    return { verdict: { ok: true, value: info, header }, facts };
  } catch (e) {
    fs.rmSync(temp, { force: true });
    if (e instanceof SealError) return { verdict: failure('auth-failed'), facts };
    if (e instanceof Misplaced) return { verdict: failure('misplaced'), facts };
    if ((e as NodeJS.ErrnoException).code?.startsWith('Z_')) return { verdict: failure('malformed', 'не распаковывается'), facts };
    throw e;
  } finally {
    await opened.handle.close().catch(() => undefined);
  }
}
