import type { ReadableDb } from '../../db/readable';
import { ClassMembershipEntity, StudentEntity, type Sex } from '../../db/entities/contingent';
import { compareRu } from '../../shared/text';
import { hideWithoutConsent, type DocumentUse } from '../../contingent/consent';

/** A student on a class's roll during a span, with the days they joined and left. */
export interface RosterEntry {
  studentId: string;
  classId: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  sex: Sex | null;
  fromDate: string;
  /** Inclusive last day; null = still in the class. */
  toDate: string | null;
}

/** On the roll on that day. */
export function onRollAt(e: { fromDate: string; toDate: string | null }, date: string): boolean {
  return e.fromDate <= date && (e.toDate === null || e.toDate >= date);
}

/** «Алексеев Артём»; a student hidden from an export has only «данные скрыты». */
export function studentName(e: { lastName: string; firstName: string }): string {
  return e.firstName ? `${e.lastName} ${e.firstName}` : e.lastName;
}

function byName(a: RosterEntry, b: RosterEntry): number {
  return compareRu(a.lastName, b.lastName) || compareRu(a.firstName, b.firstName) || compareRu(a.middleName ?? '', b.middleName ?? '');
}

/**
 * The rolls of some classes over a span, from ClassMembership: everyone who
 * was in the class on any day of it, in Russian surname order. A student who
 * left and came back is one entry from the first day to the last.
 *
 * `use` says what the document is for (contingent/consent.ts): in an export,
 * students without consent to personal-data processing are on the roll as
 * «данные скрыты», in their places. Every report takes its students from here.
 */
export async function classRosters(em: ReadableDb, classIds: string[], from: string, to: string, use: DocumentUse): Promise<Map<string, RosterEntry[]>> {
  const out = new Map<string, RosterEntry[]>(classIds.map((id) => [id, []]));
  if (classIds.length === 0) return out;
  const rows = await em
    .createQueryBuilder(ClassMembershipEntity, 'cm')
    .innerJoin(StudentEntity.options.name, 's', 's.id = cm.studentId')
    .select('cm.studentId', 'studentId')
    .addSelect('cm.classId', 'classId')
    .addSelect('s.lastName', 'lastName')
    .addSelect('s.firstName', 'firstName')
    .addSelect('s.middleName', 'middleName')
    .addSelect('s.sex', 'sex')
    .addSelect('cm.fromDate', 'fromDate')
    .addSelect('cm.toDate', 'toDate')
    .where('cm.classId IN (:...classIds) AND cm.deletedAt IS NULL AND s.deletedAt IS NULL', { classIds })
    .andWhere('cm.fromDate <= :to AND (cm.toDate IS NULL OR cm.toDate >= :from)', { from, to })
    .getRawMany<RosterEntry>();
  const seen = new Map<string, RosterEntry>();
  for (const r of rows) {
    const key = `${r.classId}:${r.studentId}`;
    const prev = seen.get(key);
    if (!prev) {
      seen.set(key, r);
      out.get(r.classId)!.push(r);
      continue;
    }
    if (r.fromDate < prev.fromDate) prev.fromDate = r.fromDate;
    if (prev.toDate !== null && (r.toDate === null || r.toDate > prev.toDate)) prev.toDate = r.toDate;
  }
  for (const [classId, list] of out) out.set(classId, await hideWithoutConsent(em, list.sort(byName), use));
  return out;
}

export async function classRoster(em: ReadableDb, classId: string, from: string, to: string, use: DocumentUse): Promise<RosterEntry[]> {
  return (await classRosters(em, [classId], from, to, use)).get(classId) ?? [];
}

/** «выбыл(а) 12.12.2026», «прибыл(а) 14.11.2026»: how a student's place on the roll changed, by sex. */
export function movedWord(sex: Sex | null, kind: 'left' | 'came'): string {
  if (kind === 'left') return sex === 'f' ? 'выбыла' : sex === 'm' ? 'выбыл' : 'выбыл(а)';
  return sex === 'f' ? 'прибыла' : sex === 'm' ? 'прибыл' : 'прибыл(а)';
}

