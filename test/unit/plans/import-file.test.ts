import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { readTopicsFile } from '../../../main/core/plans/import-file';

const WORK_TYPES = [
  { id: 'wt-control', name: 'Контрольная работа', shortName: 'К/р' },
  { id: 'wt-dictation', name: 'Диктант', shortName: 'Дикт.' },
];
const YEAR = { startDate: '2026-09-01', endDate: '2027-05-31' };

function xlsx(rows: unknown[][]): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows, { cellDates: true }), 'КТП');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', cellDates: false }) as Buffer;
}

describe('reading a КТП from a spreadsheet', () => {
  it('reads №, тема, часы, вид работы and дата by their headings, skipping section headings', async () => {
    const file = xlsx([
      ['№ п/п', 'Тема урока', 'Кол-во часов', 'Дата проведения', 'Вид контроля'],
      ['', 'Раздел 1. Натуральные числа', '', '', ''],
      [1, 'Ряд натуральных чисел', 2, new Date(Date.UTC(2026, 8, 3)), ''],
      [2, 'Сложение и вычитание', 1, '07.09.2026', ''],
      [3, 'Контрольная работа № 1', 1, '', 'контрольная работа'],
    ]);
    const result = await readTopicsFile('ktp.xlsx', file, WORK_TYPES, YEAR);
    expect(result.problems).toEqual([]);
    expect(result.skipped).toEqual([{ row: 2, text: 'Раздел 1. Натуральные числа' }]);
    expect(result.topics).toEqual([
      { row: 3, title: 'Ряд натуральных чисел', hours: 2, workTypeId: null, plannedDate: '2026-09-03' },
      { row: 4, title: 'Сложение и вычитание', hours: 1, workTypeId: null, plannedDate: '2026-09-07' },
      { row: 5, title: 'Контрольная работа № 1', hours: 1, workTypeId: 'wt-control', plannedDate: null },
    ]);
  });

  it('reads a CSV saved by Russian Excel (windows-1251, semicolons) and takes the columns in order when there is no heading', async () => {
    const text = '1;Звуки и буквы;2\r\n2;Диктант по теме «Звуки»;1;Дикт.\r\n';
    const bytes = Buffer.from(new Uint8Array([...text].map((ch) => win1251(ch))));
    const result = await readTopicsFile('ktp.csv', bytes, WORK_TYPES, YEAR);
    expect(result.encoding).toBe('windows-1251');
    expect(result.topics.map((t) => [t.title, t.hours, t.workTypeId])).toEqual([
      ['Звуки и буквы', 2, null],
      ['Диктант по теме «Звуки»', 1, 'wt-dictation'],
    ]);
  });

  it('names every bad row with what is wrong, in Russian', async () => {
    const file = xlsx([
      ['№', 'Тема', 'Часы', 'Вид работы', 'Дата'],
      [1, '', 1, '', ''],
      [2, 'Дроби', 'два', '', ''],
      [3, 'Проценты', 1.5, '', ''],
      [4, 'Уравнения', 1, 'Сочинение', ''],
      [5, 'Повторение', 1, '', '31.06.2027'],
      [6, 'Итоги', 1, '', '01.08.2027'],
    ]);
    const result = await readTopicsFile('ktp.xlsx', file, WORK_TYPES, YEAR);
    expect(result.problems.map((p) => p.message)).toEqual([
      'строка 2: не указана тема урока',
      'строка 3: часы «два» — укажите целое число от 1 до 40',
      'строка 4: часы «1,5» — укажите целое число от 1 до 40',
      'строка 5: вид работы «Сочинение» не найден (есть: Контрольная работа, Диктант)',
      'строка 6: неверная дата «31.06.2027» — такой даты нет в календаре',
      'строка 7: дата 01.08.2027 вне учебного года',
    ]);
  });

  it('refuses a file that is not a spreadsheet', async () => {
    await expect(readTopicsFile('ktp.docx', Buffer.from('PK'), WORK_TYPES, YEAR)).rejects.toThrow('Загружаются файлы Excel (.xlsx, .xls), LibreOffice (.ods) и CSV (.csv).');
    // A photo saved under a .csv name.
    await expect(readTopicsFile('ktp.csv', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), WORK_TYPES, YEAR)).rejects.toThrow(
      'Файл «ktp.csv» — не текст CSV: возможно, это картинка, PDF или архив с другим расширением.',
    );
  });

  it('takes nothing from a table that is not a КТП, and says why', async () => {
    const result = await readTopicsFile('расписание.csv', Buffer.from('Класс;День;Урок\r\n5А;Пн;1\r\n5А;Вт;2\r\n'), WORK_TYPES, YEAR);
    expect(result.topics).toEqual([]);
    expect(result.problems.map((p) => p.message)).toEqual([
      'в файле не найдены столбцы КТП «№», «Тема», «Часы» (первая строка: «Класс; День; Урок»). Проверьте, что это файл КТП, и подпишите столбцы',
    ]);
  });
});

/** The windows-1251 byte of a character (enough of the table for these tests). */
function win1251(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code;
  if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
  if (ch === 'ё') return 0xb8;
  if (ch === 'Ё') return 0xa8;
  if (ch === '«') return 0xab;
  if (ch === '»') return 0xbb;
  throw new Error(`no windows-1251 byte for ${ch}`);
}
