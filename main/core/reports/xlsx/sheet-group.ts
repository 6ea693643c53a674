import type { TableBlock } from '../model';
import type { SheetWriter } from './sheet';

/**
 * The sheets of a named section and the unnamed ones after it. A column of
 * a sheet has one width, so tables whose columns mean other things (the
 * class's absence totals, then each student's dated absences; a subject's
 * marks by date, then its topics) go to sheets of their own: a table goes to
 * the sheet of the tables that begin with the same columns (the ones naming
 * the row), the first kind to the group's first sheet, each other kind to
 * «<name> (2)», «(3)». Other blocks follow the last table.
 */
export class SheetGroup {
  private readonly byKind = new Map<string, SheetWriter>();
  current: SheetWriter;

  constructor(
    private readonly first: SheetWriter,
    private readonly base: string,
    private readonly open: (name: string) => SheetWriter,
  ) {
    this.current = first;
  }

  /** The sheet a table goes to; an empty one (a line of text) stays where the text is. */
  sheetFor(table: TableBlock): SheetWriter {
    if (table.rows.length === 0 && !table.totals?.length) return this.current;
    const kind = table.columns
      .slice(0, 2)
      .map((c) => c.key)
      .join('|');
    let sheet = this.byKind.get(kind);
    if (!sheet) {
      sheet = this.byKind.size === 0 ? this.first : this.open(this.base);
      this.byKind.set(kind, sheet);
    }
    return sheet;
  }
}
