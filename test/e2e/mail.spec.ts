/**
 * Staff mail, the announcement board and the parents' e-mail (issue 19), on
 * the generated demo school with the clock at Monday 23.11.2026 in Moscow.
 * The demo is generated once for the file; every test gets its own copy and
 * its own browser host.
 */
import Database from 'better-sqlite3';
import { test as base, expect } from '@playwright/test';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';
import { shot, login, bridge, generateDemo, hostOnCopy } from './fixtures';

const PASSWORD = 'Пароль-2026';
const NOW = '2026-11-23T07:00:00.000Z';

interface Cast {
  /** The class teacher of a 7th class, and the class. */
  classTeacher: { login: string; name: string; className: string; classId: string };
  /** Another teacher who teaches in that class. */
  colleague: { login: string; name: string };
  /** Three students of the class teacher's class whose primary guardians have an address and whose consent is given. */
  parents: { studentName: string; address: string }[];
  /** The demo's administrator. */
  admin: string;
  /** A lesson of today (23.11) of a whole class, its teacher and another teacher free to substitute at that time. */
  today: { lessonId: string; login: string; substituteLogin: string; substituteStaffId: string };
}

const test = base.extend<{ url: string }, { smtp: TestSmtpServer; demo: { file: string; cast: Cast } }>({
  smtp: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
    async ({}, use) => {
      const server = await startSmtpServer({ security: 'none' });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  demo: [
    async ({ smtp }, use) => {
      const { file, remove } = generateDemo('mail');
      const db = new Database(file);
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
      const students = db
        .prepare(
          `SELECT s.id, s.lastName || ' ' || s.firstName AS studentName, g.id AS guardianId
             FROM class_memberships m JOIN students s ON s.id = m.studentId
             JOIN student_guardians sg ON sg.studentId = s.id AND sg.isPrimary = 1 AND sg.deletedAt IS NULL
             JOIN guardians g ON g.id = sg.guardianId
            WHERE m.classId = ? AND m.deletedAt IS NULL AND m.toDate IS NULL
              AND (SELECT c.status FROM data_consents c WHERE c.studentId = s.id AND c.deletedAt IS NULL ORDER BY c.date DESC, c.createdAt DESC LIMIT 1) = 'given'
            ORDER BY s.lastName, s.firstName LIMIT 3`,
        )
        .all(classTeacher.classId) as { id: string; studentName: string; guardianId: string }[];
      // The demo's families have no e-mail; three of them get one, and the school its mail server (plain SMTP on loopback).
      const parents = students.map((st, i) => ({ studentName: st.studentName, address: `parent${i + 1}@family.example`, guardianId: st.guardianId }));
      for (const p of parents) db.prepare('UPDATE guardians SET email = ? WHERE id = ?').run(p.address, p.guardianId);
      const admin = (db.prepare(`SELECT u.login FROM users u JOIN user_roles r ON r.userId = u.id AND r.role = 'admin' ORDER BY u.login LIMIT 1`).get() as { login: string }).login;
      const now = new Date().toISOString();
      for (const [key, value] of Object.entries({ 'mail.host': '127.0.0.1', 'mail.port': smtp.port, 'mail.security': 'none', 'mail.fromName': 'МБОУ СОШ № 17', 'mail.fromAddress': 'journal@school17.example' })) {
        db.prepare('INSERT INTO settings (key, value, updatedAt) VALUES (?, ?, ?)').run(key, JSON.stringify(value), now);
      }
      db.close();
      await use({ file, cast: { classTeacher, colleague, today, admin, parents: parents.map(({ studentName, address }) => ({ studentName, address })) } });
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

test('the class teacher sends three parents their extract for the week and sees each letter’s state', async ({ page, url, demo, smtp }) => {
  const { classTeacher, parents } = demo.cast;
  await page.goto(url);
  await login(page, classTeacher.login, PASSWORD);
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Отчёты' }).click();
  await page.getByRole('tab', { name: 'Выписки для родителей' }).click();
  await page.getByRole('button', { name: 'Отправить родителям по почте…' }).click();
  const dialog = page.getByRole('dialog', { name: `Письма родителям ${classTeacher.className} класса` });
  await dialog.getByRole('button', { name: 'Показать письма' }).click();
  const letters = dialog.getByRole('table', { name: 'Письма' });
  await expect(letters.locator('tr[data-allowed="yes"]')).toHaveCount(3);
  for (const p of parents) await expect(letters.locator('tr[data-allowed="yes"]').filter({ hasText: p.address })).toHaveCount(1);
  await expect(letters.locator('tr[data-allowed="no"]').first()).toContainText('Не отправляется:');
  await letters.locator('tr[data-allowed="yes"]').first().getByRole('button', { name: /^Выписка из электронного журнала:/ }).click();
  await expect(dialog.getByRole('alert')).toContainText('Здравствуйте');
  await shot(page, 'parents-mail-preview');
  await dialog.getByRole('button', { name: 'Отправить (3)' }).click();
  const states = dialog.getByRole('table', { name: 'Состояние писем' });
  await expect(states.locator('tr[data-status="sent"]')).toHaveCount(3, { timeout: 30_000 });
  await shot(page, 'parents-mail-statuses');
  await dialog.getByRole('button', { name: 'Закрыть' }).click();
  await expect(page.getByRole('table', { name: 'Рассылки родителям' })).toContainText('3 из 3');

  // What the server received: one letter to each of the three, with that child's extract.
  const mine = smtp.received.filter((r) => parents.some((p) => r.envelopeTo[0] === p.address));
  expect(mine).toHaveLength(3);
  for (const p of parents) {
    const letter = mine.find((r) => r.envelopeTo[0] === p.address)!;
    expect(letter.parsed.subject).toContain(p.studentName);
    expect(letter.parsed.attachments.map((a) => a.filename)).toEqual([expect.stringContaining(p.studentName)]);
  }
});

test('the administrator sees the mail server in Settings → «Почта» and sends a test message', async ({ page, url, demo, smtp }) => {
  await page.goto(url);
  await login(page, demo.cast.admin, PASSWORD);
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Настройки' }).click();
  await page.getByRole('tab', { name: 'Почта' }).click();
  await expect(page.getByLabel('Сервер SMTP')).toHaveValue('127.0.0.1');
  await expect(page.getByText('Хранится только на этом компьютере, в зашифрованном виде.')).toBeVisible();
  await page.getByLabel('Проверочное письмо на адрес').fill('director@school17.example');
  await page.getByRole('button', { name: 'Отправить проверочное письмо' }).click();
  await expect(page.getByText('Проверочное письмо принято сервером для director@school17.example.')).toBeVisible();
  expect(smtp.received.some((r) => r.envelopeTo[0] === 'director@school17.example' && r.parsed.subject === 'Проверка почты — «Классный журнал»')).toBe(true);
  await shot(page, 'mail-settings');
});
