import { useEffect, type ComponentType } from 'react';
import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import type { Actor } from '../../main/core/api/types';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { UsersScreen } from '../users/UsersScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { SchoolScreen } from '../school/SchoolScreen';
import { MyClassScreen } from '../contingent/MyClassScreen';
import { BackupsScreen } from '../backup/BackupsScreen';
import { ArchiveScreen } from '../archive/ArchiveScreen';
import { YearScreen } from '../year/YearScreen';
import { BackupWarningBanner } from '../backup/BackupWarningBanner';
import { SubstitutionsScreen } from '../substitutions/SubstitutionsScreen';
import { JournalScreen } from '../journal/JournalScreen';
import { MyLessons } from '../journal/MyLessons';
import { DeputyToday } from '../today/DeputyToday';
import { AttendanceScreen } from '../journal/AttendanceWeek';
import { DiaryScreen } from '../diary/DiaryScreen';
import { TimetableScreen } from '../timetable/TimetableScreen';
import { PlansScreen } from '../plans/PlansScreen';
import { ReportsScreen } from '../reports/ReportsScreen';
import { ControlScreen } from '../control/ControlScreen';
import { MyRemarksScreen } from '../control/MyRemarksScreen';
import { Header } from './Header';
import { sectionsFor, type SectionId } from './nav';
import { navigate, useRoute } from './router';
import { useSession, type Status } from './session';
import { RemarksBadge } from '../control/RemarksBadge';
import { MailBadge } from '../messages/MailBadge';
import { MailScreen } from '../messages/MailScreen';
import { BoardScreen } from '../board/BoardScreen';
import { BoardStrip } from '../board/BoardStrip';
import { ConflictsScreen } from '../sync/ConflictsScreen';
import { ConflictsBadge } from '../sync/ConflictsBadge';
import { useSyncStatus } from '../sync/useSyncStatus';

const DRAWER_WIDTH = 232;

/** The screen of every section; a new section does not compile without its screen. */
const SCREENS: Record<SectionId, ComponentType> = {
  today: DeputyToday,
  lessons: MyLessons,
  journal: JournalScreen,
  attendance: AttendanceScreen,
  diary: DiaryScreen,
  myclass: MyClassScreen,
  remarks: MyRemarksScreen,
  timetable: TimetableScreen,
  plans: PlansScreen,
  substitutions: SubstitutionsScreen,
  reports: ReportsScreen,
  control: ControlScreen,
  board: BoardScreen,
  mail: MailScreen,
  conflicts: ConflictsScreen,
  school: SchoolScreen,
  users: UsersScreen,
  archive: ArchiveScreen,
  year: YearScreen,
  backups: BackupsScreen,
  settings: SettingsScreen,
};

/** The frame around every screen: the header and the navigation of the user's roles. */
export function AppFrame({ status, actor }: { status: Status; actor: Actor }) {
  const session = useSession();
  const route = useRoute();
  const sync = useSyncStatus().data;
  const syncUsed = sync !== undefined && ((sync.state !== 'off' && sync.state !== 'postgres') || sync.openConflicts > 0);
  const sections = sectionsFor(actor.roles, (status.session?.ledClasses.length ?? 0) > 0, syncUsed);
  const active = sections.find((s) => s.id === route);
  const ActiveScreen = active ? SCREENS[active.id] : null;

  useEffect(() => {
    // «Конфликты синхронизации» is listed once the sync status is known: an address of it waits for that.
    if (!active && sections.length > 0 && (route !== 'conflicts' || sync !== undefined)) navigate(sections[0].id, { replace: true });
  }, [active, sections, route, sync]);

  // Ctrl+L locks, by the physical key, whatever the keyboard layout.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.code === 'KeyL') {
        e.preventDefault();
        session.lock();
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [session]);

  return (
    <Box sx={{ display: 'flex', height: '100vh' }}>
      <Header status={status} actor={actor} />
      <Drawer
        variant="permanent"
        sx={{
          width: DRAWER_WIDTH,
          flexShrink: 0,
          '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box', bgcolor: 'background.paper' },
        }}
      >
        <Toolbar sx={{ minHeight: '56px !important' }} />
        <Box component="nav" aria-label="Разделы" sx={{ overflowY: 'auto', py: 1 }}>
          <List disablePadding>
            {sections.map((s) => (
              <ListItemButton
                key={s.id}
                selected={s.id === active?.id}
                href={`#/${s.id}`}
                component="a"
                title={s.description}
                sx={{ mx: 1, borderRadius: 1, mb: 0.25 }}
              >
                <ListItemIcon sx={{ minWidth: 36 }}>
                  <s.icon fontSize="small" />
                </ListItemIcon>
                <ListItemText primary={s.title} slotProps={{ primary: { variant: 'body2', sx: { fontWeight: s.id === active?.id ? 600 : 400 } } }} />
                {s.id === 'remarks' && <RemarksBadge />}
                {s.id === 'mail' && <MailBadge />}
                {s.id === 'conflicts' && <ConflictsBadge count={sync?.openConflicts ?? 0} />}
              </ListItemButton>
            ))}
          </List>
        </Box>
      </Drawer>
      <Box component="main" sx={{ flex: 1, minWidth: 0, overflow: 'auto', bgcolor: 'background.default' }}>
        <Toolbar sx={{ minHeight: '56px !important' }} />
        <Box sx={{ p: 3, maxWidth: 1200 }}>
          <BackupWarningBanner actor={actor} route={route} />
          {/* The start screen — where the user lands — carries today's announcements for them. */}
          {active && active.id === sections[0]?.id && <BoardStrip />}
          {active && ActiveScreen && (
            <ErrorBoundary key={active.id}>
              <ActiveScreen />
            </ErrorBoundary>
          )}
        </Box>
      </Box>
    </Box>
  );
}
