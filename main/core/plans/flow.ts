/**
 * Topics of a КТП flow into the page's lessons in order: the plan's topics,
 * each repeated for its hours, go to the lessons by date and lesson number.
 * A cancelled lesson takes no topic (the plan moves on to the next lesson).
 * A topic the teacher writes in a lesson is an override of that lesson only:
 * the lesson still uses up its planned topic, so nothing else shifts.
 */

export interface FlowLesson {
  id: string;
  date: string;
  lessonNo: number;
  status: string;
}

export interface FlowTopic {
  id: string;
  ordinal: number;
  hours: number;
}

export function byDateAndNumber(a: FlowLesson, b: FlowLesson): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.lessonNo !== b.lessonNo) return a.lessonNo - b.lessonNo;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The topic of each lesson (null: a cancelled lesson, or one past the plan's end). */
export function flowTopics(lessons: FlowLesson[], topics: FlowTopic[]): Map<string, string | null> {
  const sequence: string[] = [];
  for (const t of [...topics].sort((a, b) => a.ordinal - b.ordinal)) {
    for (let h = 0; h < t.hours; h++) sequence.push(t.id);
  }
  const out = new Map<string, string | null>();
  let next = 0;
  for (const l of [...lessons].sort(byDateAndNumber)) {
    if (l.status === 'cancelled') {
      out.set(l.id, null);
      continue;
    }
    out.set(l.id, sequence[next++] ?? null);
  }
  return out;
}

/** A journal page: a subject in a class or in one of its groups. */
export function pageKey(p: { classId: string; groupId: string | null; subjectId: string }): string {
  return `${p.classId}|${p.groupId ?? ''}|${p.subjectId}`;
}
