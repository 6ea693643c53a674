import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
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
import type { ResultOf } from '../../main/core/api/types';
import { api } from '../api/client';
import { useActor } from '../app/session';
import { formatDate } from '../i18n/format';
import { Card, FormDialog, SelectField, parseNumber, showNumber, useEditor } from '../school/kit';
import { DateField } from '../components/DateField';
import { canEditSchool } from '../school/roles';
import { useRemove } from '../school/useRemove';
import { useYear } from '../school/year';

type Plan = ResultOf<'contingent.plans'>[number];

/** Индивидуальные учебные планы: who studies by their own plan, with which subjects and hours. */
export function PlansTab() {
  const { yearId, year } = useYear();
  const editable = canEditSchool(useActor()) && year?.status !== 'closed';
  const plans = useQuery({ queryKey: ['contingent.plans', yearId], queryFn: () => api.contingent.plans({ yearId: yearId! }), enabled: !!yearId });
  const lists = useQuery({ queryKey: ['school.subjects'], queryFn: () => api.school.subjects() });
  const [editing, setEditing] = useState<Partial<Plan> | null>(null);
  const remove = useRemove();
  if (!yearId) return <Alert severity="info">Сначала создайте учебный год.</Alert>;
  const subject = (id: string) => lists.data?.subjects.find((s) => s.id === id)?.name ?? '—';
  return (
    <Card
      title="Индивидуальные учебные планы"
      actions={
        editable && (
          <Button size="small" variant="contained" startIcon={<AddOutlined />} onClick={() => setEditing({ subjects: [] })}>
            Добавить ИУП
          </Button>
        )
      }
    >
      <Table size="small" aria-label="Индивидуальные учебные планы">
        <TableHead>
          <TableRow>
            <TableCell>Обучающийся</TableCell>
            <TableCell>Класс</TableCell>
            <TableCell>Срок</TableCell>
            <TableCell>Предметы (ч в неделю)</TableCell>
            <TableCell>Основание</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {(plans.data ?? []).map((p) => (
            <TableRow key={p.id} hover>
              <TableCell sx={{ fontWeight: 600 }}>{p.studentName}</TableCell>
              <TableCell>{p.className ?? '—'}</TableCell>
              <TableCell>
                с {formatDate(p.fromDate)}
                {p.toDate ? ` по ${formatDate(p.toDate)}` : ''}
              </TableCell>
              <TableCell>{p.subjects.map((s) => `${subject(s.subjectId)} (${showNumber(s.hoursPerWeek)})`).join(', ')}</TableCell>
              <TableCell>{[p.basis, p.orderNo && `приказ № ${p.orderNo}`].filter(Boolean).join('; ') || '—'}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {editable && (
                  <>
                    <IconButton size="small" aria-label={`Изменить ИУП ${p.studentName}`} onClick={() => setEditing(p)}>
                      <EditOutlined fontSize="small" />
                    </IconButton>
                    <IconButton size="small" aria-label={`Удалить ИУП ${p.studentName}`} onClick={() => remove.ask(`ИУП: ${p.studentName}`, () => api.contingent.removePlan({ id: p.id }))}>
                      <DeleteOutline fontSize="small" />
                    </IconButton>
                  </>
                )}
              </TableCell>
            </TableRow>
          ))}
          {plans.data?.length === 0 && (
            <TableRow>
              <TableCell colSpan={6} sx={{ color: 'text.secondary' }}>
                Никто не обучается по индивидуальному плану.
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      {editing && <PlanDialog yearId={yearId} value={editing} onClose={() => setEditing(null)} />}
      {remove.dialog}
    </Card>
  );
}

function PlanDialog({ yearId, value, onClose }: { yearId: string; value: Partial<Plan>; onClose: () => void }) {
  const qc = useQueryClient();
  const students = useQuery({ queryKey: ['contingent.listStudents', yearId, '', '', false], queryFn: () => api.contingent.listStudents({ yearId }) });
  const lists = useQuery({ queryKey: ['school.subjects'], queryFn: () => api.school.subjects() });
  const staff = useQuery({ queryKey: ['school.listStaff', false], queryFn: () => api.school.listStaff({}) });
  const f = useEditor({
    studentId: value.studentId ?? '',
    fromDate: value.fromDate ?? '',
    toDate: value.toDate ?? '',
    basis: value.basis ?? '',
    orderNo: value.orderNo ?? '',
  });
  const [rows, setRows] = useState((value.subjects ?? []).map((s) => ({ subjectId: s.subjectId, hours: showNumber(s.hoursPerWeek), staffId: s.staffId ?? '' })));
  const save = async () => {
    const ok = f.check({
      studentId: !f.values.studentId && 'Выберите обучающегося',
      fromDate: !f.values.fromDate && 'Укажите дату начала',
      subjects: rows.length === 0 && 'Добавьте хотя бы один предмет',
    });
    if (!ok) return;
    const r = await f.run(() =>
      api.contingent.savePlan({
        id: value.id,
        yearId,
        studentId: f.values.studentId,
        fromDate: f.values.fromDate,
        toDate: f.values.toDate || null,
        basis: f.values.basis || null,
        orderNo: f.values.orderNo || null,
        subjects: rows.map((r) => ({ subjectId: r.subjectId, hoursPerWeek: parseNumber(r.hours) ?? 0, staffId: r.staffId || null })),
      }),
    );
    if (r) {
      await qc.invalidateQueries();
      onClose();
    }
  };
  const set = (i: number, patch: Partial<(typeof rows)[number]>) => setRows((l) => l.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <FormDialog open maxWidth="md" title={value.id ? `ИУП: ${value.studentName}` : 'Индивидуальный учебный план'} onClose={onClose} onSubmit={save} busy={f.busy} error={f.formError}>
      <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr 1fr', columnGap: 2 }}>
        <SelectField
          {...f.text('studentId', 'Обучающийся')}
          disabled={!!value.id}
          autoFocus
          options={(students.data ?? []).map((s) => ({ value: s.id, label: `${s.name}, ${s.className}` }))}
        />
        <DateField {...f.date('fromDate', 'С')} />
        <DateField {...f.date('toDate', 'По (если не до конца года)')} />
        <TextField {...f.text('basis', 'Основание', { helper: 'Справка, заявление' })} sx={{ gridColumn: 'span 2' }} />
        <TextField {...f.text('orderNo', '№ приказа')} />
      </Box>
      <Typography variant="subtitle2">Предметы плана</Typography>
      {rows.map((r, i) => (
        <Box key={i} sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr 2fr 40px', columnGap: 2 }}>
          <SelectField
            label="Предмет"
            value={r.subjectId}
            onChange={(e) => set(i, { subjectId: e.target.value })}
            error={Boolean(f.errors[`subjects.${i}.subjectId`])}
            helperText={f.errors[`subjects.${i}.subjectId`] ?? ' '}
            options={(lists.data?.subjects ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
          <TextField
            label="Часов"
            value={r.hours}
            onChange={(e) => set(i, { hours: e.target.value })}
            error={Boolean(f.errors[`subjects.${i}.hoursPerWeek`])}
            helperText={f.errors[`subjects.${i}.hoursPerWeek`] ?? ' '}
          />
          <SelectField
            label="Учитель"
            value={r.staffId}
            onChange={(e) => set(i, { staffId: e.target.value })}
            empty="учитель класса"
            error={Boolean(f.errors[`subjects.${i}.staffId`])}
            helperText={f.errors[`subjects.${i}.staffId`] ?? ' '}
            options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.fullName }))}
          />
          <IconButton aria-label="Убрать предмет" onClick={() => setRows((l) => l.filter((_, j) => j !== i))} sx={{ alignSelf: 'start', mt: 0.5 }}>
            <DeleteOutline fontSize="small" />
          </IconButton>
        </Box>
      ))}
      {f.errors.subjects && (
        <Typography variant="body2" color="error">
          {f.errors.subjects}
        </Typography>
      )}
      <Button size="small" startIcon={<AddOutlined />} onClick={() => setRows((l) => [...l, { subjectId: '', hours: '1', staffId: '' }])}>
        Добавить предмет
      </Button>
    </FormDialog>
  );
}
