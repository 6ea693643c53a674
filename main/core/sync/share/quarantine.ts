import fs from 'node:fs';
import path from 'node:path';
import { fsyncFile, sha256File, writeFileAtomic } from '../../backup/files';
import { safeFileName } from '../../shared/file-name';
import { newId } from '../../shared/ids';
import type { Clock } from '../../shared/clock';
import { isAppError } from './share-errors';
import { syncDir, type LocalShareState } from './local-state';
import type { FileFacts, ShareFs } from './share-fs';
import type { PendingFailure, QuarantineEntry, QuarantineReason } from './types';

/**
 * Files that fail their check. A failure is first retried: through a caching
 * SMB client a file can be visible while its copy is still arriving, and then
 * it fails exactly like a forged one. Only a file that keeps failing, with the
 * same size and time, over several attempts and some minutes, is quarantined:
 * copied into `<dataDir>/sync/quarantine/` with a record of why and when (the
 * administrator's screen lists them), then removed from the share, so that it
 * is not taken up again. A file that may be genuine (from a computer not
 * known yet) is kept on the share and only skipped here.
 */

export interface RetryPolicy {
  /** Failed checks before quarantine. */
  attempts: number;
  /** And at least this long since the first failure (longer than any upload through a caching client). */
  minAgeMs: number;
  /** The most the quarantine folder keeps in copies (default 256 MiB); beyond it only records. */
  maxKeptBytes?: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, minAgeMs: 2 * 60_000 };

const RECORDS = 'quarantine.json';
const MAX_KEPT_BYTES = 256 * 1024 * 1024;
const FOLDER = 'quarantine';

/** Reasons whose file is garbage to every computer: it leaves the share. */
const REMOVE_FROM_SHARE: QuarantineReason[] = ['auth-failed', 'misplaced', 'malformed', 'too-large'];

export class Quarantine {
  constructor(
    private readonly dataDir: string,
    private readonly share: ShareFs,
    private readonly clock: Clock,
    private readonly policy: RetryPolicy,
  ) {}

  private recordsFile(): string {
    return path.join(syncDir(this.dataDir), RECORDS);
  }

  list(): QuarantineEntry[] {
    const file = this.recordsFile();
    if (!fs.existsSync(file)) return [];
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: QuarantineEntry[] }).entries;
  }

  private save(entries: QuarantineEntry[]): void {
    writeFileAtomic(this.recordsFile(), JSON.stringify({ entries }, null, 1));
  }

  /** Whether this very file (path, size and time) was quarantined and left on the share: skip it. */
  skipped(sharePath: string, facts: FileFacts): boolean {
    return this.list().some((e) => e.sharePath === sharePath && !e.removedFromShare && e.size === facts.size && e.mtimeMs === facts.mtimeMs);
  }

  /** The administrator takes a file out of quarantine: it is read again (a file from a computer known by now). */
  release(id: string): boolean {
    const entries = this.list();
    const kept = entries.filter((e) => e.id !== id);
    if (kept.length === entries.length) return false;
    this.save(kept);
    return true;
  }

  succeeded(state: LocalShareState, sharePath: string): boolean {
    if (!state.pending[sharePath]) return false;
    delete state.pending[sharePath];
    return true;
  }

  /** Drops the retry records that `drop` picks; true when any went. The caller saves `state`. */
  forget(state: LocalShareState, drop: (sharePath: string) => boolean): boolean {
    let any = false;
    for (const sharePath of Object.keys(state.pending)) {
      if (!drop(sharePath)) continue;
      delete state.pending[sharePath];
      any = true;
    }
    return any;
  }

  pending(state: LocalShareState): PendingFailure[] {
    return Object.entries(state.pending).map(([sharePath, p]) => ({
      sharePath,
      reason: p.reason,
      message: p.message,
      attempts: p.attempts,
      firstFailedAt: p.firstFailedAt,
    }));
  }

  /**
   * Counts a failed check of the file at `sharePath`; quarantines it when the
   * rule is met and returns the entry, or null while it is still retried.
   * The caller saves `state`.
   */
  async fail(state: LocalShareState, sharePath: string, facts: FileFacts, reason: QuarantineReason, message: string): Promise<QuarantineEntry | null> {
    const now = this.clock.now();
    const prev = state.pending[sharePath];
    // A file that changed since the last attempt is still arriving: its count starts again.
    const same = prev && prev.size === facts.size && prev.mtimeMs === facts.mtimeMs;
    const record = same
      ? { ...prev, reason, message, attempts: prev.attempts + 1 }
      : { reason, message, attempts: 1, firstFailedAt: now.toISOString(), size: facts.size, mtimeMs: facts.mtimeMs };
    state.pending[sharePath] = record;
    const age = now.getTime() - Date.parse(record.firstFailedAt);
    if (record.attempts < this.policy.attempts || age < this.policy.minAgeMs) return null;

    const id = newId();
    // A copy for the administrator, unless the file is larger than anything the program writes or the
    // folder already holds its share: a student flooding the share must not fill this computer's disk.
    const kept = this.list().reduce((sum, e) => sum + (e.localFile ? e.size : 0), 0);
    let localFile: string | null = null;
    let sha256: string | null = null;
    if (reason !== 'too-large' && kept + facts.size <= (this.policy.maxKeptBytes ?? MAX_KEPT_BYTES)) {
      const dir = path.join(syncDir(this.dataDir), FOLDER);
      fs.mkdirSync(dir, { recursive: true });
      const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
      localFile = safeFileName(`${stamp} ${sharePath.replace(/\//g, ' ')} ${id.slice(-6)}`);
      const local = path.join(dir, localFile);
      if (!(await this.share.copyOut(sharePath, local))) {
        // Gone meanwhile (another computer quarantined it, or its writer replaced it): nothing to keep.
        delete state.pending[sharePath];
        return null;
      }
      fsyncFile(local);
      sha256 = await sha256File(local);
    } else if (!(await this.share.stat(sharePath))) {
      delete state.pending[sharePath];
      return null;
    }
    let removed = false;
    if (REMOVE_FROM_SHARE.includes(reason)) {
      try {
        await this.share.remove(sharePath);
        removed = true;
      } catch (e) {
        // A read-only share keeps the file; this computer skips it by its record.
        if (!isAppError(e, 'SYNC_READ_ONLY')) throw e;
      }
    }
    const entry: QuarantineEntry = {
      id,
      sharePath,
      localFile,
      reason,
      message: record.message,
      at: now.toISOString(),
      firstFailedAt: record.firstFailedAt,
      attempts: record.attempts,
      size: facts.size,
      mtimeMs: facts.mtimeMs,
      sha256,
      removedFromShare: removed,
    };
    this.save([...this.list(), entry]);
    delete state.pending[sharePath];
    return entry;
  }
}
