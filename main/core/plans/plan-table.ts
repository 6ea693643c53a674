import { readTable, type Encoding, type Table } from '../import/read-table';
import { AppError } from '../shared/errors';
import { bomOf, detectEncoding } from '../files/text-encoding';

/**
 * Bytes that are not a text file: a NUL early on, or the signature of a
 * picture, a PDF or an archive. UTF-16 text (Excel's «Текст Юникод») is full
 * of NULs and is text all the same.
 */
function looksBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4096);
  const wide = bomOf(head)?.encoding.startsWith('utf-16') || detectEncoding(head).startsWith('utf-16');
  if (head.includes(0) && !wide) return true;
  const sig = head.subarray(0, 4).toString('latin1');
  return sig.startsWith('%PDF') || sig.startsWith('PK') || sig.startsWith('\x89PNG') || (head[0] === 0xff && head[1] === 0xd8);
}

/** The table of a КТП file (read in a reading worker: files/README.md). */
export async function readPlanTable(fileName: string, bytes: Buffer, encoding: Encoding = 'auto'): Promise<Table> {
  if (/\.(csv|txt)$/i.test(fileName) && looksBinary(bytes)) {
    throw new AppError('VALIDATION', `Файл «${fileName}» — не текст CSV: возможно, это картинка, PDF или архив с другим расширением. Загрузите КТП в Excel (.xlsx) или сохраните его из Excel как «CSV (разделители — точка с запятой)».`, {
      fields: { file: 'Не CSV' },
    });
  }
  return readTable(fileName, bytes, { encoding });
}

