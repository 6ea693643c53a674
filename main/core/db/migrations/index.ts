import { AccountsAndAudit1000000000001 } from './0001-accounts-and-audit';
import { SchoolDomain1000000000002 } from './0002-school-domain';

/** Every migration, in order. A new one gets the next number and a test in test/unit/db/migrations. */
export const ALL_MIGRATIONS = [AccountsAndAudit1000000000001, SchoolDomain1000000000002];
