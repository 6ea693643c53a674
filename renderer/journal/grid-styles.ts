import type { Theme } from '@mui/material/styles';
import { alpha } from '@mui/material/styles';
import { COL_W, DAY_H, HEADER_H, MONTH_H, NAME_W, RIGHT_COL_W, RIGHT_W, ROW_H } from './grid-layout';

/** One style sheet for the whole grid: the cells are plain elements with class names. */
export function gridStyles(theme: Theme) {
  const line = theme.palette.divider;
  const paper = theme.palette.background.paper;
  const head = theme.palette.mode === 'light' ? '#eef2f7' : '#22272e';
  const today = alpha(theme.palette.primary.main, 0.08);
  return {
    position: 'relative' as const,
    overflow: 'auto',
    outline: 'none',
    border: `1px solid ${line}`,
    borderRadius: 1,
    bgcolor: 'background.paper',
    fontSize: 13,
    userSelect: 'none' as const,
    '&:focus-visible': { boxShadow: `0 0 0 2px ${alpha(theme.palette.primary.main, 0.35)}` },
    '& .jg-head': { position: 'sticky', top: 0, zIndex: 3, height: HEADER_H, display: 'flex', bgcolor: head },
    '& .jg-row': { display: 'flex', height: ROW_H },
    '& .jg-name': {
      position: 'sticky', left: 0, zIndex: 2, width: NAME_W, flex: `0 0 ${NAME_W}px`, bgcolor: paper,
      borderRight: `1px solid ${line}`, borderBottom: `1px solid ${line}`, display: 'flex', alignItems: 'center',
      gap: 0.75, px: 1, overflow: 'hidden', whiteSpace: 'nowrap',
    },
    '& .jg-head .jg-name': { bgcolor: head, alignItems: 'flex-end', pb: 0.5, fontWeight: 600, color: 'text.secondary', fontSize: 12 },
    '& .jg-num': { color: 'text.secondary', width: 20, textAlign: 'right', flex: '0 0 20px', fontSize: 12 },
    '& .jg-who': { overflow: 'hidden', textOverflow: 'ellipsis' },
    '& .jg-note': { ml: 'auto', fontSize: 11, color: 'text.secondary' },
    '& .jg-cells': { position: 'relative', flex: '0 0 auto' },
    '& .jg-right': {
      position: 'sticky', right: 0, zIndex: 2, display: 'flex', flex: `0 0 ${RIGHT_W}px`, bgcolor: paper,
      borderLeft: `2px solid ${line}`,
    },
    '& .jg-head .jg-right': { bgcolor: head },
    '& .jg-r': {
      width: RIGHT_COL_W, borderRight: `1px solid ${line}`, borderBottom: `1px solid ${line}`, display: 'flex',
      alignItems: 'center', justifyContent: 'center', fontVariantNumeric: 'tabular-nums',
    },
    '& .jg-head .jg-r': { fontWeight: 600, color: 'text.secondary', fontSize: 12, alignItems: 'flex-end', pb: 0.5 },
    '& .jg-r.few': { color: theme.palette.warning.dark, fontWeight: 600 },
    '& .jg-r.final': { fontWeight: 700 },
    '& .jg-month': {
      position: 'absolute', top: 0, height: MONTH_H, borderRight: `1px solid ${line}`, borderBottom: `1px solid ${line}`,
      fontSize: 12, fontWeight: 600, px: 0.75, display: 'flex', alignItems: 'center', whiteSpace: 'nowrap',
    },
    '& .jg-day': {
      position: 'absolute', top: MONTH_H, height: DAY_H, width: COL_W, borderRight: `1px solid ${line}`,
      borderBottom: `1px solid ${line}`, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center',
      cursor: 'pointer', lineHeight: 1.1,
      '& b': { fontSize: 13 },
      '& small': { fontSize: 10, color: theme.palette.text.secondary },
      '&:hover': { bgcolor: alpha(theme.palette.primary.main, 0.08) },
    },
    '& .jg-day.today': { bgcolor: alpha(theme.palette.primary.main, 0.18), boxShadow: `inset 0 3px 0 ${theme.palette.primary.main}` },
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
    '& .jc.today': { bgcolor: today },
    '& .jc.off': {
      cursor: 'default',
      backgroundImage: `repeating-linear-gradient(135deg, transparent 0 5px, ${alpha(theme.palette.text.primary, 0.05)} 5px 6px)`,
    },
    '& .jc.selected': { bgcolor: alpha(theme.palette.primary.main, 0.14) },
    '& .jc.active': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: -2, zIndex: 1 },
    '& .jc.editing': { bgcolor: paper, outline: `2px solid ${theme.palette.primary.dark}` },
    '& .jc .code': { color: theme.palette.info.dark, fontWeight: 600 },
    '& .jc .mark.bad': { color: theme.palette.error.main, fontWeight: 800 },
    '& .jc .sep': { color: theme.palette.text.disabled, mx: '1px' },
    '& .jc .late': { position: 'absolute', top: 1, right: 1, fontSize: 10, color: theme.palette.warning.dark },
    '& .jc .typed': { overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: '100%', px: '2px' },
    '& .jc.saving .typed': { color: theme.palette.text.secondary, fontStyle: 'italic' },
    '& .jc.saving::after': {
      content: '""', position: 'absolute', bottom: 2, right: 2, width: 5, height: 5, borderRadius: '50%',
      bgcolor: theme.palette.text.secondary, animation: 'jgPulse 0.8s ease-in-out infinite alternate',
    },
    '& .jc.saved::after': { content: '"✓"', position: 'absolute', bottom: 0, right: 2, fontSize: 10, color: theme.palette.success.main },
    '& .jc.failed': { bgcolor: alpha(theme.palette.error.main, 0.12), boxShadow: `inset 0 0 0 2px ${theme.palette.error.main}` },
    '& .jc.failed .typed': { color: theme.palette.error.dark, fontWeight: 700 },
    '& .jc .flag': {
      position: 'absolute', top: 0, right: 2, fontSize: 10, fontWeight: 800, color: theme.palette.error.main,
    },
    '& .jc .caret': { width: '1px', height: 16, bgcolor: 'text.primary', ml: '1px', animation: 'jgBlink 1s step-end infinite' },
    '@keyframes jgPulse': { from: { opacity: 0.2 }, to: { opacity: 1 } },
    '@keyframes jgBlink': { '50%': { opacity: 0 } },
  };
}
