import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ChevronLeftOutlined from '@mui/icons-material/ChevronLeftOutlined';
import ChevronRightOutlined from '@mui/icons-material/ChevronRightOutlined';
import { api } from '../api/client';
import { formatDate } from '../i18n/format';
import { useActor } from '../app/session';

/**
 * The classes a user may see the week of: the class teacher's own, or (the
 * administration) every class. A subject teacher has none: the pages they
 * teach do not open a class's week to them, and the screen says so calmly.
 */
export function useClassChoices() {
  const roles = useActor().roles;
  const administration = roles.some((r) => r === 'director' || r === 'deputy' || r === 'admin');
  const query = useQuery({ queryKey: ['journal.listPages'], queryFn: () => api.journal.listPages() });
  const classes = useMemo(() => {
    if (!query.data) return [];
    if (query.data.ledClasses.length > 0) return query.data.ledClasses;
    if (!administration) return [];
    const seen = new Map<string, string>();
    for (const p of query.data.pages) if (!seen.has(p.classId)) seen.set(p.classId, p.className);
    return [...seen.entries()].map(([id, name]) => ({ id, name }));
  }, [query.data, administration]);
  return { query, classes, today: query.data?.today ?? null };
}

export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() - day + 1);
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A class and a week, with «previous» and «next» week buttons. */
export function ClassWeekBar({
  classes,
  classId,
  monday,
  onChange,
  children,
}: {
  classes: { id: string; name: string }[];
  classId: string;
  monday: string;
  onChange(next: { classId: string; monday: string }): void;
  children?: React.ReactNode;
}) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 2, flexWrap: 'wrap' }}>
      <TextField select label="Класс" value={classId} onChange={(e) => onChange({ classId: e.target.value, monday })} sx={{ width: 120 }}>
        {classes.map((c) => (
          <MenuItem key={c.id} value={c.id}>
            {c.name}
          </MenuItem>
        ))}
      </TextField>
      <Tooltip title="Предыдущая неделя">
        <IconButton aria-label="Предыдущая неделя" onClick={() => onChange({ classId, monday: addDays(monday, -7) })}>
          <ChevronLeftOutlined />
        </IconButton>
      </Tooltip>
      <Typography sx={{ fontWeight: 600, minWidth: 190, textAlign: 'center' }} data-testid="week-range">
        {formatDate(monday)} — {formatDate(addDays(monday, 5))}
      </Typography>
      <Tooltip title="Следующая неделя">
        <IconButton aria-label="Следующая неделя" onClick={() => onChange({ classId, monday: addDays(monday, 7) })}>
          <ChevronRightOutlined />
        </IconButton>
      </Tooltip>
      {children}
    </Box>
  );
}
