

import { LessonEntity } from '../db/entities/journal';

import type { Writer } from '../write/writer';

import { loadPageLessons, loadYearLessons } from '../lessons/load';

import { flowTopics, pageKey, type FlowTopic } from './flow';

import { topicsByPage } from './plan-topics';

export interface FlowRow {
  id: string;
  date: string;
  lessonNo: number;
  classId: string;
  groupId: string | null;
  subjectId: string;
  status: string;
  planTopicId: string | null;
}

/**
 * The planned topic each lesson should have, for the lessons whose topic
 * changes. Every page among the rows is flowed (restricted to `onlyPages`
 * when given); a page without a plan has no planned topics at all.
 */
export function planTopicChanges(
  rows: FlowRow[],
  topics: Map<string, FlowTopic[]>,
  onlyPages?: ReadonlySet<string>,
): { id: string; from: string | null; to: string | null }[] {
  const byPage = new Map<string, FlowRow[]>();
  for (const r of rows) {
    const key = pageKey(r);
    if (onlyPages && !onlyPages.has(key)) continue;
    const list = byPage.get(key);
    if (list) list.push(r);
    else byPage.set(key, [r]);
  }
  const out: { id: string; from: string | null; to: string | null }[] = [];
  for (const [key, lessons] of byPage) {
    const assigned = flowTopics(lessons, topics.get(key) ?? []);
    for (const l of lessons) {
      const to = assigned.get(l.id) ?? null;
      if (to !== l.planTopicId) out.push({ id: l.id, from: l.planTopicId, to });
    }
  }
  return out;
}

/** Flows the plans of the named pages (every page when none are named) into their lessons. Returns the lessons changed. */
export async function reflowTopics(write: Writer, yearId: string, pages?: ReadonlySet<string>): Promise<number> {
  const em = write.db;
  const rows = pages && pages.size === 1 ? await loadPageLessons(em, yearId, [...pages][0]) : await loadYearLessons(em, yearId);
  const topics = await topicsByPage(em, yearId);
  const changes = planTopicChanges(rows, topics, pages);
  if (changes.length > 0) {
    await write.updateMany(
      LessonEntity,
      changes.map((c) => ({ id: c.id, field: 'planTopicId' as const, from: c.from, to: c.to })),
    );
  }
  return changes.length;
}
