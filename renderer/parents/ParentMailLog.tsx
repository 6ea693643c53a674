import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { api } from '../api/client';
import { formatDateTime } from '../i18n/format';
import { BatchStatus } from './BatchStatus';

type Batch = Awaited<ReturnType<typeof api.parentMail.batches>>[number];

/** The class's letters to parents this year: each sending with its counts; a click shows every letter's state. */
export function ParentMailLog({ classId }: { classId: string }) {
  const batches = useQuery({
    queryKey: ['parentMail.batches', classId],
    queryFn: () => api.parentMail.batches({ classId }),
    refetchInterval: (q) => ((q.state.data ?? []).some((b) => b.waiting > 0) ? 5_000 : false),
  });
  const [shown, setShown] = useState<Batch | null>(null);
  if (!batches.data || batches.data.length === 0) return null;
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
      <Typography variant="h5" component="h2" gutterBottom>
        Письма родителям
      </Typography>
      <Table size="small" aria-label="Рассылки родителям">
        <TableHead>
          <TableRow>
            <TableCell>Когда</TableCell>
            <TableCell>Что</TableCell>
            <TableCell>Кто</TableCell>
            <TableCell align="right">Отправлено</TableCell>
            <TableCell align="right">В очереди</TableCell>
            <TableCell align="right">Не доставлено</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {batches.data.map((b) => (
            <TableRow key={b.id}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(b.createdAt)}</TableCell>
              <TableCell>{b.subject}</TableCell>
              <TableCell>{b.authorName}</TableCell>
              <TableCell align="right">{b.sent} из {b.total}</TableCell>
              <TableCell align="right">{b.waiting || ''}</TableCell>
              <TableCell align="right" sx={{ color: b.refused + b.failed ? 'error.main' : undefined }}>{b.refused + b.failed || ''}</TableCell>
              <TableCell align="right">
                <Button size="small" onClick={() => setShown(b)}>
                  Подробно
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {shown && (
        <Dialog open onClose={() => setShown(null)} maxWidth="md" fullWidth aria-labelledby="batch-title">
          <DialogTitle id="batch-title">{shown.subject}</DialogTitle>
          <DialogContent>
            <BatchStatus batchId={shown.id} />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setShown(null)}>Закрыть</Button>
          </DialogActions>
        </Dialog>
      )}
    </Paper>
  );
}
