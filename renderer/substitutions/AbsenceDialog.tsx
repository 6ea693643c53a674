import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ResultOf } from '../../main/core/api/types';
import { api, ApiError, messageOf } from '../api/client';
import { formatShortDate } from '../i18n/format';
import { DateField } from '../components/DateField';
import { dateError } from '../i18n/ru-date';
import { REASONS, type Absence } from './util';

type Saved = ResultOf<'substitutions.saveAbsence'>;
type Reason = (typeof REASONS)[number]['value'];

interface Draft {
  staffId: string | null;
  fromDate: string;
  toDate: string;
  fromLessonNo: string;
  toLessonNo: string;
  reason: Reason;
  note: string;
}

function lessonNo(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

/**
 * Registers (or corrects) a teacher's absence: whole days, or from a lesson
 * on the first day up to a lesson on the last. On saving it lists at once the
 * lessons that need a solution.
 */
export function AbsenceDialog({ date, editing, onClose, onSaved }: { date: string; editing: Absence | null; onClose: () => void; onSaved: () => void }) {
  const staff = useQuery({ queryKey: ['school.listStaff', false], queryFn: () => api.school.listStaff({}) });
  const [draft, setDraft] = useState<Draft>(() =>
    editing
      ? {
          staffId: editing.staffId,
          fromDate: editing.fromDate,
          toDate: editing.toDate,
          fromLessonNo: editing.fromLessonNo?.toString() ?? '',
          toLessonNo: editing.toLessonNo?.toString() ?? '',
          reason: editing.reason,
          note: editing.note ?? '',
        }
      : { staffId: null, fromDate: date, toDate: date, fromLessonNo: '', toLessonNo: '', reason: 'illness', note: '' },
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Saved | null>(null);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setErrors((e) => ({ ...e, [k]: '' }));
  };
  const options = staff.data ?? [];
  const person = options.find((s) => s.id === draft.staffId) ?? null;

  const save = async () => {
    const found: Record<string, string> = {};
    if (!draft.staffId) found.staffId = 'Выберите учителя';
    // The dates on the screen or none: a text that is no date is never saved as the last date that was.
    for (const k of ['fromDate', 'toDate'] as const) {
      const message = dateError(draft[k]);
      if (message) found[k] = message;
    }
    for (const k of ['fromLessonNo', 'toLessonNo'] as const) {
      const n = lessonNo(draft[k]);
      if (n !== null && (!Number.isInteger(n) || n < 1 || n > 12)) found[k] = 'Номер урока — от 1 до 12';
    }
    if (Object.keys(found).length) {
      setErrors(found);
      setError('Проверьте поля, отмеченные красным.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api.substitutions.saveAbsence({
        id: editing?.id,
        staffId: draft.staffId!,
        fromDate: draft.fromDate,
        toDate: draft.toDate,
        fromLessonNo: lessonNo(draft.fromLessonNo),
        toLessonNo: lessonNo(draft.toLessonNo),
        reason: draft.reason,
        note: draft.note.trim() || null,
      });
      setSaved(r);
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fields);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (saved) {
    const open = saved.lessons.filter((l) => !l.solved);
    return (
      <Dialog open onClose={onClose} maxWidth="sm">
        <DialogTitle>Отсутствие зарегистрировано</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {saved.absence.staffName}, {saved.absence.reasonText}, {saved.absence.span}.{' '}
            {open.length > 0 ? `Уроки, для которых нужно решение (${open.length}):` : 'Уроков, требующих решения, нет.'}
          </Typography>
          <List dense aria-label="Уроки без учителя" sx={{ maxHeight: 320, overflow: 'auto' }}>
            {saved.lessons.map((l) => (
              <ListItem key={l.id} disableGutters>
                <ListItemText primary={`${formatShortDate(l.date)}, ${l.lessonNo}-й урок — ${l.label}`} secondary={l.solved ? 'решение уже выбрано' : null} />
              </ListItem>
            ))}
          </List>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button variant="contained" onClick={onClose} autoFocus>
            К урокам дня
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="sm">
      <form
        noValidate
        aria-label="Отсутствие учителя"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void save();
        }}
      >
        <DialogTitle>{editing ? 'Изменить отсутствие' : 'Отсутствие учителя'}</DialogTitle>
        <DialogContent>
          <Box sx={{ pt: 1, display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2 }}>
            <Autocomplete
              sx={{ gridColumn: '1 / -1' }}
              options={options}
              value={person}
              loading={staff.isPending}
              getOptionLabel={(s) => s.fullName}
              renderOption={(props, s) => (
                <li {...props} key={s.id}>
                  <Box>
                    <Typography variant="body2">{s.fullName}</Typography>
                    <Typography variant="caption" color="text.secondary">
                      {s.position}
                    </Typography>
                  </Box>
                </li>
              )}
              onChange={(_e, v) => set('staffId', v?.id ?? null)}
              renderInput={(params) => <TextField {...params} label="Учитель" autoFocus error={!!errors.staffId} helperText={errors.staffId || ' '} />}
              noOptionsText="Сотрудник не найден"
            />
            <DateField label="С" value={draft.fromDate} onChange={(v) => set('fromDate', v)} error={!!errors.fromDate} helperText={errors.fromDate || 'Первый день отсутствия'} />
            <DateField label="По" value={draft.toDate} onChange={(v) => set('toDate', v)} error={!!errors.toDate} helperText={errors.toDate || 'Последний день, включительно'} />
            <TextField
              label="С урока (в первый день)"
              value={draft.fromLessonNo}
              onChange={(e) => set('fromLessonNo', e.target.value)}
              error={!!errors.fromLessonNo}
              helperText={errors.fromLessonNo || 'Пусто — с первого урока'}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
            <TextField
              label="По урок (в последний день)"
              value={draft.toLessonNo}
              onChange={(e) => set('toLessonNo', e.target.value)}
              error={!!errors.toLessonNo}
              helperText={errors.toLessonNo || 'Пусто — до последнего урока'}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
            <TextField select label="Причина" value={draft.reason} onChange={(e) => set('reason', e.target.value as Reason)} helperText=" ">
              {REASONS.map((r) => (
                <MenuItem key={r.value} value={r.value}>
                  {r.label}
                </MenuItem>
              ))}
            </TextField>
            <TextField label="Примечание" value={draft.note} onChange={(e) => set('note', e.target.value)} error={!!errors.note} helperText={errors.note || 'Например, номер больничного листа'} />
          </Box>
          {error && (
            <Alert severity="error" role="alert" sx={{ mt: 1 }}>
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
