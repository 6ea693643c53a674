import { absenceMethods } from './absence-methods';
import { solutionMethods } from './solution-methods';
import { printMethods } from './print-methods';

/**
 * Замены и переносы (issue 6): absences, solutions per lesson, ranked
 * suggestions, «fill the day», the day's changes and their print. The book of
 * substituted lessons and the monthly statement are reports (printouts.ts),
 * served by reports.build.
 */
export const substitutionMethods = {
  ...absenceMethods,
  ...solutionMethods,
  ...printMethods,
};
