import { byDateAndNumber } from './flow';

/**
 * Programme fulfilment of one plan on a date (выполнение программы): hours
 * the plan expects by then against lessons given by then.
 *
 * - Planned: when every topic of the plan has its planned date (a КТП entered
 *   with dates), the hours of the topics dated up to the day; otherwise the
 *   page's lessons scheduled up to the day, cancelled ones included (the plan
 *   counted on them), and never more than the plan has.
 * - Given: the page's lessons up to the day that were held — not cancelled,
 *   and marked given or with a topic written.
 * The difference is given − planned: below zero the page is behind.
 */

export interface FulfilmentLesson {
  id: string;
  date: string;
  lessonNo: number;
  status: string;
  topic: string | null;
}

export interface FulfilmentTopic {
  hours: number;
  plannedDate: string | null;
}

export interface Fulfilment {
  date: string;
  /** Hours in the plan. */
  planHours: number;
  /** Lessons of the page in the year (cancelled ones left out). */
  yearLessons: number;
  planned: number;
  given: number;
  /** given − planned. */
  difference: number;
  state: 'behind' | 'onTrack' | 'ahead';
}

export function fulfilment(topics: FulfilmentTopic[], lessons: FulfilmentLesson[], date: string): Fulfilment {
  const planHours = topics.reduce((s, t) => s + t.hours, 0);
  const upTo = [...lessons].sort(byDateAndNumber).filter((l) => l.date <= date);
  const dated = topics.length > 0 && topics.every((t) => t.plannedDate);
  const planned = dated
    ? topics.filter((t) => t.plannedDate! <= date).reduce((s, t) => s + t.hours, 0)
    : Math.min(planHours, upTo.length);
  const given = upTo.filter((l) => l.status !== 'cancelled' && (l.status === 'given' || !!l.topic)).length;
  const difference = given - planned;
  return {
    date,
    planHours,
    yearLessons: lessons.filter((l) => l.status !== 'cancelled').length,
    planned,
    given,
    difference,
    state: difference < 0 ? 'behind' : difference > 0 ? 'ahead' : 'onTrack',
  };
}
