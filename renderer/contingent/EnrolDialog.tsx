import { useQuery, useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { api } from '../api/client';
import { useNotify } from '../components/Notifier';
import { FormDialog, SelectField, useEditor } from '../school/kit';
import { DateField } from '../components/DateField';
import { useYear } from '../school/year';
import { SEX_OPTIONS } from './labels';

/** Зачисление по приказу: the new student's record, the class, the order, and the consent if the parents were asked. */
export function EnrolDialog({ classId, onClose }: { classId: string; onClose: () => void }) {
  const { yearId, year, today } = useYear();
  const notify = useNotify();
  const qc = useQueryClient();
  const classes = useQuery({ queryKey: ['school.listClasses', yearId], queryFn: () => api.school.listClasses({ yearId: yearId! }), enabled: !!yearId });
  const day = year && today ? (today < year.startDate ? year.startDate : today > year.endDate ? year.endDate : today) : '';
  const f = useEditor({
    lastName: '',
    firstName: '',
    middleName: '',
    birthDate: '',
    sex: '',
    classId,
    date: day,
    orderNo: '',
    orderDate: '',
    consent: 'not_asked',
    consentDate: '',
    consentDocument: '',
  });
  const save = async () => {
    const ok = f.check({
      'student.lastName': !f.values.lastName.trim() && 'Введите фамилию',
      'student.firstName': !f.values.firstName.trim() && 'Введите имя',
      classId: !f.values.classId && 'Выберите класс',
      date: !f.values.date && 'Укажите дату зачисления',
      orderNo: !f.values.orderNo.trim() && 'Укажите номер приказа',
      'consent.date': f.values.consent !== 'not_asked' && !f.values.consentDate && 'Укажите дату заявления',
    });
    if (!ok) return;
    const r = await f.run(() =>
      api.contingent.enrol({
        student: {
          lastName: f.values.lastName,
          firstName: f.values.firstName,
          middleName: f.values.middleName || null,
          birthDate: f.values.birthDate || null,
          sex: (f.values.sex || null) as 'm' | 'f' | null,
        },
        classId: f.values.classId,
        date: f.values.date,
        orderNo: f.values.orderNo,
        orderDate: f.values.orderDate || null,
        consent:
          f.values.consent === 'not_asked'
            ? undefined
            : { status: f.values.consent as 'given' | 'refused', date: f.values.consentDate || null, document: f.values.consentDocument || null },
      }),
    );
    if (r) {
      notify.success(`${f.values.lastName} ${f.values.firstName} зачислен(а).`);
      await qc.invalidateQueries();
      onClose();
    }
  };
  const s = (key: 'lastName' | 'firstName' | 'middleName' | 'birthDate' | 'sex', label: string) => f.text(key, label, { errorKey: `student.${key}` });
  return (
    <FormDialog open maxWidth="md" title="Зачисление обучающегося" submitLabel="Зачислить" onClose={onClose} onSubmit={save} busy={f.busy} error={f.formError}>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', columnGap: 2 }}>
        <TextField {...s('lastName', 'Фамилия')} autoFocus />
        <TextField {...s('firstName', 'Имя')} />
        <TextField {...s('middleName', 'Отчество')} />
        <DateField {...f.date('birthDate', 'Дата рождения', { errorKey: 'student.birthDate' })} />
        <SelectField {...s('sex', 'Пол')} empty="не указан" options={SEX_OPTIONS} />
      </Box>
      <Divider sx={{ my: 1 }} />
      <Typography variant="subtitle2" sx={{ mb: 1 }}>
        Приказ о зачислении
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', columnGap: 2 }}>
        <SelectField {...f.text('classId', 'Класс')} options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        <DateField {...f.date('date', 'Дата зачисления')} />
        <TextField {...f.text('orderNo', '№ приказа')} />
        <DateField {...f.date('orderDate', 'Дата приказа')} />
      </Box>
      <Divider sx={{ my: 1 }} />
      <Typography variant="subtitle2" sx={{ mb: 1 }}>
        Согласие на обработку персональных данных
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 2fr', columnGap: 2 }}>
        <SelectField
          {...f.text('consent', 'Состояние')}
          options={[
            { value: 'not_asked', label: 'не запрашивалось' },
            { value: 'given', label: 'получено' },
            { value: 'refused', label: 'отказ' },
          ]}
        />
        <DateField {...f.date('consentDate', 'Дата заявления', { errorKey: 'consent.date' })} disabled={f.values.consent === 'not_asked'} />
        <TextField {...f.text('consentDocument', 'Документ', { helper: 'Например, «Заявление № 12»' })} disabled={f.values.consent === 'not_asked'} />
      </Box>
    </FormDialog>
  );
}
