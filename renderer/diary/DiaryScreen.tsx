import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import GlobalStyles from '@mui/material/GlobalStyles';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import PictureAsPdfOutlined from '@mui/icons-material/PictureAsPdfOutlined';
import AutoStoriesOutlined from '@mui/icons-material/AutoStoriesOutlined';
import type { ResultOf } from '../../main/core/api/types';
import { api, messageOf } from '../api/client';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { useNotify } from '../components/Notifier';
import { formatDate } from '../i18n/format';
import { ClassWeekBar, mondayOf, useClassChoices } from '../journal/ClassPicker';
import { downloadFile } from '../reports/files';
import { setHashQuery, useHashQuery } from '../journal/route';

type Diary = ResultOf<'diary.getWeek'>;
const DAY_NAMES = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота'];

/**
 * «Дневник»: one student's week — lessons, topics, homework, marks and
 * absences — laid out like a paper diary, two pages of three days. «Печать»
 * prints this sheet on two A4 pages; «Скачать PDF» gives the week as a PDF
 * from the report engine (A4 landscape), to print or hand to a parent.
 */
export function DiaryScreen() {
  const { query, classes, today } = useClassChoices();
  const q = useHashQuery();
  if (query.isPending) return <CircularProgress aria-label="Загрузка" />;
  if (query.isError) return <Alert severity="error">{messageOf(query.error)}</Alert>;
  if (classes.length === 0) {
    return (
      <>
        <PageHeader title="Дневник" />
        <EmptyState icon={AutoStoriesOutlined} title="Дневники учеников ведёт классный руководитель">
          Дневник ученика за неделю открывают и печатают классный руководитель и администрация школы.
        </EmptyState>
      </>
    );
  }
  const classId = q.get('c') ?? classes[0].id;
  const monday = q.get('w') ?? mondayOf(today ?? new Date().toISOString().slice(0, 10));
  return (
    <>
      <PageHeader title="Дневник" description="Неделя ученика: уроки, темы, домашние задания, отметки и пропуски — на экране и на бумаге." />
      <ClassWeekBar classes={classes} classId={classId} monday={monday} onChange={(n) => setHashQuery('diary', { c: n.classId, w: n.monday, s: null })}>
        <StudentPicker classId={classId} date={monday} studentId={q.get('s')} onChange={(s) => setHashQuery('diary', { c: classId, w: monday, s })} />
      </ClassWeekBar>
      {q.get('s') ? <DiaryWeek key={`${q.get('s')}|${monday}`} studentId={q.get('s')!} monday={monday} /> : <Typography color="text.secondary">Выберите ученика.</Typography>}
    </>
  );
}

function StudentPicker({ classId, date, studentId, onChange }: { classId: string; date: string; studentId: string | null; onChange(id: string): void }) {
  const students = useQuery({ queryKey: ['diary.students', classId, date], queryFn: () => api.diary.students({ classId, date }) });
  const list = students.data ?? [];
  return (
    <TextField
      select
      label="Ученик"
      value={list.some((s) => s.id === studentId) ? studentId : ''}
      onChange={(e) => onChange(e.target.value)}
      sx={{ width: 280 }}
      error={students.isError}
      helperText={students.isError ? messageOf(students.error) : undefined}
    >
      {list.map((s) => (
        <MenuItem key={s.id} value={s.id}>
          {s.name}
        </MenuItem>
      ))}
    </TextField>
  );
}

function DiaryWeek({ studentId, monday }: { studentId: string; monday: string }) {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const query = useQuery({ queryKey: ['diary.getWeek', studentId, monday], queryFn: () => api.diary.getWeek({ studentId, weekStart: monday }), staleTime: 0 });
  if (query.isPending) return <CircularProgress aria-label="Загрузка" />;
  if (query.isError) return <Alert severity="error">{messageOf(query.error)}</Alert>;
  const d = query.data;
  const pdf = async () => {
    setBusy(true);
    try {
      downloadFile(await api.diary.pdf({ studentId, weekStart: monday }));
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <GlobalStyles
        styles={{
          // On paper as in a paper diary: Monday to Wednesday on one A4 page, Thursday to Saturday on the next.
          '@media print': {
            '@page': { size: 'A4 portrait', margin: '10mm' },
            'body *': { visibility: 'hidden' },
            '.diary-print, .diary-print *': { visibility: 'visible' },
            '.diary-print': {
              position: 'absolute', left: 0, top: 0, width: '100%', padding: '0 !important',
              boxShadow: 'none !important', border: 'none !important', background: 'none !important',
            },
            '.diary-print .diary-halves': { display: 'block !important' },
            '.diary-print .diary-half': { display: 'block !important' },
            '.diary-print .diary-half:first-of-type': { breakAfter: 'page' },
            '.diary-print table': { breakInside: 'avoid', marginBottom: '10px' },
          },
        }}
      />
      <Box sx={{ display: 'flex', gap: 1, mb: 1.5 }}>
        <Button variant="contained" startIcon={<PrintOutlined />} onClick={() => window.print()}>
          Печать
        </Button>
        <Button variant="outlined" startIcon={<PictureAsPdfOutlined />} onClick={() => void pdf()} disabled={busy || d.paperOnly}>
          Скачать PDF
        </Button>
        {d.paperOnly && (
          <Typography variant="body2" color="text.secondary" sx={{ alignSelf: 'center' }}>
            Согласие на обработку персональных данных не получено: дневник выдаётся родителям только на бумаге.
          </Typography>
        )}
      </Box>
      <Paper variant="outlined" className="diary-print" sx={{ p: 2, bgcolor: '#fffdf7', color: '#1b2430' }} data-testid="diary-sheet">
        <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', mb: 1 }}>
          <Typography sx={{ fontWeight: 700, fontSize: 16 }}>
            Дневник: {d.student.name}, {d.className} класс
          </Typography>
          <Typography sx={{ fontSize: 13 }}>
            {d.schoolName} · неделя {formatDate(d.monday)} — {formatDate(d.saturday)}
          </Typography>
        </Box>
        <Box className="diary-halves" sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2, alignItems: 'start' }}>
          {[0, 1].map((half) => (
            <Box key={half} className="diary-half" sx={{ display: 'grid', gap: 1 }}>
              {d.days.slice(half * 3, half * 3 + 3).map((day, i) => (
                <DayTable key={day.date} name={DAY_NAMES[half * 3 + i]} day={day} />
              ))}
            </Box>
          ))}
        </Box>
        <Box sx={{ display: 'flex', gap: 6, mt: 2, fontSize: 12 }}>
          <span>Классный руководитель ______________</span>
          <span>Родитель (законный представитель) ______________ Дата ________</span>
        </Box>
      </Paper>
    </>
  );
}

function DayTable({ name, day }: { name: string; day: Diary['days'][number] }) {
  return (
    <Box
      component="table"
      sx={{
        width: '100%',
        borderCollapse: 'collapse',
        fontSize: 12,
        '& th, & td': { border: '1px solid #9aa6b2', p: '2px 4px', verticalAlign: 'top' },
        '& th': { bgcolor: '#eef2f7', fontWeight: 600, textAlign: 'left' },
        '& .m': { textAlign: 'center', fontWeight: 700, width: 44 },
        '& .bad': { color: '#c62828' },
      }}
    >
      <caption style={{ textAlign: 'left', fontWeight: 700, fontSize: 13, paddingBottom: 2 }}>
        {name}, {formatDate(day.date)}
      </caption>
      <thead>
        <tr>
          <th style={{ width: 18 }}>№</th>
          <th style={{ width: 110 }}>Предмет</th>
          <th>Тема / домашнее задание</th>
          <th className="m">Отм.</th>
        </tr>
      </thead>
      <tbody>
        {day.lessons.length === 0 && (
          <tr>
            <td colSpan={4} style={{ color: '#6b7785' }}>
              Уроков нет
            </td>
          </tr>
        )}
        {day.lessons.map((l) => (
          <tr key={l.id}>
            <td>{l.lessonNo}</td>
            <td>
              {l.subject}
              {l.time && <div style={{ fontSize: 10, color: '#6b7785' }}>{l.time}</div>}
            </td>
            <td>
              {l.status === 'cancelled' ? 'Урок отменён' : l.topic ?? ''}
              {l.homework && (
                <div>
                  <b>Д/з:</b> {l.homework}
                </div>
              )}
            </td>
            <td className="m">
              {l.attendance === 'absent' ? 'н ' : l.attendance === 'late' ? 'оп ' : ''}
              {l.marks.map((m, i) => (
                <span key={i} className={/^[12]/.test(m.value) ? 'bad' : undefined} title={m.workType}>
                  {i > 0 ? '/' : ''}
                  {m.value}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </Box>
  );
}
