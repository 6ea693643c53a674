import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { embedFonts } from '../../../main/core/reports/pdf/fonts';
import { asTotal, layoutTable, measureRow } from '../../../main/core/reports/pdf/table-layout';
import type { TableBlock } from '../../../main/core/reports/model';

describe('a table’s column widths in the PDF', () => {
  it('fit the totals as they are printed, in bold: the class’s «251» stays on one line', async () => {
    const fonts = await embedFonts(await PDFDocument.create());
    // The performance report's shape: subjects with two-digit counts, the class's total three digits wide.
    const table: TableBlock = {
      kind: 'table',
      columns: [
        { key: 'subject', title: 'Предмет', grow: true },
        { key: 'n4', title: '«4»', align: 'center', format: 'integer' },
        { key: 'n3', title: '«3»', align: 'center', format: 'integer' },
      ],
      rows: Array.from({ length: 16 }, (_, i) => ({ cells: [`Предмет ${i + 1}`, 10 + i, 5 + i] })),
      totals: [{ cells: ['Итого по классу', 251, 118] }],
      fontSize: 9,
    };
    const layout = layoutTable(table, fonts, 400);
    const total = measureRow(asTotal(table.totals![0]), table, layout, fonts);
    expect(total.lines.slice(1)).toEqual([['251'], ['118']]);
    expect(total.height).toBe(layout.lineHeight + 2 * layout.padY);
  });
});
