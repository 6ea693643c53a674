import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';
import { messageOf } from '../api/client';

interface Note {
  id: number;
  message: string;
  severity: 'success' | 'info' | 'error';
}

interface Notifier {
  success(message: string): void;
  info(message: string): void;
  /** Shows a failed call's Russian message (never a stack trace). */
  error(error: unknown): void;
  /** Hides whatever is shown (when the user locks the screen or leaves). */
  clear(): void;
}

const NotifierContext = createContext<Notifier | null>(null);

export function useNotify(): Notifier {
  const ctx = useContext(NotifierContext);
  if (!ctx) throw new Error('useNotify outside NotifierProvider');
  return ctx;
}

export function NotifierProvider({ children }: { children: ReactNode }) {
  const [note, setNote] = useState<Note | null>(null);
  const show = useCallback((message: string, severity: Note['severity']) => {
    setNote({ id: Date.now(), message, severity });
  }, []);
  const notifier = useMemo<Notifier>(
    () => ({
      success: (m) => show(m, 'success'),
      info: (m) => show(m, 'info'),
      error: (e) => show(messageOf(e), 'error'),
      clear: () => setNote(null),
    }),
    [show],
  );
  const close = () => setNote(null);
  return (
    <NotifierContext.Provider value={notifier}>
      {children}
      <Snackbar
        key={note?.id}
        open={note !== null}
        autoHideDuration={note?.severity === 'error' ? 10_000 : 5_000}
        onClose={(_e, reason) => {
          if (reason !== 'clickaway') close();
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity={note?.severity ?? 'info'} variant="filled" onClose={close} sx={{ minWidth: 360 }}>
          {note?.message}
        </Alert>
      </Snackbar>
    </NotifierContext.Provider>
  );
}
