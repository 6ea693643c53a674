/**
 * Timetable and thematic plans end to end (issue 5, «How it will be checked»),
 * on the generated demo school with the clock at Monday 23.11.2026, 10:00 in
 * Moscow: the demo is generated once per worker, every test gets its own copy
 * and its own browser host.
 *
 * - The deputy builds a week for two classes with a split English group, sees
 *   a teacher conflict appear and resolves it (by keyboard and by dragging),
 *   switches to the new timetable from a date and finds the earlier lessons
 *   and their marks intact.
 * - A teacher imports a КТП from XLSX and sees its topics in the journal's lessons.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as XLSX from 'xlsx';
import { test as base, expect, type Page } from '@playwright/test';
import { shot, login, generateDemo, hostOnCopy } from './fixtures';

const ROOT = path.resolve(__dirname, '../..');
const PASSWORD = 'Пароль-2026';
const NOW = '2026-11-23T07:00:00.000Z';
const TODAY = '2026-11-23';
const SWITCH = '2026-11-30';

interface Demo {
  file: string;
}
interface School {
  url: string;
  db: string;
}

const test = base.extend<{ school: School }, { demo: Demo }>({
  demo: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
    async ({}, use) => {
      const { file, remove } = generateDemo('timetable');
      await use({ file });
      remove();
    },
    { scope: 'worker', timeout: 300_000 },
  ],
  school: async ({ demo }, use) => {
    const host = await hostOnCopy(demo.file, NOW);
    await use({ url: host.url, db: host.db });
    await host.close();
  },
});

function query<T>(file: string, sql: string, ...params: unknown[]): T {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

/** Picks an option of an MUI select by the field's label. */
async function choose(page: Page, scope: ReturnType<Page['locator']> | Page, label: string, option: string | RegExp): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
}

const slot = (page: Page, day: string, n: number) => page.getByRole('gridcell', { name: new RegExp(`^${day}, ${n} урок`) });

test('the deputy builds a week, resolves a conflict and switches to the new timetable from a date', async ({ page, school }) => {
  const before = query<{ lessons: number; marks: number }>(
    school.db,
    `SELECT (SELECT COUNT(*) FROM lessons WHERE date < ? AND deletedAt IS NULL) AS lessons,
            (SELECT COUNT(*) FROM marks m JOIN lessons l ON l.id = m.lessonId WHERE l.date < ? AND m.deletedAt IS NULL) AS marks`,
    SWITCH,
    SWITCH,
  );
  expect(before.marks).toBeGreaterThan(1000);

  await page.goto(school.url);
  await login(page, 'zavuch', PASSWORD);
  await page.getByRole('link', { name: 'Расписание' }).click();
  await expect(page.getByRole('heading', { name: 'Расписание', level: 1 })).toBeVisible();
  await expect(page.getByText(/Действует с 0[12]\.09\.2026/)).toBeVisible();
  await expect(page.getByRole('grid')).toBeVisible();
  await shot(page, 'timetable-01-active-week');

  // A new, empty timetable from 30.11.2026.
  await page.getByRole('button', { name: 'Новое расписание' }).click();
  const create = page.getByRole('dialog', { name: 'Новое расписание' });
  await choose(page, create, 'Основа', 'Пустое расписание');
  await create.getByLabel('Название').fill('Со 2 полугодия (проба)');
  await create.getByLabel('Действует с').fill('30.11.2026');
  await create.getByRole('button', { name: 'Создать' }).click();
  await expect(page.getByText('Черновик, начало 30.11.2026')).toBeVisible();

  // 5А: mathematics on Monday, lesson 1, with the teacher the load gives.
  const panel = page.getByRole('region', { name: 'Новый урок' });
  await choose(page, page.getByRole('toolbar', { name: 'Вид недели' }), 'Класс', '5А');
  await panel.getByRole('button', { name: /^Матем.*: 0 из 5/ }).click();
  const mathsTeacher = await panel.getByRole('combobox', { name: 'Учитель' }).innerText();
  await panel.getByRole('button', { name: 'Показать свободные места' }).click();
  await expect(slot(page, 'Понедельник', 1)).toHaveAccessibleName(/свободно/);
  await shot(page, 'timetable-02-placing');
  await slot(page, 'Понедельник', 1).click();
  await expect(slot(page, 'Понедельник', 1).locator('[data-lesson]')).toHaveCount(1);

  // English, split in two groups: the second group may take the same slot as the first.
  await panel.getByRole('button', { name: /1 подгруппа: 0 из 3/ }).click();
  await panel.getByRole('button', { name: 'Показать свободные места' }).click();
  await slot(page, 'Понедельник', 2).click();
  await panel.getByRole('button', { name: /2 подгруппа: 0 из 3/ }).click();
  await panel.getByRole('button', { name: 'Показать свободные места' }).click();
  await expect(slot(page, 'Понедельник', 2)).toHaveAccessibleName(/свободно/);
  await slot(page, 'Понедельник', 2).click();
  await expect(slot(page, 'Понедельник', 2).locator('[data-lesson]')).toHaveCount(2);

  // 5Б: mathematics with 5А's teacher at the same time — the slot says why not; placed anyway, with a warning.
  await choose(page, page.getByRole('toolbar', { name: 'Вид недели' }), 'Класс', '5Б');
  await panel.getByRole('button', { name: /^Матем.*: 0 из 5/ }).click();
  await choose(page, panel, 'Учитель', mathsTeacher.trim());
  await panel.getByRole('button', { name: 'Показать свободные места' }).click();
  await expect(slot(page, 'Понедельник', 1)).toHaveAccessibleName(/занято — Учитель .* в это время ведёт урок: 5А, математика/);
  await shot(page, 'timetable-03-busy-slot');
  await slot(page, 'Понедельник', 1).click();
  const confirm = page.getByRole('dialog', { name: 'Подтвердите изменение' });
  await expect(confirm).toContainText('в это время ведёт урок: 5А, математика');
  await confirm.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('tab', { name: 'Конфликты (1)' })).toBeVisible();
  await page.getByRole('tab', { name: 'Конфликты (1)' }).click();
  await expect(page.getByRole('list', { name: 'Конфликты расписания' })).toContainText('ведёт два урока сразу — 5А, математика и 5Б, математика');
  await shot(page, 'timetable-04-conflict');

  // Resolved from the keyboard: Enter takes the lesson, arrows move, Enter puts it down.
  await page.getByRole('list', { name: 'Конфликты расписания' }).getByRole('button', { name: 'Показать' }).click();
  // «Показать» opens the teacher's week at the clash: both classes in one slot.
  await expect(slot(page, 'Понедельник', 1).locator('[data-lesson]')).toHaveCount(2);
  await shot(page, 'timetable-05-teacher-week');
  await page.getByRole('toolbar', { name: 'Вид недели' }).getByRole('button', { name: 'Класс' }).click();
  await choose(page, page.getByRole('toolbar', { name: 'Вид недели' }), 'Класс', '5Б');
  await slot(page, 'Понедельник', 1).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText(/^Переносится: Математика, 5Б/)).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(slot(page, 'Понедельник', 3).locator('[data-lesson]')).toHaveCount(1);
  await expect(page.getByRole('tab', { name: 'Конфликты', exact: true })).toBeVisible();

  // And by dragging: 5Б's mathematics to Tuesday, lesson 1.
  await slot(page, 'Понедельник', 3).locator('[data-lesson]').hover();
  await page.mouse.down();
  await slot(page, 'Вторник', 1).hover({ position: { x: 30, y: 20 } });
  await expect(slot(page, 'Вторник', 1)).toHaveAccessibleName(/свободно/);
  await slot(page, 'Вторник', 1).hover({ position: { x: 40, y: 30 } });
  await page.mouse.up();
  await expect(slot(page, 'Вторник', 1).locator('[data-lesson]')).toHaveCount(1);
  await expect(slot(page, 'Понедельник', 3).locator('[data-lesson]')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Конфликты', exact: true }).click();
  await expect(page.getByText('Конфликтов нет')).toBeVisible();
  await page.getByRole('tab', { name: 'Неделя' }).click();
  await shot(page, 'timetable-06-week-built');

  // In force from 30.11.2026.
  await page.getByRole('button', { name: 'Ввести в действие…' }).click();
  const activate = page.getByRole('dialog', { name: /Ввести в действие/ });
  await expect(activate.getByLabel('Действует с')).toHaveValue('30.11.2026');
  await activate.getByRole('button', { name: 'Ввести в действие' }).click();
  await expect(page.getByText(/Уроки с 30\.11\.2026 приведены в соответствие с расписанием/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Действует с 30.11.2026')).toBeVisible();

  // Everything before the switch is as it was: the lessons and their marks.
  const after = query<{ lessons: number; marks: number }>(
    school.db,
    `SELECT (SELECT COUNT(*) FROM lessons WHERE date < ? AND deletedAt IS NULL) AS lessons,
            (SELECT COUNT(*) FROM marks m JOIN lessons l ON l.id = m.lessonId WHERE l.date < ? AND m.deletedAt IS NULL) AS marks`,
    SWITCH,
    SWITCH,
  );
  expect(after).toEqual(before);
  // From the switch, 5А has the new week: mathematics first on Monday 30.11, both English groups second.
  const monday = query<{ n: number }>(
    school.db,
    `SELECT COUNT(*) AS n FROM lessons l JOIN school_classes c ON c.id = l.classId
      WHERE c.name = '5А' AND l.date = ? AND l.deletedAt IS NULL`,
    SWITCH,
  );
  expect(monday.n).toBe(3);
  await page.getByRole('tab', { name: 'Сверка уроков' }).click();
  await expect(page.getByText('Сверять нечего')).toBeVisible();
  await shot(page, 'timetable-07-switched');
});

test('a teacher imports a КТП from XLSX and sees its topics in the journal’s lessons', async ({ page, school }) => {
  // A teacher with a whole-class lesson today and that page's lessons before today.
  const cast = query<{ login: string; className: string; subjectName: string; before: number }>(
    school.db,
    `SELECT u.login AS login, c.name AS className, s.name AS subjectName,
            (SELECT COUNT(*) FROM lessons x WHERE x.classId = l.classId AND x.subjectId = l.subjectId AND x.groupId IS NULL
               AND x.deletedAt IS NULL AND x.status <> 'cancelled'
               AND (x.date < l.date OR (x.date = l.date AND x.lessonNo < l.lessonNo))) AS before
       FROM lessons l
       JOIN school_classes c ON c.id = l.classId
       JOIN subjects s ON s.id = l.subjectId
       JOIN users u ON u.staffId = l.staffId
      WHERE l.date = ? AND l.groupId IS NULL AND c.gradeLevel BETWEEN 5 AND 9 AND s.name = 'Математика'
      ORDER BY c.gradeLevel, c.letter, l.lessonNo LIMIT 1`,
    TODAY,
  );
  // The КТП: one topic per lesson, numbered, so today's planned topic is known.
  const rows: (string | number)[][] = [['№', 'Тема урока', 'Кол-во часов', 'Вид работы']];
  for (let i = 1; i <= 170; i++) rows.push([i, `Тема ${i} по новому КТП`, 1, '']);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'КТП');
  const file = path.join(os.tmpdir(), `ktp-${Date.now()}.xlsx`);
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);

  await page.goto(school.url);
  await login(page, cast.login, PASSWORD);
  await page.getByRole('link', { name: 'КТП' }).click();
  await expect(page.getByRole('heading', { name: 'КТП', level: 1 })).toBeVisible();
  await shot(page, 'plans-01-list');
  await page.getByRole('table', { name: 'КТП' }).getByRole('row').filter({ hasText: cast.className }).filter({ hasText: cast.subjectName }).first().click();
  await expect(page.getByRole('table', { name: 'Темы КТП' })).toBeVisible();
  await page.getByRole('button', { name: 'Загрузить из файла…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Загрузить КТП из файла' });
  // A table that is not a КТП: nothing is taken, and the dialog says why.
  await dialog.getByLabel('Файл КТП').setInputFiles({ name: 'расписание.csv', mimeType: 'text/csv', buffer: Buffer.from('Класс;День;Урок\r\n5А;Пн;1\r\n') });
  await expect(dialog.getByText(/в файле не найдены столбцы КТП «№», «Тема», «Часы» \(первая строка: «Класс; День; Урок»\)/)).toBeVisible();
  await dialog.getByRole('button', { name: /темы$/ }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'В файле есть ошибки — темы не загружены.' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Отмена' })).toBeEnabled();
  // A text file: its encoding is named, and another can be chosen.
  await expect(dialog.getByTestId('ktp-file')).toHaveText('расписание.csv · кодировка UTF-8 (определена по тексту файла)');
  await expect(dialog.getByLabel('Кодировка текста (CSV)')).toBeVisible();
  await shot(page, 'plans-02a-import-not-ktp');
  await dialog.getByLabel('Файл КТП').setInputFiles(file);
  await expect(dialog.getByText('Найдено тем: 170, часов: 170 (по учебному плану 170 ч)')).toBeVisible();
  await shot(page, 'plans-02-import');
  await dialog.getByRole('button', { name: 'Заменить темы' }).click();
  await expect(page.getByRole('row', { name: 'Тема 1: Тема 1 по новому КТП, 1 ч' })).toBeVisible();
  await shot(page, 'plans-03-editor');

  // In the journal, today's lesson shows the topic the new plan gives it.
  await page.getByRole('link', { name: 'Мои уроки' }).click();
  await page.getByTestId('my-lesson-link').filter({ hasText: `${cast.className} — ${cast.subjectName}` }).first().click();
  const lessonPanel = page.getByTestId('lesson-panel');
  await expect(lessonPanel).toContainText(`По КТП: Тема ${cast.before + 1} по новому КТП`);
  await shot(page, 'plans-04-journal-topic');
  fs.rmSync(file, { force: true });
});

test('the deputy imports an aSc export: a preview first, then a draft with no conflicts; the hours and the print', async ({ page, school }) => {
  const timetables = () => query<{ n: number }>(school.db, 'SELECT COUNT(*) AS n FROM timetables WHERE deletedAt IS NULL').n;
  const before = timetables();
  await page.goto(school.url);
  await login(page, 'zavuch', PASSWORD);
  await page.getByRole('link', { name: 'Расписание' }).click();

  // A teacher who works in both shifts: the second shift's lessons say their own time, no false double booking.
  const toolbar = page.getByRole('toolbar', { name: 'Вид недели' });
  await toolbar.getByRole('button', { name: 'Учитель' }).click();
  await choose(page, toolbar, 'Учитель', /^Аксёнов П/);
  await expect(page.getByRole('grid').locator('[data-lesson]', { hasText: /2 смена, \d\d:\d\d/ }).first()).toBeVisible();
  await shot(page, 'timetable-10-teacher-two-shifts');

  await page.getByRole('button', { name: 'Импорт…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Импорт расписания' });
  // A FET file offered as aSc is refused with the reason.
  await dialog.getByLabel('Файл расписания').setInputFiles(path.join(ROOT, 'test/fixtures/timetable/fet-school.fet'));
  await dialog.getByRole('button', { name: 'Проверить файл' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Похоже, это файл FET: выберите формат «FET».');
  // A workbook saved under an .xml name is refused too: it is not XML at all.
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Класс', 'День', 'Урок']]), 'Расписание');
  await dialog
    .getByLabel('Файл расписания')
    .setInputFiles({ name: 'расписание.xml', mimeType: 'text/xml', buffer: XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer });
  await dialog.getByRole('button', { name: 'Проверить файл' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/^Файл «расписание\.xml» не принят: это архив или книга Excel \(\.xlsx, \.zip\), а не XML\./);
  await expect(dialog.getByRole('button', { name: 'Импортировать как черновик' })).toBeDisabled();
  await shot(page, 'timetable-11-import-refused');
  // A partial match: the school's classes and subjects are found, the file's teachers and groups would be created.
  await dialog.getByLabel('Файл расписания').setInputFiles(path.join(ROOT, 'test/fixtures/timetable/asc-2012-school-cp1251.xml'));
  await dialog.getByRole('button', { name: 'Проверить файл' }).click();
  await expect(dialog.getByText(/aSc TimeTables 2023\.24\.1, кодировка windows-1251; уроков в неделе: 50; недели А и Б/)).toBeVisible();
  await expect(dialog.getByText(/^Найдено в школе: .*5А; 5Б; /)).toBeVisible();
  await expect(dialog.getByText(/^Будет создано: Иванова А\.П\.; /)).toBeVisible();
  await expect(dialog.getByText('Конфликтов нет: учителя, кабинеты и классы нигде не заняты дважды.')).toBeVisible();
  await shot(page, 'timetable-08-import-preview');
  // Nothing is written before the deputy confirms.
  expect(timetables()).toBe(before);
  await dialog.getByLabel('Название расписания').fill('Из aSc');
  await dialog.getByRole('button', { name: 'Импортировать как черновик' }).click();
  await expect(page.getByText(/^Черновик, начало/)).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Конфликты', exact: true })).toBeVisible();
  await page.getByRole('tab', { name: 'Часы по плану и нагрузке' }).click();
  await expect(page.getByRole('table', { name: 'Часы по учебному плану' })).toBeVisible();
  await shot(page, 'timetable-09-hours');
  await page.getByRole('button', { name: 'По учителям (нагрузка)' }).click();
  await expect(page.getByRole('table', { name: 'Часы по нагрузке' })).toBeVisible();
  await shot(page, 'timetable-09a-teacher-load');
  await page.getByRole('button', { name: 'Печать и Excel…' }).click();
  const print = page.getByRole('dialog', { name: 'Печать расписания' });
  await print.getByLabel('Вся школа на одном листе (A3, альбомная)').check();
  const download = page.waitForEvent('download');
  await print.getByRole('button', { name: 'Сформировать PDF' }).click();
  expect((await download).suggestedFilename()).toMatch(/^Расписание школы с .*\.pdf$/);
});

test('the deputy sees the programme fulfilment of the plans and the control-work schedule, with a warning for a second work in a day', async ({ page, school }) => {
  // A class that already has a control work on a school day after today, and another subject of that class.
  const busy = query<{ className: string; date: string; subjectName: string }>(
    school.db,
    `SELECT c.name AS className, w.date AS date, s.name AS subjectName
       FROM control_works w JOIN school_classes c ON c.id = w.classId JOIN subjects s ON s.id = w.subjectId
      WHERE w.deletedAt IS NULL AND w.date > ? AND w.groupId IS NULL AND c.gradeLevel BETWEEN 5 AND 9
      ORDER BY w.date, c.gradeLevel, c.letter LIMIT 1`,
    TODAY,
  );
  await page.goto(school.url);
  await login(page, 'zavuch', PASSWORD);
  await page.getByRole('link', { name: 'КТП' }).click();
  await page.getByRole('button', { name: 'Все', exact: true }).click();
  const plans = page.getByRole('table', { name: 'КТП' });
  await expect(plans.getByRole('row').nth(1)).toContainText(/отставание \d+ ч|по плану|опережение \d+ ч/);
  await shot(page, 'plans-05-fulfilment');
  // The school's 570 pages are shown a page of rows at a time: the class is picked in the filter.
  await choose(page, page, 'Класс', new RegExp(`^${busy.className}$`));
  await plans.getByRole('row').filter({ hasText: busy.className }).first().getByRole('button', { name: 'Открыть' }).click();
  await expect(page.getByText(/^По расписанию в году уроков: \d+\. На 23\.11\.2026 по плану \d+ ч, проведено \d+ ч/)).toBeVisible();
  await shot(page, 'plans-06-plan-fulfilment');
  await page.getByRole('button', { name: 'К списку КТП' }).click();

  await page.getByRole('tab', { name: 'График контрольных работ' }).click();
  const works = page.getByRole('table', { name: 'График контрольных работ' });
  await expect(works).toBeVisible();
  await shot(page, 'plans-07-control-works');
  await page.getByRole('button', { name: 'Добавить работу' }).click();
  const add = page.getByRole('dialog', { name: 'Контрольная работа' });
  const other = await add.getByRole('combobox', { name: 'Класс и предмет' }).click().then(() =>
    page.getByRole('option', { name: new RegExp(`^${busy.className} — `) }).filter({ hasNotText: busy.subjectName }).first(),
  );
  const label = (await other.innerText()).trim();
  await other.click();
  const [y, m, d] = busy.date.split('-');
  await add.getByLabel('Дата', { exact: true }).fill(`${d}.${m}.${y}`);
  await add.getByLabel('Работа', { exact: true }).fill('Административная контрольная работа');
  await add.getByRole('button', { name: 'Сохранить' }).click();
  const confirm = page.getByRole('dialog', { name: 'Подтвердите изменение' });
  await expect(confirm).toContainText(busy.className);
  await shot(page, 'plans-08-control-limit-confirm');
  await confirm.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Контрольная работа внесена в график')).toBeVisible();
  await choose(page, page, 'Класс', busy.className);
  const [yy, mm, dd] = busy.date.split('-');
  await expect(page.getByRole('alert').filter({ hasText: `${busy.className}, ${dd}.${mm}.${yy}: ` })).toContainText('в один день (допускается 1)');
  await expect(works.getByRole('row').filter({ hasText: 'Административная контрольная работа' })).toContainText(label.split(' — ')[1]);
  await shot(page, 'plans-09-control-over-limit');
});
