/**
 * How each entity takes part in a school with several computers, declared
 * once. The write engine reads it to decide what it captures; the sync reads
 * it to decide how to merge. `policy.test.ts` fails when an entity has none.
 *
 * - `shared`: the school's records; every changed field is captured and merged
 *   per field, last writer wins by the hybrid clock.
 * - `appendOnly`: rows are only ever added (the audit log): a new row is
 *   captured, and no field of it ever changes.
 * - `local`: this computer's own state (its backups, its login counters, the
 *   change log itself); never captured, never shipped.
 * - `derived`: recomputed from other rows wherever they are; never captured and
 *   never trusted from elsewhere.
 */
export type EntityScope = 'shared' | 'appendOnly' | 'local' | 'derived';

export interface EntityPolicy {
  scope: EntityScope;
  /**
   * What identifies a row in the school's terms, where it has such a key. With
   * `derivesId`, a new row's id is computed from it (changes/derived-id.ts),
   * so the same row made on two computers is one row.
   */
  naturalKey?: { fields: string[]; derivesId?: boolean };
  /**
   * Fields that change together: when one of them changes, the whole group is
   * captured with one clock value, so a merge takes all of them from the same
   * writer (a moved lesson's date and number and where it came from; a topic
   * with who set it, when, and whether late).
   */
  groups?: Record<string, string[]>;
  /** Fields computed from others on every write (search keys): captured with the row, recomputed on merge. */
  derivedFields?: string[];
}

/** Bookkeeping every synced row has: set by whoever applies a change, never captured itself. */
export const BOOKKEEPING_FIELDS = new Set(['updatedAt']);

const shared = (extra: Omit<EntityPolicy, 'scope'> = {}): EntityPolicy => ({ scope: 'shared', ...extra });
const searchable = { derivedFields: ['searchName'] };
const setBy = (value: string) => ({ [value]: [value, 'setAt', 'setBy'] });

export const ENTITY_POLICIES: Record<string, EntityPolicy> = {
  Staff: shared(searchable),
  User: shared({ naturalKey: { fields: ['login'] }, groups: { password: ['passwordHash', 'mustChangePassword'] } }),
  UserRole: shared({ naturalKey: { fields: ['userId', 'role'], derivesId: true } }),
  LoginState: { scope: 'local' },
  Setting: shared({ naturalKey: { fields: ['key'] } }),
  AuditEvent: { scope: 'appendOnly' },
  DataSet: shared(),
  ChangeLogEntry: { scope: 'local' },

  AcademicYear: shared({ groups: { closing: ['status', 'closedAt', 'closedBy'] } }),
  StudyPeriod: shared({ groups: { dates: ['startDate', 'endDate'], grades: ['gradeFrom', 'gradeTo'] } }),
  Holiday: shared({ groups: { dates: ['startDate', 'endDate'], grades: ['gradeFrom', 'gradeTo'] } }),
  WorkingDayTransfer: shared(),
  BellSchedule: shared(),
  BellSlot: shared({ groups: { time: ['startTime', 'endTime'] } }),

  Room: shared(),
  GradingSystem: shared(),
  Subject: shared(searchable),
  WorkType: shared({ groups: { deadline: ['deadlineKind', 'deadlineValue'] } }),
  SchoolClass: shared({ groups: { name: ['gradeLevel', 'letter', 'name'] } }),

  Student: shared(searchable),
  Guardian: shared(searchable),
  StudentGuardian: shared(),
  DataConsent: shared(),
  StudentMovement: shared(),
  ClassMembership: shared({ groups: { dates: ['fromDate', 'toDate'] } }),
  StudyGroup: shared(),
  GroupMembership: shared({ groups: { dates: ['fromDate', 'toDate'] } }),
  CurriculumItem: shared({ groups: { hours: ['hoursPerWeek', 'hoursPerYear'] } }),
  TeachingAssignment: shared({ groups: { dates: ['fromDate', 'toDate'] } }),
  StaffQualification: shared(),
  TeacherUnavailability: shared(),
  IndividualPlan: shared({ groups: { dates: ['fromDate', 'toDate'] } }),
  IndividualPlanSubject: shared(),
  StudentDataCheck: shared(),

  ThematicPlan: shared(),
  PlanTopic: shared({ naturalKey: { fields: ['planId', 'ordinal'] } }),
  Timetable: shared({ groups: { validity: ['validFrom', 'validTo'] } }),
  TimetableEntry: shared(),
  ControlWork: shared(),

  Lesson: shared({
    // Its place as the timetable made it: for a moved lesson, date and lessonNo are read from movedFrom… (write/writer.ts).
    naturalKey: { fields: ['classId', 'groupId', 'subjectId', 'date', 'lessonNo'], derivesId: true },
    groups: {
      place: ['date', 'lessonNo', 'movedFromDate', 'movedFromLessonNo'],
      topic: ['topic', 'topicSetAt', 'topicSetBy', 'topicLate'],
      homework: ['homework', 'homeworkSetAt', 'homeworkSetBy', 'homeworkLate'],
    },
  }),
  Attendance: shared({
    naturalKey: { fields: ['lessonId', 'studentId'], derivesId: true },
    groups: { ...setBy('code'), reason: ['reasonKind', 'reasonNote'] },
  }),
  AbsenceReason: shared({ groups: { dates: ['fromDate', 'toDate'] } }),
  Mark: shared({ groups: { value: ['value', 'numericValue', 'setAt', 'setBy', 'late'], kind: ['workTypeId', 'weight'] } }),
  FinalMark: shared({
    naturalKey: { fields: ['studentId', 'subjectId', 'periodId', 'kind'], derivesId: true },
    groups: { value: ['value', 'setAt', 'setBy', 'late'] },
  }),
  PageReopen: shared(),
  LessonReconciliation: shared({ groups: { resolution: ['resolvedAt', 'resolvedBy', 'resolution', 'targetLessonId'] } }),

  TeacherAbsence: shared({ groups: { span: ['fromDate', 'toDate', 'fromLessonNo', 'toLessonNo'] } }),
  Substitution: shared({
    naturalKey: { fields: ['lessonId'] },
    groups: { solution: ['kind', 'substituteStaffId', 'mergedWithLessonId', 'newRoomId'], pay: ['paid', 'hours'] },
  }),
  LessonMove: shared({ groups: { target: ['toDate', 'toLessonNo', 'toRoomId'] } }),
  ChangePrint: shared(),

  JournalCheck: shared(),
  Remark: shared({ groups: { fix: ['fixedAt', 'fixNote'] } }),
  ParentExtractAck: shared({ groups: { acknowledged: ['acknowledgedAt', 'acknowledgedBy'] } }),

  // A backup's or an archive's path names a folder of this computer.
  BackupRecord: { scope: 'local' },
  YearArchiveRecord: { scope: 'local' },
  PromotionOrder: shared(),
  PromotionDecision: shared(),
  PromotionChange: shared(),
  // Staff mail: a person is in a thread once by its terms; two computers adding the same person at once
  // (two deputies joining a remark's thread) make two rows, which the mailbox reads as one.
  MessageThread: shared(),
  MessageParticipant: shared({ naturalKey: { fields: ['threadId', 'userId'] } }),
  Message: shared({ derivedFields: ['searchText'] }),
  MessageAttachment: shared(),
  Announcement: shared({ groups: { dates: ['fromDate', 'toDate'], audience: ['audience', 'classId', 'gradeLevel'] } }),
  // Parents' e-mail: the batches and each letter's delivery are the year's log, seen on every computer;
  // the PDFs wait on the computer that sends them.
  MailBatch: shared(),
  MailOutboxItem: shared({ groups: { delivery: ['status', 'attempts', 'nextAttemptAt', 'lastError', 'sentAt', 'messageId'] } }),
  MailFile: { scope: 'local' },

  // Sync's own bookkeeping stays here; the conflicts it finds are the school's (sync/README.md).
  SyncBatch: { scope: 'local' },
  SyncCursor: { scope: 'local' },
  SyncFieldClock: { scope: 'local' },
  SyncState: { scope: 'local' },
  SyncWaiting: { scope: 'local' },
  SyncConflict: shared({
    naturalKey: { fields: ['kind', 'subjectKey'], derivesId: true },
    groups: { settlement: ['settledAt', 'settledBy', 'settlement', 'settlementNote'] },
  }),
};

/** The policy of an entity; an entity without one is a bug the policy test catches first. */
export function policyOf(entityName: string): EntityPolicy {
  const policy = ENTITY_POLICIES[entityName];
  if (!policy) throw new Error(`Entity ${entityName} has no sync policy (main/core/changes/policy.ts)`);
  return policy;
}

/** field → the group it belongs to, per entity (built once). */
const GROUP_OF = new Map<string, Map<string, string>>(
  Object.entries(ENTITY_POLICIES).map(([name, p]) => [
    name,
    new Map(Object.entries(p.groups ?? {}).flatMap(([group, fields]) => fields.map((f) => [f, group] as const))),
  ]),
);

export function groupOf(entityName: string, field: string): string | null {
  return GROUP_OF.get(entityName)?.get(field) ?? null;
}

export function groupFields(entityName: string, group: string): string[] {
  return ENTITY_POLICIES[entityName]?.groups?.[group] ?? [];
}

/**
 * Audit events name what they are about. Most name an entity, and share its
 * fate: an event about this computer's backup stays here, one about a
 * teacher's account travels with the school. These name no table.
 */
const EVENT_SUBJECTS: Record<string, 'shared' | 'local'> = {
  /** Students or staff imported from a file: the school's records changed. */
  Import: 'shared',
  /** This computer's backup settings (backup.json in its data folder). */
  BackupConfig: 'local',
  /** This computer's database restored from a copy. */
  Database: 'local',
  /** The mail server's password set or removed on this computer (mail/secret.ts). */
  MailPassword: 'local',
  /** This computer's sync settings (sync/sync.json in its data folder): joined, made or left the shared folder. */
  SyncConfig: 'local',
};

/** Whether an audit event about `subject` goes to the other computers with the school's records. */
export function isAuditEventShared(subject: string): boolean {
  if (subject in ENTITY_POLICIES) return isCaptured(subject);
  const kind = EVENT_SUBJECTS[subject];
  if (!kind) throw new Error(`An audit event about «${subject}», which is neither an entity nor in EVENT_SUBJECTS (changes/policy.ts)`);
  return kind === 'shared';
}

export function isCaptured(entityName: string): boolean {
  const scope = policyOf(entityName).scope;
  return scope === 'shared' || scope === 'appendOnly';
}
