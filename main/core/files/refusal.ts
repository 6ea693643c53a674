import { AppError } from '../shared/errors';

/**
 * A file the program will not read because it goes beyond what it reads
 * safely — unpacked size, nesting, memory, time — in Russian, naming the
 * file; `field` is the form field the file came in (`file`, `files`).
 */
export function fileRefused(fileName: string, why: string, field = 'file'): AppError {
  return new AppError('FILE_REFUSED', `Файл «${fileName}» не прочитан: ${why}`, { fields: { [field]: why } });
}
