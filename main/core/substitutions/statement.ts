import type { ReadableDb } from '../db/readable';
import { LessonEntity, type Lesson } from '../db/entities/journal';
import { SubstitutionEntity, type Substitution } from '../db/entities/changes';
import { compareRu } from '../shared/text';
import { Names } from './names';
import { byIds } from './book';
import { monthOf } from '../shared/dates';

export type StatementKind = 'substitute' | 'merge' | 'cancel' | 'taken' | 'merged_away';

export const STATEMENT_KIND_RU: Record<StatementKind, string> = {
  substitute: 'замена',
  merge: 'объединение (взял класс)',
  cancel: 'урок отменён',
  taken: 'заменён другим учителем',
  merged_away: 'класс объединён с другим',
};

export interface StatementLesson {
  date: string;
  lessonNo: number;
  classLabel: string;
  subject: string;
  kind: StatementKind;
  /** For a substitution given: whom it replaced; for a lesson not given: who took it. */
  other: string;
  hours: number;
  paid: boolean;
}

export interface StatementRow {
  staffId: string;
  name: string;
  given: { count: number; hours: number; paidHours: number; substitute: number; merge: number };
  notGiven: { count: number; hours: number; cancel: number; taken: number; mergedAway: number };
  /** Paid hours of substitutions given, less the hours of own lessons not given (Untis' counter). */
  total: number;
  lessons: StatementLesson[];
}

export interface Statement {
  month: string;
  from: string;
  to: string;
  rows: StatementRow[];
  totals: { givenHours: number; paidHours: number; notGivenHours: number; total: number };
}

/** Hours are counted in halves and quarters: keep sums free of binary noise. */
function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Табель замен for a month (FORMS.md §6), per teacher and for the school:
 * substitutions given (hours by the rule of their kind; paid ones apart), own
 * lessons not given — cancelled, taken by another teacher, or merged into
 * another class — one hour each, and the balance. A moved lesson is given by
 * its teacher at its new time and is not counted here. Hand-worked in
 * test/unit/substitutions/statement.test.ts.
 */
export async function monthlyStatement(em: ReadableDb, month: string, staffId?: string): Promise<Statement> {
  const { from, to } = monthOf(`${month}-01`);
  const names = await Names.load(em);
  // Own lessons not given, and the lessons given as substitutes, of the month.
  const changed = await em
    .createQueryBuilder(LessonEntity, 'l')
    .where('l.deletedAt IS NULL AND l.date >= :from AND l.date <= :to', { from, to })
    .andWhere("(l.status = 'cancelled' OR l.substituteStaffId IS NOT NULL)")
    .getMany();
  const subs = await byIds(
    changed.map((l) => l.id),
    (ids) => em.createQueryBuilder(SubstitutionEntity, 's').where('s.lessonId IN (:...ids) AND s.deletedAt IS NULL', { ids }).getMany(),
  );
  const subOf = new Map<string, Substitution>([...subs.values()].map((s) => [s.lessonId, s]));
  const rows = new Map<string, StatementRow>();
  const row = (id: string): StatementRow => {
    let r = rows.get(id);
    if (!r) {
      r = {
        staffId: id,
        name: names.teacher(id),
        given: { count: 0, hours: 0, paidHours: 0, substitute: 0, merge: 0 },
        notGiven: { count: 0, hours: 0, cancel: 0, taken: 0, mergedAway: 0 },
        total: 0,
        lessons: [],
      };
      rows.set(id, r);
    }
    return r;
  };
  const base = (l: Lesson) => ({ date: l.date, lessonNo: l.lessonNo, classLabel: names.cls(l), subject: names.subject(l.subjectId) });
  for (const l of changed) {
    const s = subOf.get(l.id);
    if (l.status === 'cancelled') {
      row(l.staffId).lessons.push({ ...base(l), kind: 'cancel', other: '', hours: 1, paid: false });
      continue;
    }
    const by = l.substituteStaffId!;
    const merged = s?.kind === 'merge';
    // Without a Substitution row (a substitute set on the lesson itself) the school's default is one paid hour.
    const hours = s ? s.hours : 1;
    const paid = s ? Boolean(s.paid) : true;
    if (by !== l.staffId) {
      row(l.staffId).lessons.push({ ...base(l), kind: merged ? 'merged_away' : 'taken', other: names.teacher(by), hours: 1, paid: false });
    }
    row(by).lessons.push({ ...base(l), kind: merged ? 'merge' : 'substitute', other: names.teacher(l.staffId), hours, paid });
  }
  for (const r of rows.values()) {
    r.lessons.sort((a, b) => a.date.localeCompare(b.date) || a.lessonNo - b.lessonNo || compareRu(a.classLabel, b.classLabel));
    for (const x of r.lessons) {
      if (x.kind === 'substitute' || x.kind === 'merge') {
        r.given.count++;
        r.given.hours += x.hours;
        if (x.paid) r.given.paidHours += x.hours;
        if (x.kind === 'substitute') r.given.substitute++;
        else r.given.merge++;
      } else {
        r.notGiven.count++;
        r.notGiven.hours += x.hours;
        if (x.kind === 'cancel') r.notGiven.cancel++;
        else if (x.kind === 'taken') r.notGiven.taken++;
        else r.notGiven.mergedAway++;
      }
    }
    r.given.hours = round2(r.given.hours);
    r.given.paidHours = round2(r.given.paidHours);
    r.total = round2(r.given.paidHours - r.notGiven.hours);
  }
  const list = [...rows.values()].filter((r) => !staffId || r.staffId === staffId).sort((a, b) => compareRu(a.name, b.name));
  const sum = (f: (r: StatementRow) => number) => round2(list.reduce((acc, r) => acc + f(r), 0));
  return {
    month,
    from,
    to,
    rows: list,
    totals: {
      givenHours: sum((r) => r.given.hours),
      paidHours: sum((r) => r.given.paidHours),
      notGivenHours: sum((r) => r.notGiven.hours),
      total: sum((r) => r.total),
    },
  };
}
