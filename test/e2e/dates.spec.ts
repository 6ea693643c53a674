/**
 * Issue 16, items 1 and 7: one Russian date field everywhere. A form whose
 * date field shows a text that is no date refuses to save (the absence used
 * to be registered for the default day); the short forms a Russian user
 * types are read; and every date field shows ДД.ММ.ГГГГ even in a browser
 * whose language is English (a browser date input would show 11/23/2026).
 */
import Database from 'better-sqlite3';
import { test as base, expect, type Page } from '@playwright/test';
import { shot, login, generateDemo, hostOnCopy, bridge } from './fixtures';

const PASSWORD = 'Пароль-2026';
const NOW = '2026-11-23T07:00:00.000Z';

const test = base.extend<{ school: { url: string } }, { demo: { file: string; classTeacher: string } }>({
  demo: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
    async ({}, use) => {
      const { file, remove } = generateDemo('dates');
      const db = new Database(file, { readonly: true });
      const { login: classTeacher } = db
        .prepare('SELECT u.login FROM school_classes c JOIN users u ON u.staffId = c.classTeacherId WHERE c.gradeLevel BETWEEN 5 AND 9 ORDER BY c.gradeLevel, c.letter LIMIT 1')
        .get() as { login: string };
      db.close();
      await use({ file, classTeacher });
      remove();
    },
    { scope: 'worker', timeout: 300_000 },
  ],
  school: async ({ demo }, use) => {
    const host = await hostOnCopy(demo.file, NOW);
    await use({ url: host.url });
    await host.close();
  },
});

async function section(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name }).click();
}

async function absenceDialog(page: Page) {
  await page.getByRole('button', { name: 'Отсутствие учителя' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Учитель').fill('Соболева');
  await page.getByRole('option', { name: /Соболева/ }).first().click();
  return dialog;
}

test('an absence with a date field that is no date is not saved; «10.12.26» and «11.12.26» are read as those days', async ({ page, school }) => {
  test.setTimeout(180_000);
  await page.goto(school.url);
  await login(page, 'zavuch', PASSWORD);
  await section(page, 'Замены');
  await expect(page.getByTestId('day-date')).toHaveValue('23.11.2026');

  // «32.12.2026» is no date: the field says so, «Сохранить» refuses, nothing is registered.
  let dialog = await absenceDialog(page);
  await dialog.getByLabel('С', { exact: true }).fill('32.12.2026');
  await dialog.getByLabel('По', { exact: true }).fill('11.12.26');
  await dialog.getByLabel('По', { exact: true }).blur();
  await expect(dialog.getByText('Введите дату в виде ДД.ММ.ГГГГ, например 10.12.2026')).toBeVisible();
  await shot(page, 'dates-01-absence-refused');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Проверьте поля, отмеченные красным.');
  await expect(dialog.getByText('Отсутствие зарегистрировано')).toHaveCount(0);
  const none = await bridge(page, 'substitutions.absences', { from: '2026-11-01', to: '2026-12-31' });
  expect(none.ok ? none.value : none.error).toEqual([]);
  await dialog.getByRole('button', { name: 'Отмена' }).click();

  // The short forms: registered for 10–11 December, as typed, and written out in full once the field is left.
  dialog = await absenceDialog(page);
  await dialog.getByLabel('С', { exact: true }).fill('10.12.26');
  await dialog.getByLabel('По', { exact: true }).fill('11.12');
  await dialog.getByLabel('По', { exact: true }).blur();
  await expect(dialog.getByLabel('С', { exact: true })).toHaveValue('10.12.2026');
  await expect(dialog.getByLabel('По', { exact: true })).toHaveValue('11.12.2026');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog.getByText('Отсутствие зарегистрировано')).toBeVisible();
  const saved = await bridge(page, 'substitutions.absences', { from: '2026-11-01', to: '2026-12-31' });
  expect(saved.ok).toBe(true);
  expect((saved.value as { fromDate: string; toDate: string }[]).map((a) => [a.fromDate, a.toDate])).toEqual([['2026-12-10', '2026-12-11']]);
});

test.describe('in a browser whose language is English', () => {
  test.use({ locale: 'en-US' });

  test('the date fields of the reason dialog, the extracts and the check read ДД.ММ.ГГГГ', async ({ page, school, demo }) => {
    test.setTimeout(180_000);
    await page.goto(school.url);
    await login(page, demo.classTeacher, PASSWORD);

    // The class teacher's attendance week: the reason dialog of a day.
    await section(page, 'Посещаемость');
    const week = page.getByRole('grid').or(page.locator('[aria-label^="Посещаемость "]')).first();
    await week.focus();
    await page.keyboard.press('Enter');
    const reason = page.getByRole('dialog');
    await expect(reason.getByLabel('С', { exact: true })).toHaveValue('23.11.2026');
    await expect(reason.getByLabel('По', { exact: true })).toHaveValue('23.11.2026');
    await shot(page, 'dates-02-reason-en');
    await reason.getByRole('button', { name: 'Отмена' }).click();

    // The parents' extracts.
    await section(page, 'Отчёты');
    await page.getByRole('tab', { name: 'Выписки' }).click();
    await expect(page.getByLabel('День недели')).toHaveValue(/^\d\d\.\d\d\.2026$/);
    await shot(page, 'dates-03-extracts-en');
    await page.getByRole('button', { name: 'Выйти' }).click();

    // The deputy's check by dates.
    await login(page, 'zavuch', PASSWORD);
    await section(page, 'Контроль');
    await page.getByRole('button', { name: 'Даты' }).click();
    await expect(page.getByLabel('С', { exact: true })).toHaveValue('01.11.2026');
    await expect(page.getByLabel('По', { exact: true })).toHaveValue('23.11.2026');
    await shot(page, 'dates-04-check-en');
  });
});
