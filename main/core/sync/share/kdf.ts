import crypto from 'node:crypto';
import { promisify } from 'node:util';

/**
 * The sync key: scrypt of the administrator's passphrase with the salt and
 * cost written in school.json. school.json lies on an untrusted share, so
 * its cost is checked against bounds before use: a crafted file asking for
 * gigabytes of memory or minutes of work is refused, not obeyed.
 */

export interface KdfParams {
  name: 'scrypt';
  logN: number;
  r: number;
  p: number;
  /** base64 */
  salt: string;
}

/** ~0.5 s and 64 MiB on a school PC: once per start of the program. */
export const DEFAULT_KDF = { logN: 16, r: 8, p: 1 } as const;

export const KDF_BOUNDS = {
  logN: [14, 18],
  r: [8, 16],
  p: [1, 4],
  saltBytes: [16, 64],
  /** scrypt needs 128·N·r bytes. */
  maxMemoryBytes: 256 * 1024 * 1024,
  /** N·r·p: the time it takes, ~2 s at the top on a school PC. */
  maxWork: 2 ** 21,
} as const;

export const MIN_PASSPHRASE_LENGTH = 8;

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

function within(value: number, [min, max]: readonly [number, number]): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** What is wrong with the parameters, in Russian; an empty list when they are safe to use. */
export function kdfProblems(params: KdfParams): string[] {
  const problems: string[] = [];
  if (params.name !== 'scrypt') problems.push(`неизвестный способ получения ключа «${String(params.name)}»`);
  if (!within(params.logN, KDF_BOUNDS.logN)) problems.push(`сложность logN = ${params.logN} вне пределов ${KDF_BOUNDS.logN.join('–')}`);
  if (!within(params.r, KDF_BOUNDS.r)) problems.push(`параметр r = ${params.r} вне пределов ${KDF_BOUNDS.r.join('–')}`);
  if (!within(params.p, KDF_BOUNDS.p)) problems.push(`параметр p = ${params.p} вне пределов ${KDF_BOUNDS.p.join('–')}`);
  const salt = Buffer.from(String(params.salt), 'base64');
  if (!within(salt.length, KDF_BOUNDS.saltBytes)) problems.push(`длина соли ${salt.length} байт вне пределов ${KDF_BOUNDS.saltBytes.join('–')}`);
  if (problems.length === 0) {
    const n = 2 ** params.logN;
    if (128 * n * params.r > KDF_BOUNDS.maxMemoryBytes) problems.push('требуется слишком много памяти');
    if (n * params.r * params.p > KDF_BOUNDS.maxWork) problems.push('требуется слишком долгий расчёт');
  }
  return problems;
}

export type KdfCost = { logN: number; r: number; p: number };

export function newKdfParams(cost: KdfCost = DEFAULT_KDF): KdfParams {
  const params: KdfParams = { name: 'scrypt', ...cost, salt: crypto.randomBytes(32).toString('base64') };
  if (kdfProblems(params).length) throw new Error(`scrypt cost outside bounds: ${kdfProblems(params).join('; ')}`);
  return params;
}

/** Derives the 32-byte key; the caller has checked the parameters with `kdfProblems`. Runs off the event loop. */
export async function deriveKey(passphrase: string, params: KdfParams): Promise<Buffer> {
  if (kdfProblems(params).length) throw new Error('scrypt parameters outside bounds');
  const n = 2 ** params.logN;
  return scrypt(passphrase.normalize('NFC'), Buffer.from(params.salt, 'base64'), 32, {
    N: n,
    r: params.r,
    p: params.p,
    maxmem: 128 * n * params.r + 16 * 1024 * 1024,
  });
}

/** A key for one purpose, so that the same bytes never serve two (HKDF-SHA256). */
export function subkey(key: Buffer, purpose: string, salt: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', key, salt, `klassny-zhurnal/share/${purpose}`, 32));
}

/** A MAC with the key (base64): school.json's key check, the local record of which key this computer holds. */
export function mac(key: Buffer, purpose: string, text: string): string {
  return crypto.createHmac('sha256', subkey(key, purpose)).update(text, 'utf8').digest('base64');
}

export function macEquals(a: string, b: string): boolean {
  const x = Buffer.from(a, 'base64');
  const y = Buffer.from(b, 'base64');
  return x.length === y.length && x.length > 0 && crypto.timingSafeEqual(x, y);
}
