import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Benchmark } from './run';
import { makeBackup } from '../../main/core/backup/make';
import { buildYearArchive } from '../../main/core/archive/build';
import { fixedClock } from '../../main/core/shared/clock';

/**
 * backup_verified_s: one backup of the demo school with the online API,
 * opened, `PRAGMA integrity_check`, SHA-256, sidecar (target < 5 s).
 * year_archive_school_s: the whole school's archive of its closed year —
 * CSV, summary sheets PDF and XLSX, snapshot, manifest, zip (target < 180 s).
 */
export const backupBenchmarks: Benchmark[] = [
  {
    name: 'backup_verified_s',
    unit: 's',
    runs: 3,
    async run(ctx) {
      const file = await ctx.demoFile();
      const dataDir = fs.mkdtempSync(path.join(ctx.tmpDir, 'backup-'));
      const started = performance.now();
      const { entry } = await makeBackup({ db: { kind: 'sqlite', file }, dataDir, kind: 'manual', clock: fixedClock('2026-11-23T07:00:00Z') });
      const seconds = (performance.now() - started) / 1000;
      if (!entry.integrityOk) throw new Error('backup failed its check');
      fs.rmSync(dataDir, { recursive: true, force: true });
      return seconds;
    },
  },
  {
    name: 'year_archive_school_s',
    unit: 's',
    runs: 1,
    async run(ctx) {
      const file = await ctx.demoCopy();
      // The archive is of a closed year: close the demo year in the copy.
      const db = new Database(file);
      const year = db.prepare('SELECT id FROM academic_years ORDER BY "startDate" LIMIT 1').get() as { id: string };
      db.prepare("UPDATE academic_years SET status = 'closed', \"closedAt\" = '2027-06-30T10:00:00.000Z' WHERE id = ?").run(year.id);
      db.close();
      const outDir = fs.mkdtempSync(path.join(ctx.tmpDir, 'archive-'));
      const started = performance.now();
      const result = await buildYearArchive({
        db: { kind: 'sqlite', file },
        yearId: year.id,
        outDir,
        actor: { userId: '', login: 'bench', staffId: null, roles: ['admin'], displayName: 'Администратор' },
        now: new Date('2027-06-30T12:00:00Z'),
        onProgress: (p) => (p.done % 20 === 0 ? ctx.log(`  archive ${p.done}/${p.total} ${p.label}`) : undefined),
      });
      const seconds = (performance.now() - started) / 1000;
      ctx.log(`  archive: ${result.fileCount} files, zip ${(fs.statSync(result.zip).size / 1024 / 1024).toFixed(1)} MB`);
      fs.rmSync(outDir, { recursive: true, force: true });
      return seconds;
    },
  },
];
