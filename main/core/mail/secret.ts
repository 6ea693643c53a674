import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../backup/files';
import { openSecret, osKeyAvailable, sealSecret } from '../backup/secret-store';

/**
 * The mail server's password, kept the way the program keeps the password of
 * the encrypted backups (backup/secret-store.ts), but never in clear: it
 * lives in this computer's data folder, not in the database, so no backup,
 * archive or sync ever carries it, and it is sealed (AES-256-GCM):
 * - in the desktop program, with the key from the operating system's key
 *   store (DPAPI, Keychain, Secret Service): useless on another computer or
 *   to another user;
 * - elsewhere (the browser host, the command line, a Linux desktop with no
 *   key store), with a random key in a file of its own beside it, readable
 *   by the owner only: the password file alone, copied or sent by mistake,
 *   gives nothing.
 * It is never sent back to a screen: the settings say only whether it is set.
 */
const FILE = 'mail-password.json';
const KEY_FILE = 'mail-password.key';
const LOCAL_PREFIX = 'local1:';

export type PasswordProtection = 'os' | 'local-key';

export function passwordProtection(): PasswordProtection {
  return osKeyAvailable() ? 'os' : 'local-key';
}

function localKey(dataDir: string, create: boolean): Buffer | null {
  const file = path.join(dataDir, KEY_FILE);
  if (fs.existsSync(file)) {
    const key = fs.readFileSync(file);
    return key.length === 32 ? key : null;
  }
  if (!create) return null;
  const key = crypto.randomBytes(32);
  writeFileAtomic(file, key, { mode: 0o600 });
  return key;
}

function sealLocal(dataDir: string, plain: string): string {
  const key = localKey(dataDir, true)!;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return LOCAL_PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
}

function openLocal(dataDir: string, sealed: string): string | null {
  const key = localKey(dataDir, false);
  const raw = Buffer.from(sealed.slice(LOCAL_PREFIX.length), 'base64');
  if (!key || raw.length < 28) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** Stores (or, with null, forgets) the password on this computer. */
export function saveMailPassword(dataDir: string, password: string | null): void {
  const file = path.join(dataDir, FILE);
  if (password === null) {
    fs.rmSync(file, { force: true });
    return;
  }
  const sealed = sealSecret(password) ?? sealLocal(dataDir, password);
  writeFileAtomic(file, JSON.stringify({ version: 1, password: sealed }), { mode: 0o600 });
}

/**
 * The password, or null: none set on this computer, or sealed with a key this
 * process does not have (set in the desktop program, read by the browser host).
 */
export function loadMailPassword(dataDir: string): string | null {
  const file = path.join(dataDir, FILE);
  if (!fs.existsSync(file)) return null;
  try {
    const { password } = JSON.parse(fs.readFileSync(file, 'utf8')) as { password?: string };
    if (typeof password !== 'string') return null;
    return password.startsWith(LOCAL_PREFIX) ? openLocal(dataDir, password) : openSecret(password);
  } catch {
    return null;
  }
}

export function mailPasswordSet(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, FILE));
}
