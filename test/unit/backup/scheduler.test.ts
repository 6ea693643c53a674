import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupScheduler } from '../../../main/core/backup/scheduler';
import { scanBackups } from '../../../main/core/backup/catalog';
import { mainBackupDir } from '../../../main/core/backup/config';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { sqliteRuntime } from './helpers';

describe('the backup schedule', () => {
  let t: Awaited<ReturnType<typeof sqliteRuntime>>;
  let school: SmallSchool;
  const kinds = () => scanBackups(mainBackupDir(t.dataDir)).map((e) => e.kind);

  // Monday 23.11.2026, 17:00 in Moscow.
  beforeEach(async () => {
    t = await sqliteRuntime('2026-11-23T14:00:00.000Z');
    school = await buildSmallSchool(t);
  });
  afterEach(() => t.close());

  it('makes the daily copy at 18:00 school time, once a day', async () => {
    const scheduler = new BackupScheduler(t.runtime);
    const first = await scheduler.tick(); // never one before: at once
    expect(first).not.toBeNull();
    expect(await scheduler.tick()).toBeNull();
    t.clock.advance(30 * 60_000); // 17:30
    expect(await scheduler.tick()).toBeNull();
    t.clock.advance(31 * 60_000); // 18:01
    const daily = await scheduler.tick();
    expect(daily?.entry).toMatchObject({ kind: 'auto', createdAt: '2026-11-23T15:01:00.000Z' });
    t.clock.advance(60 * 60_000);
    expect(await scheduler.tick()).toBeNull();
    // Both copies of today stay; the next evening the 17:00 one gives way to the 18:01 one (the newest of a past day).
    expect(scanBackups(mainBackupDir(t.dataDir)).map((e) => e.id)).toEqual([daily!.entry.id, first!.entry.id]);
    t.clock.advance(23 * 60 * 60_000); // 24.11, 18:01
    const next = await scheduler.tick();
    expect(scanBackups(mainBackupDir(t.dataDir)).map((e) => e.id)).toEqual([next!.entry.id, daily!.entry.id]);
  });

  it('makes a copy on closing only when something was written since the newest copy', async () => {
    const scheduler = new BackupScheduler(t.runtime);
    await t.call('backup.create', {}, school.tokens.admin);
    t.clock.advance(60_000);
    expect(await scheduler.onClose()).toBeNull();
    t.clock.advance(60_000);
    await t.call('journal.setLessonText', { lessonId: school.lessons.maths5a.id, topic: 'Проценты' }, school.tokens.ivanova);
    expect((await scheduler.onClose())?.entry.kind).toBe('on_close');
    expect(kinds()).toEqual(['on_close', 'manual']);
  });
});
