import { test, expect, shot, login } from './fixtures';

test('the demonstration school: progress, then the login with the demo accounts’ hint', async ({ page, host }) => {
  test.setTimeout(300_000);
  await page.goto(host.url);
  await page.getByText('Открыть демонстрационную школу').click();
  await page.getByLabel('Пароль для демонстрационных учётных записей').fill('Демо-2026');
  await page.getByLabel('Пароль ещё раз').fill('Демо-2026');
  await page.getByRole('button', { name: 'Открыть демонстрационную школу' }).click();
  await expect(page.getByText('Создаём демонстрационную школу… это займёт до минуты.')).toBeVisible();
  await shot(page, '16-demo-progress');
  await expect(page.getByTestId('demo-hint')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('demo-hint')).toContainText('ivanova.ap');
  await shot(page, '17-demo-login');
  await login(page, 'admin', 'Демо-2026');
  await expect(page.getByTestId('current-user')).toContainText('Администратор');
  await expect(page.getByRole('banner').getByText('Демо', { exact: true })).toBeVisible();
  await shot(page, '18-demo-app');
});
