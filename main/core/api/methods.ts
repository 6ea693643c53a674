import { authMethods } from '../auth/methods';
import { setupMethods } from '../setup/methods';
import { userMethods } from '../users/methods';
import { settingsMethods } from '../settings/methods';
import { auditMethods } from '../audit/methods';
import { journalMethods } from '../journal/methods';

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
};
