import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { api, messageOf } from '../api/client';
import { useNotify } from '../components/Notifier';
import { formatDateTime } from '../i18n/format';

const STATUS: Record<string, { label: string; color: 'success' | 'default' | 'error' | 'warning' }> = {
  sent: { label: 'отправлено', color: 'success' },
  waiting: { label: 'в очереди', color: 'default' },
  refused: { label: 'отклонено сервером', color: 'error' },
  failed: { label: 'не отправлено', color: 'warning' },
};

/** Each letter of a sending and its state, asked again every few seconds while some wait. */
export function BatchStatus({ batchId }: { batchId: string }) {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const items = useQuery({
    queryKey: ['parentMail.batch', batchId],
    queryFn: () => api.parentMail.batch({ id: batchId }),
    refetchInterval: (q) => ((q.state.data ?? []).some((i) => i.status === 'waiting') ? 2_000 : false),
  });
  const retry = async () => {
    try {
      const r = await api.parentMail.retry({ batchId });
      notify.success(`Снова в очереди: ${r.queued}.`);
      await queryClient.invalidateQueries({ queryKey: ['parentMail.batch', batchId] });
    } catch (e) {
      notify.error(e);
    }
  };
  if (items.isPending) return <LinearProgress />;
  if (items.isError) return <Alert severity="error">{messageOf(items.error)}</Alert>;
  const failed = items.data.filter((i) => i.status === 'failed').length;
  return (
    <>
      <Table size="small" aria-label="Состояние писем">
        <TableHead>
          <TableRow>
            <TableCell>Обучающийся</TableCell>
            <TableCell>Кому</TableCell>
            <TableCell>Состояние</TableCell>
            <TableCell>Подробности</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.data.map((i) => (
            <TableRow key={i.id} data-status={i.status}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{i.studentName}</TableCell>
              <TableCell>
                {i.guardianName}
                <Typography variant="caption" color="text.secondary" component="div">
                  {i.toAddress}
                </Typography>
              </TableCell>
              <TableCell>
                <Chip size="small" color={STATUS[i.status].color} label={STATUS[i.status].label} />
              </TableCell>
              <TableCell>
                <Typography variant="body2">
                  {i.status === 'sent' && i.sentAt ? `${formatDateTime(i.sentAt)}` : ''}
                  {i.status === 'waiting' && i.nextAttemptAt ? `Следующая попытка ${formatDateTime(i.nextAttemptAt)}. ` : ''}
                  {i.status !== 'sent' ? (i.lastError ?? '') : ''}
                </Typography>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {failed > 0 && (
        <Button sx={{ mt: 1 }} onClick={() => void retry()}>
          Отправить неотправленные ещё раз ({failed})
        </Button>
      )}
    </>
  );
}
