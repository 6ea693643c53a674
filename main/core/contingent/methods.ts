import { studentMethods } from './students-methods';
import { movementMethods } from './movement-methods';
import { planMethods } from './plans-methods';
import { dataCheckMethods } from './data-check-methods';

/**
 * The contingent (DOMAIN.md «Reference data»; seed 002, 003 §4.3, §4.7):
 * students and guardians, consent to personal-data processing, movement by
 * order, individual study plans and the class teacher's monthly data check.
 */
export const contingentMethods = {
  ...studentMethods,
  ...movementMethods,
  ...planMethods,
  ...dataCheckMethods,
};
