import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import LockOutlined from '@mui/icons-material/LockOutlined';
import type { ResultOf } from '../../main/core/api/types';
import { api, messageOf } from '../api/client';
import { useActor } from '../app/session';
import { formatDate } from '../i18n/format';
import { BellsCard } from './BellsCard';
import { Card, FormDialog, SelectField, useEditor } from './kit';
import { DateField } from '../components/DateField';
import { canEditSchool } from './roles';
import { useRemove } from './useRemove';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useNotify } from '../components/Notifier';
import { closedWord } from '../journal/cell-model';
import { useYear, type Year } from './year';

type Calendar = ResultOf<'school.calendar'>;
type Period = Calendar['periods'][number];
type Holiday = Calendar['holidays'][number];

const KIND_OPTIONS = [
  { value: 'quarter', label: 'Четверть' },
  { value: 'trimester', label: 'Триместр' },
  { value: 'half', label: 'Полугодие' },
  { value: 'year', label: 'Учебный год' },
];
const HOLIDAY_KINDS = [
  { value: 'vacation', label: 'Каникулы' },
  { value: 'holiday', label: 'Праздничный день' },
  { value: 'dayOff', label: 'Выходной (перенос)' },
];
const grades = (a: number, b: number) => (a === b ? `${a}` : `${a}–${b}`);

export function YearTab() {
  const { year, yearId } = useYear();
  const editable = canEditSchool(useActor()) && year?.status !== 'closed';
  const calendar = useQuery({ queryKey: ['school.calendar', yearId], queryFn: () => api.school.calendar({ yearId: yearId! }), enabled: !!yearId });
  const [yearDialog, setYearDialog] = useState<'new' | Year | null>(null);
  const [period, setPeriod] = useState<Partial<Period> | null>(null);
  const [holiday, setHoliday] = useState<Partial<Holiday> | null>(null);
  const remove = useRemove();
  const actor = useActor();
  // Closing a period is the deputy's: its pages become read-only (a correction needs the page reopened for a reason).
  const canClose = actor.roles.includes('deputy') && year?.status !== 'closed';
  const [closing, setClosing] = useState<Period | null>(null);

  return (
    <>
      <Card
        title={year ? `Учебный год ${year.name}` : 'Учебный год'}
        subtitle={year ? `${formatDate(year.startDate)} — ${formatDate(year.endDate)}${year.status === 'closed' ? ' · закрыт' : ''}` : 'Учебный год ещё не создан'}
        actions={
          canEditSchool(useActor()) && (
            <Box sx={{ display: 'flex', gap: 1 }}>
              {year && editable && (
                <Button size="small" startIcon={<EditOutlined />} onClick={() => setYearDialog(year)}>
                  Изменить даты
                </Button>
              )}
              <Button size="small" variant={year ? 'outlined' : 'contained'} startIcon={<AddOutlined />} onClick={() => setYearDialog('new')}>
                Новый учебный год
              </Button>
            </Box>
          )
        }
      >
        <Box sx={{ px: 2, pb: 1.5 }}>
          {!year && (
            <Typography color="text.secondary">
              С учебного года начинается настройка школы: затем — учебные периоды, каникулы, режим звонков, классы.
            </Typography>
          )}
        </Box>
      </Card>
      {calendar.isError && <Alert severity="error">{messageOf(calendar.error)}</Alert>}
      {calendar.isPending && yearId && <LinearProgress />}
      {calendar.data && (
        <>
          <Card
            title="Учебные периоды"
            subtitle="Четверти, триместры или полугодия; для разных параллелей — свои (например, четверти в 1–9 и полугодия в 10–11 классах)."
            actions={
              editable && (
                <Button size="small" startIcon={<AddOutlined />} onClick={() => setPeriod(nextPeriod(calendar.data.periods))}>
                  Добавить период
                </Button>
              )
            }
          >
            <Table aria-label="Учебные периоды">
              <TableHead>
                <TableRow>
                  <TableCell>Период</TableCell>
                  <TableCell>Классы</TableCell>
                  <TableCell>Начало</TableCell>
                  <TableCell>Окончание</TableCell>
                  <TableCell>Журнал</TableCell>
                  <TableCell align="right" />
                </TableRow>
              </TableHead>
              <TableBody>
                {calendar.data.periods.map((p) => (
                  <TableRow key={p.id} hover>
                    <TableCell sx={{ fontWeight: 600 }}>{p.name}</TableCell>
                    <TableCell>{grades(p.gradeFrom, p.gradeTo)}</TableCell>
                    <TableCell>{formatDate(p.startDate)}</TableCell>
                    <TableCell>{formatDate(p.endDate)}</TableCell>
                    <TableCell sx={{ color: p.closed ? 'text.primary' : 'text.secondary' }}>{p.closed ? `${capitalize(closedWord(p.name))} для изменений` : 'открыт для записей'}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      {canClose && !p.closed && p.endDate <= calendar.data.today && (
                        <Button size="small" startIcon={<LockOutlined fontSize="small" />} onClick={() => setClosing(p)} aria-label={`Закрыть ${p.name}`}>
                          Закрыть
                        </Button>
                      )}
                      {editable && !p.closed && (
                        <>
                          <IconButton size="small" aria-label={`Изменить ${p.name}`} onClick={() => setPeriod(p)}>
                            <EditOutlined fontSize="small" />
                          </IconButton>
                          <IconButton size="small" aria-label={`Удалить ${p.name}`} onClick={() => remove.ask(`${p.name} (${grades(p.gradeFrom, p.gradeTo)} кл.)`, () => api.school.removePeriod({ id: p.id }))}>
                            <DeleteOutline fontSize="small" />
                          </IconButton>
                        </>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
                {calendar.data.periods.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={6} sx={{ color: 'text.secondary' }}>
                      Периодов пока нет.
                    </TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
          </Card>
          <Card
            title="Каникулы и праздничные дни"
            actions={
              editable && (
                <Button size="small" startIcon={<AddOutlined />} onClick={() => setHoliday({ kind: 'vacation' })}>
                  Добавить
                </Button>
              )
            }
          >
            <Table aria-label="Каникулы и праздничные дни">
              <TableHead>
                <TableRow>
                  <TableCell>Название</TableCell>
                  <TableCell>Вид</TableCell>
                  <TableCell>С</TableCell>
                  <TableCell>По</TableCell>
                  <TableCell align="right" />
                </TableRow>
              </TableHead>
              <TableBody>
                {calendar.data.holidays.map((h) => (
                  <TableRow key={h.id} hover>
                    <TableCell sx={{ fontWeight: 600 }}>{h.name}</TableCell>
                    <TableCell>{HOLIDAY_KINDS.find((k) => k.value === h.kind)?.label}</TableCell>
                    <TableCell>{formatDate(h.startDate)}</TableCell>
                    <TableCell>{formatDate(h.endDate)}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      {editable && (
                        <>
                          <IconButton size="small" aria-label={`Изменить ${h.name}`} onClick={() => setHoliday(h)}>
                            <EditOutlined fontSize="small" />
                          </IconButton>
                          <IconButton size="small" aria-label={`Удалить ${h.name}`} onClick={() => remove.ask(h.name, () => api.school.removeHoliday({ id: h.id }))}>
                            <DeleteOutline fontSize="small" />
                          </IconButton>
                        </>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
                {calendar.data.holidays.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={5} sx={{ color: 'text.secondary' }}>
                      Каникулы ещё не внесены.
                    </TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
          </Card>
          <BellsCard yearId={yearId!} schedules={calendar.data.bellSchedules} editable={editable} />
        </>
      )}
      {yearDialog && <YearDialog year={yearDialog === 'new' ? null : yearDialog} onClose={() => setYearDialog(null)} />}
      {closing && <ClosePeriodDialog period={closing} onClose={() => setClosing(null)} />}
      {period && yearId && <PeriodDialog yearId={yearId} period={period} onClose={() => setPeriod(null)} />}
      {holiday && yearId && <HolidayDialog yearId={yearId} holiday={holiday} onClose={() => setHoliday(null)} />}
      {remove.dialog}
    </>
  );
}

const capitalize = (w: string) => w.charAt(0).toLocaleUpperCase('ru-RU') + w.slice(1);

/** Asks before closing a period, and says what closing means for the teachers. */
function ClosePeriodDialog({ period, onClose }: { period: Period; onClose: () => void }) {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  return (
    <ConfirmDialog
      open
      title={`Закрыть ${period.name}?`}
      confirmLabel="Закрыть период"
      busy={busy}
      onClose={onClose}
      onConfirm={async () => {
        setBusy(true);
        try {
          await api.journal.closePeriod({ periodId: period.id });
          notify.success(`${period.name} ${closedWord(period.name)}: страницы журнала за период открыты только для просмотра.`);
          await queryClient.invalidateQueries();
          onClose();
        } catch (e) {
          notify.error(e);
          setBusy(false);
        }
      }}
    >
      <Typography>
        {period.name} ({grades(period.gradeFrom, period.gradeTo)} кл., {formatDate(period.startDate)} — {formatDate(period.endDate)}) будет {closedWord(period.name)} для изменений: отметки, пропуски,
        темы и итоговые отметки за период станут доступны только для просмотра. Исправить запись можно будет, только если заместитель директора откроет
        страницу журнала, указав причину. Перед закрытием проверьте, что итоговые отметки выставлены.
      </Typography>
    </ConfirmDialog>
  );
}

/** The next period to add: the following quarter of the same grades, or the first quarter for 1–9. */
function nextPeriod(periods: Period[]): Partial<Period> {
  const last = periods[periods.length - 1];
  if (!last) return { kind: 'quarter', ordinal: 1, gradeFrom: 1, gradeTo: 9 };
  return { kind: last.kind, ordinal: last.ordinal + 1, gradeFrom: last.gradeFrom, gradeTo: last.gradeTo };
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries();
}

function YearDialog({ year, onClose }: { year: Year | null; onClose: () => void }) {
  const { setYearId } = useYear();
  const invalidate = useInvalidate();
  const next = new Date().getFullYear();
  const f = useEditor({
    name: year?.name ?? '',
    startDate: year?.startDate ?? `${next}-09-01`,
    endDate: year?.endDate ?? `${next + 1}-05-31`,
  });
  const save = async () => {
    if (!f.check({ startDate: !f.values.startDate && 'Укажите дату', endDate: !f.values.endDate && 'Укажите дату' })) return;
    const r = await f.run(() => api.school.saveYear({ id: year?.id, name: f.values.name || undefined, startDate: f.values.startDate, endDate: f.values.endDate }));
    if (r) {
      setYearId(r.id);
      await invalidate();
      onClose();
    }
  };
  return (
    <FormDialog open title={year ? `Учебный год ${year.name}` : 'Новый учебный год'} onClose={onClose} onSubmit={save} busy={f.busy} error={f.formError}>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2 }}>
        <DateField {...f.date('startDate', 'Начало')} autoFocus />
        <DateField {...f.date('endDate', 'Окончание')} />
      </Box>
      <TextField
        {...f.text('name', 'Название', { helper: 'Если не заполнить, составится из годов: 2026/2027' })}
      />
    </FormDialog>
  );
}

function PeriodDialog({ yearId, period, onClose }: { yearId: string; period: Partial<Period>; onClose: () => void }) {
  const invalidate = useInvalidate();
  const f = useEditor({
    kind: period.kind ?? 'quarter',
    ordinal: String(period.ordinal ?? 1),
    gradeFrom: String(period.gradeFrom ?? 1),
    gradeTo: String(period.gradeTo ?? 9),
    startDate: period.startDate ?? '',
    endDate: period.endDate ?? '',
  });
  const save = async () => {
    const ok = f.check({
      startDate: !f.values.startDate && 'Укажите дату начала',
      endDate: !f.values.endDate && 'Укажите дату окончания',
      gradeTo: Number(f.values.gradeTo) < Number(f.values.gradeFrom) && 'Последняя параллель не может быть меньше первой',
    });
    if (!ok) return;
    const r = await f.run(() =>
      api.school.savePeriod({
        id: period.id,
        yearId,
        kind: f.values.kind as Period['kind'],
        ordinal: Number(f.values.ordinal),
        startDate: f.values.startDate,
        endDate: f.values.endDate,
        gradeFrom: Number(f.values.gradeFrom),
        gradeTo: Number(f.values.gradeTo),
      }),
    );
    if (r) {
      await invalidate();
      onClose();
    }
  };
  const numbers = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ value: String(from + i), label: String(from + i) }));
  return (
    <FormDialog open title={period.id ? `Изменить: ${period.name}` : 'Новый учебный период'} onClose={onClose} onSubmit={save} busy={f.busy} error={f.formError}>
      <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr', columnGap: 2 }}>
        <SelectField {...f.text('kind', 'Вид периода')} options={KIND_OPTIONS} />
        <SelectField {...f.text('ordinal', 'Номер')} options={numbers(1, 4)} />
        <SelectField {...f.text('gradeFrom', 'С параллели')} options={numbers(1, 11)} />
        <SelectField {...f.text('gradeTo', 'По параллель')} options={numbers(1, 11)} />
        <DateField {...f.date('startDate', 'Начало')} autoFocus />
        <DateField {...f.date('endDate', 'Окончание')} />
      </Box>
    </FormDialog>
  );
}

function HolidayDialog({ yearId, holiday, onClose }: { yearId: string; holiday: Partial<Holiday>; onClose: () => void }) {
  const invalidate = useInvalidate();
  const f = useEditor({ name: holiday.name ?? '', kind: holiday.kind ?? 'vacation', startDate: holiday.startDate ?? '', endDate: holiday.endDate ?? '' });
  const save = async () => {
    const ok = f.check({
      name: !f.values.name.trim() && 'Введите название, например «Осенние каникулы»',
      startDate: !f.values.startDate && 'Укажите дату',
      endDate: !f.values.endDate && 'Укажите дату',
    });
    if (!ok) return;
    const r = await f.run(() =>
      api.school.saveHoliday({ id: holiday.id, yearId, name: f.values.name, kind: f.values.kind as Holiday['kind'], startDate: f.values.startDate, endDate: f.values.endDate }),
    );
    if (r) {
      await invalidate();
      onClose();
    }
  };
  return (
    <FormDialog open title={holiday.id ? `Изменить: ${holiday.name}` : 'Каникулы или праздничный день'} onClose={onClose} onSubmit={save} busy={f.busy} error={f.formError}>
      <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr', columnGap: 2 }}>
        <TextField {...f.text('name', 'Название')} autoFocus />
        <SelectField {...f.text('kind', 'Вид')} options={HOLIDAY_KINDS} />
        <DateField {...f.date('startDate', 'С')} />
        <DateField {...f.date('endDate', 'По (включительно)')} />
      </Box>
    </FormDialog>
  );
}
