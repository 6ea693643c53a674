import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, messageOf } from '../api/client';
import type { ResultOf } from '../../main/core/api/types';
import { cellKey, cellText, indexCells, type JournalPage, type Pending, type ServerCell, type Summary } from './cell-model';

export interface Entry {
  studentId: string;
  lessonId: string;
  text: string;
}

interface UndoStep {
  entries: { studentId: string; lessonId: string; before: string }[];
}

/** Entries refused for want of a reason: the page asks for it and sends them again. */
export interface ReasonRequest {
  entries: Entry[];
  message: string;
}

const SAVED_SHOWN_MS = 1500;
/** The core takes up to 3000 cells in one call; a pasted year of a class is more. */
const MAX_CELLS_PER_CALL = 1000;

/** A refused entry as kept on this computer until it is fixed or discarded. */
interface KeptEntry {
  studentId: string;
  lessonId: string;
  text: string;
  message: string;
  needsReason: boolean;
}

function readKept(storageKey: string | null): KeptEntry[] {
  if (!storageKey) return [];
  try {
    const raw = window.sessionStorage.getItem(storageKey);
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? (list as KeptEntry[]).filter((e) => typeof e?.studentId === 'string' && typeof e.text === 'string') : [];
  } catch {
    return [];
  }
}

/** Where a page's refused entries wait: per user and page, for this window's life (a lock or a trip to another screen keeps them). */
export function unsavedStorageKey(userId: string, ref: { classId: string; subjectId: string; groupId: string | null }): string {
  return `kz.journal.unsaved.${userId}.${ref.classId}|${ref.subjectId}|${ref.groupId ?? ''}`;
}

/**
 * The grid's cells: what the core holds, and what was typed on top of it.
 * Every entry is sent at once; the cell shows «сохраняется», then
 * «сохранено», or stays «не сохранено» with the core's reason until it is
 * fixed or discarded, so an entry is never lost silently. Ctrl+Z takes back
 * the last entries (it sends the cells' previous contents).
 */
export function useJournalCells(page: JournalPage, opts: { storageKey?: string | null; onLeaveUnsaved?(count: number): void } = {}) {
  const storageKey = opts.storageKey ?? null;
  const [initialCells] = useState(() => indexCells(page));
  const server = useRef<Map<string, ServerCell>>(initialCells);
  // Entries refused earlier (before a lock, or before the teacher went to another screen) come back as they were.
  const [restored] = useState(() => {
    const lessons = new Set(page.lessons.map((l) => l.id));
    const students = new Set(page.students.map((st) => st.id));
    return new Map<string, Pending>(
      readKept(storageKey)
        .filter((e) => lessons.has(e.lessonId) && students.has(e.studentId))
        .map((e) => [cellKey(e.studentId, e.lessonId), { text: e.text, status: 'failed', message: e.message, needsReason: e.needsReason, version: 0 }]),
    );
  });
  const pending = useRef(restored);
  const [initialSummaries] = useState(() => new Map<string, Summary>(page.students.map((s) => [s.id, { average: s.average, weighted: s.weighted, count: s.count }])));
  const summaries = useRef(initialSummaries);
  const undo = useRef<UndoStep[]>([]);
  const versions = useRef(0);
  /** The save (its version) that last sent each cell: a page read before it must not overwrite it. */
  const lastSent = useRef(new Map<string, number>());
  const [tick, setTick] = useState(0);
  const [reasonRequest, setReasonRequest] = useState<ReasonRequest | null>(null);
  /** Keeps the refused entries on this computer, so that leaving the page never loses them. */
  const keep = useCallback(() => {
    if (!storageKey) return;
    const list: KeptEntry[] = [];
    for (const [key, p] of pending.current) {
      if (p.status !== 'failed') continue;
      const [studentId, lessonId] = key.split(':');
      list.push({ studentId, lessonId, text: p.text, message: p.message ?? '', needsReason: Boolean(p.needsReason) });
    }
    try {
      if (list.length > 0) window.sessionStorage.setItem(storageKey, JSON.stringify(list));
      else window.sessionStorage.removeItem(storageKey);
    } catch {
      // Storage full or off: the entries still stay in the cells while the page is open.
    }
  }, [storageKey]);
  const bump = useCallback(() => {
    keep();
    setTick((t) => t + 1);
  }, [keep]);
  const onLeave = useRef(opts.onLeaveUnsaved);
  useEffect(() => {
    onLeave.current = opts.onLeaveUnsaved;
  });
  useEffect(() => {
    const entries = pending.current;
    return () => {
      const failed = [...entries.values()].filter((p) => p.status === 'failed').length;
      if (failed > 0) onLeave.current?.(failed);
    };
  }, []);
  const range = useMemo(() => ({ from: page.period.startDate, to: page.period.endDate }), [page.period.startDate, page.period.endDate]);

  /** What the cell shows now: the typed entry if there is one, else the core's. */
  const shownText = useCallback((key: string) => pending.current.get(key)?.text ?? cellText(server.current.get(key)), []);

  const save = useCallback(
    async (entries: Entry[], opts: { reason?: string; recordUndo?: boolean } = {}) => {
      const changed = entries.filter((e) => {
        const key = cellKey(e.studentId, e.lessonId);
        return pending.current.get(key)?.status === 'failed' || e.text !== shownText(key) || opts.reason;
      });
      if (changed.length === 0) return;
      // What the cells held before, for Ctrl+Z (only the entries that are saved go on the undo list).
      const before = new Map(changed.map((e) => [cellKey(e.studentId, e.lessonId), cellText(server.current.get(cellKey(e.studentId, e.lessonId)))]));
      const version = ++versions.current;
      for (const e of changed) {
        pending.current.set(cellKey(e.studentId, e.lessonId), { text: e.text, status: 'saving', version });
        lastSent.current.set(cellKey(e.studentId, e.lessonId), version);
      }
      bump();
      const result: ResultOf<'journal.setMarks'> = { results: [], summaries: {} };
      try {
        // A large pasted block goes in parts the core takes at once.
        for (let i = 0; i < changed.length; i += MAX_CELLS_PER_CALL) {
          const part = await api.journal.setMarks({ entries: changed.slice(i, i + MAX_CELLS_PER_CALL), reason: opts.reason, range });
          result.results.push(...part.results);
          Object.assign(result.summaries, part.summaries);
        }
      } catch (error) {
        // The cells of the parts that went through are saved; the rest wait with the reason.
        const done = new Set(result.results.map((r) => cellKey(r.studentId, r.lessonId)));
        for (const e of changed) {
          const key = cellKey(e.studentId, e.lessonId);
          const p = pending.current.get(key);
          if (p?.version === version && !done.has(key)) pending.current.set(key, { ...p, status: 'failed', message: messageOf(error) });
        }
        if (result.results.length === 0) {
          bump();
          return;
        }
      }
      const needReason: Entry[] = [];
      const saved: string[] = [];
      for (const [i, r] of result.results.entries()) {
        const key = cellKey(r.studentId, r.lessonId);
        const p = pending.current.get(key);
        if (r.ok) server.current.set(key, { marks: r.cell.marks, attendance: r.cell.attendance });
        if (p?.version !== version) continue;
        if (r.ok) {
          pending.current.set(key, { ...p, status: 'saved' });
          saved.push(key);
        } else {
          pending.current.set(key, { ...p, status: 'failed', message: r.message, needsReason: r.needsReason });
          if (r.needsReason) needReason.push(changed[i]);
        }
      }
      for (const [studentId, s] of Object.entries(result.summaries)) summaries.current.set(studentId, s);
      const done = result.results.filter((r) => r.ok);
      if (opts.recordUndo !== false && done.length > 0) {
        undo.current.push({
          entries: done.map((r) => ({ studentId: r.studentId, lessonId: r.lessonId, before: before.get(cellKey(r.studentId, r.lessonId)) ?? '' })),
        });
        if (undo.current.length > 200) undo.current.shift();
      }
      bump();
      if (needReason.length > 0) {
        const first = result.results.find((r) => !r.ok && r.needsReason);
        setReasonRequest({ entries: needReason, message: first && !first.ok ? first.message : '' });
      }
      setTimeout(() => {
        for (const key of saved) if (pending.current.get(key)?.version === version) pending.current.delete(key);
        bump();
      }, SAVED_SHOWN_MS);
    },
    [bump, range, shownText],
  );

  /** Entries refused before they reach the core (a pasted fraction): they wait in their cells like the core's refusals. */
  const refuse = useCallback(
    (entries: (Entry & { message: string })[]) => {
      if (entries.length === 0) return;
      const version = ++versions.current;
      for (const e of entries) pending.current.set(cellKey(e.studentId, e.lessonId), { text: e.text, status: 'failed', message: e.message, version });
      bump();
    },
    [bump],
  );

  /** Ctrl+Z: the cells of the last entry go back to what they held before it. */
  const undoLast = useCallback(async () => {
    const step = undo.current.pop();
    if (!step) return false;
    await save(
      step.entries.map((e) => ({ studentId: e.studentId, lessonId: e.lessonId, text: e.before })),
      { recordUndo: false },
    );
    return true;
  }, [save]);

  /** A refused entry is dropped: the cell shows what the core holds. */
  const discard = useCallback(
    (key: string) => {
      if (pending.current.get(key)?.status !== 'failed') return false;
      pending.current.delete(key);
      bump();
      return true;
    },
    [bump],
  );

  /** After a single-mark change made elsewhere (the marks dialog). */
  const replaceCell = useCallback(
    (key: string, cell: ServerCell, studentSummaries: Record<string, Summary>) => {
      lastSent.current.set(key, ++versions.current);
      server.current.set(key, cell);
      pending.current.delete(key);
      for (const [id, s] of Object.entries(studentSummaries)) summaries.current.set(id, s);
      bump();
    },
    [bump],
  );

  /** Where the saves are now: taken before the page is read again, and given to `absorb` with what was read. */
  const mark = useCallback(() => versions.current, []);

  /**
   * The page read again (other computers' marks arrived): every cell takes
   * what the core holds now, except the cells sent since the read began —
   * their own save's answer is newer. What is typed or waiting in a cell
   * stays on top, as it always does.
   */
  const absorb = useCallback(
    (fresh: JournalPage, since: number) => {
      const next = indexCells(fresh);
      const newer = (key: string) => (lastSent.current.get(key) ?? 0) > since;
      const busyStudents = new Set<string>();
      for (const key of new Set([...server.current.keys(), ...next.keys()])) {
        if (newer(key)) {
          busyStudents.add(key.split(':')[0]);
          continue;
        }
        const cell = next.get(key);
        if (cell) server.current.set(key, cell);
        else server.current.delete(key);
      }
      for (const st of fresh.students) if (!busyStudents.has(st.id)) summaries.current.set(st.id, { average: st.average, weighted: st.weighted, count: st.count });
      bump();
    },
    [bump],
  );

  return {
    tick,
    mark,
    absorb,
    server: server.current,
    pending: pending.current,
    summaries: summaries.current,
    shownText,
    save,
    refuse,
    undoLast,
    discard,
    replaceCell,
    reasonRequest,
    clearReasonRequest: () => setReasonRequest(null),
    hasFailed: () => [...pending.current.values()].some((p) => p.status === 'failed'),
    /** A save is on its way: reading the page anew now could show the cell without it. */
    isSaving: () => [...pending.current.values()].some((p) => p.status === 'saving'),
  };
}

export type JournalCells = ReturnType<typeof useJournalCells>;
