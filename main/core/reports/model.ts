/**
 * The report model: what a printed form says, independent of how it is shown.
 * A report is a pure function from data to this model; the same model goes
 * to the screen (as JSON), to PDF (pdf/) and to XLSX (xlsx/). Keep it plain
 * data — no functions, no class instances — so it crosses the contract as is.
 *
 * Other domains (timetables, substitutions, the year archive) build their
 * forms with it too: change it only by adding optional fields.
 */

export type PageSize = 'A4' | 'A3';
export type Orientation = 'portrait' | 'landscape';

export interface PageSetup {
  size: PageSize;
  orientation: Orientation;
  /**
   * The whole form on one sheet of paper (the school's timetable on A3): a
   * spreadsheet is scaled to fit it both ways, not only across.
   */
  onePage?: boolean;
}

export const A4_PORTRAIT: PageSetup = { size: 'A4', orientation: 'portrait' };
export const A4_LANDSCAPE: PageSetup = { size: 'A4', orientation: 'landscape' };
export const A3_LANDSCAPE: PageSetup = { size: 'A3', orientation: 'landscape' };

/** «Класс: 5А», «Период: II четверть». */
export interface ReportField {
  label: string;
  value: string;
}

/**
 * «Заместитель директора по УВР ________ /Е.Б. Зайцева/». An empty name
 * prints a blank to be filled in by hand.
 */
export interface SignatureLine {
  position: string;
  name: string;
  /** Adds «Дата ____________» after the signature (acknowledgements). */
  withDate?: boolean;
}

export type CellValue = string | number | null;

/**
 * What a column's values are, so that every writer shows them alike and the
 * spreadsheet gets real numbers the office's formulas can work on. Text in a
 * numeric column («н/а», «осв.», «—») stays text.
 * - `integer`: counts, marks, lesson numbers (the default for whole numbers);
 * - `decimal`: two decimals, an average mark: 4.2 → «4,20»;
 * - `percent`: the cell holds 85.7 for 85,7 % and prints «85,7»; Excel gets 0.857 as a percentage;
 * - `hours`: up to two decimals, a negative with the typographic minus: −1,5;
 * - `date`: the cell holds `YYYY-MM-DD` and prints «23.11.2026»; Excel gets a date;
 * - `text`: identifiers that look like numbers stay text (a room «101», an order «45»).
 */
export type ColumnFormat = 'integer' | 'decimal' | 'percent' | 'hours' | 'date' | 'text';

export interface ReportColumn {
  key: string;
  title: string;
  /** The heading printed bottom-to-top (subject names of the summary sheet). */
  vertical?: boolean;
  align?: 'left' | 'center' | 'right';
  /** A fixed width in millimetres; otherwise measured from the text. */
  widthMm?: number;
  /** Takes the width left over (a topic, a name). */
  grow?: boolean;
  /**
   * In a group of rows (ReportRow.group) the value is printed once, in a cell
   * as tall as the group: the student's number and name on the summary sheet.
   */
  mergeInGroup?: boolean;
  /** Keep on one line (dates, numbers); wider text is clipped rather than wrapped. */
  noWrap?: boolean;
  /** How the column's values are shown and typed (see ColumnFormat). */
  format?: ColumnFormat;
  /**
   * The column names the row (a student, a subject, a class): in a spreadsheet
   * it stays in view, with those left of it, when the sheet scrolls sideways.
   * Without one the first column stays.
   */
  rowHeading?: boolean;
}

/** A heading cell above several columns: «Пропущено уроков» over «всего» and «по болезни». */
export interface HeaderGroup {
  title: string;
  /** How many columns it spans; the spans of one header row add up to the number of columns. */
  span: number;
}

export interface ReportRow {
  cells: CellValue[];
  bold?: boolean;
  /** Light background: a total, a subtotal, a «Год» row. */
  shade?: boolean;
  /**
   * Rows with the same group key that follow each other stay on one page
   * (a student's rows on the summary sheet), and mergeInGroup columns span them.
   */
  group?: string;
  /** Drill-down target for the screen: a lesson, a student, a finding. Ignored in print. */
  ref?: { kind: string; id: string; extra?: Record<string, string> };
}

export interface TableBlock {
  kind: 'table';
  caption?: string;
  columns: ReportColumn[];
  /** Rows of grouped headings printed above the column titles, top first. */
  headerGroups?: HeaderGroup[][];
  rows: ReportRow[];
  /** Printed after the rows in bold; kept with the last row. */
  totals?: ReportRow[];
  /** Font size in points; the writer may go smaller to fit the page width. */
  fontSize?: number;
  /** Shown instead of an empty table. */
  emptyText?: string;
  /** Start on a new page rather than split, when the whole table fits on one. */
  keepTogether?: boolean;
  /** Rows with less space above and below the text: a form of many short rows (the summary sheet). */
  dense?: boolean;
  /** How long, in millimetres, a vertical heading runs before it wraps into another rotated line (a low header leaves room for rows). */
  verticalHeadingMm?: number;
}

export interface TextRun {
  text: string;
  bold?: boolean;
}

export interface TextBlock {
  kind: 'text';
  /** Plain text, or runs to mix bold and regular; «\n» starts a new line. */
  text?: string;
  runs?: TextRun[];
  size?: number;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
}

export interface FieldsBlock {
  kind: 'fields';
  fields: ReportField[];
}

export interface SignaturesBlock {
  kind: 'signatures';
  title?: string;
  lines: SignatureLine[];
}

/**
 * A tear-off slip under a dashed cut line, kept whole on its page: the slip a
 * parent signs and returns.
 */
export interface SlipBlock {
  kind: 'slip';
  lines: string[];
  /** Pushed down to the foot of the page, as a tear-off slip is. */
  atBottom?: boolean;
}

export interface PageBreakBlock {
  kind: 'pageBreak';
}

/** The table of contents: every section with a `tocLabel`, with its pages (filled in after layout). */
export interface ContentsBlock {
  kind: 'contents';
  title?: string;
}

/**
 * A line that names the document's page count, known only at the end:
 * `{pages}` becomes «37 страниц» («В журнале пронумеровано {pages}»).
 */
export interface PageCountBlock {
  kind: 'pageCount';
  text: string;
}

export type ReportBlock = TableBlock | TextBlock | FieldsBlock | SignaturesBlock | SlipBlock | PageBreakBlock | ContentsBlock | PageCountBlock;

export interface ReportSection {
  title?: string;
  fields?: ReportField[];
  blocks: ReportBlock[];
  /** Starts on a new page (each subject of a journal, each student's extract). */
  newPage?: boolean;
  /** Another page size or orientation for this section; implies a new page. */
  page?: PageSetup;
  /** In XLSX a section with a sheet name starts a new worksheet (at most 31 characters). */
  sheetName?: string;
  /** The section's line in a contents block: «Математика — Иванова А.П.». */
  tocLabel?: string;
}

export interface ReportModel {
  /** Which report built it: `finalSheet`, `timetable.class` …; also names the file. */
  kind: string;
  title: string;
  subtitle?: string;
  /** The school's full name, printed at the top of the first page and in the footer. */
  schoolName: string;
  /** `YYYY-MM-DD`, the school's date of printing. */
  printedOn: string;
  page: PageSetup;
  fields: ReportField[];
  sections: ReportSection[];
  /** Signature lines at the very end. */
  signatures: SignatureLine[];
  /** File name without extension, Russian allowed: «Сводная ведомость 5А 2026-2027». */
  fileName: string;
}

/** Every table of a model, in print order (for tests and progress counts). */
export function tablesOf(model: ReportModel): TableBlock[] {
  return model.sections.flatMap((s) => s.blocks.filter((b): b is TableBlock => b.kind === 'table'));
}
