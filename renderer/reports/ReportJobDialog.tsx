import { useEffect, useRef, useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { ParamsOf, ResultOf } from '../../main/core/api/types';
import { api, messageOf } from '../api/client';
import { useNotify } from '../components/Notifier';
import { downloadFile, printPdf } from './files';

export type ReportRequest = ParamsOf<'reports.start'>['report'];
type Job = ResultOf<'reports.job'>;

/**
 * Writes a report in the background with a progress bar and «Отменить»:
 * the core answers at once with a task id and pushes progress; the file is
 * collected when the task is done, then printed or saved.
 */
export function ReportJobDialog({
  request,
  format,
  action,
  onClose,
}: {
  request: ReportRequest;
  format: 'pdf' | 'xlsx';
  /** What to do with the file: the print dialog or a download. */
  action: 'print' | 'save';
  onClose(): void;
}) {
  const notify = useNotify();
  const [job, setJob] = useState<Job | null>(null);
  const [title, setTitle] = useState('Формирование отчёта');
  const [error, setError] = useState<string | null>(null);
  const taskRef = useRef<string | null>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = window.api.on('progress', (e) => {
      if (e.taskId === taskRef.current) setJob((j) => (j ? { ...j, done: e.done, total: e.total } : j));
    });
    const poll = async () => {
      if (stopped || !taskRef.current) return;
      try {
        const view = await api.reports.job({ taskId: taskRef.current });
        if (stopped) return;
        setJob(view);
        if (view.status === 'running') {
          timer = setTimeout(() => void poll(), 400);
          return;
        }
        if (view.status === 'done' && view.file) {
          if (action === 'print' && format === 'pdf') printPdf(view.file);
          else downloadFile(view.file);
          notify.success(action === 'print' ? 'Отчёт открыт для печати.' : `Файл «${view.file.fileName}» сохранён.`);
          closeRef.current();
        } else if (view.status === 'failed') {
          setError(view.error ?? 'Не удалось сформировать отчёт.');
        } else if (view.status === 'cancelled') {
          notify.info('Формирование отчёта отменено.');
          closeRef.current();
        }
      } catch (e) {
        if (!stopped) setError(messageOf(e));
      }
    };
    api.reports
      // The core hides students without consent in a file that is saved (an export), not on paper.
      .start({ report: request, format, action })
      .then((r) => {
        if (stopped) return;
        taskRef.current = r.taskId;
        setTitle(r.title);
        void poll();
      })
      .catch((e: unknown) => !stopped && setError(messageOf(e)));
    return () => {
      stopped = true;
      off();
      if (timer) clearTimeout(timer);
    };
    // The dialog is opened for one request: it runs once.
  }, []);

  const cancel = async () => {
    if (taskRef.current && (!job || job.status === 'running')) {
      try {
        await api.reports.cancel({ taskId: taskRef.current });
      } catch (e) {
        notify.error(e);
      }
    }
    if (!taskRef.current || error) onClose();
  };
  const pct = job && job.total > 0 ? Math.round((job.done / job.total) * 100) : 0;
  return (
    <Dialog open onClose={() => void cancel()} maxWidth="sm" fullWidth aria-labelledby="report-job-title">
      <DialogTitle id="report-job-title">{title}</DialogTitle>
      <DialogContent>
        {error ? (
          <Typography color="error" role="alert">
            {error}
          </Typography>
        ) : (
          <>
            <LinearProgress variant={job && job.total > 1 ? 'determinate' : 'indeterminate'} value={pct} sx={{ my: 1.5 }} />
            <Typography variant="body2" color="text.secondary">
              {job && job.total > 1 ? `Готово ${pct} % (${job.done} из ${job.total} строк)` : 'Собираем данные…'}
            </Typography>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => void cancel()}>{error ? 'Закрыть' : 'Отменить'}</Button>
      </DialogActions>
    </Dialog>
  );
}
