import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ApiError, api, messageOf } from '../api/client';
import { MessageList } from './MessageList';

/**
 * The discussion of a control check's remark between the deputy and the
 * teacher: the same thread in «Почта», opened here beside the remark.
 */
export function RemarkThreadDialog({ remark, onClose }: { remark: { id: string; text: string }; onClose(): void }) {
  const queryClient = useQueryClient();
  const key = ['messages.topicThread', remark.id];
  const thread = useQuery({ queryKey: key, queryFn: () => api.messages.topicThread({ kind: 'remark', id: remark.id }) });
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const threadId = thread.data?.id;
  const unread = thread.data?.unread ?? 0;
  useEffect(() => {
    if (!threadId || unread === 0) return;
    void api.messages.markRead({ threadId }).then(() => queryClient.invalidateQueries({ queryKey: ['messages.unread'] }));
  }, [threadId, unread, queryClient]);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.messages.send({ to: { kind: 'remark', remarkId: remark.id }, body: text });
      setText('');
      await queryClient.invalidateQueries({ queryKey: key });
      await queryClient.invalidateQueries({ queryKey: ['messages.threads'] });
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields.body ?? e.message) : messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="remark-thread-title">
      <DialogTitle id="remark-thread-title">Обсуждение замечания</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 1.5 }}>
        <Typography variant="body2" color="text.secondary">
          «{remark.text}»
        </Typography>
        {thread.isPending && <CircularProgress aria-label="Загрузка" />}
        {thread.isError && <Alert severity="error">{messageOf(thread.error)}</Alert>}
        {thread.data && <MessageList messages={thread.data.messages} />}
        {thread.data === null && (
          <Typography variant="body2" color="text.secondary">
            Обсуждения ещё нет. Сообщение увидят автор замечания и учитель; переписка сохранится в разделе «Почта».
          </Typography>
        )}
        <TextField label="Сообщение" value={text} onChange={(e) => setText(e.target.value)} multiline minRows={2} maxRows={8} error={!!error} helperText={error ?? ' '} autoFocus />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Закрыть</Button>
        <Button variant="contained" onClick={() => void send()} disabled={busy || !text.trim()}>
          Отправить
        </Button>
      </DialogActions>
    </Dialog>
  );
}
