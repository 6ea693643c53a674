import { memo } from 'react';
import type { SaveStatus } from './cell-model';
import { isBad } from './cell-model';

export interface CellView {
  /** Marks as written, and the attendance code in front («н», «оп»). */
  code: string | null;
  marks: { value: string; late: boolean; type: string }[];
  /** The text being typed or waiting for the core (replaces code and marks). */
  typed: string | null;
  status: SaveStatus | null;
  message: string | null;
  disabled: boolean;
  /** Why the cell is closed, for its tooltip. */
  closedReason: string | null;
  active: boolean;
  selected: boolean;
  editing: boolean;
  today: boolean;
}

const STATUS_TITLE: Record<SaveStatus, string> = {
  saving: 'Сохраняется…',
  saved: 'Сохранено',
  failed: 'Не сохранено',
};

function Marks({ view }: { view: CellView }) {
  if (view.typed !== null) {
    return <span className="typed">{view.typed}</span>;
  }
  const parts: React.ReactNode[] = [];
  if (view.code) parts.push(<span key="c" className="code">{view.code}</span>);
  view.marks.forEach((m, i) => {
    if (parts.length > 0) parts.push(<span key={`s${i}`} className="sep">/</span>);
    parts.push(
      <span key={`m${i}`} className={isBad(m.value) ? 'mark bad' : 'mark'}>
        {m.value}
      </span>,
    );
  });
  return <>{parts}</>;
}

function sameView(a: CellView, b: CellView): boolean {
  if (a.marks.length !== b.marks.length) return false;
  for (let i = 0; i < a.marks.length; i++) {
    const x = a.marks[i];
    const y = b.marks[i];
    if (x.value !== y.value || x.late !== y.late || x.type !== y.type) return false;
  }
  return (
    a.code === b.code &&
    a.typed === b.typed &&
    a.status === b.status &&
    a.message === b.message &&
    a.disabled === b.disabled &&
    a.closedReason === b.closedReason &&
    a.active === b.active &&
    a.selected === b.selected &&
    a.editing === b.editing &&
    a.today === b.today
  );
}

/**
 * One cell of the journal grid; plain elements and class names, and redrawn
 * only when what it shows changes, so that a whole year scrolls smoothly.
 */
export const GridCell = memo(function GridCell({ view, left, row, col }: { view: CellView; left: number; row: number; col: number }) {
  const late = view.typed === null && view.marks.some((m) => m.late);
  const classes = ['jc'];
  if (view.active) classes.push('active');
  if (view.selected) classes.push('selected');
  if (view.disabled) classes.push('off');
  if (view.today) classes.push('today');
  if (view.status) classes.push(view.status);
  if (view.editing) classes.push('editing');
  const title = [
    view.typed === null && view.marks.length > 0 ? view.marks.map((m) => `${m.value} — ${m.type}`).join('\n') : null,
    view.status === 'failed' ? `${STATUS_TITLE.failed}: ${view.message ?? ''}` : view.status ? STATUS_TITLE[view.status] : null,
    late ? 'Отметка выставлена позже срока' : null,
    view.disabled ? view.closedReason : null,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <div
      className={classes.join(' ')}
      style={{ left }}
      role="gridcell"
      aria-selected={view.active}
      aria-invalid={view.status === 'failed' || undefined}
      data-row={row}
      data-col={col}
      data-status={view.status ?? undefined}
      title={title || undefined}
    >
      <Marks view={view} />
      {view.editing && <span className="caret" />}
      {late && <span className="late" role="img" aria-label="Отметка выставлена позже срока" />}
      {view.status === 'failed' && <span className="flag" aria-hidden>!</span>}
    </div>
  );
},
(a, b) => a.left === b.left && a.row === b.row && a.col === b.col && sameView(a.view, b.view));
