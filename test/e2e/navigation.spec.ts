import { test, expect, shot, login, navItems, ADMIN } from './fixtures';

test('the administrator sees the sections of the role; unbuilt ones say what they will hold', async ({ page, host }) => {
  await host.setUpSchool();
  await page.goto(host.url);
  await login(page, ADMIN.login, ADMIN.password);
  await expect(page.getByTestId('current-user')).toBeVisible();

  expect(await navItems(page)).toEqual(['Журнал', 'Отчёты', 'Школа', 'Пользователи', 'Архив', 'Резервные копии', 'Настройки']);

  await expect(page.getByRole('heading', { name: 'Журнал', level: 1 })).toBeVisible();
  await expect(page.getByText('Раздел готовится')).toBeVisible();
  await shot(page, '06-section-placeholder');

  await page.getByRole('link', { name: 'Резервные копии' }).click();
  await expect(page).toHaveURL(/#\/backups$/);
  await expect(page.getByText(/восстановление с возможностью отмены/)).toBeVisible();

  // A section of another role is not reachable by typing its address.
  await page.goto(`${host.url}#/lessons`);
  await expect(page).toHaveURL(/#\/journal$/);

  await page.getByRole('link', { name: 'Настройки' }).click();
  await expect(page.getByRole('heading', { name: 'Настройки', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Краткое наименование')).toHaveValue('СОШ № 1');
  await shot(page, '07-settings');

  await page.getByLabel('Краткое наименование').fill('Школа № 1 г. Твери');
  await page.getByTestId('setting-school.shortName').getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Сохранено: «Краткое наименование».')).toBeVisible();
  await expect(page.getByTestId('school-name')).toHaveText('Школа № 1 г. Твери');

  await page.getByLabel('Блокировка сеанса после бездействия, мин').fill('0');
  await page.getByTestId('setting-session.idleLockMinutes').getByRole('button', { name: 'Сохранить' }).click();
  const idleRow = page.getByTestId('setting-session.idleLockMinutes');
  await expect(idleRow.getByText('Значение должно быть не меньше 1')).toBeVisible();
  await page.getByRole('button', { name: 'Закрыть' }).click().catch(() => undefined);
  await idleRow.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(page, '08-settings-error');

  await page.getByRole('button', { name: 'Тёмная тема' }).click();
  await expect(page.getByRole('button', { name: 'Светлая тема' })).toBeVisible();
  await page.getByRole('link', { name: 'Журнал' }).click();
  await expect(page.getByText('Раздел готовится')).toBeVisible();
  await shot(page, '09-dark-theme');
});
