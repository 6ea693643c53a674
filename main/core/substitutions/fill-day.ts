import { compareRu } from '../shared/text';
import type { Day, DayLesson } from './day';
import { Run, mergeOptions, rankFor, type CandidateRow, type MergeOption } from './candidates';
import { groupOf } from './ranking';

export interface Proposal {
  lessonId: string;
  kind: 'substitute' | 'merge' | 'cancel';
  substituteStaffId: string | null;
  mergedWithLessonId: string | null;
  /** The chosen teacher's row, with every criterion, so the review shows why. */
  candidate: CandidateRow | null;
  merge: MergeOption | null;
  /** Russian: why this solution. */
  why: string;
  /** How many other teachers could take it. */
  alternatives: number;
}

/** Why the best candidate, in the deputy's words (the groups of ranking.groupOf). */
function whyChosen(best: CandidateRow): string {
  if (best.distance === null) return 'Свободных учителей, которые в этот день в школе, нет; у этого учителя в этот день уроков нет.';
  const neighbour = best.continuity ? ' Ведёт и соседний урок этого класса.' : '';
  const group = groupOf(best);
  if (group === 1) return `${best.subject === 'teaches' ? 'Ведёт этот предмет' : 'Имеет квалификацию по этому предмету'} в классах этой ступени.${neighbour} Баллы: ${best.score}.`;
  if (group === 2) return `Свободных в это время учителей этого предмета нет; ${best.teachesClass ? 'ведёт уроки в этом классе' : 'классный руководитель этого класса'}.${neighbour} Баллы: ${best.score}.`;
  return `Свободных в это время учителей этого предмета и учителей этого класса нет.${neighbour} Баллы: ${best.score}.`;
}

/** Open lessons in the order they are filled: class by class, through the day. */
function openLessons(day: Day): DayLesson[] {
  const name = (l: DayLesson) => day.classes.get(l.classId)?.name ?? '';
  return day.lessons
    .filter((l) => day.openReason(l) !== null)
    .sort((a, b) => compareRu(name(a), name(b)) || (a.groupId ?? '').localeCompare(b.groupId ?? '') || a.pos - b.pos || a.lessonNo - b.lessonNo);
}

/**
 * «Заполнить день»: a solution for every open lesson of the day, for the
 * deputy to review — nothing is saved here. Each lesson takes the best
 * candidate given the picks already made in this run (so one teacher is not
 * given every lesson, and the next lesson of a class goes to the teacher who
 * took the previous one); when nobody is free, the class joins a parallel
 * lesson of the same subject; when there is none, the lesson is proposed for cancellation.
 */
export function fillDay(day: Day): Proposal[] {
  const run = new Run();
  const out: Proposal[] = [];
  for (const l of openLessons(day)) {
    const { candidates } = rankFor(day, l, run);
    const best = candidates[0];
    if (best) {
      run.add(best.staffId, l);
      out.push({
        lessonId: l.id,
        kind: 'substitute',
        substituteStaffId: best.staffId,
        mergedWithLessonId: null,
        candidate: best,
        merge: null,
        why: whyChosen(best),
        alternatives: candidates.length - 1,
      });
      continue;
    }
    // Only a lesson of the same subject is proposed: joining another subject's lesson is the deputy's own call.
    const merge = mergeOptions(day, l).find((m) => m.sameSubject);
    if (merge) {
      out.push({
        lessonId: l.id,
        kind: 'merge',
        substituteStaffId: merge.teacherId,
        mergedWithLessonId: merge.lessonId,
        candidate: null,
        merge,
        why: 'Свободных учителей нет: класс присоединяется к параллельному уроку.',
        alternatives: 0,
      });
      continue;
    }
    out.push({
      lessonId: l.id,
      kind: 'cancel',
      substituteStaffId: null,
      mergedWithLessonId: null,
      candidate: null,
      merge: null,
      why: 'Свободных учителей и параллельных уроков для объединения нет.',
      alternatives: 0,
    });
  }
  return out;
}
