import { useQuery } from '@tanstack/react-query';
import Badge from '@mui/material/Badge';
import { api } from '../api/client';

/**
 * The number of the teacher's remarks not yet answered, on «Замечания» in
 * the navigation: a new remark from the deputy is seen without opening the
 * section. Asked again every minute and whenever the window gets focus.
 */
export function RemarksBadge() {
  const open = useQuery({
    queryKey: ['control.myRemarks', 'open'],
    queryFn: () => api.control.myRemarks({ status: 'open' }),
    refetchInterval: 60_000,
  });
  const count = open.data?.length ?? 0;
  if (count === 0) return null;
  return (
    <Badge
      badgeContent={count}
      color="warning"
      max={99}
      sx={{ mr: 1.5, '& .MuiBadge-badge': { position: 'static', transform: 'none' } }}
      slotProps={{ badge: { 'aria-label': `Новых замечаний: ${count}`, title: `Новых замечаний: ${count}` } as object }}
      data-testid="remarks-badge"
    />
  );
}
