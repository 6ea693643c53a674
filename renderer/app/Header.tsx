import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import MenuBookOutlined from '@mui/icons-material/MenuBookOutlined';
import LockOutlined from '@mui/icons-material/LockOutlined';
import LogoutOutlined from '@mui/icons-material/LogoutOutlined';
import DarkModeOutlined from '@mui/icons-material/DarkModeOutlined';
import LightModeOutlined from '@mui/icons-material/LightModeOutlined';
import type { Actor } from '../../main/core/api/types';
import { actorTitle } from './roles';
import { useSession, type Status } from './session';
import { useThemeMode } from './theme-mode';
import { SyncStatusButton } from '../sync/SyncStatusButton';

export function Header({ status, actor }: { status: Status; actor: Actor }) {
  const session = useSession();
  const theme = useThemeMode();
  const school = status.schoolShortName || status.schoolName || 'Школа';
  return (
    <AppBar position="fixed" sx={{ zIndex: (t) => t.zIndex.drawer + 1, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Toolbar variant="dense" sx={{ gap: 1.5, minHeight: 56 }}>
        <MenuBookOutlined color="primary" />
        <Tooltip title={status.schoolName || school}>
          <Typography variant="subtitle1" component="div" noWrap sx={{ fontWeight: 600, minWidth: 0 }} data-testid="school-name">
            {school}
          </Typography>
        </Tooltip>
        {status.demo && (
          <Tooltip title="Вы работаете в демонстрационной школе: данные вымышленные, настоящая школа не затронута.">
            <Chip label="Демо" color="warning" size="small" />
          </Tooltip>
        )}
        <Box sx={{ flex: 1, minWidth: 8, display: 'flex', justifyContent: 'center' }}>
          <SyncStatusButton actor={actor} />
        </Box>
        <Box sx={{ textAlign: 'right', lineHeight: 1.2, mr: 1, minWidth: 0 }} data-testid="current-user">
          <Typography variant="body2" noWrap sx={{ fontWeight: 600 }}>
            {actor.displayName}
          </Typography>
          <Typography variant="caption" color="text.secondary" noWrap component="div">
            {actorTitle(actor.roles, status.session?.ledClasses ?? [])}
          </Typography>
        </Box>
        <Tooltip title={theme.mode === 'light' ? 'Тёмная тема' : 'Светлая тема'}>
          <IconButton onClick={theme.toggle} aria-label={theme.mode === 'light' ? 'Тёмная тема' : 'Светлая тема'}>
            {theme.mode === 'light' ? <DarkModeOutlined /> : <LightModeOutlined />}
          </IconButton>
        </Tooltip>
        <Tooltip title="Заблокировать сеанс (Ctrl+L), если отходите от компьютера">
          <Button variant="outlined" color="inherit" startIcon={<LockOutlined />} onClick={session.lock}>
            Заблокировать
          </Button>
        </Tooltip>
        <Button color="inherit" startIcon={<LogoutOutlined />} onClick={() => void session.logout()}>
          Выйти
        </Button>
      </Toolbar>
    </AppBar>
  );
}
