import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import CheckCircleOutlined from '@mui/icons-material/CheckCircleOutlined';
import TodayOutlined from '@mui/icons-material/TodayOutlined';
import { api, messageOf } from '../api/client';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { formatLongDate, weekdayShort } from '../i18n/format';
import { journalHref } from './route';
import { prefetchJournalPage } from './page-query';

/** What is not filled in yet, as a teacher would say it. */
const MISSING_RU: Record<string, string> = {
  тема: 'нет темы',
  посещаемость: 'не отмечена посещаемость',
  'домашнее задание': 'нет домашнего задания',
};

/**
 * «Мои уроки» (UI.md «Screens»): the teacher's day — own lessons and the
 * ones they substitute — with what is not filled in yet, and one click into
 * the journal at that lesson.
 */
export function MyLessons() {
  const query = useQuery({ queryKey: ['journal.myLessons'], queryFn: () => api.journal.myLessons({}), staleTime: 0 });
  if (query.isPending) return <CircularProgress aria-label="Загрузка" />;
  if (query.isError) return <Alert severity="error">{messageOf(query.error)}</Alert>;
  const { date, lessons } = query.data;
  const open = lessons.filter((l) => l.missing.length > 0).length;
  return (
    <>
      <PageHeader
        title="Мои уроки"
        description={`${weekdayShort(date)}, ${formatLongDate(date)} ${
          lessons.length === 0 ? '' : open === 0 ? 'Всё заполнено.' : `Не заполнено уроков: ${open} из ${lessons.length}.`
        }`}
      />
      {lessons.length === 0 ? (
        <EmptyState icon={TodayOutlined} title="Сегодня уроков нет">
          По расписанию и заменам на этот день у вас нет уроков. Страницы журнала открываются в разделе «Журнал».
        </EmptyState>
      ) : (
        <Box sx={{ display: 'grid', gap: 1 }} component="ol" aria-label="Уроки на сегодня" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {lessons.map((l) => (
            <Paper key={l.id} component="li" variant="outlined" sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 2, py: 1.25, opacity: l.cancelled ? 0.6 : 1 }}>
              <Box sx={{ width: 92, flexShrink: 0 }}>
                <Typography sx={{ fontWeight: 700 }}>{l.lessonNo}-й урок</Typography>
                <Typography variant="caption" color="text.secondary">
                  {l.time ?? ''}
                </Typography>
              </Box>
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Link
                  href={journalHref({ ...l.ref, lessonId: l.id })}
                  onClick={() => prefetchJournalPage(l.ref)}
                  underline="hover"
                  sx={{ fontWeight: 600 }}
                  data-testid="my-lesson-link"
                >
                  {l.className}
                  {l.groupName ? `, ${l.groupName}` : ''} — {l.subjectName}
                </Link>
                {l.substituted && <Chip label="Замена" size="small" color="secondary" variant="outlined" sx={{ ml: 1 }} />}
                {l.cancelled && <Chip label="Отменён" size="small" sx={{ ml: 1 }} />}
                <Typography variant="body2" color="text.secondary" noWrap>
                  {l.topic ? `Тема: ${l.topic}` : 'Тема не записана'}
                </Typography>
              </Box>
              <Box sx={{ display: 'flex', gap: 0.75, flexShrink: 0 }}>
                {l.missing.length === 0 && !l.cancelled ? (
                  <Chip icon={<CheckCircleOutlined />} label="Заполнено" size="small" color="success" variant="outlined" />
                ) : (
                  l.missing.map((m) => <Chip key={m} label={MISSING_RU[m] ?? `нет: ${m}`} size="small" color="warning" variant="outlined" />)
                )}
              </Box>
            </Paper>
          ))}
        </Box>
      )}
    </>
  );
}
