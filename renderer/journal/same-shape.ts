import type { JournalPage } from './cell-model';

/**
 * Whether a page read again can be taken in without redrawing its grid: the
 * same period, lessons and students in the same order, and the same right to
 * edit. Positions in the grid (the active cell, the cell being typed in) are
 * by row and column, so a lesson or student more would move them.
 */
export function sameShape(a: JournalPage, b: JournalPage): boolean {
  return (
    a.period.id === b.period.id &&
    a.canEdit === b.canEdit &&
    a.lessons.length === b.lessons.length &&
    a.students.length === b.students.length &&
    a.lessons.every((l, i) => l.id === b.lessons[i].id && l.editable === b.lessons[i].editable) &&
    a.students.every((st, i) => st.id === b.students[i].id)
  );
}
