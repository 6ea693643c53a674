import { useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { api, ApiError, messageOf } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { PasswordField } from '../components/PasswordField';
import { TLS_LABELS, type DatabaseStatus, type MoveJob, type MoveResult, type TargetCheck, type TlsMode } from './labels';

type Kind = 'postgres' | 'sqlite';

interface ServerFields {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  schema: string;
  tls: TlsMode;
}

const EMPTY_SERVER: ServerFields = { host: '', port: '5432', database: '', user: '', password: '', schema: '', tls: 'off' };

/** The move: where to (a server or a new file), the connection test, then the move with its progress. */
export function MoveForm({ status, onMoved }: { status: DatabaseStatus; onMoved: (result: MoveResult) => void }) {
  const [kind, setKind] = useState<Kind>(status.engine === 'sqlite' ? 'postgres' : 'sqlite');
  const [server, setServer] = useState<ServerFields>(EMPTY_SERVER);
  const [file, setFile] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [check, setCheck] = useState<{ form: string; result: TargetCheck } | null>(null);
  const [testing, setTesting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [job, setJob] = useState<MoveJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const taskRef = useRef<string | null>(null);

  const form = () =>
    kind === 'sqlite'
      ? { kind, file: file.trim() }
      : {
          kind,
          host: server.host.trim(),
          port: Number(server.port),
          database: server.database.trim(),
          user: server.user.trim(),
          password: server.password,
          tls: server.tls,
          schema: server.schema.trim() || null,
        };
  const key = JSON.stringify(form());
  const tested = check && check.form === key ? check.result : null;
  const blocked = status.envOverride
    ? 'Адрес базы данных задан переменной окружения KZ_DATABASE_URL: программа не может сменить базу данных сама.'
    : kind === 'postgres' && status.syncConfigured
      ? 'На этом компьютере включена синхронизация через общую папку. На сервере PostgreSQL общая база — сам сервер, и общая папка вместе с ним не используется: сначала отключите общую папку (вкладка «Общая папка»), затем переносите журнал.'
      : null;

  // Progress of the running move, pushed by the core to this session.
  useEffect(
    () =>
      window.api.on('progress', (e) => {
        if (e.taskId === taskRef.current) setJob((j) => (j && j.status === 'running' ? { ...j, done: e.done, total: e.total, label: e.label } : j));
      }),
    [],
  );

  const edit = (name: keyof ServerFields) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setServer((s) => ({ ...s, [name]: e.target.value }));
    setFields((f) => ({ ...f, [name]: '' }));
  };

  const test = async () => {
    setTesting(true);
    setError(null);
    try {
      setCheck({ form: key, result: await api.database.test(form() as never) });
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) setFields(e.fields);
      else setError(messageOf(e));
    } finally {
      setTesting(false);
    }
  };

  const move = async () => {
    setConfirming(false);
    setError(null);
    try {
      const started = await api.database.move(form() as never);
      taskRef.current = started.taskId;
      setJob(started);
      // Answered when the move has ended: calls wait while it holds the program's queue.
      let view = await api.database.moveJob({ taskId: started.taskId });
      while (view.status === 'running') {
        await new Promise((r) => setTimeout(r, 500));
        view = await api.database.moveJob({ taskId: started.taskId });
      }
      setJob(view);
      if (view.status === 'done' && view.result) onMoved(view.result);
    } catch (e) {
      setJob(null);
      setError(messageOf(e));
    }
  };

  const running = job?.status === 'running';
  const percent = job ? Math.floor((100 * job.done) / Math.max(job.total, 1)) : 0;
  const where = kind === 'postgres' ? 'на сервер PostgreSQL' : 'в файл на этом компьютере';
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="database-move">
      <Typography variant="h6" component="h2" sx={{ mb: 0.5 }}>
        Перенести журнал
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        Все записи копируются в новую базу данных и сверяются по каждой таблице (число записей и контрольная сумма). Если хоть одна таблица не
        совпадёт, перенос отменяется и журнал остаётся там, где был. Пока идёт перенос, работа с журналом приостанавливается.
      </Typography>
      <RadioGroup row value={kind} onChange={(_e, v) => setKind(v as Kind)} sx={{ mb: 1 }}>
        <FormControlLabel value="postgres" control={<Radio />} label="На сервер PostgreSQL" disabled={running} />
        <FormControlLabel value="sqlite" control={<Radio />} label="В файл на этом компьютере" disabled={running} />
      </RadioGroup>
      {kind === 'postgres' && (
        <Alert severity="info" sx={{ mb: 2, maxWidth: 860 }} data-testid="database-offline-note">
          На сервере все компьютеры школы работают с одной базой данных, но только пока есть связь с сервером: без сети изменения не сохраняются.
          Если компьютерам нужно работать и без сети, используйте вместо сервера общую папку (вкладка «Общая папка») — вместе с сервером она не
          включается.
        </Alert>
      )}
      {kind === 'postgres' ? (
        <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 110px 1fr', gap: 2, maxWidth: 860 }}>
          <TextField label="Адрес сервера" value={server.host} onChange={edit('host')} error={!!fields.host} helperText={fields.host || 'Имя компьютера или IP-адрес'} disabled={running} />
          <TextField label="Порт" value={server.port} onChange={edit('port')} error={!!fields.port} helperText={fields.port} disabled={running} inputMode="numeric" />
          <TextField label="База данных" value={server.database} onChange={edit('database')} error={!!fields.database} helperText={fields.database} disabled={running} />
          <TextField label="Пользователь" value={server.user} onChange={edit('user')} error={!!fields.user} helperText={fields.user} disabled={running} autoComplete="off" />
          <PasswordField label="Пароль" value={server.password} onChange={edit('password')} error={!!fields.password} helperText={fields.password} disabled={running} autoComplete="new-password" sx={{ gridColumn: 'span 2' }} />
          <TextField
            select
            label="Защита подключения"
            value={server.tls}
            onChange={(e) => setServer((s) => ({ ...s, tls: e.target.value as TlsMode }))}
            disabled={running}
            helperText={server.tls === 'off' ? 'Только в сети школы' : ' '}
            sx={{ gridColumn: 'span 2' }}
          >
            {(Object.keys(TLS_LABELS) as TlsMode[]).map((m) => (
              <MenuItem key={m} value={m}>
                {TLS_LABELS[m][0].toUpperCase() + TLS_LABELS[m].slice(1)}
              </MenuItem>
            ))}
          </TextField>
          <TextField label="Схема (необязательно)" value={server.schema} onChange={edit('schema')} error={!!fields.schema} helperText={fields.schema || 'Если в базе есть другие данные'} disabled={running} />
        </Box>
      ) : (
        <TextField
          label="Новый файл базы данных"
          value={file}
          onChange={(e) => {
            setFile(e.target.value);
            setFields({});
          }}
          error={!!fields.file}
          helperText={fields.file || 'Полный путь, например C:\\Журнал\\school.sqlite. Файла ещё не должно быть.'}
          disabled={running}
          fullWidth
          sx={{ maxWidth: 860 }}
        />
      )}
      {blocked && (
        <Alert severity="warning" sx={{ mt: 2 }}>
          {blocked}
        </Alert>
      )}
      {tested && !running && job?.status !== 'done' && (
        <Alert severity={tested.ok ? 'success' : 'error'} sx={{ mt: 2 }} data-testid="database-test-result">
          {tested.message}
        </Alert>
      )}
      {error && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {error}
        </Alert>
      )}
      {job && (
        <Box sx={{ mt: 2 }} aria-live="polite" data-testid="database-move-progress">
          {running && (
            <>
              <Typography variant="body2" sx={{ mb: 1 }}>
                Перенос {where}: {job.label} ({percent}%)
              </Typography>
              <LinearProgress variant="determinate" value={percent} aria-label="Ход переноса" />
            </>
          )}
          {job.status === 'failed' && <Alert severity="error">{job.error}</Alert>}
        </Box>
      )}
      <Box sx={{ display: 'flex', gap: 1, mt: 2 }}>
        <Button variant="outlined" onClick={() => void test()} disabled={testing || running || !!blocked}>
          {testing ? 'Проверка подключения…' : 'Проверить подключение'}
        </Button>
        <Button variant="contained" onClick={() => setConfirming(true)} disabled={!tested?.ok || running || testing || !!blocked}>
          Перенести
        </Button>
      </Box>
      <ConfirmDialog
        open={confirming}
        title={`Перенести журнал ${where}?`}
        confirmLabel="Перенести"
        onConfirm={() => void move()}
        onClose={() => setConfirming(false)}
      >
        <Typography variant="body2" sx={{ mb: 1 }}>
          Все записи будут скопированы в {tested?.target} и сверены по каждой таблице. Пока идёт перенос (для большой школы — несколько минут),
          сохранить изменения в журнале нельзя: попросите коллег подождать.
        </Typography>
        <Typography variant="body2">
          {status.engine === 'sqlite'
            ? 'После переноса программа будет работать с новой базой данных; прежний файл сохранится на этом компьютере только для чтения.'
            : 'После переноса программа на этом компьютере будет работать с новой базой данных; база на сервере останется без изменений. Сначала закройте программу на других компьютерах школы: они подключены к серверу и продолжили бы записывать туда.'}
        </Typography>
      </ConfirmDialog>
    </Paper>
  );
}
