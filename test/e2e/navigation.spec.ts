import { test, expect, shot, login, navItems, ADMIN } from './fixtures';

test('the administrator sees the sections of the role; each opens its screen, none fails', async ({ page, host }) => {
  await host.setUpSchool();
  const failures: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().includes('screen failed')) failures.push(m.text());
  });
  await page.goto(host.url);
  await login(page, ADMIN.login, ADMIN.password);
  await expect(page.getByTestId('current-user')).toBeVisible();

  const sections = ['Журнал', 'Отчёты', 'Объявления', 'Почта', 'Школа', 'Пользователи', 'Архив', 'Закрытие года', 'Резервные копии', 'Настройки'];
  expect(await navItems(page)).toEqual(sections);
  // A fresh school, no year yet: every screen still opens and says what to do, never a blank page or the error screen.
  for (const title of sections) {
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await expect(page.getByText('Не удалось показать экран')).toHaveCount(0);
  }
  expect(failures).toEqual([]);

  await page.getByRole('link', { name: 'Журнал' }).click();
  await shot(page, '06-journal-empty-school');

  await page.getByRole('link', { name: 'Резервные копии' }).click();
  await expect(page).toHaveURL(/#\/backups$/);
  await expect(page.getByText('Копий пока нет. Нажмите «Создать копию».')).toBeVisible();

  // A section of another role is not reachable by typing its address.
  await page.goto(`${host.url}#/lessons`);
  await expect(page).toHaveURL(/#\/journal$/);

  await page.getByRole('link', { name: 'Настройки' }).click();
  await expect(page.getByRole('heading', { name: 'Настройки', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Краткое наименование')).toHaveValue('СОШ № 1');
  await shot(page, '07-settings');
  // A setting with a closed list of values is a choice in Russian words, not a code.
  await expect(page.getByTestId('setting-contingent.consentPolicy')).toContainText('Данные вносятся, родители получают сведения на бумаге');

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
  await page.getByRole('link', { name: 'Школа' }).click();
  await expect(page.getByRole('heading', { name: 'Школа', level: 1 })).toBeVisible();
  await shot(page, '09-dark-theme');
});
