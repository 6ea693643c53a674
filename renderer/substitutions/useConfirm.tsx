import { useState, type ReactNode } from 'react';
import Typography from '@mui/material/Typography';
import { ApiError } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useNotify } from '../components/Notifier';

interface Pending {
  warnings: string[];
  run: () => Promise<void>;
}

/**
 * A change the core may answer with warnings (a teacher blocked at that time,
 * over the daily maximum, a second solution for one lesson): the warnings are
 * shown, and the change is saved only when the deputy confirms it — never
 * silently. Hard conflicts are shown as errors.
 */
export function useConfirm(): {
  attempt: <T>(work: (confirm: boolean) => Promise<T>, done: (result: T) => void, fail?: (e: unknown) => void) => Promise<void>;
  dialog: ReactNode;
} {
  const notify = useNotify();
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);

  const attempt = async <T,>(work: (confirm: boolean) => Promise<T>, done: (result: T) => void, fail: (e: unknown) => void = (e) => notify.error(e)) => {
    try {
      done(await work(false));
    } catch (e) {
      if (e instanceof ApiError && e.details?.needsConfirm) {
        const warnings = Array.isArray(e.details.warnings) ? (e.details.warnings as string[]) : [e.message];
        setPending({
          warnings,
          run: async () => {
            try {
              done(await work(true));
            } catch (again) {
              fail(again);
            }
          },
        });
      } else fail(e);
    }
  };

  const dialog = (
    <ConfirmDialog
      open={!!pending}
      title="Подтвердите изменение"
      confirmLabel="Сохранить"
      busy={busy}
      onClose={() => setPending(null)}
      onConfirm={() => {
        if (!pending) return;
        setBusy(true);
        void pending.run().finally(() => {
          setBusy(false);
          setPending(null);
        });
      }}
    >
      {pending?.warnings.map((w) => (
        <Typography key={w} variant="body2" sx={{ mb: 1 }}>
          {w}
        </Typography>
      ))}
    </ConfirmDialog>
  );
  return { attempt, dialog };
}
