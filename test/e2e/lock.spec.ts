import { test, expect, shot, login, ADMIN } from './fixtures';

test('Ctrl+L locks; the password unlocks to the same screen; «Сменить пользователя» clears it', async ({ page, host }) => {
  await host.setUpSchool();
  await page.goto(host.url);
  await login(page, ADMIN.login, ADMIN.password);
  await page.getByRole('link', { name: 'Пользователи' }).click();
  await expect(page.getByTestId('user-admin')).toBeVisible();

  await page.keyboard.press('Control+KeyL');
  await expect(page.getByText('Сеанс заблокирован')).toBeVisible();
  await expect(page.getByTestId('locked-user')).toHaveText(ADMIN.name);
  // Nothing of the work shows behind the lock.
  await expect(page.getByTestId('user-admin')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Разделы' })).toHaveCount(0);
  await shot(page, '10-lock-screen');

  // A reload does not get past the lock: the core keeps the session locked.
  await page.reload();
  await expect(page.getByTestId('locked-user')).toHaveText(ADMIN.name);

  await page.getByLabel('Пароль', { exact: true }).fill('неверный-1');
  await page.getByRole('button', { name: 'Разблокировать' }).click();
  await expect(page.getByRole('alert')).toHaveText('Неверный логин или пароль.');

  await page.getByLabel('Пароль', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Разблокировать' }).click();
  await expect(page).toHaveURL(/#\/users$/);
  await expect(page.getByTestId('user-admin')).toBeVisible();

  // The header's button locks too.
  await page.getByRole('button', { name: 'Заблокировать' }).click();
  await expect(page.getByTestId('locked-user')).toBeVisible();
  await page.getByRole('button', { name: 'Сменить пользователя' }).click();
  await expect(page.getByRole('heading', { name: 'Вход в журнал' })).toBeVisible();
  await expect(page.getByText(ADMIN.name)).toHaveCount(0);
  await expect(page).not.toHaveURL(/users/);

  // The next person starts from their own home, not where the previous one was.
  await login(page, ADMIN.login, ADMIN.password);
  await expect(page).toHaveURL(/#\/journal$/);
});

test('the session locks itself after the idle time without input', async ({ page, host }) => {
  await host.setUpSchool();
  await page.clock.install();
  await page.goto(host.url);
  await login(page, ADMIN.login, ADMIN.password);
  await page.getByRole('link', { name: 'Пользователи' }).click();
  await expect(page.getByTestId('user-admin')).toBeVisible();

  await page.clock.fastForward('09:00'); // the default is 10 minutes
  await expect(page.getByTestId('user-admin')).toBeVisible();
  await page.clock.fastForward('01:30');
  await expect(page.getByTestId('locked-user')).toHaveText(ADMIN.name);
  await expect(page.getByTestId('user-admin')).toHaveCount(0);

  // The core locked the session as well: a reload shows the lock screen again.
  await page.reload();
  await expect(page.getByTestId('locked-user')).toHaveText(ADMIN.name);
});
