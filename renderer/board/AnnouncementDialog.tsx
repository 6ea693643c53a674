import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { ResultOf } from '../../main/core/api/types';
import { ApiError, api, messageOf } from '../api/client';
import { useActor, useLedClasses } from '../app/session';
import { DateField } from '../components/DateField';
import { useNotify } from '../components/Notifier';
import { dateError } from '../i18n/ru-date';

export type Announcement = ResultOf<'board.list'>['items'][number];
type Audience = Announcement['audience'];

const GRADES = Array.from({ length: 11 }, (_, i) => i + 1);

/**
 * A new announcement or a change of one. The deputy addresses anyone; a
 * class teacher, the teachers of the class she leads.
 */
export function AnnouncementDialog({ initial, today, onClose }: { initial: Announcement | null; today: string; onClose(): void }) {
  const actor = useActor();
  const led = useLedClasses();
  const deputy = actor.roles.includes('deputy');
  const notify = useNotify();
  const queryClient = useQueryClient();
  const recipients = useQuery({ queryKey: ['messages.recipients'], queryFn: () => api.messages.recipients({}), enabled: deputy });
  const classes = deputy ? (recipients.data?.classes ?? []) : led;
  const [title, setTitle] = useState(initial?.title ?? '');
  const [body, setBody] = useState(initial?.body ?? '');
  const [audience, setAudience] = useState<Audience>(initial?.audience ?? (deputy ? 'all' : 'class'));
  const [classId, setClassId] = useState(initial?.classId ?? (led.length === 1 ? led[0].id : ''));
  const [gradeLevel, setGradeLevel] = useState<number | ''>(initial?.gradeLevel ?? '');
  const [fromDate, setFromDate] = useState(initial?.fromDate ?? today);
  const [toDate, setToDate] = useState(initial?.toDate ?? today);
  const [pinned, setPinned] = useState(initial?.pinned ?? false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const dates = { fromDate: dateError(fromDate), toDate: dateError(toDate) };
    if (dates.fromDate || dates.toDate) {
      setErrors(Object.fromEntries(Object.entries(dates).filter(([, v]) => v)) as Record<string, string>);
      return;
    }
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      await api.board.save({
        id: initial?.id,
        title,
        body,
        audience,
        classId: audience === 'class' ? classId || null : null,
        gradeLevel: audience === 'grade' && gradeLevel !== '' ? gradeLevel : null,
        fromDate,
        toDate,
        pinned,
      });
      await queryClient.invalidateQueries({ queryKey: ['board.list'] });
      notify.success(initial ? 'Объявление изменено.' : 'Объявление опубликовано.');
      onClose();
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fields);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="announcement-title">
      <DialogTitle id="announcement-title">{initial ? 'Объявление' : 'Новое объявление'}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2, pt: '8px !important' }}>
        <TextField label="Заголовок" value={title} onChange={(e) => setTitle(e.target.value)} error={!!errors.title} helperText={errors.title} slotProps={{ htmlInput: { maxLength: 300 } }} autoFocus />
        <TextField label="Текст объявления" value={body} onChange={(e) => setBody(e.target.value)} multiline minRows={4} maxRows={12} error={!!errors.body} helperText={errors.body} />
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
          <TextField select label="Для кого" value={audience} onChange={(e) => setAudience(e.target.value as Audience)} disabled={!deputy}>
            <MenuItem value="all">Всем сотрудникам</MenuItem>
            <MenuItem value="class">Учителям класса</MenuItem>
            <MenuItem value="grade">Учителям параллели</MenuItem>
          </TextField>
          {audience === 'class' && (
            <TextField select label="Класс" value={classId} onChange={(e) => setClassId(e.target.value)} error={!!errors.classId} helperText={errors.classId}>
              {classes.map((c) => (
                <MenuItem key={c.id} value={c.id}>
                  {c.name}
                </MenuItem>
              ))}
            </TextField>
          )}
          {audience === 'grade' && (
            <TextField select label="Параллель" value={gradeLevel} onChange={(e) => setGradeLevel(Number(e.target.value))} error={!!errors.gradeLevel} helperText={errors.gradeLevel}>
              {GRADES.map((g) => (
                <MenuItem key={g} value={g}>
                  {g}-е классы
                </MenuItem>
              ))}
            </TextField>
          )}
          <DateField label="Показывать с" value={fromDate} onChange={setFromDate} error={!!errors.fromDate} helperText={errors.fromDate} />
          <DateField label="по" value={toDate} onChange={setToDate} error={!!errors.toDate} helperText={errors.toDate || 'включительно'} />
        </Box>
        <FormControlLabel control={<Checkbox checked={pinned} onChange={(e) => setPinned(e.target.checked)} />} label="Закрепить вверху доски" />
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Отмена</Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy}>
          {initial ? 'Сохранить' : 'Опубликовать'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
