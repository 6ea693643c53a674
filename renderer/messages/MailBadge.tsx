import { useQuery } from '@tanstack/react-query';
import Badge from '@mui/material/Badge';
import { api } from '../api/client';

/** Unread messages on «Почта» in the navigation, asked again every minute. */
export function MailBadge() {
  const unread = useQuery({ queryKey: ['messages.unread'], queryFn: () => api.messages.unread({}), refetchInterval: 60_000 });
  const count = unread.data?.count ?? 0;
  if (count === 0) return null;
  return (
    <Badge
      badgeContent={count}
      color="primary"
      max={99}
      sx={{ mr: 1.5, '& .MuiBadge-badge': { position: 'static', transform: 'none' } }}
      slotProps={{ badge: { 'aria-label': `Непрочитанных сообщений: ${count}`, title: `Непрочитанных сообщений: ${count}` } as object }}
      data-testid="mail-badge"
    />
  );
}
