import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInWorker, uploadBytes } from '../../../main/core/files/read-in-worker';
import { PARSE_LIMITS } from '../../../main/core/files/limits';
import { csvOf, STAFF_ROWS, xlsxOf } from '../../fixtures/import/samples';

const ROOT = path.resolve(__dirname, '../../..');
const upload = (fileName: string) => ({ fileName, field: 'file' });
const staffCsv = () => uploadBytes(Buffer.from(csvOf(STAFF_ROWS)).toString('base64'));

/**
 * The reading worker itself: its limits turn into Russian refusals, and its
 * code loads in every host — vitest (these tests), tsx (the browser host and
 * the CLI from sources) and the tsc build that Electron's utility process runs.
 */
describe('reading a file in a worker', () => {
  it('gives back what the parser read', async () => {
    const table = await readInWorker('table', { fileName: 'staff.csv', bytes: staffCsv(), encoding: 'auto', sheet: null }, upload('staff.csv'));
    expect(table.rows).toEqual(STAFF_ROWS);
  });

  it('passes a parser’s own refusal through with its code and fields', async () => {
    await expect(readInWorker('table', { fileName: 'staff.docx', bytes: staffCsv(), encoding: 'auto', sheet: null }, upload('staff.docx'))).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { fields: { file: 'Выберите файл .xlsx, .ods или .csv' } },
    });
  });

  it('refuses in Russian a file whose reading outgrows the memory limit, and stops the worker', async () => {
    // A real 3 000-row list read with a heap far below what it needs: the same path a bloated file takes at 192 MB.
    const rows = [['ФИО', 'Должность', 'Примечание'], ...Array.from({ length: 3000 }, (_, i) => [`Сотрудникова${i} Анна Петровна`, 'Учитель', 'x'.repeat(200 + (i % 50))])];
    const content = xlsxOf(rows).toString('base64');
    await expect(readInWorker('table', { fileName: 'big.xlsx', bytes: uploadBytes(content), encoding: 'auto', sheet: null }, upload('big.xlsx'), { heapMb: 8, timeMs: 20_000 })).rejects.toMatchObject({
      code: 'FILE_REFUSED',
      message: 'Файл «big.xlsx» не прочитан: для чтения понадобилось бы больше 8 МБ памяти — столько не нужно ни одному настоящему списку или расписанию. Возможно, файл испорчен или намеренно «раздут»; сохраните таблицу в новый файл и загрузите его.',
      details: { fields: { file: expect.stringMatching(/памяти/) } },
    });
  });

  it('refuses in Russian a file whose reading outlasts the time limit', async () => {
    await expect(readInWorker('table', { fileName: 'staff.csv', bytes: staffCsv(), encoding: 'auto', sheet: null }, upload('staff.csv'), { heapMb: 64, timeMs: 1 })).rejects.toMatchObject({
      code: 'FILE_REFUSED',
      message: expect.stringMatching(/^Файл «staff.csv» не прочитан: чтение заняло бы больше 0 секунд/),
    });
  });

  it('limits itself to the figures of files/limits.ts', () => {
    expect(PARSE_LIMITS).toMatchObject({ heapMb: 192, timeMs: 4000, concurrent: 2 });
  });

  const script = (entry: string) => `
    const { readInWorker, uploadBytes } = require(${JSON.stringify(entry)});
    const bytes = uploadBytes(Buffer.from('ФИО;Должность\\r\\nСмирнова Татьяна Олеговна;Учитель\\r\\n').toString('base64'));
    readInWorker('table', { fileName: 'staff.csv', bytes, encoding: 'auto', sheet: null }, { fileName: 'staff.csv', field: 'file' })
      .then((t) => console.log(JSON.stringify(t.rows)), (e) => { console.error(e); process.exit(1); });`;
  const expected = JSON.stringify([['ФИО', 'Должность'], ['Смирнова Татьяна Олеговна', 'Учитель']]);

  it('loads its code under tsx, as the browser host and the CLI run from sources', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script(path.join(ROOT, 'main/core/files/read-in-worker.ts'))], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(expected);
  }, 90_000);

  it('loads its code from the tsc build, as Electron’s utility process runs it', () => {
    const out = path.join(ROOT, '.tmp', `worker-build-${process.pid}`);
    try {
      // The build's own settings (tsconfig.build.json), for the worker and what it reaches.
      fs.mkdirSync(out, { recursive: true });
      const config = path.join(out, 'tsconfig.json');
      fs.writeFileSync(
        config,
        JSON.stringify({
          extends: path.join(ROOT, 'tsconfig.build.json'),
          compilerOptions: { outDir: out, rootDir: ROOT },
          include: [],
          files: [path.join(ROOT, 'main/core/files/read-in-worker.ts'), path.join(ROOT, 'main/core/files/parse-worker.ts')],
        }),
      );
      const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', config], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
      expect(tsc.stdout + tsc.stderr).toBe('');
      const entry = path.join(out, 'main/core/files/read-in-worker.js');
      expect(fs.existsSync(path.join(out, 'main/core/files/parse-worker.js'))).toBe(true);
      const run = spawnSync(process.execPath, ['-e', script(entry)], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toBe(expected);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
