import { AppError } from '../shared/errors';
import { megabytes, UPLOAD_LIMITS } from '../files/limits';

/**
 * The text of an uploaded XML file. The encoding is the one the XML
 * declaration names (aSc writes windows-1251 in Russian, UTF-8 elsewhere;
 * FET writes UTF-8), or the byte-order mark's; without either, UTF-8 if the
 * bytes are valid UTF-8, windows-1251 otherwise. What is plainly not a text
 * file (a workbook, an archive, a PDF) is refused with the reason.
 */

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

export function refuse(fileName: string, why: string): AppError {
  return new AppError('VALIDATION', `Файл «${fileName}» не принят: ${why}`, { fields: { files: why } });
}

export function decodeXml(fileName: string, bytes: Buffer): { text: string; encoding: string } {
  if (bytes.length === 0) throw refuse(fileName, 'файл пуст.');
  if (bytes.length > UPLOAD_LIMITS.timetable.bytes) throw refuse(fileName, `файл больше ${megabytes(UPLOAD_LIMITS.timetable.bytes)} — это не файл расписания.`);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    throw refuse(fileName, 'это архив или книга Excel (.xlsx, .zip), а не XML. Экспортируйте расписание в XML: в aSc — «aSc Timetables 2012 XML», в FET — файл .fet.');
  }
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') throw refuse(fileName, 'это документ PDF, а не XML.');
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw refuse(fileName, 'это документ Word или Excel старого формата, а не XML.');
  }
  let encoding: string | null = null;
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8';
    start = 3;
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    start = 2;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    start = 2;
  }
  if (!encoding) {
    const head = bytes.subarray(0, 200).toString('latin1');
    const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1]?.toLowerCase();
    if (declared) {
      encoding = ALIASES[declared] ?? null;
      if (!encoding) throw refuse(fileName, `кодировка «${declared}» не поддерживается. Сохраните файл в UTF-8 или windows-1251.`);
    }
  }
  const body = bytes.subarray(start);
  if (!encoding) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
    } catch {
      encoding = 'windows-1251';
    }
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: encoding === 'utf-8' }).decode(body);
  } catch {
    throw refuse(fileName, `в файле указана кодировка ${encoding}, но текст в ней не читается. Возможно, файл повреждён.`);
  }
  if (text.includes('\u0000')) throw refuse(fileName, 'это не текстовый файл.');
  return { text, encoding };
}
