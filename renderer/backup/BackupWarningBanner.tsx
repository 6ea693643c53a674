import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import type { Actor } from '../../main/core/api/types';
import { api } from '../api/client';
import { navigate } from '../app/router';

/**
 * Above every screen of an administrator: a warning when the last verified
 * backup is older than a day, or the last attempt or copy failed — so that
 * it is seen without opening «Резервные копии».
 */
export function BackupWarningBanner({ actor, route }: { actor: Actor; route: string }) {
  const admin = actor.roles.includes('admin');
  const status = useQuery({
    queryKey: ['backup.status'],
    queryFn: () => api.backup.status(),
    enabled: admin,
    refetchInterval: 10 * 60_000,
  });
  const warning = status.data?.warnings.find((w) => w.severity !== 'info');
  if (!admin || !warning || route === 'backups') return null;
  return (
    <Alert
      severity={warning.severity}
      sx={{ mb: 2 }}
      data-testid="backup-warning"
      action={
        <Button color="inherit" size="small" onClick={() => navigate('backups')}>
          Резервные копии
        </Button>
      }
    >
      {warning.text}
    </Alert>
  );
}
