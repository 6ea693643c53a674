import Box from '@mui/material/Box';
import { alpha } from '@mui/material/styles';

/**
 * The periods of a page as links styled like tabs. Plain elements: MUI's Tabs
 * measure themselves on every mount, which forces a layout of the whole grid
 * beside them and slows the page's first paint.
 */
export function PeriodTabs({ value, tabs, href }: { value: string; tabs: { id: string; label: string }[]; href(id: string): string }) {
  return (
    <Box
      role="tablist"
      aria-label="Учебный период"
      sx={(theme) => ({
        display: 'flex',
        flexShrink: 0,
        gap: 0.5,
        borderBottom: `1px solid ${theme.palette.divider}`,
        '& a': {
          px: 2,
          py: 0.75,
          fontSize: 14,
          fontWeight: 600,
          whiteSpace: 'nowrap',
          color: 'text.secondary',
          textDecoration: 'none',
          borderBottom: '2px solid transparent',
          mb: '-1px',
          borderRadius: '4px 4px 0 0',
          '&:hover': { bgcolor: alpha(theme.palette.primary.main, 0.06) },
          '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: -2 },
        },
        '& a[aria-selected="true"]': { color: 'primary.main', borderBottomColor: theme.palette.primary.main },
      })}
    >
      {tabs.map((t) => (
        <a key={t.id} role="tab" aria-selected={t.id === value} href={href(t.id)}>
          {t.label}
        </a>
      ))}
    </Box>
  );
}
