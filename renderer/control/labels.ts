import type { ResultOf } from '../../main/core/api/types';

export type CheckResult = ResultOf<'control.run'>;
export type PageFinding = CheckResult['pages'][number];
export type Remark = ResultOf<'control.remarks'>[number];

export const STATUS_RU: Record<Remark['status'], string> = {
  open: 'не устранено',
  fixed: 'устранено учителем',
  confirmed: 'устранение подтверждено',
};

const TAKE_NOTE_RU: Record<Remark['status'], string> = {
  open: 'учитель не ознакомлен',
  fixed: 'учитель ознакомлен',
  confirmed: 'закрыто',
};

/** The state of a remark in words; a remark about lateness is taken note of, not fixed. */
export function statusText(r: Pick<Remark, 'status' | 'takeNoteOnly'>): string {
  return (r.takeNoteOnly ? TAKE_NOTE_RU : STATUS_RU)[r.status];
}

export const STATUS_COLOR: Record<Remark['status'], 'warning' | 'info' | 'success'> = {
  open: 'warning',
  fixed: 'info',
  confirmed: 'success',
};

/** 87.5 → «87,5 %»; null → «—». */
export function pct(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1).replace('.', ',')} %`;
}

/** A select whose empty value means «all»: show that choice, with the label above it. */
export const ALL_SHOWN = { select: { displayEmpty: true }, inputLabel: { shrink: true } } as const;
