import yauzl from 'yauzl';

/**
 * A second reader of the workbooks the program writes, independent of the
 * writer: the XLSX unzipped and its XML read as Excel reads it — cells with
 * their types and number formats (through styles.xml), fonts and borders,
 * merges, the frozen pane, the page setup, the print titles, the footer and
 * the page breaks. Enough of SpreadsheetML for the tests, no more.
 */

export interface XCell {
  ref: string;
  row: number;
  col: number;
  /** `n` number (dates too), `s` text. */
  type: 'n' | 's' | 'b' | 'e' | 'str';
  value: string | number | null;
  numFmt: string;
  bold: boolean;
  /** Thin borders on all four sides. */
  boxed: boolean;
  rotated: boolean;
}

export interface XSheet {
  name: string;
  cells: XCell[];
  at(row: number, col: number): XCell | undefined;
  /** The first cell whose text is `text`. */
  find(text: string): XCell | undefined;
  merges: { top: number; left: number; bottom: number; right: number }[];
  pane: { xSplit: number; ySplit: number; state: string } | null;
  pageSetup: Record<string, string>;
  fitToPage: boolean;
  horizontalCentered: boolean;
  footer: string;
  /** `$7:$8` → rows 7 to 8. */
  printTitles: { top: number; bottom: number } | null;
  rowBreaks: number[];
  widths: number[];
  heights: Map<number, number>;
}

export interface XWorkbook {
  sheets: XSheet[];
  sheet(name: string): XSheet;
  styles: string;
}

const BUILTIN_FORMATS: Record<number, string> = { 0: 'General', 1: '0', 2: '0.00', 9: '0%', 10: '0.00%', 14: 'mm-dd-yy', 49: '@' };

export async function readWorkbook(bytes: Uint8Array): Promise<XWorkbook> {
  const files = await unzip(Buffer.from(bytes));
  const xml = (name: string) => files.get(name) ?? '';
  const strings = [...xml('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => unescape(t[1])).join(''));
  const styles = xml('xl/styles.xml');
  const formats = new Map<number, string>(Object.entries(BUILTIN_FORMATS).map(([k, v]) => [Number(k), v]));
  for (const m of styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\/>/g)) formats.set(Number(m[1]), unescape(m[2]));
  const fonts = [...section(styles, 'fonts').matchAll(/<font>([\s\S]*?)<\/font>|<font\/>/g)].map((m) => /<b\/>|<b val="1"\/>/.test(m[1] ?? ''));
  const borders = [...section(styles, 'borders').matchAll(/<border>([\s\S]*?)<\/border>|<border\/>/g)].map((m) =>
    ['left', 'right', 'top', 'bottom'].every((side) => new RegExp(`<${side} style="thin"`).test(m[1] ?? '')),
  );
  const xfs = [...section(styles, 'cellXfs').matchAll(/<xf ([^>]*?)(?:\/>|>([\s\S]*?)<\/xf>)/g)].map((m) => ({
    numFmt: formats.get(Number(attr(m[1], 'numFmtId') ?? 0)) ?? `#${attr(m[1], 'numFmtId')}`,
    bold: fonts[Number(attr(m[1], 'fontId') ?? 0)] ?? false,
    boxed: borders[Number(attr(m[1], 'borderId') ?? 0)] ?? false,
    rotated: /textRotation="90"/.test(m[2] ?? ''),
  }));

  const book = xml('xl/workbook.xml');
  const rels = new Map([...xml('xl/_rels/workbook.xml.rels').matchAll(/<Relationship ([^>]*)\/>/g)].map((m) => [attr(m[1], 'Id')!, attr(m[1], 'Target')!]));
  const titles = new Map<number, string>();
  for (const m of book.matchAll(/<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">([^<]*)<\/definedName>/g)) titles.set(Number(m[1]), unescape(m[2]));
  const sheets = [...book.matchAll(/<sheet ([^>]*)\/>/g)].map((m, index): XSheet => {
    const name = unescape(attr(m[1], 'name')!);
    const target = rels.get(attr(m[1], 'r:id')!)!.replace(/^\/?(xl\/)?/, '');
    const body = xml(`xl/${target}`);
    const cells: XCell[] = [];
    for (const c of body.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const style = xfs[Number(attr(c[3], 's') ?? 0)] ?? { numFmt: 'General', bold: false, boxed: false, rotated: false };
      const t = attr(c[3], 't') ?? 'n';
      const raw = /<v>([\s\S]*?)<\/v>/.exec(c[4] ?? '')?.[1];
      const inline = /<is>([\s\S]*?)<\/is>/.exec(c[4] ?? '')?.[1];
      let value: string | number | null = null;
      if (t === 's' && raw !== undefined) value = strings[Number(raw)];
      else if (t === 'inlineStr' && inline !== undefined) value = [...inline.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((x) => unescape(x[1])).join('');
      else if (t === 'str' && raw !== undefined) value = unescape(raw);
      else if (raw !== undefined) value = Number(raw);
      cells.push({ ref: `${c[1]}${c[2]}`, row: Number(c[2]), col: colNumber(c[1]), type: t === 'inlineStr' || t === 'str' ? 's' : (t as XCell['type']), value, ...style });
    }
    const byRef = new Map(cells.map((c) => [`${c.row}:${c.col}`, c]));
    const pane = /<pane ([^>]*)\/>/.exec(body);
    const setup = /<pageSetup ([^>]*)\/>/.exec(body);
    const printTitles = titles.get(index);
    const rows = /\$(\d+):\$(\d+)$/.exec(printTitles ?? '');
    const widths: number[] = [];
    for (const col of body.matchAll(/<col ([^>]*)\/>/g)) {
      for (let i = Number(attr(col[1], 'min')); i <= Number(attr(col[1], 'max')); i++) widths[i - 1] = Number(attr(col[1], 'width'));
    }
    const heights = new Map<number, number>();
    for (const r of body.matchAll(/<row ([^>]*)>/g)) if (attr(r[1], 'ht')) heights.set(Number(attr(r[1], 'r')), Number(attr(r[1], 'ht')));
    return {
      name,
      cells,
      at: (row, col) => byRef.get(`${row}:${col}`),
      find: (text) => cells.find((c) => c.value === text),
      merges: [...body.matchAll(/<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"\/>/g)].map((x) => ({ top: Number(x[2]), left: colNumber(x[1]), bottom: Number(x[4]), right: colNumber(x[3]) })),
      pane: pane ? { xSplit: Number(attr(pane[1], 'xSplit') ?? 0), ySplit: Number(attr(pane[1], 'ySplit') ?? 0), state: attr(pane[1], 'state') ?? '' } : null,
      pageSetup: setup ? Object.fromEntries([...setup[1].matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]])) : {},
      fitToPage: /<pageSetUpPr [^>]*fitToPage="1"/.test(body),
      horizontalCentered: /<printOptions [^>]*horizontalCentered="1"/.test(body),
      footer: unescape(/<oddFooter>([\s\S]*?)<\/oddFooter>/.exec(body)?.[1] ?? ''),
      printTitles: rows ? { top: Number(rows[1]), bottom: Number(rows[2]) } : null,
      rowBreaks: [...(/<rowBreaks[\s\S]*?<\/rowBreaks>/.exec(body)?.[0] ?? '').matchAll(/<brk id="(\d+)"/g)].map((x) => Number(x[1])),
      widths,
      heights,
    };
  });
  return {
    sheets,
    styles,
    sheet(name) {
      const s = sheets.find((x) => x.name === name);
      if (!s) throw new Error(`no sheet «${name}» in ${sheets.map((x) => x.name).join(', ')}`);
      return s;
    },
  };
}

/** Excel's serial day number of a date (the 1900 system). */
export function excelDay(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + 25569;
}

function section(xml: string, tag: string): string {
  return new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1] ?? '';
}

function attr(attrs: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s)${name.replace(':', '\\:')}="([^"]*)"`).exec(attrs)?.[1];
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
    .replace(/&amp;/g, '&');
}

function unzip(buffer: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const files = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error(entry.fileName));
          const parts: Buffer[] = [];
          stream.on('data', (d: Buffer) => parts.push(d));
          stream.on('error', reject);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(parts).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
