import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { api, messageOf } from '../api/client';
import { formatDateTime } from '../i18n/format';
import { MoveForm } from './MoveForm';
import { TLS_LABELS, type DatabaseStatus, type MoveResult } from './labels';

/**
 * Settings → «База данных» (the administrator's): where the school's
 * database is, where it came from, and the move to a PostgreSQL server or
 * back to a file on this computer (main/core/move/).
 */
export function DatabaseTab() {
  const status = useQuery({ queryKey: ['database.status'], queryFn: () => api.database.status(), staleTime: 0 });
  const [moved, setMoved] = useState<MoveResult | null>(null);
  if (status.isPending) return <LinearProgress />;
  if (status.isError) {
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={() => void status.refetch()}>
            Повторить
          </Button>
        }
      >
        {messageOf(status.error)}
      </Alert>
    );
  }
  return (
    <>
      {moved && (
        <Alert severity="success" sx={{ mb: 2 }} onClose={() => setMoved(null)} data-testid="database-moved">
          Журнал перенесён и проверен: таблиц {moved.tables}, записей {moved.rows.toLocaleString('ru-RU')}, за {moved.seconds.toLocaleString('ru-RU')} с.
          Программа работает с базой данных: {moved.to}
          {moved.server ? ` (${moved.server})` : ''}.{moved.keptFile && ` Прежний файл сохранён только для чтения: ${moved.keptFile}.`}
          {moved.serverLeft && ' База данных на сервере не изменена.'}
        </Alert>
      )}
      <Current status={status.data} />
      {/* A new form after a move: its default is the way back. */}
      <MoveForm
        key={status.data.current}
        status={status.data}
        onMoved={(result) => {
          setMoved(result);
          void status.refetch();
        }}
      />
    </>
  );
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

const Path = ({ children }: { children: ReactNode }) => (
  <Box component="span" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
    {children}
  </Box>
);

function Current({ status }: { status: DatabaseStatus }) {
  const move = status.lastMove;
  return (
    <Paper variant="outlined" sx={{ mb: 2.5, pb: 1 }} data-testid="database-current">
      <Typography variant="h6" component="h2" sx={{ px: 2, pt: 1.5, pb: 0.5 }}>
        Текущая база данных
      </Typography>
      {status.server ? (
        <>
          <Row label="Где">Сервер PostgreSQL</Row>
          <Row label="Сервер">
            <Path>
              {status.server.host}:{status.server.port}
            </Path>
          </Row>
          <Row label="База данных">
            {status.server.database}
            {status.server.schema ? `, схема ${status.server.schema}` : ''}
          </Row>
          <Row label="Пользователь">{status.server.user}</Row>
          <Row label="Подключение">{TLS_LABELS[status.server.tls]}</Row>
        </>
      ) : (
        <>
          <Row label="Где">Файл на этом компьютере (SQLite)</Row>
          <Row label="Файл">
            <Path>{status.file}</Path>
          </Row>
        </>
      )}
      {move && (
        <Row label="Последний перенос">
          {formatDateTime(move.at)}
          {move.by ? `, ${move.by}` : ''}: из {move.from} — проверено таблиц {move.tables}, записей {move.rows.toLocaleString('ru-RU')}, за{' '}
          {move.seconds.toLocaleString('ru-RU')} с.
          {move.keptFile && (
            <Box sx={{ mt: 0.5 }}>
              Прежний файл сохранён только для чтения: <Path>{move.keptFile}</Path>
            </Box>
          )}
          {move.serverLeft && <Box sx={{ mt: 0.5 }}>База данных на сервере ({move.serverLeft}) не изменена.</Box>}
        </Row>
      )}
    </Paper>
  );
}
