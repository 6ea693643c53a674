import type { ReadableDb } from '../db/readable';
import { getAllSettings } from '../settings/store';
import type { RoundingRule } from '../grading/rounding';
import type { MinimumMarksRule } from '../grading/minimum';

export interface GradingSettings {
  rounding: RoundingRule;
  minimum: MinimumMarksRule;
  finalDaysBeforeEnd: number;
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
    timeZone: s['school.timeZone'],
  };
}
