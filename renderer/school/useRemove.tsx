import { useState, type ReactNode } from 'react';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useNotify } from '../components/Notifier';

/**
 * Deleting asks once and names what goes. A refusal (the record is in use)
 * comes back from the core with its reason, shown as it is.
 */
export function useRemove() {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<{ what: string; run: () => Promise<unknown> } | null>(null);
  const [busy, setBusy] = useState(false);
  const ask = (what: string, run: () => Promise<unknown>) => setPending({ what, run });
  const dialog: ReactNode = (
    <ConfirmDialog
      open={pending !== null}
      title="Удалить запись?"
      confirmLabel="Удалить"
      danger
      busy={busy}
      onClose={() => setPending(null)}
      onConfirm={async () => {
        if (!pending) return;
        setBusy(true);
        try {
          await pending.run();
          notify.success(`Удалено: ${pending.what}.`);
          await queryClient.invalidateQueries();
        } catch (e) {
          notify.error(e);
        } finally {
          setBusy(false);
          setPending(null);
        }
      }}
    >
      <Typography>
        Будет удалено: <strong>{pending?.what}</strong>. Если на запись что-то ссылается, программа откажет и объяснит почему.
      </Typography>
    </ConfirmDialog>
  );
  return { ask, dialog };
}
