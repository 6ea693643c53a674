import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { deflated, spacesBomb, stored, zipOf, type RawEntry } from './raw-zip';

/**
 * The hostile-file corpus: files built to stop, stall or exhaust a program
 * that reads uploads, as a probe (issue 17) and an attacker would send them.
 * Each is fed to every importer (test/unit/files/hostile-corpus.test.ts).
 * `tsx test/support/hostile-files.ts <folder>` writes them out to try by hand.
 *
 * `expect` says what the right answer is where it matters: read (the file is
 * fine, only its claims are not), or refused with words of that reason.
 */
export interface HostileFile {
  /** What it is, in the test's name. */
  what: string;
  fileName: string;
  bytes: Buffer;
  /** For the table importers (lists, КТП). */
  table?: Expectation;
  /** For the timetable importer (aSc, FET). */
  timetable?: Expectation;
}

export type Expectation = { read: true } | { refused: RegExp };

const MB = 1024 * 1024;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`;

function workbookWith(sheet: RawEntry, extra: RawEntry[] = []): Buffer {
  return zipOf([deflated('[Content_Types].xml', CONTENT_TYPES), deflated('_rels/.rels', ROOT_RELS), deflated('xl/workbook.xml', WORKBOOK), deflated('xl/_rels/workbook.xml.rels', WORKBOOK_RELS), sheet, ...extra]);
}

function sheet(xml: string, dimension = 'A1:B3'): RawEntry {
  return deflated('xl/worksheets/sheet1.xml', `${SHEET_HEAD}<dimension ref="${dimension}"/><sheetData>${xml}</sheetData></worksheet>`);
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const STAFF = `<row r="1">${inline('A1', 'ФИО')}${inline('B1', 'Должность')}</row><row r="2">${inline('A2', 'Смирнова Татьяна Олеговна')}${inline('B2', 'Учитель')}</row>`;

function odsWith(tableXml: string): Buffer {
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Лист1">${tableXml}</table:table></office:spreadsheet></office:body></office:document-content>`;
  return zipOf([stored('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'), deflated('content.xml', content)]);
}
const odsCell = (text: string, repeat = 1) =>
  `<table:table-cell${repeat > 1 ? ` table:number-columns-repeated="${repeat}"` : ''} office:value-type="string"><text:p>${text}</text:p></table:table-cell>`;

function rowsXml(count: number, make: (r: number) => string): string {
  const parts: string[] = [];
  for (let r = 1; r <= count; r++) parts.push(make(r));
  return parts.join('');
}

/** A real, small staff list saved by SheetJS, for truncation. */
function realXlsx(): Buffer {
  const wb = XLSX.utils.book_new();
  const rows = [['ФИО', 'Должность'], ...Array.from({ length: 200 }, (_, i) => [`Сотрудникова${i} Анна Петровна`, 'Учитель'])];
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Список');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

function xls(rows: (string | number)[][]): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Список');
  return XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
}

const LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">${Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 2} "${`&lol${i + 1};`.repeat(10)}">`).join('')}]>`;

/**
 * An export whose elements are few (50 000) but each carries 40 attributes of
 * names never seen before: every one costs the tree far more than its bytes.
 * It is refused by the memory guard, or by the time limit when the machine is
 * too busy to get that far in 4 s.
 */
function heavyTimetable(): Buffer {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?><timetable ascttversion="2012"><cards>'];
  let size = 0;
  for (let n = 0; size < 19 * MB; n++) {
    const card = `<card ${Array.from({ length: 40 }, (_, k) => `a${n.toString(36)}${k.toString(36)}="${(n * 40 + k).toString(36)}"`).join(' ')}/>`;
    parts.push(card);
    size += card.length;
  }
  parts.push('</cards></timetable>');
  return Buffer.from(parts.join(''));
}

export function hostileFiles(): HostileFile[] {
  const real = realXlsx();
  const tooManyRows = /больше 5000 строк/;
  const unreadable = /не читается|повреждён/;
  const notXml = /не принят|не прочитан/;
  return [
    // --- Workbooks that lie about their size.
    {
      what: 'an XLSX whose <dimension> claims every cell of the sheet (A1:XFD1048576) is read for the cells it has',
      fileName: 'dimension.xlsx',
      bytes: workbookWith(sheet(STAFF, 'A1:XFD1048576')),
      table: { read: true },
    },
    {
      what: 'an XLSX with one cell in the last column of the last row',
      fileName: 'far-cell.xlsx',
      bytes: workbookWith(sheet(`${STAFF}<row r="1048576">${inline('XFD1048576', 'x')}</row>`, 'A1:XFD1048576')),
      table: { refused: /столбцы дальше 256/ },
    },
    {
      what: 'an XLSX of 600 000 rows',
      fileName: '600k-rows.xlsx',
      bytes: workbookWith(sheet(rowsXml(600_000, (r) => `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`), 'A1:A600000')),
      table: { refused: tooManyRows },
    },
    {
      what: 'an XLSX with 100 000 filled columns in one row',
      fileName: 'wide-row.xlsx',
      bytes: workbookWith(sheet(`<row r="1">${rowsXml(100_000, (c) => `<c><v>${c}</v></c>`)}</row>`)),
      table: { refused: /столбцы дальше 256/ },
    },
    // --- Zip bombs.
    {
      what: 'a zip bomb: a sheet that unpacks to 1 GB of spaces, said so in the archive',
      fileName: 'bomb.xlsx',
      bytes: workbookWith(spacesBomb('xl/worksheets/sheet1.xml', `${SHEET_HEAD}<sheetData>`, 1024, '</sheetData></worksheet>')),
      table: { refused: /распаковывается в 1024 МБ/ },
    },
    {
      what: 'a zip bomb that lies: 1 GB of spaces the archive calls 10 KB',
      fileName: 'lying-bomb.xlsx',
      bytes: workbookWith(spacesBomb('xl/worksheets/sheet1.xml', `${SHEET_HEAD}<sheetData>`, 1024, '</sheetData></worksheet>', 10_000)),
      table: { refused: /повреждён/ },
    },
    {
      what: 'a zip bomb in the shared strings',
      fileName: 'bomb-strings.xlsx',
      bytes: workbookWith(sheet(STAFF), [spacesBomb('xl/sharedStrings.xml', '<sst><si><t>', 512, '</t></si></sst>')]),
      table: { refused: /распаковывается в 512 МБ/ },
    },
    {
      what: 'an archive of 20 000 parts',
      fileName: 'many-parts.xlsx',
      bytes: zipOf(Array.from({ length: 20_000 }, (_, i) => stored(`p/${i}.xml`, '<a/>'))),
      table: { refused: /больше 10 000 частей/ },
    },
    // --- Broken and disguised.
    { what: 'a truncated XLSX (the first half of a real one)', fileName: 'truncated.xlsx', bytes: real.subarray(0, Math.floor(real.length / 2)), table: { refused: unreadable } },
    {
      what: 'a truncated ODS',
      fileName: 'truncated.ods',
      bytes: odsWith(`<table:table-row>${odsCell('ФИО')}</table:table-row>`).subarray(0, 200),
      table: { refused: unreadable },
    },
    { what: 'a picture named .xlsx', fileName: 'photo.xlsx', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Buffer.alloc(2000, 7)]), table: { refused: unreadable } },
    { what: 'garbage named .xls', fileName: 'garbage.xls', bytes: Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4096, 0xff)]), table: { refused: unreadable } },
    {
      what: 'an XLSX whose sheet nests 100 000 elements deep',
      fileName: 'deep.xlsx',
      bytes: workbookWith(sheet(`<row r="1"><c r="A1" t="inlineStr"><is>${'<r>'.repeat(100_000)}</is></c></row>`)),
      table: { refused: /вложены глубже/ },
    },
    {
      what: 'an XLSX whose shared strings expand entities («billion laughs»)',
      fileName: 'laughs.xlsx',
      bytes: workbookWith(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), [deflated('xl/sharedStrings.xml', `${LAUGHS}<sst><si><t>&lol9;</t></si></sst>`)]),
      table: { refused: unreadable },
    },
    // --- LibreOffice's repeats.
    {
      what: 'an ODS as LibreOffice writes it: the empty rest of the sheet repeated to the last row and column',
      fileName: 'libreoffice.ods',
      bytes: odsWith(
        `<table:table-column table:number-columns-repeated="1024"/><table:table-row>${odsCell('ФИО')}${odsCell('Должность')}<table:table-cell table:number-columns-repeated="1022"/></table:table-row><table:table-row>${odsCell('Смирнова Татьяна Олеговна')}${odsCell('Учитель')}<table:table-cell table:number-columns-repeated="1022"/></table:table-row><table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>`,
      ),
      table: { read: true },
    },
    {
      what: 'an ODS row with text repeated a million times',
      fileName: 'repeated-rows.ods',
      bytes: odsWith(`<table:table-row table:number-rows-repeated="1000000">${odsCell('x')}</table:table-row>`),
      table: { refused: tooManyRows },
    },
    {
      what: 'an ODS cell with text repeated to 16 384 columns in 100 000 rows',
      fileName: 'repeated-cells.ods',
      bytes: odsWith(`<table:table-row table:number-rows-repeated="100000">${odsCell('x', 16384)}</table:table-row>`),
      table: { refused: /столбцы дальше 256/ },
    },
    // --- Old Excel and text.
    { what: 'an XLS of 6 000 rows', fileName: 'rows.xls', bytes: xls([['ФИО'], ...Array.from({ length: 6000 }, (_, i) => [`Иванов${i}`])]), table: { refused: tooManyRows } },
    { what: 'a CSV of 600 000 rows', fileName: '600k.csv', bytes: Buffer.from('ФИО;Должность\r\n' + '1;2\r\n'.repeat(600_000)), table: { refused: tooManyRows } },
    { what: 'a CSV line of 1 000 000 fields', fileName: 'wide.csv', bytes: Buffer.from('ФИО;' + 'x;'.repeat(1_000_000)), table: { refused: /столбцы дальше 256/ } },
    { what: 'a CSV that is one 4 MB quoted field never closed', fileName: 'quote.csv', bytes: Buffer.from('ФИО\r\n"' + 'а'.repeat(2 * MB)) },
    { what: 'a CSV in UTF-16 without its byte-order mark', fileName: 'utf16.csv', bytes: Buffer.from('ФИО;Должность\r\nСмирнова Т. О.;Учитель\r\n', 'utf16le') },
    // --- Timetable exports.
    {
      what: 'an XML nested 1 000 000 elements deep',
      fileName: 'deep.xml',
      bytes: Buffer.from(`<?xml version="1.0"?><timetable>${'<a>'.repeat(1_000_000)}`),
      timetable: { refused: /вложены глубже/ },
    },
    {
      what: 'an XML that expands entities («billion laughs»)',
      fileName: 'laughs.xml',
      bytes: Buffer.from(`${LAUGHS}<timetable>&lol9;</timetable>`),
      timetable: { refused: /неизвестная сущность/ },
    },
    {
      what: 'an XML that reads a file of the computer (external entity)',
      fileName: 'xxe.xml',
      bytes: Buffer.from('<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]><timetable>&x;</timetable>'),
      timetable: { refused: /неизвестная сущность/ },
    },
    {
      what: 'an XML of 2 000 000 empty elements',
      fileName: 'many.xml',
      bytes: Buffer.from(`<timetable>${'<a/>'.repeat(2_000_000)}</timetable>`),
      // Refused at the millionth element, or by the time limit on a machine too busy to get there in 4 s.
      timetable: { refused: /больше 1\s000\s000 элементов|секунд/ },
    },
    { what: 'an XML whose elements are few but heavy: the tree outgrows the memory a file may take', fileName: 'heavy.xml', bytes: heavyTimetable(), timetable: { refused: /памяти|секунд/ } },
    { what: 'a truncated XML', fileName: 'truncated.xml', bytes: Buffer.from('<?xml version="1.0"?><timetable><teachers><teacher id="1" name="Ива'), timetable: { refused: notXml } },
    {
      what: 'an XML that says UTF-16 and is not',
      fileName: 'wrong-utf16.xml',
      bytes: Buffer.from('<?xml version="1.0" encoding="UTF-16"?><timetable><teachers><teacher id="1" name="Иванова"/></teachers></timetable>'),
      timetable: { refused: notXml },
    },
    { what: 'one attribute of 19 MB', fileName: 'long-attribute.xml', bytes: Buffer.from(`<timetable a="${'x'.repeat(19 * MB)}"/>`), timetable: { refused: notXml } },
  ];
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('tsx test/support/hostile-files.ts <folder>');
    process.exit(2);
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const f of hostileFiles()) fs.writeFileSync(path.join(dir, f.fileName), f.bytes);
  console.log(`${hostileFiles().length} files in ${dir}`);
}
