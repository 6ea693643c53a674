import { useState } from 'react';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { api } from '../api/client';
import { FormDialog, SelectField } from '../school/kit';
import { downloadFile } from '../substitutions/util';
import { useNotify } from '../components/Notifier';
import type { TimetableData } from './model';

type Scope = 'class' | 'teacher' | 'room' | 'school';

/**
 * Print or save to Excel: a class's, a teacher's or a room's week (or all of
 * them, one to a page), or the whole school on one A3 sheet (FORMS.md §8).
 */
export function PrintDialog({ data, onClose }: { data: TimetableData; onClose: () => void }) {
  const notify = useNotify();
  const [scope, setScope] = useState<Scope>('class');
  const [which, setWhich] = useState('');
  const [format, setFormat] = useState<'pdf' | 'xlsx'>('pdf');
  const [page, setPage] = useState<'A4' | 'A3'>('A4');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const options =
    scope === 'class'
      ? data.classes.map((c) => ({ value: c.id, label: c.name }))
      : scope === 'teacher'
        ? data.teachers.filter((t) => data.entries.some((e) => e.staffId === t.id)).map((t) => ({ value: t.id, label: t.fullName }))
        : data.rooms.filter((r) => data.entries.some((e) => e.roomId === r.id)).map((r) => ({ value: r.id, label: r.name ? `${r.number} — ${r.name}` : r.number }));
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.reports.build({
        report: { kind: 'timetable', timetableId: data.timetable.id, scope, ids: scope === 'school' || !which ? undefined : [which], page: scope === 'school' ? 'A3' : page },
        format,
      });
      if (r.file) {
        downloadFile(r.file);
        notify.success(`Файл «${r.file.fileName}» сохранён`);
        onClose();
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Не удалось сформировать файл.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormDialog open title="Печать расписания" onClose={onClose} onSubmit={() => void submit()} busy={busy} error={error} submitLabel={format === 'pdf' ? 'Сформировать PDF' : 'Сохранить в Excel'}>
      <RadioGroup value={scope} onChange={(e) => { setScope(e.target.value as Scope); setWhich(''); }}>
        <FormControlLabel value="class" control={<Radio />} label="Расписание класса" />
        <FormControlLabel value="teacher" control={<Radio />} label="Расписание учителя" />
        <FormControlLabel value="room" control={<Radio />} label="Занятость кабинета" />
        <FormControlLabel value="school" control={<Radio />} label="Вся школа на одном листе (A3, альбомная)" />
      </RadioGroup>
      {scope !== 'school' && (
        <SelectField label={scope === 'class' ? 'Класс' : scope === 'teacher' ? 'Учитель' : 'Кабинет'} value={which} onChange={(e) => setWhich(e.target.value)} empty="Все — каждый на своей странице" options={options} helperText=" " sx={{ mt: 1 }} />
      )}
      <RadioGroup row value={format} onChange={(e) => setFormat(e.target.value as 'pdf' | 'xlsx')}>
        <FormControlLabel value="pdf" control={<Radio />} label="PDF" />
        <FormControlLabel value="xlsx" control={<Radio />} label="Excel (XLSX)" />
      </RadioGroup>
      {scope !== 'school' && format === 'pdf' && (
        <RadioGroup row value={page} onChange={(e) => setPage(e.target.value as 'A4' | 'A3')}>
          <FormControlLabel value="A4" control={<Radio />} label="A4, альбомная" />
          <FormControlLabel value="A3" control={<Radio />} label="A3, альбомная" />
        </RadioGroup>
      )}
      <Typography variant="caption" color="text.secondary">
        Печатается расписание «{data.timetable.name}».
      </Typography>
    </FormDialog>
  );
}
