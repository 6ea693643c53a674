import fs from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/**
 * DejaVu Sans from the `dejavu-fonts-ttf` package, embedded as a subset: it
 * covers Cyrillic, «», №, Ё and dashes, and — unlike PT Sans — survives
 * pdf-lib's subsetting intact (toolchain.md §Q4). A subset keeps a report
 * at about 20 KB instead of 750 KB per font.
 */
const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

let cachedBytes: { regular: Buffer; bold: Buffer } | null = null;

function fontBytes(): { regular: Buffer; bold: Buffer } {
  if (!cachedBytes) {
    const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    cachedBytes = {
      regular: fs.readFileSync(path.join(dir, FONT_FILES.regular)),
      bold: fs.readFileSync(path.join(dir, FONT_FILES.bold)),
    };
  }
  return cachedBytes;
}

/**
 * A font with a width cache: tables measure every cell, and fontkit's layout
 * per string is slow, so widths are summed per character (no kerning in
 * DejaVu's Cyrillic pairs that would matter at table sizes).
 */
export class MeasuredFont {
  private readonly widths = new Map<string, number>();
  private readonly encoded = new Map<string, string>();

  /** The string as the hex glyph codes of a `Tj` (pdf-lib also records the glyphs for the subset). */
  encode(text: string): string {
    let hex = this.encoded.get(text);
    if (hex === undefined) {
      hex = this.pdf.encodeText(text).toString();
      if (this.encoded.size < 50_000) this.encoded.set(text, hex);
    }
    return hex;
  }

  constructor(readonly pdf: PDFFont) {}

  width(text: string, size: number): number {
    let total = 0;
    for (const ch of text) {
      let w = this.widths.get(ch);
      if (w === undefined) {
        w = this.pdf.widthOfTextAtSize(ch, 1000) / 1000;
        this.widths.set(ch, w);
      }
      total += w;
    }
    return total * size;
  }
}

export interface FontPair {
  regular: MeasuredFont;
  bold: MeasuredFont;
}

export async function embedFonts(doc: PDFDocument): Promise<FontPair> {
  doc.registerFontkit(fontkit);
  const bytes = fontBytes();
  const [regular, bold] = await Promise.all([
    doc.embedFont(bytes.regular, { subset: true }),
    doc.embedFont(bytes.bold, { subset: true }),
  ]);
  return { regular: new MeasuredFont(withoutShaping(regular)), bold: new MeasuredFont(withoutShaping(bold)) };
}

interface FontkitFont {
  layout(text: string, features?: unknown): { glyphs: unknown[] };
  glyphsForString(text: string): unknown[];
}

/**
 * pdf-lib encodes every drawn string through fontkit's full OpenType layout
 * (GSUB/GPOS shaping), which is most of the time of a large table. Cyrillic
 * and Latin table text needs no shaping: glyphs straight from the cmap, and
 * the same string encoded once. Only the `glyphs` of a layout are read by
 * pdf-lib's embedders (CustomFontEmbedder, CustomFontSubsetEmbedder).
 */
function withoutShaping(font: PDFFont): PDFFont {
  const inner = (font as unknown as { embedder?: { font?: FontkitFont } }).embedder?.font;
  if (!inner || typeof inner.glyphsForString !== 'function') return font;
  const cache = new Map<string, { glyphs: unknown[] }>();
  inner.layout = (text: string) => {
    let laid = cache.get(text);
    if (!laid) {
      laid = { glyphs: inner.glyphsForString(text) };
      if (cache.size < 50_000) cache.set(text, laid);
    }
    return laid;
  };
  return font;
}
