import { test, expect, shot, login, ADMIN } from './fixtures';

/**
 * Issue 17, item 11: a staff list saved in KOI8-R is read right by itself; the
 * preview names the encoding it used, and the one the user picks instead is
 * used (the wrong one garbles the headings, and the screen says what to do).
 */
const STAFF = 'ФИО;Должность;Телефон\r\nСмирнова Татьяна Олеговна;Учитель математики;8 912 000-00-01\r\nКузнецов Андрей Петрович;Учитель русского языка;\r\n';

function koi8(text: string): Buffer {
  const decoder = new TextDecoder('koi8-r');
  const table = new Map<string, number>();
  for (let b = 0x80; b <= 0xff; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : table.get(ch)!)));
}

test('a KOI8-R list: the encoding found by itself, named in the preview, and another one chosen', async ({ page, host }) => {
  await host.setUpSchool();
  await page.goto(host.url);
  await login(page, ADMIN.login, ADMIN.password);
  await page.getByRole('link', { name: 'Школа' }).click();
  await page.getByRole('button', { name: 'Новый учебный год' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Начало').fill('01.09.2026');
  await dialog.getByLabel('Окончание').fill('31.05.2027');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('heading', { name: 'Учебный год 2026/2027' })).toBeVisible();
  await page.getByRole('tab', { name: 'Загрузка' }).click();
  await page.getByRole('button', { name: 'Сотрудники' }).click();
  await page.locator('input[type="file"]').setInputFiles({ name: 'сотрудники.csv', mimeType: 'text/csv', buffer: koi8(STAFF) });
  await expect(page.getByTestId('import-file')).toHaveText('сотрудники.csv · кодировка KOI8-R (определена по тексту файла)');
  await expect(page.getByTestId('import-summary')).toContainText('2 строки');
  await expect(page.getByTestId('import-encoding-hint')).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Строки файла' })).toContainText('Смирнова Татьяна Олеговна');
  await shot(page, 'import-encoding-found');

  await page.getByLabel('Кодировка текста (CSV)').click();
  await page.getByRole('option', { name: 'windows-1251' }).click();
  await expect(page.getByTestId('import-file')).toHaveText('сотрудники.csv · кодировка windows-1251 (выбрана вручную)');
  await expect(page.getByTestId('import-encoding-hint')).toContainText('выберите её в поле «Кодировка текста (CSV)»');
  await shot(page, 'import-encoding-chosen');

  await page.getByLabel('Кодировка текста (CSV)').click();
  await page.getByRole('option', { name: 'KOI8-R' }).click();
  await expect(page.getByTestId('import-file')).toHaveText('сотрудники.csv · кодировка KOI8-R (выбрана вручную)');
  await expect(page.getByTestId('import-encoding-hint')).toHaveCount(0);
});
