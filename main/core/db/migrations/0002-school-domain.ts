import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable, dropTables } from './dsl';

/**
 * The whole school domain: calendar, classes and subjects, contingent,
 * planning, the journal, schedule changes, control, and operations. Tables
 * are created parents first, so every foreign key has its table to point at.
 */
export class SchoolDomain1000000000002 implements MigrationInterface {
  name = 'SchoolDomain1000000000002';

  async up(runner: QueryRunner): Promise<void> {
    // Calendar: years, periods, holidays, bells.
    await createTable(runner, 'academic_years', {
      columns: [
        c.id(),
        c.string('name', 20),
        c.date('startDate'),
        c.date('endDate'),
        c.string('status', 10),
        c.instant('closedAt', true),
        c.ref('closedBy', true),
        ...c.synced(),
      ],
      refs: { closedBy: 'users' },
      indices: [{ name: 'IDX_academic_years_startDate', columns: ['startDate'] }],
    });
    await createTable(runner, 'study_periods', {
      columns: [
        c.id(),
        c.ref('yearId'),
        c.string('kind', 10),
        c.int('ordinal'),
        c.string('name', 50),
        c.date('startDate'),
        c.date('endDate'),
        c.int('gradeFrom'),
        c.int('gradeTo'),
        c.instant('closedAt', true),
        ...c.synced(),
      ],
      refs: { yearId: 'academic_years' },
      indices: [{ name: 'IDX_study_periods_year_start', columns: ['yearId', 'startDate'] }],
    });
    await createTable(runner, 'holidays', {
      columns: [
        c.id(),
        c.ref('yearId'),
        c.string('name', 200),
        c.date('startDate'),
        c.date('endDate'),
        c.string('kind', 10),
        ...c.synced(),
      ],
      refs: { yearId: 'academic_years' },
      indices: [{ name: 'IDX_holidays_year_start', columns: ['yearId', 'startDate'] }],
    });
    await createTable(runner, 'working_day_transfers', {
      columns: [
        c.id(),
        c.ref('yearId'),
        c.date('date'),
        c.int('worksAsWeekday'),
        c.text('note'),
        ...c.synced(),
      ],
      refs: { yearId: 'academic_years' },
      indices: [{ name: 'IDX_working_day_transfers_year_date', columns: ['yearId', 'date'] }],
    });
    await createTable(runner, 'bell_schedules', {
      columns: [
        c.id(),
        c.ref('yearId'),
        c.string('name', 100),
        c.int('shift'),
        c.int('weekdays', true),
        ...c.synced(),
      ],
      refs: { yearId: 'academic_years' },
      indices: [{ name: 'IDX_bell_schedules_year', columns: ['yearId'] }],
    });
    await createTable(runner, 'bell_slots', {
      columns: [
        c.id(),
        c.ref('scheduleId'),
        c.int('lessonNo'),
        c.string('startTime', 5),
        c.string('endTime', 5),
        ...c.synced(),
      ],
      refs: { scheduleId: 'bell_schedules' },
      indices: [{ name: 'IDX_bell_slots_schedule_lesson', columns: ['scheduleId', 'lessonNo'] }],
    });

    // School: rooms, subjects, work types, classes.
    await createTable(runner, 'rooms', {
      columns: [
        c.id(),
        c.string('number', 20),
        c.string('name', 200, true),
        c.int('capacity', true),
        c.string('kind', 20, true),
        c.text('note'),
        ...c.synced(),
      ],
      indices: [{ name: 'IDX_rooms_number', columns: ['number'] }],
    });
    await createTable(runner, 'grading_systems', {
      columns: [
        c.id(),
        c.string('code', 20),
        c.string('name', 100),
        c.bool('allowModifiers'),
        ...c.synced(),
      ],
      indices: [{ name: 'IDX_grading_systems_code', columns: ['code'] }],
    });
    await createTable(runner, 'subjects', {
      columns: [
        c.id(),
        c.string('name', 200),
        c.string('shortName', 50),
        c.ref('gradingSystemId'),
        c.int('sortOrder', false, 0),
        c.string('searchName', 200),
        ...c.synced(),
      ],
      refs: { gradingSystemId: 'grading_systems' },
      indices: [{ name: 'IDX_subjects_searchName', columns: ['searchName'] }],
    });
    await createTable(runner, 'work_types', {
      columns: [
        c.id(),
        c.string('name', 100),
        c.string('shortName', 20),
        c.real('weight'),
        c.string('deadlineKind', 10),
        c.int('deadlineValue', false, 0),
        c.bool('isControl'),
        c.int('sortOrder', false, 0),
        ...c.synced(),
      ],
    });
    await createTable(runner, 'school_classes', {
      columns: [
        c.id(),
        c.ref('yearId'),
        c.int('gradeLevel'),
        c.string('letter', 5),
        c.string('name', 20),
        c.ref('classTeacherId', true),
        c.int('shift', false, 1),
        c.ref('bellScheduleId', true),
        c.ref('roomId', true),
        ...c.synced(),
      ],
      refs: { yearId: 'academic_years', classTeacherId: 'staff', bellScheduleId: 'bell_schedules', roomId: 'rooms' },
      indices: [
        { name: 'IDX_school_classes_year_grade', columns: ['yearId', 'gradeLevel'] },
        { name: 'IDX_school_classes_teacher', columns: ['classTeacherId'] },
      ],
    });

    // Contingent: students, guardians, consents, movements.
    await createTable(runner, 'students', {
      columns: [
        c.id(),
        c.string('lastName', 100),
        c.string('firstName', 100),
        c.string('middleName', 100, true),
        c.string('searchName', 310),
        c.date('birthDate', true),
        c.string('sex', 1, true),
        c.string('personalFileNo', 50, true),
        c.string('address', 500, true),
        c.string('phone', 50, true),
        c.string('email', 200, true),
        c.string('snils', 14, true),
        c.text('note'),
        c.instant('dataCheckedAt', true),
        ...c.synced(),
      ],
      indices: [{ name: 'IDX_students_searchName', columns: ['searchName'] }],
    });
    await createTable(runner, 'guardians', {
      columns: [
        c.id(),
        c.string('lastName', 100),
        c.string('firstName', 100),
        c.string('middleName', 100, true),
        c.string('searchName', 310),
        c.string('phone', 50, true),
        c.string('email', 200, true),
        c.string('address', 500, true),
        c.string('workplace', 300, true),
        c.text('note'),
        ...c.synced(),
      ],
      indices: [{ name: 'IDX_guardians_searchName', columns: ['searchName'] }],
    });
    await createTable(runner, 'student_guardians', {
      columns: [
        c.id(),
        c.ref('studentId'),
        c.ref('guardianId'),
        c.string('relation', 10),
        c.bool('isPrimary'),
        ...c.synced(),
      ],
      refs: { studentId: 'students', guardianId: 'guardians' },
      indices: [
        { name: 'IDX_student_guardians_student', columns: ['studentId'] },
        { name: 'IDX_student_guardians_guardian', columns: ['guardianId'] },
      ],
    });
    await createTable(runner, 'data_consents', {
      columns: [
        c.id(),
        c.ref('studentId'),
        c.string('status', 10),
        c.date('date', true),
        c.string('document', 300, true),
        c.ref('guardianId', true),
        c.text('note'),
        ...c.synced(),
      ],
      refs: { studentId: 'students', guardianId: 'guardians' },
      indices: [{ name: 'IDX_data_consents_student', columns: ['studentId'] }],
    });
    await createTable(runner, 'student_movements', {
      columns: [
        c.id(),
        c.ref('studentId'),
        c.string('kind', 12),
        c.date('date'),
        c.ref('fromClassId', true),
        c.ref('toClassId', true),
        c.string('orderNo', 50, true),
        c.date('orderDate', true),
        c.text('reason'),
        c.string('destination', 300, true),
        ...c.synced(),
      ],
      refs: { studentId: 'students', fromClassId: 'school_classes', toClassId: 'school_classes' },
      indices: [
        { name: 'IDX_student_movements_student_date', columns: ['studentId', 'date'] },
        { name: 'IDX_student_movements_date', columns: ['date'] },
      ],
    });
    await createTable(runner, 'class_memberships', {
      columns: [
        c.id(),
        c.ref('studentId'),
        c.ref('classId'),
        c.date('fromDate'),
        c.date('toDate', true),
        ...c.synced(),
      ],
      refs: { studentId: 'students', classId: 'school_classes' },
      indices: [
        { name: 'IDX_class_memberships_class', columns: ['classId', 'fromDate'] },
        { name: 'IDX_class_memberships_student', columns: ['studentId', 'fromDate'] },
      ],
    });

    // Groups and teaching load.
    await createTable(runner, 'study_groups', {
      columns: [
        c.id(),
        c.ref('yearId'),
        c.ref('classId'),
        c.ref('subjectId'),
        c.string('name', 100),
        c.string('splitKey', 100),
        c.text('note'),
        ...c.synced(),
      ],
      refs: { yearId: 'academic_years', classId: 'school_classes', subjectId: 'subjects' },
      indices: [{ name: 'IDX_study_groups_class_subject', columns: ['classId', 'subjectId'] }],
    });
    await createTable(runner, 'group_memberships', {
      columns: [
        c.id(),
        c.ref('groupId'),
        c.ref('studentId'),
        c.date('fromDate'),
        c.date('toDate', true),
        c.text('reason'),
        ...c.synced(),
      ],
      refs: { groupId: 'study_groups', studentId: 'students' },
      indices: [
        { name: 'IDX_group_memberships_group', columns: ['groupId', 'fromDate'] },
        { name: 'IDX_group_memberships_student', columns: ['studentId'] },
      ],
    });
    await createTable(runner, 'curriculum_items', {
      columns: [
        c.id(),
        c.ref('yearId'),
        c.ref('classId'),
        c.ref('subjectId'),
        c.real('hoursPerWeek'),
        c.int('hoursPerYear', true),
        c.ref('gradingSystemId', true),
        c.bool('splitIntoGroups'),
        ...c.synced(),
      ],
      refs: { yearId: 'academic_years', classId: 'school_classes', subjectId: 'subjects', gradingSystemId: 'grading_systems' },
      indices: [
        { name: 'IDX_curriculum_items_class_subject', columns: ['classId', 'subjectId'] },
        { name: 'IDX_curriculum_items_year', columns: ['yearId'] },
      ],
    });
    await createTable(runner, 'teaching_assignments', {
      columns: [
        c.id(),
        c.ref('yearId'),
        c.ref('staffId'),
        c.ref('classId'),
        c.ref('groupId', true),
        c.ref('subjectId'),
        c.real('hoursPerWeek'),
        c.date('fromDate', true),
        c.date('toDate', true),
        ...c.synced(),
      ],
      refs: { yearId: 'academic_years', staffId: 'staff', classId: 'school_classes', groupId: 'study_groups', subjectId: 'subjects' },
      indices: [
        { name: 'IDX_teaching_assignments_staff_year', columns: ['staffId', 'yearId'] },
        { name: 'IDX_teaching_assignments_class_subject', columns: ['classId', 'subjectId'] },
        { name: 'IDX_teaching_assignments_group', columns: ['groupId'] },
      ],
    });
    await createTable(runner, 'staff_qualifications', {
      columns: [
        c.id(),
        c.ref('staffId'),
        c.ref('subjectId'),
        ...c.synced(),
      ],
      refs: { staffId: 'staff', subjectId: 'subjects' },
      indices: [
        { name: 'IDX_staff_qualifications_staff', columns: ['staffId'] },
        { name: 'IDX_staff_qualifications_subject', columns: ['subjectId'] },
      ],
    });
    await createTable(runner, 'teacher_unavailabilities', {
      columns: [
        c.id(),
        c.ref('staffId'),
        c.int('weekday'),
        c.int('lessonNo', true),
        c.text('note'),
        ...c.synced(),
      ],
      refs: { staffId: 'staff' },
      indices: [{ name: 'IDX_teacher_unavailabilities_staff', columns: ['staffId', 'weekday'] }],
    });

    // Individual study plans and data checks.
    await createTable(runner, 'individual_plans', {
      columns: [
        c.id(),
        c.ref('studentId'),
        c.ref('yearId'),
        c.date('fromDate'),
        c.date('toDate', true),
        c.string('basis', 500, true),
        c.string('orderNo', 50, true),
        c.text('note'),
        ...c.synced(),
      ],
      refs: { studentId: 'students', yearId: 'academic_years' },
      indices: [
        { name: 'IDX_individual_plans_student', columns: ['studentId'] },
        { name: 'IDX_individual_plans_year', columns: ['yearId'] },
      ],
    });
    await createTable(runner, 'individual_plan_subjects', {
      columns: [
        c.id(),
        c.ref('planId'),
        c.ref('subjectId'),
        c.real('hoursPerWeek'),
        c.ref('staffId', true),
        ...c.synced(),
      ],
      refs: { planId: 'individual_plans', subjectId: 'subjects', staffId: 'staff' },
      indices: [{ name: 'IDX_individual_plan_subjects_plan', columns: ['planId'] }],
    });
    await createTable(runner, 'student_data_checks', {
      columns: [
        c.id(),
        c.ref('classId'),
        c.string('month', 7),
        c.date('checkedOn'),
        c.ref('checkedBy'),
        c.text('note'),
        ...c.synced(),
      ],
      refs: { classId: 'school_classes', checkedBy: 'users' },
      indices: [{ name: 'IDX_student_data_checks_class_month', columns: ['classId', 'month'] }],
    });

    // Planning: КТП, timetable, control works.
    await createTable(runner, 'thematic_plans', {
      columns: [
        c.id(),
        c.ref('yearId'),
        c.ref('staffId'),
        c.ref('subjectId'),
        c.ref('classId'),
        c.ref('groupId', true),
        c.string('name', 300),
        c.instant('approvedAt', true),
        c.text('note'),
        ...c.synced(),
      ],
      refs: { yearId: 'academic_years', staffId: 'staff', subjectId: 'subjects', classId: 'school_classes', groupId: 'study_groups' },
      indices: [
        { name: 'IDX_thematic_plans_class_subject', columns: ['classId', 'subjectId'] },
        { name: 'IDX_thematic_plans_staff_year', columns: ['staffId', 'yearId'] },
        { name: 'IDX_thematic_plans_group', columns: ['groupId'] },
      ],
    });
    await createTable(runner, 'plan_topics', {
      columns: [
        c.id(),
        c.ref('planId'),
        c.int('ordinal'),
        c.string('title', 1000),
        c.int('hours', false, 1),
        c.ref('workTypeId', true),
        c.date('plannedDate', true),
        c.text('note'),
        ...c.synced(),
      ],
      refs: { planId: 'thematic_plans', workTypeId: 'work_types' },
      indices: [{ name: 'IDX_plan_topics_plan_ordinal', columns: ['planId', 'ordinal'] }],
    });
    await createTable(runner, 'timetables', {
      columns: [
        c.id(),
        c.ref('yearId'),
        c.string('name', 200),
        c.date('validFrom'),
        c.date('validTo', true),
        c.int('cycleWeeks', false, 1),
        c.string('status', 10),
        ...c.synced(),
      ],
      refs: { yearId: 'academic_years' },
      indices: [{ name: 'IDX_timetables_year', columns: ['yearId', 'validFrom'] }],
    });
    await createTable(runner, 'timetable_entries', {
      columns: [
        c.id(),
        c.ref('timetableId'),
        c.int('weekday'),
        c.int('lessonNo'),
        c.int('weekParity', false, 0),
        c.ref('classId'),
        c.ref('groupId', true),
        c.ref('subjectId'),
        c.ref('staffId'),
        c.ref('roomId', true),
        c.ref('individualPlanId', true),
        ...c.synced(),
      ],
      refs: { timetableId: 'timetables', classId: 'school_classes', groupId: 'study_groups', subjectId: 'subjects', staffId: 'staff', roomId: 'rooms', individualPlanId: 'individual_plans' },
      indices: [
        { name: 'IDX_timetable_entries_slot', columns: ['timetableId', 'weekday', 'lessonNo'] },
        { name: 'IDX_timetable_entries_class', columns: ['timetableId', 'classId'] },
        { name: 'IDX_timetable_entries_staff', columns: ['timetableId', 'staffId'] },
      ],
    });
    await createTable(runner, 'control_works', {
      columns: [
        c.id(),
        c.ref('yearId'),
        c.ref('classId'),
        c.ref('groupId', true),
        c.ref('subjectId'),
        c.date('date'),
        c.string('title', 500),
        c.ref('workTypeId', true),
        c.ref('staffId', true),
        ...c.synced(),
      ],
      refs: { yearId: 'academic_years', classId: 'school_classes', groupId: 'study_groups', subjectId: 'subjects', workTypeId: 'work_types', staffId: 'staff' },
      indices: [
        { name: 'IDX_control_works_class_date', columns: ['classId', 'date'] },
        { name: 'IDX_control_works_year_date', columns: ['yearId', 'date'] },
      ],
    });

    // The journal.
    await createTable(runner, 'lessons', {
      columns: [
        c.id(),
        c.ref('yearId'),
        c.date('date'),
        c.int('lessonNo'),
        c.ref('classId'),
        c.ref('groupId', true),
        c.ref('subjectId'),
        c.ref('staffId'),
        c.ref('substituteStaffId', true),
        c.ref('roomId', true),
        c.ref('timetableEntryId', true),
        c.ref('planTopicId', true),
        c.text('topic'),
        c.instant('topicSetAt', true),
        c.ref('topicSetBy', true),
        c.bool('topicLate'),
        c.text('homework'),
        c.instant('homeworkSetAt', true),
        c.ref('homeworkSetBy', true),
        c.bool('homeworkLate'),
        c.string('status', 10),
        c.date('movedFromDate', true),
        c.int('movedFromLessonNo', true),
        c.text('workTypeIds'),
        c.text('note'),
        ...c.synced(),
      ],
      refs: { yearId: 'academic_years', classId: 'school_classes', groupId: 'study_groups', subjectId: 'subjects', staffId: 'staff', substituteStaffId: 'staff', roomId: 'rooms', timetableEntryId: 'timetable_entries', planTopicId: 'plan_topics', topicSetBy: 'users', homeworkSetBy: 'users' },
      indices: [
        { name: 'IDX_lessons_class_subject_date', columns: ['classId', 'subjectId', 'date'] },
        { name: 'IDX_lessons_group_subject_date', columns: ['groupId', 'subjectId', 'date'] },
        { name: 'IDX_lessons_staff_date', columns: ['staffId', 'date'] },
        { name: 'IDX_lessons_substitute_date', columns: ['substituteStaffId', 'date'] },
        { name: 'IDX_lessons_date_lessonNo', columns: ['date', 'lessonNo'] },
      ],
    });
    await createTable(runner, 'attendances', {
      columns: [
        c.id(),
        c.ref('lessonId'),
        c.ref('studentId'),
        c.string('code', 10),
        c.string('reasonKind', 10, true),
        c.text('reasonNote'),
        c.instant('setAt'),
        c.ref('setBy'),
        ...c.synced(),
      ],
      refs: { lessonId: 'lessons', studentId: 'students', setBy: 'users' },
      indices: [
        { name: 'IDX_attendances_lesson_student', columns: ['lessonId', 'studentId'] },
        { name: 'IDX_attendances_student', columns: ['studentId'] },
      ],
    });
    await createTable(runner, 'absence_reasons', {
      columns: [
        c.id(),
        c.ref('studentId'),
        c.date('fromDate'),
        c.date('toDate'),
        c.string('kind', 10),
        c.text('note'),
        c.string('document', 300, true),
        c.ref('setBy'),
        ...c.synced(),
      ],
      refs: { studentId: 'students', setBy: 'users' },
      indices: [{ name: 'IDX_absence_reasons_student_from', columns: ['studentId', 'fromDate'] }],
    });
    await createTable(runner, 'marks', {
      columns: [
        c.id(),
        c.ref('lessonId'),
        c.ref('studentId'),
        c.string('value', 10),
        c.real('numericValue', true),
        c.ref('workTypeId'),
        c.real('weight'),
        c.text('comment'),
        c.instant('setAt'),
        c.ref('setBy'),
        c.bool('late'),
        ...c.synced(),
      ],
      refs: { lessonId: 'lessons', studentId: 'students', workTypeId: 'work_types', setBy: 'users' },
      indices: [
        { name: 'IDX_marks_lesson_student', columns: ['lessonId', 'studentId'] },
        { name: 'IDX_marks_student', columns: ['studentId'] },
      ],
    });
    await createTable(runner, 'final_marks', {
      columns: [
        c.id(),
        c.ref('studentId'),
        c.ref('subjectId'),
        c.ref('classId'),
        c.ref('groupId', true),
        c.ref('periodId', true),
        c.string('kind', 10),
        c.string('value', 10),
        c.instant('setAt'),
        c.ref('setBy'),
        c.bool('late'),
        c.text('note'),
        ...c.synced(),
      ],
      refs: { studentId: 'students', subjectId: 'subjects', classId: 'school_classes', groupId: 'study_groups', periodId: 'study_periods', setBy: 'users' },
      indices: [
        { name: 'IDX_final_marks_class_subject', columns: ['classId', 'subjectId'] },
        { name: 'IDX_final_marks_student', columns: ['studentId'] },
      ],
    });
    await createTable(runner, 'page_reopens', {
      columns: [
        c.id(),
        c.ref('periodId'),
        c.ref('classId'),
        c.ref('groupId', true),
        c.ref('subjectId'),
        c.text('reason', false),
        c.ref('reopenedBy'),
        c.instant('reopenedAt'),
        c.instant('closesAt', true),
        ...c.synced(),
      ],
      refs: { periodId: 'study_periods', classId: 'school_classes', groupId: 'study_groups', subjectId: 'subjects', reopenedBy: 'users' },
      indices: [{ name: 'IDX_page_reopens_page', columns: ['periodId', 'classId', 'subjectId'] }],
    });

    // Schedule changes.
    await createTable(runner, 'teacher_absences', {
      columns: [
        c.id(),
        c.ref('staffId'),
        c.date('fromDate'),
        c.date('toDate'),
        c.int('fromLessonNo', true),
        c.int('toLessonNo', true),
        c.string('reason', 10),
        c.text('note'),
        c.ref('createdBy'),
        ...c.synced(),
      ],
      refs: { staffId: 'staff', createdBy: 'users' },
      indices: [
        { name: 'IDX_teacher_absences_staff_from', columns: ['staffId', 'fromDate'] },
        { name: 'IDX_teacher_absences_from', columns: ['fromDate'] },
      ],
    });
    await createTable(runner, 'substitutions', {
      columns: [
        c.id(),
        c.ref('lessonId'),
        c.string('kind', 12),
        c.ref('teacherAbsenceId', true),
        c.ref('substituteStaffId', true),
        c.ref('mergedWithLessonId', true),
        c.ref('newRoomId', true),
        c.bool('paid'),
        c.real('hours'),
        c.text('note'),
        c.instant('printedAt', true),
        c.ref('createdBy'),
        ...c.synced(),
      ],
      refs: { lessonId: 'lessons', teacherAbsenceId: 'teacher_absences', substituteStaffId: 'staff', mergedWithLessonId: 'lessons', newRoomId: 'rooms', createdBy: 'users' },
      indices: [
        { name: 'IDX_substitutions_lesson', columns: ['lessonId'] },
        { name: 'IDX_substitutions_substitute', columns: ['substituteStaffId'] },
        { name: 'IDX_substitutions_absence', columns: ['teacherAbsenceId'] },
      ],
    });
    await createTable(runner, 'lesson_moves', {
      columns: [
        c.id(),
        c.ref('lessonId'),
        c.date('fromDate'),
        c.int('fromLessonNo'),
        c.date('toDate'),
        c.int('toLessonNo'),
        c.ref('toRoomId', true),
        c.text('reason'),
        c.ref('teacherAbsenceId', true),
        c.ref('createdBy'),
        ...c.synced(),
      ],
      refs: { lessonId: 'lessons', toRoomId: 'rooms', teacherAbsenceId: 'teacher_absences', createdBy: 'users' },
      indices: [
        { name: 'IDX_lesson_moves_lesson', columns: ['lessonId'] },
        { name: 'IDX_lesson_moves_from', columns: ['fromDate'] },
        { name: 'IDX_lesson_moves_to', columns: ['toDate'] },
      ],
    });
    await createTable(runner, 'change_prints', {
      columns: [
        c.id(),
        c.date('date'),
        c.string('scope', 10),
        c.instant('printedAt'),
        c.ref('printedBy'),
        ...c.synced(),
      ],
      refs: { printedBy: 'users' },
      indices: [{ name: 'IDX_change_prints_date', columns: ['date'] }],
    });

    // Control by the deputy.
    await createTable(runner, 'journal_checks', {
      columns: [
        c.id(),
        c.ref('yearId'),
        c.date('fromDate'),
        c.date('toDate'),
        c.text('scope', false),
        c.string('purpose', 500),
        c.text('conclusions'),
        c.ref('checkedBy'),
        c.instant('checkedAt'),
        c.string('status', 10),
        ...c.synced(),
      ],
      refs: { yearId: 'academic_years', checkedBy: 'users' },
      indices: [{ name: 'IDX_journal_checks_year_from', columns: ['yearId', 'fromDate'] }],
    });
    await createTable(runner, 'remarks', {
      columns: [
        c.id(),
        c.ref('checkId', true),
        c.ref('toStaffId'),
        c.ref('classId', true),
        c.ref('subjectId', true),
        c.ref('lessonId', true),
        c.string('finding', 60, true),
        c.text('text', false),
        c.ref('createdBy'),
        c.instant('fixedAt', true),
        c.text('fixNote'),
        c.instant('confirmedAt', true),
        ...c.synced(),
      ],
      refs: { checkId: 'journal_checks', toStaffId: 'staff', classId: 'school_classes', subjectId: 'subjects', lessonId: 'lessons', createdBy: 'users' },
      indices: [
        { name: 'IDX_remarks_to_staff', columns: ['toStaffId'] },
        { name: 'IDX_remarks_check', columns: ['checkId'] },
      ],
    });
    await createTable(runner, 'parent_extract_acks', {
      columns: [
        c.id(),
        c.ref('studentId'),
        c.date('fromDate'),
        c.date('toDate'),
        c.string('kind', 10),
        c.instant('printedAt'),
        c.instant('acknowledgedAt', true),
        c.string('acknowledgedBy', 300, true),
        c.ref('registeredBy', true),
        ...c.synced(),
      ],
      refs: { studentId: 'students', registeredBy: 'users' },
      indices: [{ name: 'IDX_parent_extract_acks_student_from', columns: ['studentId', 'fromDate'] }],
    });

    // Operations: backups, archive, promotion, communication.
    await createTable(runner, 'backup_records', {
      columns: [
        c.id(),
        c.text('path', false),
        c.string('kind', 15),
        c.instant('createdAt'),
        c.int('sizeBytes'),
        c.string('sha256', 64),
        c.instant('verifiedAt', true),
        c.bool('integrityOk'),
        c.bool('encrypted'),
        c.text('copyPath'),
        c.text('copyError'),
        c.instant('deletedAt', true),
      ],
      indices: [{ name: 'IDX_backup_records_createdAt', columns: ['createdAt'] }],
    });
    await createTable(runner, 'year_archive_records', {
      columns: [
        c.id(),
        c.ref('yearId'),
        c.text('path', false),
        c.string('manifestSha256', 64),
        c.int('fileCount'),
        ...c.synced(),
      ],
      refs: { yearId: 'academic_years' },
      indices: [{ name: 'IDX_year_archive_records_year', columns: ['yearId'] }],
    });
    await createTable(runner, 'promotion_orders', {
      columns: [
        c.id(),
        c.ref('fromYearId'),
        c.ref('toYearId'),
        c.string('orderNo', 50),
        c.date('orderDate'),
        c.string('status', 10),
        c.instant('appliedAt', true),
        c.instant('undoneAt', true),
        c.ref('createdBy'),
        ...c.synced(),
      ],
      refs: { fromYearId: 'academic_years', toYearId: 'academic_years', createdBy: 'users' },
      indices: [{ name: 'IDX_promotion_orders_from_year', columns: ['fromYearId'] }],
    });
    await createTable(runner, 'promotion_decisions', {
      columns: [
        c.id(),
        c.ref('orderId'),
        c.ref('studentId'),
        c.ref('fromClassId'),
        c.ref('toClassId', true),
        c.string('decision', 12),
        c.text('note'),
        ...c.synced(),
      ],
      refs: { orderId: 'promotion_orders', studentId: 'students', fromClassId: 'school_classes', toClassId: 'school_classes' },
      indices: [
        { name: 'IDX_promotion_decisions_order', columns: ['orderId'] },
        { name: 'IDX_promotion_decisions_student', columns: ['studentId'] },
      ],
    });
    await createTable(runner, 'announcements', {
      columns: [
        c.id(),
        c.string('title', 300),
        c.text('body', false),
        c.ref('authorId'),
        c.instant('publishedAt', true),
        c.date('expiresOn', true),
        c.text('audience'),
        ...c.synced(),
      ],
      refs: { authorId: 'users' },
      indices: [{ name: 'IDX_announcements_publishedAt', columns: ['publishedAt'] }],
    });
    await createTable(runner, 'messages', {
      columns: [
        c.id(),
        c.ref('fromUserId'),
        c.ref('toUserId'),
        c.string('subject', 300),
        c.text('body', false),
        c.instant('sentAt'),
        c.instant('readAt', true),
        ...c.synced(),
      ],
      refs: { fromUserId: 'users', toUserId: 'users' },
      indices: [
        { name: 'IDX_messages_to_sent', columns: ['toUserId', 'sentAt'] },
        { name: 'IDX_messages_from_sent', columns: ['fromUserId', 'sentAt'] },
      ],
    });
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropTables(runner, [
      'academic_years',
      'study_periods',
      'holidays',
      'working_day_transfers',
      'bell_schedules',
      'bell_slots',
      'rooms',
      'grading_systems',
      'subjects',
      'work_types',
      'school_classes',
      'students',
      'guardians',
      'student_guardians',
      'data_consents',
      'student_movements',
      'class_memberships',
      'study_groups',
      'group_memberships',
      'curriculum_items',
      'teaching_assignments',
      'staff_qualifications',
      'teacher_unavailabilities',
      'individual_plans',
      'individual_plan_subjects',
      'student_data_checks',
      'thematic_plans',
      'plan_topics',
      'timetables',
      'timetable_entries',
      'control_works',
      'lessons',
      'attendances',
      'absence_reasons',
      'marks',
      'final_marks',
      'page_reopens',
      'teacher_absences',
      'substitutions',
      'lesson_moves',
      'change_prints',
      'journal_checks',
      'remarks',
      'parent_extract_acks',
      'backup_records',
      'year_archive_records',
      'promotion_orders',
      'promotion_decisions',
      'announcements',
      'messages',
    ]);
  }
}
