import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { ApiError, api } from '../api/client';
import { LimitedTextField, useTextLimit } from '../components/LimitedTextField';

/** The conclusions and recommendations of a check; then the certificate prints. */
export function CertificateDialog({ ensureCheck, onClose, onPrint, onError }: { ensureCheck(): Promise<string>; onClose(): void; onPrint(checkId: string): void; onError(e: unknown): void }) {
  const [text, setText] = useState('');
  const limit = useTextLimit('checkConclusions');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const finish = async () => {
    setBusy(true);
    setError(null);
    try {
      const id = await ensureCheck();
      await api.control.finishCheck({ id, conclusions: text });
      onPrint(id);
    } catch (e) {
      if (e instanceof ApiError && e.fields.conclusions) setError(e.fields.conclusions);
      else onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="certificate-title">
      <DialogTitle id="certificate-title">Справка по итогам проверки</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          В справку войдут цифры проверки по каждой странице журнала, замечания учителям с отметками об устранении и строки «Со справкой ознакомлены».
        </Typography>
        <LimitedTextField
          autoFocus
          fullWidth
          minRows={5}
          maxRows={14}
          limit={limit}
          label="Выводы и рекомендации"
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={!!error}
          helperText={error ?? ' '}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Отмена</Button>
        <Button variant="contained" onClick={() => void finish()} disabled={busy}>
          Завершить проверку и напечатать справку
        </Button>
      </DialogActions>
    </Dialog>
  );
}
