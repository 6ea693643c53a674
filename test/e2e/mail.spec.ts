/**
 * Staff mail, the announcement board and the parents' e-mail (issue 19), on
 * the generated demo school with the clock at Monday 23.11.2026 in Moscow.
 * The demo is generated once for the file; every test gets its own copy and
 * its own browser host.
 */
import Database from 'better-sqlite3';
import { test as base, expect } from '@playwright/test';
import { shot, login, bridge, generateDemo, hostOnCopy } from './fixtures';

const PASSWORD = 'Пароль-2026';
const NOW = '2026-11-23T07:00:00.000Z';

interface Cast {
  /** The class teacher of a 7th class, and the class. */
  classTeacher: { login: string; name: string; className: string; classId: string };
  /** Another teacher who teaches in that class. */
  colleague: { login: string; name: string };
  /** A lesson of today (23.11) of a whole class, its teacher and another teacher free to substitute at that time. */
  today: { lessonId: string; login: string; substituteLogin: string; substituteStaffId: string };
}

const test = base.extend<{ url: string }, { demo: { file: string; cast: Cast } }>({
  demo: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
    async ({}, use) => {
      const { file, remove } = generateDemo('mail');
      const db = new Database(file, { readonly: true });
      const classTeacher = db
        .prepare(
          `SELECT u.login, s.lastName || ' ' || s.firstName || COALESCE(' ' || s.middleName, '') AS name, c.name AS className, c.id AS classId
             FROM users u JOIN school_classes c ON c.classTeacherId = u.staffId JOIN staff s ON s.id = u.staffId
            WHERE c.gradeLevel = 7 ORDER BY c.letter LIMIT 1`,
        )
        .get() as Cast['classTeacher'];
      const colleague = db
        .prepare(
          `SELECT u.login, s.lastName || ' ' || s.firstName || COALESCE(' ' || s.middleName, '') AS name
             FROM teaching_assignments t JOIN users u ON u.staffId = t.staffId JOIN staff s ON s.id = t.staffId
            WHERE t.classId = ? AND u.login <> ? AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.userId = u.id AND r.role <> 'teacher')
            ORDER BY u.login LIMIT 1`,
        )
        .get(classTeacher.classId, classTeacher.login) as Cast['colleague'];
      const today = db
        .prepare(
          `SELECT l.id AS lessonId, u.login, v.login AS substituteLogin, v.staffId AS substituteStaffId
             FROM lessons l JOIN users u ON u.staffId = l.staffId JOIN school_classes c ON c.id = l.classId
             JOIN users v ON v.staffId IS NOT NULL AND v.staffId <> l.staffId
              AND EXISTS (SELECT 1 FROM user_roles r WHERE r.userId = v.id AND r.role = 'teacher')
              AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.userId = v.id AND r.role <> 'teacher')
              AND NOT EXISTS (SELECT 1 FROM lessons x WHERE x.staffId = v.staffId AND x.date = l.date AND x.lessonNo = l.lessonNo AND x.deletedAt IS NULL)
            WHERE l.date = '2026-11-23' AND l.groupId IS NULL AND l.deletedAt IS NULL AND l.substituteStaffId IS NULL AND c.gradeLevel BETWEEN 5 AND 9
            ORDER BY c.gradeLevel, l.lessonNo, v.login LIMIT 1`,
        )
        .get() as Cast['today'];
      db.close();
      await use({ file, cast: { classTeacher, colleague, today } });
      remove();
    },
    { scope: 'worker', timeout: 300_000 },
  ],
  url: async ({ demo }, use) => {
    const host = await hostOnCopy(demo.file, NOW);
    await use(host.url);
    await host.close();
  },
});

test.describe.configure({ mode: 'default' });

test('the class teacher writes to her class’s teachers; a colleague sees the unread count, reads and answers', async ({ page, url, demo }) => {
  const { classTeacher, colleague } = demo.cast;
  await page.goto(url);
  await login(page, classTeacher.login, PASSWORD);
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Почта' }).click();
  await page.getByRole('button', { name: 'Написать' }).click();
  const dialog = page.getByRole('dialog', { name: 'Новое сообщение' });
  await dialog.getByRole('button', { name: 'Учителям класса' }).click();
  await dialog.getByLabel('Класс').click();
  await page.getByRole('option', { name: classTeacher.className, exact: true }).click();
  await dialog.getByLabel('Тема').fill(`Родительское собрание ${classTeacher.className}`);
  await dialog.getByLabel('Сообщение').fill('Коллеги, родительское собрание в среду, 25.11, в 18:00 в кабинете 21. Прошу подготовить сведения об успеваемости по вашим предметам.');
  await dialog.getByRole('button', { name: 'Отправить' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: `Родительское собрание ${classTeacher.className}` })).toBeVisible();
  await expect(page.getByText(`Учителя ${classTeacher.className} класса · `)).toHaveAttribute('title', new RegExp(colleague.name));
  await page.getByRole('button', { name: 'Выйти' }).click();

  await login(page, colleague.login, PASSWORD);
  const mail = page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Почта' });
  await expect(mail.getByTestId('mail-badge')).toContainText('1');
  await mail.click();
  const thread = page.getByRole('list', { name: 'Переписки' }).getByRole('button', { name: new RegExp(`Родительское собрание ${classTeacher.className}`) });
  await expect(thread).toHaveAttribute('data-unread', 'yes');
  await shot(page, 'mail-inbox');
  await thread.click();
  await expect(page.getByRole('listitem').filter({ hasText: 'кабинете 21' })).toContainText(classTeacher.name);
  await expect(mail.getByTestId('mail-badge')).toHaveCount(0);
  await page.getByLabel('Ответ').fill('Сведения по моему предмету подготовлю к вторнику.');
  await page.getByRole('button', { name: 'Ответить' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'подготовлю к вторнику' })).toContainText('Вы');
  await shot(page, 'mail-thread');
});

test('the deputy sends a report to a colleague from «Отчёты»; the colleague gets its PDF in the thread', async ({ page, url, demo }) => {
  const { classTeacher } = demo.cast;
  await page.goto(url);
  await login(page, 'zavuch', PASSWORD);
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Отчёты' }).click();
  await page.getByRole('button', { name: 'Отправить коллеге…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Отправить отчёт коллеге' });
  await dialog.getByRole('combobox', { name: 'Кому' }).fill(classTeacher.name.split(' ')[0]);
  await page.getByRole('option', { name: new RegExp(classTeacher.name) }).click();
  await dialog.getByLabel('Сообщение').fill('Посмотрите, пожалуйста, перед педсоветом.');
  await shot(page, 'mail-send-report');
  await dialog.getByRole('button', { name: 'Отправить' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Выйти' }).click();

  await login(page, classTeacher.login, PASSWORD);
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Почта' }).click();
  await page.getByRole('list', { name: 'Переписки' }).getByRole('button').first().click();
  const file = page.getByRole('listitem').getByRole('button', { name: /\.pdf · \d+ КБ/ });
  const download = page.waitForEvent('download');
  await file.click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
});

test('the deputy announces the day’s changes from «Замены на дату» in one click; a teacher finds them on her start screen and prints the sheet', async ({ page, url, demo }) => {
  const { today } = demo.cast;
  await page.goto(url);
  await login(page, 'zavuch', PASSWORD);
  await expect(page.getByTestId('current-user')).toBeVisible();
  // The deputy has given the lesson to a substitute (the «Замены» screen's own work, tested in substitutions.spec).
  const applied = await bridge(page, 'substitutions.apply', { lessonId: today.lessonId, kind: 'substitute', substituteStaffId: today.substituteStaffId, confirm: true });
  expect(applied.error?.message).toBeUndefined();
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Замены' }).click();
  await page.getByRole('tab', { name: 'Замены на дату' }).click();
  await page.getByRole('button', { name: 'Объявить на доске' }).click();
  await expect(page.getByText('Изменения на 23.11.2026 объявлены на доске')).toBeVisible();
  await shot(page, 'board-announce-changes');
  await page.getByRole('button', { name: 'Выйти' }).click();

  await login(page, today.substituteLogin, PASSWORD);
  await expect(page).toHaveURL(/#\/lessons$/);
  const strip = page.getByRole('region', { name: 'Объявления на сегодня' });
  const card = strip.getByRole('article', { name: 'Изменения в расписании на 23.11.2026 (понедельник)' });
  await expect(card).toBeVisible();
  await expect(card).toContainText('Замена:');
  await expect(card.getByRole('img', { name: 'Закреплено' })).toBeVisible();
  await shot(page, 'board-teacher-start');
  const popup = page.waitForEvent('popup');
  await card.getByRole('button', { name: 'Печать' }).click();
  await (await popup).close();

  // The board itself: today's announcements, and the year's.
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Объявления' }).click();
  await expect(page.getByRole('main').getByRole('article', { name: 'Изменения в расписании на 23.11.2026 (понедельник)' })).toBeVisible();
});
