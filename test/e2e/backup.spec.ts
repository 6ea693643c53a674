import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, shot, login as fillLogin, NOW, type Host } from './fixtures';

/**
 * Issue 8, «How it will be checked»: the administrator makes a backup, a
 * teacher enters a mark, the restore takes it away and its undo brings it
 * back; the demo year is closed, its classes promoted and its pages
 * read-only; verify-archive names the file changed in a tampered copy.
 */
const ROOT = path.resolve(__dirname, '../..');
const PASSWORD = 'Пароль-2026';
// Named by the day it is kept up to (the hosts' NOW): a cache made by another generator or for another day is not reused.
const DEMO_CACHE = path.join(ROOT, 'test-results', 'cache', `e2e-demo-${NOW.slice(0, 10)}.sqlite`);

test.describe.configure({ mode: 'serial' });

type Bridge = { api: { call(method: string, params?: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }> } };

/** The demo school, generated once and copied into each host's data folder (the generator takes a minute or more). */
function demoSchool(): string {
  if (!fs.existsSync(DEMO_CACHE)) {
    fs.mkdirSync(path.dirname(DEMO_CACHE), { recursive: true });
    const part = `${DEMO_CACHE}.part.sqlite`;
    fs.rmSync(part, { force: true });
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli.ts', 'demo', part, '--password', PASSWORD, '--year', '2026', '--today', NOW.slice(0, 10)], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`demo: ${r.stdout}\n${r.stderr}`);
    fs.renameSync(part, DEMO_CACHE);
  }
  return DEMO_CACHE;
}

async function openDemo(host: Host): Promise<void> {
  fs.copyFileSync(demoSchool(), path.join(host.dataDir, 'demo.sqlite'));
  await host.call('setup.openDemo', {});
}

/** Calls the core from the page, with the page's own session (the journal's grid is another screen's work). */
function core<T>(page: Page, method: string, params: unknown): Promise<T> {
  return page.evaluate(
    async ([m, p]) => {
      const r = await (window as unknown as Bridge).api.call(m as string, p);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value;
    },
    [method, params] as const,
  ) as Promise<T>;
}

interface PageRefLike {
  classId: string;
  groupId: string | null;
  subjectId: string;
}

/** The teacher's first page with marks and a lesson given by today; a student on it. */
async function aCell(page: Page): Promise<{ ref: PageRefLike; lessonId: string; studentId: string }> {
  const list = await core<{ pages: (PageRefLike & { ref?: PageRefLike })[] }>(page, 'journal.listPages', {});
  for (const item of list.pages) {
    const ref = item.ref ?? { classId: item.classId, groupId: item.groupId ?? null, subjectId: item.subjectId };
    const p = await core<{ marksAllowed: boolean; today: string; lessons: { id: string; date: string; editable: boolean }[]; students: { id: string; toDate: string | null }[] }>(page, 'journal.getPage', ref);
    const lesson = [...p.lessons].reverse().find((l) => l.date <= p.today && l.editable);
    const student = p.students.find((s) => !s.toDate);
    if (p.marksAllowed && lesson && student) return { ref, lessonId: lesson.id, studentId: student.id };
  }
  throw new Error('no editable page with marks');
}

async function marksOf(page: Page, ref: PageRefLike, lessonId: string, studentId: string): Promise<string[]> {
  const p = await core<{ marks: { lessonId: string; studentId: string; value: string }[] }>(page, 'journal.getPage', { ...ref, period: 'year' });
  return p.marks.filter((m) => m.lessonId === lessonId && m.studentId === studentId).map((m) => m.value);
}

/** Logs in and waits for the app, so that the session exists before the page calls the core. */
async function login(page: Page, user: string, password: string): Promise<void> {
  await fillLogin(page, user, password);
  await expect(page.getByTestId('current-user')).toBeVisible({ timeout: 30_000 });
}

/** A teacher of the demo school (names depend on the generator's seed), asked as the administrator. */
async function aTeacher(page: Page): Promise<string> {
  const users = await core<{ login: string; roles: string[] }[]>(page, 'users.list', {});
  const teacher = users.find((u) => u.roles.length === 1 && u.roles[0] === 'teacher');
  if (!teacher) throw new Error('no teacher in the demo school');
  return teacher.login;
}

async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page.getByLabel('Логин')).toBeVisible();
}

test('backup, a mark, restore: the mark is gone; undo the restore: it is back', async ({ page, host }) => {
  test.setTimeout(900_000);
  await openDemo(host);
  await page.goto(host.url);
  await login(page, 'admin', PASSWORD);
  await page.getByRole('link', { name: 'Резервные копии' }).click();
  await page.getByRole('button', { name: 'Создать копию' }).click();
  await expect(page.getByText('Резервная копия создана и проверена')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('backup-status')).toContainText('Последняя проверенная копия:');
  await shot(page, '80-backups');
  const teacher = await aTeacher(page);

  await logout(page);
  await login(page, teacher, PASSWORD);
  const cell = await aCell(page);
  const before = await marksOf(page, cell.ref, cell.lessonId, cell.studentId);
  await core(page, 'journal.setMark', { lessonId: cell.lessonId, studentId: cell.studentId, value: '2', comment: 'проверка восстановления' });
  expect(await marksOf(page, cell.ref, cell.lessonId, cell.studentId)).toEqual([...before, '2']);

  await logout(page);
  await login(page, 'admin', PASSWORD);
  await page.getByRole('link', { name: 'Резервные копии' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Вручную' }).first();
  await row.getByRole('button', { name: 'Восстановить' }).click();
  await shot(page, '81-restore-confirm');
  await page.getByRole('dialog').getByRole('button', { name: 'Восстановить' }).click();
  await expect(page.getByText('База данных восстановлена из копии')).toBeVisible({ timeout: 120_000 });
  await login(page, 'admin', PASSWORD);
  expect(await marksOf(page, cell.ref, cell.lessonId, cell.studentId)).toEqual(before);

  await page.getByRole('link', { name: 'Резервные копии' }).click();
  await expect(page.getByText('Состояние перед восстановлением сохранено.')).toBeVisible();
  await shot(page, '82-restore-undo');
  await page.getByRole('button', { name: 'Отменить восстановление' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Отменить восстановление' }).click();
  await expect(page.getByText('Восстановление отменено')).toBeVisible({ timeout: 120_000 });
  await login(page, 'admin', PASSWORD);
  expect(await marksOf(page, cell.ref, cell.lessonId, cell.studentId)).toEqual([...before, '2']);
});

test('the demo year closed and promoted, read-only, archived; verify-archive names the tampered file', async ({ page, host }) => {
  test.setTimeout(1_200_000);
  await openDemo(host);
  await page.goto(host.url);
  await login(page, 'admin', PASSWORD);
  await page.getByRole('link', { name: 'Закрытие года' }).click();
  await expect(page.getByText('Годовые отметки выставлены')).toBeVisible({ timeout: 120_000 });
  await shot(page, '83-year-checklist');
  await page.getByRole('button', { name: /^Закрыть 2026\/2027 учебный год$/ }).click();
  const dialog = page.getByRole('dialog');
  if (await dialog.getByLabel('Почему год закрывается с незаполненными пунктами').isVisible()) {
    await dialog.getByLabel('Почему год закрывается с незаполненными пунктами').fill('Демонстрация: закрытие по решению педагогического совета');
  }
  await dialog.getByRole('button', { name: 'Закрыть год' }).click();
  await expect(page.getByText('Учебный год 2026/2027 закрыт: записи в нём доступны только для просмотра.').first()).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Создать следующий учебный год' }).click();
  await expect(page.getByText('Следующий учебный год создан: 2027/2028.')).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('Номер приказа').fill('112-о');
  await page.getByRole('button', { name: 'Подготовить приказ' }).click();
  await expect(page.getByText(/Будут созданы классы 2027\/2028/)).toBeVisible({ timeout: 60_000 });
  await shot(page, '84-promotion-preview');
  await page.getByRole('button', { name: 'Провести приказ' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Провести' }).click();
  await expect(page.getByText(/Приказ № 112-о от .* — проведён/)).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText('5А → 6А').first()).toBeVisible();
  await shot(page, '85-promoted');

  // The old year is read-only for its teachers.
  const teacher = await aTeacher(page);
  await logout(page);
  await login(page, teacher, PASSWORD);
  const list = await core<{ pages: (PageRefLike & { ref?: PageRefLike })[] }>(page, 'journal.listPages', {});
  const first = list.pages[0];
  const ref = first.ref ?? { classId: first.classId, groupId: first.groupId ?? null, subjectId: first.subjectId };
  const p = await core<{ readOnlyReason: string | null; lessons: { id: string }[]; students: { id: string }[] }>(page, 'journal.getPage', ref);
  const refused = await page.evaluate(
    async ([lessonId, studentId]) => (window as unknown as Bridge).api.call('journal.setMark', { lessonId, studentId, value: '5' }),
    [p.lessons[0].id, p.students[0].id] as const,
  );
  expect(refused.ok).toBe(false);
  if (!refused.ok) expect(refused.error.code).toBe('READ_ONLY');

  // The archive of the closed year; then a tampered copy of it.
  await logout(page);
  await login(page, 'admin', PASSWORD);
  await page.getByRole('link', { name: 'Архив' }).click();
  await page.getByRole('row').filter({ hasText: '2026/2027' }).getByRole('button', { name: 'Составить архив' }).click();
  await expect(page.getByText('Составляется архив:')).toBeVisible({ timeout: 30_000 });
  await shot(page, '86-archive-progress');
  await expect(page.getByText(/Архив 2026\/2027 учебного года составлен/)).toBeVisible({ timeout: 900_000 });
  await page.getByRole('row').filter({ hasText: 'Архив 2026-2027' }).getByRole('button', { name: 'Проверить' }).click();
  await expect(page.getByRole('dialog')).toContainText('Архив в порядке');
  await shot(page, '87-archive-verified');

  const archives = await core<{ archives: { path: string }[] }>(page, 'archive.list', {});
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kz-e2e-tamper-')), 'Архив');
  fs.cpSync(archives.archives[0].path, copy, { recursive: true });
  const csv = path.join(copy, 'Данные', 'Отметки.csv');
  const bytes = fs.readFileSync(csv);
  bytes[Math.floor(bytes.length / 2)] ^= 0x01;
  fs.writeFileSync(csv, bytes);
  const out = await new Promise<{ code: number | null; text: string }>((resolve) =>
    execFile(process.execPath, ['--import', 'tsx', 'main/cli.ts', 'verify-archive', copy], { cwd: ROOT }, (e, stdout) =>
      resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, text: stdout }),
    ),
  );
  expect(out.code).toBe(1);
  expect(out.text).toContain('ИЗМЕНЁН: Данные/Отметки.csv');
  expect(out.text).toContain('Архив НЕ в порядке: изменено 1, нет 0, лишних 0.');
  fs.rmSync(path.dirname(copy), { recursive: true, force: true });
});

test('a copy by hand keeps today’s earlier copy, and the screen names the old copies the retention rule removed', async ({ page, host }) => {
  test.setTimeout(300_000);
  await host.setUpSchool();
  await page.goto(host.url);
  await login(page, 'admin', PASSWORD);
  await page.getByRole('link', { name: 'Резервные копии' }).click();
  await page.getByRole('button', { name: 'Создать копию' }).click();
  await expect(page.getByText('Резервная копия создана и проверена')).toBeVisible({ timeout: 60_000 });
  // That copy stands for this morning's scheduled one; older evenings are made from it, dated back (23.11 is a Monday).
  // Kept: the seven days 23, 20, 19, 18, 17, 16, 14.11; the weeks' newest 14.11 (W46) and 05.11 (W45). 13.11 and 12.11 go.
  const dir = path.join(host.dataDir, 'backups');
  const [made] = fs.readdirSync(dir).filter((n) => n.endsWith('.sqlite'));
  const sidecar = JSON.parse(fs.readFileSync(path.join(dir, `${made}.json`), 'utf8')) as { id: string; createdAt: string; kind: string };
  fs.renameSync(path.join(dir, made), path.join(dir, made.replace('_manual', '_auto')));
  fs.writeFileSync(path.join(dir, `${made.replace('_manual', '_auto')}.json`), JSON.stringify({ ...sidecar, kind: 'auto' }));
  fs.rmSync(path.join(dir, `${made}.json`));
  for (const day of ['05', '12', '13', '14', '16', '17', '18', '19', '20']) {
    const createdAt = `2026-11-${day}T15:00:00.000Z`;
    const name = `kz_202611${day}T150000Z_auto.sqlite`;
    fs.copyFileSync(path.join(dir, made.replace('_manual', '_auto')), path.join(dir, name));
    fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ ...sidecar, id: `0190a000-0000-7000-8000-0000000000${day}`, kind: 'auto', createdAt }));
  }
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: 'По расписанию' })).toHaveCount(10);
  await page.getByRole('button', { name: 'Создать копию' }).click();
  await expect(page.getByText(/По правилу хранения удалено старых копий: 2/)).toBeVisible({ timeout: 60_000 });
  const removed = page.getByTestId('retention-removed');
  await expect(removed.getByRole('listitem')).toHaveText(['13.11.2026 18:00 — по расписанию, этот компьютер', '12.11.2026 18:00 — по расписанию, этот компьютер']);
  // Today's scheduled copy is still there, beside the new one by hand.
  await expect(page.getByRole('cell', { name: /^23\.11\.2026 \d\d:\d\d$/ })).toHaveCount(2);
  await shot(page, '83-retention-removed');
});
