import crypto from 'node:crypto';

/**
 * Where the password of the encrypted copies is kept (issue 17, item 12).
 *
 * The desktop shell has the operating system's key store (Electron's
 * safeStorage: DPAPI on Windows, the Keychain on macOS, the Secret Service on
 * Linux). The core never imports Electron: the shell keeps a random key sealed
 * in that store and hands it to the core once at start (`useOsSecretKey`),
 * over the private port between the two processes. The core then seals the
 * password with it (AES-256-GCM) before it touches the disk. A file sealed so
 * is useless to another user of the computer and on another computer.
 *
 * Without such a key (the browser host, the command line, a Linux desktop with
 * no key store) the password stays in backup.json, which only the owner may
 * read (mode 0600), and the settings screen says so.
 */
let osKey: Buffer | null = null;

const SEALED_PREFIX = 'os1:';

/** Called by the desktop shell's core process with the key from the OS key store (null: none). */
export function useOsSecretKey(key: Buffer | null): void {
  if (key && key.length !== 32) throw new Error('the OS secret key must be 32 bytes');
  osKey = key ? Buffer.from(key) : null;
}

export function osKeyAvailable(): boolean {
  return osKey !== null;
}

/** Seals a secret with the OS key; null when this process has none. */
export function sealSecret(plain: string): string | null {
  if (!osKey) return null;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', osKey, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return SEALED_PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
}

/** Opens a sealed secret; null when this process has no key or not the key it was sealed with. */
export function openSecret(sealed: string): string | null {
  if (!osKey || !sealed.startsWith(SEALED_PREFIX)) return null;
  const raw = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64');
  if (raw.length < 12 + 16) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', osKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
