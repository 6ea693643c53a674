import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { api, messageOf } from '../api/client';
import { useNotify } from '../components/Notifier';
import { formatDate } from '../i18n/format';
import { DateField } from '../components/DateField';
import { dateError } from '../i18n/ru-date';
import { SuggestionTable } from './SuggestionTable';
import { useConfirm } from './useConfirm';
import { STATE_LABELS, sentence, type DayLesson } from './util';

type Kind = 'substitute' | 'merge' | 'cancel' | 'move' | 'room';

/** One lesson's solutions: a substitute from the ranked list, a merge, cancellation, a move, a change of room. */
export function LessonDialog({ lesson, onClose, onChanged }: { lesson: DayLesson; onClose: () => void; onChanged: () => void }) {
  const notify = useNotify();
  const confirm = useConfirm();
  const [tab, setTab] = useState<Kind>('substitute');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const [move, setMove] = useState({ toDate: lesson.date, toLessonNo: String(lesson.lessonNo), toRoomId: '', reason: '' });
  const [roomId, setRoomId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const suggestion = useQuery({ queryKey: ['substitutions.suggest', lesson.id], queryFn: () => api.substitutions.suggest({ lessonId: lesson.id }), staleTime: 0 });
  const state = STATE_LABELS[lesson.state];

  const run = async <T,>(work: (confirm: boolean) => Promise<T>, success: string) => {
    setBusy(true);
    setError(null);
    await confirm.attempt(
      work,
      () => {
        notify.success(success);
        onChanged();
        onClose();
      },
      (e) => setError(messageOf(e)),
    );
    setBusy(false);
  };
  const apply = (input: { kind: 'substitute' | 'merge' | 'cancel' | 'room_change'; substituteStaffId?: string; mergedWithLessonId?: string; newRoomId?: string }, success: string) =>
    run((c) => api.substitutions.apply({ lessonId: lesson.id, note: note.trim() || null, ...input, confirm: c }), success);

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="lg" aria-labelledby="lesson-dialog-title">
      <DialogTitle id="lesson-dialog-title" sx={{ pb: 0.5 }}>
        {lesson.classLabel}, {lesson.lessonNo}-й урок{lesson.clock ? ` (${lesson.clock})` : ''}, {lesson.subjectName} — {lesson.teacherName}
      </DialogTitle>
      <DialogContent>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
          <Typography variant="body2" color="text.secondary">
            {formatDate(lesson.date)}
            {lesson.roomName ? `, кабинет ${lesson.roomName}` : ''}
          </Typography>
          <Chip size="small" color={state.color} label={state.label} variant="outlined" />
          {lesson.solution && <Chip size="small" label={lesson.solution.text} />}
          {lesson.problem && (
            <Typography variant="body2" color="error">
              {lesson.problem}
            </Typography>
          )}
        </Box>
        <Tabs value={tab} onChange={(_e, v: Kind) => setTab(v)} sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}>
          <Tab value="substitute" label="Замена" />
          <Tab value="merge" label={`Объединение${suggestion.data ? ` (${suggestion.data.merges.length})` : ''}`} />
          <Tab value="cancel" label="Отмена" />
          <Tab value="move" label="Перенос" />
          <Tab value="room" label="Кабинет" />
        </Tabs>
        {suggestion.isPending && <LinearProgress />}
        {suggestion.isError && <Alert severity="error">{messageOf(suggestion.error)}</Alert>}
        {suggestion.data && tab === 'substitute' && (
          <SuggestionTable data={suggestion.data} busy={busy} onPick={(c) => void apply({ kind: 'substitute', substituteStaffId: c.staffId }, sentence(`Замена назначена: ${c.name}`))} />
        )}
        {suggestion.data && tab === 'merge' && (
          <Table aria-label="С кем объединить">
            <TableHead>
              <TableRow>
                <TableCell>Класс</TableCell>
                <TableCell>Предмет</TableCell>
                <TableCell>Учитель</TableCell>
                <TableCell>Кабинет</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {suggestion.data.merges.map((m) => (
                <TableRow key={m.lessonId} hover>
                  <TableCell>
                    {m.className}
                    {m.groupName ? ` (${m.groupName})` : ''}
                  </TableCell>
                  <TableCell>
                    {m.subjectName} {!m.sameSubject && <Chip size="small" variant="outlined" label="другой предмет" sx={{ ml: 1 }} />}
                  </TableCell>
                  <TableCell>{m.teacherName}</TableCell>
                  <TableCell>{m.roomName ?? '—'}</TableCell>
                  <TableCell align="right">
                    <Button size="small" variant="outlined" disabled={busy} onClick={() => void apply({ kind: 'merge', mergedWithLessonId: m.lessonId }, `${lesson.classLabel} объединён с ${m.className}.`)}>
                      Объединить
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
              {suggestion.data.merges.length === 0 && (
                <TableRow>
                  <TableCell colSpan={5}>
                    <Typography variant="body2" color="text.secondary">
                      В это время нет уроков параллельных классов или других групп этого класса, к которым можно присоединиться.
                    </Typography>
                  </TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        )}
        {tab === 'cancel' && (
          <Box sx={{ maxWidth: 560 }}>
            <Typography variant="body2" sx={{ mb: 2 }}>
              Урок не проводится: в журнале он будет отмечен отменённым и не войдёт в число проведённых. Урок с темой или отметками отменить нельзя.
            </Typography>
            <TextField label="Примечание" value={note} onChange={(e) => setNote(e.target.value)} helperText="Например: класс уходит домой после 4-го урока" />
            <Button color="error" variant="contained" disabled={busy} onClick={() => void apply({ kind: 'cancel' }, 'Урок отменён.')}>
              Отменить урок
            </Button>
          </Box>
        )}
        {tab === 'move' && (
          <Box sx={{ display: 'grid', gridTemplateColumns: '180px 140px 200px 1fr', gap: 2, alignItems: 'start' }}>
            <DateField label="Дата" value={move.toDate} onChange={(v) => setMove({ ...move, toDate: v })} helperText=" " />
            <TextField label="Номер урока" value={move.toLessonNo} onChange={(e) => setMove({ ...move, toLessonNo: e.target.value })} slotProps={{ htmlInput: { inputMode: 'numeric' } }} helperText=" " />
            <TextField select label="Кабинет" value={move.toRoomId} onChange={(e) => setMove({ ...move, toRoomId: e.target.value })} helperText="Пусто — тот же">
              <MenuItem value="">тот же</MenuItem>
              {(suggestion.data?.rooms ?? []).map((r) => (
                <MenuItem key={r.id} value={r.id}>
                  {r.number}
                  {r.name ? ` — ${r.name}` : ''}
                </MenuItem>
              ))}
            </TextField>
            <TextField label="Причина" value={move.reason} onChange={(e) => setMove({ ...move, reason: e.target.value })} helperText=" " />
            <Box sx={{ gridColumn: '1 / -1' }}>
              <Button
                variant="contained"
                disabled={busy}
                onClick={() => {
                  const n = Number(move.toLessonNo);
                  const badDate = dateError(move.toDate);
                  if (badDate) {
                    setError(`Дата переноса: ${badDate.charAt(0).toLowerCase()}${badDate.slice(1)}.`);
                    return;
                  }
                  if (!Number.isInteger(n) || n < 1 || n > 12) {
                    setError('Номер урока — целое число от 1 до 12.');
                    return;
                  }
                  void run(
                    (c) => api.substitutions.move({ lessonId: lesson.id, toDate: move.toDate, toLessonNo: n, toRoomId: move.toRoomId || null, reason: move.reason.trim() || null, confirm: c }),
                    `Урок перенесён на ${formatDate(move.toDate)}, ${n}-й урок.`,
                  );
                }}
              >
                Перенести
              </Button>
            </Box>
          </Box>
        )}
        {tab === 'room' && (
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', maxWidth: 560 }}>
            <TextField select label="Свободный кабинет" value={roomId} onChange={(e) => setRoomId(e.target.value)} helperText="Кабинеты, свободные в это время">
              {(suggestion.data?.rooms ?? []).map((r) => (
                <MenuItem key={r.id} value={r.id}>
                  {r.number}
                  {r.name ? ` — ${r.name}` : ''}
                </MenuItem>
              ))}
            </TextField>
            <Button variant="contained" disabled={busy || !roomId} onClick={() => void apply({ kind: 'room_change', newRoomId: roomId }, 'Кабинет изменён.')} sx={{ mt: 0.25, flexShrink: 0 }}>
              Сменить кабинет
            </Button>
          </Box>
        )}
        {error && (
          <Alert severity="error" role="alert" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} disabled={busy}>
          Закрыть
        </Button>
      </DialogActions>
      {confirm.dialog}
    </Dialog>
  );
}
