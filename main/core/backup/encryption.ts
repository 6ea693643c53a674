import fs from 'node:fs';
import crypto from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../shared/errors';

/**
 * Encrypted copies for removable media: AES-256-GCM with a key derived from
 * the password by scrypt. The file is
 *   «KZBACKUP» · version · log2(N) · r · p · salt(16) · iv(12) · ciphertext · tag(16);
 * the header is authenticated too, so changing any byte, or a wrong password,
 * fails the decryption instead of giving a damaged database.
 */
const MAGIC = Buffer.from('KZBACKUP', 'ascii');
const VERSION = 1;
const HEADER_LENGTH = MAGIC.length + 4 + 16 + 12;
const TAG_LENGTH = 16;
const DEFAULT_COST = { logN: 15, r: 8, p: 1 };

export const ENCRYPTED_SUFFIX = '.kzenc';

export interface ScryptCost {
  logN: number;
  r: number;
  p: number;
}

/**
 * The scrypt costs a copy's header may ask for. The header is read before the
 * key exists, so a crafted one could ask for gigabytes (an English RangeError)
 * or minutes of work (every user of the core waiting): anything beyond these
 * bounds is refused before scrypt runs. The program writes logN 15, r 8, p 1:
 * 32 MiB and 2^18 block mixes; the bounds leave room for twice to four times that.
 */
const SCRYPT_LIMITS = { logN: [10, 17], r: [1, 16], p: [1, 4], memoryBytes: 128 * 1024 * 1024, work: 2 ** 20 } as const;

export function scryptCostAllowed(cost: ScryptCost): boolean {
  const within = (v: number, [lo, hi]: readonly [number, number]) => Number.isInteger(v) && v >= lo && v <= hi;
  if (!within(cost.logN, SCRYPT_LIMITS.logN) || !within(cost.r, SCRYPT_LIMITS.r) || !within(cost.p, SCRYPT_LIMITS.p)) return false;
  const n = 2 ** cost.logN;
  return 128 * n * cost.r <= SCRYPT_LIMITS.memoryBytes && n * cost.r * cost.p <= SCRYPT_LIMITS.work;
}

function deriveKey(password: string, salt: Buffer, cost: ScryptCost): Buffer {
  return crypto.scryptSync(password.normalize('NFC'), salt, 32, {
    N: 2 ** cost.logN,
    r: cost.r,
    p: cost.p,
    maxmem: 256 * 1024 * 1024,
  });
}

export function isEncryptedFile(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    fs.readSync(fd, head, 0, head.length, 0);
    return head.equals(MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

export async function encryptFile(source: string, target: string, password: string, cost: ScryptCost = DEFAULT_COST): Promise<void> {
  if (!scryptCostAllowed(cost)) throw new Error(`scrypt cost out of bounds: ${JSON.stringify(cost)}`);
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION, cost.logN, cost.r, cost.p]), salt, iv]);
  const cipher = crypto.createCipheriv('aes-256-gcm', deriveKey(password, salt, cost), iv);
  cipher.setAAD(header);
  const out = fs.createWriteStream(target);
  out.write(header);
  await pipeline(fs.createReadStream(source), cipher, out, { end: false });
  await new Promise<void>((resolve, reject) => {
    out.end(cipher.getAuthTag(), () => resolve());
    out.once('error', reject);
  });
}

/** Decrypts to `target`; a wrong password or any changed byte is refused and the target removed. */
export async function decryptFile(source: string, target: string, password: string): Promise<void> {
  const size = fs.statSync(source).size;
  const fd = fs.openSync(source, 'r');
  const header = Buffer.alloc(HEADER_LENGTH);
  const tag = Buffer.alloc(TAG_LENGTH);
  try {
    if (size < HEADER_LENGTH + TAG_LENGTH) throw notEncrypted();
    fs.readSync(fd, header, 0, HEADER_LENGTH, 0);
    fs.readSync(fd, tag, 0, TAG_LENGTH, size - TAG_LENGTH);
  } finally {
    fs.closeSync(fd);
  }
  if (!header.subarray(0, MAGIC.length).equals(MAGIC) || header[MAGIC.length] !== VERSION) throw notEncrypted();
  const cost = { logN: header[MAGIC.length + 1], r: header[MAGIC.length + 2], p: header[MAGIC.length + 3] };
  if (!scryptCostAllowed(cost)) {
    throw new AppError(
      'VALIDATION',
      'Копия не расшифрована: в её заголовке указаны параметры защиты пароля, которых программа «Классный журнал» не создаёт. ' +
        'Файл повреждён или подменён; выберите другую копию.',
    );
  }
  const salt = header.subarray(MAGIC.length + 4, MAGIC.length + 20);
  const iv = header.subarray(MAGIC.length + 20, HEADER_LENGTH);
  const decipher = crypto.createDecipheriv('aes-256-gcm', deriveKey(password, salt, cost), iv);
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  try {
    const input = fs.createReadStream(source, { start: HEADER_LENGTH, end: size - TAG_LENGTH - 1 });
    await pipeline(input, decipher, fs.createWriteStream(target));
  } catch {
    fs.rmSync(target, { force: true });
    throw new AppError(
      'VALIDATION',
      'Не удалось расшифровать копию: пароль неверен или файл повреждён.',
      { fields: { password: 'Неверный пароль или файл повреждён' } },
    );
  }
}

function notEncrypted(): AppError {
  return new AppError('VALIDATION', 'Файл не является зашифрованной резервной копией программы «Классный журнал».');
}
