import { test, expect, shot, login, ADMIN, SCHOOL_NAME } from './fixtures';

test('the administrator logs in; a wrong password is refused in Russian', async ({ page, host }) => {
  await host.setUpSchool();
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Вход в журнал' })).toBeVisible();
  await expect(page.getByTestId('school-name')).toContainText(SCHOOL_NAME);

  await login(page, ADMIN.login, 'не-тот-пароль-1');
  await expect(page.getByRole('alert')).toHaveText('Неверный логин или пароль.');
  await expect(page.getByLabel('Пароль', { exact: true })).toHaveValue('');
  await shot(page, '05-login-wrong-password');

  await login(page, 'nobody', 'не-тот-пароль-1');
  await expect(page.getByRole('alert')).toHaveText('Неверный логин или пароль.');

  await login(page, 'ADMIN', ADMIN.password);
  await expect(page.getByTestId('current-user')).toContainText(ADMIN.name);
  await expect(page).toHaveURL(/#\/journal$/);

  // A reload keeps the session (the cookie), and the token never reaches the page.
  await page.reload();
  await expect(page.getByTestId('current-user')).toContainText(ADMIN.name);
  expect(await page.evaluate(() => document.cookie)).toBe('');

  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page.getByRole('heading', { name: 'Вход в журнал' })).toBeVisible();
});
