import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { cellKey, onRoll, parseTsv, pastedFractionReason, type JournalPage } from './cell-model';
import type { JournalCells, Entry } from './useJournalCells';
import { GridCell, type CellView } from './GridCell';
import { GRID_CLASS } from './grid-styles';
import Tooltip from '@mui/material/Tooltip';
import { COL_W, HEADER_H, NAME_W, PANEL_GAP, PANEL_W, RIGHT_COLS, RIGHT_W, ROW_H, averageText, initialColumn, monthName, monthRuns, rightColumnHint, weekdayOf } from './grid-layout';
import { isCtrl, typedChar } from './keys';
import { observeRectAfterLayout } from './observe-rect';

export interface Position {
  row: number;
  col: number;
}

interface Props {
  page: JournalPage;
  cells: JournalCells;
  /** The lesson to show and select first (from «Мои уроки»). */
  initialLessonId: string | null;
  selectedLessonId: string | null;
  onSelectLesson(lessonId: string): void;
  onActiveChange(pos: Position): void;
  onCellMenu(pos: Position, at: { x: number; y: number }): void;
  /** Ctrl+Enter: the active cell's lesson, its topic and homework (the lesson panel takes the keyboard). */
  onOpenLesson(lessonId: string): void;
  /** The grid's element, so that the lesson panel can give the keyboard back to the same cell. */
  gridRef?: React.RefObject<HTMLDivElement | null>;
  /** Why a cell cannot take an entry (a closed page, a lesson not yet given), for the status line. */
  onRefused(message: string): void;
}

/**
 * The journal page as a spreadsheet (UI.md «Grids»): students down, lessons
 * across, names and dates sticky, the averages and the final mark on the
 * right; only the visible columns are drawn, so a whole year (≈170 lessons)
 * scrolls smoothly. Typing starts an entry; Enter saves and goes down.
 */
export function JournalGrid({ page, cells, initialLessonId, selectedLessonId, onSelectLesson, onActiveChange, onCellMenu, onOpenLesson, gridRef, onRefused }: Props) {
  const ownScroller = useRef<HTMLDivElement>(null);
  const scroller = gridRef ?? ownScroller;
  const { lessons, students } = page;
  const initialCol = useMemo(() => initialColumn(lessons, page.today, initialLessonId), [initialLessonId, lessons, page.today]);
  const [active, setActive] = useState<Position>({ row: 0, col: initialCol });
  const [anchor, setAnchor] = useState<Position | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  // The grid's likely size before it is measured: the window less the navigation, the page's header and
  // status line, and the lesson panel. The first render then draws about the cells that show, no more.
  const [initialRect] = useState(() => ({
    width: Math.max(600, window.innerWidth - 280 - (initialLessonId ? PANEL_W + PANEL_GAP : 0)),
    height: Math.max(300, window.innerHeight - 268),
  }));
  const columns = useVirtualizer({
    horizontal: true,
    count: lessons.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => COL_W,
    // Few extra columns and rows: the sizes are fixed, and every drawn cell costs the first paint.
    overscan: 2,
    // No synchronous re-render from inside the scroll handler; the first render assumes the size the window gives.
    useFlushSync: false,
    initialRect,
    observeElementRect: observeRectAfterLayout,
    paddingStart: NAME_W,
    paddingEnd: RIGHT_W,
    initialOffset: Math.max(0, initialCol * COL_W - 4 * COL_W),
  });
  const items = columns.getVirtualItems();
  // Rows too: a class of 30 is taller than the screen, and every drawn row is a row of cells.
  const rowsV = useVirtualizer({
    count: students.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_H,
    overscan: 2,
    paddingStart: HEADER_H,
    useFlushSync: false,
    initialRect,
    observeElementRect: observeRectAfterLayout,
  });
  const rowItems = rowsV.getVirtualItems();
  const topGap = rowItems.length ? rowItems[0].index * ROW_H : 0;
  const bottomGap = rowItems.length ? (students.length - 1 - rowItems[rowItems.length - 1].index) * ROW_H : 0;
  const cellsWidth = lessons.length * COL_W;

  const dates = useMemo(() => lessons.map((l) => l.date), [lessons]);
  const typeNames = useMemo(() => new Map(page.workTypes.map((w) => [w.id, w.name])), [page.workTypes]);
  const endingSoon = useMemo(() => {
    const end = new Date(`${page.period.endDate}T00:00:00Z`).getTime();
    return end - new Date(`${page.today}T00:00:00Z`).getTime() <= 14 * 86_400_000;
  }, [page.period.endDate, page.today]);
  const runs = useMemo(() => monthRuns(dates), [dates]);
  const today = page.today;

  /** Whether a cell takes entries, and if not, why. */
  const closedReason = useCallback(
    (row: number, col: number): string | null => {
      const lesson = lessons[col];
      const student = students[row];
      if (!lesson || !student) return 'Клетки нет.';
      if (!lesson.editable) return lesson.readOnlyReason ?? page.readOnlyReason ?? 'Страница открыта для просмотра.';
      if (!onRoll(student, lesson.date)) return `${student.name} в этот день не числится на странице журнала.`;
      if (lesson.date > today) return 'Урок ещё не прошёл: отметки и пропуски ставятся в день урока или позже.';
      return null;
    },
    [lessons, students, page.readOnlyReason, today],
  );

  // The painted grid, for the speed measurement (journal_page_paint_ms).
  useEffect(() => {
    // The frame after this one starts once the grid is on screen.
    requestAnimationFrame(() => setTimeout(() => performance.mark('journal-grid-painted'), 0));
    scroller.current?.focus({ preventScroll: true });
  }, []);

  useEffect(() => onActiveChange(active), [active, onActiveChange]);

  /** Keeps the active cell in view (the sticky name column and right block cover part of the area). */
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const top = HEADER_H + active.row * ROW_H;
    if (top - HEADER_H < el.scrollTop) el.scrollTop = top - HEADER_H;
    else if (top + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_H - el.clientHeight;
    const left = NAME_W + active.col * COL_W;
    if (left - NAME_W < el.scrollLeft) el.scrollLeft = left - NAME_W;
    else if (left + COL_W > el.scrollLeft + el.clientWidth - RIGHT_W) el.scrollLeft = left + COL_W - el.clientWidth + RIGHT_W;
  }, [active]);

  const move = useCallback(
    (dRow: number, dCol: number, extend = false) => {
      setActive((a) => {
        const next = {
          row: Math.min(students.length - 1, Math.max(0, a.row + dRow)),
          col: Math.min(lessons.length - 1, Math.max(0, a.col + dCol)),
        };
        setAnchor(extend ? (anch) => anch ?? a : null);
        return next;
      });
    },
    [students.length, lessons.length],
  );

  const moveTo = useCallback((pos: Position) => {
    setAnchor(null);
    setActive(pos);
  }, []);

  const selection = useMemo(() => {
    const a = anchor ?? active;
    return {
      top: Math.min(a.row, active.row),
      bottom: Math.max(a.row, active.row),
      left: Math.min(a.col, active.col),
      right: Math.max(a.col, active.col),
    };
  }, [anchor, active]);

  const entryAt = useCallback(
    (row: number, col: number, text: string): Entry | null => {
      const student = students[row];
      const lesson = lessons[col];
      if (!student || !lesson || closedReason(row, col)) return null;
      return { studentId: student.id, lessonId: lesson.id, text };
    },
    [students, lessons, closedReason],
  );

  const commit = useCallback(
    (text: string) => {
      setEditing(null);
      const entry = entryAt(active.row, active.col, text.trim());
      if (entry) void cells.save([entry]);
    },
    [active, entryAt, cells],
  );

  const clearSelection = useCallback(() => {
    const entries: Entry[] = [];
    for (let r = selection.top; r <= selection.bottom; r++) {
      for (let c = selection.left; c <= selection.right; c++) {
        const e = entryAt(r, c, '');
        if (e) entries.push(e);
      }
    }
    if (entries.length > 0) void cells.save(entries);
    else onRefused(closedReason(active.row, active.col) ?? '');
  }, [selection, entryAt, cells, onRefused, closedReason, active]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // To the lesson's topic and homework; Esc in the panel comes back to this cell.
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey) {
      e.preventDefault();
      if (editing !== null) commit(editing);
      const lesson = lessons[active.col];
      if (lesson) onOpenLesson(lesson.id);
      return;
    }
    const ch = typedChar(e);
    if (editing !== null) {
      if (ch !== null) {
        e.preventDefault();
        setEditing(editing + ch);
        return;
      }
      switch (e.key) {
        case 'Backspace':
          e.preventDefault();
          setEditing(editing.slice(0, -1));
          return;
        case 'Escape':
          e.preventDefault();
          setEditing(null);
          return;
        case 'Enter':
          e.preventDefault();
          commit(editing);
          move(e.shiftKey ? -1 : 1, 0);
          return;
        case 'Tab':
          e.preventDefault();
          commit(editing);
          move(0, e.shiftKey ? -1 : 1);
          return;
        case 'ArrowUp':
        case 'ArrowDown':
        case 'ArrowLeft':
        case 'ArrowRight':
          e.preventDefault();
          commit(editing);
          move(e.key === 'ArrowUp' ? -1 : e.key === 'ArrowDown' ? 1 : 0, e.key === 'ArrowLeft' ? -1 : e.key === 'ArrowRight' ? 1 : 0);
          return;
      }
      return;
    }
    if (isCtrl(e, 'KeyZ')) {
      e.preventDefault();
      void cells.undoLast();
      return;
    }
    if (isCtrl(e, 'KeyC')) {
      e.preventDefault();
      const rows: string[] = [];
      for (let r = selection.top; r <= selection.bottom; r++) {
        const line: string[] = [];
        for (let c = selection.left; c <= selection.right; c++) line.push(cells.shownText(cellKey(students[r].id, lessons[c].id)));
        rows.push(line.join('\t'));
      }
      void navigator.clipboard?.writeText(rows.join('\n')).catch(() => undefined);
      return;
    }
    if (isCtrl(e, 'Home') || isCtrl(e, 'End')) {
      e.preventDefault();
      moveTo(e.key === 'Home' ? { row: 0, col: 0 } : { row: students.length - 1, col: lessons.length - 1 });
      return;
    }
    if (ch !== null && ch !== ' ') {
      e.preventDefault();
      const reason = closedReason(active.row, active.col);
      if (reason) onRefused(reason);
      else setEditing(ch);
      return;
    }
    switch (e.key) {
      case 'ArrowUp':
        e.preventDefault();
        return move(-1, 0, e.shiftKey);
      case 'ArrowDown':
        e.preventDefault();
        return move(1, 0, e.shiftKey);
      case 'ArrowLeft':
        e.preventDefault();
        return move(0, -1, e.shiftKey);
      case 'ArrowRight':
        e.preventDefault();
        return move(0, 1, e.shiftKey);
      case 'Tab':
        e.preventDefault();
        return move(0, e.shiftKey ? -1 : 1);
      case 'Enter':
        e.preventDefault();
        return move(e.shiftKey ? -1 : 1, 0);
      case 'Home':
        e.preventDefault();
        return moveTo({ row: active.row, col: 0 });
      case 'End':
        e.preventDefault();
        return moveTo({ row: active.row, col: lessons.length - 1 });
      case 'PageUp':
        e.preventDefault();
        return move(-10, 0);
      case 'PageDown':
        e.preventDefault();
        return move(10, 0);
      case 'F2': {
        e.preventDefault();
        const reason = closedReason(active.row, active.col);
        if (reason) onRefused(reason);
        else setEditing(cells.shownText(cellKey(students[active.row].id, lessons[active.col].id)));
        return;
      }
      case 'Backspace':
      case 'Delete':
        e.preventDefault();
        return clearSelection();
      case 'Escape':
        e.preventDefault();
        cells.discard(cellKey(students[active.row].id, lessons[active.col].id));
        setAnchor(null);
        return;
      case 'ContextMenu':
        e.preventDefault();
        return openMenuAtActive();
    }
    if (e.key === 'F10' && e.shiftKey) {
      e.preventDefault();
      openMenuAtActive();
    }
  };

  const openMenuAtActive = () => {
    const el = scroller.current?.querySelector(`[data-row="${active.row}"][data-col="${active.col}"]`);
    const r = el?.getBoundingClientRect();
    onCellMenu(active, { x: r ? r.left + r.width / 2 : 200, y: r ? r.bottom : 200 });
  };

  /** A block pasted from Excel lands from the active cell rightwards and down. */
  const onPaste = (e: React.ClipboardEvent<HTMLDivElement>) => {
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    setEditing(null);
    const block = parseTsv(text);
    const entries: Entry[] = [];
    const fractions: (Entry & { message: string })[] = [];
    let closed = 0;
    let outside = 0;
    block.forEach((line, dr) =>
      line.forEach((raw, dc) => {
        // Longer than any cell: the core refuses it cell by cell, from its first characters.
        const value = raw.slice(0, 41);
        const row = active.row + dr;
        const col = active.col + dc;
        if (row >= students.length || col >= lessons.length) {
          if (value) outside++;
          return;
        }
        const entry = entryAt(row, col, value);
        const fraction = pastedFractionReason(value);
        if (entry && fraction) fractions.push({ ...entry, message: fraction });
        else if (entry) entries.push(entry);
        else if (value) closed++;
      }),
    );
    cells.refuse(fractions);
    if (entries.length > 0) void cells.save(entries);
    const skipped = [
      closed > 0 ? `${closed} — в закрытые клетки или ученикам, которые не числятся в эти дни` : null,
      outside > 0 ? `${outside} — за краем страницы (ниже последнего ученика или правее последнего урока)` : null,
    ].filter(Boolean);
    if (skipped.length > 0) onRefused(`Вставлено клеток: ${entries.length + fractions.length}; не вставлено: ${skipped.join('; ')}.`);
  };

  const onCellMouse = (e: MouseEvent<HTMLDivElement>) => {
    const target = (e.target as HTMLElement).closest<HTMLElement>('[data-row]');
    if (!target) return;
    const pos = { row: Number(target.dataset.row), col: Number(target.dataset.col) };
    if (editing !== null) commit(editing);
    if (e.shiftKey && e.type === 'mousedown') {
      setAnchor((a) => a ?? active);
      setActive(pos);
    } else moveTo(pos);
    if (e.type === 'dblclick') {
      const reason = closedReason(pos.row, pos.col);
      if (reason) onRefused(reason);
      else setEditing(cells.shownText(cellKey(students[pos.row].id, lessons[pos.col].id)));
    }
  };

  const onContextMenu = (e: MouseEvent<HTMLDivElement>) => {
    const target = (e.target as HTMLElement).closest<HTMLElement>('[data-row]');
    if (!target) return;
    e.preventDefault();
    const pos = { row: Number(target.dataset.row), col: Number(target.dataset.col) };
    moveTo(pos);
    onCellMenu(pos, { x: e.clientX, y: e.clientY });
  };

  const viewOf = (row: number, col: number): CellView => {
    const student = students[row];
    const lesson = lessons[col];
    const key = cellKey(student.id, lesson.id);
    const server = cells.server.get(key);
    const pending = cells.pending.get(key);
    const isActive = active.row === row && active.col === col;
    const reason = closedReason(row, col);
    return {
      code: server?.attendance ? (server.attendance.code === 'absent' ? 'н' : 'оп') : null,
      marks: server?.marks.map((m) => ({ value: m.value, late: m.late, type: typeNames.get(m.workTypeId) ?? '' })) ?? [],
      typed: isActive && editing !== null ? editing : pending && pending.status !== 'saved' ? pending.text : null,
      status: isActive && editing !== null ? null : (pending?.status ?? null),
      message: pending?.message ?? null,
      // Hatched: the student is not on the roll that day, or the lesson did not take place.
      disabled: !onRoll(student, lesson.date) || lesson.status === 'cancelled',
      closedReason: reason,
      active: isActive,
      selected: row >= selection.top && row <= selection.bottom && col >= selection.left && col <= selection.right && !isActive,
      editing: isActive && editing !== null,
      today: lesson.date === today,
    };
  };

  const totalWidth = NAME_W + cellsWidth + RIGHT_W;

  return (
    <div
      ref={scroller}
      className={GRID_CLASS}
      tabIndex={0}
      role="grid"
      aria-label={`Страница журнала: ${page.title}`}
      aria-rowcount={students.length}
      aria-colcount={lessons.length}
      data-testid="journal-grid"
      onKeyDown={onKeyDown}
      onPaste={onPaste}
      onMouseDown={onCellMouse}
      onDoubleClick={onCellMouse}
      onContextMenu={onContextMenu}
    >
      <div className="jg-head" style={{ width: totalWidth }} role="row">
        <div className="jg-name">Обучающийся</div>
        <div className="jg-cells" style={{ width: cellsWidth }}>
          {runs
            .filter((r) => items.length > 0 && r.start <= items[items.length - 1].index && r.start + r.count > items[0].index)
            .map((r) => (
              <div key={r.month} className="jg-month" style={{ left: r.start * COL_W, width: r.count * COL_W }}>
                <span style={{ position: 'sticky', left: NAME_W + 6 }}>{monthName(`${r.month}-01`)}</span>
              </div>
            ))}
          {items.map((item) => {
            const l = lessons[item.index];
            const cls = ['jg-day'];
            if (l.date === today) cls.push('today');
            if (l.id === selectedLessonId) cls.push('current');
            if (l.substitute) cls.push('sub');
            if (l.status === 'cancelled') cls.push('cancelled');
            if (l.controlWork) cls.push('cw');
            const types = l.workTypeIds.map((id) => page.workTypes.find((w) => w.id === id)?.shortName).filter(Boolean);
            const title = [
              `${l.date.slice(8, 10)}.${l.date.slice(5, 7)}, ${l.lessonNo}-й урок`,
              l.topic ? `Тема: ${l.topic}` : 'Тема не записана',
              l.substitute ? `Замена: ${l.substitute}` : null,
              l.controlWork ? `Контрольная работа по графику: ${l.controlWork}` : null,
              l.date === today ? 'Сегодня' : null,
            ]
              .filter(Boolean)
              .join('\n');
            return (
              <div
                key={l.id}
                className={cls.join(' ')}
                style={{ left: item.start - NAME_W }}
                title={title}
                role="columnheader"
                data-lesson={l.id}
                onMouseDown={(e) => {
                  e.stopPropagation();
                  onSelectLesson(l.id);
                }}
              >
                <b>{l.date.slice(8, 10)}</b>
                <small>{weekdayOf(l.date)}</small>
                {l.controlWork ? (
                  <small className="cw">К/Р</small>
                ) : l.substitute ? (
                  <small className="sub">зам.</small>
                ) : types.length > 0 ? (
                  <small>{types[0]}</small>
                ) : null}
              </div>
            );
          })}
        </div>
        <div className="jg-right">
          {RIGHT_COLS.map((c) => (
            <Tooltip key={c.key} title={rightColumnHint(c.key, page)} placement="bottom-end" describeChild>
              <div className="jg-r hinted" role="columnheader">
                {c.title}
              </div>
            </Tooltip>
          ))}
        </div>
      </div>
      <div style={{ height: topGap, width: totalWidth }} />
      {rowItems.map(({ index: row }) => {
        const s = students[row];
        const summary = cells.summaries.get(s.id);
        // Too few marks for a period mark: flagged in the last two weeks of the period, when it starts to matter.
        const few = summary && page.marksAllowed && page.period.id !== 'year' && endingSoon ? summary.count < page.minimumMarks : false;
        const note =
          s.fromDate > page.period.startDate ? `с ${s.fromDate.slice(8, 10)}.${s.fromDate.slice(5, 7)}` : s.toDate && s.toDate < page.period.endDate ? `по ${s.toDate.slice(8, 10)}.${s.toDate.slice(5, 7)}` : null;
        const noteTitle = s.fromDate > page.period.startDate ? 'Прибыл(а) в класс' : 'Выбыл(а)';
        return (
          <div key={s.id} className="jg-row" style={{ width: totalWidth }} role="row" aria-rowindex={row + 2}>
            <div className="jg-name" role="rowheader">
              <span className="jg-num">{row + 1}</span>
              <span className="jg-who" title={s.name}>
                {s.name}
              </span>
              {note && (
                <span className="jg-note" title={`${noteTitle} ${note}`}>
                  {note}
                </span>
              )}
            </div>
            <div className="jg-cells" style={{ width: cellsWidth, height: ROW_H }}>
              {items.map((item) => (
                <GridCell key={item.key} view={viewOf(row, item.index)} left={item.start - NAME_W} row={row} col={item.index} />
              ))}
            </div>
            <div className="jg-right">
              <div className="jg-r">{summary?.average != null ? averageText(summary.average) : ''}</div>
              <div className="jg-r">{summary?.weighted != null ? averageText(summary.weighted) : ''}</div>
              <div className={few ? 'jg-r few' : 'jg-r'} title={few ? `Меньше ${page.minimumMarks} отметок, необходимых для итоговой` : undefined}>
                {page.marksAllowed ? (summary?.count ?? 0) : ''}
              </div>
              <div className="jg-r final" title={s.final?.late ? 'Выставлена позже срока' : undefined}>
                {s.final?.value ?? ''}
                {s.final?.late ? '⏱' : ''}
              </div>
            </div>
          </div>
        );
      })}
      <div style={{ height: bottomGap + 1, width: totalWidth }} />
    </div>
  );
}
