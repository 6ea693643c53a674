/**
 * The password of the encrypted copies (issue 17, item 12): sealed with the OS
 * key store's key where the desktop shell has one, otherwise kept in a
 * backup.json only its owner can read — and the settings say which.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupConfigFile, loadBackupConfig, protectBackupConfig, saveBackupConfig, DEFAULT_BACKUP_CONFIG } from '../../../main/core/backup/config';
import { useOsSecretKey } from '../../../main/core/backup/secret-store';
import { backupStatus } from '../../../main/core/backup/status';
import { makeBackup } from '../../../main/core/backup/make';
import { verifyBackupFile } from '../../../main/core/backup/verify';
import { sqliteRuntime } from './helpers';

const PASSWORD = 'флешка-2026-секрет';
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

let t: Awaited<ReturnType<typeof sqliteRuntime>>;
let usb: string;
beforeEach(async () => {
  t = await sqliteRuntime();
  usb = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-usb-'));
});
afterEach(async () => {
  useOsSecretKey(null);
  await t.close();
  fs.rmSync(usb, { recursive: true, force: true });
});

describe('without the OS key store (browser host, command line)', () => {
  it('keeps backup.json owner-only (0600), and the status says the password is in that file', async () => {
    saveBackupConfig(t.dataDir, { ...DEFAULT_BACKUP_CONFIG, secondDir: usb, encryptSecond: true, password: PASSWORD });
    const file = backupConfigFile(t.dataDir);
    if (process.platform !== 'win32') expect(modeOf(file)).toBe(0o600);
    expect(loadBackupConfig(t.dataDir)).toMatchObject({ password: PASSWORD, passwordStorage: 'file', passwordUnreadable: false });
    expect(backupStatus(t.dataDir, t.runtime.dbConfig, t.clock.now()).config).toMatchObject({
      hasPassword: true,
      passwordStorage: 'file',
      osKeyStore: false,
    });
  });

  it('makes a backup.json left readable by others (0644) owner-only at start', async () => {
    if (process.platform === 'win32') return;
    const file = backupConfigFile(t.dataDir);
    fs.writeFileSync(file, JSON.stringify({ ...DEFAULT_BACKUP_CONFIG, password: PASSWORD }), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    protectBackupConfig(t.dataDir);
    expect(modeOf(file)).toBe(0o600);
    expect(loadBackupConfig(t.dataDir).password).toBe(PASSWORD);
  });
});

describe('with the OS key store (the desktop shell hands the core its key)', () => {
  it('never writes the password as is; the copies on the second medium are encrypted with it all the same', async () => {
    useOsSecretKey(crypto.randomBytes(32));
    saveBackupConfig(t.dataDir, { ...DEFAULT_BACKUP_CONFIG, secondDir: usb, encryptSecond: true, password: PASSWORD });
    const text = fs.readFileSync(backupConfigFile(t.dataDir), 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(JSON.parse(text)).toMatchObject({ password: null, passwordSealed: expect.stringMatching(/^os1:/) });
    expect(loadBackupConfig(t.dataDir)).toMatchObject({ password: PASSWORD, passwordStorage: 'os' });
    expect(backupStatus(t.dataDir, t.runtime.dbConfig, t.clock.now()).config).toMatchObject({ passwordStorage: 'os', osKeyStore: true });

    const made = await makeBackup({ db: t.runtime.dbConfig, dataDir: t.dataDir, kind: 'manual', clock: t.clock });
    expect(made.copy.error).toBeNull();
    expect(await verifyBackupFile(made.copy.path!, { password: PASSWORD })).toMatchObject({ ok: true, complete: true });
  });

  it('seals a password written before as is, at the next start', async () => {
    saveBackupConfig(t.dataDir, { ...DEFAULT_BACKUP_CONFIG, secondDir: usb, encryptSecond: true, password: PASSWORD });
    expect(fs.readFileSync(backupConfigFile(t.dataDir), 'utf8')).toContain(PASSWORD);
    useOsSecretKey(crypto.randomBytes(32));
    protectBackupConfig(t.dataDir);
    expect(fs.readFileSync(backupConfigFile(t.dataDir), 'utf8')).not.toContain(PASSWORD);
    expect(loadBackupConfig(t.dataDir).password).toBe(PASSWORD);
  });

  it('another user’s or computer’s key cannot open it: the copy says so in Russian and the status asks for the password again', async () => {
    useOsSecretKey(crypto.randomBytes(32));
    saveBackupConfig(t.dataDir, { ...DEFAULT_BACKUP_CONFIG, secondDir: usb, encryptSecond: true, password: PASSWORD });
    useOsSecretKey(crypto.randomBytes(32));
    expect(loadBackupConfig(t.dataDir)).toMatchObject({ password: null, passwordStorage: 'os', passwordUnreadable: true });
    const made = await makeBackup({ db: t.runtime.dbConfig, dataDir: t.dataDir, kind: 'manual', clock: t.clock });
    expect(made.entry.integrityOk).toBe(true);
    expect(made.copy.error).toMatch(/^Пароль шифрования копий хранится в защищённом хранилище настольной программы и здесь недоступен/);
    const status = backupStatus(t.dataDir, t.runtime.dbConfig, t.clock.now());
    expect(status.warnings.map((w) => w.text)).toContain(
      'Пароль шифрования копий не удалось прочитать из защищённого хранилища этого компьютера. Задайте пароль заново в настройках.',
    );
  });
});
