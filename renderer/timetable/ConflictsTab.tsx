import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlineOutlined';
import { EmptyState } from '../components/EmptyState';
import type { Slot } from './WeekGrid';
import type { Conflict, TimetableData, ViewKind } from './model';

const KIND_LABELS: Record<Conflict['kind'], string> = {
  teacher: 'Учитель',
  room: 'Кабинет',
  class: 'Класс',
  unavailable: 'Нерабочее время',
};

/**
 * Every conflict of the timetable, in words that say where: they stay here
 * until fixed (a lesson placed with a warning is not forgotten). «Показать»
 * opens the week where the conflict is.
 */
export function ConflictsTab({ data, onShow }: { data: TimetableData; onShow: (target: { view: ViewKind; id: string; slot: Slot }) => void }) {
  if (data.conflicts.length === 0) {
    return (
      <EmptyState icon={CheckCircleOutline} title="Конфликтов нет">
        Учителя, кабинеты и классы нигде не заняты дважды, и ни один урок не стоит в нерабочее время учителя.
      </EmptyState>
    );
  }
  const view = (c: Conflict): ViewKind => (c.kind === 'room' ? 'room' : c.kind === 'class' ? 'class' : 'teacher');
  return (
    <Paper variant="outlined">
      <List dense aria-label="Конфликты расписания">
        {data.conflicts.map((c, i) => (
          <ListItem
            key={`${c.kind}|${c.entryIds.join('+')}|${i}`}
            divider={i < data.conflicts.length - 1}
            secondaryAction={
              <Button size="small" onClick={() => onShow({ view: view(c), id: c.resourceId, slot: { weekday: c.weekday, lessonNo: c.lessonNo } })}>
                Показать
              </Button>
            }
          >
            <Box sx={{ mr: 1.5, minWidth: 120 }}>
              <Chip size="small" color={c.kind === 'unavailable' ? 'warning' : 'error'} variant="outlined" label={KIND_LABELS[c.kind]} />
            </Box>
            <ListItemText primary={c.message} />
          </ListItem>
        ))}
      </List>
    </Paper>
  );
}
