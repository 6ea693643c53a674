import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AttachFileOutlined from '@mui/icons-material/AttachFileOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import MailOutlined from '@mui/icons-material/MailOutlined';
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import { api, messageOf } from '../api/client';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime } from '../i18n/format';
import { setHashQuery, useHashQuery } from '../journal/route';
import { ComposeDialog } from './ComposeDialog';
import { ThreadPanel } from './ThreadPanel';

/**
 * «Почта»: the threads the user takes part in, newest first, with the
 * unread ones in bold and counted; search; the open thread on the right with
 * the answer box under it. `#/mail?t=<id>` opens a thread.
 */
export function MailScreen() {
  const query = useHashQuery();
  const open = query.get('t');
  const [search, setSearch] = useState('');
  const [typed, setTyped] = useState('');
  const [composing, setComposing] = useState(false);
  // Search as the user pauses, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const threads = useQuery({
    queryKey: ['messages.threads', search],
    queryFn: () => api.messages.threads(search ? { search } : {}),
    refetchInterval: 60_000,
  });
  const select = (id: string) => setHashQuery('mail', { t: id });

  return (
    <>
      <PageHeader
        title="Почта"
        actions={
          <Button variant="contained" startIcon={<EditOutlined />} onClick={() => setComposing(true)}>
            Написать
          </Button>
        }
      />
      <Box sx={{ display: 'grid', gridTemplateColumns: '380px 1fr', gap: 2, alignItems: 'start' }}>
        <Paper variant="outlined" sx={{ minWidth: 0 }}>
          <Box sx={{ p: 1.5, borderBottom: 1, borderColor: 'divider' }}>
            <TextField
              size="small"
              fullWidth
              placeholder="Поиск по темам и сообщениям"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              slotProps={{ htmlInput: { 'aria-label': 'Поиск в почте' }, input: { startAdornment: <InputAdornment position="start"><SearchOutlined fontSize="small" /></InputAdornment> } }}
            />
          </Box>
          {threads.isPending && <LinearProgress />}
          {threads.isError && <Alert severity="error">{messageOf(threads.error)}</Alert>}
          {threads.data && threads.data.length === 0 && (
            <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
              {search ? `Ничего не найдено по запросу «${search}».` : 'Писем пока нет. Нажмите «Написать», чтобы отправить сообщение коллегам.'}
            </Typography>
          )}
          <List dense disablePadding aria-label="Переписки" sx={{ maxHeight: 'calc(100vh - 230px)', overflowY: 'auto' }}>
            {threads.data?.map((t) => (
              <ListItemButton key={t.id} selected={t.id === open} onClick={() => select(t.id)} divider sx={{ display: 'block', py: 1 }} data-unread={t.unread > 0 ? 'yes' : 'no'}>
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                  <Typography variant="body2" sx={{ fontWeight: t.unread > 0 ? 700 : 500, flex: 1, minWidth: 0 }} noWrap>
                    {t.subject}
                  </Typography>
                  {t.hasAttachments && <AttachFileOutlined sx={{ fontSize: 16, color: 'text.secondary' }} titleAccess="Есть вложения" />}
                  <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(t.lastMessageAt)}
                  </Typography>
                </Box>
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                  <Typography variant="caption" color="text.secondary" noWrap sx={{ flex: 1, minWidth: 0 }}>
                    {t.lastFrom}: {t.preview || 'вложение'}
                  </Typography>
                  {t.unread > 0 && (
                    <Badge badgeContent={t.unread} color="primary" sx={{ mr: 1 }} slotProps={{ badge: { 'aria-label': `Непрочитанных: ${t.unread}` } as object }} />
                  )}
                </Box>
                <Typography variant="caption" color="text.secondary" noWrap component="div">
                  {t.audienceLabel}
                </Typography>
              </ListItemButton>
            ))}
          </List>
        </Paper>
        <Box sx={{ minWidth: 0 }}>
          {open ? (
            <ThreadPanel key={open} threadId={open} />
          ) : (
            <Paper variant="outlined" sx={{ p: 4, textAlign: 'center', color: 'text.secondary' }}>
              <MailOutlined fontSize="large" />
              <Typography variant="body2" sx={{ mt: 1 }}>
                Выберите переписку слева. Сообщения видят только участники переписки.
              </Typography>
            </Paper>
          )}
        </Box>
      </Box>
      {composing && <ComposeDialog onClose={() => setComposing(false)} onSent={select} />}
    </>
  );
}
