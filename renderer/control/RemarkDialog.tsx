import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import type { ParamsOf } from '../../main/core/api/types';
import { ApiError, api, messageOf } from '../api/client';
import { useNotify } from '../components/Notifier';
import { LimitedTextField, useTextLimit } from '../components/LimitedTextField';

export type RemarkDraft = Omit<ParamsOf<'control.addRemark'>, 'text' | 'checkId'> & { text: string; about: string };

/** The deputy writes a remark to a teacher: prefilled from the finding, edited freely. */
export function RemarkDialog({ draft, ensureCheck, onClose, onSaved }: { draft: RemarkDraft; ensureCheck(): Promise<string>; onClose(): void; onSaved(): void }) {
  const limit = useTextLimit('remarkText');
  const notify = useNotify();
  const [text, setText] = useState(draft.text);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const checkId = await ensureCheck();
      const { about: _about, ...rest } = draft;
      await api.control.addRemark({ ...rest, checkId, text });
      notify.success('Замечание записано. Учитель увидит его в разделе «Замечания».');
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields.text ?? e.message) : messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="remark-title">
      <DialogTitle id="remark-title">Замечание учителю</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {draft.about}
        </Typography>
        <LimitedTextField
          autoFocus
          fullWidth
          minRows={3}
          limit={limit}
          label="Текст замечания"
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={!!error}
          helperText={error ?? ' '}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Отмена</Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy}>
          Записать замечание
        </Button>
      </DialogActions>
    </Dialog>
  );
}
