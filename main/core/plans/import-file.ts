import type { Table } from '../import/read-table';
import { readPlanTable } from './plan-table';
import { parseDate } from '../import/values';
import { normaliseHeader } from '../import/columns';
import { searchKey } from '../shared/text';

/**
 * A КТП from a teacher's spreadsheet: columns №, тема, часы and, optionally,
 * вид работы and дата (in any order, found by their headings; without a
 * heading row the columns are taken in that order). Section headings
 * («Раздел 1. Числа») have neither a number nor hours and are skipped.
 * Every row's problem is reported with its row number, in Russian.
 */

export interface ImportedTopic {
  /** Row in the file, 1-based, for messages. */
  row: number;
  title: string;
  hours: number;
  workTypeId: string | null;
  plannedDate: string | null;
}

export interface TopicsFile {
  topics: ImportedTopic[];
  problems: { row: number; message: string }[];
  /** Headings found (column → what it was read as), for the preview. */
  columns: Record<string, string>;
  skipped: { row: number; text: string }[];
  encoding: Table['encoding'];
  encodingSource: Table['encodingSource'];
}

type Column = 'no' | 'title' | 'hours' | 'workType' | 'date';

const HEADINGS: Record<Column, string[]> = {
  no: ['№', 'n', 'no', 'номер', '№ п п', 'n п п', '№ урока', 'номер урока', 'п п'],
  title: ['тема', 'тема урока', 'темы', 'наименование темы', 'название темы', 'тема раздел', 'содержание', 'тема занятия'],
  hours: ['часы', 'часов', 'кол во часов', 'количество часов', 'час', 'ч'],
  workType: ['вид работы', 'вид контроля', 'тип работы', 'форма контроля', 'виды работ', 'контроль'],
  date: ['дата', 'дата проведения', 'плановая дата', 'дата по плану', 'план дата', 'дата план', 'сроки'],
};

const LABELS: Record<Column, string> = { no: '№', title: 'тема', hours: 'часы', workType: 'вид работы', date: 'дата' };

const heading = normaliseHeader;

function findColumns(header: string[]): Partial<Record<Column, number>> {
  const found: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    const key = heading(h);
    for (const col of Object.keys(HEADINGS) as Column[]) {
      if (found[col] === undefined && HEADINGS[col].some((s) => heading(s) === key)) found[col] = i;
    }
  });
  return found;
}

/** Reads a КТП file whole (the CLI and tests; the contract reads the table in a worker, then calls topicsOf). */
export async function readTopicsFile(
  fileName: string,
  bytes: Buffer,
  workTypes: { id: string; name: string; shortName: string }[],
  year: { startDate: string; endDate: string },
): Promise<TopicsFile> {
  return topicsOf(await readPlanTable(fileName, bytes), workTypes, year);
}

/** The topics of a КТП's table, matched to the school's work types and the year. */
export function topicsOf(table: Table, workTypes: { id: string; name: string; shortName: string }[], year: { startDate: string; endDate: string }): TopicsFile {
  const rows = table.rows;
  let cols = rows.length ? findColumns(rows[0]) : {};
  let first = 1;
  if (cols.title === undefined) {
    // No heading row: №, тема, часы, вид работы, дата — then most rows start with a lesson number.
    const filled = rows.filter((r) => r.some((c) => (c ?? '').trim()));
    const numbered = filled.filter((r) => /^\d{1,3}\.?$/.test((r[0] ?? '').trim()));
    if (filled.length && numbered.length * 2 < filled.length) {
      const head = (filled[0] ?? []).map((c) => (c ?? '').trim()).filter(Boolean).slice(0, 5).join('; ');
      return {
        topics: [],
        problems: [{ row: 0, message: `в файле не найдены столбцы КТП «№», «Тема», «Часы»${head ? ` (первая строка: «${head}»)` : ''}. Проверьте, что это файл КТП, и подпишите столбцы` }],
        columns: {},
        skipped: [],
        encoding: table.encoding,
        encodingSource: table.encodingSource,
      };
    }
    cols = { no: 0, title: 1, hours: 2, workType: 3, date: 4 };
    first = 0;
  }
  const columns: Record<string, string> = {};
  for (const [col, i] of Object.entries(cols) as [Column, number][]) {
    if (first === 1) columns[rows[0][i] ?? ''] = LABELS[col];
  }
  const typeByKey = new Map<string, string>();
  for (const w of workTypes) {
    typeByKey.set(searchKey(w.name), w.id);
    typeByKey.set(searchKey(w.shortName), w.id);
  }
  const topics: ImportedTopic[] = [];
  const problems: TopicsFile['problems'] = [];
  const skipped: TopicsFile['skipped'] = [];
  const cell = (r: string[], c: Column) => (cols[c] === undefined ? '' : (r[cols[c]!] ?? '').trim());
  for (let i = first; i < rows.length; i++) {
    const r = rows[i];
    const rowNo = i + 1;
    const title = cell(r, 'title');
    const no = cell(r, 'no');
    const hoursText = cell(r, 'hours');
    if (!title && !no && !hoursText) continue;
    if (!no && !hoursText) {
      skipped.push({ row: rowNo, text: title });
      continue;
    }
    if (!title) {
      problems.push({ row: rowNo, message: `строка ${rowNo}: не указана тема урока` });
      continue;
    }
    if (title.length > 1000) problems.push({ row: rowNo, message: `строка ${rowNo}: тема длиннее 1000 символов` });
    let hours = 1;
    if (hoursText) {
      const n = Number(hoursText.replace(',', '.'));
      if (!Number.isInteger(n) || n < 1 || n > 40) {
        problems.push({ row: rowNo, message: `строка ${rowNo}: часы «${hoursText}» — укажите целое число от 1 до 40` });
        continue;
      }
      hours = n;
    }
    let workTypeId: string | null = null;
    const wt = cell(r, 'workType');
    if (wt) {
      workTypeId = typeByKey.get(searchKey(wt)) ?? null;
      if (!workTypeId) {
        const known = workTypes.map((w) => w.name).join(', ');
        problems.push({ row: rowNo, message: `строка ${rowNo}: вид работы «${wt}» не найден${known ? ` (есть: ${known})` : ''}` });
      }
    }
    let plannedDate: string | null = null;
    const dateText = cell(r, 'date');
    if (dateText) {
      const parsed = parseDate(dateText);
      if (!parsed.ok) problems.push({ row: rowNo, message: `строка ${rowNo}: ${parsed.problem}` });
      else if (parsed.value && (parsed.value < year.startDate || parsed.value > year.endDate)) {
        problems.push({ row: rowNo, message: `строка ${rowNo}: дата ${dateText} вне учебного года` });
      } else plannedDate = parsed.value;
    }
    topics.push({ row: rowNo, title, hours, workTypeId, plannedDate });
  }
  if (topics.length === 0 && problems.length === 0) {
    problems.push({ row: 0, message: 'в файле не найдено ни одной темы: нужны столбцы «№», «Тема», «Часы»' });
  }
  return { topics, problems, columns, skipped, encoding: table.encoding, encodingSource: table.encodingSource };
}
