import { StaffEntity } from './staff';
import { LoginStateEntity, UserEntity, UserRoleEntity } from './users';
import { SettingEntity, AuditEventEntity, ChangeLogEntity, DataSetEntity } from './system';
import {
  AcademicYearEntity,
  StudyPeriodEntity,
  HolidayEntity,
  WorkingDayTransferEntity,
  BellScheduleEntity,
  BellSlotEntity,
} from './calendar';
import {
  RoomEntity,
  GradingSystemEntity,
  SubjectEntity,
  WorkTypeEntity,
  SchoolClassEntity,
  StudyGroupEntity,
  GroupMembershipEntity,
  CurriculumItemEntity,
  TeachingAssignmentEntity,
  StaffQualificationEntity,
  TeacherUnavailabilityEntity,
} from './school';
import {
  StudentEntity,
  GuardianEntity,
  StudentGuardianEntity,
  DataConsentEntity,
  StudentMovementEntity,
  ClassMembershipEntity,
  IndividualPlanEntity,
  IndividualPlanSubjectEntity,
  StudentDataCheckEntity,
} from './contingent';
import { ThematicPlanEntity, PlanTopicEntity, TimetableEntity, TimetableEntryEntity, ControlWorkEntity } from './planning';
import { LessonReconciliationEntity } from './planning';
import {
  LessonEntity,
  AttendanceEntity,
  AbsenceReasonEntity,
  MarkEntity,
  FinalMarkEntity,
  PageReopenEntity,
} from './journal';
import { TeacherAbsenceEntity, SubstitutionEntity, LessonMoveEntity, ChangePrintEntity } from './changes';
import { JournalCheckEntity, RemarkEntity, ParentExtractAckEntity } from './control';
import {
  BackupRecordEntity,
  YearArchiveRecordEntity,
  PromotionOrderEntity,
  PromotionDecisionEntity,
  PromotionChangeEntity,
} from './operations';
import { SyncBatchEntity, SyncCursorEntity, SyncFieldClockEntity, SyncStateEntity, SyncWaitingEntity, SyncConflictEntity } from './sync';
import { MessageThreadEntity, MessageParticipantEntity, MessageEntity, MessageAttachmentEntity, AnnouncementEntity } from './messages';
import { MailBatchEntity, MailOutboxItemEntity, MailFileEntity } from './mail';

export * from './staff';
export * from './users';
export * from './system';
export * from './calendar';
export * from './school';
export * from './contingent';
export * from './planning';
export * from './journal';
export * from './changes';
export * from './control';
export * from './operations';
export * from './sync';
export * from './messages';
export * from './mail';

/** Every entity, parents before the children that reference them (the order rows can be inserted in). */
export const ALL_ENTITIES = [
  StaffEntity,
  UserEntity,
  UserRoleEntity,
  LoginStateEntity,
  SettingEntity,
  AuditEventEntity,
  DataSetEntity,
  ChangeLogEntity,
  // calendar
  AcademicYearEntity,
  StudyPeriodEntity,
  HolidayEntity,
  WorkingDayTransferEntity,
  BellScheduleEntity,
  BellSlotEntity,
  // school
  RoomEntity,
  GradingSystemEntity,
  SubjectEntity,
  WorkTypeEntity,
  SchoolClassEntity,
  // contingent
  StudentEntity,
  GuardianEntity,
  StudentGuardianEntity,
  DataConsentEntity,
  StudentMovementEntity,
  ClassMembershipEntity,
  // groups and load
  StudyGroupEntity,
  GroupMembershipEntity,
  CurriculumItemEntity,
  TeachingAssignmentEntity,
  StaffQualificationEntity,
  TeacherUnavailabilityEntity,
  // individual plans
  IndividualPlanEntity,
  IndividualPlanSubjectEntity,
  StudentDataCheckEntity,
  // planning
  ThematicPlanEntity,
  PlanTopicEntity,
  TimetableEntity,
  TimetableEntryEntity,
  ControlWorkEntity,
  // journal
  LessonEntity,
  AttendanceEntity,
  AbsenceReasonEntity,
  MarkEntity,
  FinalMarkEntity,
  PageReopenEntity,
  LessonReconciliationEntity,
  // changes
  TeacherAbsenceEntity,
  SubstitutionEntity,
  LessonMoveEntity,
  ChangePrintEntity,
  // control
  JournalCheckEntity,
  RemarkEntity,
  ParentExtractAckEntity,
  // operations
  BackupRecordEntity,
  YearArchiveRecordEntity,
  PromotionOrderEntity,
  PromotionDecisionEntity,
  PromotionChangeEntity,
  // sync between computers
  SyncBatchEntity,
  SyncCursorEntity,
  SyncFieldClockEntity,
  SyncStateEntity,
  SyncWaitingEntity,
  SyncConflictEntity,
  // staff mail and the announcement board
  MessageThreadEntity,
  MessageParticipantEntity,
  MessageEntity,
  MessageAttachmentEntity,
  AnnouncementEntity,
  // parents informed by e-mail
  MailBatchEntity,
  MailOutboxItemEntity,
  MailFileEntity,
];
