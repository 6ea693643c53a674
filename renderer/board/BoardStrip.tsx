import { useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { api } from '../api/client';
import { countOf } from '../i18n/format';
import { AnnouncementCard } from './AnnouncementCard';

const SHOWN = 3;

/**
 * Today's announcements for this person, on their start screen: the pinned
 * first, at most three, the rest one click away on «Объявления». Nothing at
 * all when there are none: the start screen stays the day's work.
 */
export function BoardStrip() {
  const board = useQuery({ queryKey: ['board.list', 'current'], queryFn: () => api.board.list({ scope: 'current' }), refetchInterval: 5 * 60_000 });
  const items = board.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Box component="section" aria-label="Объявления на сегодня" sx={{ mb: 2.5, display: 'grid', gap: 1 }}>
      {items.slice(0, SHOWN).map((a) => (
        <AnnouncementCard key={a.id} a={a} compact />
      ))}
      {items.length > SHOWN && (
        <Typography variant="body2">
          <Link href="#/board">Ещё {countOf(items.length - SHOWN, ['объявление', 'объявления', 'объявлений'])} на доске</Link>
        </Typography>
      )}
    </Box>
  );
}
