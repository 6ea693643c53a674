import type { ReadableDb } from '../db/readable';
import { In } from 'typeorm';
import { DataConsentEntity, StudentGuardianEntity, type ConsentStatus, type DataConsent, type Sex, type Student } from '../db/entities/contingent';
import { getSetting } from '../settings/store';

/**
 * Consent to personal-data processing (152-ФЗ) and what follows from it.
 *
 * THE RULE FOR EVERY EXPORT. A student's personal data leave this computer —
 * in an XLSX/CSV/PDF export, an archive meant for another system, a message,
 * a sync to any outside service — only if `canExportPersonalData` says so
 * (or the student is in the set `exportableStudentIds` returns). A student
 * without consent is skipped (or shown as «данные скрыты»), whatever the
 * school's policy. The one exception is the paper extract printed for the
 * student's own parents (seed 000 §5.2), which is exactly how such parents are
 * informed. The school's own records (the class journal, the summary sheets)
 * are not exports, on paper or as files.
 *
 * Documents say what they are for with a `DocumentUse`; `hideWithoutConsent`
 * applies the rule to a list of students for that use. Where each channel is
 * decided: README.md in this folder.
 *
 * The school's policy (`contingent.consentPolicy`) decides what may be
 * entered at all:
 * - `paperOnly` (seed 000 §5.2): the data are kept; parents get paper extracts;
 * - `noEntry` (seed 001 §3.2: «сведения о таких обучающихся не вносятся»):
 *   only the name and the class list (which the journal itself needs) are kept;
 *   birth date, contacts, СНИЛС and the guardians are not entered, and are
 *   erased when a refusal is recorded.
 */

/** Personal fields that `noEntry` keeps out of the record of a student without consent. */
export const CONSENT_BOUND_FIELDS = ['birthDate', 'address', 'phone', 'email', 'snils'] as const satisfies readonly (keyof Student)[];

export const CONSENT_STATUS_NAMES: Record<ConsentStatus, string> = {
  given: 'согласие получено',
  refused: 'отказ',
  not_asked: 'не запрашивалось',
};

/** The consent that counts: the latest by date of the document, then by entry. */
export function latestConsent(rows: DataConsent[]): DataConsent | null {
  const live = rows.filter((r) => !r.deletedAt);
  live.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return live[live.length - 1] ?? null;
}

/** Each student's current consent status («not_asked» when nothing is recorded). */
export async function consentStatuses(em: ReadableDb, studentIds: string[]): Promise<Map<string, ConsentStatus>> {
  const out = new Map<string, ConsentStatus>(studentIds.map((id) => [id, 'not_asked']));
  const unique = [...new Set(studentIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await em.find(DataConsentEntity, { where: { studentId: In(chunk) } });
    const byStudent = new Map<string, DataConsent[]>();
    for (const r of rows) byStudent.set(r.studentId, [...(byStudent.get(r.studentId) ?? []), r]);
    for (const [id, list] of byStudent) out.set(id, latestConsent(list)?.status ?? 'not_asked');
  }
  return out;
}

/**
 * May this student's personal data leave the computer (an export, a file, an
 * outside system)? Only with consent given. Paper extracts for the student's
 * own parents do not ask.
 */
export async function canExportPersonalData(em: ReadableDb, studentId: string): Promise<boolean> {
  return (await consentStatuses(em, [studentId])).get(studentId) === 'given';
}

/** The students of a list whose data may be exported: the bulk form of canExportPersonalData, for exporters. */
export async function exportableStudentIds(em: ReadableDb, studentIds: string[]): Promise<Set<string>> {
  const statuses = await consentStatuses(em, studentIds);
  return new Set([...statuses].filter(([, status]) => status === 'given').map(([id]) => id));
}

/**
 * What a document the program makes is for, the one question 152-ФЗ asks of it:
 * - `school`: the screen, and the school's own records however they are
 *   produced (the class journal and the summary sheets, printed or saved as
 *   PDF or Excel; the year's archive kept by the school), and other reports
 *   printed on paper. Not an export: every student is named.
 * - `parents`: the paper extract for a student's own parents (seed 000 §5.2).
 *   Not an export: it is how those parents are informed.
 * - `export`: a file saved for use elsewhere (an XLSX or a saved PDF of a
 *   report that is not a school record). Students without consent given
 *   appear as «данные скрыты», with no personal fields, in their own rows.
 */
export type DocumentUse = 'school' | 'parents' | 'export';

/** What an export shows instead of the name of a student without consent. */
const HIDDEN_STUDENT = 'данные скрыты';

/** A student as documents name them: the name, and the sex that the grammar of a form follows. */
export interface NamedStudent {
  studentId: string;
  lastName: string;
  firstName: string;
  middleName?: string | null;
  sex?: Sex | null;
}

/**
 * The students of a list as a document for `use` may show them. For an
 * export, a student without consent keeps their row, in its place and under
 * its number (so that counts, totals and everyone else's numbers are those of
 * the paper), under «данные скрыты»: no name, no sex. For the school and for
 * the parents the list is returned as it is.
 */
export async function hideWithoutConsent<T extends NamedStudent>(em: ReadableDb, rows: T[], use: DocumentUse): Promise<T[]> {
  if (use !== 'export' || rows.length === 0) return rows;
  const allowed = await exportableStudentIds(em, rows.map((r) => r.studentId));
  return rows.map((r) =>
    allowed.has(r.studentId)
      ? r
      : { ...r, lastName: HIDDEN_STUDENT, firstName: '', ...('middleName' in r ? { middleName: null } : {}), ...('sex' in r ? { sex: null } : {}) },
  );
}

/** Whether the school's policy lets this student's consent-bound data be entered now. */
export async function mayEnterPersonalData(em: ReadableDb, studentId: string | null, status?: ConsentStatus): Promise<boolean> {
  if ((await getSetting(em, 'contingent.consentPolicy')) !== 'noEntry') return true;
  const current = status ?? (studentId ? (await consentStatuses(em, [studentId])).get(studentId) : 'not_asked');
  return current === 'given';
}

/** What a `noEntry` refusal would erase: filled consent-bound fields and linked guardians. */
export async function personalDataHeld(em: ReadableDb, student: Student): Promise<{ fields: string[]; guardians: number }> {
  const fields = CONSENT_BOUND_FIELDS.filter((f) => student[f] !== null && student[f] !== '');
  const links = await em.find(StudentGuardianEntity, { where: { studentId: student.id } });
  return { fields, guardians: links.filter((g) => !g.deletedAt).length };
}
