import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { SvgIconComponent } from '@mui/icons-material';

/** An honest empty state: what will be here, no invented data. */
export function EmptyState({
  icon: Icon,
  title,
  children,
}: {
  icon: SvgIconComponent;
  title: string;
  children?: ReactNode;
}) {
  return (
    <Paper variant="outlined" sx={{ px: 4, py: 6, textAlign: 'center' }}>
      <Box
        sx={{
          width: 64,
          height: 64,
          borderRadius: '50%',
          mx: 'auto',
          mb: 2,
          display: 'grid',
          placeItems: 'center',
          bgcolor: 'action.hover',
          color: 'primary.main',
        }}
      >
        <Icon fontSize="large" />
      </Box>
      <Typography variant="h5" component="h2" gutterBottom>
        {title}
      </Typography>
      <Box sx={{ color: 'text.secondary', maxWidth: 620, mx: 'auto' }}>{children}</Box>
    </Paper>
  );
}
