import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import PictureAsPdfOutlined from '@mui/icons-material/PictureAsPdfOutlined';
import type { ResultOf } from '../../main/core/api/types';
import { api } from '../api/client';
import { useNotify } from '../components/Notifier';
import { formatDateTime } from '../i18n/format';
import { downloadFile } from '../reports/files';

export type ThreadView = ResultOf<'messages.thread'>;

/** «1,2 МБ», «340 КБ». */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`;
  return `${Math.max(1, Math.round(bytes / 1024))} КБ`;
}

/** The messages of a thread, oldest first: who, when, the text as written, the files to save. */
export function MessageList({ messages }: { messages: ThreadView['messages'] }) {
  const notify = useNotify();
  const save = async (id: string) => {
    try {
      downloadFile(await api.messages.attachment({ id }));
    } catch (e) {
      notify.error(e);
    }
  };
  return (
    <Box sx={{ display: 'grid', gap: 1 }} aria-label="Сообщения" role="list">
      {messages.map((m) => (
        <Paper
          key={m.id}
          variant="outlined"
          role="listitem"
          sx={{ p: 1.5, bgcolor: m.mine ? 'action.hover' : 'background.paper', ml: m.mine ? 6 : 0, mr: m.mine ? 0 : 6 }}
        >
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'baseline', mb: 0.5 }}>
            <Typography variant="subtitle2" component="span">
              {m.mine ? 'Вы' : m.fromName}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {formatDateTime(m.sentAt)}
            </Typography>
          </Box>
          {m.body && (
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {m.body}
            </Typography>
          )}
          {m.attachments.map((a) => (
            <Button key={a.id} size="small" variant="outlined" startIcon={<PictureAsPdfOutlined />} sx={{ mt: 1, mr: 1, textTransform: 'none' }} onClick={() => void save(a.id)}>
              {a.fileName} · {fileSize(a.sizeBytes)}
            </Button>
          ))}
        </Paper>
      ))}
    </Box>
  );
}
