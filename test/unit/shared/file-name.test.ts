import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../../main/core/shared/file-name';

describe('safeFileName: the name of every file the program writes', () => {
  it('keeps the Russian name a user expects, with the year’s slash as a dash', () => {
    expect(safeFileName('Сводная ведомость 7А 2026/2027', 'xlsx')).toBe('Сводная ведомость 7А 2026-2027.xlsx');
  });

  it('cannot climb out of its folder on Windows or elsewhere', () => {
    const name = safeFileName('1\\..\\..\\..\\x');
    expect(name).not.toMatch(/[\\/]/);
    expect(safeFileName('..')).toBe('файл');
    expect(safeFileName('../../etc/passwd')).not.toContain('/');
  });

  it('replaces every character Windows reserves', () => {
    expect(safeFileName('a<b>c:d"e|f?g*h')).toBe('a-b-c-d-e-f-g-h');
  });

  it('never gives a Windows device name or an empty name', () => {
    expect(safeFileName('CON')).toBe('_CON');
    expect(safeFileName('nul', 'csv')).toBe('_nul.csv');
    expect(safeFileName('   ')).toBe('файл');
    expect(safeFileName('. .')).toBe('файл');
  });

  it('drops the trailing dots and spaces Windows would drop itself', () => {
    expect(safeFileName(' Журнал 5Б. ', 'pdf')).toBe('Журнал 5Б.pdf');
  });

  it('bounds a very long name', () => {
    expect(safeFileName('а'.repeat(1000), 'pdf').length).toBeLessThanOrEqual(184);
  });
});
