import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { messageOf } from '../api/client';
import { closedWord } from './cell-model';

/**
 * The deputy opens a closed period's page for corrections, for a stated
 * reason and for some days; the reason goes into the journal of changes.
 */
export function ReopenDialog({
  periodName,
  onSubmit,
  onCancel,
}: {
  periodName: string;
  onSubmit(reason: string, days: number): Promise<void>;
  onCancel(): void;
}) {
  const [reason, setReason] = useState('');
  const [days, setDays] = useState('3');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 30) {
      setError('Укажите срок от 1 до 30 дней.');
      return;
    }
    try {
      await onSubmit(reason.trim(), n);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <Dialog open onClose={onCancel} aria-labelledby="reopen-title">
      <DialogTitle id="reopen-title">Открыть страницу для исправлений</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {periodName} {closedWord(periodName)}. Учитель сможет исправить записи этой страницы в течение указанного срока; причина попадёт в журнал изменений.
        </Typography>
        <TextField label="Причина" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
        <TextField label="Срок, дней" value={days} onChange={(e) => setDays(e.target.value)} sx={{ mt: 1, width: 160 }} />
        {error && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Отмена</Button>
        <Button variant="contained" onClick={() => void submit()}>
          Открыть
        </Button>
      </DialogActions>
    </Dialog>
  );
}
