import type { ReadableDb } from '../../db/readable';
import { AcademicYearEntity, type AcademicYear, type StudyPeriod, StudyPeriodEntity } from '../../db/entities/calendar';
import { SchoolClassEntity, type SchoolClass } from '../../db/entities/school';
import { fail } from '../../shared/errors';
import { periodsForGrade } from '../../journal/periods';

export { periodsForGrade };

/** The year asked for, or the one today falls in, or the latest that has begun. */
export async function resolveYear(em: ReadableDb, yearId: string | undefined, today: string): Promise<AcademicYear> {
  if (yearId) {
    const year = await em.findOne(AcademicYearEntity, { where: { id: yearId } });
    if (!year || year.deletedAt) throw fail.notFound('Учебный год');
    return year;
  }
  const years = await em
    .createQueryBuilder(AcademicYearEntity, 'y')
    .where('y.deletedAt IS NULL')
    .orderBy('y.startDate', 'DESC')
    .getMany();
  const year = years.find((y) => y.startDate <= today && y.endDate >= today) ?? years.find((y) => y.startDate <= today) ?? years[0];
  if (!year) throw fail.validation('В программе ещё нет ни одного учебного года: заполните календарь в разделе «Школа».');
  return year;
}

export async function loadClass(em: ReadableDb, classId: string): Promise<SchoolClass> {
  const c = await em.findOne(SchoolClassEntity, { where: { id: classId } });
  if (!c || c.deletedAt) throw fail.notFound('Класс');
  return c;
}

export async function loadPeriod(em: ReadableDb, periodId: string): Promise<StudyPeriod> {
  const p = await em.findOne(StudyPeriodEntity, { where: { id: periodId } });
  if (!p || p.deletedAt) throw fail.notFound('Учебный период');
  return p;
}

/** Classes of a year in school order: 1А, 1Б, 2А … 11Б. */
export async function classesOfYear(em: ReadableDb, yearId: string): Promise<SchoolClass[]> {
  const rows = await em
    .createQueryBuilder(SchoolClassEntity, 'c')
    .where('c.yearId = :yearId AND c.deletedAt IS NULL', { yearId })
    .getMany();
  return rows.sort((a, b) => a.gradeLevel - b.gradeLevel || a.letter.localeCompare(b.letter, 'ru'));
}

/**
 * A span of dates a report covers: a period, the year, or dates given. The
 * end never goes past the year's end; `asOf` is the day the roll is taken
 * (the end, or today inside a span not yet over).
 */
export interface Span {
  from: string;
  to: string;
  asOf: string;
  /** «II четверть», «2026/2027 учебный год», «01.11.2026 – 30.11.2026». */
  label: string;
  period: StudyPeriod | null;
}

export function spanOf(from: string, to: string, today: string, label: string, period: StudyPeriod | null = null): Span {
  return { from, to, asOf: today < to && today >= from ? today : to, label, period };
}

/** Roman numerals for period columns: «I», «II» … */
function roman(n: number): string {
  return ['I', 'II', 'III', 'IV', 'V', 'VI'][n - 1] ?? String(n);
}

/** «I ч.», «II пол.», «I тр.» — the short heading of a period on the summary sheet. */
export function periodShort(p: StudyPeriod): string {
  const suffix = p.kind === 'half' ? 'пол.' : p.kind === 'trimester' ? 'тр.' : 'ч.';
  return `${roman(p.ordinal)} ${suffix}`;
}
