import type { ReadableDb } from '../../db/readable';
import { FinalMarkEntity, type FinalMarkKind } from '../../db/entities/journal';
import type { FinalValue } from '../formulas/performance';

export interface FinalRow {
  studentId: string;
  subjectId: string;
  classId: string;
  periodId: string | null;
  kind: FinalMarkKind;
  value: FinalValue;
}

/** Live final marks given in these classes (every period, the year, exams). */
export async function finalsOfClasses(em: ReadableDb, classIds: string[]): Promise<FinalRow[]> {
  if (classIds.length === 0) return [];
  return em
    .createQueryBuilder(FinalMarkEntity, 'f')
    .select('f.studentId', 'studentId')
    .addSelect('f.subjectId', 'subjectId')
    .addSelect('f.classId', 'classId')
    .addSelect('f.periodId', 'periodId')
    .addSelect('f.kind', 'kind')
    .addSelect('f.value', 'value')
    .where('f.classId IN (:...classIds) AND f.deletedAt IS NULL', { classIds })
    .orderBy('f.setAt', 'ASC')
    .getRawMany<FinalRow>();
}

/**
 * Final marks as a lookup: student → subject → slot (a period id, `year`,
 * `exam`, `final`) → value. A later mark in the same slot wins (rows come by setAt).
 */
export class FinalsIndex {
  /** student → subject → slot → value: nested maps, no key strings to build (the school's summary sheets look up some 300 000). */
  private readonly map = new Map<string, Map<string, Map<string, FinalValue>>>();

  constructor(rows: FinalRow[]) {
    for (const r of rows) {
      let bySubject = this.map.get(r.studentId);
      if (!bySubject) this.map.set(r.studentId, (bySubject = new Map()));
      let bySlot = bySubject.get(r.subjectId);
      if (!bySlot) bySubject.set(r.subjectId, (bySlot = new Map()));
      bySlot.set(r.kind === 'period' ? (r.periodId ?? '') : r.kind, r.value);
    }
  }

  get(studentId: string, subjectId: string, slot: string): FinalValue | null {
    return this.map.get(studentId)?.get(subjectId)?.get(slot) ?? null;
  }
}
