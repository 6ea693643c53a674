import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { api, ApiError, messageOf } from '../api/client';
import { useNotify } from '../components/Notifier';
import { hoursText, type DayLesson } from './util';

/** The hours a substitution counts and whether it is paid: the rules give the defaults, the deputy corrects. */
export function PayDialog({ lesson, onClose, onSaved }: { lesson: DayLesson; onClose: () => void; onSaved: () => void }) {
  const notify = useNotify();
  const solution = lesson.solution!;
  const [hours, setHours] = useState(hoursText(solution.hours));
  const [paid, setPaid] = useState(solution.paid);
  const [note, setNote] = useState(solution.note ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const n = Number(hours.replace(',', '.').trim());
    if (hours.trim() === '' || Number.isNaN(n)) {
      setErrors({ hours: 'Введите число часов, например 1 или 0,5' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.substitutions.setPay({ id: solution.id!, hours: n, paid, note: note.trim() || null });
      notify.success('Учёт часов замены сохранён.');
      onSaved();
      onClose();
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fields);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="xs">
      <form
        noValidate
        aria-label="Учёт часов замены"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void save();
        }}
      >
        <DialogTitle>Учёт часов</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {lesson.classLabel}, {lesson.lessonNo}-й урок — {solution.text}
          </Typography>
          <TextField label="Часов" value={hours} onChange={(e) => setHours(e.target.value)} error={!!errors.hours} helperText={errors.hours || 'С шагом 0,25'} slotProps={{ htmlInput: { inputMode: 'decimal' } }} autoFocus />
          <FormControlLabel control={<Switch checked={paid} onChange={(e) => setPaid(e.target.checked)} />} label="Оплачивается" />
          <TextField label="Примечание" value={note} onChange={(e) => setNote(e.target.value)} error={!!errors.note} helperText={errors.note || ' '} sx={{ mt: 1 }} />
          {error && (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose} disabled={busy}>
            Отмена
          </Button>
          <Button type="submit" variant="contained" disabled={busy}>
            Сохранить
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
