import { useQuery, useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { api } from '../api/client';
import { useNotify } from '../components/Notifier';
import { formatDate } from '../i18n/format';
import { FormDialog, SelectField, useEditor } from '../school/kit';
import { DateField } from '../components/DateField';
import { useYear } from '../school/year';

/**
 * Перевод или выбытие по приказу. The marks already given stay on their
 * lessons; the old class's pages show the student as left from the date.
 */
export function MovementDialog({
  kind,
  studentId,
  studentName,
  current,
  onClose,
}: {
  kind: 'transfer' | 'withdrawal';
  studentId: string;
  studentName: string;
  current: { classId: string; className: string; fromDate: string };
  onClose: () => void;
}) {
  const { yearId, today } = useYear();
  const notify = useNotify();
  const qc = useQueryClient();
  const classes = useQuery({ queryKey: ['school.listClasses', yearId], queryFn: () => api.school.listClasses({ yearId: yearId! }), enabled: !!yearId });
  const f = useEditor({ toClassId: '', date: today ?? '', orderNo: '', orderDate: '', reason: '', destination: '' });
  const save = async () => {
    const ok = f.check({
      toClassId: kind === 'transfer' && !f.values.toClassId && 'Выберите класс',
      date: !f.values.date && 'Укажите дату',
      orderNo: !f.values.orderNo.trim() && 'Укажите номер приказа',
    });
    if (!ok) return;
    const common = { studentId, date: f.values.date, orderNo: f.values.orderNo, orderDate: f.values.orderDate || null, reason: f.values.reason || null };
    const r = await f.run(() =>
      kind === 'transfer'
        ? api.contingent.transfer({ ...common, toClassId: f.values.toClassId })
        : api.contingent.withdraw({ ...common, destination: f.values.destination || null }),
    );
    if (r) {
      notify.success(kind === 'transfer' ? `${studentName} переведён(а) с ${formatDate(f.values.date)}.` : `Выбытие ${studentName} оформлено.`);
      await qc.invalidateQueries();
      onClose();
    }
  };
  return (
    <FormDialog
      open
      title={kind === 'transfer' ? `Перевод: ${studentName}` : `Выбытие: ${studentName}`}
      submitLabel={kind === 'transfer' ? 'Перевести' : 'Оформить выбытие'}
      onClose={onClose}
      onSubmit={save}
      busy={f.busy}
      error={f.formError}
    >
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Сейчас — {current.className} (с {formatDate(current.fromDate)}). Отметки, поставленные до даты {kind === 'transfer' ? 'перевода' : 'выбытия'}, остаются
        на своих уроках.
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2 }}>
        {kind === 'transfer' && (
          <SelectField
            {...f.text('toClassId', 'В класс')}
            autoFocus
            options={(classes.data ?? []).filter((c) => c.id !== current.classId).map((c) => ({ value: c.id, label: c.name }))}
          />
        )}
        <DateField {...f.date('date', kind === 'transfer' ? 'Первый день в новом классе' : 'Первый день после выбытия')} />
        <TextField {...f.text('orderNo', '№ приказа')} />
        <DateField {...f.date('orderDate', 'Дата приказа')} />
        {kind === 'withdrawal' && <TextField {...f.text('destination', 'Куда выбыл(а)')} sx={{ gridColumn: 'span 2' }} />}
        <TextField {...f.text('reason', 'Основание')} sx={{ gridColumn: 'span 2' }} />
      </Box>
    </FormDialog>
  );
}
