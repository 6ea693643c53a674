import type { CSSObject } from '@emotion/react';
import type { Theme } from '@mui/material/styles';
import { alpha } from '@mui/material/styles';
import { COL_W, DAY_H, HEADER_H, MONTH_H, NAME_W, RIGHT_COL_W, RIGHT_W, ROW_H } from './grid-layout';

/** The class name of the journal grid's scroller; its style sheet is global (see JournalGridStyles). */
export const GRID_CLASS = 'kz-journal-grid';

/**
 * One style sheet for the whole grid: the cells are plain elements with class
 * names. Plain CSS (no `sx` shorthands), since it is a global sheet: it is
 * written into the page once, when the application starts, rather than at
 * every opening of a journal page, which it would slow down.
 */
export function gridStyles(theme: Theme): CSSObject {
  const line = theme.palette.divider;
  const paper = theme.palette.background.paper;
  const head = theme.palette.mode === 'light' ? '#eef2f7' : '#22272e';
  const today = alpha(theme.palette.primary.main, 0.08);
  return {
    position: 'relative',
    height: '100%',
    overflow: 'auto',
    outline: 'none',
    border: `1px solid ${line}`,
    borderRadius: theme.shape.borderRadius,
    backgroundColor: paper,
    fontSize: 13,
    userSelect: 'none',
    '&:focus-visible': { boxShadow: `0 0 0 2px ${alpha(theme.palette.primary.main, 0.35)}` },
    '& .jg-head': { position: 'sticky', top: 0, zIndex: 3, height: HEADER_H, display: 'flex', backgroundColor: head },
    '& .jg-row': { display: 'flex', height: ROW_H },
    '& .jg-name': {
      position: 'sticky', left: 0, zIndex: 2, width: NAME_W, flex: `0 0 ${NAME_W}px`, backgroundColor: paper,
      borderRight: `1px solid ${line}`, borderBottom: `1px solid ${line}`, display: 'flex', alignItems: 'center',
      gap: theme.spacing(0.75), padding: `0 ${theme.spacing(1)}`, overflow: 'hidden', whiteSpace: 'nowrap',
    },
    '& .jg-head .jg-name': { backgroundColor: head, alignItems: 'flex-end', paddingBottom: theme.spacing(0.5), fontWeight: 600, color: theme.palette.text.secondary, fontSize: 12 },
    '& .jg-num': { color: theme.palette.text.secondary, width: 20, textAlign: 'right', flex: '0 0 20px', fontSize: 12 },
    '& .jg-who': { overflow: 'hidden', textOverflow: 'ellipsis' },
    '& .jg-note': { marginLeft: 'auto', fontSize: 11, color: theme.palette.text.secondary },
    '& .jg-cells': { position: 'relative', flex: '0 0 auto' },
    '& .jg-right': {
      position: 'sticky', right: 0, zIndex: 2, display: 'flex', flex: `0 0 ${RIGHT_W}px`, backgroundColor: paper,
      borderLeft: `2px solid ${line}`,
    },
    '& .jg-head .jg-right': { backgroundColor: head },
    '& .jg-r': {
      width: RIGHT_COL_W, borderRight: `1px solid ${line}`, borderBottom: `1px solid ${line}`, display: 'flex',
      alignItems: 'center', justifyContent: 'center', fontVariantNumeric: 'tabular-nums',
    },
    '& .jg-head .jg-r': { fontWeight: 600, color: theme.palette.text.secondary, fontSize: 12, alignItems: 'flex-end', paddingBottom: theme.spacing(0.5) },
    // A short header with its meaning on hover: underlined as an abbreviation is.
    '& .jg-head .jg-r.hinted': { textDecoration: 'underline dotted', textUnderlineOffset: 3, cursor: 'help' },
    '& .jg-r.few': { color: theme.palette.warning.dark, fontWeight: 600 },
    '& .jg-r.final': { fontWeight: 700 },
    '& .jg-month': {
      position: 'absolute', top: 0, height: MONTH_H, borderRight: `1px solid ${line}`, borderBottom: `1px solid ${line}`,
      fontSize: 12, fontWeight: 600, padding: `0 ${theme.spacing(0.75)}`, display: 'flex', alignItems: 'center', whiteSpace: 'nowrap',
    },
    '& .jg-day': {
      position: 'absolute', top: MONTH_H, height: DAY_H, width: COL_W, borderRight: `1px solid ${line}`,
      borderBottom: `1px solid ${line}`, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center',
      cursor: 'pointer', lineHeight: 1.1,
      '& b': { fontSize: 13 },
      '& small': { fontSize: 10, color: theme.palette.text.secondary },
      '&:hover': { backgroundColor: alpha(theme.palette.primary.main, 0.08) },
    },
    '& .jg-day.today': { backgroundColor: alpha(theme.palette.primary.main, 0.18), boxShadow: `inset 0 3px 0 ${theme.palette.primary.main}` },
    '& .jg-day.current': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: -2 },
    '& .jg-day.sub small.sub': { color: theme.palette.secondary.main, fontWeight: 700 },
    // A control work of the school's schedule (график контрольных работ): the teacher plans the lesson around it.
    '& .jg-day.cw small.cw': { color: theme.palette.error.main, fontWeight: 700 },
    '& .jg-day.cancelled': { textDecoration: 'line-through', color: theme.palette.text.disabled },
    '& .jc': {
      position: 'absolute', top: 0, width: COL_W, height: ROW_H, borderRight: `1px solid ${line}`, borderBottom: `1px solid ${line}`,
      display: 'flex', alignItems: 'center', justifyContent: 'center', whiteSpace: 'nowrap', overflow: 'hidden', cursor: 'cell',
      fontVariantNumeric: 'tabular-nums',
      // A cell's size never depends on its content: each is laid out and painted on its own.
      contain: 'strict',
    },
    '& .jc.today': { backgroundColor: today },
    '& .jc.off': {
      cursor: 'default',
      backgroundImage: `repeating-linear-gradient(135deg, transparent 0 5px, ${alpha(theme.palette.text.primary, 0.05)} 5px 6px)`,
    },
    '& .jc.selected': { backgroundColor: alpha(theme.palette.primary.main, 0.14) },
    '& .jc.active': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: -2, zIndex: 1 },
    '& .jc.editing': { backgroundColor: paper, outline: `2px solid ${theme.palette.primary.dark}` },
    '& .jc .code': { color: theme.palette.info.dark, fontWeight: 600 },
    '& .jc .mark.bad': { color: theme.palette.error.main, fontWeight: 800 },
    '& .jc .sep': { color: theme.palette.text.disabled, margin: '0 1px' },
    // A corner flag, as a spreadsheet marks a noted cell: drawn by CSS, since an icon in each of hundreds of cells slows the first paint.
    '& .jc .late': {
      position: 'absolute', top: 0, right: 0, width: 0, height: 0,
      borderTop: `7px solid ${theme.palette.warning.main}`, borderLeft: '7px solid transparent',
    },
    '& .jc .typed': { overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: '100%', padding: '0 2px' },
    '& .jc.saving .typed': { color: theme.palette.text.secondary, fontStyle: 'italic' },
    '& .jc.saving::after': {
      content: '""', position: 'absolute', bottom: 2, right: 2, width: 5, height: 5, borderRadius: '50%',
      backgroundColor: theme.palette.text.secondary, animation: 'jgPulse 0.8s ease-in-out infinite alternate',
    },
    '& .jc.saved::after': { content: '"✓"', position: 'absolute', bottom: 0, right: 2, fontSize: 10, color: theme.palette.success.main },
    '& .jc.failed': { backgroundColor: alpha(theme.palette.error.main, 0.12), boxShadow: `inset 0 0 0 2px ${theme.palette.error.main}` },
    '& .jc.failed .typed': { color: theme.palette.error.dark, fontWeight: 700 },
    '& .jc .flag': {
      position: 'absolute', top: 0, right: 2, fontSize: 10, fontWeight: 800, color: theme.palette.error.main,
    },
    '& .jc .caret': { width: '1px', height: 16, backgroundColor: theme.palette.text.primary, marginLeft: '1px', animation: 'jgBlink 1s step-end infinite' },
    '@keyframes jgPulse': { from: { opacity: 0.2 }, to: { opacity: 1 } },
    '@keyframes jgBlink': { '50%': { opacity: 0 } },
  };
}
