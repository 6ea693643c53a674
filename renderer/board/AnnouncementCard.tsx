import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import PushPinOutlined from '@mui/icons-material/PushPinOutlined';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import { api } from '../api/client';
import { useNotify } from '../components/Notifier';
import { formatDate } from '../i18n/format';
import { printPdf } from '../reports/files';
import type { Announcement } from './AnnouncementDialog';

/** «на 23.11.2026», «с 23.11.2026 по 25.11.2026». */
export function spanText(a: { fromDate: string; toDate: string }): string {
  return a.fromDate === a.toDate ? `на ${formatDate(a.fromDate)}` : `с ${formatDate(a.fromDate)} по ${formatDate(a.toDate)}`;
}

/** One announcement: pinned ones marked, the text as written, who and for whom; print, and change for its author. */
export function AnnouncementCard({ a, onEdit, onRemove, compact = false }: { a: Announcement; onEdit?(): void; onRemove?(): void; compact?: boolean }) {
  const notify = useNotify();
  const print = async () => {
    try {
      printPdf(await api.board.print({ id: a.id }));
    } catch (e) {
      notify.error(e);
    }
  };
  return (
    <Paper variant="outlined" sx={{ p: compact ? 1.5 : 2, borderLeft: 4, borderLeftColor: a.pinned ? 'warning.main' : 'divider' }} role="article" aria-label={a.title} data-testid="announcement">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        {a.pinned && <PushPinOutlined fontSize="small" color="warning" titleAccess="Закреплено" />}
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, flex: 1, minWidth: 0 }}>
          {a.title}
        </Typography>
        <Button size="small" startIcon={<PrintOutlined />} onClick={() => void print()}>
          Печать
        </Button>
        {a.mayEdit && onEdit && (
          <Button size="small" onClick={onEdit}>
            Изменить
          </Button>
        )}
        {a.mayEdit && onRemove && (
          <Button size="small" color="error" onClick={onRemove}>
            Снять
          </Button>
        )}
      </Box>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', mt: 0.5, ...(compact ? { display: '-webkit-box', WebkitLineClamp: 6, WebkitBoxOrient: 'vertical', overflow: 'hidden' } : {}) }}>
        {a.body}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 0.5 }}>
        {a.audienceText} · {spanText(a)} · {a.authorName}
      </Typography>
    </Paper>
  );
}
