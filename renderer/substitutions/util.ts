import type { ResultOf } from '../../main/core/api/types';

export type DayDto = ResultOf<'substitutions.day'>;
export type DayLesson = DayDto['lessons'][number];
export type Absence = DayDto['absences'][number];
export type Suggestion = ResultOf<'substitutions.suggest'>;
export type Candidate = Suggestion['candidates'][number];
export type Proposal = ResultOf<'substitutions.fillDay'>[number];
export type ReportFile = { fileName: string; mime: string; base64: string };

/** `2026-11-23` + n days, in UTC so that no time zone moves a school date. */
export function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const WEEKDAYS = ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'];

/** «понедельник» for a school date. */
export function weekdayName(date: string): string {
  return WEEKDAYS[new Date(`${date}T00:00:00.000Z`).getUTCDay()];
}

/** A school day to move to with the arrows: Sundays are skipped. */
export function nextSchoolDay(date: string, step: 1 | -1): string {
  let d = shiftDate(date, step);
  if (new Date(`${d}T00:00:00.000Z`).getUTCDay() === 0) d = shiftDate(d, step);
  return d;
}

/** 0.5 → «0,5». */
export function hoursText(n: number): string {
  return String(Math.round(n * 100) / 100).replace('.', ',');
}

/** Saves a written report (PDF or XLSX) through the browser's download. */
export function downloadFile(file: ReportFile): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const STATE_LABELS: Record<DayLesson['state'], { label: string; color: 'warning' | 'success' | 'error' | 'info' }> = {
  open: { label: 'Нужно решение', color: 'warning' },
  problem: { label: 'Решение не действует', color: 'error' },
  solved: { label: 'Решено', color: 'success' },
  moved_in: { label: 'Перенесён сюда', color: 'info' },
};

export const REASONS = [
  { value: 'illness', label: 'Болезнь' },
  { value: 'course', label: 'Курсы повышения квалификации' },
  { value: 'business', label: 'Командировка' },
  { value: 'other', label: 'Иная причина' },
] as const;

/** «Назначена: Носова Н.А.» + «.» — without a second full stop after initials. */
export function sentence(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}
