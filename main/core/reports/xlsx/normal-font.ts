import yauzl from 'yauzl';
import yazl from 'yazl';
import { BODY_SIZE, FONT_NAME } from './styles';
import { lineHeight } from './measure';

/**
 * ExcelJS always writes Calibri 11 as the workbook's Normal font, and the
 * Normal font's digit is the unit of every column width. LibreOffice on a
 * school's Linux computer often has no Calibri (nor Carlito, its metric
 * twin) and measures the columns in a wider font: the sheet no longer fits
 * the paper as laid out. The workbook's own font, Arial 10, is measured
 * alike everywhere (Liberation Sans on Linux has its metrics); this puts it
 * in as the Normal font, leaving every other part of the file as written.
 */
export async function withNormalFont(xlsx: Uint8Array): Promise<Uint8Array> {
  const entries = await readZip(Buffer.from(xlsx));
  const out = new yazl.ZipFile();
  for (const e of entries) {
    if (e.name.endsWith('/')) {
      out.addEmptyDirectory(e.name, { mtime: e.mtime });
      continue;
    }
    let data = e.data;
    if (e.name === 'xl/styles.xml') data = Buffer.from(normalFont(data.toString('utf8')), 'utf8');
    else if (/^xl\/worksheets\/sheet\d+\.xml$/.test(e.name)) data = defaultRowHeight(data);
    out.addBuffer(data, e.name, { compress: true, mtime: e.mtime });
  }
  out.end();
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    out.outputStream.on('data', (c: Buffer) => chunks.push(c));
    out.outputStream.on('end', resolve);
    out.outputStream.on('error', reject);
  });
  return new Uint8Array(Buffer.concat(chunks));
}

/** The first font of the style sheet (the Normal style's) made Arial 10. */
export function normalFont(styles: string): string {
  const font = `<font><sz val="${BODY_SIZE}"/><color theme="1"/><name val="${FONT_NAME}"/><family val="2"/><charset val="204"/></font>`;
  return styles.replace(/(<fonts\b[^>]*>)\s*<font>[\s\S]*?<\/font>/, `$1${font}`);
}

/**
 * A row without a height of its own is as tall as Arial 10's line, 12.75 pt,
 * as Excel makes it for that Normal font (ExcelJS writes Calibri's 15 pt):
 * the page breaks (pages.ts) count on it. Only the head of the sheet is
 * looked at; the rows follow it.
 */
function defaultRowHeight(sheet: Buffer): Buffer {
  const head = sheet.subarray(0, 4096).toString('latin1');
  const fixed = head.replace(/(<sheetFormatPr defaultRowHeight=")15(")/, `$1${lineHeight(BODY_SIZE)}$2`);
  return fixed === head ? sheet : Buffer.concat([Buffer.from(fixed, 'latin1'), sheet.subarray(4096)]);
}

function readZip(buffer: Buffer): Promise<{ name: string; data: Buffer; mtime: Date }[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('xlsx'));
      const entries: { name: string; data: Buffer; mtime: Date }[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error(entry.fileName));
          const parts: Buffer[] = [];
          stream.on('data', (d: Buffer) => parts.push(d));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(parts), mtime: entry.getLastModDate() });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
