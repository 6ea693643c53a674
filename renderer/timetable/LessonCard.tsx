import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { alpha, useTheme } from '@mui/material/styles';
import WarningAmberRounded from '@mui/icons-material/WarningAmberRounded';
import { PARITY_SHORT, type Entry, type Names, type ViewKind } from './model';

/**
 * One lesson in a grid cell: what the view needs — the subject with the
 * teacher and room in a class's week, the class in a teacher's or a room's.
 * A lesson in conflict is marked by colour and by an icon with the reasons;
 * a lesson of the other shift in a teacher's or room's week says its time.
 */
export function LessonCard({
  entry,
  view,
  names,
  conflicts,
  shiftNote = null,
  moving,
  draggable,
  onPick,
  onDragStart,
  onDragEnd,
}: {
  entry: Entry;
  view: ViewKind;
  names: Names;
  conflicts: string[];
  /** «2 смена, 13:20–14:00»: in a teacher's or room's week, a lesson of the other shift (another time than the row's). */
  shiftNote?: string | null;
  moving: boolean;
  draggable: boolean;
  onPick?: () => void;
  onDragStart?: () => void;
  onDragEnd?: () => void;
}) {
  const theme = useTheme();
  const group = names.group(entry.groupId);
  const title = view === 'class' ? names.subjectShort(entry.subjectId) : names.cls(entry.classId);
  // In a class's week the room stands on the subject's line, so that a long teacher's name never hides it.
  const room = view === 'class' ? names.room(entry.roomId) : '';
  const lines =
    view === 'class'
      ? [group, names.teacher(entry.staffId)]
      : view === 'teacher'
        ? [[names.subjectShort(entry.subjectId), group].filter(Boolean).join(', '), names.room(entry.roomId) ? `каб. ${names.room(entry.roomId)}` : '']
        : [[names.subjectShort(entry.subjectId), group].filter(Boolean).join(', '), names.teacher(entry.staffId)];
  if (shiftNote) lines.push(shiftNote);
  const bad = conflicts.length > 0;
  const label = [
    names.subject(entry.subjectId),
    names.cls(entry.classId),
    group,
    names.teacher(entry.staffId),
    names.room(entry.roomId) ? `кабинет ${names.room(entry.roomId)}` : '',
    entry.weekParity ? `неделя ${PARITY_SHORT[entry.weekParity]}` : '',
    shiftNote ?? '',
    bad ? `конфликт: ${conflicts.join(' ')}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const card = (
    <Box
      data-lesson={entry.id}
      role="button"
      tabIndex={-1}
      aria-label={label}
      aria-pressed={moving}
      draggable={draggable}
      onClick={(e) => {
        e.stopPropagation();
        onPick?.();
      }}
      onDragStart={(e) => {
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', entry.id);
        // After the event: Chromium ends a drag at once (dragend right after dragstart) when the page
        // changes around its source during dragstart, and picking the lesson up redraws the week.
        if (onDragStart) setTimeout(onDragStart, 0);
      }}
      onDragEnd={onDragEnd}
      sx={{
        position: 'relative',
        px: 0.75,
        py: 0.25,
        borderRadius: 1,
        border: 1,
        borderColor: bad ? 'error.main' : moving ? 'primary.main' : alpha(theme.palette.primary.main, 0.35),
        borderLeftWidth: 4,
        bgcolor: bad ? alpha(theme.palette.error.main, 0.1) : moving ? alpha(theme.palette.primary.main, 0.16) : alpha(theme.palette.primary.main, 0.06),
        cursor: draggable ? 'grab' : 'default',
        opacity: moving ? 0.7 : 1,
        minWidth: 0,
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 600, lineHeight: 1.3 }} noWrap>
          {title}
        </Typography>
        {entry.weekParity > 0 && (
          <Box component="span" sx={{ fontSize: 11, fontWeight: 700, px: 0.5, borderRadius: 0.5, bgcolor: 'secondary.main', color: 'secondary.contrastText', lineHeight: 1.4 }}>
            {PARITY_SHORT[entry.weekParity]}
          </Box>
        )}
        {room && (
          <Typography variant="caption" color="text.secondary" component="span" sx={{ ml: 'auto', flexShrink: 0, lineHeight: 1.3 }}>
            {room}
          </Typography>
        )}
        {bad && <WarningAmberRounded sx={{ fontSize: 16, color: 'error.main', ml: room ? 0 : 'auto', flexShrink: 0 }} />}
      </Box>
      {lines
        .filter(Boolean)
        .map((l) => (
          <Typography key={l} variant="caption" color="text.secondary" component="div" noWrap sx={{ lineHeight: 1.3 }}>
            {l}
          </Typography>
        ))}
    </Box>
  );
  return bad ? (
    <Tooltip title={conflicts.join(' ')} placement="top">
      {card}
    </Tooltip>
  ) : (
    card
  );
}
