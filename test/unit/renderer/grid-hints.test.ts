import { describe, expect, it } from 'vitest';
import { rightColumnHint } from '../../../renderer/journal/grid-layout';

/** Issue 16, item 21: the journal's short headers say what they count. */
describe('the hints of the columns after the dates', () => {
  const workTypes = [
    { id: 'k', name: 'Контрольная работа', weight: 2 },
    { id: 't', name: 'Тест', weight: 1.5 },
    { id: 'u', name: 'Работа на уроке', weight: 1 },
    { id: 'd', name: 'Диктант', weight: 2 },
  ];
  const page = { workTypes, lessons: [{ workTypeIds: ['u', 'k'] }, { workTypeIds: ['t'] }], minimumMarks: 3, marksAllowed: true };

  it('«Взв.» names the weights of the work types on the page, heaviest first', () => {
    expect(rightColumnHint('weighted', page)).toBe(
      'Средневзвешенный балл: каждая отметка считается с весом своего вида работы — «Контрольная работа» ×2, «Тест» ×1,5, остальные ×1.',
    );
    expect(rightColumnHint('weighted', { ...page, lessons: [{ workTypeIds: ['u'] }] })).toBe('Средневзвешенный балл: каждая отметка считается с весом своего вида работы.');
  });

  it('«Отм.» says how many marks a period mark needs', () => {
    expect(rightColumnHint('count', page)).toBe('Число отметок за период; для итоговой отметки нужно не менее 3.');
    expect(rightColumnHint('count', { ...page, marksAllowed: false })).toBe('Число отметок за период.');
  });
});
