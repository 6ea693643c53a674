import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import { alpha } from '@mui/material/styles';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteOutlineOutlined from '@mui/icons-material/DeleteOutlineOutlined';
import EventNoteOutlined from '@mui/icons-material/EventNoteOutlined';
import type { ResultOf } from '../../main/core/api/types';
import { api } from '../api/client';
import { useActor } from '../app/session';
import { EmptyState } from '../components/EmptyState';
import { useNotify } from '../components/Notifier';
import { countOf, formatDate, weekdayShort } from '../i18n/format';
import { FormDialog, SelectField, useEditor } from '../school/kit';
import { DateField } from '../components/DateField';
import { isIsoDate } from '../i18n/ru-date';
import { useConfirm } from '../substitutions/useConfirm';

type Data = ResultOf<'controlWorks.list'>;

/**
 * The control-work schedule (график контрольных работ): the works planned for
 * each class by date and subject, for everyone who teaches or leads the class
 * to see; a day with more works than the setting allows is flagged, and
 * saving one more asks for confirmation. The deputy can fill it from the КТП.
 */
export function ControlWorksTab({ yearId, today }: { yearId: string; today: string }) {
  const actor = useActor();
  const qc = useQueryClient();
  const notify = useNotify();
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(() => fourWeeksFrom(today));
  const [classId, setClassId] = useState('');
  const [adding, setAdding] = useState(false);
  const [allWarnings, setAllWarnings] = useState(false);
  // A filter date that is not a date yet: the schedule is not shown for dates other than those on the screen.
  const badDates = [from, to].some((d) => d !== '' && !isIsoDate(d));
  const q = useQuery({
    queryKey: ['controlWorks.list', yearId, from, to],
    queryFn: () => api.controlWorks.list({ yearId, from: from || undefined, to: to && to >= from ? to : undefined }),
    enabled: !badDates,
    placeholderData: (previous) => previous,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['controlWorks.list'] });
  const canEdit = actor.roles.includes('deputy') || actor.roles.includes('teacher');
  const classes = useMemo(() => {
    const m = new Map<string, string>();
    for (const w of q.data?.works ?? []) m.set(w.classId, w.className);
    return [...m].map(([value, label]) => ({ value, label }));
  }, [q.data]);
  if (!q.data) return null;
  const works = q.data.works.filter((w) => !classId || w.classId === classId);
  const over = new Set(q.data.overLimit.flatMap((d) => d.ids));
  return (
    <Box>
      <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', mb: 1.5, flexWrap: 'wrap' }}>
        <Box sx={{ width: 180 }}>
          <DateField label="С даты" value={from} onChange={setFrom} helperText="" sx={{ mb: 0 }} />
        </Box>
        <Box sx={{ width: 180 }}>
          <DateField label="По дату" value={to} onChange={setTo} helperText="" sx={{ mb: 0 }} />
        </Box>
        <Box sx={{ width: 180 }}>
          <SelectField label="Класс" value={classId} onChange={(e) => setClassId(e.target.value)} empty="Все классы" options={classes} helperText="" sx={{ mb: 0 }} />
        </Box>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          Не больше {q.data.limit} в день у класса.
        </Typography>
        {actor.roles.includes('deputy') && (
          <Button
            variant="outlined"
            onClick={() =>
              void api.controlWorks
                .fromPlans({ yearId })
                .then(async (r) => {
                  await refresh();
                  notify.success(r.created ? `Из КТП добавлено контрольных работ: ${r.created}` : 'Все контрольные работы из КТП уже в графике');
                })
                .catch(notify.error)
            }
          >
            Заполнить по КТП
          </Button>
        )}
        {canEdit && q.data.choices.pages.length > 0 && (
          <Button variant="contained" onClick={() => setAdding(true)}>
            Добавить работу
          </Button>
        )}
      </Box>
      {(() => {
        // Many crowded days would push the schedule off the screen: the first few in full, the rest marked in the table.
        const days = badDates ? [] : q.data.overLimit.filter((d) => !classId || d.classId === classId);
        const shown = allWarnings ? days : days.slice(0, 3);
        return (
          <>
            {shown.map((d) => (
              <Alert key={`${d.classId}|${d.date}`} severity="warning" sx={{ mb: 1 }}>
                {d.message}
              </Alert>
            ))}
            {days.length > shown.length && (
              <Alert
                severity="warning"
                sx={{ mb: 1 }}
                action={
                  <Button color="inherit" size="small" onClick={() => setAllWarnings(true)}>
                    Показать все
                  </Button>
                }
              >
                И ещё {countOf(days.length - shown.length, ['день', 'дня', 'дней'])} с лишними контрольными работами — такие работы выделены в таблице.
              </Alert>
            )}
          </>
        );
      })()}
      {badDates ? (
        <Alert severity="warning">Введите даты в виде ДД.ММ.ГГГГ — график покажется за эти даты.</Alert>
      ) : works.length === 0 ? (
        <EmptyState icon={EventNoteOutlined} title="Контрольных работ не запланировано">
          Добавьте работы вручную или заполните график по КТП: темы с видом работы «контрольная» встанут на даты своих уроков.
        </EmptyState>
      ) : (
        <Paper variant="outlined">
          <Table aria-label="График контрольных работ">
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 140 }}>Дата</TableCell>
                <TableCell sx={{ width: 110 }}>Класс</TableCell>
                <TableCell>Предмет</TableCell>
                <TableCell>Работа</TableCell>
                <TableCell>Учитель</TableCell>
                {canEdit && <TableCell sx={{ width: 56 }} />}
              </TableRow>
            </TableHead>
            <TableBody>
              {works.map((w) => (
                <TableRow key={w.id} sx={over.has(w.id) ? { bgcolor: (t) => alpha(t.palette.warning.main, 0.12), '& td': { fontWeight: 600 }, '& td:first-of-type': { boxShadow: (t) => `inset 4px 0 ${t.palette.warning.main}` } } : undefined}>
                  <TableCell>
                    {weekdayShort(w.date)}, {formatDate(w.date)}
                  </TableCell>
                  <TableCell>
                    {w.className}
                    {w.groupName ? `, ${w.groupName}` : ''}
                  </TableCell>
                  <TableCell>{w.subjectName}</TableCell>
                  <TableCell>
                    {w.title}
                    {w.workTypeName && (
                      <Typography variant="caption" color="text.secondary" component="div">
                        {w.workTypeName}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{w.teacher ?? ''}</TableCell>
                  {canEdit && (
                    <TableCell>
                      <IconButton
                        size="small"
                        aria-label={`Убрать: ${w.title}, ${w.className}, ${formatDate(w.date)}`}
                        onClick={() => void api.controlWorks.remove({ id: w.id }).then(refresh).catch(notify.error)}
                      >
                        <DeleteOutlineOutlined fontSize="small" />
                      </IconButton>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
      {adding && <AddWorkDialog yearId={yearId} today={today} data={q.data} onClose={() => setAdding(false)} onSaved={() => void refresh()} />}
    </Box>
  );
}

/** The last day of the four weeks that start on a date: what a teacher plans ahead. */
function fourWeeksFrom(date: string): string {
  if (!date) return '';
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 27);
  return d.toISOString().slice(0, 10);
}

function AddWorkDialog({ yearId, today, data, onClose, onSaved }: { yearId: string; today: string; data: Data; onClose: () => void; onSaved: () => void }) {
  const notify = useNotify();
  const { attempt, dialog } = useConfirm();
  const pages = data.choices.pages;
  const ed = useEditor({ page: '0', date: today, title: 'Контрольная работа', workTypeId: data.choices.workTypes.find((w) => w.isControl)?.id ?? '' });
  const submit = () => {
    const page = pages[Number(ed.values.page)];
    if (!ed.check({ date: !ed.values.date && 'Укажите дату', title: !ed.values.title.trim() && 'Введите название работы' }) || !page) return;
    void attempt(
      (force) =>
        api.controlWorks.save({
          yearId,
          classId: page.classId,
          groupId: page.groupId,
          subjectId: page.subjectId,
          date: ed.values.date,
          title: ed.values.title,
          workTypeId: ed.values.workTypeId || null,
          force,
        }),
      () => {
        notify.success('Контрольная работа внесена в график');
        onSaved();
        onClose();
      },
    );
  };
  return (
    <>
      <FormDialog open title="Контрольная работа" onClose={onClose} onSubmit={submit} busy={ed.busy} error={ed.formError} submitLabel="Сохранить">
        <SelectField
          label="Класс и предмет"
          value={ed.values.page}
          onChange={(e) => ed.set('page', e.target.value)}
          options={pages.map((p, i) => ({ value: String(i), label: `${p.className}${p.groupName ? `, ${p.groupName}` : ''} — ${p.subjectName}` }))}
          helperText=" "
        />
        <DateField {...ed.date('date', 'Дата')} />
        <TextField {...ed.text('title', 'Работа')} />
        <SelectField
          label="Вид работы"
          value={ed.values.workTypeId}
          onChange={(e) => ed.set('workTypeId', e.target.value)}
          empty="—"
          options={data.choices.workTypes.map((w) => ({ value: w.id, label: w.name }))}
          helperText=" "
        />
      </FormDialog>
      {dialog}
    </>
  );
}
