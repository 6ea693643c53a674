import { useMemo, useState, type KeyboardEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { alpha, useTheme } from '@mui/material/styles';
import EventBusyOutlined from '@mui/icons-material/EventBusyOutlined';
import type { ResultOf } from '../../main/core/api/types';
import { api, ApiError, messageOf } from '../api/client';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { formatDate, weekdayShort } from '../i18n/format';
import { ClassWeekBar, mondayOf, useClassChoices } from './ClassPicker';
import { setHashQuery, useHashQuery } from './route';
import { DateField } from '../components/DateField';
import { dateError } from '../i18n/ru-date';

type Week = ResultOf<'attendance.getWeek'>;
type Kind = 'illness' | 'valid' | 'invalid';
type Slot = { key: string; lessonNo: number; subject: string; subjectName: string; date: string; lessons: Week['lessons'] };

const KIND_RU: Record<Kind, string> = { illness: 'болезнь', valid: 'уважительная', invalid: 'неуважительная' };
/** The absence as written once its reason is known («Сетевой город» writes them so): not by colour alone. */
const KIND_CODE: Record<Kind, string> = { illness: 'б', valid: 'уп', invalid: 'нп' };

/** Column sizes: six days of up to seven lessons, the names and the totals in 1 086 pixels (1366×768 less the navigation). */
const NAME_W = 176;
const SLOT_W = 20;
const TOT_W = 26;
/** A day without lessons (Saturday of a five-day week) keeps room for its date. */
const EMPTY_DAY_W = 64;
const ROW_H = 24;
const HEAD_TOP = 24;
const HEAD_SLOTS = 62;

/** The weekly totals, after the days (the days are what the class teacher works on). */
const TOTALS = [
  { key: 'absent', title: 'всего', hint: 'Пропущено уроков за неделю' },
  { key: 'illness', title: 'болезнь', hint: 'Из них по болезни' },
  { key: 'valid', title: 'уважит.', hint: 'По уважительной причине' },
  { key: 'invalid', title: 'неуважит.', hint: 'По неуважительной причине' },
  { key: 'unexplained', title: 'без причины', hint: 'Причина ещё не указана' },
  { key: 'late', title: 'опоздания', hint: 'Опозданий за неделю' },
] as const;

/** «Посещаемость»: the class teacher's week (seed 000 §3.3), reasons entered once for a day or a span. */
export function AttendanceScreen() {
  const { query, classes, today } = useClassChoices();
  const q = useHashQuery();
  if (query.isPending) return <CircularProgress aria-label="Загрузка" />;
  if (query.isError) return <Alert severity="error">{messageOf(query.error)}</Alert>;
  if (classes.length === 0) {
    return (
      <>
        <PageHeader title="Посещаемость" />
        <EmptyState icon={EventBusyOutlined} title="Вы не классный руководитель">
          Посещаемость класса за неделю и причины пропусков ведёт классный руководитель. Пропуски на своих уроках вы отмечаете в журнале.
        </EmptyState>
      </>
    );
  }
  const classId = q.get('c') ?? classes[0].id;
  const monday = q.get('w') ?? mondayOf(today ?? new Date().toISOString().slice(0, 10));
  return (
    <>
      <PageHeader title="Посещаемость" />
      <ClassWeekBar classes={classes} classId={classId} monday={monday} onChange={(n) => setHashQuery('attendance', { c: n.classId, w: n.monday })} />
      <WeekView key={`${classId}|${monday}`} classId={classId} monday={monday} />
    </>
  );
}

function WeekView({ classId, monday }: { classId: string; monday: string }) {
  const theme = useTheme();
  const queryClient = useQueryClient();
  const params = { classId, weekStart: monday };
  const query = useQuery({ queryKey: ['attendance.getWeek', params], queryFn: () => api.attendance.getWeek(params), staleTime: 0 });
  const [active, setActive] = useState({ row: 0, day: 0 });
  const [anchorDay, setAnchorDay] = useState<number | null>(null);
  const [dialog, setDialog] = useState<{ row: number; from: number; to: number } | null>(null);
  const week = query.data;

  // One column a lesson slot: the groups of a split class (English in two groups) share it.
  const byDay = useMemo(() => {
    if (!week) return [];
    return week.days.map((d) => {
      const slots = new Map<string, Slot>();
      for (const l of week.lessons.filter((x) => x.date === d)) {
        const key = `${l.lessonNo}|${l.subject}`;
        const slot = slots.get(key) ?? { key, lessonNo: l.lessonNo, subject: l.subject, subjectName: l.subjectName, date: d, lessons: [] };
        slot.lessons.push(l);
        slots.set(key, slot);
      }
      return [...slots.values()];
    });
  }, [week]);

  if (query.isPending) return <CircularProgress aria-label="Загрузка" />;
  if (query.isError) return <Alert severity="error">{messageOf(query.error)}</Alert>;
  const w = week as Week;
  const att = new Map(w.attendance.map((a) => [`${a.studentId}|${a.lessonId}`, a]));
  const inGroup = (studentId: string, lesson: Week['lessons'][number]) =>
    !lesson.groupId || w.groupMembers.some((m) => m.groupId === lesson.groupId && m.studentId === studentId && m.fromDate <= lesson.date && (m.toDate === null || m.toDate >= lesson.date));
  const reasonOn = (studentId: string, date: string) => w.reasons.filter((r) => r.studentId === studentId && r.fromDate <= date && r.toDate >= date).pop();
  const span = { from: Math.min(anchorDay ?? active.day, active.day), to: Math.max(anchorDay ?? active.day, active.day) };

  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      if (e.shiftKey && m[1] !== 0) setAnchorDay((a) => a ?? active.day);
      else setAnchorDay(null);
      setActive((a) => ({ row: Math.min(w.students.length - 1, Math.max(0, a.row + m[0])), day: Math.min(5, Math.max(0, a.day + m[1])) }));
    } else if (e.key === 'Enter' && w.canEdit) {
      e.preventDefault();
      setDialog({ row: active.row, ...span });
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && w.canEdit) {
      e.preventDefault();
      const r = reasonOn(w.students[active.row].id, w.days[active.day]);
      if (r) void api.attendance.removeReason({ id: r.id, classId }).then(() => queryClient.invalidateQueries({ queryKey: ['attendance.getWeek', params] }));
    }
  };

  const line = theme.palette.divider;
  const tableWidth = NAME_W + byDay.reduce((sum, slots) => sum + (slots.length === 0 ? EMPTY_DAY_W : slots.length * SLOT_W), 0) + TOTALS.length * TOT_W;
  const kindColor: Record<Kind, string> = {
    illness: alpha(theme.palette.info.main, 0.14),
    valid: alpha(theme.palette.success.main, 0.14),
    invalid: alpha(theme.palette.error.main, 0.12),
  };
  return (
    <>
      {!w.canEdit && <Alert severity="info" sx={{ mb: 1 }}>Причины пропусков вносит классный руководитель; вы видите неделю без права изменений.</Alert>}
      <Box
        tabIndex={0}
        role="grid"
        aria-label={`Посещаемость ${w.className}`}
        data-testid="attendance-grid"
        onKeyDown={onKeyDown}
        sx={{
          outline: 'none', overflow: 'auto', border: `1px solid ${line}`, borderRadius: 1, bgcolor: 'background.paper', maxHeight: 'calc(100vh - 250px)', width: 'fit-content', maxWidth: '100%',
          '&:focus-visible': { boxShadow: `0 0 0 2px ${alpha(theme.palette.primary.main, 0.35)}` },
          '& table': { borderCollapse: 'separate', borderSpacing: 0, fontSize: 13, tableLayout: 'fixed' },
          '& th, & td': { borderRight: `1px solid ${line}`, borderBottom: `1px solid ${line}`, textAlign: 'center', p: 0, whiteSpace: 'nowrap', overflow: 'hidden' },
          '& thead th': { position: 'sticky', zIndex: 2, bgcolor: theme.palette.mode === 'light' ? '#eef2f7' : '#22272e', fontWeight: 600, fontSize: 12, height: HEAD_TOP },
          '& thead tr:first-of-type th': { top: 0 },
          '& thead tr:nth-of-type(2) th': { top: HEAD_TOP, height: HEAD_SLOTS, verticalAlign: 'top' },
          // The whole week (six days of up to seven lessons) and the totals fit the 1366-pixel screen: narrow lesson columns.
          '& .name': { position: 'sticky', left: 0, zIndex: 1, bgcolor: 'background.paper', textAlign: 'left', px: '6px', textOverflow: 'ellipsis' },
          '& .l': { height: ROW_H, fontSize: 12 },
          '& th.slot': { fontSize: 11, fontWeight: 600, lineHeight: 1.3, pt: '2px' },
          '& th.slot .subj': { display: 'block', writingMode: 'vertical-rl', transform: 'rotate(180deg)', fontWeight: 400, fontSize: 10, mx: 'auto', lineHeight: 1, maxHeight: HEAD_SLOTS - 18, overflow: 'hidden' },
          '& .day-start': { borderLeft: `2px solid ${theme.palette.text.disabled}` },
          '& .tot-start': { borderLeft: `2px solid ${theme.palette.text.secondary}` },
          '& .day-active': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: -2 },
          '& .sel': { bgcolor: alpha(theme.palette.primary.main, 0.12) },
          '& .absent': { fontWeight: 700 },
          '& .unexplained': { color: theme.palette.warning.dark },
          '& .invalid': { color: theme.palette.error.main },
          '& .na': { color: 'text.disabled' },
          '& .tot': { fontVariantNumeric: 'tabular-nums', bgcolor: alpha(theme.palette.text.primary, 0.03) },
          '& th.tot': { fontSize: 11, fontWeight: 500, verticalAlign: 'bottom', pb: '4px' },
          '& th.tot .vert': { writingMode: 'vertical-rl', transform: 'rotate(180deg)', display: 'inline-block' },
        }}
      >
        <table style={{ width: tableWidth }}>
          <colgroup>
            <col style={{ width: NAME_W }} />
            {byDay.flatMap((slots, i) => (slots.length === 0 ? [<col key={w.days[i]} style={{ width: EMPTY_DAY_W }} />] : slots.map((l) => <col key={l.key} style={{ width: SLOT_W }} />)))}
            {TOTALS.map((t) => (
              <col key={t.key} style={{ width: TOT_W }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th className="name" rowSpan={2} style={{ zIndex: 3 }}>
                Обучающийся
              </th>
              {w.days.map((d, i) => (
                <th key={d} colSpan={Math.max(1, byDay[i].length)} className="day-start">
                  {weekdayShort(d)}, {formatDate(d).slice(0, 5)}
                </th>
              ))}
              <th colSpan={TOTALS.length} className="tot-start">
                Итого за неделю
              </th>
            </tr>
            <tr>
              {w.days.map((d, i) =>
                byDay[i].length === 0 ? (
                  <th key={d} className="slot day-start" title="Уроков нет">
                    —
                  </th>
                ) : (
                  byDay[i].map((l, k) => (
                    <th key={l.key} title={`${l.lessonNo}-й урок: ${l.subjectName}`} className={k === 0 ? 'slot day-start' : 'slot'}>
                      {l.lessonNo}
                      <span className="subj">{l.subject}</span>
                    </th>
                  ))
                ),
              )}
              {TOTALS.map((t, i) => (
                <th key={t.key} className={i === 0 ? 'tot tot-start' : 'tot'} title={t.hint}>
                  <span className="vert">{t.title}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {w.students.map((s, row) => (
              <tr key={s.id}>
                <td className="name" title={s.name}>
                  {row + 1}. {s.name}
                </td>
                {w.days.map((d, day) => {
                  const reason = reasonOn(s.id, d);
                  const lessons = byDay[day].length ? byDay[day] : [null];
                  return lessons.map((slot, i) => {
                    // The lesson of the slot this student attends (their group's, if the class is split).
                    const l = slot ? (slot.lessons.find((x) => inGroup(s.id, x)) ?? slot.lessons[0]) : null;
                    const a = l ? att.get(`${s.id}|${l.id}`) : undefined;
                    const cls = i === 0 ? ['l', 'day-start'] : ['l'];
                    if (row === active.row && day === active.day && i === 0) cls.push('day-active');
                    if (row === active.row && day >= span.from && day <= span.to) cls.push('sel');
                    if (a?.code === 'absent') cls.push('absent', a.reasonKind === 'invalid' ? 'invalid' : a.reasonKind ? '' : 'unexplained');
                    if (l && !inGroup(s.id, l)) cls.push('na');
                    return (
                      <td
                        key={slot?.key ?? d}
                        className={cls.join(' ')}
                        style={reason && !cls.includes('sel') ? { background: kindColor[reason.kind as Kind] } : undefined}
                        title={[
                          a ? (a.code === 'absent' ? `Пропуск${a.reasonKind ? `: ${KIND_RU[a.reasonKind as Kind]}` : ' без причины'}` : 'Опоздание') : null,
                          a?.reasonNote,
                          reason ? `Причина на день: ${KIND_RU[reason.kind as Kind]}${reason.document ? `, ${reason.document}` : ''}` : null,
                        ]
                          .filter(Boolean)
                          .join('\n') || undefined}
                        onMouseDown={(e) => {
                          if (e.shiftKey && row === active.row) setAnchorDay((x) => x ?? active.day);
                          else setAnchorDay(null);
                          setActive({ row, day });
                        }}
                        onDoubleClick={() => w.canEdit && setDialog({ row, from: day, to: day })}
                      >
                        {l && !inGroup(s.id, l)
                          ? '·'
                          : a?.code === 'absent'
                            ? a.reasonKind
                              ? KIND_CODE[a.reasonKind as Kind]
                              : 'н'
                            : a?.code === 'late'
                              ? 'оп'
                              : ''}
                      </td>
                    );
                  });
                })}
                {TOTALS.map((t, i) => (
                  <td key={t.key} className={i === 0 ? 'tot tot-start' : 'tot'} style={t.key === 'unexplained' && s.totals.unexplained ? { fontWeight: 700 } : undefined}>
                    {s.totals[t.key] || ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Box>
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1 }}>
        н — пропуск без указанной причины, б — по болезни, уп — по уважительной причине, нп — по неуважительной, оп — опоздание; день с причиной
        подсвечен. Стрелки — ученик и день, Shift+стрелки — несколько дней, Enter — указать причину, Delete — снять причину дня.
      </Typography>
      {dialog && (
        <ReasonEntry
          classId={classId}
          student={w.students[dialog.row]}
          from={w.days[dialog.from]}
          to={w.days[dialog.to]}
          onDone={async () => {
            setDialog(null);
            await queryClient.invalidateQueries({ queryKey: ['attendance.getWeek', params] });
          }}
          onCancel={() => setDialog(null)}
        />
      )}
    </>
  );
}

function ReasonEntry({
  classId,
  student,
  from,
  to,
  onDone,
  onCancel,
}: {
  classId: string;
  student: { id: string; name: string };
  from: string;
  to: string;
  onDone(): void;
  onCancel(): void;
}) {
  const [kind, setKind] = useState<Kind>('illness');
  const [fromDate, setFrom] = useState(from);
  const [toDate, setTo] = useState(to);
  const [note, setNote] = useState('');
  const [document, setDocument] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const submit = async () => {
    const badDates = Object.fromEntries(
      Object.entries({ fromDate: dateError(fromDate), toDate: dateError(toDate) }).filter((e): e is [string, string] => e[1] !== null),
    );
    if (Object.keys(badDates).length > 0) {
      setFields(badDates);
      setError('Проверьте даты, отмеченные красным.');
      return;
    }
    try {
      await api.attendance.setReasons({ classId, studentId: student.id, fromDate, toDate, kind, note: note || null, document: document || null });
      onDone();
    } catch (e) {
      setError(messageOf(e));
      if (e instanceof ApiError) setFields(e.fields);
    }
  };
  return (
    <Dialog
      open
      onClose={onCancel}
      aria-labelledby="reason-entry-title"
      onKeyDown={(e) => {
        // Enter saves from anywhere in the form, as in the other dialogs of the journal.
        if (e.key === 'Enter' && !e.shiftKey && (e.target as HTMLElement).tagName !== 'BUTTON') {
          e.preventDefault();
          void submit();
        }
      }}
    >
      <DialogTitle id="reason-entry-title">Причина пропусков: {student.name}</DialogTitle>
      <DialogContent>
        <Box sx={{ display: 'flex', gap: 2, mt: 1 }}>
          <DateField label="С" value={fromDate} onChange={setFrom} error={Boolean(fields.fromDate)} helperText={fields.fromDate} />
          <DateField label="По" value={toDate} onChange={setTo} error={Boolean(fields.toDate)} helperText={fields.toDate} />
        </Box>
        <RadioGroup value={kind} onChange={(e) => setKind(e.target.value as Kind)} row aria-label="Причина" sx={{ my: 1 }}>
          <FormControlLabel value="illness" control={<Radio autoFocus />} label="Болезнь" />
          <FormControlLabel value="valid" control={<Radio />} label="Уважительная" />
          <FormControlLabel value="invalid" control={<Radio />} label="Неуважительная" />
        </RadioGroup>
        <TextField label="Примечание" value={note} onChange={(e) => setNote(e.target.value)} placeholder="ОРВИ; семейные обстоятельства" />
        <TextField label="Документ" value={document} onChange={(e) => setDocument(e.target.value)} placeholder="Справка № 15 от 25.11.2026" sx={{ mt: 1 }} />
        {error && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Отмена</Button>
        <Button variant="contained" onClick={() => void submit()}>
          Сохранить
        </Button>
      </DialogActions>
    </Dialog>
  );
}
