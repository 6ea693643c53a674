/**
 * A week of real use (issue 16), on the generated demo school with the clock
 * at Monday 23.11.2026, 10:00 in Moscow: what the subject teacher, the class
 * teacher, the deputy and the director meet on their screens at 1366×768.
 * The demo is generated once for the file; every test gets its own copy and
 * its own browser host.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test as base, expect, type Page } from '@playwright/test';
import { shot, login, navItems, bridge, generateDemo, hostOnCopy } from './fixtures';

const PASSWORD = 'Пароль-2026';
const NOW = '2026-11-23T07:00:00.000Z';

interface Cast {
  /** A teacher who leads no class. */
  subjectTeacher: string;
  /** A class teacher and the class she leads. */
  classTeacher: string;
  className: string;
  /** A teacher with several lessons today (the deputy's day records her absent), and her login. */
  absent: { staffId: string; login: string };
  /** A two-hours-a-week subject of a whole class (ten lessons in September), its teacher and the I quarter. */
  twoHours: { login: string; classId: string; subjectId: string; periodId: string; september: number };
  /** A lesson of a whole class today, and its teacher. */
  todays: { login: string; classId: string; subjectId: string; lessonId: string };
}

const test = base.extend<{ url: string }, { demo: { file: string; cast: Cast } }>({
  demo: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
    async ({}, use) => {
      const { file, remove } = generateDemo('week');
      const db = new Database(file, { readonly: true });
      const subjectTeacher = db
        .prepare(
          `SELECT u.login FROM users u JOIN user_roles r ON r.userId = u.id AND r.role = 'teacher'
            WHERE u.staffId IS NOT NULL AND NOT EXISTS (SELECT 1 FROM user_roles x WHERE x.userId = u.id AND x.role <> 'teacher')
              AND NOT EXISTS (SELECT 1 FROM school_classes c WHERE c.classTeacherId = u.staffId)
              AND EXISTS (SELECT 1 FROM teaching_assignments t WHERE t.staffId = u.staffId)
            ORDER BY u.login LIMIT 1`,
        )
        .get() as { login: string };
      const classTeacher = db
        .prepare(
          `SELECT u.login, c.name FROM users u JOIN school_classes c ON c.classTeacherId = u.staffId
            WHERE c.gradeLevel = 7 ORDER BY c.letter LIMIT 1`,
        )
        .get() as { login: string; name: string };
      const absent = db
        .prepare(
          `SELECT l.staffId, u.login FROM lessons l JOIN users u ON u.staffId = l.staffId
            WHERE l.date = '2026-11-23' AND l.deletedAt IS NULL AND l.groupId IS NULL
            GROUP BY l.staffId HAVING COUNT(*) >= 3 ORDER BY COUNT(*) DESC, u.login LIMIT 1`,
        )
        .get() as { staffId: string; login: string };
      const twoHours = db
        .prepare(
          `SELECT u.login, t.classId, t.subjectId, p.id AS periodId,
                  (SELECT COUNT(*) FROM lessons l WHERE l.classId = t.classId AND l.subjectId = t.subjectId AND l.groupId IS NULL
                      AND l.deletedAt IS NULL AND l.date LIKE '2026-09-%') AS september
             FROM teaching_assignments t JOIN users u ON u.staffId = t.staffId JOIN school_classes c ON c.id = t.classId
             JOIN study_periods p ON p.kind = 'quarter' AND p.ordinal = 1 AND c.gradeLevel BETWEEN p.gradeFrom AND p.gradeTo
            WHERE t.hoursPerWeek = 2 AND t.groupId IS NULL AND c.gradeLevel BETWEEN 5 AND 9
            ORDER BY september DESC, u.login LIMIT 1`,
        )
        .get() as Cast['twoHours'];
      const todays = db
        .prepare(
          `SELECT u.login, l.classId, l.subjectId, l.id AS lessonId FROM lessons l
             JOIN users u ON u.staffId = l.staffId JOIN school_classes c ON c.id = l.classId
            WHERE l.date = '2026-11-23' AND l.groupId IS NULL AND l.deletedAt IS NULL AND l.substituteStaffId IS NULL AND c.gradeLevel BETWEEN 5 AND 9
              AND NOT EXISTS (SELECT 1 FROM lessons x WHERE x.classId = l.classId AND x.subjectId = l.subjectId AND x.date = l.date AND x.id <> l.id)
            ORDER BY c.gradeLevel, l.lessonNo LIMIT 1`,
        )
        .get() as Cast['todays'];
      db.close();
      await use({
        file,
        cast: { subjectTeacher: subjectTeacher.login, classTeacher: classTeacher.login, className: classTeacher.name, absent, twoHours, todays },
      });
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

test('a subject teacher is not offered the class teacher’s attendance week and diary; a class teacher is, under her title', async ({ page, url, demo }) => {
  await page.goto(url);
  await login(page, demo.cast.subjectTeacher, PASSWORD);
  await expect(page.getByTestId('current-user')).toContainText('Учитель');
  const items = await navItems(page);
  expect(items).not.toContain('Посещаемость');
  expect(items).not.toContain('Дневник');
  expect(items).not.toContain('Мой класс');
  // Typed as an address, the section is not there either: the teacher lands on her own.
  await page.goto(`${url}#/attendance`);
  await expect(page).toHaveURL(/#\/lessons$/);

  await page.getByRole('button', { name: 'Выйти' }).click();
  await login(page, demo.cast.classTeacher, PASSWORD);
  await expect(page.getByTestId('current-user')).toContainText(`Классный руководитель ${demo.cast.className}`);
  expect(await navItems(page)).toEqual(expect.arrayContaining(['Посещаемость', 'Дневник', 'Мой класс']));
});

test('the deputy lands on her day: who is away, lessons without a decision, changes not printed, fixes to confirm', async ({ page, url, demo }) => {
  test.setTimeout(150_000);
  await page.goto(url);
  await login(page, 'zavuch', PASSWORD);
  await expect(page).toHaveURL(/#\/today$/);
  const day = page.getByTestId('deputy-today');
  await expect(day.getByText('Отсутствий на сегодня не записано.')).toBeVisible();
  await expect(day.getByText('Все уроки дня обеспечены.')).toBeVisible();

  // The morning: a teacher calls in ill; one of her lessons gets a substitute; a remark to her is answered.
  const absence = await bridge(page, 'substitutions.saveAbsence', { staffId: demo.cast.absent.staffId, fromDate: '2026-11-23', toDate: '2026-11-23', reason: 'illness' });
  expect(absence.error).toBeUndefined();
  const open = await bridge(page, 'today.deputy', {});
  const first = open.value.open[0];
  const suggest = await bridge(page, 'substitutions.suggest', { lessonId: first.id });
  const applied = await bridge(page, 'substitutions.apply', { lessonId: first.id, kind: 'substitute', substituteStaffId: suggest.value.candidates[0].staffId });
  expect(applied.error).toBeUndefined();
  const remark = await bridge(page, 'control.addRemark', { toStaffId: demo.cast.absent.staffId, text: 'Не записаны темы уроков за 16–20.11.' });
  await page.getByRole('button', { name: 'Выйти' }).click();
  await login(page, demo.cast.absent.login, PASSWORD);
  await expect(page.getByTestId('current-user')).toBeVisible();
  expect((await bridge(page, 'control.fixRemark', { id: remark.value.id, fixNote: 'Темы записаны 23.11.' })).error).toBeUndefined();
  await page.getByRole('button', { name: 'Выйти' }).click();
  await login(page, 'zavuch', PASSWORD);

  await expect(page).toHaveURL(/#\/today$/);
  const absences = day.getByRole('region', { name: 'Отсутствуют учителя' });
  await expect(absences).toContainText('болезнь');
  await expect(absences).toContainText(`без решения: ${open.value.open.length - 1}`);
  await expect(day.getByRole('region', { name: 'Уроки без решения' }).getByText(/-й урок ·/)).toHaveCount(open.value.open.length - 1);
  await expect(day.getByRole('region', { name: 'Замены не напечатаны' })).toContainText('Для классов: 1 строка');
  await expect(day.getByRole('region', { name: 'Замечания ждут подтверждения' })).toContainText('Темы записаны 23.11.');
  await shot(page, 'week-deputy-today');

  // Each card leads to where the work is done.
  await day.getByRole('link', { name: 'Замены на дату' }).click();
  await expect(page.getByRole('tab', { name: 'Замены на дату', selected: true })).toBeVisible();
  await page.goBack();
  await day.getByRole('link', { name: 'Замечания' }).click();
  await expect(page.getByRole('table', { name: 'Замечания учителям' })).toContainText('Темы записаны 23.11.');
});

test('the class teacher’s attendance week shows all six days at 1366×768, the weekly totals after them', async ({ page, url, demo }) => {
  await page.goto(url);
  await login(page, demo.cast.classTeacher, PASSWORD);
  await page.getByRole('link', { name: 'Посещаемость' }).click();
  // A week of the I quarter, with absences on record.
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Предыдущая неделя' }).click();
  await expect(page.getByTestId('week-range')).toHaveText('19.10.2026 — 24.10.2026');
  const grid = page.getByTestId('attendance-grid');
  await expect(grid.locator('tbody tr').first()).toBeVisible();
  // Nothing to scroll sideways: Monday to Saturday and the totals are all on the screen.
  const { scrollWidth, clientWidth } = await grid.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  const saturday = grid.locator('thead th', { hasText: 'Сб, 24.10' });
  const totals = grid.locator('thead th', { hasText: 'Итого за неделю' });
  const sat = (await saturday.boundingBox())!;
  const tot = (await totals.boundingBox())!;
  expect(sat.x + sat.width).toBeLessThanOrEqual(1366);
  expect(tot.x).toBeGreaterThanOrEqual(sat.x + sat.width - 1);
  expect(tot.x + tot.width).toBeLessThanOrEqual(1366);
  // The pointer off the week buttons, so that their tooltip does not cover the grid in the picture.
  await page.getByRole('heading', { name: 'Посещаемость' }).hover();
  await shot(page, 'week-attendance');
});

/** The lesson dates of a month whose header is wholly on the screen, between the names and the averages. */
async function visibleDates(page: Page, month: string): Promise<number> {
  return page.getByTestId('journal-grid').evaluate((grid, m) => {
    const left = grid.querySelector('.jg-head .jg-name')!.getBoundingClientRect().right;
    const right = grid.querySelector('.jg-head .jg-right')!.getBoundingClientRect().left;
    return [...grid.querySelectorAll<HTMLElement>('.jg-day')].filter((d) => {
      const r = d.getBoundingClientRect();
      return (d.title ?? '').slice(3, 5) === m && r.left >= left - 1 && r.right <= right + 1 && r.right <= window.innerWidth;
    }).length;
  }, month);
}

test('the journal page shows a whole month of a two-hours-a-week subject at 1366×768, with the lesson panel open too', async ({ page, url, demo }) => {
  const c = demo.cast.twoHours;
  expect(c.september).toBeGreaterThanOrEqual(9);
  await page.goto(url);
  await login(page, c.login, PASSWORD);
  await expect(page.getByRole('heading', { name: 'Мои уроки' })).toBeVisible();
  await page.goto(`${url}#/journal?c=${c.classId}&s=${c.subjectId}&p=${c.periodId}`);
  const grid = page.getByTestId('journal-grid');
  await expect(grid.locator('.jg-day').first()).toBeVisible();
  await grid.focus();
  await page.keyboard.press('Control+Home');
  await expect(grid.locator('.jc.active')).toHaveAttribute('data-col', '0');
  expect(await visibleDates(page, '09')).toBe(c.september);

  // The lesson panel open beside the grid: September is still all there.
  await grid.locator('.jg-day').first().click();
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
  expect(await visibleDates(page, '09')).toBe(c.september);
  await shot(page, 'week-journal-month');
});

test('from a grid cell to the lesson’s topic and homework by keyboard, and back to the same cell', async ({ page, url, demo }) => {
  const c = demo.cast.todays;
  await page.goto(url);
  await login(page, c.login, PASSWORD);
  await expect(page.getByRole('heading', { name: 'Мои уроки' })).toBeVisible();
  await page.goto(`${url}#/journal?c=${c.classId}&s=${c.subjectId}`);
  const grid = page.getByTestId('journal-grid');
  await expect(page.getByText('Ctrl+Enter — тема и домашнее задание урока')).toBeVisible();
  await expect(grid.locator('.jc.active')).toBeVisible();
  await grid.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const col = await grid.locator('.jc.active').getAttribute('data-col');
  await expect(grid.locator('.jc.active')).toHaveAttribute('data-row', '2');
  expect(await page.getByTestId('lesson-panel').count()).toBe(0);

  await page.keyboard.press('Control+Enter');
  const panel = page.getByTestId('lesson-panel');
  await expect(panel).toContainText('23.11.2026');
  await expect(page.getByTestId('lesson-topic')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Повторение: решение задач');
  // Tab moves on within the panel, to the homework (past «Взять из КТП», when the plan offers its topic).
  await page.keyboard.press('Tab');
  if (!(await page.getByTestId('lesson-homework').evaluate((el) => el === document.activeElement))) await page.keyboard.press('Tab');
  await expect(page.getByTestId('lesson-homework')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('§ 12, № 3–5');
  await page.keyboard.press('Escape');

  // Back in the grid, on the same cell; the text left behind is saved.
  await expect(grid).toBeFocused();
  await expect(grid.locator('.jc.active')).toHaveAttribute('data-row', '2');
  await expect(grid.locator('.jc.active')).toHaveAttribute('data-col', col!);
  await expect(panel.getByRole('status')).toHaveText('Сохранено');
  const saved = await bridge(page, 'journal.getPage', { classId: c.classId, subjectId: c.subjectId });
  const lesson = (saved.value.lessons as { id: string; topic: string; homework: string }[]).find((l) => l.id === c.lessonId)!;
  expect([lesson.topic, lesson.homework]).toEqual(['Повторение: решение задач', '§ 12, № 3–5']);
  // And the keyboard works the grid again.
  await page.keyboard.press('ArrowUp');
  await expect(grid.locator('.jc.active')).toHaveAttribute('data-row', '1');
});

test('Контроль: the check reads worst first with nothing cut off on the right; the director reads the same check without writing', async ({ page, url }) => {
  test.setTimeout(180_000);
  await page.goto(url);
  await login(page, 'zavuch', PASSWORD);
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Контроль' }).click();
  await page.getByRole('button', { name: 'Проверить' }).click();
  const table = page.getByTestId('check-pages');
  await expect(table.locator('tbody tr').first()).toBeVisible({ timeout: 60_000 });
  const fit = await table.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, right: el.getBoundingClientRect().right }));
  expect(fit.scroll).toBeLessThanOrEqual(fit.client);
  expect(fit.right).toBeLessThanOrEqual(1366);
  // Worst first: the number of kinds of findings never grows down the list.
  const kinds = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td:last-child .MuiChip-root').length));
  expect(kinds[0]).toBeGreaterThan(0);
  expect(kinds).toEqual([...kinds].sort((a, b) => b - a));
  await shot(page, 'week-control-check');
  // By class, on asking.
  await page.getByRole('button', { name: 'По порядку классов' }).click();
  await expect(table.locator('tbody tr').first().locator('td').first()).toHaveText(/^(1|2|3|4|5)[А-Я]/);

  await page.getByRole('button', { name: 'Выйти' }).click();
  await login(page, 'director', PASSWORD);
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Контроль' }).click();
  await expect(page.getByText('вы видите их результаты, замечания учителям и справки без права изменений')).toBeVisible();
  await page.getByRole('button', { name: 'Проверить' }).click();
  await expect(table.locator('tbody tr').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Справка по итогам проверки' })).toHaveCount(0);
  await table.locator('tbody tr').first().locator('.MuiChip-root').first().click();
  const drill = page.getByRole('dialog');
  await expect(drill.getByRole('button', { name: 'Закрыть' })).toBeVisible();
  await expect(drill.getByRole('button', { name: /Замечание|Записать замечание/ })).toHaveCount(0);
});

test('КТП for the administration: filtered by class and teacher, a page of rows at a time', async ({ page, url }) => {
  await page.goto(url);
  await login(page, 'zavuch', PASSWORD);
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'КТП' }).click();
  const table = page.getByRole('table', { name: 'КТП' });
  await expect(table.locator('tbody tr').first()).toBeVisible();
  expect(await table.locator('tbody tr').count()).toBeLessThanOrEqual(30);
  await expect(page.getByText(/^1–30 из \d{3}$/)).toBeVisible();
  await page.getByLabel('Класс').click();
  await page.getByRole('option', { name: '7А', exact: true }).click();
  const rows = table.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const classes = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')!.textContent!.split(',')[0]));
  expect(new Set(classes)).toEqual(new Set(['7А']));
  await page.getByLabel('Класс').click();
  await page.getByRole('option', { name: 'Все классы' }).click();
  await page.getByLabel('Учитель').click();
  const teacher = page.getByRole('option').nth(1);
  const name = (await teacher.textContent())!;
  await teacher.click();
  await expect(rows.first()).toContainText(name);
});

test('small things: the timetable names each day once, a view toggle shows its choice, the journal explains «Взв.» and «Отм.»', async ({ page, url, demo }) => {
  await page.goto(url);
  await login(page, 'zavuch', PASSWORD);
  const nav = (name: string) => page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name }).click();
  await nav('Расписание');
  // «Понедельник», not «Пн понедельник».
  await expect(page.getByRole('columnheader', { name: 'Понедельник' })).toHaveText('Понедельник');
  await expect(page.getByRole('columnheader', { name: 'Пятница' })).toHaveText('Пятница');
  // A class whose teachers have long names: every card's teacher and room are there in full, none cut off.
  await page.getByRole('toolbar', { name: 'Вид недели' }).getByRole('combobox', { name: 'Класс' }).click();
  await page.getByRole('option', { name: '5А', exact: true }).click();
  const cards = page.locator('[data-lesson]');
  await expect(cards.first()).toBeVisible();
  const cut = await cards.evaluateAll((all) =>
    all.flatMap((card) => [...card.querySelectorAll<HTMLElement>('span, div')].filter((el) => el.children.length === 0 && el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent)),
  );
  expect(cut).toEqual([]);
  await shot(page, 'week-timetable-days');

  // КТП: the chosen view is filled with the primary colour; the other reads as a button, not as switched off.
  await nav('КТП');
  const all = page.getByRole('button', { name: 'Все', exact: true });
  const mine = page.getByRole('button', { name: 'Мои', exact: true });
  await expect(all).toHaveAttribute('aria-pressed', 'true');
  const colours = async (b: typeof all) => b.evaluate((el) => ({ color: getComputedStyle(el).color, background: getComputedStyle(el).backgroundColor }));
  expect(await colours(all)).toEqual({ color: 'rgb(255, 255, 255)', background: 'rgb(29, 91, 140)' });
  expect((await colours(mine)).color).toBe('rgb(27, 36, 48)');
  await shot(page, 'week-ktp-toggle');
  await page.getByRole('button', { name: 'Выйти' }).click();

  // The journal: «Взв.» and «Отм.» say what they count, on hover.
  const c = demo.cast.twoHours;
  await login(page, c.login, PASSWORD);
  await expect(page.getByRole('heading', { name: 'Мои уроки' })).toBeVisible();
  await page.goto(`${url}#/journal?c=${c.classId}&s=${c.subjectId}&p=${c.periodId}`);
  const grid = page.getByTestId('journal-grid');
  await grid.getByRole('columnheader', { name: 'Взв.' }).hover();
  await expect(page.getByRole('tooltip')).toContainText(/Средневзвешенный балл: каждая отметка считается с весом своего вида работы — «[^»]+» ×\d/);
  await shot(page, 'week-weighted-hint');
  await grid.getByRole('columnheader', { name: 'Отм.' }).hover();
  await expect(page.getByRole('tooltip')).toContainText(/Число отметок за период; для итоговой отметки нужно не менее \d+\./);
});

test('the director’s Школа opens on the whole school’s students, drawing only the rows in view; the list still scrolls to the last', async ({ page, url }) => {
  await page.goto(url);
  await login(page, 'director', PASSWORD);
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Школа' }).click();
  const table = page.getByRole('table', { name: 'Обучающиеся' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  const total = Number((await page.getByText(/^\d[\d\s]* обучающ/).textContent())!.replace(/\D/g, ''));
  expect(total).toBeGreaterThan(1000);
  expect(await table.getByRole('row').count()).toBeLessThan(60);
  // Scrolled to the end, the last student of the list is there, numbered as the list counts.
  await table.evaluate((el) => {
    const box = el.parentElement!;
    box.scrollTop = box.scrollHeight;
  });
  await expect(table.getByRole('row').last().getByRole('cell').first()).toHaveText(String(total));
});

test('the сводная ведомость of a class of 29 prints on four landscape pages, the marks taking the width', async ({ page, url, demo }) => {
  await page.goto(url);
  await login(page, 'zavuch', PASSWORD);
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Отчёты' }).click();
  await page.getByRole('combobox', { name: 'Класс' }).click();
  await page.getByRole('option', { name: demo.cast.className, exact: true }).click();
  const download = page.waitForEvent('download', { timeout: 90_000 });
  await page.getByRole('button', { name: 'PDF', exact: true }).click();
  const file = await download;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-e2e-sheet-'));
  try {
    const pdf = path.join(dir, 'sheet.pdf');
    await file.saveAs(pdf);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    expect(pages).toBeLessThanOrEqual(4);
    // The first page as it prints, to look at (test-results/screens/week-final-sheet-1.png).
    const screens = path.resolve(__dirname, '../../test-results/screens');
    fs.mkdirSync(screens, { recursive: true });
    execFileSync('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '2', pdf, path.join(screens, 'week-final-sheet')]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
