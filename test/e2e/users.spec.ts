import { test, expect, shot, login, navItems, bridge, ADMIN } from './fixtures';

test('the administrator creates a teacher, who changes the temporary password and sees the teacher’s sections', async ({
  page,
  host,
}) => {
  await host.setUpSchool();
  await page.goto(host.url);
  await login(page, ADMIN.login, ADMIN.password);
  await expect(page.getByTestId('current-user')).toBeVisible();
  // The teacher is on the staff list (section «Школа»), still without an account.
  const saved = await bridge(page, 'school.saveStaff', { lastName: 'Иванова', firstName: 'Анна', middleName: 'Петровна', position: 'Учитель математики' });
  expect(saved.error).toBeUndefined();
  await page.getByRole('link', { name: 'Пользователи' }).click();
  await expect(page.getByTestId('user-admin')).toContainText('Соколова Ирина Петровна');
  await shot(page, '11-users');

  await page.getByRole('button', { name: 'Создать учётную запись' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Логин').fill('admin');
  await expect(page.getByLabel('Учитель')).toBeChecked();
  // A teacher's account without the teacher would have no journal pages: the dialog asks for the staff member.
  await page.getByRole('button', { name: 'Создать', exact: true }).click();
  await expect(dialog.getByText('Выберите сотрудника: без этого у учителя не будет страниц журнала')).toBeVisible();
  await dialog.getByLabel('Сотрудник').click();
  await page.getByRole('option', { name: 'Иванова Анна Петровна — Учитель математики' }).click();
  await shot(page, '12-create-user');
  await page.getByRole('button', { name: 'Создать', exact: true }).click();
  await expect(page.getByText('Логин уже занят')).toBeVisible();

  await dialog.getByLabel('Логин').fill('ivanova.ap');
  await page.getByRole('button', { name: 'Создать', exact: true }).click();
  const passwordBox = page.getByTestId('temporary-password');
  await expect(passwordBox).toHaveText(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  const temporary = (await passwordBox.innerText()).trim();
  await shot(page, '13-temporary-password');
  await page.getByRole('button', { name: 'Пароль передан, закрыть' }).click();
  await expect(page.getByTestId('user-ivanova.ap')).toContainText('Ждёт смены пароля');
  await expect(page.getByTestId('user-ivanova.ap')).toContainText('Учитель');
  await expect(page.getByTestId('user-ivanova.ap')).toContainText('Иванова Анна Петровна');

  await page.getByRole('button', { name: 'Выйти' }).click();
  await login(page, 'ivanova.ap', temporary);
  await expect(page.getByRole('heading', { name: 'Смена временного пароля' })).toBeVisible();
  await page.getByLabel('Временный пароль').fill(temporary);
  await page.getByLabel('Новый пароль', { exact: true }).fill('короткий');
  await page.getByRole('button', { name: 'Сохранить и продолжить' }).click();
  await expect(page.getByText('Пароль должен быть не короче 8 символов').or(page.getByText('Пароль должен содержать буквы и цифры'))).toBeVisible();
  await shot(page, '14-change-password');

  await page.getByLabel('Новый пароль', { exact: true }).fill('Учитель-2026');
  await page.getByLabel('Новый пароль ещё раз').fill('Учитель-2026');
  await page.getByRole('button', { name: 'Сохранить и продолжить' }).click();

  await expect(page.getByTestId('current-user')).toContainText('Иванова Анна Петровна');
  await expect(page.getByTestId('current-user')).toContainText('Учитель');
  const items = await navItems(page);
  // She leads no class: the class teacher's week, diary and class are not hers to open.
  expect(items).toEqual(['Мои уроки', 'Журнал', 'Замечания', 'КТП', 'Отчёты', 'Объявления', 'Почта']);
  expect(items).not.toContain('Пользователи');
  await expect(page).toHaveURL(/#\/lessons$/);
  await shot(page, '15-teacher-home');

  // The administrator's screen is not reachable by address either.
  await page.goto(`${host.url}#/users`);
  await expect(page).toHaveURL(/#\/lessons$/);

  // The new password works, the temporary one no longer does.
  await page.getByRole('button', { name: 'Выйти' }).click();
  await login(page, 'ivanova.ap', temporary);
  await expect(page.getByRole('alert')).toHaveText('Неверный логин или пароль.');
  await login(page, 'ivanova.ap', 'Учитель-2026');
  await expect(page.getByRole('navigation', { name: 'Разделы' })).toBeVisible();
});
