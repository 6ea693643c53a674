import type { ResultOf } from '../../main/core/api/types';

export type JournalPage = ResultOf<'journal.getPage'>;
export type PageLesson = JournalPage['lessons'][number];
export type PageStudent = JournalPage['students'][number];
export type MarkRow = JournalPage['marks'][number];
export type AttendanceRow = JournalPage['attendance'][number];
export type Summary = Pick<PageStudent, 'average' | 'weighted' | 'count'>;

/** What the core holds for a cell. */
export interface ServerCell {
  marks: MarkRow[];
  attendance: AttendanceRow | null;
}

export type SaveStatus = 'saving' | 'saved' | 'failed';

/** An entry typed into a cell and on its way to the core (or back, refused). */
export interface Pending {
  text: string;
  status: SaveStatus;
  message?: string;
  needsReason?: boolean;
  /** Which save this is, so a late answer to an older save is ignored. */
  version: number;
}

export const cellKey = (studentId: string, lessonId: string) => `${studentId}:${lessonId}`;

/** The cell as typed and shown: «оп/5/4». */
export function cellText(cell: ServerCell | undefined): string {
  if (!cell) return '';
  const code = cell.attendance?.code === 'absent' ? 'н' : cell.attendance?.code === 'late' ? 'оп' : null;
  return [...(code ? [code] : []), ...cell.marks.map((m) => m.value)].join('/');
}

export function indexCells(page: JournalPage): Map<string, ServerCell> {
  const cells = new Map<string, ServerCell>();
  const get = (studentId: string, lessonId: string) => {
    const key = cellKey(studentId, lessonId);
    let c = cells.get(key);
    if (!c) {
      c = { marks: [], attendance: null };
      cells.set(key, c);
    }
    return c;
  };
  for (const m of page.marks) get(m.studentId, m.lessonId).marks.push(m);
  for (const a of page.attendance) get(a.studentId, a.lessonId).attendance = a;
  return cells;
}

/** A «2» (or «1», «2+», «2−»): red and bold, never by colour alone. */
export function isBad(value: string): boolean {
  return /^[12]/.test(value);
}

/** The student is on the page's roll on that date. */
export function onRoll(student: Pick<PageStudent, 'fromDate' | 'toDate'>, date: string): boolean {
  return student.fromDate <= date && (student.toDate === null || student.toDate >= date);
}

/** Rows of a block copied from Excel: tab-separated cells, one line a row. */
export function parseTsv(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  return lines.map((line) => line.split('\t').map((c) => c.trim()));
}

/**
 * Why a pasted cell is not taken as marks, or null. A spreadsheet writes a
 * number with a fraction («4,5», «3.67»: an average, most often) where the
 * journal would read two marks (ЭлЖур's «5,4»): typed by hand it means two
 * marks, pasted it is refused, so that a column of averages never becomes a
 * column of double marks.
 */
export function pastedFractionReason(text: string): string | null {
  const value = text.trim();
  if (!/^\d+[,.]\d+$/.test(value)) return null;
  const [whole, part] = value.split(/[,.]/);
  return `«${value}» похоже на дробное число (например, средний балл), а не на отметки. Отметка ставится целым числом; две отметки в одной клетке пишутся через косую черту: ${whole}/${part}.`;
}

/** «закрыта» / «закрыто» / «закрыт» by the period's name: II четверть, I полугодие, I триместр. */
export function closedWord(periodName: string): string {
  const name = periodName.toLocaleLowerCase('ru-RU');
  if (name.includes('полугоди')) return 'закрыто';
  if (name.includes('триместр')) return 'закрыт';
  return 'закрыта';
}
