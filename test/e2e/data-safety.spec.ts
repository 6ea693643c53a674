import fs from 'node:fs';
import path from 'node:path';
import { test, expect, shot, login, ADMIN } from './fixtures';

/**
 * Issue 17: what an attacker and a failing disk found, as a user sees it.
 */

test('the backup settings say where the copies’ password is kept, and backup.json is owner-only', async ({ page, host }) => {
  await host.setUpSchool();
  await page.goto(host.url);
  await login(page, ADMIN.login, ADMIN.password);
  await page.getByRole('link', { name: 'Резервные копии' }).click();
  await page.getByRole('button', { name: 'Настройки' }).click();
  const dialog = page.getByRole('dialog', { name: 'Настройки резервного копирования' });
  await dialog.getByLabel('Второй носитель: папка на флешке или в сети').fill(host.dataDir);
  await dialog.getByLabel('Шифровать копии на втором носителе (AES-256)').check();
  await dialog.getByLabel('Пароль копий').fill('флешка-2026-секрет');
  // The browser host has no key store of the system: it says the file is the owner's only.
  await expect(dialog.getByTestId('password-storage')).toHaveText(/^Пароль хранится на этом компьютере в файле настроек, который может открыть только ваша учётная запись\./);
  await shot(page, 'data-safety-backup-password');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Настройки резервного копирования сохранены.')).toBeVisible();
  const file = path.join(host.dataDir, 'backup.json');
  if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
});
