import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { api } from '../api/client';
import { namesOf, type TimetableData } from './model';

const fmt = (n: number) => String(n).replace('.', ',');

/** The difference in words and colour: «−1» missing, «+1» too many, «✓». */
function Diff({ placed, required }: { placed: number; required: number }) {
  const d = Math.round((placed - required) * 100) / 100;
  if (d === 0) return <Typography variant="body2" color="success.main" component="span">совпадает</Typography>;
  return (
    <Typography variant="body2" color={d < 0 ? 'error.main' : 'warning.main'} component="span" sx={{ fontWeight: 600 }}>
      {d < 0 ? `не хватает ${fmt(-d)} ч` : `лишних ${fmt(d)} ч`}
    </Typography>
  );
}

/** Hours placed against the curriculum per class and subject, and against the load per teacher. */
export function HoursTab({ data }: { data: TimetableData }) {
  const names = useMemo(() => namesOf(data), [data]);
  const [by, setBy] = useState<'classes' | 'teachers'>('classes');
  const [onlyDiff, setOnlyDiff] = useState(true);
  const q = useQuery({ queryKey: ['timetable.hours', data.timetable.id], queryFn: () => api.timetable.hours({ id: data.timetable.id }) });
  if (!q.data) return null;
  const classOrder = new Map(data.classes.map((c, i) => [c.id, i]));
  const subjects = q.data.subjects
    .filter((s) => !onlyDiff || s.placed !== s.required)
    .sort((a, b) => (classOrder.get(a.classId) ?? 0) - (classOrder.get(b.classId) ?? 0) || names.subject(a.subjectId).localeCompare(names.subject(b.subjectId), 'ru'));
  const teachers = q.data.teachers
    .filter((t) => !onlyDiff || t.placed !== t.load)
    .sort((a, b) => names.teacher(a.staffId).localeCompare(names.teacher(b.staffId), 'ru'));
  return (
    <Box>
      <Box sx={{ display: 'flex', gap: 1.5, mb: 1.5 }}>
        <ToggleButtonGroup size="small" exclusive value={by} onChange={(_e, v) => v && setBy(v)}>
          <ToggleButton value="classes">По классам и предметам (учебный план)</ToggleButton>
          <ToggleButton value="teachers">По учителям (нагрузка)</ToggleButton>
        </ToggleButtonGroup>
        <ToggleButtonGroup size="small" exclusive value={onlyDiff} onChange={(_e, v) => v !== null && setOnlyDiff(v)}>
          <ToggleButton value={true}>Только расхождения</ToggleButton>
          <ToggleButton value={false}>Все</ToggleButton>
        </ToggleButtonGroup>
      </Box>
      <Paper variant="outlined">
        {by === 'classes' ? (
          <Table aria-label="Часы по учебному плану">
            <TableHead>
              <TableRow>
                <TableCell>Класс</TableCell>
                <TableCell>Предмет</TableCell>
                <TableCell>Группа</TableCell>
                <TableCell align="right">По плану, ч/нед</TableCell>
                <TableCell align="right">В расписании</TableCell>
                <TableCell>Расхождение</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {subjects.map((s) => (
                <TableRow key={`${s.classId}|${s.subjectId}|${s.groupId ?? ''}`}>
                  <TableCell>{names.cls(s.classId)}</TableCell>
                  <TableCell>{names.subject(s.subjectId)}</TableCell>
                  <TableCell>{names.group(s.groupId) || '—'}</TableCell>
                  <TableCell align="right">{s.required ? fmt(s.required) : 'нет в плане'}</TableCell>
                  <TableCell align="right">{fmt(s.placed)}</TableCell>
                  <TableCell>
                    <Diff placed={s.placed} required={s.required} />
                  </TableCell>
                </TableRow>
              ))}
              {subjects.length === 0 && (
                <TableRow>
                  <TableCell colSpan={6}>Часы всех предметов совпадают с учебным планом.</TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        ) : (
          <Table aria-label="Часы по нагрузке">
            <TableHead>
              <TableRow>
                <TableCell>Учитель</TableCell>
                <TableCell align="right">Нагрузка, ч/нед</TableCell>
                <TableCell align="right">В расписании</TableCell>
                <TableCell>Расхождение</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {teachers.map((t) => (
                <TableRow key={t.staffId}>
                  <TableCell>{names.teacher(t.staffId)}</TableCell>
                  <TableCell align="right">{fmt(t.load)}</TableCell>
                  <TableCell align="right">{fmt(t.placed)}</TableCell>
                  <TableCell>
                    <Diff placed={t.placed} required={t.load} />
                  </TableCell>
                </TableRow>
              ))}
              {teachers.length === 0 && (
                <TableRow>
                  <TableCell colSpan={4}>Часы всех учителей совпадают с нагрузкой.</TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        )}
      </Paper>
    </Box>
  );
}
