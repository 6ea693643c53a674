import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { api } from '../api/client';
import { useActor } from '../app/session';
import { useNotify } from '../components/Notifier';
import { formatDate } from '../i18n/format';
import { Card, SelectField } from '../school/kit';
import { useYear } from '../school/year';
import { CONSENT_LABELS } from './labels';

const POLICIES = [
  { value: 'paperOnly', label: 'Сведения вносятся, родители получают сведения об успеваемости на бумаге' },
  { value: 'noEntry', label: 'Сведения не вносятся: только ФИО и класс' },
];
/** «в ноябре»: month names in the prepositional case. */
const IN_MONTH = ['январе', 'феврале', 'марте', 'апреле', 'мае', 'июне', 'июле', 'августе', 'сентябре', 'октябре', 'ноябре', 'декабре'];

const MONTH_NAMES = ['Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август', 'Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь'];

/** The months of the academic year, for the month of the data check. */
function monthsOf(year: { startDate: string; endDate: string } | null): { value: string; label: string }[] {
  if (!year) return [];
  const out: { value: string; label: string }[] = [];
  let [y, m] = year.startDate.split('-').map(Number);
  const end = year.endDate.slice(0, 7);
  for (let guard = 0; guard < 14; guard++) {
    const value = `${y}-${String(m).padStart(2, '0')}`;
    if (value > end) break;
    out.push({ value, label: `${MONTH_NAMES[m - 1]} ${y}` });
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** Consent to personal-data processing per class, the school's policy, and the class teachers' monthly data checks. */
export function ConsentTab() {
  const { yearId, year, today } = useYear();
  const actor = useActor();
  const notify = useNotify();
  const qc = useQueryClient();
  const [month, setMonth] = useState('');
  const shownMonth = month || (today ?? '').slice(0, 7);
  const without = useQuery({ queryKey: ['contingent.withoutConsent', yearId], queryFn: () => api.contingent.withoutConsent({ yearId: yearId! }), enabled: !!yearId });
  const checks = useQuery({
    queryKey: ['contingent.dataChecks', yearId, shownMonth],
    queryFn: () => api.contingent.dataChecks({ yearId: yearId!, month: shownMonth || undefined }),
    enabled: !!yearId,
  });
  const settings = useQuery({ queryKey: ['settings.getAll'], queryFn: () => api.settings.getAll() });
  const policy = settings.data?.find((s) => s.key === 'contingent.consentPolicy')?.value as string | undefined;
  const setPolicy = useMutation({
    mutationFn: (value: string) => api.settings.set({ key: 'contingent.consentPolicy', value }),
    onSuccess: () => {
      notify.success('Настройка сохранена.');
      void qc.invalidateQueries();
    },
    onError: (e) => notify.error(e),
  });
  if (!yearId) return <Alert severity="info">Сначала создайте учебный год.</Alert>;
  const [y, m] = shownMonth.split('-').map(Number);

  return (
    <>
      <Card title="Согласие на обработку персональных данных (152-ФЗ)" subtitle="Без согласия сведения об обучающемся никогда не выгружаются из программы; родителям выдаются бумажные выписки.">
        <Box sx={{ px: 2, pb: 1 }}>
          <SelectField
            label="Если согласия нет"
            value={policy ?? ''}
            disabled={!actor.roles.includes('admin') || setPolicy.isPending || !policy}
            onChange={(e) => setPolicy.mutate(e.target.value)}
            options={POLICIES}
            helperText={actor.roles.includes('admin') ? 'Выберите, как требует положение об электронном журнале школы' : 'Настройку меняет администратор'}
          />
        </Box>
        <Table size="small" aria-label="Обучающиеся без согласия">
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 80 }}>Класс</TableCell>
              <TableCell sx={{ width: 130, whiteSpace: 'nowrap' }}>Без согласия</TableCell>
              <TableCell>Обучающиеся</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(without.data ?? []).map((c) => (
              <TableRow key={c.classId} data-testid={`no-consent-${c.className}`}>
                <TableCell sx={{ fontWeight: 600 }}>{c.className}</TableCell>
                <TableCell>
                  {c.students.length} из {c.total}
                </TableCell>
                <TableCell>
                  {c.students.map((s) => (
                    <Chip key={s.id} size="small" variant="outlined" color={s.status === 'refused' ? 'error' : 'default'} label={`${s.name} — ${CONSENT_LABELS[s.status]}`} sx={{ mr: 0.5, mb: 0.5 }} />
                  ))}
                </TableCell>
              </TableRow>
            ))}
            {without.data?.length === 0 && (
              <TableRow>
                <TableCell colSpan={3} sx={{ color: 'text.secondary' }}>
                  Согласия получены от всех.
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Card>
      <Card
        title="Проверка данных классными руководителями"
        subtitle="Не реже раза в месяц классный руководитель проверяет сведения об учениках и родителях и отмечает «проверено»."
        actions={
          <SelectField label="Месяц" value={shownMonth} onChange={(e) => setMonth(e.target.value)} options={monthsOf(year)} sx={{ width: 190 }} fullWidth={false} />
        }
      >
        {checks.data && (
          <Box sx={{ px: 2, pb: 1 }}>
            {checks.data.unchecked.length ? (
              <Alert severity="warning" data-testid="unchecked-classes">
                Не проверены в {IN_MONTH[m - 1] ?? ''} {y}: {checks.data.unchecked.join(', ')}
              </Alert>
            ) : (
              <Alert severity="success">Все классы проверены.</Alert>
            )}
          </Box>
        )}
        <Table size="small" aria-label="Проверка данных по классам">
          <TableHead>
            <TableRow>
              <TableCell>Класс</TableCell>
              <TableCell>Классный руководитель</TableCell>
              <TableCell>Проверено</TableCell>
              <TableCell>Кем</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(checks.data?.classes ?? []).map((c) => (
              <TableRow key={c.classId}>
                <TableCell sx={{ fontWeight: 600 }}>{c.className}</TableCell>
                <TableCell>{c.classTeacherName ?? '—'}</TableCell>
                <TableCell>{c.checkedOn ? formatDate(c.checkedOn) : <Typography variant="body2" color="warning.main">не проверено</Typography>}</TableCell>
                <TableCell>{c.checkedBy ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </>
  );
}
