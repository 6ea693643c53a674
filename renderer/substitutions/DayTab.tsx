import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AutoFixHighOutlined from '@mui/icons-material/AutoFixHighOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import PersonOffOutlined from '@mui/icons-material/PersonOffOutlined';
import TuneOutlined from '@mui/icons-material/TuneOutlined';
import UndoOutlined from '@mui/icons-material/UndoOutlined';
import { api, messageOf } from '../api/client';
import { useNotify } from '../components/Notifier';
import { countOf } from '../i18n/format';
import { AbsenceDialog } from './AbsenceDialog';
import { DateBar } from './DateBar';
import { FillDayDialog } from './FillDayDialog';
import { LessonDialog } from './LessonDialog';
import { RulesDialog } from './RulesDialog';
import { useConfirm } from './useConfirm';
import { PayDialog } from './PayDialog';
import { STATE_LABELS, hoursText, sentence, type Absence, type DayLesson } from './util';

/**
 * The deputy's day: who is away, and every lesson of theirs that needs a
 * solution, each with a way to the ranked suggestions; «fill the day» for
 * all of them at once, reviewed before saving.
 */
export function DayTab({ date, onDate }: { date: string | undefined; onDate: (date: string) => void }) {
  const notify = useNotify();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const day = useQuery({ queryKey: ['substitutions.day', date ?? 'today'], queryFn: () => api.substitutions.day(date ? { date } : {}) });
  const [absence, setAbsence] = useState<Absence | 'new' | null>(null);
  const [lesson, setLesson] = useState<DayLesson | null>(null);
  const [fill, setFill] = useState(false);
  const [rules, setRules] = useState(false);
  const [pay, setPay] = useState<DayLesson | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['substitutions.day'] });
    void queryClient.invalidateQueries({ queryKey: ['substitutions.changes'] });
  };
  const current = day.data?.date ?? date;

  const removeAbsence = (a: Absence) =>
    void confirm.attempt(
      (c) => api.substitutions.removeAbsence({ id: a.id, confirm: c }),
      () => {
        notify.success(sentence(`Отсутствие удалено: ${a.staffName}`));
        refresh();
      },
    );
  const takeBack = (l: DayLesson) =>
    void confirm.attempt(
      (c) => (l.state === 'moved_in' ? api.substitutions.undoMove({ lessonId: l.id, confirm: c }) : api.substitutions.remove({ lessonId: l.id })),
      () => {
        notify.success(l.state === 'moved_in' ? 'Перенос отменён: урок возвращён на прежнее место.' : 'Решение снято: урок идёт по расписанию.');
        refresh();
      },
    );

  return (
    <>
      {current && (
        <DateBar date={current} onChange={onDate}>
          <Button variant="contained" startIcon={<PersonOffOutlined />} onClick={() => setAbsence('new')} disabled={day.data?.yearClosed}>
            Отсутствие учителя
          </Button>
          <Button variant="outlined" startIcon={<AutoFixHighOutlined />} onClick={() => setFill(true)} disabled={!day.data || day.data.open === 0}>
            Заполнить день
          </Button>
          <Tooltip title="Правила подбора и учёта замен">
            <IconButton onClick={() => setRules(true)} aria-label="Правила подбора">
              <TuneOutlined />
            </IconButton>
          </Tooltip>
        </DateBar>
      )}
      {day.isPending && <LinearProgress />}
      {day.isError && <Alert severity="error">{messageOf(day.error)}</Alert>}
      {day.data && (
        <>
          <Paper variant="outlined" sx={{ mb: 2 }}>
            <Box sx={{ px: 2, py: 1.25, display: 'flex', alignItems: 'baseline', gap: 1 }}>
              <Typography variant="h6" component="h2">
                Отсутствуют
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {day.data.absences.length === 0 ? 'в этот день никто' : countOf(day.data.absences.length, ['учитель', 'учителя', 'учителей'])}
              </Typography>
            </Box>
            {day.data.absences.length > 0 && (
              <Table aria-label="Отсутствующие учителя">
                <TableBody>
                  {day.data.absences.map((a) => (
                    <TableRow key={a.id} hover>
                      <TableCell sx={{ fontWeight: 600, width: 220 }}>{a.staffName}</TableCell>
                      <TableCell sx={{ width: 200 }}>{a.reasonText}</TableCell>
                      <TableCell sx={{ width: 220 }}>{a.span}</TableCell>
                      <TableCell sx={{ color: 'text.secondary' }}>{a.note}</TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        <Tooltip title="Изменить">
                          <IconButton size="small" onClick={() => setAbsence(a)} aria-label={`Изменить отсутствие: ${a.staffName}`}>
                            <EditOutlined fontSize="small" />
                          </IconButton>
                        </Tooltip>
                        <Tooltip title="Удалить">
                          <IconButton size="small" onClick={() => removeAbsence(a)} aria-label={`Удалить отсутствие: ${a.staffName}`}>
                            <DeleteOutline fontSize="small" />
                          </IconButton>
                        </Tooltip>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Paper>

          <Paper variant="outlined">
            <Box sx={{ px: 2, py: 1.25, display: 'flex', alignItems: 'baseline', gap: 1 }}>
              <Typography variant="h6" component="h2">
                Уроки
              </Typography>
              <Typography variant="body2" color={day.data.open > 0 ? 'warning.main' : 'text.secondary'} sx={{ fontWeight: day.data.open > 0 ? 600 : 400 }}>
                {day.data.open > 0 ? `нужно решение: ${countOf(day.data.open, ['урок', 'урока', 'уроков'])}` : 'все решены'}
              </Typography>
            </Box>
            {day.data.lessons.length === 0 ? (
              <Typography variant="body2" color="text.secondary" sx={{ px: 2, pb: 2 }}>
                Все уроки этого дня идут по расписанию. Зарегистрируйте отсутствие учителя — его уроки появятся здесь.
              </Typography>
            ) : (
              <Table aria-label="Уроки дня">
                <TableHead>
                  <TableRow>
                    <TableCell>№</TableCell>
                    <TableCell>Время</TableCell>
                    <TableCell>Класс</TableCell>
                    <TableCell>Предмет</TableCell>
                    <TableCell>Учитель</TableCell>
                    <TableCell>Каб.</TableCell>
                    <TableCell>Состояние</TableCell>
                    <TableCell>Решение</TableCell>
                    <TableCell />
                  </TableRow>
                </TableHead>
                <TableBody>
                  {day.data.lessons.map((l) => {
                    const state = STATE_LABELS[l.state];
                    const open = l.state === 'open' || l.state === 'problem';
                    return (
                      <TableRow key={l.id} hover data-testid={`lesson-${l.classLabel}-${l.lessonNo}`}>
                        <TableCell>{l.lessonNo}</TableCell>
                        <TableCell sx={{ whiteSpace: 'nowrap', color: 'text.secondary' }}>{l.clock ?? '—'}</TableCell>
                        <TableCell sx={{ fontWeight: 600 }}>{l.classLabel}</TableCell>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>{l.subjectName}</TableCell>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>{l.teacherName}</TableCell>
                        <TableCell>{l.roomName ?? '—'}</TableCell>
                        <TableCell>
                          <Tooltip title={l.problem ?? ''} describeChild>
                            <Chip size="small" variant={open ? 'filled' : 'outlined'} color={state.color} label={state.label} />
                          </Tooltip>
                        </TableCell>
                        <TableCell>
                          {l.solution?.text ?? (l.movedFrom ? `Перенесён ${l.movedFrom}` : '—')}
                          {l.solution?.id && (l.solution.kind === 'substitute' || l.solution.kind === 'merge') && (
                            <Tooltip title="Изменить учёт часов" describeChild>
                              <Link component="button" variant="caption" color="text.secondary" underline="hover" sx={{ display: 'block' }} onClick={() => setPay(l)}>
                                {hoursText(l.solution.hours)} ч, {l.solution.paid ? 'оплачивается' : 'не оплачивается'}
                              </Link>
                            </Tooltip>
                          )}
                        </TableCell>
                        <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                          {l.state !== 'moved_in' && (
                            <Button size="small" variant={open ? 'contained' : 'text'} onClick={() => setLesson(l)}>
                              {open ? 'Подобрать' : 'Изменить'}
                            </Button>
                          )}
                          {(l.solution || l.state === 'moved_in') && (
                            <Tooltip title={l.state === 'moved_in' ? 'Вернуть урок на прежнее место' : 'Снять решение'}>
                              <IconButton size="small" onClick={() => takeBack(l)} aria-label={`Снять решение: ${l.classLabel}, ${l.lessonNo}-й урок`}>
                                <UndoOutlined fontSize="small" />
                              </IconButton>
                            </Tooltip>
                          )}
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            )}
          </Paper>
        </>
      )}
      {absence && current && <AbsenceDialog date={current} editing={absence === 'new' ? null : absence} onClose={() => setAbsence(null)} onSaved={refresh} />}
      {lesson && <LessonDialog lesson={lesson} onClose={() => setLesson(null)} onChanged={refresh} />}
      {fill && current && <FillDayDialog date={current} onClose={() => setFill(false)} onSaved={refresh} />}
      {rules && <RulesDialog onClose={() => setRules(false)} />}
      {pay && <PayDialog lesson={pay} onClose={() => setPay(null)} onSaved={refresh} />}
      {confirm.dialog}
    </>
  );
}
