import crypto from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Locator, Page } from '@playwright/test';
import { test, expect, shot, SCHOOL_NAME } from './fixtures';

/**
 * A new school set up from an empty database by the administrator, through
 * the screens only (issue 3, «How it will be checked»): the year, quarters,
 * holidays, bells, two classes, subjects, the curriculum, the teaching load, a
 * split into subgroups, a user with the credentials slip; students imported
 * from an XLSX file with one broken row (refused whole, the row named), then
 * fixed and imported; a student transferred between classes with marks in
 * both, each mark staying where it was given; the load comparison showing
 * the hours not yet assigned.
 */
const FIXTURES = path.resolve(__dirname, '../fixtures/import');

async function choose(scope: Page | Locator, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  const page = 'page' in scope ? scope.page() : scope;
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Lessons and marks come from the journal, which is not this screen's: they are written straight into the school's database. */
function seedLessonWithMark(dataDir: string, className: string, date: string, studentLastName: string, value: string): void {
  const db = new Database(path.join(dataDir, 'school.sqlite'));
  try {
    const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T;
    const cls = one<{ id: string; yearId: string }>('SELECT id, yearId FROM school_classes WHERE name = ? AND deletedAt IS NULL', className);
    const subject = one<{ id: string }>("SELECT id FROM subjects WHERE name = 'Математика'");
    const staff = one<{ id: string }>("SELECT id FROM staff WHERE lastName = 'Иванова'");
    const student = one<{ id: string }>('SELECT id FROM students WHERE lastName = ?', studentLastName);
    const workType = one<{ id: string }>("SELECT id FROM work_types WHERE name = 'Работа на уроке'");
    const user = one<{ id: string }>("SELECT id FROM users WHERE login = 'admin'");
    const now = new Date().toISOString();
    const lessonId = crypto.randomUUID();
    db.prepare(
      `INSERT INTO lessons (id, yearId, date, lessonNo, classId, subjectId, staffId, topic, topicLate, homeworkLate, status, createdAt, updatedAt)
       VALUES (?, ?, ?, 2, ?, ?, ?, 'Действия с дробями', 0, 0, 'given', ?, ?)`,
    ).run(lessonId, cls.yearId, date, cls.id, subject.id, staff.id, now, now);
    db.prepare(
      `INSERT INTO marks (id, lessonId, studentId, value, numericValue, workTypeId, weight, setAt, setBy, late, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, 0, ?, ?)`,
    ).run(crypto.randomUUID(), lessonId, student.id, value, Number(value), workType.id, now, user.id, now, now);
  } finally {
    db.close();
  }
}

test('a new school is set up by the administrator, students imported, a student transferred', async ({ page, host }) => {
  test.setTimeout(420_000);
  const dialog = page.getByRole('dialog');

  // The first run: the school and its administrator.
  await page.goto(host.url);
  await page.getByText('Создать новую школу').click();
  const fill = (name: string, value: string) => page.locator(`input[name="${name}"]`).fill(value);
  await fill('schoolName', SCHOOL_NAME);
  await fill('schoolShortName', 'СОШ № 1');
  await fill('admin.lastName', 'Соколова');
  await fill('admin.firstName', 'Ирина');
  await fill('admin.middleName', 'Петровна');
  await fill('admin.login', 'admin');
  await fill('admin.password', 'Пароль-2026');
  await fill('confirm', 'Пароль-2026');
  await page.getByRole('button', { name: 'Создать школу' }).click();
  await expect(page.getByTestId('current-user')).toContainText('Соколова Ирина Петровна');

  // The academic year.
  await page.getByRole('link', { name: 'Школа' }).click();
  await expect(page.getByRole('tab', { name: 'Год и звонки' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Новый учебный год' }).click();
  await dialog.getByLabel('Начало').fill('01.09.2026');
  await dialog.getByLabel('Окончание').fill('31.05.2027');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('heading', { name: 'Учебный год 2026/2027' })).toBeVisible();

  // Quarters; a period that ends before it starts is refused next to its field.
  const quarters: [string, string][] = [
    ['01.09.2026', '24.10.2026'],
    ['05.11.2026', '28.12.2026'],
    ['12.01.2027', '20.03.2027'],
    ['30.03.2027', '26.05.2027'],
  ];
  for (const [i, [start, end]] of quarters.entries()) {
    await page.getByRole('button', { name: 'Добавить период' }).click();
    await expect(dialog.getByRole('combobox', { name: 'Номер' })).toHaveText(String(i + 1));
    await choose(dialog, 'По параллель', '11');
    if (i === 0) {
      await dialog.getByLabel('Начало').fill('24.10.2026');
      await dialog.getByLabel('Окончание').fill('01.09.2026');
      await dialog.getByRole('button', { name: 'Сохранить' }).click();
      await expect(dialog.getByText('Период должен заканчиваться не раньше, чем начинается').first()).toBeVisible();
      await shot(page, 'school-01-period-error');
    }
    await dialog.getByLabel('Начало').fill(start);
    await dialog.getByLabel('Окончание').fill(end);
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await expect(dialog).toBeHidden();
  }
  const periods = page.getByRole('table', { name: 'Учебные периоды' });
  await expect(periods.getByRole('row')).toHaveCount(5);
  await expect(periods).toContainText('IV четверть');

  // Holidays: one outside the year is refused.
  const holiday = async (name: string, start: string, end: string) => {
    await page.getByRole('region', { name: 'Каникулы и праздничные дни' }).getByRole('button', { name: 'Добавить' }).click();
    await dialog.getByLabel('Название').fill(name);
    await dialog.getByLabel('С', { exact: true }).fill(start);
    await dialog.getByLabel('По (включительно)').fill(end);
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
  };
  await holiday('Летние каникулы', '01.06.2027', '31.08.2027');
  await expect(dialog.getByText('Дата вне учебного года: он заканчивается 31.05.2027')).toBeVisible();
  await dialog.getByRole('button', { name: 'Отмена' }).click();
  await holiday('Осенние каникулы', '26.10.2026', '04.11.2026');
  await expect(dialog).toBeHidden();
  await holiday('Зимние каникулы', '29.12.2026', '11.01.2027');
  await expect(dialog).toBeHidden();

  // Bells: five lessons of the first shift.
  await page.getByRole('button', { name: 'Добавить режим' }).click();
  for (let i = 0; i < 4; i++) await dialog.getByRole('button', { name: 'Добавить урок' }).click();
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('group', { name: 'Режим «Основной»' })).toContainText('5 урок');
  await shot(page, 'school-02-year');

  // Subjects, with the grading systems and work types of the regulations.
  await page.getByRole('tab', { name: 'Предметы' }).click();
  await page.getByRole('button', { name: 'Заполнить' }).click();
  await expect(page.getByRole('table', { name: 'Виды работ' })).toContainText('к следующему уроку');
  for (const name of ['Математика', 'Русский язык', 'Английский язык']) {
    await page.getByRole('button', { name: 'Добавить предмет' }).click();
    await dialog.getByLabel('Название').fill(name);
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await expect(dialog).toBeHidden();
  }
  await shot(page, 'school-03-subjects');

  // Staff: three teachers with the subjects they teach.
  await page.getByRole('tab', { name: 'Сотрудники' }).click();
  const teachers: [string, string, string, string, string][] = [
    ['Петрова', 'Мария', 'Ивановна', 'Учитель русского языка и литературы', 'Русский язык'],
    ['Иванова', 'Анна', 'Петровна', 'Учитель математики', 'Математика'],
    ['Орлова', 'Нина', 'Сергеевна', 'Учитель английского языка', 'Английский язык'],
  ];
  for (const [last, first, middle, position, subject] of teachers) {
    await page.getByRole('button', { name: 'Добавить сотрудника' }).click();
    await dialog.getByLabel('Фамилия').fill(last);
    await dialog.getByLabel('Имя', { exact: true }).fill(first);
    await dialog.getByLabel('Отчество').fill(middle);
    await dialog.getByLabel('Должность').fill(position);
    await dialog.getByLabel(subject).check();
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await expect(dialog).toBeHidden();
  }

  // Two classes; a second 5А is refused next to the letter.
  await page.getByRole('tab', { name: 'Классы' }).click();
  const addClass = async (grade: string, letter: string, teacher: string) => {
    await page.getByRole('button', { name: 'Добавить класс' }).click();
    await choose(dialog, 'Параллель', grade);
    await dialog.getByLabel('Буква').fill(letter);
    await choose(dialog, 'Классный руководитель', teacher);
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
  };
  await addClass('5', 'а', 'Петрова Мария Ивановна');
  await expect(dialog).toBeHidden();
  await addClass('5', 'Б', 'Иванова Анна Петровна');
  await expect(dialog).toBeHidden();
  await addClass('5', 'А', 'Орлова Нина Сергеевна');
  await expect(dialog.getByText('Класс 5А уже есть в 2026/2027 учебном году')).toBeVisible();
  await shot(page, 'school-04-class-error');
  await dialog.getByRole('button', { name: 'Отмена' }).click();
  await expect(page.getByTestId('class-5А')).toContainText('Петрова М.И.');

  // The curriculum: hours a week, typed like a spreadsheet.
  await page.getByRole('tab', { name: 'Учебный план' }).click();
  const cell = (subject: string, cls: string) => page.getByLabel(`${subject}, ${cls}: часов в неделю`);
  for (const [subject, hours] of [['Математика', '5'], ['Русский язык', '5'], ['Английский язык', '3']]) {
    for (const cls of ['5А', '5Б']) {
      await cell(subject, cls).fill(hours);
      await cell(subject, cls).press('Enter');
    }
  }
  await page.getByRole('tab', { name: 'Нагрузка' }).click();
  await expect(page.getByTestId('load-unassigned')).toHaveText('26 ч');
  await page.getByRole('tab', { name: 'Учебный план' }).click();
  await expect(page.getByRole('table', { name: 'Учебный план' }).getByRole('row').last()).toContainText('13');
  await shot(page, 'school-05-curriculum');

  // Students from Excel: the file with a wrong date is refused whole, naming its row.
  await page.getByRole('tab', { name: 'Загрузка' }).click();
  await page.getByLabel('№ приказа о зачислении').fill('101-у');
  await page.getByLabel('Дата зачисления').fill('01.09.2026');
  await page.locator('input[type="file"]').setInputFiles(path.join(FIXTURES, 'students-broken.xlsx'));
  await expect(page.getByTestId('import-summary')).toHaveText('8 строк, с ошибками: 1');
  await expect(page.getByTestId('import-row-5')).toContainText('Дата рождения: неверная дата «31.02.2015» — такой даты нет в календаре');
  await page.getByRole('button', { name: 'Загрузить 8 строк' }).click();
  await expect(page.getByTestId('import-error')).toContainText(
    'Файл «students-broken.xlsx» не загружен — ничего не записано: ошибки в 1 строке из 8. Строка 5: Дата рождения: неверная дата «31.02.2015»',
  );
  await shot(page, 'school-06-import-refused');
  await page.getByRole('tab', { name: 'Ученики' }).click();
  await expect(page.getByText('Обучающихся не найдено.')).toBeVisible();

  await page.getByRole('tab', { name: 'Загрузка' }).click();
  await page.getByLabel('№ приказа о зачислении').fill('101-у');
  await page.getByLabel('Дата зачисления').fill('01.09.2026');
  await page.locator('input[type="file"]').setInputFiles(path.join(FIXTURES, 'students.xlsx'));
  await expect(page.getByTestId('import-summary')).toHaveText('8 строк, ошибок нет');
  await shot(page, 'school-07-import-preview');
  await page.getByRole('button', { name: 'Загрузить 8 строк' }).click();
  await expect(page.getByText('Загружено: 8 обучающихся, 10 представителей.')).toBeVisible();

  await page.getByRole('tab', { name: 'Ученики' }).click();
  await expect(page.getByRole('table', { name: 'Обучающиеся' }).getByRole('row')).toHaveCount(9);
  await shot(page, 'school-08-students');

  // Subgroups: 5А split for English from 1 September; a move in the middle of the II quarter needs the deputy.
  await page.getByRole('tab', { name: 'Подгруппы' }).click();
  await page.getByLabel('Состав на дату').fill('01.09.2026');
  await page.getByRole('button', { name: 'Разделить на подгруппы' }).click();
  await choose(dialog, 'Предмет', 'Английский язык');
  await dialog.getByRole('button', { name: 'Разделить' }).click();
  await expect(dialog).toBeHidden();
  await page.getByLabel('Состав на дату').fill('23.11.2026');
  const first = page.getByTestId('group-Английский язык-1 подгруппа');
  const second = page.getByTestId('group-Английский язык-2 подгруппа');
  await expect(first).toContainText('1 подгруппа · 2');
  await expect(second).toContainText('2 подгруппа · 2');
  await first.getByRole('listitem').filter({ hasText: 'Андреев Кирилл' }).dragTo(second);
  await page.getByRole('button', { name: 'Сохранить изменения (1)' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'середина периода «II четверть»' })).toContainText(
    'В середине периода перевод подтверждает заместитель директора по УВР с указанием причины.',
  );
  await shot(page, 'school-09-groups');
  await page.getByRole('button', { name: 'Отменить' }).click();

  // The load: assigned line by line; the comparison shows what is still unassigned.
  await page.getByRole('tab', { name: 'Нагрузка' }).click();
  const assign = async (row: string, teacher: string) => {
    await page.getByTestId(row).getByRole('button', { name: 'Назначить' }).click();
    await choose(dialog, 'Учитель', teacher);
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await expect(dialog).toBeHidden();
  };
  await assign('load-5А-Математика', 'Иванова Анна Петровна');
  await assign('load-5А-Русский язык', 'Петрова Мария Ивановна');
  await assign('load-5А-Английский язык-1 подгруппа', 'Орлова Нина Сергеевна');
  // 5А: 5 + 5 + 3 + 3 = 16 planned, 3 unassigned (English, subgroup 2); 5Б: 13 planned, none assigned.
  await expect(page.getByTestId('load-unassigned')).toHaveText('16 ч');
  await expect(page.getByTestId('load-5А-Английский язык-2 подгруппа')).toContainText('не распределено 3 ч');
  await expect(page.getByTestId('load-5Б-Математика')).toContainText('не распределено 5 ч');
  await shot(page, 'school-10-load');
  await page.getByRole('button', { name: 'По учителям' }).click();
  await expect(page.getByRole('table', { name: 'Нагрузка по учителям' })).toContainText('Иванова А.П.');
  await shot(page, 'school-11-load-teachers');

  // A user for a teacher, with the slip to hand over in person.
  await page.getByRole('tab', { name: 'Сотрудники' }).click();
  await page.getByTestId('staff-Иванова').getByRole('button', { name: 'Создать' }).click();
  await expect(dialog.getByLabel('Логин')).toHaveValue('ivanova.ap');
  await dialog.getByRole('button', { name: 'Создать' }).click();
  await expect(page.getByTestId('temporary-password')).toBeVisible();
  await page.getByRole('button', { name: 'Бланк для печати' }).click();
  const slip = page.getByTestId('credentials-slip');
  await expect(slip).toContainText('ivanova.ap');
  await expect(slip).toContainText('Иванова Анна Петровна');
  await expect(slip).toContainText(await page.getByTestId('temporary-password').innerText());
  await shot(page, 'school-12-credentials-slip');
  await page.getByRole('button', { name: 'Закрыть' }).click();
  await page.getByRole('button', { name: 'Пароль передан, закрыть' }).click();
  await expect(page.getByTestId('staff-Иванова')).toContainText('ivanova.ap');

  // A transfer with marks in both classes: each mark stays where it was given.
  seedLessonWithMark(host.dataDir, '5А', '2026-11-10', 'Белова', '4');
  await page.getByRole('tab', { name: 'Ученики' }).click();
  await page.getByTestId('student-Белова Анна Сергеевна').click();
  await dialog.getByRole('tab', { name: 'Движение' }).click();
  await dialog.getByRole('button', { name: 'Перевести в другой класс' }).click();
  const transfer = page.getByRole('dialog', { name: 'Перевод: Белова Анна Сергеевна' });
  await choose(transfer, 'В класс', '5Б');
  await transfer.getByLabel('Первый день в новом классе').fill('09.11.2026');
  await transfer.getByLabel('№ приказа').fill('150-у');
  await transfer.getByRole('button', { name: 'Перевести' }).click();
  await expect(transfer.getByText(/последняя запись — 10\.11\.2026\): перевод с этой даты убрал бы их со страниц журнала класса/)).toBeVisible();
  await shot(page, 'school-13-transfer-refused');
  await transfer.getByLabel('Первый день в новом классе').fill('16.11.2026');
  await transfer.getByRole('button', { name: 'Перевести' }).click();
  await expect(transfer).toBeHidden();
  seedLessonWithMark(host.dataDir, '5Б', '2026-11-17', 'Белова', '5');
  await page.getByRole('button', { name: 'Закрыть' }).click();

  await page.getByTestId('student-Белова Анна Сергеевна').click();
  await expect(dialog).toContainText('5Б, с 16.11.2026');
  await dialog.getByRole('tab', { name: 'Отметки' }).click();
  await expect(dialog.getByTestId('marks-5А-Математика')).toContainText('4 (10.11)');
  await expect(dialog.getByTestId('marks-5Б-Математика')).toContainText('5 (17.11)');
  await shot(page, 'school-14-marks-by-class');
  await dialog.getByRole('tab', { name: 'Движение' }).click();
  await expect(dialog.getByRole('table', { name: 'Движение обучающегося' })).toContainText('5А → 5Б');
  await page.getByRole('button', { name: 'Закрыть' }).click();

  // The old class lists her as left from the transfer date.
  await choose(page, 'Класс', '5А');
  await page.getByLabel('С выбывшими за год').check();
  await expect(page.getByTestId('student-Белова Анна Сергеевна')).toContainText('выбыл(а) из 5А с 16.11.2026');
  await shot(page, 'school-15-left-class');

  // The book of movements and the consent lists: the secretary's and the deputy's views.
  await page.getByRole('tab', { name: 'Движение' }).click();
  await expect(page.getByRole('table', { name: 'Движение обучающихся' })).toContainText('Перевод в другой класс');
  await shot(page, 'school-16-movement-book');
  await page.getByRole('tab', { name: 'Согласия' }).click();
  await expect(page.getByTestId('no-consent-5А')).toContainText('3 из 3');
  await expect(page.getByTestId('unchecked-classes')).toContainText('Не проверены в ноябре 2026: 5А, 5Б');
  await shot(page, 'school-17-consent');
});
