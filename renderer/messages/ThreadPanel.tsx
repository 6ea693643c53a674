import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ApiError, api, messageOf } from '../api/client';
import { MessageList } from './MessageList';
import { countOf } from '../i18n/format';

/** «участники: Иванова А. П., Петрова М. И.» or, for a whole class's teachers, «13 участников: …, и ещё 10» (all in the tooltip). */
function participantsLine(names: string[]): string {
  if (names.length <= 4) return `участники: ${names.join(', ')}`;
  return `${countOf(names.length, ['участник', 'участника', 'участников'])}: ${names.slice(0, 3).join(', ')} и ещё ${names.length - 3}`;
}

/** One thread: who is in it, its messages, and the answer box. Opening it marks it read. */
export function ThreadPanel({ threadId }: { threadId: string }) {
  const queryClient = useQueryClient();
  const thread = useQuery({ queryKey: ['messages.thread', threadId], queryFn: () => api.messages.thread({ id: threadId }), refetchInterval: 60_000 });
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const end = useRef<HTMLDivElement>(null);
  const unread = thread.data?.unread ?? 0;

  useEffect(() => {
    if (unread === 0) return;
    void api.messages.markRead({ threadId }).then(() => {
      void queryClient.invalidateQueries({ queryKey: ['messages.unread'] });
      void queryClient.invalidateQueries({ queryKey: ['messages.threads'] });
    });
  }, [threadId, unread, queryClient]);
  // A block body: Chromium's scroll methods now return a promise, which React would take for a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [thread.data?.messages.length]);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.messages.reply({ threadId, body: text });
      setText('');
      await queryClient.invalidateQueries({ queryKey: ['messages.thread', threadId] });
      await queryClient.invalidateQueries({ queryKey: ['messages.threads'] });
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields.body ?? e.message) : messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (thread.isPending) return <CircularProgress aria-label="Загрузка" />;
  if (thread.isError) return <Alert severity="error">{messageOf(thread.error)}</Alert>;
  const t = thread.data;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} aria-label={`Переписка «${t.subject}»`}>
      <Typography variant="h5" component="h2">
        {t.subject}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }} title={t.participants.map((p) => p.name).join('\n')}>
        {t.audienceLabel} · {participantsLine(t.participants.map((p) => p.name))}
      </Typography>
      <Box sx={{ maxHeight: 'calc(100vh - 400px)', overflowY: 'auto', pr: 0.5 }}>
        <MessageList messages={t.messages} />
        <div ref={end} />
      </Box>
      <Box sx={{ mt: 2, display: 'grid', gap: 1 }}>
        <TextField label="Ответ" value={text} onChange={(e) => setText(e.target.value)} multiline minRows={2} maxRows={8} error={!!error} helperText={error ?? ' '} />
        <Box>
          <Button variant="contained" onClick={() => void send()} disabled={busy || !text.trim()}>
            Ответить
          </Button>
        </Box>
      </Box>
    </Paper>
  );
}
