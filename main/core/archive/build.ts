import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openDatabase, type DbConfig } from '../db/data-source';
import { AcademicYearEntity } from '../db/entities/calendar';
import { SchoolClassEntity } from '../db/entities/school';
import type { Actor } from '../auth/sessions';
import { AppError } from '../shared/errors';
import { schoolToday } from '../shared/school-time';
import { getSetting } from '../settings/store';
import { onlineBackup } from '../backup/sqlite';
import { writeDump } from '../backup/portable/dump-write';
import { fsyncDir, sha256File, writeFileAtomic } from '../backup/files';
import { REPORTS } from '../reports/registry';
import { renderPdf } from '../reports/pdf/index';
import { renderXlsx } from '../reports/xlsx/index';
import type { ReportModel } from '../reports/model';
import { safeFileName } from '../shared/file-name';
import { writeAbsences, writeFinals, writeMarks, writeRosters, writeTopics } from './data';
import { formatManifest, hashFolder, MANIFEST_NAME } from './manifest';
import { readmeText } from './readme';
import { zipFolder } from './zip';

export interface ArchiveProgress {
  done: number;
  total: number;
  label: string;
}

export interface BuildArchiveOptions {
  db: DbConfig;
  yearId: string;
  /** Where the folder and the zip go (e.g. `<dataDir>/archive` or a network folder). */
  outDir: string;
  /** Who makes it (the reports' signature lines); the CLI passes an administrator of its own. */
  actor: Actor;
  now: Date;
  onProgress?: (p: ArchiveProgress) => void;
}

export interface ArchiveResult {
  folder: string;
  zip: string;
  manifestSha256: string;
  fileCount: number;
  yearName: string;
  /** Printouts that could not be included (a report not yet available), in Russian. */
  missing: string[];
}

/**
 * The archive of a closed year (seed 000 §6.4, 003 §4.1.9–4.1.11): a folder
 * and a zip of it with the summary sheets as PDF and XLSX, each class's
 * yearly journal printout as PDF, every mark, absence and
 * topic as CSV, a snapshot of the database, README.txt and the manifest of
 * SHA-256 sums. Everything is read from the snapshot, so the archive is one
 * consistent moment even while people keep working.
 */
export async function buildYearArchive(opts: BuildArchiveOptions): Promise<ArchiveResult> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-archive-'));
  let reader: DataSource | null = null;
  fs.mkdirSync(opts.outDir, { recursive: true });
  const staging = path.join(opts.outDir, `.archive-${process.pid}-${crypto.randomBytes(3).toString('hex')}`);
  try {
    fs.mkdirSync(staging);
    const progress = makeProgress(opts.onProgress);
    progress.total = 9;
    // 1. The snapshot, then a reading copy of it (opening a database may touch its file).
    const dbDir = path.join(staging, 'База данных');
    fs.mkdirSync(dbDir);
    progress.step('Снимок базы данных');
    let snapshotName: string;
    if (opts.db.kind === 'sqlite') {
      snapshotName = 'klassny-zhurnal.sqlite';
      await onlineBackup(opts.db.file, path.join(dbDir, snapshotName));
      const readCopy = path.join(work, 'read.sqlite');
      fs.copyFileSync(path.join(dbDir, snapshotName), readCopy);
      reader = await openDatabase({ kind: 'sqlite', file: readCopy }, { migrate: false });
    } else {
      // The portable copy: the program restores it into either database, and its rows are plain text (JSON lines).
      snapshotName = 'klassny-zhurnal.kzdump';
      reader = await openDatabase(opts.db, { migrate: false });
      await writeDump(reader, path.join(dbDir, snapshotName), { createdAt: opts.now });
    }
    const em = reader.manager;
    const year = await em.findOne(AcademicYearEntity, { where: { id: opts.yearId } });
    if (!year || year.deletedAt) throw new AppError('NOT_FOUND', 'Учебный год не найден.');
    if (year.status !== 'closed') {
      throw new AppError('CONFLICT', `Архив составляется для закрытого учебного года. Сначала закройте ${year.name} учебный год.`);
    }
    const classes = await em
      .createQueryBuilder(SchoolClassEntity, 'c')
      .where('c.yearId = :yearId AND c.deletedAt IS NULL', { yearId: year.id })
      .orderBy('c.gradeLevel')
      .addOrderBy('c.letter')
      .getMany();
    progress.total = 8 + classes.length * 3;

    // 2. The records as CSV. Like the printouts below, kept by the school: not an export (contingent/consent.ts).
    const dataDir = path.join(staging, 'Данные');
    fs.mkdirSync(dataDir);
    progress.step('Отметки (CSV)');
    const marks = await writeMarks(em, year.id, dataDir);
    progress.step('Пропуски (CSV)');
    const absences = await writeAbsences(em, year.id, dataDir);
    progress.step('Темы уроков (CSV)');
    const topics = await writeTopics(em, year.id, dataDir);
    progress.step('Итоговые отметки и списки классов (CSV)');
    const finals = await writeFinals(em, year.id, dataDir);
    await writeRosters(em, year.id, dataDir);

    // 3. The printouts, from the report engine.
    const timeZone = await getSetting(em, 'school.timeZone');
    // The year's archive is the school's own record, kept by the school (seed 000 §6.4, 003 §9.4):
    // not an export, so its summary sheets and journals name every student, as their paper does.
    const env = { em, actor: opts.actor, today: schoolToday(opts.now, timeZone), now: opts.now, use: 'school' as const };
    const missing: string[] = [];
    const sheetsDir = path.join(staging, 'Сводные ведомости');
    fs.mkdirSync(sheetsDir);
    progress.label = 'Сводные ведомости';
    const sheets = classes.length ? await REPORTS.finalSheet.build(env, { kind: 'finalSheet', yearId: year.id }) : null;
    for (const [i, c] of classes.entries()) {
      const model = sheets ? classModel(sheets, i, c.name) : null;
      if (!model) continue;
      progress.step(`Сводная ведомость ${c.name} (PDF)`);
      fs.writeFileSync(path.join(sheetsDir, safeFileName(c.name, 'pdf')), await renderPdf(model));
      progress.step(`Сводная ведомость ${c.name} (XLSX)`);
      fs.writeFileSync(path.join(sheetsDir, safeFileName(c.name, 'xlsx')), await renderXlsx(model));
    }
    const journalsDir = path.join(staging, 'Журналы');
    fs.mkdirSync(journalsDir);
    for (const c of classes) {
      progress.step(`Журнал ${c.name} (PDF)`);
      const printout = await REPORTS.journalPrintout.build(env, { kind: 'journalPrintout', classId: c.id });
      fs.writeFileSync(path.join(journalsDir, safeFileName(c.name, 'pdf')), await renderPdf(printout));
    }

    // 4. README, manifest, the folder in place, the zip.
    const schoolName = (await getSetting(em, 'school.name')) || 'Образовательная организация';
    fs.writeFileSync(
      path.join(staging, 'README.txt'),
      `\uFEFF${readmeText({
        schoolName,
        yearName: year.name,
        createdAt: opts.now.toISOString(),
        classes: classes.map((c) => c.name),
        counts: { marks: marks.rows, absences: absences.rows, lessons: topics.rows, finals: finals.rows },
        journals: true,
        snapshotName,
      })}`,
    );
    await reader.destroy();
    reader = null;
    progress.step('Контрольные суммы');
    const entries = await hashFolder(staging);
    writeFileAtomic(path.join(staging, MANIFEST_NAME), formatManifest(entries));
    const manifestSha256 = await sha256File(path.join(staging, MANIFEST_NAME));
    const base = safeFileName(`Архив ${year.name}`);
    let folder = path.join(opts.outDir, base);
    for (let n = 2; fs.existsSync(folder) || fs.existsSync(`${folder}.zip`); n++) folder = path.join(opts.outDir, `${base} (${n})`);
    fs.renameSync(staging, folder);
    fsyncDir(opts.outDir);
    progress.step('Архив zip');
    const zip = `${folder}.zip`;
    const zipPart = `${zip}.part-${process.pid}`;
    await zipFolder(folder, zipPart);
    fs.renameSync(zipPart, zip);
    fsyncDir(opts.outDir);
    progress.finish();
    return { folder, zip, manifestSha256, fileCount: entries.length + 1, yearName: year.name, missing };
  } finally {
    if (reader) await reader.destroy();
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** One class's part of the whole school's summary sheet, as a form of its own. */
function classModel(whole: ReportModel, index: number, className: string): ReportModel | null {
  const section = whole.sections[index];
  if (!section) return null;
  return { ...whole, title: `${whole.title} ${className} класса`, fields: [], sections: [section], fileName: `Сводная ведомость ${className}` };
}

function makeProgress(onProgress?: (p: ArchiveProgress) => void) {
  const p = {
    done: 0,
    total: 1,
    label: '',
    step(label: string) {
      p.label = label;
      onProgress?.({ done: p.done, total: p.total, label });
      p.done++;
    },
    finish() {
      onProgress?.({ done: p.total, total: p.total, label: 'Готово' });
    },
  };
  return p;
}
