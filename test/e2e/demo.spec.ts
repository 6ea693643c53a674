import { test, expect, shot, login } from './fixtures';

test('the demonstration school: progress, then the login hint with real accounts by role, one of which logs in', async ({ page, host }) => {
  test.setTimeout(300_000);
  await page.goto(host.url);
  await page.getByText('Открыть демонстрационную школу').click();
  await page.getByLabel('Пароль для демонстрационных учётных записей').fill('Демо-2026');
  await page.getByLabel('Пароль ещё раз').fill('Демо-2026');
  await page.getByRole('button', { name: 'Открыть демонстрационную школу' }).click();
  await expect(page.getByText('Создаём демонстрационную школу… это займёт до минуты.')).toBeVisible();
  await shot(page, '16-demo-progress');
  await expect(page.getByTestId('demo-hint')).toBeVisible({ timeout: 240_000 });
  // The hint names real accounts by role; a click puts the login into the field, and it logs in.
  const hint = page.getByTestId('demo-hint');
  for (const role of [/^учитель, /, /^классный руководитель, 5А$/, /^заместитель директора$/, /^директор$/, /^администратор$/]) await expect(hint.locator('dt').getByText(role)).toBeVisible();
  await shot(page, '17-demo-login');
  const teacher = hint.locator('dd').first().getByRole('button');
  const teacherLogin = (await teacher.innerText()).trim();
  await teacher.click();
  await expect(page.getByLabel('Логин')).toHaveValue(teacherLogin);
  await page.getByLabel('Пароль', { exact: true }).fill('Демо-2026');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByTestId('current-user')).toContainText('Учитель');
  await page.getByRole('button', { name: 'Выйти' }).click();
  await login(page, 'admin', 'Демо-2026');
  await expect(page.getByTestId('current-user')).toContainText('Администратор');
  await expect(page.getByRole('banner').getByText('Демо', { exact: true })).toBeVisible();
  await shot(page, '18-demo-app');
});
