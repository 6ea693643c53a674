import { describe, expect, it } from 'vitest';
import { Rng } from '../../../main/core/demo/prng';
import { FATHER_NAMES, SURNAMES, loginFor, patronymic, surnameFor, transliterate } from '../../../main/core/demo/names';
import { planSchool } from '../../../main/core/demo/school';
import { buildContingent } from '../../../main/core/demo/contingent';

describe('demo names', () => {
  it('derives feminine surnames', () => {
    expect(surnameFor('Иванов', 'female')).toBe('Иванова');
    expect(surnameFor('Соловьёв', 'female')).toBe('Соловьёва');
    expect(surnameFor('Ильин', 'female')).toBe('Ильина');
    expect(surnameFor('Островский', 'female')).toBe('Островская');
    expect(surnameFor('Троицкий', 'female')).toBe('Троицкая');
    expect(surnameFor('Толстой', 'female')).toBe('Толстая');
    expect(surnameFor('Черных', 'female')).toBe('Черных');
    expect(surnameFor('Шевченко', 'female')).toBe('Шевченко');
    expect(surnameFor('Иванов', 'male')).toBe('Иванов');
  });

  it('derives patronymics, exceptions included', () => {
    expect(patronymic('Пётр', 'female')).toBe('Петровна');
    expect(patronymic('Пётр', 'male')).toBe('Петрович');
    expect(patronymic('Илья', 'female')).toBe('Ильинична');
    expect(patronymic('Никита', 'male')).toBe('Никитич');
    expect(patronymic('Юрий', 'male')).toBe('Юрьевич');
    expect(patronymic('Лев', 'female')).toBe('Львовна');
    expect(patronymic('Михаил', 'female')).toBe('Михайловна');
    for (const [, son, daughter] of FATHER_NAMES) {
      expect(son).toMatch(/(ич)$/);
      expect(daughter).toMatch(/(вна|чна)$/);
    }
  });

  it('transliterates logins as surname.initials', () => {
    expect(loginFor({ lastName: 'Иванова', firstName: 'Анна', middleName: 'Петровна' })).toBe('ivanova.ap');
    expect(loginFor({ lastName: 'Щербакова', firstName: 'Юлия', middleName: 'Эдуардовна' })).toBe('shcherbakova.ye');
    expect(transliterate('Соловьёв')).toBe('solovev');
  });

  it('gives every student and guardian a well-formed ФИО of the right sex', () => {
    const plan = planSchool(17, 2026);
    const c = buildContingent(plan, new Rng(17).fork('contingent'));
    const cyr = /^[А-ЯЁ][а-яё]+(-[А-ЯЁ][а-яё]+)?$/;
    const masculine = new Set(SURNAMES);
    const feminine = new Set(SURNAMES.map((s) => surnameFor(s, 'female')));
    for (const s of c.students) {
      expect(s.lastName).toMatch(cyr);
      expect(s.firstName).toMatch(cyr);
      if (s.sex === 'female') {
        expect(s.middleName).toMatch(/(овна|евна|ёвна|инична|ична)$/);
        expect(feminine.has(s.lastName)).toBe(true);
      } else {
        expect(s.middleName).toMatch(/(ович|евич|ёвич|ич)$/);
        expect(masculine.has(s.lastName)).toBe(true);
      }
    }
    // A girl's surname agrees with her father's: Иванов → Иванова.
    const girls = c.students.filter((s) => s.sex === 'female' && /(ова|ева|ина)$/.test(s.lastName));
    expect(girls.length).toBeGreaterThan(100);
    for (const g of c.guardians) {
      expect(g.lastName).toMatch(cyr);
      expect(g.middleName).toMatch(/(ич|вна|чна)$/);
    }
  });
});
