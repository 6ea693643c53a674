import { test, expect, shot, navItems, SCHOOL_NAME } from './fixtures';

test('the first run creates a school and lands in the app frame', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Добро пожаловать!' })).toBeVisible();
  await expect(page.getByText('Создать новую школу')).toBeVisible();
  await expect(page.getByText('Открыть демонстрационную школу')).toBeVisible();
  await shot(page, '01-first-run');

  await page.getByText('Открыть демонстрационную школу').click();
  await expect(page.getByText(/Демонстрационная школа хранится в отдельном файле/)).toBeVisible();
  await page.getByRole('button', { name: 'Открыть демонстрационную школу' }).click();
  await expect(page.getByText('Пароль должен быть не короче 8 символов')).toBeVisible();
  await shot(page, '02-demo-form');
  await page.getByRole('button', { name: 'Назад' }).click();

  await page.getByText('Создать новую школу').click();
  await page.getByRole('button', { name: 'Создать школу' }).click();
  // The page's own checks, next to the fields.
  await expect(page.getByText('Введите полное наименование школы')).toBeVisible();
  await expect(page.getByText('Введите фамилию')).toBeVisible();
  await expect(page.getByText(/Проверьте выделенные поля/)).toBeVisible();

  const fill = (name: string, value: string) => page.locator(`input[name="${name}"]`).fill(value);
  await fill('schoolName', SCHOOL_NAME);
  await fill('schoolShortName', 'СОШ № 1');
  await fill('city', 'Тверь');
  await fill('admin.lastName', 'Соколова');
  await fill('admin.firstName', 'Ирина');
  await fill('admin.middleName', 'Петровна');
  await fill('admin.position', 'Заместитель директора по информатизации');
  await fill('admin.login', 'admin');
  await fill('admin.password', 'admin2026x');
  await fill('confirm', 'admin2026x');
  await page.getByRole('button', { name: 'Создать школу' }).click();
  await expect(page.getByText('Пароль не должен содержать логин')).toBeVisible();
  await shot(page, '03-create-school-errors');

  // The core's own rule (the page does not check the length) comes back next to its field.
  await fill('schoolName', `${SCHOOL_NAME} ${'имени героя '.repeat(30)}`);
  await fill('admin.password', 'Пароль-2026');
  await fill('confirm', 'Пароль-2026');
  await page.getByRole('button', { name: 'Создать школу' }).click();
  await expect(page.locator('#root')).toContainText('Проверьте введённые данные');
  await expect(page.locator('input[name="schoolName"]')).toHaveAttribute('aria-invalid', 'true');
  await fill('schoolName', SCHOOL_NAME);

  await page.getByRole('button', { name: 'Создать школу' }).click();

  await expect(page.getByTestId('current-user')).toContainText('Соколова Ирина Петровна');
  await expect(page.getByTestId('current-user')).toContainText('Администратор');
  await expect(page.getByTestId('school-name')).toHaveText('СОШ № 1');
  expect(await navItems(page)).toContain('Пользователи');
  await shot(page, '04-app-frame-admin');
});
