import type { StudyPeriod, StudyPeriodKind, Holiday, BellSlot } from '../db/entities/calendar';
import { Problems, gradeRange, overlaps } from './common';
import { daysBetween, ruDate, weekdayRu } from '../shared/dates';

/**
 * The rules of the school calendar (seed 002: periods «на всех ступенях
 * обучения», holidays, «режим работы»), as pure functions over the rows, so
 * each rule is tested on its own. Each returns the problems by field name.
 */

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];
const PERIOD_KIND_NAMES: Record<StudyPeriodKind, string> = {
  quarter: 'четверть',
  trimester: 'триместр',
  half: 'полугодие',
  year: 'год',
};
const PERIODS_PER_KIND: Record<StudyPeriodKind, number> = { quarter: 4, trimester: 3, half: 2, year: 1 };

/** «II четверть», «I полугодие», «Учебный год». */
export function periodName(kind: StudyPeriodKind, ordinal: number): string {
  return kind === 'year' ? 'Учебный год' : `${ROMAN[ordinal - 1] ?? ordinal} ${PERIOD_KIND_NAMES[kind]}`;
}

interface Span {
  startDate: string;
  endDate: string;
}

/** Start and end of an academic year: in order, and not longer than a year. */
export function yearProblems(year: Span, others: (Span & { id: string; name: string })[], id: string | null): Problems {
  const p = new Problems();
  if (year.endDate <= year.startDate) p.add('endDate', 'Учебный год должен заканчиваться позже, чем начинается');
  else if (daysBetween(year.startDate, year.endDate) > 366) p.add('endDate', 'Учебный год не может длиться дольше года');
  for (const other of others) {
    if (other.id !== id && overlaps(year, other)) {
      p.add('startDate', `Пересекается с ${other.name} учебным годом (${ruDate(other.startDate)} — ${ruDate(other.endDate)})`);
    }
  }
  return p;
}

/** What would fall outside a year whose dates change: its periods, holidays and moved working days. */
export function outsideYear(year: Span, inside: { name: string; startDate: string; endDate: string }[]): Problems {
  const p = new Problems();
  for (const item of inside) {
    if (item.startDate < year.startDate) p.add('startDate', `«${item.name}» (${ruDate(item.startDate)}) окажется до начала года`);
    if (item.endDate > year.endDate) p.add('endDate', `«${item.name}» (${ruDate(item.endDate)}) окажется после окончания года`);
  }
  return p;
}

export type PeriodInput = Pick<StudyPeriod, 'kind' | 'ordinal' | 'startDate' | 'endDate' | 'gradeFrom' | 'gradeTo'> & { name: string };

/**
 * A study period: dates in order and inside the year, a sensible grade range,
 * an ordinal that exists for its kind, and no overlap with another period of
 * the same grades (quarters of 1–9 may run beside half-years of 10–11, but
 * two periods of the same class may not share a day). Periods of one kind
 * follow each other in the order of their numbers.
 */
export function periodProblems(period: PeriodInput, year: Span, others: (StudyPeriod & { id: string })[], id: string | null): Problems {
  const p = new Problems();
  if (period.endDate < period.startDate) p.add('endDate', 'Период должен заканчиваться не раньше, чем начинается');
  if (period.startDate < year.startDate) p.add('startDate', `Период должен начинаться не раньше начала учебного года (${ruDate(year.startDate)})`);
  if (period.endDate > year.endDate) p.add('endDate', `Период должен заканчиваться не позже окончания учебного года (${ruDate(year.endDate)})`);
  if (period.gradeFrom > period.gradeTo) p.add('gradeTo', 'Последняя параллель не может быть меньше первой');
  const max = PERIODS_PER_KIND[period.kind];
  if (period.ordinal > max) p.add('ordinal', `В учебном году не больше ${max} периодов вида «${PERIOD_KIND_NAMES[period.kind]}»`);
  if (p.any) return p;
  const sameGrades = others.filter(
    (o) => o.id !== id && !o.deletedAt && o.gradeFrom <= period.gradeTo && period.gradeFrom <= o.gradeTo,
  );
  for (const o of sameGrades) {
    if (o.kind === 'year' || period.kind === 'year') continue;
    if (overlaps(period, o)) {
      p.add(
        'startDate',
        `Пересекается с периодом «${o.name}» (${gradeRange(o.gradeFrom, o.gradeTo)}, ${ruDate(o.startDate)} — ${ruDate(o.endDate)})`,
      );
    }
  }
  for (const o of sameGrades.filter((x) => x.kind === period.kind)) {
    if (o.ordinal === period.ordinal) {
      p.add('ordinal', `«${o.name}» для ${gradesGenitive(o.gradeFrom, o.gradeTo)} уже есть`);
    } else if ((o.ordinal < period.ordinal) !== (o.startDate < period.startDate)) {
      p.add('ordinal', `Номер не соответствует порядку дат: «${o.name}» начинается ${ruDate(o.startDate)}`);
    }
  }
  return p;
}

/** «для 1–9 классов», «для 10 класса». */
function gradesGenitive(from: number, to: number): string {
  return from === to ? `${from} класса` : `${from}–${to} классов`;
}

export type HolidayInput = Pick<Holiday, 'name' | 'kind' | 'startDate' | 'endDate'>;

/**
 * Holidays: dates in order and inside the year. Two vacations may not overlap
 * (one of them is a mistake); a public holiday inside a vacation is normal.
 */
export function holidayProblems(h: HolidayInput, year: Span, others: (Holiday & { id: string })[], id: string | null): Problems {
  const p = new Problems();
  if (h.endDate < h.startDate) p.add('endDate', 'Каникулы должны заканчиваться не раньше, чем начинаются');
  if (h.startDate < year.startDate) p.add('startDate', `Дата вне учебного года: он начинается ${ruDate(year.startDate)}`);
  if (h.endDate > year.endDate) p.add('endDate', `Дата вне учебного года: он заканчивается ${ruDate(year.endDate)}`);
  if (p.any) return p;
  for (const o of others) {
    if (o.id === id || o.deletedAt) continue;
    if (h.kind === 'vacation' && o.kind === 'vacation' && overlaps(h, o)) {
      p.add('startDate', `Пересекается с каникулами «${o.name}» (${ruDate(o.startDate)} — ${ruDate(o.endDate)})`);
    }
    if (h.kind !== 'vacation' && o.kind === h.kind && overlaps(h, o)) {
      p.add('startDate', `На эти даты уже приходится «${o.name}»`);
    }
  }
  return p;
}

export type SlotInput = Pick<BellSlot, 'lessonNo' | 'startTime' | 'endTime'>;

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const MIN_LESSON_MINUTES = 20;
const MAX_LESSON_MINUTES = 90;

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/**
 * The lessons of a bell schedule: numbers in a row (from 0 for a «нулевой
 * урок», or from 1), times `HH:MM`, each lesson 20–90 minutes long, and each
 * starting no earlier than the previous one ends.
 */
export function slotProblems(slots: SlotInput[]): Problems {
  const p = new Problems();
  if (slots.length === 0) {
    p.add('slots', 'Добавьте хотя бы один урок');
    return p;
  }
  if (slots[0].lessonNo !== 0 && slots[0].lessonNo !== 1) p.add('slots.0.lessonNo', 'Нумерация уроков начинается с 1 (или с 0 для нулевого урока)');
  slots.forEach((s, i) => {
    const at = `slots.${i}`;
    if (i > 0 && s.lessonNo !== slots[i - 1].lessonNo + 1) {
      p.add(`${at}.lessonNo`, `Номера уроков идут подряд: после ${slots[i - 1].lessonNo} — ${slots[i - 1].lessonNo + 1}`);
    }
    const startOk = TIME_RE.test(s.startTime);
    const endOk = TIME_RE.test(s.endTime);
    if (!startOk) p.add(`${at}.startTime`, 'Время в виде ЧЧ:ММ, например 08:30');
    if (!endOk) p.add(`${at}.endTime`, 'Время в виде ЧЧ:ММ, например 09:15');
    if (!startOk || !endOk) return;
    const length = minutes(s.endTime) - minutes(s.startTime);
    if (length <= 0) p.add(`${at}.endTime`, `Урок ${s.lessonNo} должен заканчиваться позже, чем начинается`);
    else if (length < MIN_LESSON_MINUTES || length > MAX_LESSON_MINUTES) {
      p.add(`${at}.endTime`, `Урок ${s.lessonNo} длится ${length} мин: допустимо от ${MIN_LESSON_MINUTES} до ${MAX_LESSON_MINUTES} мин`);
    }
    const prev = slots[i - 1];
    if (prev && TIME_RE.test(prev.endTime) && minutes(s.startTime) < minutes(prev.endTime)) {
      p.add(`${at}.startTime`, `Урок ${s.lessonNo} начинается раньше, чем заканчивается урок ${prev.lessonNo} (${prev.endTime})`);
    }
  });
  return p;
}

export function weekdayMask(days: number[] | null): number | null {
  if (!days || days.length === 0) return null;
  return days.reduce((mask, d) => mask | (1 << (d - 1)), 0);
}

export function weekdaysOf(mask: number | null): number[] {
  return [1, 2, 3, 4, 5, 6].filter((d) => mask === null || (mask & (1 << (d - 1))) !== 0);
}

/**
 * Schedules of one shift: one may be the shift's usual schedule (no weekdays
 * named); the others name their days (a shortened Saturday), and no day may
 * be claimed by two of them.
 */
export function scheduleDayProblems(
  s: { shift: number; weekdays: number | null },
  others: { id: string; name: string; shift: number; weekdays: number | null; deletedAt: string | null }[],
  id: string | null,
): Problems {
  const p = new Problems();
  for (const o of others) {
    if (o.id === id || o.deletedAt || o.shift !== s.shift) continue;
    if (s.weekdays === null && o.weekdays === null) {
      p.add('weekdays', `У ${s.shift} смены уже есть основной режим «${o.name}»: укажите дни недели, в которые действует этот режим`);
    } else if (s.weekdays !== null && o.weekdays !== null && (s.weekdays & o.weekdays) !== 0) {
      const common = weekdaysOf(s.weekdays & o.weekdays).map((d) => weekdayRu(d));
      p.add('weekdays', `Режим «${o.name}» уже действует для ${s.shift} смены в эти дни: ${common.join(', ')}`);
    }
  }
  return p;
}
