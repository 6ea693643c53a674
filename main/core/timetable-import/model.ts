/**
 * A timetable as read from another program, before it meets the school's
 * reference data: every name as the file spells it, keyed by the file's own ids.
 */

export interface ImportedPerson {
  key: string;
  /** As shown in the file: «Иванова А.П.», «Иванова Анна Петровна». */
  name: string;
  lastName: string | null;
  firstName: string | null;
  middleName: string | null;
}

export interface ImportedNamed {
  key: string;
  name: string;
  short: string;
}

export interface ImportedGroup {
  key: string;
  classKey: string;
  name: string;
  /** Groups of one split share it; parts with the same name are the same students. */
  splitKey: string;
}

export interface ImportedPlacement {
  weekday: number;
  lessonNo: number;
  weekParity: 0 | 1 | 2;
  classKey: string;
  /** Null: the whole class. */
  groupKey: string | null;
  subjectKey: string;
  teacherKey: string;
  roomKey: string | null;
  /** The parts of one card (aSc) or activity (FET) share it. */
  cardKey: string;
}

export interface ImportedTimetable {
  format: 'asc' | 'fet';
  /** «aSc TimeTables 2021.6.2», «FET 6.9.0». */
  source: string;
  encoding: string;
  cycleWeeks: 1 | 2;
  teachers: ImportedPerson[];
  classes: ImportedNamed[];
  groups: ImportedGroup[];
  subjects: ImportedNamed[];
  rooms: ImportedNamed[];
  placements: ImportedPlacement[];
  /** What the import understood differently from the file, in Russian (shown in the preview). */
  notes: string[];
}

/**
 * «Иванова А.П.» → parts; «А.П. Иванова», «В.Илиева» (initials first) → parts;
 * «Иванова Анна Петровна» → parts; one word → the last name.
 */
export function splitPersonName(raw: string): Pick<ImportedPerson, 'lastName' | 'firstName' | 'middleName'> {
  const s = raw.replace(/\s+/g, ' ').trim();
  const initials = /^([^\s.]+)\s+([^\s.])\.\s?([^\s.])?\.?$/u.exec(s);
  if (initials) return { lastName: initials[1], firstName: `${initials[2]}.`, middleName: initials[3] ? `${initials[3]}.` : null };
  const before = /^([^\s.])\.\s?(?:([^\s.])\.\s?)?([^\s.]{2,})$/u.exec(s);
  if (before) return { lastName: before[3], firstName: `${before[1]}.`, middleName: before[2] ? `${before[2]}.` : null };
  const parts = s.split(' ');
  if (parts.length >= 2) return { lastName: parts[0], firstName: parts[1], middleName: parts.slice(2).join(' ') || null };
  return { lastName: s || null, firstName: null, middleName: null };
}
