import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { api, messageOf } from '../api/client';
import { formatDateTime } from '../i18n/format';

/** A cell's history from the audit log: who, when, old value, new value, reason (seed 002). */
export function HistoryDialog({ lessonId, studentId, title, onClose }: { lessonId: string; studentId: string; title: string; onClose(): void }) {
  const history = useQuery({
    queryKey: ['journal.cellHistory', lessonId, studentId],
    queryFn: () => api.journal.cellHistory({ lessonId, studentId }),
    staleTime: 0,
  });
  return (
    <Dialog open onClose={onClose} maxWidth="md" aria-labelledby="history-title">
      <DialogTitle id="history-title">История изменений</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          {title}
        </Typography>
        {history.isPending && <CircularProgress size={24} aria-label="Загрузка" />}
        {history.isError && <Alert severity="error">{messageOf(history.error)}</Alert>}
        {history.data && history.data.length === 0 && <Typography>Записей в этой клетке ещё не было.</Typography>}
        {history.data && history.data.length > 0 && (
          <Table aria-label="История изменений клетки">
            <TableHead>
              <TableRow>
                <TableCell>Когда</TableCell>
                <TableCell>Кто</TableCell>
                <TableCell>Что</TableCell>
                <TableCell>Было</TableCell>
                <TableCell>Стало</TableCell>
                <TableCell>Причина</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {history.data.map((h, i) => (
                <TableRow key={i}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(h.at)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{h.who}</TableCell>
                  <TableCell>{h.what}</TableCell>
                  <TableCell>{h.oldValue ?? '—'}</TableCell>
                  <TableCell>{h.newValue ?? '—'}</TableCell>
                  <TableCell>{h.reason ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Закрыть
        </Button>
      </DialogActions>
    </Dialog>
  );
}
