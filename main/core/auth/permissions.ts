import type { Role } from '../db/entities/users';

/**
 * What a role may do, as DOMAIN.md lists it. A permission says which methods a
 * role may call at all; scopes (a teacher's own pages, a class teacher's own
 * class) are checked by the domain code on top of it.
 */
export const PERMISSIONS = [
  'school.view', // reference data: classes, subjects, staff lists, timetable (read)
  'school.edit', // reference data: year, periods, bells, classes, subjects, curriculum, load
  'contingent.edit', // enrolment, transfer, withdrawal; students' personal data
  'users.manage', // accounts, roles, password resets
  'settings.manage',
  'journal.view', // journal pages (scoped for teachers: own load and own class)
  'journal.edit', // topics, homework, marks, attendance, final marks (scoped: own load, substituted lessons)
  'journal.reopen', // reopen a closed page for a stated reason
  'attendance.reasons', // reasons for absences (scoped: the class teacher's own class)
  'timetable.edit',
  'plans.edit', // thematic plans (scoped: own)
  'substitutions.manage',
  'control.view', // the journal checks, their findings and remarks, read-only (the director)
  'control.manage', // journal checks and remarks
  'remarks.respond', // a teacher marks their remarks fixed
  'reports.view', // scoped for teachers
  'board.publish', // announcements (scoped: a class teacher, to the teachers of their class)
  'audit.view',
  'backup.manage',
  'archive.manage',
  'year.close',
  'sync.manage', // the shared folder: set up, join, the shared database file, quarantine
  'sync.conflicts', // the sync conflicts list and settling them
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    'school.view',
    'school.edit',
    'contingent.edit',
    'users.manage',
    'settings.manage',
    'journal.view',
    'reports.view',
    'audit.view',
    'backup.manage',
    'archive.manage',
    'year.close',
    'sync.manage',
    'sync.conflicts',
  ],
  director: ['school.view', 'journal.view', 'control.view', 'reports.view', 'audit.view'],
  deputy: [
    'school.view',
    'school.edit',
    'journal.view',
    'journal.reopen',
    'timetable.edit',
    'plans.edit',
    'substitutions.manage',
    'control.view',
    'control.manage',
    'reports.view',
    'board.publish',
    'audit.view',
    'sync.conflicts',
  ],
  teacher: [
    'school.view',
    'journal.view',
    'journal.edit',
    'attendance.reasons',
    'plans.edit',
    'remarks.respond',
    'reports.view',
    'board.publish',
  ],
  secretary: ['school.view', 'contingent.edit'],
};

export const ROLE_NAMES_RU: Record<Role, string> = {
  admin: 'администратор',
  director: 'директор',
  deputy: 'заместитель директора по УВР',
  teacher: 'учитель',
  secretary: 'секретарь',
};

export function rolesAllow(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}
