import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import type { ResultOf } from '../../main/core/api/types';
import { api } from '../api/client';
import { useActor } from '../app/session';
import { useNotify } from '../components/Notifier';
import { Card, FormDialog, SelectField, parseNumber, showNumber, useEditor } from './kit';
import { canEditSchool } from './roles';
import { useRemove } from './useRemove';

type Lists = ResultOf<'school.subjects'>;
type Subject = Lists['subjects'][number];
type WorkType = Lists['workTypes'][number];

const DEADLINES = [
  { value: 'same_day', label: 'в день проведения' },
  { value: 'lessons', label: 'в течение N уроков' },
  { value: 'days', label: 'в течение N дней' },
];

export function SubjectsTab() {
  const editable = canEditSchool(useActor());
  const notify = useNotify();
  const qc = useQueryClient();
  const lists = useQuery({ queryKey: ['school.subjects'], queryFn: () => api.school.subjects() });
  const [subject, setSubject] = useState<Partial<Subject> | null>(null);
  const [workType, setWorkType] = useState<Partial<WorkType> | null>(null);
  const remove = useRemove();
  const install = useMutation({
    mutationFn: () => api.school.installDefaults(),
    onSuccess: (r) => {
      notify.success(r.added ? `Добавлено записей: ${r.added}.` : 'Всё уже заполнено.');
      void qc.invalidateQueries();
    },
    onError: (e) => notify.error(e),
  });
  const toggle = useMutation({
    mutationFn: (g: Lists['gradingSystems'][number]) => api.school.saveGradingSystem({ id: g.id, name: g.name, allowModifiers: !g.allowModifiers }),
    onSuccess: () => void qc.invalidateQueries(),
    onError: (e) => notify.error(e),
  });
  const data = lists.data;
  const missing = data && (data.gradingSystems.length < 3 || data.workTypes.length === 0);
  const gradingName = (id: string) => data?.gradingSystems.find((g) => g.id === id)?.name ?? '—';

  return (
    <>
      {missing && editable && (
        <Alert
          severity="info"
          sx={{ mb: 2 }}
          action={
            <Button color="inherit" size="small" onClick={() => install.mutate()} disabled={install.isPending}>
              Заполнить
            </Button>
          }
        >
          Системы оценивания (пятибалльная, зачёт/незачёт, без отметок) и виды работ со сроками проверки по положению можно
          заполнить стандартными значениями, а затем изменить.
        </Alert>
      )}
      <Card title="Системы оценивания" subtitle="В 1 классе отметки не ставятся: в учебном плане 1 класса всегда «Без отметок».">
        <Table aria-label="Системы оценивания">
          <TableBody>
            {(data?.gradingSystems ?? []).map((g) => (
              <TableRow key={g.id}>
                <TableCell sx={{ fontWeight: 600 }}>{g.name}</TableCell>
                <TableCell align="right">
                  {g.code === 'five_point' && (
                    <FormControlLabel
                      control={<Switch size="small" checked={g.allowModifiers} disabled={!editable || toggle.isPending} onChange={() => toggle.mutate(g)} />}
                      label="Отметки с «+» и «−»"
                    />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      <Card
        title="Предметы"
        actions={
          editable && (
            <Button size="small" variant="contained" startIcon={<AddOutlined />} disabled={!data?.gradingSystems.length} onClick={() => setSubject({ gradingSystemId: data?.gradingSystems[0]?.id })}>
              Добавить предмет
            </Button>
          )
        }
      >
        <Table aria-label="Предметы">
          <TableHead>
            <TableRow>
              <TableCell>Предмет</TableCell>
              <TableCell>Сокращение</TableCell>
              <TableCell>Оценивание</TableCell>
              <TableCell align="right" />
            </TableRow>
          </TableHead>
          <TableBody>
            {(data?.subjects ?? []).map((s) => (
              <TableRow key={s.id} hover>
                <TableCell sx={{ fontWeight: 600 }}>{s.name}</TableCell>
                <TableCell>{s.shortName}</TableCell>
                <TableCell>{gradingName(s.gradingSystemId)}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {editable && (
                    <>
                      <IconButton size="small" aria-label={`Изменить ${s.name}`} onClick={() => setSubject(s)}>
                        <EditOutlined fontSize="small" />
                      </IconButton>
                      <IconButton size="small" aria-label={`Удалить ${s.name}`} onClick={() => remove.ask(`предмет «${s.name}»`, () => api.school.removeSubject({ id: s.id }))}>
                        <DeleteOutline fontSize="small" />
                      </IconButton>
                    </>
                  )}
                </TableCell>
              </TableRow>
            ))}
            {data?.subjects.length === 0 && (
              <TableRow>
                <TableCell colSpan={4} sx={{ color: 'text.secondary' }}>
                  Предметов пока нет.
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Card>
      <Card
        title="Виды работ"
        subtitle="Вес учитывается в среднем балле; срок проверки — когда должны быть выставлены отметки за работу."
        actions={
          editable && (
            <Button size="small" startIcon={<AddOutlined />} onClick={() => setWorkType({ weight: 1, deadlineKind: 'same_day', deadlineValue: 0, isControl: false })}>
              Добавить вид работы
            </Button>
          )
        }
      >
        <Table aria-label="Виды работ">
          <TableHead>
            <TableRow>
              <TableCell>Вид работы</TableCell>
              <TableCell>Сокр.</TableCell>
              <TableCell align="right">Вес</TableCell>
              <TableCell>Срок проверки</TableCell>
              <TableCell>Контрольная</TableCell>
              <TableCell align="right" />
            </TableRow>
          </TableHead>
          <TableBody>
            {(data?.workTypes ?? []).map((w) => (
              <TableRow key={w.id} hover>
                <TableCell sx={{ fontWeight: 600 }}>{w.name}</TableCell>
                <TableCell>{w.shortName}</TableCell>
                <TableCell align="right">{showNumber(w.weight)}</TableCell>
                <TableCell>{w.deadlineText}</TableCell>
                <TableCell>{w.isControl ? 'да' : ''}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {editable && (
                    <>
                      <IconButton size="small" aria-label={`Изменить ${w.name}`} onClick={() => setWorkType(w)}>
                        <EditOutlined fontSize="small" />
                      </IconButton>
                      <IconButton size="small" aria-label={`Удалить ${w.name}`} onClick={() => remove.ask(`вид работы «${w.name}»`, () => api.school.removeWorkType({ id: w.id }))}>
                        <DeleteOutline fontSize="small" />
                      </IconButton>
                    </>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      {subject && data && <SubjectDialog value={subject} grading={data.gradingSystems} onClose={() => setSubject(null)} />}
      {workType && <WorkTypeDialog value={workType} onClose={() => setWorkType(null)} />}
      {remove.dialog}
    </>
  );
}

function SubjectDialog({ value, grading, onClose }: { value: Partial<Subject>; grading: Lists['gradingSystems']; onClose: () => void }) {
  const qc = useQueryClient();
  const f = useEditor({ name: value.name ?? '', shortName: value.shortName ?? '', gradingSystemId: value.gradingSystemId ?? '' });
  const save = async () => {
    if (!f.check({ name: !f.values.name.trim() && 'Введите название предмета', gradingSystemId: !f.values.gradingSystemId && 'Выберите систему оценивания' })) return;
    const r = await f.run(() =>
      api.school.saveSubject({ id: value.id, name: f.values.name, shortName: f.values.shortName || undefined, gradingSystemId: f.values.gradingSystemId, sortOrder: value.sortOrder }),
    );
    if (r) {
      await qc.invalidateQueries();
      onClose();
    }
  };
  return (
    <FormDialog open title={value.id ? `Предмет «${value.name}»` : 'Новый предмет'} onClose={onClose} onSubmit={save} busy={f.busy} error={f.formError}>
      <TextField {...f.text('name', 'Название')} autoFocus />
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 2fr', columnGap: 2 }}>
        <TextField {...f.text('shortName', 'Сокращение', { helper: 'Для узких столбцов: «Матем.»' })} />
        <SelectField {...f.text('gradingSystemId', 'Оценивание')} options={grading.map((g) => ({ value: g.id, label: g.name }))} />
      </Box>
    </FormDialog>
  );
}

function WorkTypeDialog({ value, onClose }: { value: Partial<WorkType>; onClose: () => void }) {
  const qc = useQueryClient();
  const f = useEditor({
    name: value.name ?? '',
    shortName: value.shortName ?? '',
    weight: showNumber(value.weight ?? 1),
    deadlineKind: value.deadlineKind ?? 'same_day',
    deadlineValue: String(value.deadlineValue ?? 0),
    isControl: value.isControl ?? false,
  });
  const save = async () => {
    const weight = parseNumber(f.values.weight);
    const n = f.values.deadlineKind === 'same_day' ? 0 : Number(f.values.deadlineValue);
    const ok = f.check({
      name: !f.values.name.trim() && 'Введите название',
      shortName: !f.values.shortName.trim() && 'Введите сокращение',
      weight: (weight === null || Number.isNaN(weight) || weight <= 0 || weight > 10) && 'Вес — число больше 0 и не больше 10, например 1 или 1,5',
      deadlineValue: f.values.deadlineKind !== 'same_day' && !(Number.isInteger(n) && n >= 1) && 'Укажите целое число',
    });
    if (!ok) return;
    const r = await f.run(() =>
      api.school.saveWorkType({
        id: value.id,
        name: f.values.name,
        shortName: f.values.shortName,
        weight: weight!,
        deadlineKind: f.values.deadlineKind as WorkType['deadlineKind'],
        deadlineValue: n,
        isControl: f.values.isControl,
        sortOrder: value.sortOrder,
      }),
    );
    if (r) {
      await qc.invalidateQueries();
      onClose();
    }
  };
  return (
    <FormDialog open title={value.id ? `Вид работы «${value.name}»` : 'Новый вид работы'} onClose={onClose} onSubmit={save} busy={f.busy} error={f.formError}>
      <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr 1fr', columnGap: 2 }}>
        <TextField {...f.text('name', 'Название')} autoFocus />
        <TextField {...f.text('shortName', 'Сокращение')} />
        <TextField {...f.text('weight', 'Вес')} />
        <SelectField {...f.text('deadlineKind', 'Срок проверки')} options={DEADLINES} sx={{ gridColumn: 'span 2' }} />
        <TextField {...f.text('deadlineValue', 'N')} disabled={f.values.deadlineKind === 'same_day'} />
      </Box>
      <FormControlLabel control={<Checkbox checked={f.values.isControl} onChange={(e) => f.set('isControl', e.target.checked)} />} label="Контрольная работа (в графике контрольных работ)" />
    </FormDialog>
  );
}
