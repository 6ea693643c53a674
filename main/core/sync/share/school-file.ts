import crypto from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { ID_PATTERN, LIMITS, SCHOOL_FILE } from './layout';
import { kdfProblems, mac, macEquals, type KdfParams } from './kdf';
import { canonicalJson } from './seal';
import { TooLarge, type ShareFs } from './share-fs';

/**
 * `school.json`, the one plaintext file: which school's data set the folder
 * holds, its format, and how to derive the key from the passphrase. Its
 * `check` is a MAC over the rest made with the key: the right passphrase
 * opens it, a wrong one does not, and a student who edits the format or the
 * data set in it is caught once the key is known.
 */

export interface SchoolFile {
  format: number;
  dataSet: string;
  createdAt: string;
  kdf: KdfParams;
  /** base64 MAC of {dataSet, format, kdf} with the key. */
  check: string;
}

const ABOUT = 'Общая папка программы «Классный журнал». Файлы в ней зашифрованы; не изменяйте и не удаляйте их вручную.';

const schema = z.object({
  format: z.number().int().min(1),
  dataSet: z.string().regex(ID_PATTERN),
  createdAt: z.string().max(64),
  kdf: z.object({ name: z.literal('scrypt'), logN: z.number(), r: z.number(), p: z.number(), salt: z.string().max(200) }),
  check: z.string().min(1).max(200),
});

function badFile(detail: string): AppError {
  return new AppError(
    'SYNC_BAD_SCHOOL_FILE',
    `Файл ${SCHOOL_FILE} в общей папке повреждён или изменён посторонним (${detail}). Синхронизация невозможна; обратитесь к администратору.`,
    { detail },
  );
}

function macText(file: Pick<SchoolFile, 'dataSet' | 'format' | 'kdf'>): string {
  return canonicalJson({ dataSet: file.dataSet, format: file.format, kdf: file.kdf });
}

export function schoolCheck(key: Buffer, file: Pick<SchoolFile, 'dataSet' | 'format' | 'kdf'>): string {
  return mac(key, 'school-check', macText(file));
}

export function schoolCheckMatches(key: Buffer, file: SchoolFile): boolean {
  return macEquals(schoolCheck(key, file), file.check);
}

/** Identifies the key without revealing it: kept in this computer's local record of the share. */
export function keyId(key: Buffer): string {
  return mac(key, 'key-id', 'klassny-zhurnal');
}

/** What stays the same for the life of the folder: a replaced school.json changes it. */
export function schoolFingerprint(file: SchoolFile): string {
  return crypto.createHash('sha256').update(canonicalJson({ dataSet: file.dataSet, kdf: file.kdf })).digest('hex');
}

/**
 * Reads and checks school.json: null when it is not there; refused (with the
 * reason, in Russian) when it is not JSON, lacks a field, or asks for key
 * parameters outside the bounds.
 */
export async function readSchoolFile(share: ShareFs): Promise<SchoolFile | null> {
  const read = await share.read(SCHOOL_FILE, LIMITS.smallFileBytes).catch((e) => {
    if (e instanceof TooLarge) throw badFile('файл слишком большой');
    // Offline, read-only and the like are the folder's state; anything else (a folder named school.json) is this file's.
    if (e instanceof AppError) throw e;
    throw badFile(`не читается: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  });
  if (!read) return null;
  let json: unknown;
  try {
    json = JSON.parse(read.data.toString('utf8'));
  } catch {
    throw badFile('это не JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw badFile(`поле ${parsed.error.issues[0]?.path.join('.') || '?'} не подходит`);
  const problems = kdfProblems(parsed.data.kdf as KdfParams);
  if (problems.length) throw badFile(`параметры ключа: ${problems.join('; ')}`);
  return parsed.data as SchoolFile;
}

export function schoolFileBytes(file: SchoolFile): Buffer {
  return Buffer.from(JSON.stringify({ about: ABOUT, ...file }, null, 2) + '\n', 'utf8');
}
