/**
 * What a journal check finds (seed 000 §6.3, 002 item 14, 003 §9), by code.
 * The code is stored on a remark made from a finding (Remark.finding).
 */
export const FINDING_CODES = [
  'topics_late',
  'topics_missing',
  'homework_missing',
  'marks_late',
  'no_marks',
  'one_mark',
  'below_minimum',
  'attendance_missing',
  'programme_behind',
  'substitution_unfilled',
  'absence_uncovered',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** The finding as a deputy would write it in a remark. */
export const FINDING_RU: Record<FindingCode, string> = {
  topics_late: 'Темы уроков записаны с опозданием',
  topics_missing: 'Не записаны темы уроков',
  homework_missing: 'Не записано домашнее задание',
  marks_late: 'Отметки выставлены позже установленного срока',
  no_marks: 'Есть учащиеся без отметок',
  one_mark: 'Есть учащиеся с одной отметкой',
  below_minimum: 'Недостаточная накопляемость отметок',
  attendance_missing: 'Не отмечена посещаемость',
  programme_behind: 'Отставание от программы (КТП)',
  substitution_unfilled: 'Не заполнены уроки, проведённые на замене',
  absence_uncovered: 'Уроки отсутствующего учителя без замены',
};

/**
 * What the deputy asks of the teacher in a remark about the finding. A late
 * entry cannot be made on time after the fact: the remark asks for the
 * future; a missing entry can be made, and the remark asks for it.
 */
export const FINDING_ASK: Record<FindingCode, string> = {
  topics_late: 'Впредь записывайте тему урока в день его проведения.',
  topics_missing: 'Прошу записать темы уроков.',
  homework_missing: 'Прошу записать домашнее задание.',
  marks_late: 'Впредь выставляйте отметки в установленный срок.',
  no_marks: 'Прошу обеспечить накопляемость отметок до конца периода.',
  one_mark: 'Прошу обеспечить накопляемость отметок до конца периода.',
  below_minimum: 'Прошу обеспечить накопляемость отметок до конца периода.',
  attendance_missing: 'Прошу отметить посещаемость.',
  programme_behind: 'Прошу скорректировать КТП и ликвидировать отставание от программы.',
  substitution_unfilled: 'Прошу заполнить уроки, проведённые на замене.',
  absence_uncovered: 'Прошу оформить замену уроков.',
};

/** Findings that cannot be put right after the fact (lateness): the teacher takes note, there is nothing to fix. */
export const AFTER_THE_FACT: ReadonlySet<FindingCode> = new Set<FindingCode>(['topics_late', 'marks_late']);

/** What the check is for, as the certificate names it. */
export const CHECK_PURPOSE =
  'своевременность записи тем уроков и домашних заданий, своевременность выставления отметок, накопляемость отметок, учёт посещаемости, выполнение программы, оформление замен';
