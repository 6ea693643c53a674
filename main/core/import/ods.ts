import { ZipArchive } from '../files/zip';
import { localName, streamXml } from '../files/xml-stream';
import { numberText, TableBuilder } from './table-builder';
import type { Table } from './read-table';
import { NotAWorkbook } from './xlsx';

/**
 * A LibreOffice Calc workbook (.ods, OpenDocument) read from its
 * `content.xml` as it unpacks. LibreOffice writes the empty rest of a sheet
 * as one row repeated to the millionth row and cells repeated to the last
 * column: repeats of nothing only move the position; repeats of something
 * are cells like any other, under the table limits.
 */
export async function readOds(fileName: string, bytes: Buffer, wanted: string | null): Promise<Table> {
  const zip = await ZipArchive.open(bytes, fileName);
  try {
    if (!zip.has('content.xml')) throw new NotAWorkbook();
    const sheets: string[] = [];
    // The first sheet is read, and the wanted one when it is another: which one is used is known at the end.
    const builders = new Map<number, TableBuilder>();
    let table = -1;
    let tableDepth = 0;
    let row = 0;
    let rowRepeat = 1;
    let column = 0;
    let cell: { repeat: number; value: string | null; texts: string[] } | null = null;
    let paragraph = -1;
    let annotation = 0;
    let cells: { column: number; repeat: number; text: string }[] = [];
    const reading = () => builders.get(table);

    await streamXml(zip.chunks('content.xml'), {
      // The reader reports a self-closing element's close as well: the work is done on the close.
      open(name, attrs) {
        const local = localName(name);
        if (local === 'table' && name.startsWith('table:')) {
          tableDepth++;
          if (tableDepth > 1) return;
          table = sheets.length;
          sheets.push(attrs['table:name'] ?? `Лист${table + 1}`);
          if (table === 0 || attrs['table:name'] === wanted) builders.set(table, new TableBuilder());
          row = 0;
          return;
        }
        if (tableDepth !== 1 || !reading()) return;
        if (local === 'table-row') {
          rowRepeat = repeat(attrs['table:number-rows-repeated']);
          column = 0;
          cells = [];
        } else if (local === 'table-cell' || local === 'covered-table-cell') {
          const n = repeat(attrs['table:number-columns-repeated']);
          cell = { repeat: n, value: typedValue(attrs), texts: [] };
        } else if (local === 'annotation') {
          annotation++;
        } else if (cell && annotation === 0) {
          if (local === 'p' || local === 'h') {
            cell.texts.push('');
            paragraph = cell.texts.length - 1;
          } else if (local === 's' && paragraph >= 0) cell.texts[paragraph] += ' '.repeat(Math.min(repeat(attrs['text:c']), 1000));
          else if (local === 'tab' && paragraph >= 0) cell.texts[paragraph] += '\t';
          else if (local === 'line-break' && paragraph >= 0) cell.texts[paragraph] += '\n';
        }
      },
      close(name) {
        const local = localName(name);
        if (local === 'table' && name.startsWith('table:')) {
          tableDepth--;
          return;
        }
        if (tableDepth !== 1 || !reading()) return;
        if (local === 'table-cell' || local === 'covered-table-cell') {
          if (cell) endCell();
        } else if (local === 'annotation') {
          annotation--;
        } else if (local === 'p' || local === 'h') {
          paragraph = -1;
        } else if (local === 'table-row') {
          endRow();
        }
      },
      text(t) {
        if (cell && paragraph >= 0 && annotation === 0) cell.texts[paragraph] += t;
      },
    });

    function endCell(): void {
      const c = cell!;
      cell = null;
      paragraph = -1;
      const text = (c.value ?? c.texts.join('\n')).trim();
      if (text !== '') cells.push({ column, repeat: c.repeat, text });
      column += c.repeat;
    }

    function endRow(): void {
      const builder = reading()!;
      // A row repeated with something in it is that many rows: the builder stops at the limit.
      for (let k = 0; k < rowRepeat && cells.length; k++) {
        for (const c of cells) for (let j = 0; j < c.repeat; j++) builder.set(row + k, c.column + j, c.text);
      }
      row += rowRepeat;
      cells = [];
    }

    const chosen = sheets.indexOf(wanted ?? '') >= 0 && builders.has(sheets.indexOf(wanted ?? '')) ? sheets.indexOf(wanted ?? '') : 0;
    return { sheets, sheet: sheets[chosen] ?? null, encoding: null, encodingSource: null, rows: builders.get(chosen)?.build() ?? [] };
  } finally {
    zip.close();
  }
}

function repeat(value: string | undefined): number {
  const n = Number(value ?? 1);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** The value of a typed cell as the import reads it; null: take the cell's text. */
function typedValue(attrs: Record<string, string>): string | null {
  switch (attrs['office:value-type']) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const n = Number(attrs['office:value']);
      return Number.isFinite(n) ? numberText(n) : null;
    }
    case 'date':
      return attrs['office:date-value']?.slice(0, 10) ?? null;
    case 'boolean':
      return attrs['office:boolean-value'] === 'true' ? 'да' : 'нет';
    default:
      return null;
  }
}
