import { useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { api, messageOf } from '../api/client';
import { useNotify } from '../components/Notifier';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { formatDateTime } from '../i18n/format';
import { ComputersTable } from './ComputersTable';
import { QuarantineTable } from './QuarantineTable';
import { SetupForm } from './SetupForm';
import { ProbeResult, type Probe } from './ProbeResult';
import { keyStorageText, type SyncFolder } from './labels';
import { statusView, type SyncStatus } from './status-view';
import { SYNC_STATUS_KEY, useSyncStatus } from './useSyncStatus';
import type { ResultOf } from '../../main/core/api/types';

type Verify = ResultOf<'sync.verify'>;

/** Settings → «Общая папка» (the administrator's): set up, or what the folder and the computers look like now. */
export function SharedFolderTab() {
  const status = useSyncStatus();
  const folder = useQuery({ queryKey: ['sync.folder'], queryFn: () => api.sync.folder(), refetchInterval: 10_000, staleTime: 0 });
  if (status.data?.state === 'postgres') {
    return (
      <Alert severity="info" data-testid="sync-postgres">
        Школа работает на сервере PostgreSQL: он и есть общая база данных всех компьютеров школы, каждый компьютер подключается к нему напрямую. Общая
        папка не нужна.
      </Alert>
    );
  }
  if (folder.isPending || status.isPending) return <LinearProgress />;
  if (folder.isError || status.isError) {
    const error = folder.error ?? status.error;
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={() => void Promise.all([folder.refetch(), status.refetch()])}>
            Повторить
          </Button>
        }
      >
        {messageOf(error)}
      </Alert>
    );
  }
  if (!folder.data.configured) return <SetupForm />;
  return <Overview folder={folder.data} status={status.data} />;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '230px 1fr', gap: 2, px: 2, py: 0.75, alignItems: 'baseline' }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Box sx={{ minWidth: 0, typography: 'body2' }}>{children}</Box>
    </Box>
  );
}

function Overview({ folder, status }: { folder: SyncFolder; status: SyncStatus }) {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<'now' | 'probe' | 'verify' | 'disconnect' | null>(null);
  const [probe, setProbe] = useState<Probe | null>(null);
  const [verify, setVerify] = useState<Verify | null>(null);
  const [disconnecting, setDisconnecting] = useState(false);
  const view = statusView(status);
  const stateColor = view?.tone === 'error' ? 'error.main' : view?.tone === 'warning' ? 'warning.dark' : 'text.primary';

  const run = async <T,>(what: NonNullable<typeof busy>, work: () => Promise<T>): Promise<T | null> => {
    setBusy(what);
    try {
      return await work();
    } catch (e) {
      notify.error(e);
      return null;
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Paper variant="outlined" sx={{ mb: 2.5, pb: 1 }} data-testid="sync-overview">
        <Typography variant="h6" component="h2" sx={{ px: 2, pt: 1.5, pb: 0.5 }}>
          Общая папка
        </Typography>
        <Row label="Состояние">
          <Box sx={{ color: stateColor, fontWeight: 600 }} data-testid="sync-state">
            {view?.label ?? status.message}
          </Box>
          {view && status.state !== 'ok' && view.detail !== view.label && (
            <Typography variant="body2" color="text.secondary">
              {view.detail}
            </Typography>
          )}
          {status.clockWarning && view?.detail !== status.clockWarning && (
            <Typography variant="body2" color="warning.dark">
              {status.clockWarning}
            </Typography>
          )}
        </Row>
        <Row label="Папка">
          <Box component="span" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
            {folder.root}
          </Box>
        </Row>
        <Row label="Этот компьютер">{folder.computerName}</Row>
        <Row label="Ждут отправки с этого компьютера">
          <span data-testid="sync-pending">{status.pending === 0 ? 'нет' : `изменённых записей: ${status.pending}`}</span>
        </Row>
        <Row label="Последний обмен с папкой">{status.lastSyncAt ? formatDateTime(status.lastSyncAt) : 'ещё не было'}</Row>
        <Row label="Ключ шифрования">{keyStorageText(folder.keyStorage)}</Row>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, px: 2, pt: 1 }}>
          <Button
            variant="contained"
            disabled={busy !== null}
            onClick={() =>
              void run('now', async () => {
                queryClient.setQueryData(SYNC_STATUS_KEY, await api.sync.now());
                notify.info('Синхронизация запущена: её ход виден в строке состояния вверху.');
              })
            }
          >
            Синхронизировать сейчас
          </Button>
          <Button
            variant="outlined"
            disabled={busy !== null}
            onClick={() =>
              void run('probe', async () => {
                setProbe(null);
                setProbe(await api.sync.probe({ root: folder.root ?? '' }));
              })
            }
          >
            {busy === 'probe' ? 'Проверка папки…' : 'Проверить папку'}
          </Button>
          <Button
            variant="outlined"
            disabled={busy !== null}
            title="Открыть каждый файл общей папки целиком и проверить его подлинность"
            onClick={() =>
              void run('verify', async () => {
                setVerify(null);
                setVerify(await api.sync.verify());
              })
            }
          >
            {busy === 'verify' ? 'Проверка файлов…' : 'Проверить все файлы'}
          </Button>
          <Box sx={{ flex: 1 }} />
          <Button color="error" disabled={busy !== null} onClick={() => setDisconnecting(true)}>
            Отключить этот компьютер
          </Button>
        </Box>
        {(probe || verify) && (
          <Box sx={{ px: 2, pt: 1.5, display: 'grid', gap: 1 }}>
            {probe && <ProbeResult probe={probe} />}
            {verify && <VerifyResult report={verify} />}
          </Box>
        )}
      </Paper>
      <ComputersTable computers={folder.computers} />
      <QuarantineTable files={folder.quarantined} />
      <ConfirmDialog
        open={disconnecting}
        title="Отключить этот компьютер от общей папки?"
        confirmLabel="Отключить"
        danger
        busy={busy === 'disconnect'}
        onClose={() => setDisconnecting(false)}
        onConfirm={() =>
          void run('disconnect', async () => {
            await api.sync.disconnect();
            setDisconnecting(false);
            notify.success('Компьютер отключён от общей папки. Его данные и общая папка остались как были.');
            await Promise.all([queryClient.invalidateQueries({ queryKey: ['sync.folder'] }), queryClient.invalidateQueries({ queryKey: SYNC_STATUS_KEY })]);
          })
        }
      >
        <Typography variant="body2" sx={{ mb: 1 }}>
          Компьютер перестанет обмениваться изменениями с другими компьютерами школы. Журнал на нём и общая папка останутся как были.
        </Typography>
        {status.pending > 0 && (
          <Typography variant="body2" color="warning.dark" sx={{ fontWeight: 600 }}>
            Изменения этого компьютера, ещё не отправленные в общую папку ({status.pending}), другие компьютеры не получат, пока компьютер не
            подключат снова.
          </Typography>
        )}
        <Typography variant="body2" sx={{ mt: 1 }}>
          Чтобы подключить его снова, понадобится парольная фраза общей папки.
        </Typography>
      </ConfirmDialog>
    </>
  );
}

function VerifyResult({ report }: { report: Verify }) {
  const failed = report.entries.filter((e) => e.state === 'failed' || e.state === 'newer-format');
  return (
    <Alert severity={report.ok ? 'success' : 'error'} data-testid="verify-result">
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {report.message}
      </Typography>
      {failed.slice(0, 20).map((e) => (
        <Typography key={e.sharePath} variant="body2">
          {e.sharePath}: {e.message ?? (e.state === 'newer-format' ? 'записан более новой версией программы' : 'не проходит проверку')}
        </Typography>
      ))}
      {failed.length > 20 && <Typography variant="body2">…и ещё {failed.length - 20}</Typography>}
    </Alert>
  );
}
