import { calendarMethods } from './calendar-methods';
import { subjectMethods } from './subjects-methods';
import { classMethods } from './classes-methods';
import { staffMethods } from './staff-methods';
import { curriculumMethods } from './curriculum-methods';
import { groupMethods } from './groups-methods';

/**
 * Reference data of the school (DOMAIN.md «Reference data», seed 002): the
 * academic year and its calendar, bells, classes, rooms, subjects, grading,
 * work types, staff, the curriculum, the teaching load and the study groups.
 */
export const schoolMethods = {
  ...calendarMethods,
  ...subjectMethods,
  ...classMethods,
  ...staffMethods,
  ...curriculumMethods,
  ...groupMethods,
};
