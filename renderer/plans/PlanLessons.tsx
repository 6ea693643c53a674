import { useQuery } from '@tanstack/react-query';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { api } from '../api/client';
import { formatDate, weekdayShort } from '../i18n/format';

/**
 * The page's lessons in order: the topic the plan gives each one, and the
 * topic written in the journal when the teacher wrote their own (that
 * changes only that lesson; the plan's order goes on).
 */
export function PlanLessons({ id }: { id: string }) {
  const q = useQuery({ queryKey: ['plans.lessons', id], queryFn: () => api.plans.lessons({ id }) });
  if (!q.data) return null;
  return (
    <Paper variant="outlined">
      <Table aria-label="Уроки по КТП">
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 48 }}>№</TableCell>
            <TableCell sx={{ width: 140 }}>Дата</TableCell>
            <TableCell sx={{ width: 70 }}>Урок</TableCell>
            <TableCell>Тема по КТП</TableCell>
            <TableCell>Записано в журнале</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {q.data.map((l, i) => (
            <TableRow key={l.id} sx={{ opacity: l.status === 'cancelled' ? 0.6 : 1 }}>
              <TableCell>{i + 1}</TableCell>
              <TableCell>
                {weekdayShort(l.date)}, {formatDate(l.date)}
              </TableCell>
              <TableCell>{l.lessonNo}</TableCell>
              <TableCell>{l.status === 'cancelled' ? <em>урок отменён</em> : (l.plannedTopic ?? <Typography variant="body2" color="text.secondary">—</Typography>)}</TableCell>
              <TableCell>
                {l.topic && l.topic !== l.plannedTopic ? (
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {l.topic}
                  </Typography>
                ) : l.topic ? (
                  <Typography variant="body2" color="text.secondary">
                    как в КТП
                  </Typography>
                ) : (
                  ''
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}
