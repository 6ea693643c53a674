import fs from 'node:fs';
import type { CoreRuntime } from '../host/runtime';
import type { AuditOrigin } from '../write/writer';
import { BackupRecordEntity, type BackupRecord } from '../db/entities/operations';
import type { BackupEntry } from './catalog';

/**
 * Keeps the database's list of backups (BackupRecord) in step with the backup
 * folder, which is the catalogue: new files are recorded, rechecked ones
 * updated, and files removed by the retention rule marked deleted. After a
 * restore, this brings the restored database's list up to date. The table
 * is this computer's own (it never syncs); it is written through the Writer
 * like any other, and the audit also gets one event per backup recorded or
 * removed, naming its file.
 */
export async function syncBackupRecords(runtime: CoreRuntime, entries: readonly BackupEntry[], origin: AuditOrigin): Promise<void> {
  await runtime.transact(origin, async (write, em) => {
    const rows = await em.find(BackupRecordEntity);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const seen = new Set<string>();
    for (const e of entries) {
      if (e.location !== 'main') continue;
      seen.add(e.id);
      const fields: Omit<BackupRecord, 'id' | 'createdAt' | 'deletedAt'> = {
        path: e.file,
        kind: e.kind,
        sizeBytes: e.sizeBytes,
        sha256: e.sha256,
        verifiedAt: e.verifiedAt,
        integrityOk: e.integrityOk,
        encrypted: e.encrypted,
        copyPath: e.copyPath,
        copyError: e.copyError,
      };
      const row = byId.get(e.id);
      if (!row) {
        // The record keeps the copy's own time, not the time it was recorded.
        await write.insert(BackupRecordEntity, { id: e.id, createdAt: e.createdAt, ...fields });
        await write.event('BackupRecord', e.id, 'recorded', { file: e.name, kind: e.kind, sha256: e.sha256 });
      } else if (changed(row, fields)) {
        await write.update(BackupRecordEntity, e.id, { ...fields, deletedAt: null });
      }
    }
    for (const row of rows) {
      if (!seen.has(row.id) && !row.deletedAt && !fs.existsSync(row.path)) {
        await write.remove(BackupRecordEntity, row.id);
        await write.event('BackupRecord', row.id, 'removed', { file: row.path });
      }
    }
  });
}

function changed(row: BackupRecord, fields: Partial<BackupRecord>): boolean {
  if (row.deletedAt) return true;
  return Object.entries(fields).some(([k, v]) => {
    const old = (row as unknown as Record<string, unknown>)[k];
    return typeof v === 'boolean' ? Boolean(old) !== v : (old ?? null) !== (v ?? null);
  });
}
