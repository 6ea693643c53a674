import Alert from '@mui/material/Alert';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ResultOf } from '../../main/core/api/types';
import { api } from '../api/client';
import { useNotify } from '../components/Notifier';
import { FormDialog, SelectField, useEditor } from '../school/kit';
import { DateField } from '../components/DateField';
import { formatDate } from '../i18n/format';

type Timetables = ResultOf<'timetable.list'>['timetables'];
type Regeneration = NonNullable<ResultOf<'timetable.activate'>['lessons']>;

/** «Создано 120 уроков, убрано 40, оставлено для сверки 2». */
export function regenerationText(r: Regeneration): string {
  const parts = [`создано уроков: ${r.created}`, `изменено: ${r.updated}`, `убрано пустых: ${r.removed}`];
  if (r.kept) parts.push(`оставлено для сверки (в них есть записи): ${r.kept}`);
  return `Уроки с ${formatDate(r.from)} приведены в соответствие с расписанием — ${parts.join(', ')}.`;
}

/** A new timetable: empty, or a copy of another one to change from a date (the second quarter, say). */
export function CreateDialog({ yearId, timetables, onClose, onCreated }: { yearId: string; timetables: Timetables; onClose: () => void; onCreated: (id: string) => void }) {
  const active = timetables.find((t) => t.status === 'active');
  const ed = useEditor({ name: active ? `${active.name} (изменённое)` : 'Основное расписание', validFrom: '', cycleWeeks: '1', copyFromId: active?.id ?? '' });
  const submit = async () => {
    if (!ed.check({ name: !ed.values.name.trim() && 'Введите название', validFrom: !ed.values.validFrom && 'Укажите дату начала' })) return;
    const r = await ed.run(() =>
      api.timetable.create({
        yearId,
        name: ed.values.name,
        validFrom: ed.values.validFrom,
        cycleWeeks: Number(ed.values.cycleWeeks) as 1 | 2,
        copyFromId: ed.values.copyFromId || null,
      }),
    );
    if (r) onCreated(r.id);
  };
  return (
    <FormDialog open title="Новое расписание" onClose={onClose} onSubmit={() => void submit()} busy={ed.busy} error={ed.formError} submitLabel="Создать">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Новое расписание создаётся черновиком: его можно спокойно составить, а затем ввести в действие с выбранной даты. Уроки до этой даты останутся как были.
      </Typography>
      <SelectField
        label="Основа"
        value={ed.values.copyFromId}
        onChange={(e) => ed.set('copyFromId', e.target.value)}
        empty="Пустое расписание"
        options={timetables.map((t) => ({ value: t.id, label: `Копия: ${t.name}` }))}
        helperText=" "
      />
      <TextField {...ed.text('name', 'Название')} autoFocus />
      <DateField {...ed.date('validFrom', 'Действует с')} />
      <SelectField
        label="Цикл"
        value={ed.values.cycleWeeks}
        onChange={(e) => ed.set('cycleWeeks', e.target.value)}
        options={[
          { value: '1', label: 'Одна неделя: все недели одинаковые' },
          { value: '2', label: 'Две недели: чередуются недели А и Б' },
        ]}
        helperText="Неделя А — неделя начала учебного года, дальше недели чередуются."
      />
    </FormDialog>
  );
}

/** Puts a timetable in force from a date: the lessons from that date follow it. */
export function ActivateDialog({ id, name, validFrom, onClose, onDone }: { id: string; name: string; validFrom: string; onClose: () => void; onDone: () => void }) {
  const notify = useNotify();
  const ed = useEditor({ validFrom });
  const submit = async () => {
    if (!ed.check({ validFrom: !ed.values.validFrom && 'Укажите дату' })) return;
    const r = await ed.run(() => api.timetable.activate({ id, validFrom: ed.values.validFrom }));
    if (r) {
      if (r.lessons) notify.success(regenerationText(r.lessons));
      onDone();
    }
  };
  return (
    <FormDialog open title={`Ввести в действие: «${name}»`} onClose={onClose} onSubmit={() => void submit()} busy={ed.busy} error={ed.formError} submitLabel="Ввести в действие">
      <DateField {...ed.date('validFrom', 'Действует с', { helper: 'С этой даты уроки в журнале будут идти по этому расписанию.' })} />
      <Alert severity="info" sx={{ mt: 1 }}>
        Уроки до этой даты останутся как были. Уроки после неё, в которых уже есть тема, отметки или пропуски, не удаляются: если нового места для них нет, они попадут в список «Сверка уроков».
      </Alert>
    </FormDialog>
  );
}

/** Applies an active timetable's later changes to the lessons from a date. */
export function ApplyDialog({ yearId, today, onClose, onDone }: { yearId: string; today: string; onClose: () => void; onDone: () => void }) {
  const notify = useNotify();
  const ed = useEditor({ fromDate: today });
  const submit = async () => {
    if (!ed.check({ fromDate: !ed.values.fromDate && 'Укажите дату' })) return;
    const r = await ed.run(() => api.lessons.generate({ yearId, fromDate: ed.values.fromDate }));
    if (r) {
      notify.success(regenerationText(r));
      onDone();
    }
  };
  return (
    <FormDialog open title="Применить изменения к урокам" onClose={onClose} onSubmit={() => void submit()} busy={ed.busy} error={ed.formError} submitLabel="Применить">
      <DateField {...ed.date('fromDate', 'С даты', { helper: 'Уроки до этой даты не изменятся.' })} />
      <Alert severity="info" sx={{ mt: 1 }}>
        Уроки с записями (тема, отметки, пропуски, замены) не удаляются: те, которым нет места в расписании, попадут в список «Сверка уроков».
      </Alert>
    </FormDialog>
  );
}
