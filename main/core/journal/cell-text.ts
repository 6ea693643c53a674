import { AppError } from '../shared/errors';
import type { AttendanceCode } from '../db/entities/journal';

/**
 * What a teacher types into a journal cell, read the way paper journals and
 * ЭлЖур write it (russian_anchors §2.6): «5», a double mark «5/4», «н» for an
 * absence, «оп» for lateness, and combinations such as «оп/5». An empty cell
 * clears both. Letters arrive already in Russian: the grid maps the physical
 * keys, so «н» works from the Y key whatever the layout.
 */
export interface CellText {
  attendance: AttendanceCode | null;
  marks: string[];
}

export const MAX_MARKS_PER_CELL = 3;

const ATTENDANCE_TOKENS: Record<string, AttendanceCode> = { н: 'absent', нб: 'absent', оп: 'late' };

/** Longer than any cell can hold: «оп/5-/4+/3» is ten characters. */
const MAX_CELL_TEXT = 40;

export function parseCellText(text: string): CellText {
  if (text.trim().length > MAX_CELL_TEXT) {
    const shown = text.trim().slice(0, 20);
    throw new AppError('VALIDATION', `Запись «${shown}…» не похожа на отметку: в клетку ставятся отметки, «н» или «оп».`);
  }
  const tokens = text
    .split(/[\s/,.;\\]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  let attendance: AttendanceCode | null = null;
  const marks: string[] = [];
  for (const token of tokens) {
    // Marks keep the case they were typed in, for the refusal; the grading system reads them either way.
    const code = ATTENDANCE_TOKENS[token.toLocaleLowerCase('ru-RU')];
    if (code) {
      if (attendance && attendance !== code) {
        throw new AppError('VALIDATION', 'В клетке может быть только одна запись о посещаемости: «н» или «оп».');
      }
      attendance = code;
    } else marks.push(token);
  }
  if (marks.length > MAX_MARKS_PER_CELL) {
    throw new AppError('VALIDATION', `В одной клетке — не более ${MAX_MARKS_PER_CELL} отметок. Остальные поставьте за другие работы в свои дни.`);
  }
  return { attendance, marks };
}

/** The cell as the grid shows it: «оп/5/4». */
export function cellText(attendance: AttendanceCode | null, marks: readonly string[]): string {
  const code = attendance === 'absent' ? 'н' : attendance === 'late' ? 'оп' : null;
  return [...(code ? [code] : []), ...marks].join('/');
}
