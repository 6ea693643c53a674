import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import BackupOutlined from '@mui/icons-material/BackupOutlined';
import SettingsOutlined from '@mui/icons-material/SettingsOutlined';
import { api, ApiError } from '../api/client';
import { useSession } from '../app/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useNotify } from '../components/Notifier';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime } from '../i18n/format';
import { BackupSettingsDialog } from './BackupSettingsDialog';
import { BackupStatusCard } from './BackupStatusCard';
import { formatSize, KIND_LABELS, type BackupDto, type RemovedDto } from './labels';

/** The administrator's backups: the status, a copy by hand, checks, restore and its undo, the settings. */
export function BackupsScreen() {
  const notify = useNotify();
  const session = useSession();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['backup.status'], queryFn: () => api.backup.status() });
  const list = useQuery({ queryKey: ['backup.list'], queryFn: () => api.backup.list() });
  const [restoring, setRestoring] = useState<BackupDto | null>(null);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | undefined>();
  const [undoing, setUndoing] = useState(false);
  const [settings, setSettings] = useState(false);
  const [removed, setRemoved] = useState<RemovedDto[]>([]);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['backup.status'] });
    void queryClient.invalidateQueries({ queryKey: ['backup.list'] });
  };

  const create = useMutation({
    mutationFn: (portable: boolean) => api.backup.create({ portable }),
    onSuccess: (r) => {
      const pruned = r.removed.length ? ` По правилу хранения удалено старых копий: ${r.removed.length} (список — над таблицей).` : '';
      if (r.copyError) notify.info(`Копия создана и проверена. ${r.copyError}${pruned}`);
      else notify.success(`Резервная копия создана и проверена${r.copyPath ? ', копия записана на второй носитель' : ''}.${pruned}`);
      setRemoved(r.removed);
      refresh();
    },
    onError: (e) => notify.error(e),
  });
  const verify = useMutation({
    mutationFn: (b: BackupDto) => api.backup.verify({ id: b.id, location: b.location }),
    onSuccess: (r) => {
      if (!r.ok) notify.error(new Error(`Копия не прошла проверку: ${r.problems.join('; ')}`));
      else notify.success(r.complete ? 'Копия в порядке: контрольная сумма совпадает, целостность подтверждена.' : 'Контрольная сумма совпадает. Копия зашифрована: полная проверка — при восстановлении с паролем.');
      refresh();
    },
    onError: (e) => notify.error(e),
  });
  // After a restore or its undo every session ends: the user logs in to the restored data.
  const restore = useMutation({
    mutationFn: (b: BackupDto) => api.backup.restore({ id: b.id, location: b.location, password: password || null }),
    onSuccess: (r) => {
      setRestoring(null);
      void session.refresh(`База данных восстановлена из копии от ${formatDateTime(r.restoredFrom)}. Прежнее состояние сохранено — восстановление можно отменить в разделе «Резервные копии». Войдите снова.`);
    },
    onError: (e) => (e instanceof ApiError && e.fields.password ? setPasswordError(e.fields.password) : notify.error(e)),
  });
  const undo = useMutation({
    mutationFn: () => api.backup.undoRestore(),
    onSuccess: () => {
      setUndoing(false);
      void session.refresh('Восстановление отменено: база данных возвращена в состояние перед ним. Войдите снова.');
    },
    onError: (e) => {
      setUndoing(false);
      notify.error(e);
    },
  });

  const s = status.data;
  return (
    <>
      <PageHeader
        title="Резервные копии"
        description="Копии базы данных делаются по расписанию, при закрытии программы и вручную; каждая открывается и проверяется, её контрольная сумма записывается. Восстановление из копии можно отменить."
        actions={
          <>
            <Button startIcon={<SettingsOutlined />} onClick={() => setSettings(true)} disabled={!s}>
              Настройки
            </Button>
            {s?.engine === 'sqlite' && (
              <Button onClick={() => create.mutate(true)} disabled={create.isPending} title="Копия, которую можно восстановить и в файл на компьютере, и на сервер PostgreSQL">
                Переносимая копия
              </Button>
            )}
            <Button variant="contained" startIcon={<BackupOutlined />} onClick={() => create.mutate(false)} disabled={create.isPending}>
              Создать копию
            </Button>
          </>
        }
      />
      {(status.isLoading || create.isPending) && <LinearProgress sx={{ mb: 2 }} aria-label="Выполняется" />}
      {status.error && <Alert severity="error">{(status.error as Error).message}</Alert>}
      {s && <BackupStatusCard status={s} />}
      {s?.undo && (
        <Alert
          severity="info"
          sx={{ mb: 2 }}
          action={
            <Button color="inherit" onClick={() => setUndoing(true)}>
              Отменить восстановление
            </Button>
          }
        >
          {formatDateTime(s.undo.restoredAt)} база данных восстановлена из копии
          {s.undo.backupCreatedAt ? ` от ${formatDateTime(s.undo.backupCreatedAt)}` : ''}
          {s.undo.by ? ` (${s.undo.by})` : ''}. Состояние перед восстановлением сохранено.
        </Alert>
      )}
      {removed.length > 0 && (
        <Alert severity="info" sx={{ mb: 2 }} onClose={() => setRemoved([])} data-testid="retention-removed">
          По правилу хранения (копии за сегодня, последние 7 дней, 4 недели, 12 месяцев и по одной за каждый год) удалены:
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {removed.map((r) => (
              <li key={`${r.location}:${r.name}`}>
                {formatDateTime(r.createdAt)} — {KIND_LABELS[r.kind].toLowerCase()}, {r.location === 'main' ? 'этот компьютер' : 'второй носитель'}
              </li>
            ))}
          </Box>
        </Alert>
      )}
      {s?.engine === 'postgres' && (
        <Alert severity="info" sx={{ mb: 2 }}>
          База данных на сервере PostgreSQL: копии переносимые — каждая проверяется целиком и восстанавливается здесь же, на сервер или в файл на
          компьютере. Копии pg_dump, сделанные прежними версиями, восстанавливает администратор сервера программой pg_restore.
        </Alert>
      )}
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label="Резервные копии">
          <TableHead>
            <TableRow>
              <TableCell>Создана</TableCell>
              <TableCell>Вид</TableCell>
              <TableCell>Где</TableCell>
              <TableCell align="right">Размер</TableCell>
              <TableCell>Проверка</TableCell>
              <TableCell align="right">Действия</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(list.data ?? []).map((b) => (
              <TableRow key={`${b.location}:${b.id}`} hover>
                <TableCell>{formatDateTime(b.createdAt)}</TableCell>
                <TableCell>{KIND_LABELS[b.kind]}</TableCell>
                <TableCell>
                  {b.location === 'main' ? 'Этот компьютер' : 'Второй носитель'}
                  {b.engine === 'portable' && <Chip size="small" label="переносимая" sx={{ ml: 1 }} />}
                  {b.encrypted && <Chip size="small" label="зашифрована" sx={{ ml: 1 }} />}
                </TableCell>
                <TableCell align="right">{formatSize(b.sizeBytes)}</TableCell>
                <TableCell>
                  {b.integrityOk ? (
                    <Typography variant="body2" color="success.main">
                      в порядке{b.verifiedAt ? `, ${formatDateTime(b.verifiedAt)}` : ''}
                    </Typography>
                  ) : (
                    <Typography variant="body2" color="error">
                      ошибка: {b.problems[0] ?? 'не проверена'}
                    </Typography>
                  )}
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  <Button size="small" onClick={() => verify.mutate(b)} disabled={verify.isPending}>
                    Проверить
                  </Button>
                  <Button
                    size="small"
                    color="warning"
                    disabled={!b.integrityOk || b.engine === 'postgres'}
                    onClick={() => {
                      setPassword('');
                      setPasswordError(undefined);
                      setRestoring(b);
                    }}
                  >
                    Восстановить
                  </Button>
                </TableCell>
              </TableRow>
            ))}
            {list.data?.length === 0 && (
              <TableRow>
                <TableCell colSpan={6}>
                  <Typography variant="body2" color="text.secondary" sx={{ py: 2, textAlign: 'center' }}>
                    Копий пока нет. Нажмите «Создать копию».
                  </Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <ConfirmDialog
        open={!!restoring}
        title="Восстановить базу данных из копии?"
        confirmLabel="Восстановить"
        danger
        busy={restore.isPending}
        onConfirm={() => restoring && restore.mutate(restoring)}
        onClose={() => setRestoring(null)}
      >
        <Typography variant="body2" sx={{ mb: 1 }}>
          Данные будут возвращены к состоянию на {restoring ? formatDateTime(restoring.createdAt) : ''}. Всё, что внесено позже, из базы уйдёт, но
          не пропадёт: текущая база сначала сохраняется как копия, и восстановление можно отменить.
        </Typography>
        <Typography variant="body2">Копия будет проверена перед восстановлением. Все пользователи выйдут из программы и войдут снова.</Typography>
        {restoring?.encrypted && (
          <TextField
            type="password"
            label="Пароль копии"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={!!passwordError}
            helperText={passwordError ?? 'Пароль, заданный в настройках при создании копии'}
            fullWidth
            sx={{ mt: 2 }}
            autoFocus
          />
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={undoing}
        title="Отменить восстановление?"
        confirmLabel="Отменить восстановление"
        busy={undo.isPending}
        onConfirm={() => undo.mutate()}
        onClose={() => setUndoing(false)}
      >
        <Typography variant="body2">
          База данных вернётся в состояние перед восстановлением. То, что внесено после восстановления, сохранится отдельной копией. Все
          пользователи выйдут из программы и войдут снова.
        </Typography>
      </ConfirmDialog>
      {settings && s && (
        <BackupSettingsDialog
          status={s}
          onClose={(changed) => {
            setSettings(false);
            if (changed) refresh();
          }}
        />
      )}
    </>
  );
}
