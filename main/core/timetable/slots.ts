import type { ConflictIndex } from './conflicts';
import type { Placement, SlotReason } from './model';

/** What a slot of the grid would say if the lesson were put there. */
export interface SlotStatus {
  weekday: number;
  lessonNo: number;
  free: boolean;
  reasons: SlotReason[];
}

/**
 * The status of every slot of the week for a lesson being placed or moved
 * (aSc colours the columns while a card is dragged; this is the same). The
 * lesson keeps its teacher, class, group and room; only the time changes.
 * Lessons in `ignore` (the one being moved, its card mates) hold nothing.
 */
export function slotStatuses(
  index: ConflictIndex,
  lesson: Omit<Placement, 'weekday' | 'lessonNo'>,
  days: number,
  lessonsPerDay: number,
  ignore: ReadonlySet<string>,
  firstLesson = 1,
): SlotStatus[] {
  const out: SlotStatus[] = [];
  for (let weekday = 1; weekday <= days; weekday++) {
    for (let lessonNo = firstLesson; lessonNo <= lessonsPerDay; lessonNo++) {
      const reasons = index.reasons({ ...lesson, weekday, lessonNo }, ignore);
      out.push({ weekday, lessonNo, free: reasons.length === 0, reasons });
    }
  }
  return out;
}
