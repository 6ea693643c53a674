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
 *
 * On the school's today the day is under way: its lessons not held yet are
 * not due yet (a lesson at 12:30 is not behind at 09:30, and its topic may be
 * written until the day's end), so they count neither way; held, they count
 * on both sides. A past day counts whole.
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

/** What fulfilment reads of a plan's topics and a page's lessons, counted (by the database for a whole list of plans). */
export interface FulfilmentCounts {
  /** Hours of all topics. */
  planHours: number;
  /** Every topic has its planned date (and there is at least one). */
  dated: boolean;
  /** Hours of the topics dated up to the day. */
  datedHoursDue: number;
  /** The page's lessons up to the day, cancelled ones included. */
  lessonsDue: number;
  /** The page's lessons up to the day that were held. */
  given: number;
  /** The page's lessons in the year, cancelled ones left out. */
  yearLessons: number;
  /** Hours of the topics dated on the day itself. */
  datedHoursOnDay: number;
  /** The page's lessons of the day itself not held (yet), cancelled ones left out. */
  pendingOnDay: number;
}

const held = (l: FulfilmentLesson) => l.status !== 'cancelled' && (l.status === 'given' || !!l.topic);

/** Fulfilment on `date`; `today` is the school's today, when the day is still under way. */
export function fulfilment(topics: FulfilmentTopic[], lessons: FulfilmentLesson[], date: string, today: string): Fulfilment {
  const upTo = lessons.filter((l) => l.date <= date);
  return fulfilmentOf(
    {
      planHours: topics.reduce((s, t) => s + t.hours, 0),
      dated: topics.length > 0 && topics.every((t) => t.plannedDate),
      datedHoursDue: topics.filter((t) => t.plannedDate && t.plannedDate <= date).reduce((s, t) => s + t.hours, 0),
      lessonsDue: upTo.length,
      given: upTo.filter(held).length,
      yearLessons: lessons.filter((l) => l.status !== 'cancelled').length,
      datedHoursOnDay: topics.filter((t) => t.plannedDate === date).reduce((s, t) => s + t.hours, 0),
      pendingOnDay: lessons.filter((l) => l.date === date && l.status !== 'cancelled' && !held(l)).length,
    },
    date,
    today,
  );
}

export function fulfilmentOf(c: FulfilmentCounts, date: string, today: string): Fulfilment {
  // The day under way: lessons not held yet are not due yet.
  const notYet = date === today ? c.pendingOnDay : 0;
  const planned = c.dated ? c.datedHoursDue - Math.min(c.datedHoursOnDay, notYet) : Math.min(c.planHours, c.lessonsDue - notYet);
  const difference = c.given - planned;
  return {
    date,
    planHours: c.planHours,
    yearLessons: c.yearLessons,
    planned,
    given: c.given,
    difference,
    state: difference < 0 ? 'behind' : difference > 0 ? 'ahead' : 'onTrack',
  };
}
