import { dayChanges } from '../substitutions/changes';
import type { ReadableDb } from '../db/readable';
import { isoWeekday, ruDate, weekdayRu } from '../shared/dates';
import { fail } from '../shared/errors';

/**
 * The day's changes as an announcement for the staff: what each teacher is
 * to do, in the words of the printed list (FORMS.md §7, «по учителям»).
 */
export async function changesAnnouncement(em: ReadableDb, date: string): Promise<{ title: string; body: string }> {
  const changes = await dayChanges(em, date);
  const day = `${ruDate(date)} (${weekdayRu(isoWeekday(date))})`;
  if (changes.teachers.length === 0 && changes.classes.length === 0) {
    throw fail.validation(`На ${day} изменений в расписании нет: объявлять нечего.`);
  }
  const lines = changes.teachers.map((r) => `${r.teacher}, ${r.lessonNo}-й урок: ${r.todo}`);
  // A change no teacher acts on (a cancelled lesson of an absent teacher) is still news for the staff.
  const covered = new Set(changes.teachers.map((r) => r.lessonId));
  for (const c of changes.classes) if (!covered.has(c.lessonId)) lines.push(`${c.classLabel}, ${c.lessonNo}-й урок: ${c.now}`);
  return { title: `Изменения в расписании на ${day}`, body: lines.join('\n') };
}
