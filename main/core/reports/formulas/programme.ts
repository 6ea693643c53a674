/**
 * Programme fulfilment (выполнение программы) of one journal page, from its
 * КТП and its lessons: hours planned up to a date, hours given, the
 * difference, and the topics that are behind. Lessons take the КТП's topics
 * in order, `hours` lessons per topic, so the first N given lessons cover
 * the topics whose hours add up to N.
 *
 * Without a КТП the plan is the timetable itself: every lesson dated up to
 * the day (given, not given or cancelled) was planned.
 *
 * When the day is the school's today, it is under way: its lessons not given
 * yet are not due yet (plans/fulfilment.ts says the same for the КТП screen).
 */
export interface PlanTopicHours {
  title: string;
  hours: number;
  /** The КТП's date for the topic; null when the plan has no dates. */
  plannedDate: string | null;
}

export interface LessonState {
  date: string;
  given: boolean;
}

export interface Programme {
  /** Hours of the whole КТП (null: no plan), or of the year's timetable. */
  plannedYear: number;
  /** Hours planned by the day. */
  planned: number;
  given: number;
  /** planned − given when positive: the backlog, hours. */
  behind: number;
  /** Topics planned by the day but not yet reached, in order. */
  behindTopics: string[];
  /** Whether the plan came from a КТП (with dates) or from the timetable. */
  source: 'plan' | 'timetable';
}

export function programme(topics: readonly PlanTopicHours[], lessons: readonly LessonState[], asOf: string, today?: string): Programme {
  const given = lessons.filter((l) => l.given && l.date <= asOf).length;
  const dated = topics.length > 0 && topics.every((t) => t.plannedDate !== null);
  const notYet = asOf === today ? lessons.filter((l) => l.date === asOf && !l.given).length : 0;
  if (!dated) {
    const planned = lessons.filter((l) => l.date <= asOf).length - notYet;
    return {
      plannedYear: topics.length > 0 ? sumHours(topics) : lessons.length,
      planned,
      given,
      behind: Math.max(0, planned - given),
      behindTopics: topics.length > 0 ? topicsBetween(topics, given, planned) : [],
      source: 'timetable',
    };
  }
  const planned = sumHours(topics.filter((t) => t.plannedDate! <= asOf)) - Math.min(sumHours(topics.filter((t) => t.plannedDate === asOf)), notYet);
  return {
    plannedYear: sumHours(topics),
    planned,
    given,
    behind: Math.max(0, planned - given),
    behindTopics: topicsBetween(topics, given, planned),
    source: 'plan',
  };
}

function sumHours(topics: readonly PlanTopicHours[]): number {
  return topics.reduce((s, t) => s + t.hours, 0);
}

/** Topics whose hours lie after the first `from` hours and within the first `to`. */
function topicsBetween(topics: readonly PlanTopicHours[], from: number, to: number): string[] {
  const out: string[] = [];
  let start = 0;
  for (const t of topics) {
    const end = start + t.hours;
    if (end > from && start < to) out.push(t.title);
    start = end;
  }
  return out;
}

/** «Программа выполнена» or «Программа не выполнена, отставание 3 ч». */
export function programmeVerdict(p: Programme): string {
  if (p.behind === 0) return 'Программа выполнена';
  return `Программа не выполнена, отставание ${p.behind} ч`;
}
