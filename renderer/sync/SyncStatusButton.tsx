import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Link from '@mui/material/Link';
import Popover from '@mui/material/Popover';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CloudDoneOutlined from '@mui/icons-material/CloudDoneOutlined';
import CloudOffOutlined from '@mui/icons-material/CloudOffOutlined';
import CloudSyncOutlined from '@mui/icons-material/CloudSyncOutlined';
import ScheduleOutlined from '@mui/icons-material/ScheduleOutlined';
import SyncProblemOutlined from '@mui/icons-material/SyncProblemOutlined';
import SystemUpdateAltOutlined from '@mui/icons-material/SystemUpdateAltOutlined';
import type { Actor } from '../../main/core/api/types';
import { api } from '../api/client';
import { useNotify } from '../components/Notifier';
import { formatDateTime } from '../i18n/format';
import { navigate } from '../app/router';
import { statusView, type StatusView, type SyncStatus } from './status-view';
import { SYNC_STATUS_KEY, useArrivals, usePolledSyncStatus } from './useSyncStatus';

/** Screens whose lists other computers' changes alter, read again when they arrive (the journal page takes them in itself). */
const REREAD_ON_ARRIVAL = [['sync.conflicts'], ['sync.folder'], ['control.myRemarks']];
/** The window getting focus asks for a cycle, at most this often. */
const FOCUS_SYNC_MS = 15_000;

const COLORS: Record<StatusView['tone'], string> = { ok: 'success.main', busy: 'info.main', warning: 'warning.dark', error: 'error.main' };

function iconOf(s: SyncStatus, view: StatusView) {
  if (s.state === 'offline') return CloudOffOutlined;
  if (s.state === 'needs-update') return SystemUpdateAltOutlined;
  if (view.tone === 'error') return SyncProblemOutlined;
  if (s.state === 'ok' && s.clockWarning) return ScheduleOutlined;
  return view.tone === 'busy' ? CloudSyncOutlined : CloudDoneOutlined;
}

/**
 * The app bar's sync line, seen by everyone signed in: synced, sending,
 * offline with what waits here, a folder that looks wrong, a program to
 * update, a clock that is off. A click opens the details and «Синхронизировать
 * сейчас». It also asks for a cycle when the window gets focus, and has the
 * lists other computers change read again when their changes arrive.
 */
export function SyncStatusButton({ actor }: { actor: Actor }) {
  const status = usePolledSyncStatus();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [asking, setAsking] = useState(false);
  const lastAsked = useRef(0);
  const data = status.data;
  const active = data !== undefined && data.state !== 'off' && data.state !== 'postgres';

  useArrivals(() => {
    for (const queryKey of REREAD_ON_ARRIVAL) void queryClient.invalidateQueries({ queryKey });
  });

  const syncNow = useCallback(async () => {
    lastAsked.current = Date.now();
    const next = await api.sync.now();
    queryClient.setQueryData(SYNC_STATUS_KEY, next);
  }, [queryClient]);

  useEffect(() => {
    if (!active) return;
    const onFocus = () => {
      if (Date.now() - lastAsked.current >= FOCUS_SYNC_MS) void syncNow().catch(() => undefined);
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [active, syncNow]);

  if (!data || !active) return null;
  const view = statusView(data);
  if (!view) return null;
  const Icon = iconOf(data, view);
  const isAdmin = actor.roles.includes('admin');
  const seesConflicts = isAdmin || actor.roles.includes('deputy');

  return (
    <>
      <Button
        color="inherit"
        onClick={(e) => setAnchor(e.currentTarget)}
        startIcon={<Icon sx={{ color: COLORS[view.tone] }} />}
        title={view.detail}
        data-testid="sync-status"
        data-state={data.state}
        sx={{
          minWidth: 0,
          maxWidth: 560,
          textTransform: 'none',
          fontWeight: 400,
          fontSize: 13,
          lineHeight: 1.25,
          color: view.tone === 'error' ? 'error.main' : view.tone === 'warning' ? 'warning.dark' : 'text.secondary',
          textAlign: 'left',
        }}
      >
        <Box component="span" sx={{ overflow: 'hidden', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical' }}>
          {view.label}
        </Box>
      </Button>
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        slotProps={{ paper: { sx: { width: 460, p: 2 } } }}
      >
        <Stack spacing={1.25} data-testid="sync-details">
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
            Синхронизация с общей папкой
          </Typography>
          <Typography variant="body2" color={view.tone === 'error' ? 'error' : view.tone === 'warning' ? 'warning.dark' : 'text.primary'}>
            {view.detail}
          </Typography>
          {data.clockWarning && view.detail !== data.clockWarning && (
            <Typography variant="body2" color="warning.dark">
              {data.clockWarning}
            </Typography>
          )}
          <Divider />
          <Typography variant="body2">
            Последний обмен с общей папкой: {data.lastSyncAt ? formatDateTime(data.lastSyncAt) : 'ещё не было'}
          </Typography>
          <Typography variant="body2">Изменения этого компьютера, ждущие отправки: {data.pending}</Typography>
          {seesConflicts && data.openConflicts > 0 && (
            <Typography variant="body2">
              <Link
                href="#/conflicts"
                onClick={() => setAnchor(null)}
                sx={{ fontWeight: 600 }}
              >
                Нерешённые конфликты синхронизации: {data.openConflicts}
              </Link>
            </Typography>
          )}
          {isAdmin && data.quarantined > 0 && (
            <Typography variant="body2" color="warning.dark">
              Файлов общей папки в карантине: {data.quarantined}
            </Typography>
          )}
          <Box sx={{ display: 'flex', gap: 1, pt: 0.5 }}>
            <Button
              variant="contained"
              size="small"
              disabled={asking}
              onClick={() => {
                setAsking(true);
                syncNow()
                  .then(() => notify.info('Синхронизация запущена: её ход виден в строке состояния вверху.'))
                  .catch((e: unknown) => notify.error(e))
                  .finally(() => setAsking(false));
              }}
            >
              Синхронизировать сейчас
            </Button>
            {isAdmin && (
              <Button
                size="small"
                onClick={() => {
                  setAnchor(null);
                  navigate('settings?tab=sync');
                }}
              >
                Настройки общей папки
              </Button>
            )}
          </Box>
        </Stack>
      </Popover>
    </>
  );
}
