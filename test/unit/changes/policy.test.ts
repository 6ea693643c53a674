import { describe, expect, it } from 'vitest';
import { ALL_ENTITIES } from '../../../main/core/db/entities';
import { ENTITY_POLICIES, isCaptured } from '../../../main/core/changes/policy';

const columnsOf = (name: string) => Object.keys(ALL_ENTITIES.find((e) => e.options.name === name)!.options.columns ?? {});

/**
 * Every entity says how it lives on several computers (changes/policy.ts), as
 * every entity says which school year it belongs to (year/lock.ts): a new
 * table cannot be added without deciding whether it is the school's, this
 * computer's, append-only or derived.
 */
describe('the sync policy of every entity', () => {
  it('is declared for every entity, and only for entities that exist', () => {
    const entities = ALL_ENTITIES.map((e) => e.options.name).sort();
    expect(Object.keys(ENTITY_POLICIES).sort()).toEqual(entities);
  });

  it('names only real columns in natural keys, field groups and derived fields', () => {
    for (const [name, policy] of Object.entries(ENTITY_POLICIES)) {
      const columns = columnsOf(name);
      const named = [...(policy.naturalKey?.fields ?? []), ...Object.values(policy.groups ?? {}).flat(), ...(policy.derivedFields ?? [])];
      for (const field of named) expect(columns, `${name}.${field}`).toContain(field);
    }
  });

  it('puts a field in one group at most', () => {
    for (const [name, policy] of Object.entries(ENTITY_POLICIES)) {
      const fields = Object.values(policy.groups ?? {}).flat();
      expect(new Set(fields).size, name).toBe(fields.length);
    }
  });

  it('gives a tombstone to every row whose id is derived, so that making it again brings it back', () => {
    for (const [name, policy] of Object.entries(ENTITY_POLICIES)) {
      if (policy.naturalKey?.derivesId) expect(columnsOf(name), name).toContain('deletedAt');
    }
  });

  it('keeps this computer’s own state out of the shared data: backups, login counters, the change log', () => {
    for (const local of ['BackupRecord', 'LoginState', 'ChangeLogEntry', 'YearArchiveRecord']) expect(isCaptured(local), local).toBe(false);
    expect(ENTITY_POLICIES.AuditEvent.scope).toBe('appendOnly');
    expect(columnsOf('User')).not.toContain('failedLogins');
    expect(columnsOf('User')).not.toContain('lockedUntil');
  });

  it('changes a password hash together with «must change», a mark’s value with its number, a moved lesson’s place with where it came from', () => {
    expect(ENTITY_POLICIES.User.groups?.password).toEqual(['passwordHash', 'mustChangePassword']);
    expect(ENTITY_POLICIES.Mark.groups?.value).toEqual(expect.arrayContaining(['value', 'numericValue']));
    expect(ENTITY_POLICIES.Lesson.groups?.place).toEqual(['date', 'lessonNo', 'movedFromDate', 'movedFromLessonNo']);
    expect(ENTITY_POLICIES.Lesson.groups?.topic).toEqual(['topic', 'topicSetAt', 'topicSetBy', 'topicLate']);
  });
});
