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
export function ReasonDialog({ message, onSubmit, onCancel }: { message: string; onSubmit(reason: string): void; onCancel(): void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (reason.trim().length < 5) {
      setError('Напишите причину исправления — не короче 5 символов.');
      return;
    }
    onSubmit(reason.trim());
  };
  return (
    <Dialog open onClose={onCancel} aria-labelledby="reason-title">
      <DialogTitle id="reason-title">Причина исправления</DialogTitle>
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
          helperText={error ?? 'Например: «Ошибка при вводе», «Работа переписана»'}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Не исправлять</Button>
        <Button variant="contained" onClick={submit}>
          Исправить
        </Button>
      </DialogActions>
    </Dialog>
  );
}
