import { select, type ReadableDb } from '../db/readable';
import path from 'node:path';
import { CsvFile, type CsvValue } from './csv';
import { ruDate } from '../shared/dates';

type Row = Record<string, CsvValue>;

/**
 * The year's records as CSV: every mark, absence and lesson topic, the final
 * marks and the class lists — plain tables readable without this program.
 * Rows of the year only, tombstoned rows left out, sorted as a journal reads.
 */

const CODE_NAMES: Record<string, string> = { absent: 'н', late: 'оп' };
const REASON_NAMES: Record<string, string> = { illness: 'по болезни', valid: 'уважительная', invalid: 'неуважительная' };
const FINAL_KIND_NAMES: Record<string, string> = { period: 'за период', year: 'годовая', exam: 'экзамен', final: 'итоговая' };
const STATUS_NAMES: Record<string, string> = { planned: 'запланирован', given: 'проведён', cancelled: 'отменён' };

const person = (l: unknown, f: unknown, m: unknown) => [l, f, m].filter(Boolean).join(' ');
const flag = (v: unknown) => v === true || v === 1 || v === '1';

export interface CsvSummary {
  file: string;
  rows: number;
}

/** Runs a query whose every `?` is the year. */
async function rowsOf(em: ReadableDb, sql: string, yearId: string): Promise<Row[]> {
  return select<Row>(em, sql, [...sql.matchAll(/\?/g)].map(() => yearId));
}

const LESSON_JOINS = `
  JOIN school_classes c ON c.id = l."classId"
  JOIN subjects s ON s.id = l."subjectId"
  LEFT JOIN study_groups g ON g.id = l."groupId"
  LEFT JOIN staff t ON t.id = COALESCE(l."substituteStaffId", l."staffId")`;
const LESSON_ORDER = `c."gradeLevel", c."letter", s."sortOrder", s."name", g."name", l."date", l."lessonNo"`;

export async function writeMarks(em: ReadableDb, yearId: string, dir: string): Promise<CsvSummary> {
  const csv = new CsvFile(path.join(dir, 'Отметки.csv'), [
    'Класс', 'Предмет', 'Группа', 'Дата урока', 'Урок №', 'Учитель', 'Обучающийся', 'Отметка', 'Вид работы', 'Вес', 'Комментарий', 'Выставлена', 'Выставлена с опозданием',
  ]);
  const rows = await rowsOf(
    em,
    `SELECT c."name" AS cls, s."name" AS subj, g."name" AS grp, l."date" AS d, l."lessonNo" AS n,
            t."lastName" AS tl, t."firstName" AS tf, t."middleName" AS tm,
            st."lastName" AS sl, st."firstName" AS sf, st."middleName" AS sm,
            m."value" AS v, w."name" AS wt, m."weight" AS wgt, m."comment" AS cm, m."setAt" AS at, m."late" AS late
       FROM marks m JOIN lessons l ON l.id = m."lessonId" ${LESSON_JOINS}
       JOIN students st ON st.id = m."studentId"
       LEFT JOIN work_types w ON w.id = m."workTypeId"
      WHERE l."yearId" = ? AND m."deletedAt" IS NULL AND l."deletedAt" IS NULL
      ORDER BY ${LESSON_ORDER}, st."lastName", st."firstName", m."setAt"`,
    yearId,
  );
  for (const r of rows) {
    csv.add([r.cls, r.subj, r.grp, ruDate(r.d as string), r.n as number, person(r.tl, r.tf, r.tm), person(r.sl, r.sf, r.sm), r.v, r.wt, r.wgt as number, r.cm, r.at, flag(r.late)]);
  }
  csv.close();
  return { file: csv.file, rows: csv.rows };
}

export async function writeAbsences(em: ReadableDb, yearId: string, dir: string): Promise<CsvSummary> {
  const csv = new CsvFile(path.join(dir, 'Пропуски.csv'), ['Класс', 'Предмет', 'Группа', 'Дата урока', 'Урок №', 'Обучающийся', 'Отметка', 'Причина', 'Примечание']);
  const rows = await rowsOf(
    em,
    `SELECT c."name" AS cls, s."name" AS subj, g."name" AS grp, l."date" AS d, l."lessonNo" AS n,
            st."lastName" AS sl, st."firstName" AS sf, st."middleName" AS sm, a."code" AS code, a."reasonKind" AS rk, a."reasonNote" AS rn
       FROM attendances a JOIN lessons l ON l.id = a."lessonId" ${LESSON_JOINS}
       JOIN students st ON st.id = a."studentId"
      WHERE l."yearId" = ? AND a."deletedAt" IS NULL AND l."deletedAt" IS NULL
      ORDER BY ${LESSON_ORDER}, st."lastName", st."firstName"`,
    yearId,
  );
  for (const r of rows) {
    csv.add([r.cls, r.subj, r.grp, ruDate(r.d as string), r.n as number, person(r.sl, r.sf, r.sm), CODE_NAMES[r.code as string] ?? (r.code as string), REASON_NAMES[r.rk as string] ?? '', r.rn as string]);
  }
  csv.close();
  return { file: csv.file, rows: csv.rows };
}

export async function writeTopics(em: ReadableDb, yearId: string, dir: string): Promise<CsvSummary> {
  const csv = new CsvFile(path.join(dir, 'Темы уроков.csv'), ['Класс', 'Предмет', 'Группа', 'Дата урока', 'Урок №', 'Учитель', 'Тема урока', 'Домашнее задание', 'Состояние', 'Тема записана с опозданием']);
  const rows = await rowsOf(
    em,
    `SELECT c."name" AS cls, s."name" AS subj, g."name" AS grp, l."date" AS d, l."lessonNo" AS n,
            t."lastName" AS tl, t."firstName" AS tf, t."middleName" AS tm, l."topic" AS topic, l."homework" AS hw, l."status" AS status, l."topicLate" AS late
       FROM lessons l ${LESSON_JOINS}
      WHERE l."yearId" = ? AND l."deletedAt" IS NULL
      ORDER BY ${LESSON_ORDER}`,
    yearId,
  );
  for (const r of rows) {
    csv.add([r.cls, r.subj, r.grp, ruDate(r.d as string), r.n as number, person(r.tl, r.tf, r.tm), r.topic as string, r.hw as string, STATUS_NAMES[r.status as string] ?? (r.status as string), flag(r.late)]);
  }
  csv.close();
  return { file: csv.file, rows: csv.rows };
}

export async function writeFinals(em: ReadableDb, yearId: string, dir: string): Promise<CsvSummary> {
  const csv = new CsvFile(path.join(dir, 'Итоговые отметки.csv'), ['Класс', 'Предмет', 'Обучающийся', 'Вид', 'Период', 'Отметка', 'Выставлена', 'Примечание']);
  const rows = await rowsOf(
    em,
    `SELECT c."name" AS cls, s."name" AS subj, st."lastName" AS sl, st."firstName" AS sf, st."middleName" AS sm,
            f."kind" AS kind, p."name" AS period, f."value" AS v, f."setAt" AS at, f."note" AS note
       FROM final_marks f JOIN school_classes c ON c.id = f."classId" JOIN subjects s ON s.id = f."subjectId"
       JOIN students st ON st.id = f."studentId" LEFT JOIN study_periods p ON p.id = f."periodId"
      WHERE c."yearId" = ? AND f."deletedAt" IS NULL
      ORDER BY c."gradeLevel", c."letter", st."lastName", st."firstName", s."sortOrder", s."name", f."kind", p."startDate"`,
    yearId,
  );
  for (const r of rows) {
    csv.add([r.cls, r.subj, person(r.sl, r.sf, r.sm), FINAL_KIND_NAMES[r.kind as string] ?? (r.kind as string), r.period as string, r.v as string, r.at as string, r.note as string]);
  }
  csv.close();
  return { file: csv.file, rows: csv.rows };
}

export async function writeRosters(em: ReadableDb, yearId: string, dir: string): Promise<CsvSummary> {
  const csv = new CsvFile(path.join(dir, 'Классы и обучающиеся.csv'), ['Класс', 'Обучающийся', 'Дата рождения', 'Номер личного дела', 'В классе с', 'В классе по']);
  const rows = await rowsOf(
    em,
    `SELECT c."name" AS cls, st."lastName" AS sl, st."firstName" AS sf, st."middleName" AS sm, st."birthDate" AS bd,
            st."personalFileNo" AS pf, cm."fromDate" AS fd, cm."toDate" AS td
       FROM class_memberships cm JOIN school_classes c ON c.id = cm."classId" JOIN students st ON st.id = cm."studentId"
      WHERE c."yearId" = ? AND cm."deletedAt" IS NULL
      ORDER BY c."gradeLevel", c."letter", st."lastName", st."firstName", cm."fromDate"`,
    yearId,
  );
  for (const r of rows) {
    csv.add([r.cls, person(r.sl, r.sf, r.sm), ruDate(r.bd as string), r.pf as string, ruDate(r.fd as string), ruDate(r.td as string)]);
  }
  csv.close();
  return { file: csv.file, rows: csv.rows };
}
