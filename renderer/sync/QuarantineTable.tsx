import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { api } from '../api/client';
import { useNotify } from '../components/Notifier';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { formatDateTime } from '../i18n/format';
import { QUARANTINE_REASONS, sizeText, type QuarantinedFile } from './labels';

/**
 * Files of the folder this computer refused to apply (forged, damaged, from
 * an unknown computer): never applied, kept aside, shown with the reason. The
 * administrator may send one back to be read again once the cause is fixed.
 */
export function QuarantineTable({ files }: { files: QuarantinedFile[] }) {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [releasing, setReleasing] = useState<QuarantinedFile | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Paper variant="outlined" sx={{ mb: 2.5 }}>
      <Typography variant="h6" component="h2" sx={{ px: 2, pt: 1.5, pb: 1 }}>
        Файлы в карантине
      </Typography>
      {files.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ px: 2, pb: 2 }}>
          Нет: все файлы общей папки, прочитанные этим компьютером, прошли проверку подлинности.
        </Typography>
      ) : (
        <Table size="small" data-testid="sync-quarantine">
          <TableHead>
            <TableRow>
              <TableCell>Файл в общей папке</TableCell>
              <TableCell>Причина</TableCell>
              <TableCell>Когда</TableCell>
              <TableCell align="right">Размер</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {files.map((f) => (
              <TableRow key={f.id}>
                <TableCell sx={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>{f.sharePath}</TableCell>
                <TableCell>
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {QUARANTINE_REASONS[f.reason]}
                  </Typography>
                  <Typography variant="caption" color="text.secondary" component="div">
                    {f.message}
                  </Typography>
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(f.at)}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {sizeText(f.size)}
                </TableCell>
                <TableCell align="right">
                  <Button size="small" onClick={() => setReleasing(f)}>
                    Проверить снова
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ConfirmDialog
        open={releasing !== null}
        title="Проверить файл снова?"
        confirmLabel="Проверить снова"
        busy={busy}
        onClose={() => setReleasing(null)}
        onConfirm={() => {
          if (!releasing) return;
          setBusy(true);
          api.sync
            .releaseQuarantined({ id: releasing.id })
            .then(async () => {
              notify.success('Файл снят с карантина: при следующей синхронизации он будет прочитан снова. Если он и теперь не пройдёт проверку, он вернётся в карантин.');
              setReleasing(null);
              await queryClient.invalidateQueries({ queryKey: ['sync.folder'] });
            })
            .catch((e: unknown) => notify.error(e))
            .finally(() => setBusy(false));
        }}
      >
        <Typography variant="body2">
          Файл «{releasing?.sharePath}» будет прочитан при следующей синхронизации. Делайте это, только если причина устранена (например, файл был
          дописан не до конца). Применяется только файл, прошедший проверку подлинности.
        </Typography>
      </ConfirmDialog>
    </Paper>
  );
}
