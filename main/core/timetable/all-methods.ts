import { timetableMethods } from './methods';
import { timetableEntryMethods } from './entry-methods';
import { lessonMethods } from '../lessons/methods';
import { planMethods } from '../plans/methods';
import { controlWorkMethods } from '../control-works/methods';
import { timetableImportMethods } from '../timetable-import/methods';

/**
 * The methods of timetable planning (issue 5): timetables and their entries,
 * dated lessons, thematic plans, control works and timetable import, gathered
 * here so the contract table takes them with one line.
 */
export const timetablePlanningMethods = {
  ...timetableMethods,
  ...timetableEntryMethods,
  ...lessonMethods,
  ...planMethods,
  ...controlWorkMethods,
  ...timetableImportMethods,
};
