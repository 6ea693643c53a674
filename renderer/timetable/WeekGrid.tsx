import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { alpha, useTheme, type Theme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlineOutlined';
import BlockOutlined from '@mui/icons-material/BlockOutlined';
import { DAY_NAMES, DAY_SHORT, slotKey, type SlotStatus } from './model';

export interface Slot {
  weekday: number;
  lessonNo: number;
}

/**
 * The week as a grid: days across, lesson numbers down, like the paper
 * timetable on the staff-room wall. It behaves like a spreadsheet: arrows,
 * Home/End, PageUp/PageDown move the focus; Enter acts on the focused slot.
 * While a lesson is being placed, every slot says whether it is free and,
 * if not, why — in words, not only in colour.
 */
export function WeekGrid({
  label,
  days,
  lessons,
  rowHeader,
  cell,
  statuses,
  focus,
  onFocus,
  onActivate,
  onExtraKey,
  onDropAt,
}: {
  label: string;
  days: number;
  lessons: number[];
  rowHeader: (lessonNo: number) => ReactNode;
  cell: (slot: Slot) => ReactNode;
  statuses: Map<string, SlotStatus> | null;
  focus: Slot;
  onFocus: (slot: Slot) => void;
  onActivate: (slot: Slot) => void;
  onExtraKey?: (e: KeyboardEvent, slot: Slot) => void;
  onDropAt?: (slot: Slot) => void;
}) {
  const theme = useTheme();
  const refs = useRef(new Map<string, HTMLDivElement>());
  const focusKey = slotKey(focus.weekday, focus.lessonNo);

  const move = (slot: Slot, dx: number, dy: number): Slot => {
    const weekday = Math.min(days, Math.max(1, slot.weekday + dx));
    const i = lessons.indexOf(slot.lessonNo) + dy;
    const lessonNo = lessons[Math.min(lessons.length - 1, Math.max(0, i))];
    return { weekday, lessonNo };
  };

  const onKeyDown = (e: KeyboardEvent, slot: Slot) => {
    let next: Slot | null = null;
    switch (e.key) {
      case 'ArrowLeft':
        next = move(slot, -1, 0);
        break;
      case 'ArrowRight':
        next = move(slot, 1, 0);
        break;
      case 'ArrowUp':
        next = move(slot, 0, -1);
        break;
      case 'ArrowDown':
        next = move(slot, 0, 1);
        break;
      case 'Home':
        next = { weekday: 1, lessonNo: slot.lessonNo };
        break;
      case 'End':
        next = { weekday: days, lessonNo: slot.lessonNo };
        break;
      case 'PageUp':
        next = { weekday: slot.weekday, lessonNo: lessons[0] };
        break;
      case 'PageDown':
        next = { weekday: slot.weekday, lessonNo: lessons[lessons.length - 1] };
        break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        onActivate(slot);
        return;
      default:
        onExtraKey?.(e, slot);
        return;
    }
    e.preventDefault();
    onFocus(next);
    refs.current.get(slotKey(next.weekday, next.lessonNo))?.focus();
  };

  const dayList = Array.from({ length: days }, (_, i) => i + 1);
  const wide = useMediaQuery((t: Theme) => t.breakpoints.up('lg'));
  return (
    <Box
      role="grid"
      aria-label={label}
      sx={{
        display: 'grid',
        gridTemplateColumns: `88px repeat(${days}, minmax(0, 1fr))`,
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        overflow: 'hidden',
        bgcolor: 'background.paper',
      }}
    >
      <Box role="row" sx={{ display: 'contents' }}>
        <Box role="columnheader" sx={headSx} />
        {dayList.map((d) => (
          <Box key={d} role="columnheader" aria-label={DAY_NAMES[d]} sx={headSx}>
            {/* The day's name once: in full where the columns are wide enough, «Пн» where they are not. */}
            <Typography variant="subtitle2" component="span">
              {wide ? DAY_NAMES[d] : DAY_SHORT[d]}
            </Typography>
          </Box>
        ))}
      </Box>
      {lessons.map((n) => (
        <Box key={n} role="row" sx={{ display: 'contents' }}>
          <Box role="rowheader" sx={{ ...cellBase, bgcolor: 'action.hover', px: 1, py: 0.5, justifyContent: 'center' }}>
            {rowHeader(n)}
          </Box>
          {dayList.map((d) => {
            const key = slotKey(d, n);
            const st = statuses?.get(key);
            const focused = key === focusKey;
            const tint = st ? (st.free ? theme.palette.success.main : theme.palette.error.main) : null;
            return (
              <Box
                key={key}
                role="gridcell"
                data-slot={key}
                tabIndex={focused ? 0 : -1}
                ref={(el: HTMLDivElement | null) => {
                  if (el) refs.current.set(key, el);
                  else refs.current.delete(key);
                }}
                aria-label={`${DAY_NAMES[d]}, ${n} урок${st ? (st.free ? ': свободно' : `: занято — ${st.reasons.map((r) => r.message).join(' ')}`) : ''}`}
                onFocus={() => onFocus({ weekday: d, lessonNo: n })}
                onKeyDown={(e) => onKeyDown(e, { weekday: d, lessonNo: n })}
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest('[data-lesson]')) return;
                  onFocus({ weekday: d, lessonNo: n });
                  onActivate({ weekday: d, lessonNo: n });
                }}
                onDragOver={(e) => {
                  if (onDropAt) e.preventDefault();
                }}
                onDrop={(e) => {
                  e.preventDefault();
                  onDropAt?.({ weekday: d, lessonNo: n });
                }}
                sx={{
                  ...cellBase,
                  p: 0.5,
                  gap: 0.5,
                  cursor: st ? 'pointer' : 'default',
                  bgcolor: tint ? alpha(tint, 0.09) : undefined,
                  outline: focused ? `2px solid ${theme.palette.primary.main}` : 'none',
                  outlineOffset: -2,
                  '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
                }}
              >
                {cell({ weekday: d, lessonNo: n })}
                {st && <SlotVerdict status={st} />}
              </Box>
            );
          })}
        </Box>
      ))}
    </Box>
  );
}

function SlotVerdict({ status }: { status: SlotStatus }) {
  if (status.free) {
    return (
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, color: 'success.main', mt: 'auto' }}>
        <CheckCircleOutline sx={{ fontSize: 14 }} />
        <Typography variant="caption" sx={{ fontWeight: 600 }}>
          Свободно
        </Typography>
      </Box>
    );
  }
  const first = status.reasons[0];
  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.5, color: 'error.main', mt: 'auto' }} title={status.reasons.map((r) => r.message).join('\n')}>
      <BlockOutlined sx={{ fontSize: 14, mt: '2px', flexShrink: 0 }} />
      <Typography
        variant="caption"
        sx={{ lineHeight: 1.25, display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}
      >
        {first ? shortReason(first.kind, first.message) : 'Занято'}
        {status.reasons.length > 1 ? ` (+${status.reasons.length - 1})` : ''}
      </Typography>
    </Box>
  );
}

/** The reason in a few words for a small cell; the full sentence is in the tooltip and the cell's label. */
function shortReason(kind: string, message: string): string {
  switch (kind) {
    case 'teacher':
      return `Учитель занят: ${message.replace(/^.*ведёт урок: /, '').replace(/\.$/, '')}`;
    case 'room':
      return `Кабинет занят: ${message.replace(/^Кабинет .*? занят: /, '').replace(/\.$/, '')}`;
    case 'class':
      return `Класс занят: ${message.replace(/^У .*? в это время урок( группы)?: /, '').replace(/\.$/, '')}`;
    default:
      return message.replace(/^Учитель .*? в это время не работает/, 'Учитель не работает').replace(/\.$/, '');
  }
}

const cellBase = {
  minHeight: 66,
  borderTop: 1,
  borderLeft: 1,
  borderColor: 'divider',
  display: 'flex',
  flexDirection: 'column',
  minWidth: 0,
} as const;

const headSx = { ...cellBase, minHeight: 0, borderTop: 0, px: 1, py: 0.75, bgcolor: 'action.hover', flexDirection: 'row', alignItems: 'baseline' } as const;
