import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import MenuBookOutlined from '@mui/icons-material/MenuBookOutlined';

/** The frame of the screens before the app: the program's and the school's name on top, one card below. */
export function AuthLayout({
  schoolName,
  demo,
  width = 440,
  children,
}: {
  schoolName?: string;
  demo?: boolean;
  width?: number;
  children: ReactNode;
}) {
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
      <Box
        component="header"
        sx={{ display: 'flex', alignItems: 'center', gap: 1.5, px: 3, py: 1.5, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}
      >
        <MenuBookOutlined color="primary" />
        <Typography variant="subtitle1" component="div" sx={{ fontWeight: 600 }}>
          Классный журнал
        </Typography>
        {schoolName && (
          <Typography variant="body2" color="text.secondary" noWrap sx={{ ml: 1, minWidth: 0 }} data-testid="school-name">
            — {schoolName}
          </Typography>
        )}
        {demo && <Chip label="Демо" color="warning" size="small" sx={{ ml: 1 }} />}
      </Box>
      <Box component="main" sx={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', p: 3 }}>
        <Paper variant="outlined" sx={{ width: '100%', maxWidth: width, p: 4 }}>
          {children}
        </Paper>
      </Box>
    </Box>
  );
}
