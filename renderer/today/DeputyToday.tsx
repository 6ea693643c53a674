import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import PersonOffOutlined from '@mui/icons-material/PersonOffOutlined';
import EventBusyOutlined from '@mui/icons-material/EventBusyOutlined';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import RateReviewOutlined from '@mui/icons-material/RateReviewOutlined';
import type { SvgIconComponent } from '@mui/icons-material';
import { api, messageOf } from '../api/client';
import { PageHeader } from '../components/PageHeader';
import { countOf, formatDateTime, formatLongDate, formatShortDate, weekdayShort } from '../i18n/format';

/**
 * «Сегодня»: the deputy's first screen (issue 16 §12). What the day asks of
 * her before the first bell — who is away, which lessons still have nobody,
 * whether the posted sheet of changes is up to date, whose fixes of remarks
 * wait for her confirmation — each with the way to where it is done.
 */
export function DeputyToday() {
  const query = useQuery({ queryKey: ['today.deputy'], queryFn: () => api.today.deputy({}), staleTime: 0 });
  if (query.isPending) return <CircularProgress aria-label="Загрузка" />;
  if (query.isError) return <Alert severity="error">{messageOf(query.error)}</Alert>;
  const d = query.data;
  const unprinted = d.unprinted.classes + d.unprinted.teachers;
  return (
    <>
      <PageHeader title="Сегодня" description={`${weekdayShort(d.date)}, ${formatLongDate(d.date)}`} />
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 2 }} data-testid="deputy-today">
        <Card
          icon={PersonOffOutlined}
          title="Отсутствуют учителя"
          count={d.absences.length}
          action={
            <Button size="small" href="#/substitutions">
              Замены
            </Button>
          }
          empty="Отсутствий на сегодня не записано."
        >
          {d.absences.map((a) => (
            <Line key={a.id} main={`${a.staffName} — ${a.reasonText}`} sub={`${a.span}; ${countOf(a.lessons, ['урок', 'урока', 'уроков'])}`}>
              {a.open > 0 ? <Chip size="small" color="warning" label={`без решения: ${a.open}`} /> : <Chip size="small" color="success" variant="outlined" label="все решены" />}
            </Line>
          ))}
        </Card>
        <Card
          icon={EventBusyOutlined}
          title="Уроки без решения"
          count={d.open.length}
          tone={d.open.length > 0 ? 'warning' : undefined}
          action={
            <Button size="small" variant={d.open.length > 0 ? 'contained' : 'text'} href="#/substitutions">
              Подобрать замены
            </Button>
          }
          empty="Все уроки дня обеспечены."
        >
          {d.open.map((l) => (
            <Line key={l.id} main={`${l.lessonNo}-й урок · ${l.classLabel} · ${l.subjectName}`} sub={[l.clock, l.teacherName, l.problem].filter(Boolean).join(' · ')} />
          ))}
        </Card>
        <Card
          icon={PrintOutlined}
          title="Замены не напечатаны"
          count={unprinted}
          tone={unprinted > 0 ? 'warning' : undefined}
          action={
            <Button size="small" variant={unprinted > 0 ? 'contained' : 'text'} href="#/substitutions?tab=changes">
              Замены на дату
            </Button>
          }
          empty="Вывешенные листы замен соответствуют решениям дня."
        >
          {unprinted > 0 && (
            <>
              <Line main={`Для классов: ${countOf(d.unprinted.classes, ['строка', 'строки', 'строк'])}`} sub={printedText(d.unprinted.lastPrinted.class)} />
              <Line main={`Для учителей: ${countOf(d.unprinted.teachers, ['строка', 'строки', 'строк'])}`} sub={printedText(d.unprinted.lastPrinted.teacher)} />
            </>
          )}
        </Card>
        <Card
          icon={RateReviewOutlined}
          title="Замечания ждут подтверждения"
          count={d.toConfirm.length}
          action={
            <Button size="small" href="#/control?tab=remarks">
              Замечания
            </Button>
          }
          empty="Учителя не отмечали устранённых замечаний."
        >
          {d.toConfirm.map((r) => (
            <Line
              key={r.id}
              main={`${r.teacherName}${r.className ? `, ${r.className}` : ''}${r.subjectName ? `, ${r.subjectName}` : ''}: ${r.text}`}
              sub={`Устранено ${r.fixedAt ? formatShortDate(r.fixedAt) : ''}: ${r.fixNote ?? ''}`}
            />
          ))}
        </Card>
      </Box>
    </>
  );
}

function printedText(at: string | null): string {
  return at ? `после печати ${formatDateTime(at)}` : 'ещё не печатались';
}

function Card({
  icon: Icon,
  title,
  count,
  tone,
  action,
  empty,
  children,
}: {
  icon: SvgIconComponent;
  title: string;
  count: number;
  tone?: 'warning';
  action: ReactNode;
  empty: string;
  children: ReactNode;
}) {
  return (
    <Paper variant="outlined" component="section" aria-label={title} sx={{ display: 'flex', flexDirection: 'column', minHeight: 200, maxHeight: 300 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Icon fontSize="small" color={tone ?? 'action'} />
        <Typography component="h2" sx={{ fontWeight: 600, flex: 1 }}>
          {title}
          <Box component="span" sx={{ ml: 1, color: tone === 'warning' ? 'warning.dark' : 'text.secondary', fontVariantNumeric: 'tabular-nums' }}>
            {count}
          </Box>
        </Typography>
        {action}
      </Box>
      <Box sx={{ px: 2, py: 1, overflow: 'auto', flex: 1 }}>
        {count === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
            {empty}
          </Typography>
        ) : (
          children
        )}
      </Box>
    </Paper>
  );
}

function Line({ main, sub, children }: { main: string; sub?: string; children?: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 0.5, borderBottom: 1, borderColor: 'divider', '&:last-of-type': { borderBottom: 0 } }}>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 500 }}>
          {main}
        </Typography>
        {sub && (
          <Typography variant="caption" color="text.secondary" component="div">
            {sub}
          </Typography>
        )}
      </Box>
      {children}
    </Box>
  );
}
