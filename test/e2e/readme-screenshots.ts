/**
 * The README's screenshots, made again by one command (after `npm run build:renderer`):
 *
 *   npx tsx test/e2e/readme-screenshots.ts
 *
 * The demo school (seed 17, kept up to Monday 23.11.2026) in the browser host
 * with its clock at 09:30 that day, Debian's Chromium at 1366×768, as the
 * end-to-end tests see it: the deputy's day, a journal page, the timetable,
 * and the first page of the сводная ведомость as it prints.
 * Writes docs/screenshots/*.png.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Page } from '@playwright/test';
import { ADMIN, NOW, generateDemo, hostOnCopy, login } from './fixtures';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'docs', 'screenshots');

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow', reducedMotion: 'reduce' });
  const page = await context.newPage();
  const shot = async (name: string) => {
    // No hover effect where the last click was.
    await page.mouse.move(1365, 767);
    await page.screenshot({ path: path.join(OUT, `${name}.png`), animations: 'disabled' });
    console.log(`  docs/screenshots/${name}.png`);
  };

  console.log('Демонстрационная школа…');
  const demo = generateDemo('readme');
  const db = new Database(demo.file, { readonly: true });
  const leader = db
    .prepare(
      `SELECT u.login AS teacher, c.id AS classId, c.name AS className FROM school_classes c JOIN users u ON u.staffId = c.classTeacherId
        WHERE c.gradeLevel = 5 ORDER BY c.letter LIMIT 1`,
    )
    .get() as { teacher: string; classId: string; className: string };
  // A teacher with several lessons of whole classes today: the one who calls in ill.
  const absent = db
    .prepare(
      `SELECT l.staffId FROM lessons l WHERE l.date = ? AND l.deletedAt IS NULL AND l.groupId IS NULL
        GROUP BY l.staffId HAVING COUNT(*) >= 3 ORDER BY COUNT(*) DESC, l.staffId LIMIT 1`,
    )
    .get(NOW.slice(0, 10)) as { staffId: string };
  db.close();
  const cast = { ...leader, absentStaffId: absent.staffId };
  const host = await hostOnCopy(demo.file, NOW);
  try {
    await page.goto(host.url);

    // The deputy's first screen on a usual morning: a teacher has called in ill, one of her lessons already has a substitute.
    await login(page, 'zavuch', ADMIN.password);
    await page.getByTestId('deputy-today').waitFor();
    await call(page, 'substitutions.saveAbsence', { staffId: cast.absentStaffId, fromDate: NOW.slice(0, 10), toDate: NOW.slice(0, 10), reason: 'illness' });
    const day = (await call(page, 'today.deputy', {})) as { open: { id: string }[] };
    const suggested = (await call(page, 'substitutions.suggest', { lessonId: day.open[0].id })) as { candidates: { staffId: string }[] };
    await call(page, 'substitutions.apply', { lessonId: day.open[0].id, kind: 'substitute', substituteStaffId: suggested.candidates[0].staffId });
    await page.reload();
    await page.getByTestId('deputy-today').getByRole('region', { name: 'Отсутствуют учителя' }).getByText('болезнь').waitFor();
    await shot('deputy-today');

    // The timetable of the class.
    await nav(page, 'Расписание');
    const week = page.getByRole('toolbar', { name: 'Вид недели' });
    await week.getByRole('combobox', { name: 'Класс' }).click();
    await page.getByRole('option', { name: cast.className, exact: true }).click();
    await page.getByRole('gridcell', { name: /^Понедельник, 1 урок/ }).first().waitFor();
    await shot('timetable');

    // The сводная ведомость of the class, first page, as it prints.
    const built = (await call(page, 'reports.build', { report: { kind: 'finalSheet', classId: cast.classId }, format: 'pdf', action: 'print' })) as { file: { base64: string } };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-readme-pdf-'));
    try {
      const pdf = path.join(dir, 'sheet.pdf');
      fs.writeFileSync(pdf, Buffer.from(built.file.base64, 'base64'));
      execFileSync('pdftoppm', ['-png', '-r', '90', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(OUT, 'final-sheet')]);
      console.log('  docs/screenshots/final-sheet.png');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await page.getByRole('button', { name: 'Выйти' }).click();

    // The class teacher's journal page: the I quarter from its first lesson.
    await login(page, cast.teacher, ADMIN.password);
    await nav(page, 'Журнал');
    await page.getByRole('region', { name: 'Мои страницы' }).getByTestId('journal-page-link').filter({ hasText: 'Русский язык' }).first().click();
    await page.getByRole('tab', { name: 'I четверть', exact: true }).click();
    const grid = page.getByTestId('journal-grid');
    await grid.locator('.jg-day').first().waitFor();
    await grid.focus();
    await page.keyboard.press('Control+Home');
    await shot('journal-grid');
  } finally {
    await browser.close();
    await host.close();
    demo.remove();
  }
}

/** A call through the page's own bridge, as the user logged in there. */
async function call(page: Page, method: string, params: unknown): Promise<unknown> {
  const result = await page.evaluate(
    ({ m, p }) => (window as unknown as { api: { call(m: string, p: unknown): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> } }).api.call(m, p),
    { m: method, p: params },
  );
  if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
  return result.value;
}

async function nav(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name }).click();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
