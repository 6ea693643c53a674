import Badge from '@mui/material/Badge';

/** The number of sync conflicts waiting for a decision, on «Конфликты синхронизации» in the navigation (from the app bar's status). */
export function ConflictsBadge({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <Badge
      badgeContent={count}
      color="error"
      max={99}
      sx={{ mr: 1.5, '& .MuiBadge-badge': { position: 'static', transform: 'none' } }}
      slotProps={{ badge: { 'aria-label': `Нерешённых конфликтов: ${count}`, title: `Нерешённых конфликтов: ${count}` } as object }}
      data-testid="conflicts-badge"
    />
  );
}
