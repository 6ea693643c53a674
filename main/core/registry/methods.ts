import { authMethods } from '../auth/methods';
import { setupMethods } from '../setup/methods';
import { userMethods } from '../users/methods';
import { settingsMethods } from '../settings/methods';
import { auditMethods } from '../audit/methods';
import { journalMethods } from '../journal/methods';
import { schoolMethods } from '../school/methods';
import { contingentMethods } from '../contingent/methods';
import { importMethods } from '../import/methods';
import { backupMethods } from '../backup/methods';
import { moveMethods } from '../move/methods';
import { syncMethods } from '../sync/methods';
import { archiveMethods } from '../archive/methods';
import { yearMethods } from '../year/methods';
import { reportMethods } from '../reports/methods';
import { controlMethods } from '../control/methods';
import { timetablePlanningMethods } from '../timetable/all-methods';
import { substitutionMethods } from '../substitutions/methods';
import { todayMethods } from '../today/methods';
import { messageMethods } from '../messages/methods';
import { boardMethods } from '../board/methods';
import { mailSettingsMethods } from '../mail/settings-methods';
import { parentMailMethods } from '../mail/parent-methods';

/**
 * The contract: every method the core offers, `domain.verb` → its params
 * schema, the access it needs and its handler. Each domain keeps its methods
 * in its own folder; this table only gathers them.
 */
export const METHODS = {
  ...authMethods,
  ...setupMethods,
  ...userMethods,
  ...settingsMethods,
  ...auditMethods,
  ...journalMethods,
  ...schoolMethods,
  ...contingentMethods,
  ...importMethods,
  ...backupMethods,
  ...moveMethods,
  ...syncMethods,
  ...archiveMethods,
  ...yearMethods,
  ...reportMethods,
  ...controlMethods,
  ...timetablePlanningMethods,
  ...substitutionMethods,
  ...todayMethods,
  ...messageMethods,
  ...boardMethods,
  ...mailSettingsMethods,
  ...parentMailMethods,
};
