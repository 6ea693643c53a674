import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CallSplitOutlined from '@mui/icons-material/CallSplitOutlined';
import { api, messageOf } from '../api/client';
import { useNotify } from '../components/Notifier';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime, formatDateTimeSeconds } from '../i18n/format';
import { ACTION_LABELS, actionConsequence, settlementText, type Conflict, type ConflictSide, type SettleAction } from './conflict-text';
import { SYNC_STATUS_KEY, useSyncStatus } from './useSyncStatus';

type Filter = 'open' | 'settled' | 'all';

interface Pending {
  conflict: Conflict;
  action: SettleAction;
  side: ConflictSide | null;
}

/**
 * «Конфликты синхронизации» (the deputy's and the administrator's): what
 * the computers of the school did at once and the program would not settle
 * by itself — each with what happened on which computer, who, when, and the
 * ways to settle it. A settlement goes to every computer like any change.
 */
export function ConflictsScreen() {
  const [filter, setFilter] = useState<Filter>('open');
  const status = useSyncStatus();
  const conflicts = useQuery({ queryKey: ['sync.conflicts', filter], queryFn: () => api.sync.conflicts({ state: filter }), staleTime: 0 });
  const [pending, setPending] = useState<Pending | null>(null);
  const open = status.data?.openConflicts ?? 0;

  return (
    <>
      <PageHeader title="Конфликты синхронизации" />
      <Tabs value={filter} onChange={(_e, v: Filter) => setFilter(v)} sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}>
        <Tab value="open" label={open > 0 ? `Нерешённые (${open})` : 'Нерешённые'} />
        <Tab value="settled" label="Решённые" />
        <Tab value="all" label="Все" />
      </Tabs>
      {conflicts.isPending && <LinearProgress />}
      {conflicts.isError && (
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={() => void conflicts.refetch()}>
              Повторить
            </Button>
          }
        >
          {messageOf(conflicts.error)}
        </Alert>
      )}
      {conflicts.data?.length === 0 && (
        <EmptyState icon={CallSplitOutlined} title={filter === 'settled' ? 'Решённых конфликтов нет' : 'Конфликтов нет'}>
          Здесь появляется то, что на разных компьютерах школы сделали одновременно и что программа не решает сама: две замены одного урока, две
          разные итоговые отметки, запись в закрытом периоде. Отметки, темы и пропуски, изменённые на двух компьютерах, согласуются сами: остаётся
          более позднее изменение, прежнее видно в истории клетки.
        </EmptyState>
      )}
      <Stack spacing={2}>
        {conflicts.data?.map((c) => (
          <ConflictCard key={c.id} conflict={c} onAction={(action, side) => setPending({ conflict: c, action, side })} />
        ))}
      </Stack>
      {pending && <SettleDialog pending={pending} onClose={() => setPending(null)} />}
    </>
  );
}

function ConflictCard({ conflict: c, onAction }: { conflict: Conflict; onAction: (action: SettleAction, side: ConflictSide | null) => void }) {
  const canTake = c.actions.includes('take');
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="sync-conflict">
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1.5, mb: 0.5 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
            {c.summary}
          </Typography>
          {/* The explanation says what holds while it is open; once settled, the settlement below says what holds. */}
          {!c.settledAt && (
            <Typography variant="body2" color="text.secondary">
              {c.explanation}
            </Typography>
          )}
        </Box>
        {c.settledAt ? <Chip size="small" color="success" variant="outlined" label="Решён" /> : <Chip size="small" color="warning" label="Ждёт решения" />}
      </Box>
      <Table size="small" sx={{ mt: 1 }}>
        <TableHead>
          <TableRow>
            <TableCell>Компьютер</TableCell>
            <TableCell>Кто</TableCell>
            <TableCell>Когда</TableCell>
            <TableCell>Что сделано</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {[...c.sides].sort((x, y) => x.at.localeCompare(y.at)).map((side) => (
            <TableRow key={side.index} data-testid="conflict-side">
              <TableCell>{side.computerName}</TableCell>
              <TableCell>{side.who ?? '—'}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{side.at ? formatDateTimeSeconds(side.at) : 'до начала синхронизации'}</TableCell>
              <TableCell>
                {side.text}
                {!c.settledAt && side.current && <Chip size="small" label="действует сейчас" sx={{ ml: 1 }} />}
                {c.settlement === `take:${side.index}` && <Chip size="small" color="success" variant="outlined" label="оставлен" sx={{ ml: 1 }} />}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {canTake && (
                  <Button size="small" variant="outlined" onClick={() => onAction('take', side)}>
                    Оставить этот вариант
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {c.settledAt ? (
        <Typography variant="body2" sx={{ mt: 1.25 }} data-testid="conflict-settlement">
          Решено {formatDateTime(c.settledAt)}
          {c.settledBy ? `, ${c.settledBy}` : ''}: {settlementText(c)}.{c.settlementNote ? ` Примечание: ${c.settlementNote}` : ''}
        </Typography>
      ) : (
        c.actions.some((a) => a !== 'take') && (
          <Box sx={{ display: 'flex', gap: 1, mt: 1.25 }}>
            {c.actions
              .filter((a): a is Exclude<SettleAction, 'take'> => a !== 'take')
              .map((a) => (
                <Button key={a} size="small" variant={a === 'acknowledge' ? 'contained' : 'outlined'} color={a === 'revert' ? 'warning' : 'primary'} onClick={() => onAction(a, null)}>
                  {ACTION_LABELS[a]}
                </Button>
              ))}
          </Box>
        )
      )}
      <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 0.75 }}>
        Обнаружен {formatDateTime(c.detectedAt)}
      </Typography>
    </Paper>
  );
}

function SettleDialog({ pending, onClose }: { pending: Pending; onClose: () => void }) {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const { conflict, action, side } = pending;
  const title = action === 'take' ? 'Оставить этот вариант?' : action === 'revert' ? 'Отменить эти изменения?' : 'Принять к сведению?';
  return (
    <ConfirmDialog
      open
      title={title}
      confirmLabel={action === 'take' ? 'Оставить' : ACTION_LABELS[action]}
      danger={action === 'revert'}
      busy={busy}
      onClose={onClose}
      onConfirm={() => {
        setBusy(true);
        api.sync
          .settleConflict({ id: conflict.id, action, side: side?.index, note: note.trim() || null })
          .then(async () => {
            notify.success('Конфликт решён. Решение передаётся на все компьютеры школы.');
            onClose();
            await Promise.all([queryClient.invalidateQueries({ queryKey: ['sync.conflicts'] }), queryClient.invalidateQueries({ queryKey: SYNC_STATUS_KEY })]);
          })
          .catch((e: unknown) => {
            notify.error(e);
            // Settled meanwhile on another computer, say: the list shows it as it is now.
            void queryClient.invalidateQueries({ queryKey: ['sync.conflicts'] });
          })
          .finally(() => setBusy(false));
      }}
    >
      <Typography variant="body2" sx={{ fontWeight: 600, mb: 1 }}>
        {conflict.summary}
      </Typography>
      <Typography variant="body2" sx={{ mb: 2 }}>
        {actionConsequence(conflict, action, side)}
      </Typography>
      <TextField
        label="Примечание (необязательно)"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        fullWidth
        multiline
        minRows={2}
        slotProps={{ htmlInput: { maxLength: 1000 } }}
      />
    </ConfirmDialog>
  );
}
