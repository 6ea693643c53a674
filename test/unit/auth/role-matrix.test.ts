import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHODS } from '../../../main/core/registry/methods';
import type { MethodName } from '../../../main/core/api/types';
import { rolesAllow } from '../../../main/core/auth/permissions';
import type { Role } from '../../../main/core/db/entities/users';
import { AuditEventEntity } from '../../../main/core/db/entities/system';
import { createTestRuntime, TEST_PASSWORD, type TestRuntime } from '../../support/runtime';
import { captureProblems, changeLogCount, changeLogSince, snapshotDatabase } from '../../support/capture-check';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';

/**
 * Every method of the contract against every role (DOMAIN.md, «Who uses it»):
 * a role without the method's permission is refused with FORBIDDEN and a
 * Russian message, and the refusal changes nothing — not even the audit log.
 * A new method must add its sample parameters here, or this test fails.
 */
type Sample = (s: SmallSchool) => unknown;
/** An id no record has: methods given it refuse with NOT_FOUND once the role is admitted. */
const NO_SUCH_ID = '00000000-0000-7000-8000-000000000000';

const SAMPLES: Record<MethodName, Sample> = {
  // substitutions.*: mutations name a lesson or record that does not exist (NOT_FOUND), so the shared school stays as it is.
  'substitutions.absences': () => ({ from: '2026-11-01', to: '2026-11-30' }),
  'substitutions.saveAbsence': (s) => ({ staffId: s.staff.sidorov, fromDate: '2027-02-01', toDate: '2027-02-01', reason: 'course' }),
  'substitutions.removeAbsence': () => ({ id: '00000000-0000-7000-8000-000000000000' }),
  'substitutions.day': () => ({ date: '2026-11-23' }),
  'today.deputy': () => ({ date: '2026-11-23' }),
  'substitutions.suggest': (s) => ({ lessonId: s.lessons.maths5a.id }),
  'substitutions.fillDay': () => ({ date: '2026-11-23' }),
  'substitutions.apply': () => ({ lessonId: '00000000-0000-7000-8000-000000000000', kind: 'cancel' }),
  'substitutions.applyMany': () => ({ items: [{ lessonId: '00000000-0000-7000-8000-000000000000', kind: 'cancel' }] }),
  'substitutions.remove': () => ({ lessonId: '00000000-0000-7000-8000-000000000000' }),
  'substitutions.setPay': () => ({ id: '00000000-0000-7000-8000-000000000000', hours: 1, paid: true }),
  'substitutions.move': () => ({ lessonId: '00000000-0000-7000-8000-000000000000', toDate: '2026-11-25', toLessonNo: 1 }),
  'substitutions.undoMove': () => ({ lessonId: '00000000-0000-7000-8000-000000000000' }),
  'substitutions.rules': () => ({}),
  'substitutions.setRules': () => ({ values: { 'substitutions.weightMonth': 4 } }),
  'substitutions.freeRooms': (s) => ({ lessonId: s.lessons.maths5a.id }),
  'substitutions.changes': () => ({ date: '2026-11-23' }),
  'substitutions.printChanges': () => ({ date: '2026-11-23', scope: 'class', format: 'xlsx' }),
  'auth.status': () => ({}),
  'auth.login': () => ({ login: 'nobody', password: 'x' }),
  'auth.logout': () => ({}),
  'auth.lock': () => ({}),
  'auth.unlock': () => ({ password: TEST_PASSWORD }),
  'auth.changePassword': () => ({ currentPassword: 'wrong-password1', newPassword: 'Новый-пароль-1' }),
  'auth.me': () => ({}),
  'setup.createSchool': () => ({
    schoolName: 'Другая школа',
    admin: { lastName: 'Х', firstName: 'Х', login: 'other', password: 'Пароль-0001' },
  }),
  'setup.openDemo': () => ({ password: 'Пароль-0001' }),
  'setup.closeDemo': () => ({}),
  'users.list': () => ({}),
  'users.create': () => ({ login: `new.${Math.random().toString(36).slice(2, 8)}`, staffId: null, roles: ['teacher'] }),
  'users.setRoles': (s) => ({ id: s.userIds.secretary, roles: ['secretary'] }),
  'users.disable': (s) => ({ id: s.userIds.sidorov }),
  'users.enable': (s) => ({ id: s.userIds.sidorov }),
  // Сидоров never logs in here: after a reset he would have to change his password first.
  'users.resetPassword': (s) => ({ id: s.userIds.sidorov, password: TEST_PASSWORD }),
  'settings.getAll': () => ({}),
  'settings.set': () => ({ key: 'session.idleLockMinutes', value: 5 + Math.floor(Math.random() * 20) }),
  'audit.history': (s) => ({ entity: 'Lesson', entityId: s.lessons.maths5a.id }),
  'audit.recent': () => ({ limit: 5 }),
  'journal.setLessonText': (s) => ({ lessonId: s.lessons.maths5a.id, topic: `Дроби ${Math.random()}` }),
  'journal.listPages': () => ({}),
  'journal.myLessons': () => ({}),
  'journal.getPage': (s) => ({ classId: s.classes.c5a, subjectId: s.subjects.maths }),
  'journal.setLessonWorkTypes': (s) => ({ lessonId: s.lessons.maths5a.id, workTypeIds: [s.workTypes.classwork] }),
  'journal.confirmAttendance': (s) => ({ lessonId: s.lessons.maths5a.id }),
  'journal.setMark': (s) => ({ lessonId: s.lessons.maths5a.id, studentId: s.students.first, value: '5' }),
  'journal.removeMark': (s) => ({ markId: s.lessons.maths5a.id }),
  'journal.setMarks': (s) => ({ entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.second, text: '4' }] }),
  'journal.setAttendance': (s) => ({ lessonId: s.lessons.maths5a.id, studentId: s.students.second, code: 'late' }),
  'journal.cellHistory': (s) => ({ lessonId: s.lessons.maths5a.id, studentId: s.students.first }),
  'journal.getFinalMarks': (s) => ({ classId: s.classes.c5a, subjectId: s.subjects.maths }),
  'journal.setFinalMark': (s) => ({ classId: s.classes.c5a, subjectId: s.subjects.maths, studentId: s.students.first, periodId: s.periods.q1, value: '5' }),
  'journal.reopenPage': (s) => ({ classId: s.classes.c5a, subjectId: s.subjects.maths, periodId: s.periods.q1, reason: 'Исправление ошибки' }),
  'journal.closePeriod': (s) => ({ periodId: s.periods.q1 }),
  'attendance.getWeek': (s) => ({ classId: s.classes.c6a, weekStart: '2026-11-23' }),
  'attendance.setReasons': (s) => ({ classId: s.classes.c6a, studentId: s.students.third, fromDate: '2026-11-23', toDate: '2026-11-23', kind: 'illness' }),
  'attendance.removeReason': (s) => ({ id: s.lessons.maths5a.id, classId: s.classes.c6a }),
  'diary.getWeek': (s) => ({ studentId: s.students.third, weekStart: '2026-11-23' }),
  'diary.pdf': (s) => ({ studentId: s.students.third, weekStart: '2026-11-23' }),
  'diary.students': (s) => ({ classId: s.classes.c6a }),
  // sync.*: no folder is set up here, and the one named does not exist: nothing is made anywhere.
  'sync.status': () => ({}),
  'sync.folder': () => ({}),
  'sync.probe': () => ({ root: '/nonexistent/kz-role-matrix-share' }),
  'sync.create': () => ({ root: '/nonexistent/kz-role-matrix-share', passphrase: 'Проверка-прав-2026', computerName: 'ПК проверки' }),
  'sync.join': () => ({ root: '/nonexistent/kz-role-matrix-share', passphrase: 'Проверка-прав-2026', computerName: 'ПК проверки' }),
  'sync.joinNew': () => ({ root: '/nonexistent/kz-role-matrix-share', passphrase: 'Проверка-прав-2026', computerName: 'ПК проверки' }),
  'sync.joinProgress': () => ({}),
  'sync.now': () => ({}),
  'sync.snapshot': () => ({}),
  'sync.verify': () => ({}),
  'sync.releaseQuarantined': () => ({ id: 'missing-file' }),
  'sync.disconnect': () => ({}),
  'sync.conflicts': () => ({ state: 'all' }),
  'sync.settleConflict': () => ({ id: NO_SUCH_ID, action: 'acknowledge' }),
  'backup.status': () => ({}),
  'backup.list': () => ({}),
  'backup.create': () => ({}),
  // database.*: the file named lies in a folder that does not exist: refused before anything is copied.
  'database.status': () => ({}),
  'database.test': () => ({ kind: 'sqlite', file: '/nonexistent/kz-role-matrix/school.sqlite' }),
  'database.move': () => ({ kind: 'sqlite', file: '/nonexistent/kz-role-matrix/school.sqlite' }),
  'database.moveJob': () => ({ taskId: 'missing-task' }),
  'backup.verify': () => ({ id: 'missing-backup' }),
  'backup.restore': () => ({ id: 'missing-backup' }),
  'backup.undoRestore': () => ({}),
  'backup.setConfig': () => ({ dailyTime: '18:00', onClose: true, secondDir: null, encryptSecond: false }),
  'archive.list': () => ({}),
  'archive.start': (s) => ({ yearId: s.yearId }),
  'archive.job': () => ({ taskId: 'missing-task' }),
  'archive.verify': () => ({ id: '00000000-0000-7000-8000-000000000000' }),
  'year.overview': () => ({}),
  'year.checklist': (s) => ({ yearId: s.yearId }),
  'year.close': () => ({ yearId: '00000000-0000-7000-8000-000000000000' }),
  'year.createNext': () => ({ fromYearId: '00000000-0000-7000-8000-000000000000' }),
  'year.draftPromotion': (s) => ({ fromYearId: s.yearId, toYearId: '00000000-0000-7000-8000-000000000000', orderNo: '1', orderDate: '2027-05-30' }),
  'year.promotionPreview': () => ({ orderId: '00000000-0000-7000-8000-000000000000' }),
  'year.setDecision': (s) => ({ orderId: '00000000-0000-7000-8000-000000000000', studentId: s.students.first, decision: 'held_back' }),
  'year.applyPromotion': () => ({ orderId: '00000000-0000-7000-8000-000000000000' }),
  'year.undoPromotion': () => ({ orderId: '00000000-0000-7000-8000-000000000000' }),
  'reports.catalog': () => ({}),
  'reports.options': () => ({}),
  'reports.build': (s) => ({ report: { kind: 'finalSheet', classId: s.classes.c5a }, format: 'screen' }),
  'reports.start': (s) => ({ report: { kind: 'finalSheet', classId: s.classes.c5a }, format: 'xlsx' }),
  'reports.job': () => ({ taskId: '00000000-0000-7000-8000-000000000000' }),
  'reports.cancel': () => ({ taskId: '00000000-0000-7000-8000-000000000000' }),
  'reports.printExtracts': (s) => ({ classId: s.classes.c6a, kind: 'week', date: '2026-11-23' }),
  'reports.acknowledgeExtract': () => ({ id: '00000000-0000-7000-8000-000000000000', acknowledgedBy: 'Иванова М.П.' }),
  'reports.extractAcks': (s) => ({ classId: s.classes.c6a }),
  'control.run': (s) => ({ periodId: s.periods.q1, classIds: [s.classes.c5a] }),
  'control.drill': (s) => ({ classId: s.classes.c5a, groupId: null, subjectId: s.subjects.maths, code: 'topics_missing', periodId: s.periods.q1 }),
  'control.saveCheck': (s) => ({ periodId: s.periods.q1, classIds: [s.classes.c5a] }),
  'control.finishCheck': () => ({ id: '00000000-0000-7000-8000-000000000000', conclusions: 'Журналы ведутся в соответствии с положением.' }),
  'control.checks': () => ({}),
  'control.addRemark': (s) => ({ toStaffId: s.staff.ivanova, classId: s.classes.c5a, subjectId: s.subjects.maths, text: 'Запишите темы уроков.' }),
  'control.remarks': () => ({}),
  'control.confirmRemark': () => ({ id: '00000000-0000-7000-8000-000000000000' }),
  'control.myRemarks': () => ({}),
  'control.fixRemark': () => ({ id: '00000000-0000-7000-8000-000000000000', fixNote: 'Темы записаны.' }),
  // school.* and contingent.*: a record that does not exist (NOT_FOUND) where a scope check would follow,
  // so that only the role is tested here; scopes have their own tests in test/unit/school and contingent.
  'school.listYears': () => ({}),
  'school.saveYear': () => ({ startDate: '2031-09-01', endDate: '2032-05-31' }),
  'school.removeYear': (s) => ({ id: s.yearId }),
  'school.calendar': (s) => ({ yearId: s.yearId }),
  'school.savePeriod': (s) => ({ yearId: s.yearId, kind: 'quarter', ordinal: 1, startDate: '2026-09-01', endDate: '2026-10-24', gradeFrom: 1, gradeTo: 11 }),
  'school.removePeriod': () => ({ id: '00000000-0000-7000-8000-000000000000' }),
  'school.saveHoliday': (s) => ({ yearId: s.yearId, name: 'Зимние каникулы', kind: 'vacation', startDate: '2026-12-30', endDate: '2027-01-11' }),
  'school.removeHoliday': () => ({ id: '00000000-0000-7000-8000-000000000000' }),
  'school.saveBellSchedule': (s) => ({ yearId: s.yearId, name: `Режим ${Math.random()}`, shift: 2, weekdays: [6], slots: [{ lessonNo: 1, startTime: '13:30', endTime: '14:10' }] }),
  'school.removeBellSchedule': () => ({ id: '00000000-0000-7000-8000-000000000000' }),
  'school.listClasses': (s) => ({ yearId: s.yearId }),
  'school.saveClass': (s) => ({ yearId: s.yearId, gradeLevel: 9, letter: 'Я', shift: 1 }),
  'school.removeClass': (s) => ({ id: s.classes.c1a }),
  'school.listRooms': () => ({}),
  'school.saveRoom': () => ({ number: `К-${Math.random().toString(36).slice(2, 7)}` }),
  'school.removeRoom': () => ({ id: '00000000-0000-7000-8000-000000000000' }),
  'school.curriculum': (s) => ({ yearId: s.yearId }),
  'school.saveCurriculumItem': (s) => ({ classId: s.classes.c5a, subjectId: s.subjects.maths, hoursPerWeek: 5 }),
  'school.removeCurriculumItem': () => ({ id: '00000000-0000-7000-8000-000000000000' }),
  'school.copyCurriculum': (s) => ({ fromClassId: s.classes.c5a, toClassIds: [s.classes.c6a] }),
  'school.load': (s) => ({ yearId: s.yearId }),
  'school.saveAssignment': (s) => ({ staffId: s.staff.ivanova, classId: s.classes.c5a, subjectId: s.subjects.maths, hoursPerWeek: 5 }),
  'school.removeAssignment': () => ({ id: '00000000-0000-7000-8000-000000000000' }),
  'school.groups': (s) => ({ classId: s.classes.c5a, date: '2026-11-23' }),
  'school.saveGroup': (s) => ({ classId: s.classes.c5a, subjectId: s.subjects.russian, name: '1 подгруппа' }),
  'school.splitClass': (s) => ({ classId: s.classes.c5a, subjectId: s.subjects.russian, count: 2, date: '2026-09-01' }),
  'school.setGroupMembers': (s) => ({ classId: s.classes.c5a, subjectId: s.subjects.maths, date: '2026-11-23', members: [] }),
  'school.removeGroup': () => ({ id: '00000000-0000-7000-8000-000000000000' }),
  'school.listStaff': () => ({}),
  'school.saveStaff': () => ({ lastName: 'Проверкина', firstName: 'Анна', position: `Учитель ${Math.random()}` }),
  'school.removeStaff': (s) => ({ id: s.staff.sidorov }),
  'school.subjects': () => ({}),
  'school.installDefaults': () => ({}),
  'school.saveGradingSystem': () => ({ id: '00000000-0000-7000-8000-000000000000', name: 'Пятибалльная', allowModifiers: false }),
  'school.saveSubject': () => ({ name: `Предмет ${Math.random()}`, gradingSystemId: '00000000-0000-7000-8000-000000000000' }),
  'school.removeSubject': (s) => ({ id: s.subjects.maths }),
  'school.saveWorkType': () => ({ name: `Вид ${Math.random()}`, shortName: 'Вид', weight: 1, deadlineKind: 'same_day', deadlineValue: 0, isControl: false }),
  'school.removeWorkType': (s) => ({ id: s.workTypes.classwork }),
  'contingent.listStudents': (s) => ({ yearId: s.yearId }),
  'contingent.getStudent': (s) => ({ id: s.students.first }),
  'contingent.saveStudent': () => ({ id: '00000000-0000-7000-8000-000000000000', lastName: 'Алексеев', firstName: 'Артём' }),
  'contingent.saveGuardian': () => ({ studentId: '00000000-0000-7000-8000-000000000000', relation: 'mother', lastName: 'Алексеева', firstName: 'Ольга' }),
  'contingent.unlinkGuardian': () => ({ studentId: '00000000-0000-7000-8000-000000000000', guardianId: '00000000-0000-7000-8000-000000000000' }),
  'contingent.findGuardians': () => ({ search: 'Алексеева' }),
  'contingent.setConsent': () => ({ studentId: '00000000-0000-7000-8000-000000000000', status: 'given', date: '2026-09-01' }),
  'contingent.withoutConsent': (s) => ({ yearId: s.yearId }),
  'contingent.enrol': (s) => ({ studentId: s.students.first, classId: s.classes.c6a, date: '2026-11-23', orderNo: '1-у' }),
  'contingent.transfer': (s) => ({ studentId: s.students.first, toClassId: s.classes.c5a, date: '2026-11-23', orderNo: '1-у' }),
  'contingent.withdraw': () => ({ studentId: '00000000-0000-7000-8000-000000000000', date: '2026-11-23', orderNo: '1-у' }),
  'contingent.cancelMovement': () => ({ id: '00000000-0000-7000-8000-000000000000', reason: 'Ошибка' }),
  'contingent.movements': (s) => ({ yearId: s.yearId }),
  'contingent.classRoster': (s) => ({ classId: s.classes.c5a }),
  'contingent.plans': (s) => ({ yearId: s.yearId }),
  'contingent.savePlan': (s) => ({ studentId: s.students.first, yearId: s.yearId, fromDate: '2027-06-01', subjects: [{ subjectId: s.subjects.maths, hoursPerWeek: 2 }] }),
  'contingent.removePlan': () => ({ id: '00000000-0000-7000-8000-000000000000' }),
  'contingent.markChecked': () => ({ classId: '00000000-0000-7000-8000-000000000000' }),
  'contingent.dataChecks': (s) => ({ yearId: s.yearId }),
  'users.printSlip': () => ({ login: 'secretar' }),
  'import.preview': (s) => ({ kind: 'classes', yearId: s.yearId, fileName: 'классы.csv', content: Buffer.from('Класс\r\n9В\r\n').toString('base64') }),
  'import.students': (s) => ({ yearId: s.yearId, date: '2026-11-23', orderNo: '1-у', fileName: 'a.csv', content: Buffer.from('Фамилия;Имя;Класс\r\nИванов;Иван;5Я\r\n').toString('base64') }),
  'import.staff': () => ({ fileName: 'a.csv', content: Buffer.from('ФИО;Должность\r\nИванов;Учитель\r\n').toString('base64') }),
  'import.classes': (s) => ({ yearId: s.yearId, fileName: 'a.csv', content: Buffer.from('Класс\r\n5А\r\n').toString('base64') }),
  'timetable.list': (s) => ({ yearId: s.yearId }),
  'timetable.get': () => ({ id: NO_SUCH_ID }),
  'timetable.conflicts': () => ({ id: NO_SUCH_ID }),
  'timetable.hours': () => ({ id: NO_SUCH_ID }),
  'timetable.create': (s) => ({ yearId: s.yearId, name: 'Проверка прав', validFrom: '2026-09-01' }),
  'timetable.update': () => ({ id: NO_SUCH_ID, name: 'Проверка прав' }),
  'timetable.activate': () => ({ id: NO_SUCH_ID }),
  'timetable.deactivate': () => ({ id: NO_SUCH_ID }),
  'timetable.remove': () => ({ id: NO_SUCH_ID }),
  'timetable.place': () => ({ timetableId: NO_SUCH_ID, weekday: 1, lessonNo: 1, classId: NO_SUCH_ID, subjectId: NO_SUCH_ID, staffId: NO_SUCH_ID }),
  'timetable.move': () => ({ entryId: NO_SUCH_ID, weekday: 1, lessonNo: 2 }),
  'timetable.swap': () => ({ entryId: NO_SUCH_ID, otherEntryId: NO_SUCH_ID }),
  'timetable.updateEntry': () => ({ entryId: NO_SUCH_ID }),
  'timetable.removeEntry': () => ({ entryId: NO_SUCH_ID }),
  'timetable.slots': () => ({ timetableId: NO_SUCH_ID, entryId: NO_SUCH_ID }),
  'lessons.generate': (s) => ({ yearId: s.yearId, fromDate: '2027-05-31' }),
  'lessons.reconciliation': (s) => ({ yearId: s.yearId }),
  'lessons.reconcile': () => ({ id: NO_SUCH_ID, action: 'keep' }),
  'plans.list': (s) => ({ yearId: s.yearId }),
  'plans.get': () => ({ id: NO_SUCH_ID }),
  'plans.lessons': () => ({ id: NO_SUCH_ID }),
  'plans.create': (s) => ({ yearId: s.yearId, classId: s.classes.c5a, subjectId: s.subjects.maths }),
  'plans.update': () => ({ id: NO_SUCH_ID, name: 'Проверка прав' }),
  'plans.saveTopics': () => ({ id: NO_SUCH_ID, topics: [] }),
  'plans.parseFile': (s) => ({ yearId: s.yearId, fileName: 'ктп.csv', contentBase64: Buffer.from('1;Дроби;1\r\n').toString('base64') }),
  'plans.approve': () => ({ id: NO_SUCH_ID, approved: true }),
  'plans.copy': () => ({ id: NO_SUCH_ID, targets: [{ classId: NO_SUCH_ID }] }),
  'plans.remove': () => ({ id: NO_SUCH_ID }),
  'controlWorks.list': (s) => ({ yearId: s.yearId }),
  'controlWorks.save': (s) => ({ yearId: s.yearId, classId: s.classes.c5a, subjectId: s.subjects.maths, date: '2026-11-23', title: 'Контрольная работа' }),
  'controlWorks.remove': () => ({ id: NO_SUCH_ID }),
  'controlWorks.fromPlans': (s) => ({ yearId: s.yearId }),
  // messages.*: a message to Петрова (every role may write); a thread that does not exist is NOT_FOUND.
  'messages.recipients': () => ({}),
  'messages.send': (s) => ({ to: { kind: 'people', userIds: [s.userIds.petrova] }, subject: 'Педсовет', body: 'Педсовет в четверг в 15:00.' }),
  'messages.reply': () => ({ threadId: NO_SUCH_ID, body: 'Хорошо.' }),
  'messages.threads': () => ({}),
  'messages.thread': () => ({ id: NO_SUCH_ID }),
  'messages.topicThread': () => ({ kind: 'remark', id: NO_SUCH_ID }),
  'messages.markRead': () => ({ threadId: NO_SUCH_ID }),
  'messages.unread': () => ({}),
  'messages.attachment': () => ({ id: NO_SUCH_ID }),
  // board.*: Иванова leads 6А, so a teacher's announcement to its teachers is admitted by the scope too.
  'board.list': () => ({ scope: 'all' }),
  'board.save': (s) => ({ title: 'Педсовет', body: 'Педсовет в четверг в 15:00, актовый зал.', audience: 'class', classId: s.classes.c6a, fromDate: '2026-11-23', toDate: '2026-11-26' }),
  'board.remove': () => ({ id: NO_SUCH_ID }),
  'board.announceChanges': () => ({ date: '2026-11-23' }),
  'board.print': () => ({ id: NO_SUCH_ID }),
  // mail.*: a server on a closed port of loopback refuses at once. parentMail.*: 6А (led by Иванова) has only Васильева, with no guardian recorded: nothing is queued.
  'mail.settings': () => ({}),
  'mail.saveSettings': () => ({ host: '127.0.0.1', port: 9, security: 'tls', user: '', fromName: 'Школа', fromAddress: 'school@school.example' }),
  'mail.test': () => ({ to: 'nobody@school.example' }),
  'parentMail.preview': (s) => ({ classId: s.classes.c6a, kind: 'message', subject: 'Собрание', body: 'Собрание в среду.' }),
  'parentMail.previewFile': (s) => ({ classId: s.classes.c6a, kind: 'extract', extract: { kind: 'week', date: '2026-11-23' }, studentId: s.students.third }),
  'parentMail.send': (s) => ({ classId: s.classes.c6a, kind: 'message', subject: 'Собрание', body: 'Собрание в среду.' }),
  'parentMail.batches': (s) => ({ classId: s.classes.c6a }),
  'parentMail.batch': () => ({ id: NO_SUCH_ID }),
  'parentMail.retry': () => ({ batchId: NO_SUCH_ID }),
  'timetableImport.preview': (s) => ({ yearId: s.yearId, format: 'fet', files: [{ fileName: 'x.fet', contentBase64: Buffer.from('<fet/>').toString('base64') }] }),
  'timetableImport.apply': (s) => ({ yearId: s.yearId, format: 'fet', validFrom: '2026-09-01', files: [{ fileName: 'x.fet', contentBase64: Buffer.from('<fet/>').toString('base64') }] }),
};

/** Each role, and the fixture's person who holds it. */
const PEOPLE: [Role, keyof SmallSchool['tokens']][] = [
  ['admin', 'admin'],
  ['director', 'director'],
  ['deputy', 'deputy'],
  ['teacher', 'ivanova'],
  ['secretary', 'secretary'],
];

describe('the role matrix', () => {
  let t: TestRuntime;
  let school: SmallSchool;

  beforeAll(async () => {
    t = await createTestRuntime();
    school = await buildSmallSchool(t);
  });
  afterAll(() => t.close());

  it('has sample parameters for every method of the contract', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(METHODS).sort());
  });

  // One session per person, renewed only when a method ended or locked it
  // (logout, lock, a reset of roles): a login costs a deliberately slow scrypt.
  const sessions = new Map<string, string>();
  const loginFor = async (login: string) => {
    const kept = sessions.get(login);
    if (kept) {
      const status = await t.runtime.call({ method: 'auth.status', params: {}, token: kept });
      const session = status.ok ? (status.value as { session: { locked: boolean } | null }).session : null;
      if (session && !session.locked) return kept;
    }
    const r = await t.runtime.call({ method: 'auth.login', params: { login, password: TEST_PASSWORD } });
    if (!r.ok) throw new Error(r.error.message);
    const token = (r.value as { token: string }).token;
    sessions.set(login, token);
    return token;
  };
  const LOGINS: Record<keyof SmallSchool['tokens'], string> = {
    admin: 'admin',
    director: 'director',
    deputy: 'zavuch',
    secretary: 'secretar',
    ivanova: 'ivanova.ap',
    petrova: 'petrova.mi',
    sidorov: 'sidorov.on',
  };
  const auditCount = () => t.runtime.database().manager.count(AuditEventEntity);

  for (const [role, person] of PEOPLE) {
    for (const name of Object.keys(METHODS) as MethodName[]) {
      const method = METHODS[name];
      const allowed = method.access === 'public' || method.access === 'session' || rolesAllow([role], method.access);
      it(`${role} → ${name}: ${allowed ? 'admitted' : 'refused'}`, async () => {
        const token = await loginFor(LOGINS[person]);
        const before = await auditCount();
        const result = await t.runtime.call({ method: name, params: SAMPLES[name](school), token });
        if (allowed) {
          if (!result.ok) expect(result.error.code).not.toBe('FORBIDDEN');
        } else {
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.error.code).toBe('FORBIDDEN');
          expect(result.error.message).toMatch(/^Недостаточно прав: .+ недоступно для роли «.+»\.$/);
          expect(await auditCount()).toBe(before);
        }
      });
    }
  }

  it('refuses every method but the public ones without a session', async () => {
    for (const name of Object.keys(METHODS) as MethodName[]) {
      if (METHODS[name].access === 'public') continue;
      const result = await t.runtime.call({ method: name, params: SAMPLES[name](school), token: null });
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.error.code, name).toBe('UNAUTHENTICATED');
    }
  });
});

/**
 * Personal data, field by field (issue 17, item 3; contingent/README.md,
 * «Who sees what»): the administration, the secretary and the class teacher of
 * the student's class see the whole card; a teacher who only teaches the class
 * sees the name and the class. The search of guardians covers the school for
 * those who enrol, the own class's families for a class teacher, nothing else.
 */
describe('the role matrix, field by field: a student’s personal data', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  const PERSONAL = ['birthDate', 'personalFileNo', 'address', 'phone', 'snils'] as const;

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSmallSchool(t);
    await t.call(
      'contingent.saveStudent',
      {
        id: s.students.first,
        lastName: 'Алексеев',
        firstName: 'Артём',
        birthDate: '2015-03-14',
        personalFileNo: 'А-17',
        address: 'г. Тверь, ул. Советская, д. 5, кв. 12',
        phone: '+7 912 345-67-89',
        snils: '112-233-445 95',
      },
      s.tokens.admin,
    );
    await t.call(
      'contingent.saveGuardian',
      { studentId: s.students.first, relation: 'mother', lastName: 'Алексеева', firstName: 'Ольга', phone: '+7 912 000-11-22', workplace: 'ГБУЗ «Городская больница № 1»' },
      s.tokens.admin,
    );
  });
  afterAll(() => t.close());

  // Петрова leads 5А; Иванова teaches mathematics in 5А and leads 6А; Сидоров has no lesson in 5А.
  const FULL: (keyof SmallSchool['tokens'])[] = ['admin', 'director', 'deputy', 'secretary', 'petrova'];
  const REDUCED: (keyof SmallSchool['tokens'])[] = ['ivanova', 'sidorov'];

  for (const person of FULL) {
    it(`${person} sees the whole card of a 5А student: every personal field and the guardians’ contacts`, async () => {
      const card = await t.call('contingent.getStudent', { id: s.students.first }, s.tokens[person]);
      expect(card.view).toBe('full');
      for (const field of PERSONAL) expect(card.student[field], field).not.toBeNull();
      expect(card.guardians).toMatchObject([{ name: 'Алексеева Ольга', phone: expect.stringMatching(/912/), workplace: 'ГБУЗ «Городская больница № 1»' }]);
    });
  }

  for (const person of REDUCED) {
    it(`${person} sees the name and the class only, and no guardian`, async () => {
      const card = await t.call('contingent.getStudent', { id: s.students.first }, s.tokens[person]);
      expect(card.view).toBe('reduced');
      expect(card.student.name).toBe('Алексеев Артём');
      expect(card.spans.map((x) => x.className)).toEqual(['5А']);
      for (const field of [...PERSONAL, 'email', 'sex', 'note'] as const) expect(card.student[field], field).toBeNull();
      expect(card).toMatchObject({ guardians: [], consents: [], movements: [], plans: [], marksByClass: [], mayEdit: false });
      expect(JSON.stringify(card)).not.toMatch(/Советская|912|112-233|Алексеева|больница/);
    });
  }

  it('the search of guardians: the whole school for the secretary and the administrator, the own class for its class teacher, nobody else', async () => {
    const found = async (person: keyof SmallSchool['tokens']) =>
      (await t.call('contingent.findGuardians', { search: 'Алексеева' }, s.tokens[person])).map((g) => g.name);
    expect(await found('secretary')).toEqual(['Алексеева Ольга']);
    expect(await found('admin')).toEqual(['Алексеева Ольга']);
    expect(await found('petrova')).toEqual(['Алексеева Ольга']);
    for (const person of ['ivanova', 'sidorov', 'director', 'deputy'] as const) expect(await found(person), person).toEqual([]);
  });
});

/**
 * Staff mail, thread by thread (issue 19): a thread is seen by its
 * participants only. Everyone else — of every role, the administration
 * included — gets nothing of it: not the thread, not its file, not a hit in a
 * search, not even a figure in the unread count. The administrator alone
 * reads its record in the audit log.
 */
describe('the role matrix, thread by thread: staff mail', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  let threadId: string;
  let attachmentId: string;
  let messageId: string;

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSmallSchool(t);
    const report = { kind: 'performance' as const, classId: s.classes.c5a, period: s.periods.q1 };
    ({ threadId } = await t.call('messages.send', { to: { kind: 'people', userIds: [s.userIds.petrova] }, subject: 'Конфиденциально', body: 'Алексеев снова без тетради.', report }, s.tokens.ivanova));
    const thread = await t.call('messages.thread', { id: threadId }, s.tokens.petrova);
    messageId = thread.messages[0].id;
    attachmentId = thread.messages[0].attachments[0].id;
  });
  afterAll(() => t.close());

  it('its two participants read it', async () => {
    expect((await t.call('messages.unread', {}, s.tokens.petrova)).count).toBe(1);
    expect((await t.call('messages.threads', { search: 'тетради' }, s.tokens.petrova)).map((x) => x.id)).toEqual([threadId]);
    expect((await t.call('messages.threads', {}, s.tokens.ivanova)).map((x) => x.id)).toEqual([threadId]);
  });

  for (const person of ['admin', 'director', 'deputy', 'secretary', 'sidorov'] as const) {
    it(`${person}, not in it, gets nothing: no thread, no file, no search hit, no count`, async () => {
      const token = s.tokens[person];
      expect(await t.call('messages.threads', {}, token)).toEqual([]);
      expect(await t.call('messages.threads', { search: 'тетради' }, token)).toEqual([]);
      expect(await t.call('messages.unread', {}, token)).toEqual({ count: 0 });
      for (const [method, params] of [
        ['messages.thread', { id: threadId }],
        ['messages.attachment', { id: attachmentId }],
        ['messages.reply', { threadId, body: 'Можно мне тоже?' }],
        ['messages.markRead', { threadId }],
      ] as const) {
        const refused = await t.fail(method, params as never, token);
        expect(refused.code, method).toBe('NOT_FOUND');
        expect(JSON.stringify(refused), method).not.toMatch(/Конфиденциально|тетради|Алексеев/);
      }
    });
  }

  it('the audit log shows who wrote what to the administrator only', async () => {
    const mailEvents = (events: { entity: string }[]) => events.filter((e) => e.entity.startsWith('Message'));
    expect(mailEvents(await t.call('audit.recent', { limit: 500 }, s.tokens.admin)).length).toBeGreaterThan(0);
    expect(await t.call('audit.history', { entity: 'Message', entityId: messageId }, s.tokens.admin)).toHaveLength(1);
    for (const person of ['director', 'deputy'] as const) {
      expect(mailEvents(await t.call('audit.recent', { limit: 500 }, s.tokens[person])), person).toEqual([]);
      expect(await t.call('audit.history', { entity: 'Message', entityId: messageId }, s.tokens[person]), person).toEqual([]);
    }
  });
});

/**
 * Every method's sample, called by the first role admitted to it, with the
 * whole database compared before and after: every changed field of every
 * shared record is in the change log with its new value, and nothing else is
 * (test/support/capture-check.ts). A method that writes past the Writer fails
 * here.
 */
describe('the change log captures every change of every method', () => {
  let t: TestRuntime;
  let school: SmallSchool;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestRuntime();
    school = await buildSmallSchool(t);
  });
  afterAll(() => t.close());

  const LOGIN_OF: Record<Role, string> = { admin: 'admin', director: 'director', deputy: 'zavuch', teacher: 'ivanova.ap', secretary: 'secretar' };
  const tokenFor = async (role: Role) => {
    const kept = tokens.get(role);
    if (kept) {
      const status = await t.runtime.call({ method: 'auth.status', params: {}, token: kept });
      const session = status.ok ? (status.value as { session: { locked: boolean } | null }).session : null;
      if (session && !session.locked) return kept;
    }
    const r = await t.runtime.call({ method: 'auth.login', params: { login: LOGIN_OF[role], password: TEST_PASSWORD } });
    if (!r.ok) throw new Error(r.error.message);
    tokens.set(role, (r.value as { token: string }).token);
    return tokens.get(role)!;
  };

  for (const name of Object.keys(METHODS) as MethodName[]) {
    const method = METHODS[name];
    const role = PEOPLE.map(([r]) => r).find((r) => method.access === 'public' || method.access === 'session' || rolesAllow([r], method.access))!;
    // Twice: the second call takes the paths that change what the first one made.
    it(`${name} (as ${role}), twice`, async () => {
      for (let call = 1; call <= 2; call++) {
        const token = method.access === 'public' ? null : await tokenFor(role);
        const ds = t.runtime.database();
        const before = await snapshotDatabase(ds);
        const logged = await changeLogCount(ds);
        await t.runtime.call({ method: name, params: SAMPLES[name](school), token });
        // A method that opened another database (the demo school, a restored copy) is compared nowhere.
        if (t.runtime.database() !== ds) return;
        const after = await snapshotDatabase(ds);
        expect(captureProblems(ds, before, after, await changeLogSince(ds, logged)), `call ${call}`).toEqual([]);
      }
    });
  }
});
