import { AppError } from '../shared/errors';
import { megabytes, UPLOAD_LIMITS } from '../files/limits';
import { bomOf, decodeAs, detectEncoding, ENCODING_NAMES, type TextEncoding } from '../files/text-encoding';

/**
 * The text of an uploaded XML file. The byte-order mark decides when there is
 * one. Otherwise the XML declaration's encoding is taken unless the bytes say
 * otherwise — programs re-save a windows-1251 export in UTF-8 and keep its
 * declaration, or the reverse — and then the text's own encoding is used, with
 * a note for the preview. What is plainly not a text file (a workbook, an
 * archive, a PDF) is refused with the reason.
 */

/** Declared names → what TextDecoder calls them (and what the note names). */
const ALIASES: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1251': 'windows-1251',
  cp1251: 'windows-1251',
  'cp-1251': 'windows-1251',
  'win-1251': 'windows-1251',
  'x-cp1251': 'windows-1251',
  'windows-1250': 'windows-1250',
  'windows-1252': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'iso-8859-5': 'iso-8859-5',
  'koi8-r': 'koi8-r',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

const NAMES: Record<string, string> = { ...ENCODING_NAMES, 'utf-16le': 'UTF-16', 'windows-1250': 'windows-1250', 'windows-1252': 'windows-1252', 'iso-8859-5': 'ISO-8859-5' };

export interface DecodedXml {
  text: string;
  encoding: string;
  /** Set when the file's declaration was overruled by its bytes, in Russian. */
  note: string | null;
}

export function refuse(fileName: string, why: string): AppError {
  return new AppError('VALIDATION', `Файл «${fileName}» не принят: ${why}`, { fields: { files: why } });
}

export function decodeXml(fileName: string, bytes: Buffer): DecodedXml {
  if (bytes.length === 0) throw refuse(fileName, 'файл пуст.');
  if (bytes.length > UPLOAD_LIMITS.timetable.bytes) throw refuse(fileName, `файл больше ${megabytes(UPLOAD_LIMITS.timetable.bytes)} — это не файл расписания.`);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    throw refuse(fileName, 'это архив или книга Excel (.xlsx, .zip), а не XML. Экспортируйте расписание в XML: в aSc — «aSc Timetables 2012 XML», в FET — файл .fet.');
  }
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') throw refuse(fileName, 'это документ PDF, а не XML.');
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw refuse(fileName, 'это документ Word или Excel старого формата, а не XML.');
  }
  const bom = bomOf(bytes);
  let encoding: string;
  let note: string | null = null;
  if (bom) encoding = bom.encoding;
  else {
    const found = detectEncoding(bytes);
    const head = found.startsWith('utf-16') ? decodeAs(bytes.subarray(0, 400), found) : bytes.subarray(0, 200).toString('latin1');
    const declaredName = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
    const declared = declaredName ? ALIASES[declaredName.toLowerCase()] : undefined;
    if (declaredName && !declared) throw refuse(fileName, `кодировка «${declaredName}» не поддерживается. Сохраните файл в UTF-8 или windows-1251.`);
    encoding = declared ?? found;
    const overruled = declared ? bytesOverrule(declared, found, bytes) : null;
    if (overruled) {
      note = `В файле «${fileName}» указана кодировка ${NAMES[declared!] ?? declared}, но текст записан в ${NAMES[overruled]}: файл прочитан как ${NAMES[overruled]}.`;
      encoding = overruled;
    }
  }
  let text: string;
  try {
    text = decodeAs(bytes, encoding, encoding === 'utf-8');
  } catch {
    throw refuse(fileName, `в файле указана кодировка ${encoding}, но текст в ней не читается. Возможно, файл повреждён.`);
  }
  if (text.includes('\u0000')) throw refuse(fileName, 'это не текстовый файл.');
  return { text, encoding, note };
}

/**
 * The encoding the bytes can only be in, when the declaration cannot be
 * right: UTF-16 where it declares otherwise (or the reverse), UTF-8 with
 * Cyrillic in it under a single-byte declaration, or text that is not UTF-8
 * under a UTF-8 declaration. Between two single-byte encodings the
 * declaration is trusted over a guess.
 */
function bytesOverrule(declared: string, found: TextEncoding, bytes: Uint8Array): TextEncoding | null {
  const wide = (e: string) => e.startsWith('utf-16');
  if (wide(found)) return found !== declared ? found : null;
  if (wide(declared)) return found;
  if (found === 'utf-8') return declared !== 'utf-8' && hasMultibyte(bytes) ? 'utf-8' : null;
  return declared === 'utf-8' ? found : null;
}

/** Any byte above 0x7F: valid UTF-8 that is not plain ASCII. */
function hasMultibyte(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return true;
  return false;
}
