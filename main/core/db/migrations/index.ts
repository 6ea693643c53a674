import { AccountsAndAudit1000000000001 } from './0001-accounts-and-audit';
import { SchoolDomain1000000000002 } from './0002-school-domain';
import { TimetableCardsAndReconciliation1000000000005 } from './0005-timetable-cards-and-reconciliation';
import { PromotionChanges1000000000008 } from './0008-promotion-changes';
import { OneWritePath1000000000009 } from './0009-one-write-path';
import { ExtractSerialNumbers1000000000011 } from './0011-extract-serial-numbers';
import { SyncMerge1000000000012 } from './0012-sync-merge';
import { ChangeLogBySeq1000000000017 } from './0017-change-log-by-seq';
import { StaffMailAndBoard1000000000018 } from './0018-staff-mail-and-board';
import { ParentsMail1000000000019 } from './0019-parents-mail';

/** Every migration, in order. A new one gets the next number and a test in test/unit/db/migrations. */
export const ALL_MIGRATIONS = [
  AccountsAndAudit1000000000001,
  SchoolDomain1000000000002,
  TimetableCardsAndReconciliation1000000000005,
  PromotionChanges1000000000008,
  OneWritePath1000000000009,
  ExtractSerialNumbers1000000000011,
  SyncMerge1000000000012,
  ChangeLogBySeq1000000000017,
  StaffMailAndBoard1000000000018,
  ParentsMail1000000000019,
];
