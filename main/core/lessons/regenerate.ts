

import { newId } from '../shared/ids';

import { LessonEntity } from '../db/entities/journal';

import { LessonReconciliationEntity, type LessonReconciliation } from '../db/entities/planning';

import { planTopicChanges } from '../plans/reflow';

import { topicsByPage } from '../plans/plan-topics';

import type { Writer } from '../write/writer';

import { desiredLessons, timetableSpans, type DesiredLesson } from './desired';

import { hasData, lessonData } from './lesson-data';

import { loadActiveVersions, loadCalendar, loadClasses, loadYear, loadYearLessons } from './load';

import { matchLessons, type StoredLesson } from './matching';

import { yearClosed } from '../year/lock';

import { plannedLesson, type LessonFields } from './planned-lesson';

export interface RegenerationResult {
  from: string;
  to: string;
  created: number;
  /** Stored lessons whose teacher, room or timetable entry changed. */
  updated: number;
  /** Empty lessons the timetable no longer has, removed. */
  removed: number;
  /** Lessons the timetable no longer has, kept because something was written in them. */
  kept: number;
  /** Lessons whose planned topic (КТП) changed. */
  topics: number;
}

/**
 * Brings the dated lessons from `from` to `to` (the end of the year by
 * default) in line with the active timetables and the calendar. Lessons the
 * timetable calls for and that exist are kept as they are (their teacher and
 * room follow the timetable); missing ones are made; those it no longer calls
 * for are removed when nothing was written in them, and otherwise kept and
 * listed for the deputy to reconcile — a topic, a mark, an absence, homework,
 * a substitution or a move is never lost. Lessons before `from` are not
 * touched. Then the КТП topics flow again into every page.
 */
export async function regenerateLessons(
  write: Writer,
  yearId: string,
  fromDate: string,
  toDate?: string | null,
): Promise<RegenerationResult> {
  const em = write.db;
  const year = await loadYear(em, yearId);
  if (year.status === 'closed') throw yearClosed(year.name);
  const from = fromDate > year.startDate ? fromDate : year.startDate;
  const to = toDate && toDate < year.endDate ? toDate : year.endDate;
  const calendar = await loadCalendar(em, year);
  const versions = await loadActiveVersions(em, yearId);
  const classes = await loadClasses(em, yearId);
  const desired = from <= to ? desiredLessons(versions, calendar, classes, from, to) : [];

  const all = await loadYearLessons(em, yearId);
  const originalDate = (l: StoredLesson) => l.movedFromDate ?? l.date;
  const inRange = all.filter((l) => originalDate(l) >= from && originalDate(l) <= to);
  const m = matchLessons(desired, inRange);

  const data = await lessonData(em, m.orphans.map((o) => o.id));
  const removed = m.orphans.filter((o) => !hasData(data.get(o.id))).map((o) => o.id);
  const kept = m.orphans.filter((o) => hasData(data.get(o.id)));
  const removedSet = new Set(removed);

  // New lessons, with their planned topics flowed in together with the stored ones.
  const created = [];
  for (const d of m.create) created.push(await newLesson(write, yearId, d));
  const rows = [...all.filter((l) => !removedSet.has(l.id)), ...created];
  const topicChanges = planTopicChanges(rows, await topicsByPage(em, yearId));
  const createdById = new Map(created.map((c) => [c.id, c]));
  const storedTopicChanges = [];
  for (const c of topicChanges) {
    const fresh = createdById.get(c.id);
    if (fresh) fresh.planTopicId = c.to;
    else storedTopicChanges.push(c);
  }

  const storedById = new Map(all.map((l) => [l.id, l]));
  const fieldChanges = m.update.flatMap((u) =>
    Object.entries(u.patch).map(([field, to]) => ({
      id: u.id,
      field: field as 'staffId' | 'roomId' | 'timetableEntryId',
      from: storedById.get(u.id)![field as keyof StoredLesson],
      to,
    })),
  );
  await write.insertMany(LessonEntity, created);
  await write.updateMany(LessonEntity, [...fieldChanges, ...storedTopicChanges.map((c) => ({ id: c.id, field: 'planTopicId' as const, from: c.from, to: c.to }))]);
  await write.removeMany(LessonEntity, removed);

  await recordReconciliation(write, yearId, {
    kept,
    matched: m.matched,
    removed,
    timetableAt: (date) => timetableSpans(versions, year.endDate).find((s) => s.from <= date && date <= s.to)?.version.id ?? null,
  });
  const result: RegenerationResult = {
    from,
    to,
    created: created.length,
    updated: new Set(m.update.map((u) => u.id)).size,
    removed: removed.length,
    kept: kept.length,
    topics: topicChanges.length,
  };
  await write.event('AcademicYear', yearId, 'lessons.generated', result);
  return result;
}

/**
 * A lesson the timetable calls for: its id follows from its place (class,
 * group, subject, day, lesson number), so two computers that regenerate from
 * the same timetable make the same lesson.
 */
async function newLesson(write: Writer, yearId: string, d: DesiredLesson): Promise<LessonFields & { id: string }> {
  const fields = plannedLesson({
    yearId,
    date: d.date,
    lessonNo: d.lessonNo,
    classId: d.classId,
    groupId: d.groupId,
    subjectId: d.subjectId,
    staffId: d.staffId,
    roomId: d.roomId,
    timetableEntryId: d.timetableEntryId,
  });
  return { id: await write.idFor(LessonEntity, fields), ...fields };
}

/**
 * Opens a reconciliation for each newly kept lesson, and closes the open ones
 * the regeneration settled: a lesson the timetable calls for again, or one
 * removed because its entries had all been taken out.
 */
async function recordReconciliation(
  write: Writer,
  yearId: string,
  r: { kept: StoredLesson[]; matched: string[]; removed: string[]; timetableAt: (date: string) => string | null },
): Promise<void> {
  const open = await write.db
    .createQueryBuilder(LessonReconciliationEntity, 'r')
    .innerJoin(LessonEntity.options.name, 'l', 'l.id = r.lessonId')
    .where('l.yearId = :yearId AND r.resolvedAt IS NULL AND r.deletedAt IS NULL', { yearId })
    .getMany();
  const openByLesson = new Map(open.map((o) => [o.lessonId, o]));
  const now = write.now();
  const fresh: Omit<LessonReconciliation, 'createdAt' | 'updatedAt' | 'deletedAt'>[] = r.kept
    .filter((l) => !openByLesson.has(l.id))
    .map((l) => ({
      id: newId(),
      lessonId: l.id,
      timetableId: r.timetableAt(l.movedFromDate ?? l.date),
      reason: 'slot_gone',
      detectedAt: now,
      resolvedAt: null,
      resolvedBy: null,
      resolution: null,
      targetLessonId: null,
      note: null,
    }));
  await write.insertMany(LessonReconciliationEntity, fresh);
  const close = (ids: string[], resolution: 'rematched' | 'emptied') =>
    ids.flatMap((id) => {
      const o = openByLesson.get(id);
      return o
        ? [
            { id: o.id, field: 'resolvedAt' as const, from: null, to: now },
            { id: o.id, field: 'resolution' as const, from: null, to: resolution },
          ]
        : [];
    });
  await write.updateMany(LessonReconciliationEntity, [...close(r.matched, 'rematched'), ...close(r.removed, 'emptied')]);
}
