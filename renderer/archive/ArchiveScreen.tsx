import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ResultOf } from '../../main/core/api/types';
import { api } from '../api/client';
import { useActor } from '../app/session';
import { useNotify } from '../components/Notifier';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime } from '../i18n/format';

type Job = ResultOf<'archive.job'>;
type Check = ResultOf<'archive.verify'>;

/** The yearly archive: made for a closed year with progress shown, and checked against its checksums. */
export function ArchiveScreen() {
  const actor = useActor();
  const admin = actor.roles.includes('admin');
  const notify = useNotify();
  const queryClient = useQueryClient();
  const data = useQuery({ queryKey: ['archive.list'], queryFn: () => api.archive.list() });
  const [job, setJob] = useState<Job | null>(null);
  const [check, setCheck] = useState<Check | null>(null);

  // Follows a running job: progress, then the result.
  useEffect(() => {
    if (!job || job.status !== 'running') return;
    const timer = setInterval(() => {
      api.archive
        .job({ taskId: job.taskId })
        .then((next) => {
          setJob(next);
          if (next.status === 'done') {
            notify.success(`Архив ${next.result?.yearName ?? ''} учебного года составлен: ${next.result?.folder ?? ''}`);
            void queryClient.invalidateQueries({ queryKey: ['archive.list'] });
          }
          if (next.status === 'failed') notify.error(new Error(next.error ?? 'Архив не составлен.'));
        })
        .catch((e: unknown) => notify.error(e));
    }, 700);
    return () => clearInterval(timer);
  }, [job, notify, queryClient]);

  const start = useMutation({ mutationFn: (yearId: string) => api.archive.start({ yearId }), onSuccess: setJob, onError: (e) => notify.error(e) });
  const verify = useMutation({ mutationFn: (id: string) => api.archive.verify({ id }), onSuccess: setCheck, onError: (e) => notify.error(e) });

  const running = job?.status === 'running';
  const years = data.data?.years ?? [];
  const archives = data.data?.archives ?? [];
  return (
    <>
      <PageHeader
        title="Архив"
        description="Архив закрытого учебного года: сводные ведомости в PDF и Excel, журналы, все отметки, пропуски и темы уроков в таблицах CSV, снимок базы данных и список контрольных сумм, по которому архив проверяется и через 25 лет."
      />
      {running && job && (
        <Paper variant="outlined" sx={{ p: 2, mb: 2 }} aria-live="polite">
          <Typography variant="body2" sx={{ mb: 1 }}>
            Составляется архив: {job.label} ({Math.floor((100 * job.done) / Math.max(job.total, 1))}%)
          </Typography>
          <LinearProgress variant="determinate" value={(100 * job.done) / Math.max(job.total, 1)} aria-label="Ход составления архива" />
        </Paper>
      )}
      {job?.status === 'done' && job.result && job.result.missing.length > 0 && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          В архив не вошли: {job.result.missing.join('; ')}.
        </Alert>
      )}
      <Typography variant="h3" sx={{ mb: 1 }}>
        Учебные годы
      </Typography>
      <TableContainer component={Paper} variant="outlined" sx={{ mb: 3 }}>
        <Table size="small" aria-label="Учебные годы">
          <TableBody>
            {years.map((y) => (
              <TableRow key={y.id}>
                <TableCell sx={{ width: 160 }}>{y.name}</TableCell>
                <TableCell>{y.status === 'closed' ? `закрыт ${formatDateTime(y.closedAt)}` : 'идёт (архив составляется после закрытия года)'}</TableCell>
                <TableCell align="right">
                  {admin && (
                    <Button size="small" variant="outlined" disabled={y.status !== 'closed' || running || start.isPending} onClick={() => start.mutate(y.id)}>
                      Составить архив
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Typography variant="h3" sx={{ mb: 1 }}>
        Составленные архивы
      </Typography>
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label="Составленные архивы">
          <TableHead>
            <TableRow>
              <TableCell>Год</TableCell>
              <TableCell>Составлен</TableCell>
              <TableCell>Папка</TableCell>
              <TableCell align="right">Файлов</TableCell>
              <TableCell align="right" />
            </TableRow>
          </TableHead>
          <TableBody>
            {archives.map((a) => (
              <TableRow key={a.id}>
                <TableCell>{a.yearName}</TableCell>
                <TableCell>{formatDateTime(a.createdAt)}</TableCell>
                <TableCell sx={{ wordBreak: 'break-all' }}>
                  {a.path}
                  {!a.present && (
                    <Typography variant="caption" color="error" component="div">
                      папка не найдена (носитель отключён или архив перенесён)
                    </Typography>
                  )}
                </TableCell>
                <TableCell align="right">{a.fileCount}</TableCell>
                <TableCell align="right">
                  {admin && (
                    <Button size="small" onClick={() => verify.mutate(a.id)} disabled={verify.isPending || !a.present}>
                      Проверить
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
            {archives.length === 0 && (
              <TableRow>
                <TableCell colSpan={5}>
                  <Typography variant="body2" color="text.secondary" sx={{ py: 2, textAlign: 'center' }}>
                    Архивов пока нет. Архив составляется после закрытия учебного года.
                  </Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <Dialog open={!!check} onClose={() => setCheck(null)} maxWidth="sm" fullWidth>
        <DialogTitle>{check?.ok ? 'Архив в порядке' : 'Архив изменён'}</DialogTitle>
        <DialogContent>
          {check?.ok ? (
            <Typography variant="body2">Проверено файлов: {check.checked}. Все совпадают с контрольными суммами, список сумм не изменён.</Typography>
          ) : (
            <Box>
              {check?.manifestMatches === false && <Alert severity="error" sx={{ mb: 1 }}>Изменён сам список контрольных сумм.</Alert>}
              {check?.changed.map((f) => <Typography key={f} variant="body2">Изменён: {f}</Typography>)}
              {check?.missing.map((f) => <Typography key={f} variant="body2">Нет файла: {f}</Typography>)}
              {check?.extra.map((f) => <Typography key={f} variant="body2">Лишний файл: {f}</Typography>)}
            </Box>
          )}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={() => setCheck(null)}>Закрыть</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
