import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
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
import { Card, FormDialog, SelectField, useEditor } from './kit';
import { useRemove } from './useRemove';

type Schedule = ResultOf<'school.calendar'>['bellSchedules'][number];
type Slot = Schedule['slots'][number];
const DAYS = ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'];

function daysText(days: number[] | null): string {
  return days === null ? 'все учебные дни' : days.map((d) => DAYS[d - 1]).join(', ');
}

/** Режим звонков: a schedule per shift, with optional ones for particular days (a short Saturday). */
export function BellsCard({ yearId, schedules, editable }: { yearId: string; schedules: Schedule[]; editable: boolean }) {
  const [editing, setEditing] = useState<Partial<Schedule> | null>(null);
  const remove = useRemove();
  return (
    <Card
      title="Режим звонков"
      subtitle="Для каждой смены — основной режим; для отдельных дней (например, сокращённой субботы) — свой."
      actions={
        editable && (
          <Button size="small" startIcon={<AddOutlined />} onClick={() => setEditing({ shift: schedules.some((s) => s.shift === 1 && s.weekdays === null) ? 2 : 1, weekdays: null })}>
            Добавить режим
          </Button>
        )
      }
    >
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, px: 2, pb: 2 }}>
        {schedules.length === 0 && <Typography color="text.secondary">Режим звонков ещё не задан.</Typography>}
        {schedules.map((s) => (
          <Box key={s.id} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, minWidth: 230 }} aria-label={`Режим «${s.name}»`} role="group">
            <Box sx={{ display: 'flex', alignItems: 'center', px: 1.5, pt: 1 }}>
              <Box sx={{ flex: 1 }}>
                <Typography sx={{ fontWeight: 600 }}>{s.name}</Typography>
                <Typography variant="body2" color="text.secondary">
                  {s.shift} смена · {daysText(s.weekdays)}
                </Typography>
              </Box>
              {editable && (
                <>
                  <IconButton size="small" aria-label={`Изменить режим «${s.name}»`} onClick={() => setEditing(s)}>
                    <EditOutlined fontSize="small" />
                  </IconButton>
                  <IconButton size="small" aria-label={`Удалить режим «${s.name}»`} onClick={() => remove.ask(`режим звонков «${s.name}»`, () => api.school.removeBellSchedule({ id: s.id }))}>
                    <DeleteOutline fontSize="small" />
                  </IconButton>
                </>
              )}
            </Box>
            <Table size="small" aria-label={`Звонки: ${s.name}`}>
              <TableBody>
                {s.slots.map((slot) => (
                  <TableRow key={slot.lessonNo}>
                    <TableCell sx={{ width: 64, whiteSpace: 'nowrap', color: 'text.secondary' }}>{slot.lessonNo} урок</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {slot.startTime}–{slot.endTime}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        ))}
      </Box>
      {editing && <ScheduleDialog yearId={yearId} schedule={editing} onClose={() => setEditing(null)} />}
      {remove.dialog}
    </Card>
  );
}

const addMinutes = (time: string, m: number) => {
  const [h, mm] = time.split(':').map(Number);
  const total = h * 60 + mm + m;
  return `${String(Math.floor(total / 60) % 24).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
};

function ScheduleDialog({ yearId, schedule, onClose }: { yearId: string; schedule: Partial<Schedule>; onClose: () => void }) {
  const qc = useQueryClient();
  const f = useEditor({ name: schedule.name ?? (schedule.shift === 2 ? 'Вторая смена' : 'Основной'), shift: String(schedule.shift ?? 1) });
  const [days, setDays] = useState<number[]>(schedule.weekdays ?? []);
  const [slots, setSlots] = useState<Slot[]>(
    schedule.slots?.length
      ? schedule.slots
      : [
          { lessonNo: 1, startTime: schedule.shift === 2 ? '13:30' : '08:30', endTime: schedule.shift === 2 ? '14:15' : '09:15' },
        ],
  );
  const setSlot = (i: number, patch: Partial<Slot>) => {
    setSlots((list) => list.map((s, j) => (j === i ? { ...s, ...patch } : s)));
    f.setErrors({});
  };
  const addSlot = () =>
    setSlots((list) => {
      const last = list[list.length - 1];
      const start = addMinutes(last.endTime, 10);
      return [...list, { lessonNo: last.lessonNo + 1, startTime: start, endTime: addMinutes(start, 45) }];
    });
  const save = async () => {
    const r = await f.run(() =>
      api.school.saveBellSchedule({ id: schedule.id, yearId, name: f.values.name, shift: Number(f.values.shift) as 1 | 2, weekdays: days.length ? days : null, slots }),
    );
    if (r) {
      await qc.invalidateQueries();
      onClose();
    }
  };
  return (
    <FormDialog open maxWidth="sm" title={schedule.id ? `Режим «${schedule.name}»` : 'Новый режим звонков'} onClose={onClose} onSubmit={save} busy={f.busy} error={f.formError}>
      <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr', columnGap: 2 }}>
        <TextField {...f.text('name', 'Название')} autoFocus />
        <SelectField {...f.text('shift', 'Смена')} options={[{ value: '1', label: '1 смена' }, { value: '2', label: '2 смена' }]} />
      </Box>
      <Box role="group" aria-label="Дни недели">
        {DAYS.map((d, i) => (
          <FormControlLabel
            key={d}
            control={<Checkbox size="small" checked={days.includes(i + 1)} onChange={() => setDays((x) => (x.includes(i + 1) ? x.filter((y) => y !== i + 1) : [...x, i + 1].sort()))} />}
            label={d}
          />
        ))}
        <FormHelperText error={Boolean(f.errors.weekdays)}>{f.errors.weekdays ?? 'Ни один день не отмечен — основной режим смены на все дни.'}</FormHelperText>
      </Box>
      <Table size="small" aria-label="Уроки и время" sx={{ mt: 1 }}>
        <TableHead>
          <TableRow>
            <TableCell>Урок</TableCell>
            <TableCell>Начало</TableCell>
            <TableCell>Окончание</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {slots.map((s, i) => (
            <TableRow key={i}>
              <TableCell sx={{ width: 70 }}>{s.lessonNo}</TableCell>
              <TableCell>
                <TextField
                  type="time"
                  value={s.startTime}
                  onChange={(e) => setSlot(i, { startTime: e.target.value })}
                  error={Boolean(f.errors[`slots.${i}.startTime`])}
                  helperText={f.errors[`slots.${i}.startTime`]}
                  slotProps={{ htmlInput: { 'aria-label': `Начало ${s.lessonNo} урока` } }}
                />
              </TableCell>
              <TableCell>
                <TextField
                  type="time"
                  value={s.endTime}
                  onChange={(e) => setSlot(i, { endTime: e.target.value })}
                  error={Boolean(f.errors[`slots.${i}.endTime`] || f.errors[`slots.${i}.lessonNo`])}
                  helperText={f.errors[`slots.${i}.endTime`] ?? f.errors[`slots.${i}.lessonNo`]}
                  slotProps={{ htmlInput: { 'aria-label': `Окончание ${s.lessonNo} урока` } }}
                />
              </TableCell>
              <TableCell sx={{ width: 40 }}>
                {i === slots.length - 1 && slots.length > 1 && (
                  <IconButton size="small" aria-label="Убрать последний урок" onClick={() => setSlots((l) => l.slice(0, -1))}>
                    <DeleteOutline fontSize="small" />
                  </IconButton>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Button size="small" startIcon={<AddOutlined />} onClick={addSlot} sx={{ mt: 1 }}>
        Добавить урок
      </Button>
    </FormDialog>
  );
}
