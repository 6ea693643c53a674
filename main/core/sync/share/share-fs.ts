import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { classifyShareError, errnoOf, noSpace, offline } from './share-errors';

/**
 * File operations on the share, all asynchronous (a network folder may hang
 * for a minute; the core's event loop must not) and all bounded by a timeout,
 * after which the folder counts as offline. Failures arrive typed: offline,
 * read-only, no space (share-errors.ts); a missing file is `null`, not an error.
 */

export interface FileFacts {
  size: number;
  mtimeMs: number;
}

export interface ReadResult extends FileFacts {
  data: Buffer;
}

export class TooLarge extends Error {
  constructor(readonly size: number) {
    super(`file too large: ${size} bytes`);
  }
}

/** The temporary name of a write in progress: no reader pattern matches it (layout.ts). */
export function tempName(name: string): string {
  return `${name}.part-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
}

const TEMP = /\.part-(\d+)-[0-9a-f]+$/;

export function isTempName(name: string): boolean {
  return TEMP.test(name);
}

export function tempPid(name: string): number | null {
  const m = TEMP.exec(name);
  return m ? Number(m[1]) : null;
}

export class ShareFs {
  constructor(
    readonly root: string,
    readonly timeoutMs = 30_000,
  ) {}

  abs(rel: string): string {
    return rel === '' ? this.root : path.join(this.root, ...rel.split('/'));
  }

  /** Runs one operation with the timeout; an operation that hangs is left behind and the folder is offline. */
  private async run<T>(where: string, op: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(offline('ETIMEDOUT')), this.timeoutMs);
    });
    try {
      return await Promise.race([op(), timeout]);
    } catch (e) {
      throw classifyShareError(e, where);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The root's state: throws offline when it cannot be reached (a missing
   * root is a dropped mapping, not an empty school); `empty` when it holds
   * nothing at all (an unmounted mount point looks exactly like this).
   */
  async rootState(): Promise<'ok' | 'empty'> {
    return this.run('', async () => {
      let names: string[];
      try {
        const st = await fs.promises.stat(this.root);
        if (!st.isDirectory()) throw offline('ENOTDIR');
        names = await fs.promises.readdir(this.root);
      } catch (e) {
        const code = errnoOf(e);
        if (code === 'ENOENT' || code === 'ENOTDIR') throw offline(code);
        throw e;
      }
      // rclone may show a stray «．» (U+FF0E) folder at the root; a name like it is not content.
      return names.some((n) => n !== '．' && !isTempName(n)) ? 'ok' : 'empty';
    });
  }

  /** A missing file or folder below the root: the root is checked, so that a dropped share is never read as «no files». */
  private async missing(): Promise<null> {
    await this.rootState();
    return null;
  }

  /**
   * Names in a folder; with `kind`, only regular files or only folders (a
   * student's folder named like a batch, or a link, is not a batch). An entry
   * whose type the file system does not report is kept: its reading decides.
   */
  async list(rel: string, kind?: 'file' | 'dir'): Promise<string[]> {
    const entries = await this.run(rel, async () => {
      try {
        return await fs.promises.readdir(this.abs(rel), { withFileTypes: true });
      } catch (e) {
        if (errnoOf(e) === 'ENOENT') return null;
        throw e;
      }
    });
    if (entries === null) {
      await this.missing();
      return [];
    }
    return entries
      .filter((e) => {
        const known = e.isFile() || e.isDirectory() || e.isSymbolicLink();
        if (!kind || !known) return true;
        return kind === 'file' ? e.isFile() : e.isDirectory();
      })
      .map((e) => e.name);
  }

  async stat(rel: string): Promise<FileFacts | null> {
    const facts = await this.run(rel, async () => {
      try {
        const st = await fs.promises.stat(this.abs(rel));
        return { size: st.size, mtimeMs: st.mtimeMs };
      } catch (e) {
        if (errnoOf(e) === 'ENOENT') return null;
        throw e;
      }
    });
    return facts ?? this.missing();
  }

  /** Reads a whole file of at most `maxBytes` (checked on the open handle, before reading). */
  async read(rel: string, maxBytes: number): Promise<ReadResult | null> {
    const result = await this.run(rel, async () => {
      let handle: fs.promises.FileHandle;
      try {
        handle = await fs.promises.open(this.abs(rel), 'r');
      } catch (e) {
        if (errnoOf(e) === 'ENOENT') return null;
        throw e;
      }
      try {
        const st = await handle.stat();
        if (st.size > maxBytes) throw new TooLarge(st.size);
        const data = Buffer.alloc(st.size);
        let offset = 0;
        while (offset < st.size) {
          const { bytesRead } = await handle.read(data, offset, st.size - offset, offset);
          if (bytesRead === 0) break;
          offset += bytesRead;
        }
        return { data: data.subarray(0, offset), size: st.size, mtimeMs: st.mtimeMs };
      } catch (e) {
        // A network client whose listing still shows a file the server no longer has fails the read itself
        // (rclone: ENOENT on read): the file is not there, as if the open had failed.
        if (errnoOf(e) === 'ENOENT') return null;
        throw e;
      } finally {
        await handle.close();
      }
    });
    return result ?? this.missing();
  }

  /** Opens a file for streaming reads (a snapshot); null when it is not there. */
  async openRead(rel: string): Promise<{ handle: fs.promises.FileHandle; size: number; mtimeMs: number } | null> {
    const result = await this.run(rel, async () => {
      try {
        const handle = await fs.promises.open(this.abs(rel), 'r');
        const st = await handle.stat();
        return { handle, size: st.size, mtimeMs: st.mtimeMs };
      } catch (e) {
        if (errnoOf(e) === 'ENOENT') return null;
        throw e;
      }
    });
    return result ?? this.missing();
  }

  /** One bounded read from an open handle. */
  async readAt(handle: fs.promises.FileHandle, buffer: Buffer, position: number, where: string): Promise<number> {
    return this.run(where, async () => (await handle.read(buffer, 0, buffer.length, position)).bytesRead);
  }

  async mkdirp(rel: string): Promise<void> {
    await this.rootState();
    await this.run(rel, () => fs.promises.mkdir(this.abs(rel), { recursive: true }));
  }

  /**
   * Writes a file so that no reader ever takes half of it for the whole: a
   * temporary name (readers ignore it), the data, fsync, close, rename onto
   * the final name. `data` may be a stream of pieces (a large snapshot); each
   * piece is written under the timeout. Returns the bytes written.
   */
  async writeAtomic(rel: string, data: Buffer | AsyncIterable<Buffer>, options: { beforeRename?: () => Promise<void> } = {}): Promise<number> {
    const target = this.abs(rel);
    const temp = path.join(path.dirname(target), tempName(path.basename(target)));
    let handle: fs.promises.FileHandle | null = null;
    let bytes = 0;
    try {
      handle = await this.run(rel, () => fs.promises.open(temp, 'wx'));
      const pieces: AsyncIterable<Buffer> | Buffer[] = Buffer.isBuffer(data) ? [data] : data;
      for await (const piece of pieces) {
        const h = handle;
        // A write may take only part of the piece (a disk nearly full): go on until all of it is written,
        // so that the disk's refusal comes as an error instead of a silently shorter file.
        for (let done = 0; done < piece.length; ) {
          const { bytesWritten } = await this.run(rel, () => h.write(piece, done, piece.length - done));
          if (bytesWritten === 0) throw noSpace('ENOSPC', rel);
          done += bytesWritten;
        }
        bytes += piece.length;
      }
      const h = handle;
      await this.run(rel, () => h.sync());
      await this.run(rel, () => h.close());
      handle = null;
      if (options.beforeRename) await options.beforeRename();
      await this.run(rel, () => fs.promises.rename(temp, target));
    } catch (e) {
      if (handle) await handle.close().catch(() => undefined);
      // Best effort: a share that just dropped cannot remove it either; the writer clears its own leftovers later.
      await fs.promises.rm(temp, { force: true }).catch(() => undefined);
      throw e;
    }
    await this.syncDir(path.dirname(rel));
    return bytes;
  }

  /** Flushes a folder's entries where the system allows it (not Windows, not most shares): best effort. */
  private async syncDir(rel: string): Promise<void> {
    let handle: fs.promises.FileHandle | null = null;
    try {
      handle = await this.run(rel, () => fs.promises.open(this.abs(rel === '.' ? '' : rel), 'r'));
      const h = handle;
      await this.run(rel, () => h.sync());
    } catch {
      // Not supported here; the rename itself is what readers rely on.
    } finally {
      if (handle) await handle.close().catch(() => undefined);
    }
  }

  /** Removes a file; false when it was not there. */
  async remove(rel: string): Promise<boolean> {
    return this.run(rel, async () => {
      try {
        await fs.promises.unlink(this.abs(rel));
        return true;
      } catch (e) {
        if (errnoOf(e) === 'ENOENT') return false;
        throw e;
      }
    });
  }

  async rename(fromRel: string, toRel: string): Promise<void> {
    await this.run(toRel, () => fs.promises.rename(this.abs(fromRel), this.abs(toRel)));
  }

  /** Copies a file from the share to a local path (quarantine); false when it was not there. */
  async copyOut(rel: string, localFile: string): Promise<boolean> {
    return this.run(rel, async () => {
      try {
        await fs.promises.copyFile(this.abs(rel), localFile);
        return true;
      } catch (e) {
        if (errnoOf(e) === 'ENOENT') return false;
        throw e;
      }
    });
  }
}
