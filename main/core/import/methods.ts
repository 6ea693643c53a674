import type { ReadableDb } from '../db/readable';
import { z } from 'zod';
import { mutation, query } from '../api/contract';
import { AcademicYearEntity } from '../db/entities/calendar';
import { getSetting } from '../settings/store';
import { schoolToday } from '../shared/school-time';
import { AppError } from '../shared/errors';
import { newId } from '../shared/ids';
import { dateField, idField, optionalDate, requireLive, requireOpenYear, requiredText, Problems } from '../school/common';
import { ENCODINGS, type Table } from './read-table';
import { readInWorker, uploadBytes } from '../files/read-in-worker';
import { FIELDS, IMPORT_KINDS, autoMapping, mappingProblems, type ImportKind, type Mapping } from './columns';
import { describeRow, rowsWord, sourceRows, type CheckedRow } from './engine';
import { applyStudents, checkStudents } from './students';
import { applyStaff, checkStaff } from './staff';
import { applyClasses, checkClasses } from './classes';
import { countLabel } from '../school/in-use';
import { uploadContent } from '../files/upload-schema';
import { ruDate } from '../shared/dates';

/**
 * Import of students with guardians, staff and classes from XLSX, XLS, ODS or
 * CSV (UTF-8, UTF-16, windows-1251 or KOI8-R, found by itself or chosen). The preview shows how the columns were understood
 * and every row's problems in Russian; a file is taken whole or not at all —
 * the import runs in one transaction and refuses the whole file while any row
 * has a problem, naming the rows.
 */
const fileParams = {
  fileName: requiredText(255, 'Выберите файл'),
  /** The file's bytes, base64. */
  content: uploadContent('table'),
  encoding: z.enum(ENCODINGS).default('auto'),
  sheet: z.string().nullish(),
  /** Field → column index; omitted: recognised by the headings. */
  mapping: z.record(z.string(), z.number().int().min(0).nullable()).optional(),
};

interface Prepared {
  fileName: string;
  sheets: string[];
  sheet: string | null;
  encoding: Table['encoding'];
  encodingSource: Table['encodingSource'];
  headers: string[];
  mapping: Mapping;
  mappingProblems: Record<string, string>;
  rows: CheckedRow<unknown>[];
}

/** The uploaded table, read in a reading worker before the call's turn (files/README.md). */
function readUpload(p: { fileName: string; content: string; encoding: (typeof ENCODINGS)[number]; sheet?: string | null }): Promise<Table> {
  return readInWorker('table', { fileName: p.fileName, bytes: uploadBytes(p.content), encoding: p.encoding, sheet: p.sheet ?? null }, { fileName: p.fileName, field: 'file' });
}

async function prepare(
  em: ReadableDb,
  kind: ImportKind,
  p: { fileName: string; mapping?: Mapping },
  table: Table,
  yearId: string | null,
  today: string,
): Promise<Prepared> {
  const headers = (table.rows[0] ?? []).map((h) => h.trim());
  if (headers.length === 0 || table.rows.length < 2) {
    throw new AppError('VALIDATION', 'В файле нет строк со сведениями: первая строка — заголовки столбцов, со второй — данные.', {
      fields: { file: 'В файле нет данных' },
    });
  }
  const mapping: Mapping = { ...autoMapping(kind, headers), ...(p.mapping ?? {}) };
  const problems = mappingProblems(kind, mapping, headers);
  let rows: CheckedRow<unknown>[] = [];
  if (Object.keys(problems).length === 0) {
    const source = sourceRows(kind, table.rows, mapping);
    if (kind === 'students') rows = await checkStudents(em, yearId!, source, today);
    else if (kind === 'staff') rows = await checkStaff(em, source);
    else {
      const year = await requireLive(em, AcademicYearEntity, yearId!, 'Учебный год');
      rows = await checkClasses(em, yearId!, year.name, source);
    }
  }
  return { fileName: p.fileName, sheets: table.sheets, sheet: table.sheet, encoding: table.encoding, encodingSource: table.encodingSource, headers, mapping, mappingProblems: problems, rows };
}

/** The whole file or nothing: any problem refuses it, naming the rows in Russian. */
function refuseUnlessValid(prepared: Prepared): void {
  if (Object.keys(prepared.mappingProblems).length) {
    throw new AppError('VALIDATION', `Файл «${prepared.fileName}» не загружен: не указаны столбцы. ${Object.values(prepared.mappingProblems)[0]}.`, {
      fields: prepared.mappingProblems,
    });
  }
  const bad = prepared.rows.filter((r) => r.problems.length > 0);
  if (bad.length === 0) return;
  const shown = bad.slice(0, 3).map(describeRow).join('. ');
  const more = bad.length > 3 ? ` И ещё ${countLabel(bad.length - 3, ['строка', 'строки', 'строк'])} с ошибками.` : '';
  throw new AppError(
    'VALIDATION',
    `Файл «${prepared.fileName}» не загружен — ничего не записано: ошибки в ${bad.length} ${rowsWord(bad.length)} из ${prepared.rows.length}. ${shown}.${more} Исправьте файл и загрузите его снова.`,
    { fields: { file: `Ошибки в ${bad.length} ${rowsWord(bad.length)}` }, rows: bad.map((r) => ({ rowNo: r.rowNo, problems: r.problems })) },
  );
}

async function today(em: ReadableDb, now: Date): Promise<string> {
  return schoolToday(now, await getSetting(em, 'school.timeZone'));
}

export const importMethods = {
  /** Reads the file and shows how it is understood: the columns, each row and its problems. Writes nothing. */
  'import.preview': query({
    params: z.object({ kind: z.enum(IMPORT_KINDS), yearId: idField.optional(), ...fileParams }),
    access: 'school.view',
    action: 'просмотр загружаемого файла',
    readFiles: readUpload,
    handler: async (p, ctx, table) => {
      if (p.kind !== 'staff' && !p.yearId) throw new AppError('VALIDATION', 'Выберите учебный год.', { fields: { yearId: 'Выберите учебный год' } });
      const prepared = await prepare(ctx.em, p.kind, p, table, p.yearId ?? null, await today(ctx.em, ctx.clock.now()));
      const problemRows = prepared.rows.filter((r) => r.problems.length).length;
      return {
        ...prepared,
        fields: FIELDS[p.kind].map((f) => ({ key: f.key, label: f.label, required: !!f.required })),
        rows: prepared.rows.map((r) => ({ rowNo: r.rowNo, values: r.values, problems: r.problems })),
        total: prepared.rows.length,
        problemRows,
        valid: Object.keys(prepared.mappingProblems).length === 0 && problemRows === 0 && prepared.rows.length > 0,
      };
    },
  }),

  /** Students with guardians, enrolled into the year's classes by one order. */
  'import.students': mutation({
    params: z.object({ yearId: idField, date: dateField, orderNo: requiredText(50, 'Укажите номер приказа о зачислении'), orderDate: optionalDate, ...fileParams }),
    access: 'contingent.edit',
    action: 'загрузка списка обучающихся',
    readFiles: readUpload,
    handler: async (p, ctx, table) => {
      const year = await requireOpenYear(ctx.em, p.yearId);
      const now = await today(ctx.em, ctx.clock.now());
      const problems = new Problems();
      if (p.date < year.startDate || p.date > year.endDate) problems.add('date', `Дата зачисления — внутри учебного года (${ruDate(year.startDate)} — ${ruDate(year.endDate)})`);
      if (p.orderDate && p.orderDate > now) problems.add('orderDate', 'Дата приказа не может быть позже сегодняшней');
      problems.throwIfAny();
      const prepared = await prepare(ctx.em, 'students', p, table, p.yearId, now);
      refuseUnlessValid(prepared);
      const result = await applyStudents(ctx.write, prepared.rows.map((r) => r.data as never), { date: p.date, orderNo: p.orderNo, orderDate: p.orderDate });
      await ctx.write.event('Import', newId(), 'загрузкаОбучающихся', { file: p.fileName, ...result });
      return result;
    },
  }),

  'import.staff': mutation({
    params: z.object(fileParams),
    access: 'school.edit',
    action: 'загрузка списка сотрудников',
    readFiles: readUpload,
    handler: async (p, ctx, table) => {
      const prepared = await prepare(ctx.em, 'staff', p, table, null, await today(ctx.em, ctx.clock.now()));
      refuseUnlessValid(prepared);
      const result = await applyStaff(ctx.write, prepared.rows.map((r) => r.data as never));
      await ctx.write.event('Import', newId(), 'загрузкаСотрудников', { file: p.fileName, ...result });
      return result;
    },
  }),

  'import.classes': mutation({
    params: z.object({ yearId: idField, ...fileParams }),
    access: 'school.edit',
    action: 'загрузка списка классов',
    readFiles: readUpload,
    handler: async (p, ctx, table) => {
      await requireOpenYear(ctx.em, p.yearId);
      const prepared = await prepare(ctx.em, 'classes', p, table, p.yearId, await today(ctx.em, ctx.clock.now()));
      refuseUnlessValid(prepared);
      const result = await applyClasses(ctx.write, p.yearId, prepared.rows.map((r) => r.data as never));
      await ctx.write.event('Import', newId(), 'загрузкаКлассов', { file: p.fileName, ...result });
      return result;
    },
  }),
};
