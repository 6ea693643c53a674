import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
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
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import type { ResultOf } from '../../main/core/api/types';
import { api } from '../api/client';
import { useActor } from '../app/session';
import { Card, FormDialog, SelectField, parseNumber, useEditor } from './kit';
import { canEditSchool } from './roles';
import { useRemove } from './useRemove';
import { useYear } from './year';

type ClassDto = ResultOf<'school.listClasses'>[number];
type Room = ResultOf<'school.listRooms'>[number];

const ROOM_KINDS = [
  { value: 'classroom', label: 'Учебный кабинет' },
  { value: 'computer', label: 'Компьютерный класс' },
  { value: 'lab', label: 'Лаборатория' },
  { value: 'gym', label: 'Спортзал' },
  { value: 'workshop', label: 'Мастерская' },
  { value: 'hall', label: 'Актовый зал' },
  { value: 'other', label: 'Другое' },
];

export function ClassesTab() {
  const { yearId, year } = useYear();
  const editable = canEditSchool(useActor()) && year?.status !== 'closed';
  const classes = useQuery({ queryKey: ['school.listClasses', yearId], queryFn: () => api.school.listClasses({ yearId: yearId! }), enabled: !!yearId });
  const rooms = useQuery({ queryKey: ['school.listRooms'], queryFn: () => api.school.listRooms() });
  const calendar = useQuery({ queryKey: ['school.calendar', yearId], queryFn: () => api.school.calendar({ yearId: yearId! }), enabled: !!yearId });
  const [editing, setEditing] = useState<Partial<ClassDto> | null>(null);
  const [room, setRoom] = useState<Partial<Room> | null>(null);
  const remove = useRemove();
  const bells = calendar.data?.bellSchedules ?? [];

  return (
    <>
      <Card
        title="Классы"
        subtitle={year ? `${year.name} учебный год` : undefined}
        actions={
          editable && (
            <Button size="small" variant="contained" startIcon={<AddOutlined />} onClick={() => setEditing({ shift: 1 })}>
              Добавить класс
            </Button>
          )
        }
      >
        {classes.isPending && <LinearProgress />}
        <Table aria-label="Классы">
          <TableHead>
            <TableRow>
              <TableCell>Класс</TableCell>
              <TableCell>Классный руководитель</TableCell>
              <TableCell>Смена</TableCell>
              <TableCell>Режим звонков</TableCell>
              <TableCell>Кабинет</TableCell>
              <TableCell align="right">Обучающихся</TableCell>
              <TableCell align="right" />
            </TableRow>
          </TableHead>
          <TableBody>
            {(classes.data ?? []).map((c) => (
              <TableRow key={c.id} hover data-testid={`class-${c.name}`}>
                <TableCell sx={{ fontWeight: 600 }}>{c.name}</TableCell>
                <TableCell>{c.classTeacherName ?? '—'}</TableCell>
                <TableCell>{c.shift}</TableCell>
                <TableCell>{bells.find((b) => b.id === c.bellScheduleId)?.name ?? 'по смене'}</TableCell>
                <TableCell>{c.roomNumber ?? '—'}</TableCell>
                <TableCell align="right">{c.studentCount}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {editable && (
                    <>
                      <IconButton size="small" aria-label={`Изменить ${c.name}`} onClick={() => setEditing(c)}>
                        <EditOutlined fontSize="small" />
                      </IconButton>
                      <IconButton size="small" aria-label={`Удалить ${c.name}`} onClick={() => remove.ask(`класс ${c.name}`, () => api.school.removeClass({ id: c.id }))}>
                        <DeleteOutline fontSize="small" />
                      </IconButton>
                    </>
                  )}
                </TableCell>
              </TableRow>
            ))}
            {classes.data?.length === 0 && (
              <TableRow>
                <TableCell colSpan={7} sx={{ color: 'text.secondary' }}>
                  Классов пока нет: добавьте их по одному или загрузите списком на вкладке «Загрузка из файла».
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Card>
      <Card
        title="Кабинеты"
        actions={
          editable && (
            <Button size="small" startIcon={<AddOutlined />} onClick={() => setRoom({ kind: 'classroom' })}>
              Добавить кабинет
            </Button>
          )
        }
      >
        <Table aria-label="Кабинеты">
          <TableHead>
            <TableRow>
              <TableCell>Номер</TableCell>
              <TableCell>Название</TableCell>
              <TableCell>Назначение</TableCell>
              <TableCell align="right">Мест</TableCell>
              <TableCell align="right" />
            </TableRow>
          </TableHead>
          <TableBody>
            {(rooms.data ?? []).map((r) => (
              <TableRow key={r.id} hover>
                <TableCell sx={{ fontWeight: 600 }}>{r.number}</TableCell>
                <TableCell>{r.name ?? '—'}</TableCell>
                <TableCell>{ROOM_KINDS.find((k) => k.value === r.kind)?.label ?? '—'}</TableCell>
                <TableCell align="right">{r.capacity ?? '—'}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {editable && (
                    <>
                      <IconButton size="small" aria-label={`Изменить кабинет ${r.number}`} onClick={() => setRoom(r)}>
                        <EditOutlined fontSize="small" />
                      </IconButton>
                      <IconButton size="small" aria-label={`Удалить кабинет ${r.number}`} onClick={() => remove.ask(`кабинет ${r.number}`, () => api.school.removeRoom({ id: r.id }))}>
                        <DeleteOutline fontSize="small" />
                      </IconButton>
                    </>
                  )}
                </TableCell>
              </TableRow>
            ))}
            {rooms.data?.length === 0 && (
              <TableRow>
                <TableCell colSpan={5} sx={{ color: 'text.secondary' }}>
                  Кабинетов пока нет.
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Card>
      {editing && yearId && <ClassDialog yearId={yearId} value={editing} rooms={rooms.data ?? []} bells={bells} onClose={() => setEditing(null)} />}
      {room && <RoomDialog value={room} onClose={() => setRoom(null)} />}
      {remove.dialog}
    </>
  );
}

function ClassDialog({
  yearId,
  value,
  rooms,
  bells,
  onClose,
}: {
  yearId: string;
  value: Partial<ClassDto>;
  rooms: Room[];
  bells: ResultOf<'school.calendar'>['bellSchedules'];
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const staff = useQuery({ queryKey: ['school.listStaff'], queryFn: () => api.school.listStaff({}) });
  const f = useEditor({
    gradeLevel: String(value.gradeLevel ?? ''),
    letter: value.letter ?? '',
    classTeacherId: value.classTeacherId ?? '',
    shift: String(value.shift ?? 1),
    bellScheduleId: value.bellScheduleId ?? '',
    roomId: value.roomId ?? '',
  });
  const save = async () => {
    const grade = Number(f.values.gradeLevel);
    const ok = f.check({
      gradeLevel: !(grade >= 1 && grade <= 11) && 'Выберите параллель',
      letter: !f.values.letter.trim() ? 'Укажите букву класса' : !/^[А-ЯЁа-яё]{1,3}$/.test(f.values.letter.trim()) && 'Буква класса — русская буква: А, Б, В',
    });
    if (!ok) return;
    const r = await f.run(() =>
      api.school.saveClass({
        id: value.id,
        yearId,
        gradeLevel: grade,
        letter: f.values.letter,
        classTeacherId: f.values.classTeacherId || null,
        shift: Number(f.values.shift) as 1 | 2,
        bellScheduleId: f.values.bellScheduleId || null,
        roomId: f.values.roomId || null,
      }),
    );
    if (r) {
      await qc.invalidateQueries();
      onClose();
    }
  };
  const shift = Number(f.values.shift);
  return (
    <FormDialog open title={value.id ? `Класс ${value.name}` : 'Новый класс'} onClose={onClose} onSubmit={save} busy={f.busy} error={f.formError}>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', columnGap: 2 }}>
        <SelectField
          {...f.text('gradeLevel', 'Параллель')}
          autoFocus
          options={Array.from({ length: 11 }, (_, i) => ({ value: String(i + 1), label: `${i + 1}` }))}
        />
        <TextField {...f.text('letter', 'Буква', { helper: 'А, Б, В…' })} />
        <SelectField {...f.text('shift', 'Смена')} options={[{ value: '1', label: '1 смена' }, { value: '2', label: '2 смена' }]} />
      </Box>
      <SelectField
        {...f.text('classTeacherId', 'Классный руководитель')}
        empty="не назначен"
        options={(staff.data ?? []).map((s) => ({ value: s.id, label: `${s.fullName}${s.classNames.length && s.id !== value.classTeacherId ? ` (уже ${s.classNames.join(', ')})` : ''}` }))}
      />
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2 }}>
        <SelectField
          {...f.text('bellScheduleId', 'Режим звонков')}
          empty="основной для смены"
          options={bells.filter((b) => b.shift === shift).map((b) => ({ value: b.id, label: b.name }))}
        />
        <SelectField {...f.text('roomId', 'Кабинет класса')} empty="не закреплён" options={rooms.map((r) => ({ value: r.id, label: r.number }))} />
      </Box>
    </FormDialog>
  );
}

function RoomDialog({ value, onClose }: { value: Partial<Room>; onClose: () => void }) {
  const qc = useQueryClient();
  const f = useEditor({ number: value.number ?? '', name: value.name ?? '', kind: value.kind ?? 'classroom', capacity: value.capacity ? String(value.capacity) : '' });
  const save = async () => {
    const capacity = parseNumber(f.values.capacity);
    const ok = f.check({
      number: !f.values.number.trim() && 'Укажите номер или название кабинета',
      capacity: capacity !== null && !(Number.isInteger(capacity) && capacity >= 1 && capacity <= 500) && 'Целое число от 1 до 500',
    });
    if (!ok) return;
    const r = await f.run(() => api.school.saveRoom({ id: value.id, number: f.values.number, name: f.values.name || null, kind: f.values.kind as Room['kind'], capacity }));
    if (r) {
      await qc.invalidateQueries();
      onClose();
    }
  };
  return (
    <FormDialog open title={value.id ? `Кабинет ${value.number}` : 'Новый кабинет'} onClose={onClose} onSubmit={save} busy={f.busy} error={f.formError}>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 2fr', columnGap: 2 }}>
        <TextField {...f.text('number', 'Номер')} autoFocus />
        <TextField {...f.text('name', 'Название')} />
        <SelectField {...f.text('kind', 'Назначение')} options={ROOM_KINDS} />
        <TextField {...f.text('capacity', 'Мест')} />
      </Box>
    </FormDialog>
  );
}
