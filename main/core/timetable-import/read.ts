import { AppError } from '../shared/errors';
import { decodeXml, refuse } from './decode';
import { parseXml, XmlError, XmlLimitError, type XmlElement } from './xml';
import { fileRefused } from '../files/refusal';
import { AscRefusal, readAsc } from './asc';
import { FetRefusal, readFet } from './fet';
import type { ImportedTimetable } from './model';

export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
}

export const IMPORT_FORMATS = ['asc', 'fet'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const FORMAT_NAMES: Record<ImportFormat, string> = { asc: 'aSc TimeTables', fet: 'FET' };

function parse(file: UploadedFile): { root: XmlElement; encoding: string; note: string | null } {
  const { text, encoding, note } = decodeXml(file.fileName, Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  try {
    return { root: parseXml(text), encoding, note };
  } catch (e) {
    if (e instanceof XmlLimitError) throw fileRefused(file.fileName, `${e.message}.`, 'files');
    if (e instanceof XmlError) throw refuse(file.fileName, `это не правильный XML (строка ${e.line}: ${e.message}). Возможно, файл повреждён или это не экспорт расписания.`);
    throw e;
  }
}

/**
 * Reads the uploaded files as the format the user chose. A file that is not
 * what it claims is refused with the reason, before anything is matched.
 */
export function readImport(format: ImportFormat, files: UploadedFile[], opts: { term?: number } = {}): ImportedTimetable {
  if (files.length === 0) throw new AppError('VALIDATION', 'Выберите файл расписания.', { fields: { files: 'Выберите файл' } });
  const parsed = files.map((f) => ({ file: f, ...parse(f) }));
  const result = readParsed(format, files, parsed, opts);
  // What was read differently from what a file declared comes first among the notes.
  result.notes.unshift(...parsed.flatMap((p) => (p.note ? [p.note] : [])));
  return result;
}

function readParsed(format: ImportFormat, files: UploadedFile[], parsed: (ReturnType<typeof parse> & { file: UploadedFile })[], opts: { term?: number }): ImportedTimetable {
  try {
    if (format === 'asc') {
      if (parsed.length > 1) throw refuse(files[1].fileName, 'экспорт aSc TimeTables — это один файл XML.');
      return readAsc(parsed[0].root, parsed[0].encoding, opts);
    }
    const fet = parsed.filter((p) => p.root.name.toLowerCase() === 'fet');
    const results = parsed.filter((p) => p.root.name === 'Activities_Timetable');
    const other = parsed.find((p) => !fet.includes(p) && !results.includes(p));
    if (other) {
      const hint = other.root.name.toLowerCase() === 'timetable' ? ' Похоже, это экспорт aSc TimeTables: выберите формат «aSc TimeTables».' : '';
      throw refuse(other.file.fileName, `это не файл FET: корневой элемент <${other.root.name}>.${hint}`);
    }
    if (fet.length === 0) throw refuse(files[0].fileName, 'это результаты FET без самого расписания: приложите и файл .fet.');
    if (fet.length > 1 || results.length > 1) throw new AppError('VALIDATION', 'Выберите один файл .fet и, если нужно, один файл «…_activities.xml».', { fields: { files: 'Лишние файлы' } });
    return readFet(fet[0].root, results[0]?.root ?? null, fet[0].encoding);
  } catch (e) {
    if (e instanceof AscRefusal || e instanceof FetRefusal) {
      const file = format === 'asc' ? files[0] : (parsed.find((p) => p.root.name.toLowerCase() === 'fet')?.file ?? files[0]);
      const hint = format === 'asc' && parsed[0].root.name.toLowerCase() === 'fet' ? ' Похоже, это файл FET: выберите формат «FET».' : '';
      throw refuse(file.fileName, `${e.message}${hint}`);
    }
    throw e;
  }
}

export function formatName(format: ImportFormat): string {
  return FORMAT_NAMES[format];
}
