import { EntitySchema } from 'typeorm';
import { col, foreignKeys, syncedColumns, type Synced } from '../columns';

export const BACKUP_KINDS = ['auto', 'manual', 'pre_migration', 'pre_restore', 'on_close'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/**
 * A backup file made on this computer. Local by nature (its path means
 * nothing elsewhere), so it does not sync and has no updatedAt; deletedAt
 * records that the file was removed by the retention rule.
 */
export interface BackupRecord {
  id: string;
  path: string;
  kind: BackupKind;
  createdAt: string;
  /** Integer on both databases; PostgreSQL's `integer` holds files up to 2 GiB. */
  sizeBytes: number;
  sha256: string;
  /** Last time the file was opened and checked. */
  verifiedAt: string | null;
  integrityOk: boolean;
  encrypted: boolean;
  /** The second copy (another medium, seed 004). */
  copyPath: string | null;
  copyError: string | null;
  deletedAt: string | null;
}

export const BackupRecordEntity = new EntitySchema<BackupRecord>({
  name: 'BackupRecord',
  tableName: 'backup_records',
  columns: {
    id: col.id(),
    path: col.text(false),
    kind: col.string(15),
    createdAt: col.instant(),
    sizeBytes: col.int(),
    sha256: col.string(64),
    verifiedAt: col.instant(true),
    integrityOk: col.bool(false),
    encrypted: col.bool(false),
    copyPath: col.text(),
    copyError: col.text(),
    deletedAt: col.instant(true),
  },
  indices: [{ name: 'IDX_backup_records_createdAt', columns: ['createdAt'] }],
});

/** A year's archive folder (PDF, XLSX, CSV, snapshot) with the SHA-256 of its manifest, for integrity checks later. */
export interface YearArchiveRecord extends Synced {
  id: string;
  yearId: string;
  path: string;
  manifestSha256: string;
  fileCount: number;
}

export const YearArchiveRecordEntity = new EntitySchema<YearArchiveRecord>({
  name: 'YearArchiveRecord',
  tableName: 'year_archive_records',
  columns: {
    id: col.id(),
    yearId: col.ref(),
    path: col.text(false),
    manifestSha256: col.string(64),
    fileCount: col.int(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('year_archive_records', { yearId: 'academic_years' }),
  indices: [{ name: 'IDX_year_archive_records_year', columns: ['yearId'] }],
});

export const PROMOTION_ORDER_STATUSES = ['draft', 'applied', 'undone'] as const;
export type PromotionOrderStatus = (typeof PROMOTION_ORDER_STATUSES)[number];

/** The director's order (приказ) promoting students from one year's classes to the next's. */
export interface PromotionOrder extends Synced {
  id: string;
  fromYearId: string;
  toYearId: string;
  orderNo: string;
  orderDate: string;
  status: PromotionOrderStatus;
  appliedAt: string | null;
  undoneAt: string | null;
  createdBy: string;
}

export const PromotionOrderEntity = new EntitySchema<PromotionOrder>({
  name: 'PromotionOrder',
  tableName: 'promotion_orders',
  columns: {
    id: col.id(),
    fromYearId: col.ref(),
    toYearId: col.ref(),
    orderNo: col.string(50),
    orderDate: col.date(),
    status: col.string(10),
    appliedAt: col.instant(true),
    undoneAt: col.instant(true),
    createdBy: col.ref(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('promotion_orders', {
    fromYearId: 'academic_years',
    toYearId: 'academic_years',
    createdBy: 'users',
  }),
  indices: [{ name: 'IDX_promotion_orders_from_year', columns: ['fromYearId'] }],
});

export const PROMOTION_DECISIONS = ['promoted', 'conditional', 'held_back', 'graduated', 'left'] as const;
export type PromotionDecisionKind = (typeof PROMOTION_DECISIONS)[number];

/** What the order decides for one student: promoted (условно, with academic debt), held back, graduated, left. */
export interface PromotionDecision extends Synced {
  id: string;
  orderId: string;
  studentId: string;
  fromClassId: string;
  /** Null for graduated and left. */
  toClassId: string | null;
  decision: PromotionDecisionKind;
  note: string | null;
}

export const PromotionDecisionEntity = new EntitySchema<PromotionDecision>({
  name: 'PromotionDecision',
  tableName: 'promotion_decisions',
  columns: {
    id: col.id(),
    orderId: col.ref(),
    studentId: col.ref(),
    fromClassId: col.ref(),
    toClassId: col.ref(true),
    decision: col.string(12),
    note: col.text(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('promotion_decisions', {
    orderId: 'promotion_orders',
    studentId: 'students',
    fromClassId: 'school_classes',
    toClassId: 'school_classes',
  }),
  indices: [
    { name: 'IDX_promotion_decisions_order', columns: ['orderId'] },
    { name: 'IDX_promotion_decisions_student', columns: ['studentId'] },
  ],
});

export const PROMOTION_CHANGE_ACTIONS = ['created', 'closed'] as const;
export type PromotionChangeAction = (typeof PROMOTION_CHANGE_ACTIONS)[number];

/**
 * One change an applied promotion order made: a record it created (a class,
 * a movement, a membership) or a class membership it closed (with the end date
 * it had), so that the whole promotion can be undone exactly.
 */
export interface PromotionChange extends Synced {
  id: string;
  orderId: string;
  /** Entity name: SchoolClass, StudentMovement, ClassMembership. */
  entity: string;
  entityId: string;
  action: PromotionChangeAction;
  /** For a closed membership: its toDate before (null = it was open). */
  previousToDate: string | null;
}

export const PromotionChangeEntity = new EntitySchema<PromotionChange>({
  name: 'PromotionChange',
  tableName: 'promotion_changes',
  columns: {
    id: col.id(),
    orderId: col.ref(),
    entity: col.string(60),
    entityId: col.string(36),
    action: col.string(10),
    previousToDate: col.date(true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('promotion_changes', { orderId: 'promotion_orders' }),
  indices: [{ name: 'IDX_promotion_changes_order', columns: ['orderId'] }],
});
