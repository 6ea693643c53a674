import type { ReadableDb } from '../db/readable';
import { getAllSettings } from '../settings/store';
import type { RoundingRule } from '../grading/rounding';
import type { MinimumMarksRule } from '../grading/minimum';

export interface GradingSettings {
  rounding: RoundingRule;
  minimum: MinimumMarksRule;
  finalDaysBeforeEnd: number;
  /** Final marks are set in the period's last so many days (grading/final-window.ts). */
  finalWindowDays: number;
  timeZone: string;
}

/** The school's grading settings in one read. */
export async function loadGradingSettings(em: ReadableDb): Promise<GradingSettings> {
  const s = await getAllSettings(em);
  return {
    rounding: { threshold: s['grading.roundingThreshold'], inFavour: s['grading.roundInFavour'] },
    minimum: {
      quarterBase: s['grading.minMarksQuarter'],
      halfYearBase: s['grading.minMarksHalfYear'],
      perExtraHour: s['grading.minMarksPerExtraHour'],
    },
    finalDaysBeforeEnd: s['journal.finalMarksDaysBeforeEnd'],
    finalWindowDays: s['journal.finalMarksWindowDays'],
    timeZone: s['school.timeZone'],
  };
}
