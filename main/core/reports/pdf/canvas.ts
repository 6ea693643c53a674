import { deflateSync } from 'node:zlib';
import type { PDFDocument, PDFPage } from 'pdf-lib';
import type { MeasuredFont } from './fonts';

/**
 * Drawing straight into a page's content stream. pdf-lib's drawText builds a
 * dozen operator objects per call; a summary sheet of a whole school is
 * some 100 000 cells, so text, lines and fills are written as PDF operators
 * into one string per page and attached as a single compressed stream.
 */
export class Canvas {
  private readonly ops: string[] = ['0.5 w'];
  private readonly fontKeys = new Map<MeasuredFont, string>();
  private lineGray = 0;

  constructor(
    readonly page: PDFPage,
    private readonly doc: PDFDocument,
  ) {}

  get width(): number {
    return this.page.getWidth();
  }

  get height(): number {
    return this.page.getHeight();
  }

  private fontKey(font: MeasuredFont): string {
    let key = this.fontKeys.get(font);
    if (!key) {
      key = this.page.node.newFontDictionary(font.pdf.name, font.pdf.ref).toString();
      this.fontKeys.set(font, key);
    }
    return key;
  }

  /** Text with its baseline at (x, y); `vertical` runs bottom to top. */
  text(text: string, x: number, y: number, size: number, font: MeasuredFont, gray = 0, vertical = false): void {
    if (!text) return;
    const matrix = vertical ? `0 1 -1 0 ${n(x)} ${n(y)}` : `1 0 0 1 ${n(x)} ${n(y)}`;
    this.ops.push(`BT ${n(gray)} g ${this.fontKey(font)} ${n(size)} Tf ${matrix} Tm ${font.encode(text)} Tj ET`);
  }

  line(x1: number, y1: number, x2: number, y2: number, gray = 0, dash?: [number, number], width = 0.5): void {
    const style: string[] = [];
    if (gray !== this.lineGray) {
      style.push(`${n(gray)} G`);
      this.lineGray = gray;
    }
    if (dash) style.push(`[${dash[0]} ${dash[1]}] 0 d`);
    if (width !== 0.5) style.push(`${n(width)} w`);
    this.ops.push(`${style.join(' ')} ${n(x1)} ${n(y1)} m ${n(x2)} ${n(y2)} l S${dash ? ' [] 0 d' : ''}${width !== 0.5 ? ' 0.5 w' : ''}`.trim());
  }

  /** A filled rectangle, optionally outlined. */
  rect(x: number, y: number, w: number, h: number, fillGray: number, outline = false): void {
    this.ops.push(`${n(fillGray)} g ${n(x)} ${n(y)} ${n(w)} ${n(h)} re ${outline ? 'B' : 'f'}`);
  }

  /** Attaches what was drawn as the page's content (compressed by Node's zlib, much faster than pdf-lib's own). */
  finish(): void {
    const bytes = deflateSync(Buffer.from(this.ops.join('\n'), 'latin1'));
    const stream = this.doc.context.stream(bytes, { Filter: 'FlateDecode' });
    this.page.node.addContentStream(this.doc.context.register(stream));
  }
}

/** Numbers as PDF wants them: short, no exponent. */
function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}
