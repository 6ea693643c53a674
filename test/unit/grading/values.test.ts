import { describe, expect, it } from 'vitest';
import { parseMark, type MarkRule } from '../../../main/core/grading/values';
import { AppError } from '../../../main/core/shared/errors';

const maths: MarkRule = { code: 'five_point', allowModifiers: false, subjectName: 'Математика' };
const mathsWithModifiers: MarkRule = { ...maths, allowModifiers: true };
const pe: MarkRule = { code: 'pass_fail', allowModifiers: false, subjectName: 'Физическая культура' };
const orkse: MarkRule = { code: 'none', allowModifiers: false, subjectName: 'ОРКСЭ' };

function refusal(raw: string, rule: MarkRule): string {
  try {
    parseMark(raw, rule);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('VALIDATION');
    return (e as AppError).message;
  }
  throw new Error(`${raw} was accepted`);
}

describe('mark values follow the subject’s grading system (DOMAIN.md «Grading systems»)', () => {
  it('takes the five-point marks 1–5 as they count', () => {
    expect(['1', '2', '3', '4', '5'].map((v) => parseMark(v, maths))).toEqual([1, 2, 3, 4, 5].map((n) => ({ value: String(n), numericValue: n })));
    expect(parseMark(' 4 ', maths)).toEqual({ value: '4', numericValue: 4 });
  });

  it('refuses 7 with the message the issue quotes', () => {
    expect(refusal('7', maths)).toBe('Отметка 7 невозможна: по предмету «Математика» ставятся отметки от 1 до 5.');
    expect(refusal('0', maths)).toBe('Отметка 0 невозможна: по предмету «Математика» ставятся отметки от 1 до 5.');
    expect(refusal('зач', maths)).toBe('Отметка «зач» невозможна: по предмету «Математика» ставятся отметки от 1 до 5.');
    expect(refusal('-', maths)).toBe('Отметка «-» невозможна: по предмету «Математика» ставятся отметки от 1 до 5.');
    expect(refusal('55', maths)).toBe('Отметка 55 невозможна: по предмету «Математика» ставятся отметки от 1 до 5.');
  });

  it('counts «4+» as 4,25 and «4−» as 3,75 where the school allows modifiers, and refuses them elsewhere', () => {
    expect(parseMark('4+', mathsWithModifiers)).toEqual({ value: '4+', numericValue: 4.25 });
    expect(parseMark('4−', mathsWithModifiers)).toEqual({ value: '4-', numericValue: 3.75 });
    expect(parseMark('3–', mathsWithModifiers)).toEqual({ value: '3-', numericValue: 2.75 });
    expect(refusal('5+', mathsWithModifiers)).toContain('с «+» (к 1–4) или «−» (к 2–5)');
    expect(refusal('1-', mathsWithModifiers)).toContain('Отметка 1- невозможна');
    expect(refusal('4-', maths)).toBe('Отметка 4- невозможна: по предмету «Математика» ставятся отметки от 1 до 5.');
  });

  it('takes зачёт and незачёт in their usual spellings, which do not count in averages', () => {
    expect(parseMark('зачёт', pe)).toEqual({ value: 'зач', numericValue: null });
    expect(parseMark('ЗАЧ', pe)).toEqual({ value: 'зач', numericValue: null });
    expect(parseMark('нз', pe)).toEqual({ value: 'незач', numericValue: null });
    expect(refusal('5', pe)).toBe('Отметка 5 невозможна: по предмету «Физическая культура» ставится «зач» или «незач».');
  });

  it('refuses every mark where the subject is taught without marks', () => {
    expect(refusal('5', orkse)).toBe('По предмету «ОРКСЭ» отметки не ставятся (безотметочное обучение).');
  });
});
