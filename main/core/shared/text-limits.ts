/**
 * The longest texts the program keeps, in characters (after trimming), by
 * field. The core's schemas refuse longer ones; the screens show each limit
 * at its field as the user types (auth.status hands them to the renderer),
 * so that nobody learns of it only when saving.
 */
export const TEXT_LIMITS = {
  /** A lesson's topic and its homework (a paper journal's line, generously). */
  lessonText: 2000,
  /** A deputy's remark to a teacher, and the teacher's answer. */
  remarkText: 2000,
  /** The conclusions and recommendations of a journal check. */
  checkConclusions: 10_000,
  /** Why a class's groups change inside a study period. */
  groupChangeReason: 500,
  /** Why a year is closed with gaps. */
  yearCloseReason: 1000,
} as const;

export type TextLimitKey = keyof typeof TEXT_LIMITS;

/** «Не более 2000 символов»: the message of a schema's max. */
export function tooLong(key: TextLimitKey): string {
  return `Не более ${TEXT_LIMITS[key].toLocaleString('ru-RU').replace(/\s/g, ' ')} символов`;
}
