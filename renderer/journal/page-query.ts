import { api } from '../api/client';
import type { ResultOf } from '../../main/core/api/types';

export interface PageParams {
  classId: string;
  subjectId: string;
  groupId: string | null;
  period?: string;
}

type Page = ResultOf<'journal.getPage'>;

/** The params of `journal.getPage` for a page's address, in one shape (the query key depends on it). */
export function pageParams(r: { classId: string; subjectId: string; groupId?: string | null; period?: string | null }): PageParams {
  return { classId: r.classId, subjectId: r.subjectId, groupId: r.groupId ?? null, ...(r.period ? { period: r.period } : {}) };
}

export const pageQueryKey = (params: PageParams) => ['journal.getPage', params] as const;

const keyOf = (p: PageParams) => `${p.classId}|${p.subjectId}|${p.groupId ?? ''}|${p.period ?? ''}`;
/** Reads started by a link's click, each taken once by the page that opens next. */
const started = new Map<string, { at: number; page: Promise<Page> }>();
const FRESH_MS = 3_000;

/**
 * A page's data asked for at the click on its link, while the screen is
 * still changing: the request and the switch of screens overlap instead of
 * following one another. Only the opening that follows takes it; every
 * other opening reads the page anew.
 */
export function prefetchJournalPage(r: Parameters<typeof pageParams>[0]): void {
  const params = pageParams(r);
  const page = api.journal.getPage(params);
  // A refusal is shown by the page's own read.
  page.catch(() => undefined);
  started.set(keyOf(params), { at: Date.now(), page });
}

/** The page's data: the read the click started, if it is a moment old, else a new one. */
export function readJournalPage(params: PageParams): Promise<Page> {
  const key = keyOf(params);
  const s = started.get(key);
  started.delete(key);
  return s && Date.now() - s.at < FRESH_MS ? s.page : api.journal.getPage(params);
}
