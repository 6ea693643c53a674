import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { test, expect, shot, login, startHost, generateDemo, ADMIN, SCHOOL_NAME } from './fixtures';
import { canMount, fillDisk, mountTmpfs, MOUNT_SKIP_REASON } from '../support/mounts';

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

/** A school set up through the API and a verified backup made on the backups screen; then a user added after it. */
async function schoolWithBackup(page: Page): Promise<{ dataDir: string; stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-e2e-damaged-'));
  const { url, stop } = await startHost(dataDir);
  await fetch(new URL('/api/call', url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      method: 'setup.createSchool',
      params: {
        schoolName: SCHOOL_NAME,
        schoolShortName: 'СОШ № 1',
        city: 'Тверь',
        admin: { lastName: 'Соколова', firstName: 'Ирина', middleName: 'Петровна', login: ADMIN.login, password: ADMIN.password },
      },
    }),
  });
  await page.goto(url);
  await login(page, ADMIN.login, ADMIN.password);
  await page.getByRole('link', { name: 'Резервные копии' }).click();
  await page.getByRole('button', { name: 'Создать копию' }).click();
  await expect(page.getByText('Резервная копия создана и проверена')).toBeVisible({ timeout: 60_000 });
  await stop();
  return { dataDir, stop };
}

async function recoverInBrowser(page: Page, dataDir: string, screenshot: string): Promise<void> {
  const { url, stop } = await startHost(dataDir);
  try {
    await page.goto(url);
    const screen = page.getByTestId('recovery-screen');
    await expect(screen.getByRole('heading', { name: 'База данных журнала повреждена' })).toBeVisible();
    // What would be lost: everything after the backup's time (the host's clock: 23.11.2026, 09:30 in Moscow).
    await expect(screen).toContainText('Последняя проверенная резервная копия сделана 23.11.2026 09:30.');
    await expect(screen).toContainText('всё, что было внесено в журнал после этого времени, придётся внести заново');
    await expect(screen).not.toContainText('file is not a database');
    await shot(page, screenshot);
    await screen.getByRole('button', { name: 'Восстановить копию от 23.11.2026 09:30' }).click();
    await expect(page.getByText(/^База данных восстановлена из резервной копии от 23\.11\.2026 09:30\./)).toBeVisible();
    await shot(page, `${screenshot}-restored`);
    await login(page, ADMIN.login, ADMIN.password);
    await expect(page.getByText(ADMIN.name)).toBeVisible();
    // The damaged file is kept beside the restored one.
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('school.sqlite.damaged-')).length).toBeGreaterThan(0);
  } finally {
    await stop();
  }
}

test('a truncated database: the recovery screen, then the latest verified backup restored', async ({ page }) => {
  test.setTimeout(240_000);
  const { dataDir } = await schoolWithBackup(page);
  const file = path.join(dataDir, 'school.sqlite');
  fs.truncateSync(file, Math.floor(fs.statSync(file).size / 3));
  await recoverInBrowser(page, dataDir, 'data-safety-damaged-truncated');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a database with a flipped header: the recovery screen, then the latest verified backup restored', async ({ page }) => {
  test.setTimeout(240_000);
  const { dataDir } = await schoolWithBackup(page);
  const fd = fs.openSync(path.join(dataDir, 'school.sqlite'), 'r+');
  fs.writeSync(fd, Buffer.from([0x53 ^ 0x01]), 0, 1, 0);
  fs.closeSync(fd);
  await recoverInBrowser(page, dataDir, 'data-safety-damaged-header');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a full disk: the journal cell keeps the typed mark and says why; it is saved once there is room', async ({ page }) => {
  test.skip(!canMount, MOUNT_SKIP_REASON);
  test.setTimeout(300_000);
  const demo = generateDemo('full-disk');
  const mount = mountTmpfs(Math.ceil(fs.statSync(demo.file).size / 1048576) + 48);
  try {
    const file = path.join(mount.dir, 'school.sqlite');
    fs.copyFileSync(demo.file, file);
    const source = new Database(file, { readonly: true });
    // A lesson of today in a class that gets marks (from the 2nd grade on).
    const { teacher, link } = source
      .prepare(`SELECT u.login AS teacher, c.name || ' — ' || s.name AS link FROM lessons l
                  JOIN users u ON u.staffId = l.staffId AND u.deletedAt IS NULL
                  JOIN school_classes c ON c.id = l.classId
                  JOIN subjects s ON s.id = l.subjectId
                 WHERE l.date = '2026-11-23' AND l.groupId IS NULL AND l.deletedAt IS NULL AND c.gradeLevel BETWEEN 5 AND 9
                 ORDER BY c.gradeLevel, l.lessonNo LIMIT 1`)
      .get() as { teacher: string; link: string };
    source.close();
    const { url, stop } = await startHost(mount.dir, '2026-11-23T07:00:00.000Z');
    try {
      await page.goto(url);
      await login(page, teacher, ADMIN.password);
      await page.getByTestId('my-lesson-link').filter({ hasText: link }).first().click();
      const grid = page.getByTestId('journal-grid');
      await expect(grid).toBeFocused();
      const col = Number(await grid.locator('.jc.active').getAttribute('data-col'));
      const cell = (row: number) => grid.locator(`[data-row="${row}"][data-col="${col}"]`);
      await page.keyboard.type('5');
      await page.keyboard.press('Enter');
      await expect(cell(0)).toHaveText('5');
      await expect(grid.locator('[data-status="saving"], [data-status="failed"]')).toHaveCount(0);

      // The log emptied, then the disk filled: the next save finds no room.
      const db = new Database(file);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      const filler = fillDisk(mount.dir);
      await page.keyboard.type('4');
      await page.keyboard.press('Enter');
      await expect(cell(1)).toHaveAttribute('data-status', 'failed');
      await expect(cell(1).locator('.typed')).toHaveText('4');
      await page.keyboard.press('ArrowUp');
      await expect(page.getByTestId('cell-error')).toContainText('На диске нет места: изменения не сохранены (выставление отметок).');
      await shot(page, 'data-safety-disk-full');

      fs.rmSync(filler);
      await page.keyboard.type('4');
      await page.keyboard.press('Enter');
      await expect(cell(1)).toHaveText('4');
      await expect(grid.locator('[data-status="saving"], [data-status="failed"]')).toHaveCount(0);
    } finally {
      await stop();
    }
  } finally {
    mount.unmount();
    demo.remove();
  }
});
