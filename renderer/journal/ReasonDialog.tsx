import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';

/**
 * A correction after the deadline is kept with its reason (seed 002: who,
 * when, old value, new value, reason). The teacher writes it once for the
 * entries that asked for it; without it they stay unsaved in their cells.
 */
export function ReasonDialog({
  message,
  onSubmit,
  onCancel,
  title = 'Причина исправления',
  confirmLabel = 'Исправить',
  cancelLabel = 'Не исправлять',
  hint = 'Например: «Ошибка при вводе», «Работа переписана»',
}: {
  message: string;
  onSubmit(reason: string): void;
  onCancel(): void;
  /** A confirmation rather than a correction (a final mark before the period's last weeks) says so. */
  title?: string;
  confirmLabel?: string;
  cancelLabel?: string;
  hint?: string;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (reason.trim().length < 5) {
      setError('Напишите причину — не короче 5 символов.');
      return;
    }
    onSubmit(reason.trim());
  };
  return (
    <Dialog open onClose={onCancel} aria-labelledby="reason-title">
      <DialogTitle id="reason-title">{title}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {message}
        </Typography>
        <TextField
          autoFocus
          label="Причина"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              submit();
            }
          }}
          error={Boolean(error)}
          helperText={error ?? hint}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{cancelLabel}</Button>
        <Button variant="contained" onClick={submit}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
