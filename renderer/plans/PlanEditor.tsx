import { useCallback, useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import ArrowBack from '@mui/icons-material/ArrowBack';
import { ApiError, api } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useNotify } from '../components/Notifier';
import { formatDate } from '../i18n/format';
import { dateError } from '../i18n/ru-date';
import { CopyDialog } from './CopyDialog';
import { FulfilmentChip, HoursAgainstCurriculum } from './fulfilment';
import { ImportTopicsDialog } from './ImportTopicsDialog';
import { PlanLessons } from './PlanLessons';
import { TopicRow, type Row } from './TopicsTable';

let counter = 0;
const fresh = (): Row => ({ key: `new-${++counter}`, id: null, title: '', hours: '1', workTypeId: '', plannedDate: '', lessonDates: [] });

/**
 * One КТП: its topics in order with hours, work type and date — edited like a
 * table and saved at once; the dates the timetable gives each topic; import
 * from a spreadsheet; copy to the parallel classes; the deputy's approval;
 * and the page's lessons with their planned and written topics.
 */
export function PlanEditor({ id, yearId, onBack }: { id: string; yearId: string; onBack: () => void }) {
  const qc = useQueryClient();
  const notify = useNotify();
  const plan = useQuery({ queryKey: ['plans.get', id], queryFn: () => api.plans.get({ id }) });
  const [rows, setRows] = useState<Row[]>([]);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState<'topics' | 'lessons'>('topics');
  const [dialog, setDialog] = useState<'import' | 'copy' | 'remove' | null>(null);

  useEffect(() => {
    if (!plan.data || dirty) return;
    setRows(
      plan.data.topics.map((t) => ({
        key: t.id,
        id: t.id,
        title: t.title,
        hours: String(t.hours),
        workTypeId: t.workTypeId ?? '',
        plannedDate: t.plannedDate ?? '',
        lessonDates: t.lessonDates,
      })),
    );
  }, [plan.data, dirty]);

  const refresh = async () => {
    setDirty(false);
    await qc.invalidateQueries({ queryKey: ['plans.get', id] });
    await qc.invalidateQueries({ queryKey: ['plans.lessons', id] });
    await qc.invalidateQueries({ queryKey: ['plans.list'] });
  };
  const [editing, setEditing] = useState<string | null>(null);
  const edit = useCallback((key: string, patch: Partial<Row>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setDirty(true);
  }, []);
  const moveRow = useCallback((i: number, d: number) => {
    setRows((rs) => {
      const next = [...rs];
      const [r] = next.splice(i, 1);
      next.splice(i + d, 0, r);
      return next;
    });
    setDirty(true);
  }, []);
  const removeRow = useCallback((key: string) => {
    setRows((rs) => rs.filter((x) => x.key !== key));
    setDirty(true);
  }, []);
  const stopEditing = useCallback(() => setEditing(null), []);
  const save = async () => {
    // A planned date that is not a date is never sent as some other date, nor dropped: the row says so.
    const badDates: Record<string, string> = {};
    rows.forEach((r, i) => {
      const message = dateError(r.plannedDate, false);
      if (message) badDates[`topics.${i}.plannedDate`] = message;
    });
    if (Object.keys(badDates).length > 0) {
      setErrors(badDates);
      setError('Проверьте даты тем, отмеченные красным.');
      return;
    }
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const topics = rows.map((r) => ({
        id: r.id,
        title: r.title,
        hours: Number(r.hours.replace(',', '.')),
        workTypeId: r.workTypeId || null,
        plannedDate: r.plannedDate || null,
      }));
      const r = await api.plans.saveTopics({ id, topics });
      await refresh();
      notify.success(`КТП сохранён${r.lessonsChanged ? `; темы уроков обновлены: ${r.lessonsChanged}` : ''}`);
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(e.fields);
        setError(e.message);
      } else notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  if (plan.error) {
    return (
      <Alert severity="error" action={<Button onClick={onBack}>К списку</Button>}>
        {plan.error.message}
      </Alert>
    );
  }
  if (!plan.data) return <LinearProgress aria-label="Загрузка КТП" />;
  const { plan: p, editable, canApprove, workTypes } = plan.data;
  const totalHours = rows.reduce((s, r) => s + (Number(r.hours.replace(',', '.')) || 0), 0);
  return (
    <>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1.5, mb: 2 }}>
        <IconButton aria-label="К списку КТП" onClick={onBack} sx={{ mt: 0.25 }}>
          <ArrowBack />
        </IconButton>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h2" component="h1">
            {p.name}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
            {p.className}
            {p.groupName ? `, ${p.groupName}` : ''} · {p.subjectName} · {p.teacher} · часов: <HoursAgainstCurriculum plan={p} />
          </Typography>
        </Box>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexShrink: 0 }}>
          <FulfilmentChip f={p.fulfilment} />
          {p.approvedAt ? <Chip color="success" label={`Утверждён ${formatDate(p.approvedAt)}`} /> : <Chip variant="outlined" label="Не утверждён" />}
        </Box>
      </Box>
      <Box sx={{ display: 'flex', gap: 1, mb: 1.5, flexWrap: 'wrap' }}>
        {editable && (
          <>
            <Button variant="outlined" onClick={() => setDialog('import')}>
              Загрузить из файла…
            </Button>
            <Button variant="outlined" onClick={() => setDialog('copy')} disabled={dirty || rows.length === 0}>
              Копировать в параллель…
            </Button>
          </>
        )}
        {canApprove && (
          <Button
            variant="outlined"
            color={p.approvedAt ? 'inherit' : 'success'}
            disabled={dirty}
            onClick={() =>
              void api.plans
                .approve({ id, approved: !p.approvedAt })
                .then(async () => {
                  await refresh();
                  notify.success(p.approvedAt ? 'Утверждение снято' : 'КТП утверждён');
                })
                .catch(notify.error)
            }
          >
            {p.approvedAt ? 'Снять утверждение' : 'Утвердить'}
          </Button>
        )}
        <Box sx={{ flex: 1 }} />
        {editable && (
          <Button color="error" onClick={() => setDialog('remove')}>
            Удалить КТП
          </Button>
        )}
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        По расписанию в году уроков: {p.fulfilment.yearLessons}. На {formatDate(p.fulfilment.date)} по плану {p.fulfilment.planned} ч, проведено {p.fulfilment.given} ч.
        {p.fulfilment.yearLessons < p.fulfilment.planHours ? ` Тем больше, чем уроков в году: последние ${p.fulfilment.planHours - p.fulfilment.yearLessons} ч не встанут в уроки.` : ''}
      </Typography>
      <Tabs value={tab} onChange={(_e, v) => setTab(v)} sx={{ mb: 1.5, borderBottom: 1, borderColor: 'divider' }}>
        <Tab value="topics" label={`Темы (${rows.length})`} />
        <Tab value="lessons" label="Уроки" />
      </Tabs>
      {tab === 'lessons' && <PlanLessons id={id} />}
      {tab === 'topics' && (
        <Paper variant="outlined">
          <Table aria-label="Темы КТП">
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 48 }}>№</TableCell>
                <TableCell>Тема</TableCell>
                <TableCell sx={{ width: 80 }}>Часы</TableCell>
                <TableCell sx={{ width: 190 }}>Вид работы</TableCell>
                <TableCell sx={{ width: 160 }}>Дата по плану</TableCell>
                <TableCell sx={{ width: 120 }}>По расписанию</TableCell>
                <TableCell sx={{ width: 150 }} />
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r, i) => (
                <TopicRow
                  key={r.key}
                  row={r}
                  index={i}
                  count={rows.length}
                  editing={editing === r.key}
                  editable={editable}
                  errors={errors}
                  workTypes={workTypes}
                  onEdit={setEditing}
                  onStop={stopEditing}
                  onChange={edit}
                  onMove={moveRow}
                  onRemove={removeRow}
                />
              ))}
              {rows.length === 0 && (
                <TableRow>
                  <TableCell colSpan={7}>
                    <Typography variant="body2" color="text.secondary">
                      Тем пока нет. Добавьте их по одной или загрузите из файла Excel или CSV со столбцами «№», «Тема», «Часы» (и, если нужно, «Вид работы», «Дата»).
                    </Typography>
                  </TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
          {editable && (
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, p: 1.5, borderTop: 1, borderColor: 'divider' }}>
              <Button
                onClick={() => {
                  const row = fresh();
                  setRows((rs) => [...rs, row]);
                  setEditing(row.key);
                  setDirty(true);
                }}
              >
                Добавить тему
              </Button>
              <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
                Всего: {totalHours} ч{p.curriculumHours !== null ? ` из ${p.curriculumHours} ч по учебному плану` : ''}.
              </Typography>
              {dirty && (
                <Button
                  onClick={() => {
                    setDirty(false);
                    setErrors({});
                    setError(null);
                  }}
                  disabled={busy}
                >
                  Отменить изменения
                </Button>
              )}
              <Button variant="contained" disabled={!dirty || busy} onClick={() => void save()}>
                Сохранить
              </Button>
            </Box>
          )}
          {error && (
            <Alert severity="error" sx={{ m: 1.5, mt: 0 }} role="alert">
              {error}
            </Alert>
          )}
        </Paper>
      )}
      {dialog === 'import' && (
        <ImportTopicsDialog
          planId={id}
          yearId={yearId}
          curriculumHours={p.curriculumHours}
          hasTopics={rows.length > 0}
          onClose={() => setDialog(null)}
          onDone={async () => {
            setDialog(null);
            await refresh();
          }}
        />
      )}
      {dialog === 'copy' && <CopyDialog id={id} targets={plan.data.copyTargets} onClose={() => setDialog(null)} onDone={() => void refresh()} />}
      <ConfirmDialog
        open={dialog === 'remove'}
        title="Удалить КТП?"
        confirmLabel="Удалить"
        danger
        onClose={() => setDialog(null)}
        onConfirm={() => {
          setDialog(null);
          void api.plans
            .remove({ id })
            .then(async () => {
              await qc.invalidateQueries({ queryKey: ['plans.list'] });
              notify.success('КТП удалён');
              onBack();
            })
            .catch(notify.error);
        }}
      >
        КТП «{p.name}» ({rows.length} тем) будет удалён; у уроков пропадут запланированные темы. Темы, которые учитель уже записал в уроки, останутся.
      </ConfirmDialog>
    </>
  );
}
