import { useMemo, useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import CssBaseline from '@mui/material/CssBaseline';
import useMediaQuery from '@mui/material/useMediaQuery';
import { ThemeProvider } from '@mui/material/styles';
import { ApiError } from '../api/client';
import { NotifierProvider } from '../components/Notifier';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { FirstRun } from '../auth/FirstRun';
import { LoginScreen } from '../auth/LoginScreen';
import { ChangePasswordScreen } from '../auth/ChangePasswordScreen';
import { LockScreen } from '../auth/LockScreen';
import { RecoveryScreen } from '../auth/RecoveryScreen';
import { AppFrame } from './AppFrame';
import { SessionProvider, useSession } from './session';
import { makeTheme, type ThemeMode } from './theme';
import { ThemeModeContext, loadThemeMode, saveThemeMode } from './theme-mode';
import { JournalGridStyles } from '../journal/JournalGridStyles';

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The core's refusals (rights, validation, a locked session) do not get better by retrying.
        retry: (count, error) => error instanceof ApiError && error.code === 'NETWORK' && count < 2,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
}

/** One screen per phase of the session. */
function Screens() {
  const { phase, refresh } = useSession();
  switch (phase.kind) {
    case 'loading':
      return (
        <Box sx={{ height: '100vh', display: 'grid', placeItems: 'center' }} aria-busy="true">
          <CircularProgress aria-label="Загрузка" />
        </Box>
      );
    case 'offline':
      return (
        <AuthLayout>
          <Alert severity="error" sx={{ mb: 2 }}>
            {phase.message}
          </Alert>
          <Button variant="contained" onClick={() => void refresh()}>
            Повторить
          </Button>
        </AuthLayout>
      );
    case 'damaged':
      return <RecoveryScreen damage={phase.damage} onRestored={(notice) => void refresh(notice)} />;
    case 'setup':
      return <FirstRun />;
    case 'login':
      return (
        <AuthLayout schoolName={phase.status.schoolName || undefined} demo={phase.status.demo}>
          <LoginScreen status={phase.status} notice={phase.notice} />
        </AuthLayout>
      );
    case 'changePassword':
      return (
        <AuthLayout schoolName={phase.status.schoolName || undefined} demo={phase.status.demo} width={480}>
          <ChangePasswordScreen actor={phase.actor} />
        </AuthLayout>
      );
    case 'locked':
      return <LockScreen key={phase.actor.userId} actor={phase.actor} />;
    case 'app':
      return <AppFrame key={phase.actor.userId} status={phase.status} actor={phase.actor} />;
  }
}

export function App() {
  const [queryClient] = useState(makeQueryClient);
  const [mode, setMode] = useState<ThemeMode>(loadThemeMode);
  const reducedMotion = useMediaQuery('(prefers-reduced-motion: reduce)', { noSsr: true });
  const theme = useMemo(() => makeTheme(mode, reducedMotion), [mode, reducedMotion]);
  const themeMode = useMemo(
    () => ({
      mode,
      toggle: () =>
        setMode((m) => {
          const next = m === 'light' ? 'dark' : 'light';
          saveThemeMode(next);
          return next;
        }),
    }),
    [mode],
  );
  return (
    <ThemeModeContext.Provider value={themeMode}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <JournalGridStyles />
        <QueryClientProvider client={queryClient}>
          <NotifierProvider>
            <ErrorBoundary>
              <SessionProvider>
                <Screens />
              </SessionProvider>
            </ErrorBoundary>
          </NotifierProvider>
        </QueryClientProvider>
      </ThemeProvider>
    </ThemeModeContext.Provider>
  );
}
