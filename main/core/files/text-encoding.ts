import { isUtf8 } from 'node:buffer';

/**
 * The encodings a Russian school's text files come in, and how to tell them
 * apart. Excel saves «CSV (разделители — точка с запятой)» in windows-1251,
 * «CSV UTF-8» with a byte-order mark, and «Текст Юникод» in UTF-16LE (with a
 * mark, tab-separated); old Linux machines and mail write KOI8-R. Node's
 * TextDecoder (built with full ICU, as Electron's is) decodes them all.
 */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1251', 'koi8-r'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** How the encoding was found: by the byte-order mark, by the text itself, or as the user chose. */
export type EncodingSource = 'bom' | 'content' | 'choice';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  source: EncodingSource;
}

const BOMS: [TextEncoding, number[]][] = [
  ['utf-8', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

export function bomOf(bytes: Uint8Array): { encoding: TextEncoding; length: number } | null {
  for (const [encoding, mark] of BOMS) if (mark.every((b, i) => bytes[i] === b)) return { encoding, length: mark.length };
  return null;
}

/**
 * UTF-16 without a mark: in Latin, digits and Cyrillic alike one byte of each
 * pair is 0x00 or 0x04 (U+0000–U+04FF), the other almost never is.
 */
function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let high = [0, 0];
  for (let i = 0; i < n; i++) if (bytes[i] === 0 || bytes[i] === 4) high[i & 1]++;
  high = high.map((c) => c / (n / 2));
  if (high[1] > 0.6 && high[0] < 0.1) return 'utf-16le';
  if (high[0] > 0.6 && high[1] < 0.1) return 'utf-16be';
  return null;
}

/** Lower-case Cyrillic letters: Russian text is mostly lower case, and each wrong single-byte decoding turns it into capitals or signs. */
function lowerCyrillic(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x430 && c <= 0x44f) || c === 0x451) n++;
  }
  return n;
}

/** The encoding of text bytes without a mark, from the bytes themselves. */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
  const wide = utf16Order(bytes);
  if (wide) return wide;
  if (isUtf8(bytes)) return 'utf-8';
  // A single-byte Cyrillic encoding: whichever reads as more lower-case Russian letters.
  const sample = bytes.subarray(0, 64 * 1024);
  const cp1251 = lowerCyrillic(new TextDecoder('windows-1251').decode(sample));
  const koi8 = lowerCyrillic(new TextDecoder('koi8-r').decode(sample));
  return koi8 > cp1251 ? 'koi8-r' : 'windows-1251';
}

/** The bytes as text in the encoding (any TextDecoder knows; a mark of that encoding dropped); `fatal` refuses bytes that are not valid in it. */
export function decodeAs(bytes: Uint8Array, encoding: string, fatal = false): string {
  const bom = bomOf(bytes);
  const body = bom && bom.encoding === encoding ? bytes.subarray(bom.length) : bytes;
  return new TextDecoder(encoding, { fatal, ignoreBOM: true }).decode(body);
}

/** Text bytes decoded: by their mark, else by their content. */
export function decodeDetected(bytes: Uint8Array): DecodedText {
  const bom = bomOf(bytes);
  if (bom) return { text: decodeAs(bytes, bom.encoding), encoding: bom.encoding, source: 'bom' };
  const encoding = detectEncoding(bytes);
  return { text: decodeAs(bytes, encoding), encoding, source: 'content' };
}

/** «UTF-8», «UTF-16 (Юникод)», «windows-1251», «KOI8-R», for messages. */
export const ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (Юникод)',
  'utf-16be': 'UTF-16BE',
  'windows-1251': 'windows-1251',
  'koi8-r': 'KOI8-R',
};
