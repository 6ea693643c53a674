import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../shared/clock';
import { readSidecar, writeSidecar, type Sidecar } from './catalog';
import { decryptFile, ENCRYPTED_SUFFIX, isEncryptedFile } from './encryption';
import { sha256File } from './files';
import { pgVerifyDump } from './postgres';
import { checkIntegrity } from './sqlite';
import { DUMP_EXTENSION } from './portable/dump-file';
import { verifyDump } from './portable/dump-verify';

export interface VerifyResult {
  file: string;
  ok: boolean;
  /** False when an encrypted copy was checked by its checksum only (no password given). */
  complete: boolean;
  sha256: string;
  /** Whether the file still has the checksum recorded when it was made (null: no record). */
  checksumMatches: boolean | null;
  schemaVersion: string | null;
  problems: string[];
}

/**
 * Checks a backup file: its SHA-256 against the one recorded when it was made,
 * then the database itself — opened and `PRAGMA integrity_check` for SQLite
 * (after decryption, if a password is given), every file and row of a
 * portable copy (portable/dump-verify.ts), `pg_restore --list` for a
 * pg_dump archive of an older version. The result is written back to the sidecar.
 */
export async function verifyBackupFile(file: string, opts: { password?: string | null; clock?: Clock } = {}): Promise<VerifyResult> {
  const problems: string[] = [];
  if (!fs.existsSync(file)) {
    return { file, ok: false, complete: true, sha256: '', checksumMatches: null, schemaVersion: null, problems: ['файл не найден'] };
  }
  const sidecar = readSidecar(file);
  const sha256 = await sha256File(file);
  const checksumMatches = sidecar ? sidecar.sha256 === sha256 : null;
  if (checksumMatches === false) problems.push('контрольная сумма SHA-256 не совпадает с записанной при создании: файл изменён или повреждён');
  let complete = true;
  let schemaVersion: string | null = null;
  const encrypted = isEncryptedFile(file);
  if (encrypted && !opts.password) {
    complete = false;
  } else if (encrypted) {
    const inner = file.endsWith(`${DUMP_EXTENSION}${ENCRYPTED_SUFFIX}`) ? DUMP_EXTENSION : '.sqlite';
    const plain = path.join(os.tmpdir(), `kz-verify-${process.pid}-${Date.now()}${inner}`);
    try {
      await decryptFile(file, plain, opts.password!);
      const inner = await checkPlain(plain, sidecar);
      problems.push(...inner.problems);
      schemaVersion = inner.schemaVersion;
    } catch (e) {
      problems.push((e as Error).message);
    } finally {
      fs.rmSync(plain, { force: true });
    }
  } else {
    const inner = await checkPlain(file, sidecar);
    problems.push(...inner.problems);
    schemaVersion = inner.schemaVersion;
  }
  const ok = problems.length === 0;
  if (sidecar && complete) {
    try {
      const updated: Sidecar = {
        ...sidecar,
        integrityOk: ok,
        problems,
        verifiedAt: (opts.clock?.now() ?? new Date()).toISOString(),
      };
      writeSidecar(file, updated);
    } catch {
      // A read-only medium: the result is still returned.
    }
  }
  return { file, ok, complete, sha256, checksumMatches, schemaVersion, problems };
}

async function checkPlain(file: string, sidecar: Sidecar | null): Promise<{ problems: string[]; schemaVersion: string | null }> {
  if (file.endsWith('.pgdump') || sidecar?.engine === 'postgres') {
    const r = await pgVerifyDump(file);
    return { problems: r.problems, schemaVersion: null };
  }
  const problems: string[] = [];
  if (sidecar?.encrypted && (await sha256File(file)) !== sidecar.plainSha256) {
    problems.push('расшифрованная копия отличается от исходной базы данных');
  }
  if (file.endsWith(DUMP_EXTENSION) || sidecar?.engine === 'portable') {
    const r = await verifyDump(file);
    return { problems: [...problems, ...r.problems], schemaVersion: r.schemaVersion };
  }
  const check = checkIntegrity(file);
  return { problems: [...problems, ...check.problems], schemaVersion: check.schemaVersion };
}
