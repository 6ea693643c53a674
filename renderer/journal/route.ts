import { useSyncExternalStore } from 'react';

/**
 * The journal's place in the address: `#/journal?c=<class>&s=<subject>&g=<group>&p=<period|year>&l=<lesson>&v=finals`,
 * so that a page can be opened from «Мои уроки», reloaded, and gone back to.
 */
export interface JournalRoute {
  classId: string | null;
  subjectId: string | null;
  groupId: string | null;
  period: string | null;
  lessonId: string | null;
  view: 'grid' | 'finals';
}

function read(): string {
  return window.location.hash;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function parseJournalHash(hash: string): JournalRoute {
  const query = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  const q = new URLSearchParams(query);
  return {
    classId: q.get('c'),
    subjectId: q.get('s'),
    groupId: q.get('g'),
    period: q.get('p'),
    lessonId: q.get('l'),
    view: q.get('v') === 'finals' ? 'finals' : 'grid',
  };
}

export function useJournalRoute(): JournalRoute {
  const hash = useSyncExternalStore(subscribe, read);
  return parseJournalHash(hash);
}

export function journalHref(r: Partial<JournalRoute> & { classId: string; subjectId: string }): string {
  const q = new URLSearchParams();
  q.set('c', r.classId);
  q.set('s', r.subjectId);
  if (r.groupId) q.set('g', r.groupId);
  if (r.period) q.set('p', r.period);
  if (r.lessonId) q.set('l', r.lessonId);
  if (r.view === 'finals') q.set('v', 'finals');
  return `#/journal?${q.toString()}`;
}

/** A hash route with a query: `#/attendance?c=…&w=…`. */
export function useHashQuery(): URLSearchParams {
  const hash = useSyncExternalStore(subscribe, read);
  return new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '');
}

export function setHashQuery(route: string, params: Record<string, string | null>): void {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const hash = `#/${route}${q.toString() ? `?${q.toString()}` : ''}`;
  if (window.location.hash !== hash) window.location.hash = hash;
}
