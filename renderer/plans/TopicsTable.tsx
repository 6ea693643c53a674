import { memo } from 'react';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import ArrowDownward from '@mui/icons-material/ArrowDownward';
import DeleteOutlineOutlined from '@mui/icons-material/DeleteOutlineOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import { formatDate, formatShortDate } from '../i18n/format';
import { DateField } from '../components/DateField';

export interface Row {
  key: string;
  id: string | null;
  title: string;
  hours: string;
  workTypeId: string;
  plannedDate: string;
  lessonDates: string[];
}

/**
 * One topic of the plan: text while read (a plan has a hundred and seventy
 * of them, so only the row being edited has fields), fields while edited.
 * Enter or a click on the row starts editing it; Escape or Enter in a field ends it.
 */
export const TopicRow = memo(function TopicRow({
  row,
  index,
  count,
  editing,
  editable,
  errors,
  workTypes,
  onEdit,
  onStop,
  onChange,
  onMove,
  onRemove,
}: {
  row: Row;
  index: number;
  count: number;
  editing: boolean;
  editable: boolean;
  errors: Record<string, string>;
  workTypes: { id: string; name: string }[];
  onEdit: (key: string) => void;
  onStop: () => void;
  onChange: (key: string, patch: Partial<Row>) => void;
  onMove: (index: number, by: number) => void;
  onRemove: (key: string) => void;
}) {
  const err = (f: string) => errors[`topics.${index}.${f}`];
  const bad = ['title', 'hours', 'workTypeId', 'plannedDate'].some((f) => err(f));
  const keys = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape' || (e.key === 'Enter' && !e.shiftKey)) {
      e.preventDefault();
      onStop();
    }
  };
  const dates = row.lessonDates.length ? row.lessonDates.map(formatShortDate).join(', ') : row.id ? '—' : 'после сохранения';
  if (editing && editable) {
    return (
      <TableRow selected>
        <TableCell>{index + 1}</TableCell>
        <TableCell>
          <TextField
            value={row.title}
            autoFocus
            onChange={(e) => onChange(row.key, { title: e.target.value })}
            onKeyDown={keys}
            error={!!err('title')}
            helperText={err('title')}
            slotProps={{ htmlInput: { 'aria-label': `Тема ${index + 1}` } }}
            sx={{ mb: 0 }}
          />
        </TableCell>
        <TableCell>
          <TextField
            value={row.hours}
            onChange={(e) => onChange(row.key, { hours: e.target.value })}
            onKeyDown={keys}
            error={!!err('hours')}
            helperText={err('hours')}
            slotProps={{ htmlInput: { 'aria-label': `Часы темы ${index + 1}`, inputMode: 'numeric' } }}
            sx={{ mb: 0 }}
          />
        </TableCell>
        <TableCell>
          <TextField select value={row.workTypeId} onChange={(e) => onChange(row.key, { workTypeId: e.target.value })} sx={{ mb: 0 }} slotProps={{ htmlInput: { 'aria-label': `Вид работы темы ${index + 1}` } }}>
            <MenuItem value="">
              <em>—</em>
            </MenuItem>
            {workTypes.map((w) => (
              <MenuItem key={w.id} value={w.id}>
                {w.name}
              </MenuItem>
            ))}
          </TextField>
        </TableCell>
        <TableCell>
          <DateField
            value={row.plannedDate}
            onChange={(v) => onChange(row.key, { plannedDate: v })}
            onKeyDown={keys}
            error={!!err('plannedDate')}
            helperText={err('plannedDate')}
            label="Дата"
            sx={{ mb: 0 }}
          />
        </TableCell>
        <TableCell>
          <Typography variant="body2" color="text.secondary">
            {dates}
          </Typography>
        </TableCell>
        <TableCell>
          <Actions index={index} count={count} rowKey={row.key} onMove={onMove} onRemove={onRemove} />
        </TableCell>
      </TableRow>
    );
  }
  return (
    <TableRow
      hover={editable}
      tabIndex={editable ? 0 : -1}
      aria-label={`Тема ${index + 1}: ${row.title}, ${row.hours} ч`}
      onClick={() => editable && onEdit(row.key)}
      onKeyDown={(e) => {
        if (editable && e.key === 'Enter') {
          e.preventDefault();
          onEdit(row.key);
        }
      }}
      sx={{ cursor: editable ? 'pointer' : 'default', bgcolor: bad ? 'error.light' : undefined }}
    >
      <TableCell>{index + 1}</TableCell>
      <TableCell>
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
          {row.title || <em>без названия</em>}
        </Typography>
      </TableCell>
      <TableCell>{row.hours}</TableCell>
      <TableCell>{workTypes.find((w) => w.id === row.workTypeId)?.name ?? ''}</TableCell>
      <TableCell>{row.plannedDate ? formatDate(row.plannedDate) : ''}</TableCell>
      <TableCell>
        <Typography variant="body2" color="text.secondary">
          {dates}
        </Typography>
      </TableCell>
      <TableCell onClick={(e) => e.stopPropagation()}>
        {editable && (
          <Box sx={{ display: 'flex' }}>
            <IconButton size="small" aria-label={`Изменить тему ${index + 1}`} onClick={() => onEdit(row.key)}>
              <EditOutlined fontSize="small" />
            </IconButton>
            <Actions index={index} count={count} rowKey={row.key} onMove={onMove} onRemove={onRemove} />
          </Box>
        )}
      </TableCell>
    </TableRow>
  );
});

function Actions({ index, count, rowKey, onMove, onRemove }: { index: number; count: number; rowKey: string; onMove: (i: number, by: number) => void; onRemove: (key: string) => void }) {
  return (
    <Box sx={{ display: 'flex', whiteSpace: 'nowrap' }}>
      <IconButton size="small" aria-label={`Выше: тема ${index + 1}`} disabled={index === 0} onClick={() => onMove(index, -1)}>
        <ArrowUpward fontSize="small" />
      </IconButton>
      <IconButton size="small" aria-label={`Ниже: тема ${index + 1}`} disabled={index === count - 1} onClick={() => onMove(index, 1)}>
        <ArrowDownward fontSize="small" />
      </IconButton>
      <IconButton size="small" aria-label={`Удалить тему ${index + 1}`} onClick={() => onRemove(rowKey)}>
        <DeleteOutlineOutlined fontSize="small" />
      </IconButton>
    </Box>
  );
}
