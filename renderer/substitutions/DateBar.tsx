import { useState, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ChevronLeft from '@mui/icons-material/ChevronLeft';
import ChevronRight from '@mui/icons-material/ChevronRight';
import { DateField } from '../components/DateField';
import { isIsoDate } from '../i18n/ru-date';
import { nextSchoolDay, weekdayName } from './util';

/**
 * A school date with arrows to the previous and next school day. The day
 * changes once the text typed is a date; a text left that is no date goes
 * back to the day shown, so the field never names a day other than the one
 * whose lessons are on the screen.
 */
export function DateBar({ date, onChange, children }: { date: string; onChange: (date: string) => void; children?: ReactNode }) {
  const [draft, setDraft] = useState(date);
  const [shown, setShown] = useState(date);
  if (date !== shown) {
    setShown(date);
    setDraft(date);
  }
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 2, flexWrap: 'wrap' }}>
      <Tooltip title="Предыдущий учебный день">
        <IconButton onClick={() => onChange(nextSchoolDay(date, -1))} aria-label="Предыдущий день">
          <ChevronLeft />
        </IconButton>
      </Tooltip>
      <DateField
        label="Дата"
        value={draft}
        onChange={(v) => {
          setDraft(v);
          if (isIsoDate(v)) onChange(v);
        }}
        onBlur={() => {
          if (!isIsoDate(draft)) setDraft(date);
        }}
        sx={{ width: 150, mb: 0 }}
        testId="day-date"
      />
      <Tooltip title="Следующий учебный день">
        <IconButton onClick={() => onChange(nextSchoolDay(date, 1))} aria-label="Следующий день">
          <ChevronRight />
        </IconButton>
      </Tooltip>
      <Typography variant="body1" sx={{ fontWeight: 600, mr: 2 }}>
        {weekdayName(date)}
      </Typography>
      <Box sx={{ flex: 1 }} />
      {children}
    </Box>
  );
}
