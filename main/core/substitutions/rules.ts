import type { ReadableDb } from '../db/readable';
import { getAllSettings } from '../settings/store';
import type { SubstitutionKind, TeacherAbsenceReason } from '../db/entities/changes';

/**
 * The school's rules for substitutions, kept as settings (settings/registry.ts)
 * so that the deputy tunes them without a programmer: how candidates are
 * ranked, the teachers' daily maximum, and how each kind of change counts in
 * hours and whether it is paid, by the reason of the absence.
 */
export interface Weights {
  teachesClass: number;
  /** Teaches the lesson's subject at the class's level of education. */
  subject: number;
  /** Is qualified for it and teaches at that level. */
  qualified: number;
  classTeacher: number;
  /** Per lesson between the substitution and the teacher's nearest own lesson. */
  distance: number;
  /** Per lesson the teacher already has that day. */
  lessonsToday: number;
  /** Per substitution of the teacher this month. */
  month: number;
}

export interface PayRules {
  /** Hours a lesson of this kind counts to the teacher who gives it (1 = a whole lesson). */
  hours: Record<SubstitutionKind, number>;
  /** Paid, by the reason the teacher was away; `none` = no absence registered. */
  paid: Record<TeacherAbsenceReason | 'none', boolean>;
}

export interface Rules {
  weights: Weights;
  maxLessonsPerDay: number;
  pay: PayRules;
}

export async function loadRules(em: ReadableDb): Promise<Rules> {
  const s = await getAllSettings(em);
  return {
    weights: {
      teachesClass: s['substitutions.weightTeachesClass'],
      subject: s['substitutions.weightSubject'],
      qualified: s['substitutions.weightQualified'],
      classTeacher: s['substitutions.weightClassTeacher'],
      distance: s['substitutions.weightDistance'],
      lessonsToday: s['substitutions.weightLessonsToday'],
      month: s['substitutions.weightMonth'],
    },
    maxLessonsPerDay: s['substitutions.maxLessonsPerDay'],
    pay: {
      hours: {
        substitute: s['substitutions.substituteHoursPercent'] / 100,
        merge: s['substitutions.mergeHoursPercent'] / 100,
        // Nobody gives a cancelled lesson; a room change is the teacher's own lesson.
        cancel: 0,
        room_change: 0,
      },
      paid: {
        illness: s['substitutions.paidIllness'],
        course: s['substitutions.paidCourse'],
        business: s['substitutions.paidBusiness'],
        other: s['substitutions.paidOther'],
        // A lesson the deputy changed without an absence on record: the «other» rule.
        none: s['substitutions.paidOther'],
      },
    },
  };
}

/** Hours and the paid flag a new solution starts with; the deputy may correct both later. */
export function payFor(rules: PayRules, kind: SubstitutionKind, reason: TeacherAbsenceReason | null): { hours: number; paid: boolean } {
  const hours = rules.hours[kind];
  return { hours, paid: hours > 0 && rules.paid[reason ?? 'none'] };
}

/** The setting keys behind each weight, for the deputy's own editor of them. */
export const WEIGHT_SETTINGS = {
  teachesClass: 'substitutions.weightTeachesClass',
  subject: 'substitutions.weightSubject',
  qualified: 'substitutions.weightQualified',
  classTeacher: 'substitutions.weightClassTeacher',
  distance: 'substitutions.weightDistance',
  lessonsToday: 'substitutions.weightLessonsToday',
  month: 'substitutions.weightMonth',
} as const satisfies Record<keyof Weights, string>;
