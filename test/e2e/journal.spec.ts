/**
 * The journal end to end (issue 4, «How it will be checked»), on the
 * generated demo school with the clock at Monday 23.11.2026, 10:00 in Moscow
 * (the II quarter): the demo is generated once for the file, every test gets
 * its own copy and its own browser host.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test as base, expect, type Page } from '@playwright/test';
import { shot, login, generateDemo, hostOnCopy } from './fixtures';

const ROOT = path.resolve(__dirname, '../..');
const PASSWORD = 'Пароль-2026';
/** Monday 23.11.2026, 10:00 in Moscow: a school day of the II quarter. */
const NOW = '2026-11-23T07:00:00.000Z';
const TODAY = '2026-11-23';

interface Cast {
  /** A teacher of Russian with a lesson of a whole class today, who leads that class. */
  teacher: string;
  className: string;
  subjectName: string;
  /** Another subject of the same class, taught by someone else. */
  otherSubject: string;
}

/** A student of the cast's class with a mark on a lesson with a topic in the week of 19.10 (the diary test). */
interface DiaryCase {
  /** «Фамилия Имя», as the student picker lists it. */
  name: string;
  fullName: string;
  subject: string;
  topic: string;
  mark: string;
}

interface Demo {
  file: string;
  cast: Cast;
  diary: DiaryCase;
  /** A girl who left a class of grades 5–9 in the II quarter before today, and a teacher of that class. */
  left: { teacher: string; className: string; subjectName: string; name: string; date: string };
}

interface School {
  url: string;
}

const test = base.extend<{ school: School }, { demo: Demo }>({
  demo: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
    async ({}, use) => {
      const { file, remove } = generateDemo('journal');
      const db = new Database(file, { readonly: true });
      const cast = db
        .prepare(
          `SELECT u.login AS teacher, c.name AS className, s.name AS subjectName,
                  (SELECT s2.name FROM teaching_assignments t JOIN subjects s2 ON s2.id = t.subjectId
                    WHERE t.classId = c.id AND t.staffId <> l.staffId AND t.groupId IS NULL ORDER BY s2.sortOrder LIMIT 1) AS otherSubject
             FROM lessons l
             JOIN school_classes c ON c.id = l.classId AND c.classTeacherId = l.staffId
             JOIN subjects s ON s.id = l.subjectId
             JOIN users u ON u.staffId = l.staffId
            WHERE l.date = ? AND l.groupId IS NULL AND c.gradeLevel BETWEEN 5 AND 9 AND s.name = 'Русский язык'
              -- The class has absences without a reason in the week of 19.10 (the attendance test enters one).
              AND EXISTS (SELECT 1 FROM attendances a JOIN lessons x ON x.id = a.lessonId
                           WHERE x.classId = c.id AND a.code = 'absent' AND a.reasonKind IS NULL AND x.date BETWEEN '2026-10-19' AND '2026-10-24')
            ORDER BY c.gradeLevel, c.letter, l.lessonNo LIMIT 1`,
        )
        .get(TODAY) as Cast;
      const diary = db
        .prepare(
          `SELECT st.lastName || ' ' || st.firstName AS name,
                  st.lastName || ' ' || st.firstName || COALESCE(' ' || st.middleName, '') AS fullName,
                  s.name AS subject, l.topic AS topic, m.value AS mark
             FROM marks m
             JOIN lessons l ON l.id = m.lessonId
             JOIN school_classes c ON c.id = l.classId
             JOIN subjects s ON s.id = l.subjectId
             JOIN students st ON st.id = m.studentId
            WHERE c.name = ? AND l.date BETWEEN '2026-10-19' AND '2026-10-24' AND m.deletedAt IS NULL AND l.deletedAt IS NULL
              AND l.topic IS NOT NULL AND length(l.topic) < 40
              -- Her diary may be saved as a file: her parents consented (contingent/README.md).
              AND EXISTS (SELECT 1 FROM data_consents dc WHERE dc.studentId = st.id AND dc.status = 'given' AND dc.deletedAt IS NULL)
              AND NOT EXISTS (SELECT 1 FROM data_consents dc WHERE dc.studentId = st.id AND dc.status <> 'given' AND dc.deletedAt IS NULL)
            ORDER BY st.lastName, st.firstName, l.date, l.lessonNo LIMIT 1`,
        )
        .get(cast.className) as DiaryCase;
      const left = db
        .prepare(
          `SELECT u.login AS teacher, c.name AS className, sub.name AS subjectName, st.lastName || ' ' || st.firstName AS name,
                  strftime('%d.%m.%Y', date(m.toDate, '+1 day')) AS date
             FROM class_memberships m
             JOIN school_classes c ON c.id = m.classId
             JOIN students st ON st.id = m.studentId
             JOIN teaching_assignments a ON a.classId = c.id AND a.groupId IS NULL
             JOIN subjects sub ON sub.id = a.subjectId
             JOIN users u ON u.staffId = a.staffId
            WHERE m.toDate >= '2026-11-05' AND m.toDate < ? AND st.sex = 'f' AND c.gradeLevel BETWEEN 5 AND 9 AND m.deletedAt IS NULL
            ORDER BY m.toDate, c.name, sub.sortOrder LIMIT 1`,
        )
        .get(TODAY) as Demo['left'];
      db.close();
      await use({ file, cast, diary, left });
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

// One worker for the file: the demo is generated once.
test.describe.configure({ mode: 'default' });

const grid = (page: Page) => page.getByTestId('journal-grid');
const cell = (page: Page, row: number, col: number) => grid(page).locator(`[data-row="${row}"][data-col="${col}"]`);
const rightCol = (page: Page, row: number, index: number) => grid(page).getByRole('row').nth(row + 1).locator('.jg-r').nth(index);

/** A row's average («4,33») once the given marks are added to those it shows (the average and their count). */
async function averageAfter(page: Page, row: number, added: number[]): Promise<string> {
  const shown = (await rightCol(page, row, 0).textContent())?.trim() ?? '';
  const count = Number((await rightCol(page, row, 2).textContent())?.trim() || '0');
  // Marks are whole numbers: their sum is the shown average times their count, rounded.
  const sum = shown ? Math.round(Number(shown.replace(',', '.')) * count) : 0;
  const average = (sum + added.reduce((a, b) => a + b, 0)) / (count + added.length);
  return average.toFixed(2).replace('.', ',');
}

/** The column of today's lesson on the page. */
async function todayCol(page: Page): Promise<number> {
  const headers = grid(page).locator('.jg-day.today');
  await expect(headers.first()).toBeVisible();
  const active = grid(page).locator('.jc.active');
  return Number(await active.getAttribute('data-col'));
}

test('a teacher fills in today’s lesson with the keyboard: marks, absences, refusal of «7», undo, paste, topic and homework', async ({ page, school, demo }) => {
  test.setTimeout(180_000);
  await page.goto(school.url);
  await login(page, demo.cast.teacher, PASSWORD);
  await expect(page.getByRole('heading', { name: 'Мои уроки' })).toBeVisible();
  await shot(page, 'journal-01-my-lessons');

  // One click into the journal at today's lesson.
  await page.getByTestId('my-lesson-link').filter({ hasText: `${demo.cast.className} — ${demo.cast.subjectName}` }).first().click();
  await expect(grid(page)).toBeFocused();
  const col = await todayCol(page);
  await expect(cell(page, 0, col)).toHaveClass(/active/);
  // The II quarter so far has its marks: the averages after today's follow from them.
  const expected = [await averageAfter(page, 0, [5]), await averageAfter(page, 1, [4, 3])];

  // 5 ↵, 4/3 ↵, н (the physical Y key, whatever the layout) ↵, оп ↵.
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await page.keyboard.type('4/3');
  await page.keyboard.press('Enter');
  await page.keyboard.press('KeyY');
  await page.keyboard.press('Enter');
  await page.keyboard.press('KeyJ');
  await page.keyboard.press('KeyG');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, col)).toHaveText('5');
  await expect(cell(page, 1, col)).toHaveText('4/3');
  await expect(cell(page, 2, col)).toHaveText('н');
  await expect(cell(page, 3, col)).toHaveText('оп');
  // The averages follow at once.
  await expect(rightCol(page, 0, 0)).toHaveText(expected[0]);
  await expect(rightCol(page, 1, 0)).toHaveText(expected[1]);

  // «7» is refused with a clear Russian message and stays visible until discarded.
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  await expect(cell(page, 4, col)).toHaveAttribute('data-status', 'failed');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('cell-error')).toContainText(`Отметка 7 невозможна: по предмету «${demo.cast.subjectName}» ставятся отметки от 1 до 5.`);
  await shot(page, 'journal-02-refusal');
  await page.keyboard.press('Escape');
  await expect(cell(page, 4, col)).toHaveText('');

  // Ctrl+Z takes back the last entry («оп»); Backspace clears a cell.
  await page.keyboard.press('Control+KeyZ');
  await expect(cell(page, 3, col)).toHaveText('');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Backspace');
  await expect(cell(page, 2, col)).toHaveText('');

  // A column of marks pasted from Excel lands from the active cell down.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await grid(page).evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', '5\n4\n3\n');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(cell(page, 4, col)).toHaveText('5');
  await expect(cell(page, 5, col)).toHaveText('4');
  await expect(cell(page, 6, col)).toHaveText('3');
  await expect(grid(page).locator('[data-status="saving"], [data-status="failed"]')).toHaveCount(0);

  // The lesson panel: the topic from the КТП, and the homework.
  const panel = page.getByTestId('lesson-panel');
  await expect(panel).toBeVisible();
  await panel.getByRole('button', { name: 'Взять из КТП' }).click();
  await expect(panel.getByText('Сохранено')).toBeVisible();
  await panel.getByTestId('lesson-homework').fill('Упр. 215, выучить правило на с. 94');
  await panel.getByTestId('lesson-homework').press('Control+Enter');
  await expect(panel.getByText('Сохранено')).toBeVisible();
  await shot(page, 'journal-03-page');

  // Text typed into the panel and left by choosing another lesson is saved, not lost.
  const previousDay = grid(page).locator('.jg-day.today').locator('xpath=preceding-sibling::div[contains(@class, "jg-day")][1]');
  await previousDay.click();
  // The panel shows the previous lesson: kept by the teacher already, with its own homework.
  await expect(panel.getByTestId('lesson-homework')).not.toHaveValue('Упр. 215, выучить правило на с. 94');
  await panel.getByTestId('lesson-homework').fill('Повторить словарные слова');
  // On a slow network the save of the panel just left lands after its lesson is chosen again: the panel shows it then.
  await page.route('**/api/call', async (route) => {
    const body = route.request().postDataJSON() as { method?: string } | null;
    if (body?.method === 'journal.setLessonText') await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await grid(page).locator('.jg-day.today').click();
  await expect(panel.getByTestId('lesson-homework')).toHaveValue('Упр. 215, выучить правило на с. 94');
  await previousDay.click();
  await expect(panel.getByTestId('lesson-homework')).toHaveValue('Повторить словарные слова');
  await page.unroute('**/api/call');

  // Everything is saved: a reload shows the same.
  await page.reload();
  await expect(cell(page, 0, col)).toHaveText('5');
  await expect(cell(page, 1, col)).toHaveText('4/3');
  await expect(page.getByTestId('lesson-homework')).toHaveValue('Упр. 215, выучить правило на с. 94');
  await previousDay.click();
  await expect(page.getByTestId('lesson-homework')).toHaveValue('Повторить словарные слова');

  // «Мои уроки» now says the lesson is filled in.
  await page.getByRole('link', { name: 'Мои уроки' }).click();
  const row = page.getByRole('listitem').filter({ hasText: `${demo.cast.className} — ${demo.cast.subjectName}` }).first();
  await expect(row.getByText('Заполнено')).toBeVisible();
});

test('a 10,000-character topic: the field keeps its size, the limit shows at it, and the refusal names that field, under it', async ({ page, school, demo }) => {
  test.setTimeout(120_000);
  await page.goto(school.url);
  await login(page, demo.cast.teacher, PASSWORD);
  await page.getByTestId('my-lesson-link').filter({ hasText: `${demo.cast.className} — ${demo.cast.subjectName}` }).first().click();
  const panel = page.getByTestId('lesson-panel');
  const topic = panel.getByTestId('lesson-topic');
  const homework = panel.getByTestId('lesson-homework');
  const before = await topic.inputValue();
  const long = 'Повторение пройденного материала. '.repeat(300).slice(0, 10_000);
  await topic.fill(long);
  // The field scrolls inside instead of growing down the page.
  expect((await topic.boundingBox())!.height).toBeLessThan(200);
  const fieldOf = (input: typeof topic) => input.locator('xpath=ancestor::div[contains(@class, "MuiFormControl-root")][1]');
  const topicField = fieldOf(topic);
  await expect(topicField.getByTestId('text-counter')).toHaveText('10\u00a0000 / 2\u00a0000');
  await expect(topicField.locator('.MuiFormHelperText-root')).toContainText('Тема урока: не более 2\u00a0000 символов — сейчас 10\u00a0000. Сократите текст.');
  await topic.blur();
  await expect(panel.getByRole('status')).toHaveText('Не сохранено — см. поле «Тема урока».');
  // The homework field says nothing of it.
  await expect(fieldOf(homework).locator('.Mui-error')).toHaveCount(0);
  await shot(page, 'journal-08-long-topic');
  // Shortened, it is saved.
  await topic.fill('Фонетика. Звуки и буквы');
  await expect(topicField.getByTestId('text-counter')).toHaveCount(0);
  await expect(topicField.locator('.Mui-error')).toHaveCount(0);
  await topic.blur();
  await expect(panel.getByRole('status')).toHaveText('Сохранено');
  expect(before).not.toBe('Фонетика. Звуки и буквы');
});

test('bad input: a pasted block of garbage is refused cell by cell in Russian, kept visible, and not lost on leaving the page', async ({ page, school, demo }) => {
  test.setTimeout(150_000);
  await page.goto(school.url);
  await login(page, demo.cast.teacher, PASSWORD);
  await page.getByTestId('my-lesson-link').filter({ hasText: `${demo.cast.className} — ${demo.cast.subjectName}` }).first().click();
  await expect(grid(page)).toBeFocused();
  const col = await todayCol(page);
  const paste = (text: string) =>
    grid(page).evaluate((el, t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  // A column from a spreadsheet: one good mark, then garbage of every kind and an average; two more columns fall on tomorrow's lesson.
  await paste('5\nабв\n7\nКонтрольная работа по теме «Дроби»: написали все\n4/4/4/4\nн/оп\n=СУММ(A1:A3)\t5\t5\n4,5\n');
  await expect(cell(page, 0, col)).toHaveText('5');
  await expect(cell(page, 0, col)).not.toHaveAttribute('data-status', /saving|failed/);
  for (const row of [1, 2, 3, 4, 5, 6, 7]) await expect(cell(page, row, col)).toHaveAttribute('data-status', 'failed');
  // The refused text stays in its cell (marked «!»), as typed.
  await expect(cell(page, 1, col).locator('.typed')).toHaveText('абв');
  await expect(cell(page, 2, col).locator('.typed')).toHaveText('7');
  await expect(page.getByTestId('journal-status')).toContainText('Вставлено клеток: 8; не вставлено: 2 — в закрытые клетки');
  const reasons: [number, string][] = [
    [1, `Отметка «абв» невозможна: по предмету «${demo.cast.subjectName}» ставятся отметки от 1 до 5.`],
    [3, 'Запись «Контрольная работа п…» не похожа на отметку: в клетку ставятся отметки, «н» или «оп».'],
    [4, 'В одной клетке — не более 3 отметок.'],
    [5, 'В клетке может быть только одна запись о посещаемости: «н» или «оп».'],
    [6, `Отметка «=СУММ(A1:A3)» невозможна: по предмету «${demo.cast.subjectName}»`],
    // An average from the spreadsheet is not taken for the double mark «4/5».
    [7, '«4,5» похоже на дробное число (например, средний балл), а не на отметки.'],
  ];
  for (const [row, message] of reasons) {
    await cell(page, row, col).click();
    await expect(page.getByTestId('cell-error')).toContainText(message);
  }
  await cell(page, 2, col).click();
  await shot(page, 'journal-09-bad-input');

  // Leaving the page loses nothing: a notice says so, and the entries come back with their reasons.
  await page.getByRole('link', { name: 'Мои уроки' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'не сохранено записей: 7' })).toBeVisible();
  await page.getByTestId('my-lesson-link').filter({ hasText: `${demo.cast.className} — ${demo.cast.subjectName}` }).first().click();
  await expect(cell(page, 2, col)).toHaveAttribute('data-status', 'failed');
  await expect(cell(page, 2, col).locator('.typed')).toHaveText('7');
  await expect(cell(page, 0, col)).toHaveText('5');

  // Fixed with the keyboard: «7» becomes «4»; «абв» is discarded with Esc.
  await cell(page, 2, col).click();
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  await expect(cell(page, 2, col)).toHaveText('4');
  await expect(cell(page, 2, col)).not.toHaveAttribute('data-status', 'failed');
  await cell(page, 1, col).click();
  await page.keyboard.press('Escape');
  await expect(cell(page, 1, col)).toHaveText('');
  await expect(cell(page, 1, col)).not.toHaveAttribute('data-status', 'failed');
  await expect(cell(page, 7, col).locator('.typed')).toHaveText('4,5');
  await expect(grid(page).locator('[data-status="failed"]')).toHaveCount(5);
});

test('the deputy closes the I quarter; its page is read-only until the deputy reopens it for a reason; the teacher corrects it', async ({ page, school, demo }) => {
  test.setTimeout(150_000);
  const logout = () => page.getByRole('button', { name: 'Выйти' }).click();
  await page.goto(school.url);
  await login(page, 'zavuch', PASSWORD);
  await page.getByRole('link', { name: 'Школа' }).click();
  const periods = page.getByRole('table', { name: 'Учебные периоды' });
  // Only a period that has ended can be closed: on 23.11 the I quarter, not the II.
  await expect(periods.getByRole('button', { name: 'Закрыть I четверть' })).toHaveCount(1);
  await expect(periods.getByRole('button', { name: 'Закрыть II четверть' })).toHaveCount(0);
  // The I quarter (grades 1–9) is closed.
  await periods.getByRole('button', { name: 'Закрыть I четверть' }).first().click();
  await expect(page.getByRole('dialog')).toContainText('Исправить запись можно будет, только если заместитель директора откроет страницу журнала, указав причину.');
  await page.getByRole('dialog').getByRole('button', { name: 'Закрыть период' }).click();
  await expect(page.getByText('I четверть закрыта: страницы журнала за период открыты только для просмотра.')).toBeVisible();
  await expect(periods.getByRole('row').filter({ hasText: 'Закрыта для изменений' })).toHaveCount(1);
  await shot(page, 'journal-11-period-closed');
  await logout();

  // The teacher: the I quarter's page is read-only, and says who can open it.
  await login(page, demo.cast.teacher, PASSWORD);
  await page.getByTestId('my-lesson-link').filter({ hasText: `${demo.cast.className} — ${demo.cast.subjectName}` }).first().click();
  await page.getByRole('tab', { name: /^I четверть/ }).click();
  await expect(page.getByRole('tab', { name: 'I четверть (закрыта)' })).toBeVisible();
  const closedNotice = 'I четверть закрыта для изменений. Открыть страницу может заместитель директора по УВР.';
  await expect(page.getByText(closedNotice)).toBeVisible();
  await grid(page).focus();
  await page.keyboard.type('5');
  await expect(page.getByTestId('journal-status')).toContainText(closedNotice);
  await expect(grid(page).locator('[data-status]')).toHaveCount(0);
  const address = new URL(page.url()).hash;
  await logout();

  // The deputy opens the page for three days, for a stated reason.
  await login(page, 'zavuch', PASSWORD);
  await expect(page.getByRole('link', { name: 'Журнал' })).toBeVisible();
  await page.goto(new URL(address, school.url).href);
  await page.getByRole('button', { name: 'Открыть для исправлений' }).click();
  const reopen = page.getByRole('dialog', { name: 'Открыть страницу для исправлений' });
  await reopen.getByLabel('Причина').fill('Исправление ошибочно выставленной отметки');
  await reopen.getByLabel('Срок, дней').fill('3');
  await reopen.getByRole('button', { name: 'Открыть' }).click();
  await expect(reopen).toBeHidden();
  // Three days from 23.11.2026, 10:00 in Moscow.
  await expect(page.getByText('Страница открыта для исправлений до 26.11.2026 10:00: учитель может исправить записи, причина записана в журнал изменений.')).toBeVisible();
  await expect(page.getByText(closedNotice)).toHaveCount(0);
  await expect(page.getByText('I четверть закрыта; страница открыта заместителем директора для исправлений до 26.11.2026 10:00.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Открыть для исправлений' })).toHaveCount(0);
  await shot(page, 'journal-12-page-reopened');
  await logout();

  // The teacher writes in the I quarter again.
  await login(page, demo.cast.teacher, PASSWORD);
  await expect(page.getByRole('link', { name: 'Журнал' })).toBeVisible();
  await page.goto(new URL(address, school.url).href);
  await expect(grid(page)).toBeVisible();
  await expect(page.getByText(closedNotice)).toHaveCount(0);
  await expect(page.getByText(/страница открыта заместителем директора для исправлений до 26\.11\.2026 10:00/)).toBeVisible();
  const free = grid(page).locator('.jc:not(.off)').filter({ hasNotText: /\S/ }).first();
  const [row, col] = [Number(await free.getAttribute('data-row')), Number(await free.getAttribute('data-col'))];
  await free.click();
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  await expect(cell(page, row, col)).toHaveText(/^4/);
  await expect(cell(page, row, col)).not.toHaveAttribute('data-status', /saving|failed/);
});

test('another teacher’s page opens for viewing only; the whole year scrolls', async ({ page, school, demo }) => {
  await page.goto(school.url);
  await login(page, demo.cast.teacher, PASSWORD);
  await page.getByRole('link', { name: 'Журнал' }).click();
  const other = page.getByRole('region', { name: 'Мой класс' }).getByTestId('journal-page-link').filter({ hasText: demo.cast.otherSubject }).first();
  await other.click();
  await expect(page.getByText('Страница открыта для просмотра: записи вносит учитель, который ведёт этот предмет по нагрузке, или учитель на замене.').first()).toBeVisible();
  await grid(page).focus();
  await page.keyboard.type('5');
  await expect(page.getByTestId('journal-status')).toContainText('Страница открыта для просмотра');
  await expect(grid(page).locator('[data-status]')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Весь год' }).click();
  // The year opens at today: November in view, September scrolled off (only the visible columns are drawn).
  await expect(grid(page).locator('.jg-month', { hasText: 'Ноябрь' })).toBeVisible();
  expect(Number(await grid(page).getAttribute('aria-colcount'))).toBeGreaterThan(100);
  await expect(grid(page).locator('.jg-month', { hasText: 'Сентябрь' })).toHaveCount(0);
  await expect(grid(page)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(grid(page).locator('.jg-month', { hasText: 'Сентябрь' })).toBeVisible();
  await shot(page, 'journal-04-year-read-only');
});

test('final marks: suggestions, warnings, a late correction with its reason, and a refused value', async ({ page, school, demo }) => {
  test.setTimeout(150_000);
  await page.goto(school.url);
  await login(page, demo.cast.teacher, PASSWORD);
  await page.getByRole('link', { name: 'Журнал' }).click();
  await page
    .getByRole('region', { name: 'Мои страницы' })
    .getByTestId('journal-page-link')
    .filter({ hasText: demo.cast.subjectName })
    .first()
    .click();
  await page.getByRole('link', { name: 'Итоговые отметки' }).click();
  const finals = page.getByTestId('finals-grid');
  await expect(finals).toBeFocused();
  // The II quarter is under way: a suggestion from its marks so far.
  await expect(page.getByTestId('finals-status')).toContainText(/Предлагается «[2-5]» \(средний балл \d,\d\d\)/);

  // The I quarter is over and its marks are set: removing one after the deadline asks for a reason.
  await page.keyboard.press('ArrowLeft');
  const first = page.getByTestId('final-0-0');
  const before = (await first.locator('.v').textContent())?.trim();
  expect(before).toMatch(/^[2-5]$/);
  await page.keyboard.press('Backspace');
  await expect(page.getByRole('dialog', { name: 'Причина исправления' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Причина' }).fill('Ошибка при выставлении, отметка будет выставлена заново');
  await page.keyboard.press('Enter');
  // Now the cell is empty: the suggestion stands beside it, with the late warning.
  await expect(first.locator('.sg')).toBeVisible();
  await expect(page.getByTestId('finals-status')).toContainText('Срок выставления (21.10.2026) прошёл');
  await shot(page, 'journal-05-finals');
  // Enter takes the suggestion; it is set late and marked so.
  await page.keyboard.press('Enter');
  await expect(first.locator('.v')).toHaveText(/^[2-5]$/);
  await expect(first.getByLabel('Выставлена позже срока')).toBeVisible();

  // A value outside the subject's system is refused.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('finals-status')).toContainText(`Итоговая отметка «7» невозможна: по предмету «${demo.cast.subjectName}»`);
});

test('final marks in November: a clear confirmation with the reason, no year suggestion, a student who left shown as «выбыла»', async ({ page, school, demo }) => {
  test.setTimeout(150_000);
  await page.goto(school.url);
  await login(page, demo.left.teacher, PASSWORD);
  await page.getByRole('link', { name: 'Журнал' }).click();
  await page
    .getByRole('region', { name: 'Мои страницы' })
    .locator('.pl-class')
    .filter({ has: page.getByText(demo.left.className, { exact: true }) })
    .getByTestId('journal-page-link')
    .filter({ hasText: demo.left.subjectName })
    .first()
    .click();
  await page.getByRole('link', { name: 'Итоговые отметки' }).click();
  const finals = page.getByTestId('finals-grid');
  await expect(finals).toBeFocused();
  const year = (await finals.locator('thead th').count()) - 2; // the columns after the names: the quarters, then the year
  // The student who left on 16.11: named so, nothing suggested, no mark for the II quarter or the year.
  const row = finals.locator('tbody tr').filter({ hasText: demo.left.name });
  await expect(row.getByTestId('left-text')).toHaveText(`выбыла ${demo.left.date}`);
  await expect(row.locator('td').nth(2).locator('.sg')).toHaveCount(0);
  await expect(row.locator('td').nth(year + 1).locator('.sg')).toHaveCount(0);
  // The «Год» column suggests nothing in November.
  await expect(finals.locator('tbody tr td:last-child .sg')).toHaveCount(0);
  // Monday 23.11, the II quarter ends on 28.12: a mark now asks for a confirmation with the reason, and nothing is saved without it.
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Подтвердите итоговую отметку' });
  await expect(confirm).toContainText('II четверть заканчивается 28.12.2026: итоговые отметки выставляются в последние недели периода, с 14.12.2026.');
  await expect(confirm).toContainText(/Отметок за II четверть: \d+, а нужно не менее \d+\./);
  await shot(page, 'journal-09-final-confirm');
  await confirm.getByRole('button', { name: 'Не выставлять' }).click();
  await expect(page.getByTestId('final-0-1').locator('.v')).toHaveCount(0);
  await expect(page.getByTestId('final-0-1')).not.toHaveClass(/failed/);
  await shot(page, 'journal-10-finals-november');
});

test('the class teacher enters the reason for a week’s absences; the director sees and cannot change', async ({ page, school, demo }) => {
  test.setTimeout(150_000);
  await page.goto(school.url);
  await login(page, demo.cast.teacher, PASSWORD);
  await page.getByRole('link', { name: 'Посещаемость' }).click();
  // A week of the I quarter, with absences on record.
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Предыдущая неделя' }).click();
  await expect(page.getByTestId('week-range')).toHaveText('19.10.2026 — 24.10.2026');
  const week = page.getByTestId('attendance-grid');
  const withAbsence = week.locator('tbody tr').filter({ has: page.locator('td.unexplained') }).first();
  await expect(withAbsence).toBeVisible();
  const name = (await withAbsence.locator('td.name').textContent()) ?? '';
  const row = week.locator('tbody tr').filter({ has: page.locator('td.name', { hasText: name }) });
  const unexplained = row.locator('td.unexplained').first();
  const totalsBefore = Number(await row.locator('td.tot').nth(4).textContent());
  await unexplained.click();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Болезнь').check();
  await dialog.getByLabel('Документ').fill('Справка № 15 от 26.10.2026');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();
  // Fewer absences without a reason, more for illness.
  await expect(row.locator('td.tot').nth(4)).not.toHaveText(String(totalsBefore));
  await expect(row.locator('td.tot').nth(1)).not.toHaveText('');
  await shot(page, 'journal-06-attendance-week');

  // The director: every page and week to see, nothing to change.
  await page.getByRole('button', { name: 'Выйти' }).click();
  await login(page, 'director', PASSWORD);
  await page.getByRole('link', { name: 'Журнал' }).click();
  await page.getByTestId('journal-page-link').first().click();
  await expect(page.getByText('Страница открыта для просмотра').first()).toBeVisible();
  await grid(page).focus();
  await page.keyboard.type('5');
  await expect(grid(page).locator('[data-status]')).toHaveCount(0);
  await page.getByRole('link', { name: 'Посещаемость' }).click();
  await expect(page.getByText('Причины пропусков вносит классный руководитель; вы видите неделю без права изменений.')).toBeVisible();
  await page.getByRole('link', { name: 'Дневник' }).click();
  await page.getByLabel('Класс').click();
  await page.getByRole('option', { name: demo.cast.className, exact: true }).click();
  await page.getByLabel('Ученик').click();
  await page.getByRole('option', { name: demo.diary.name, exact: true }).click();
  await expect(page.getByTestId('diary-sheet')).toContainText(`Дневник: ${demo.diary.fullName}, ${demo.cast.className} класс`);
});

test('the class teacher opens a student’s diary for a week and prints it: the sheet and its A4 PDF', async ({ page, school, demo }) => {
  test.setTimeout(120_000);
  await page.goto(school.url);
  await login(page, demo.cast.teacher, PASSWORD);
  await page.getByRole('link', { name: 'Дневник' }).click();
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Предыдущая неделя' }).click();
  await expect(page.getByTestId('week-range')).toHaveText('19.10.2026 — 24.10.2026');
  await page.getByLabel('Ученик').click();
  await page.getByRole('option', { name: demo.diary.name, exact: true }).click();
  const sheet = page.getByTestId('diary-sheet');
  await expect(sheet).toContainText(`Дневник: ${demo.diary.fullName}, ${demo.cast.className} класс`);
  for (const day of ['Понедельник, 19.10.2026', 'Пятница, 23.10.2026', 'Суббота, 24.10.2026']) await expect(sheet).toContainText(day);
  // The lesson with the student's mark: its topic and the mark on one line.
  const lesson = sheet.locator('tr', { hasText: demo.diary.topic }).first();
  await expect(lesson).toContainText(demo.diary.subject);
  await expect(lesson.locator('td').last()).toContainText(demo.diary.mark);
  await shot(page, 'journal-07-diary');

  // The PDF from the report engine: A4 landscape, the same week, the signature lines.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать PDF' }).click()]);
  expect(download.suggestedFilename()).toBe(`Дневник ${demo.diary.fullName} 2026-10-19.pdf`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-e2e-diary-'));
  try {
    const file = path.join(dir, 'diary.pdf');
    await download.saveAs(file);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of [
      `Дневник: ${demo.diary.fullName}`,
      'Неделя с 19.10.2026 по 24.10.2026',
      'Понедельник, 19.10.2026',
      'Суббота, 24.10.2026',
      demo.diary.topic,
      'Классный руководитель',
      'Родитель (законный представитель)',
    ]) {
      expect(text).toContain(expected);
    }
    // It renders: every page becomes a picture (kept beside the screenshots).
    const prefix = path.join(ROOT, 'test-results', 'screens', 'journal-08-diary-pdf');
    execFileSync('pdftoppm', ['-png', '-r', '60', file, prefix]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(1);
    for (let i = 1; i <= pages; i++) expect(fs.statSync(`${prefix}-${i}.png`).size).toBeGreaterThan(5_000);

    // «Печать» prints the sheet itself, as a paper diary: Monday to Wednesday on one A4 page, Thursday to Saturday on the next.
    const printed = path.join(dir, 'printed.pdf');
    fs.writeFileSync(printed, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const printedInfo = execFileSync('pdfinfo', [printed], { encoding: 'utf8' });
    expect(printedInfo).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(printedInfo).toMatch(/Pages:\s+2\n/);
    const [left, right] = execFileSync('pdftotext', ['-layout', printed, '-'], { encoding: 'utf8' }).split('\f');
    expect(left).toContain(`Дневник: ${demo.diary.fullName}`);
    expect(left).toContain('Среда, 21.10.2026');
    expect(right).toContain('Четверг, 22.10.2026');
    expect(right).toContain('Суббота, 24.10.2026');
    expect(right).toContain('Родитель (законный представитель)');
    expect(left + right).not.toContain('Мои уроки');
    execFileSync('pdftoppm', ['-png', '-r', '60', printed, path.join(ROOT, 'test-results', 'screens', 'journal-10-diary-printed')]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
