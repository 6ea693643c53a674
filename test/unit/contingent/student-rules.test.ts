import { describe, expect, it } from 'vitest';
import { ageOn, birthDateProblem, formatSnils, snilsProblem, studentSchema } from '../../../main/core/contingent/student-rules';
import { normalisePhone } from '../../../main/core/school/common';
import { deadlineText } from '../../../main/core/school/defaults';
import { isSchoolDate } from '../../../main/core/shared/dates';

describe('СНИЛС', () => {
  it('accepts a number whose check sum fits: 112-233-445 95', () => {
    // 1·9 + 1·8 + 2·7 + 2·6 + 3·5 + 3·4 + 4·3 + 4·2 + 5·1 = 95
    expect(snilsProblem('112-233-445 95')).toBeNull();
    expect(snilsProblem('11223344595')).toBeNull();
  });
  it('refuses a wrong check sum', () => {
    expect(snilsProblem('112-233-445 96')).toBe('Неверный СНИЛС: не сходится контрольное число');
  });
  it('sums of 100 and 101 give 00; above, the remainder of division by 101', () => {
    // 9·9 + 0 … + 1·1 … : 901-000-002 → 9·9 + 2·1 = 83; take a number summing to 101: 100-000-005 → 9 + … hand-checked below.
    // 1·9 + 0 + 0 + 0 + 0 + 0 + 0 + 4·2 + 0 = 17 … use 911-000-000: 81 + 8 + 7 = 96; 911-100-000: 96 + 6 = 102 → 102 mod 101 = 1.
    expect(snilsProblem('911-100-000 01')).toBeNull();
    // 911-000-010: 81 + 8 + 7 + 2 = 98; 911-000-011: 98 + 1 = 99; 911-000-021: 98+2+1 = 101 → 00
    expect(snilsProblem('911-000-021 00')).toBeNull();
    expect(snilsProblem('911-000-021 01')).not.toBeNull();
  });
  it('numbers up to 001-001-998 have no check', () => {
    expect(snilsProblem('001-001-998 77')).toBeNull();
  });
  it('is 11 digits, written as 123-456-789 01', () => {
    expect(snilsProblem('123-456')).toBe('СНИЛС — 11 цифр, например 123-456-789 01');
    expect(formatSnils('11223344595')).toBe('112-233-445 95');
  });
});

describe('birth date', () => {
  it('counts full years', () => {
    expect(ageOn('2015-11-24', '2026-11-23')).toBe(10);
    expect(ageOn('2015-11-23', '2026-11-23')).toBe(11);
  });
  it('is not in the future and fits school age (5 to 21)', () => {
    expect(birthDateProblem('2027-01-01', '2026-11-23')).toBe('Дата рождения не может быть в будущем');
    expect(birthDateProblem('2023-05-01', '2026-11-23')).toBe('Проверьте дату рождения: по ней обучающемуся 3 года');
    expect(birthDateProblem('1990-05-01', '2026-11-23')).toBe('Проверьте дату рождения: по ней обучающемуся 36 лет');
    expect(birthDateProblem('2015-05-01', '2026-11-23')).toBeNull();
  });
});

describe('fields of a student record', () => {
  it('names are letters, a hyphen and spaces', () => {
    const r = studentSchema.safeParse({ lastName: 'Иванов2', firstName: '' });
    expect(r.success).toBe(false);
    const fields = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(fields).toEqual({ lastName: 'Только буквы, дефис и пробел', firstName: 'Введите имя' });
    expect(studentSchema.safeParse({ lastName: 'Салтыков-Щедрин', firstName: 'Анна Мария' }).success).toBe(true);
  });
  it('a wrong СНИЛС is named as such', () => {
    const r = studentSchema.safeParse({ lastName: 'Иванов', firstName: 'Иван', snils: '112-233-445 96' });
    expect(r.error!.issues[0].message).toBe('Неверный СНИЛС: не сходится контрольное число');
  });
  it('phones become +7 (XXX) XXX-XX-XX', () => {
    expect(normalisePhone('89123456789')).toBe('+7 (912) 345-67-89');
    expect(normalisePhone('+7 912 345 67 89')).toBe('+7 (912) 345-67-89');
    expect(normalisePhone('9123456789')).toBe('+7 (912) 345-67-89');
    expect(normalisePhone('2-15-33')).toBe('2-15-33');
    expect(normalisePhone('12')).toBeNull();
    const r = studentSchema.safeParse({ lastName: 'Иванов', firstName: 'Иван', phone: '12' });
    expect(r.error!.issues[0].message).toBe('Номер телефона, например +7 912 345-67-89');
  });
  it('dates must exist in the calendar', () => {
    expect(isSchoolDate('2024-02-29')).toBe(true);
    expect(isSchoolDate('2026-02-29')).toBe(false);
    expect(isSchoolDate('2026-13-01')).toBe(false);
  });
  it('deadlines read in Russian', () => {
    expect(deadlineText('lessons', 1)).toBe('к следующему уроку');
    expect(deadlineText('lessons', 2)).toBe('в течение 2 уроков');
    expect(deadlineText('days', 1)).toBe('в течение 1 дня');
    expect(deadlineText('days', 10)).toBe('в течение 10 дней');
  });
});
