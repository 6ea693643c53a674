import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import PictureAsPdfOutlined from '@mui/icons-material/PictureAsPdfOutlined';
import GridOnOutlined from '@mui/icons-material/GridOnOutlined';
import VisibilityOutlined from '@mui/icons-material/VisibilityOutlined';
import SendOutlined from '@mui/icons-material/SendOutlined';
import type { ReportModel } from '../../main/core/reports/model';
import { api, ApiError, messageOf } from '../api/client';
import { PageHeader } from '../components/PageHeader';
import { useActor } from '../app/session';
import { CATALOG, type CatalogEntry } from './catalog';
import { ReportForm, initialState, requestOf, type FormState, type Options } from './ReportForm';
import { ReportJobDialog, type ReportRequest } from './ReportJobDialog';
import { ReportView } from './ReportView';
import { ExtractsTab } from './ExtractsTab';
import { ComposeDialog, type ComposeDraft } from '../messages/ComposeDialog';

/**
 * «Отчёты»: pick a report, its class, period or dates; see it on screen,
 * print it (the PDF opens in the system's print dialog), or save it as PDF
 * or Excel. Long ones are written in the background with a progress bar.
 * The second tab prints the parents' extracts and registers their slips.
 */
export function ReportsScreen() {
  const roles = useActor().roles;
  const options = useQuery({ queryKey: ['reports.options'], queryFn: () => api.reports.options({}) });
  const [tab, setTab] = useState<'reports' | 'extracts'>('reports');
  const header = (
    <PageHeader title="Отчёты" description="Формы, которые школа печатает и хранит: на экране, в PDF для печати и в Excel." />
  );
  if (options.isPending) return <>{header}<CircularProgress aria-label="Загрузка" /></>;
  if (options.isError) {
    // No school year yet is a normal state of a new school, not a failure: it says what to do.
    const notReady = options.error instanceof ApiError && options.error.code === 'VALIDATION';
    return (
      <>
        {header}
        <Alert severity={notReady ? 'info' : 'error'}>{messageOf(options.error)}</Alert>
      </>
    );
  }
  const o = options.data;
  // Extracts are printed and registered by the class teacher and the deputy (the director only reads).
  const mayExtracts = roles.includes('deputy') || roles.includes('admin') || o.classes.some((c) => c.led);
  return (
    <>
      {header}
      {mayExtracts && (
        <Tabs value={tab} onChange={(_, v) => setTab(v)} sx={{ mb: 2 }}>
          <Tab value="reports" label="Отчёты" />
          <Tab value="extracts" label="Выписки для родителей" />
        </Tabs>
      )}
      {tab === 'reports' ? <ReportsTab options={o} /> : <ExtractsTab options={o} />}
    </>
  );
}

function ReportsTab({ options: o }: { options: Options }) {
  const entries = CATALOG.filter((e) => o.wholeSchool || !e.wholeSchoolOnly);
  const [entry, setEntry] = useState<CatalogEntry>(entries[0]);
  const [state, setState] = useState<FormState>(() => initialState(o));
  const [model, setModel] = useState<ReportModel | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useState<{ request: ReportRequest; format: 'pdf' | 'xlsx'; action: 'print' | 'save' } | null>(null);
  const [sending, setSending] = useState<ComposeDraft | null>(null);
  const request = requestOf(entry, state);
  const invalid = typeof request === 'string' ? request : null;

  const show = async () => {
    if (typeof request === 'string') return;
    setLoading(true);
    setError(null);
    try {
      const r = await api.reports.build({ report: request, format: 'screen' });
      setModel(r.model);
    } catch (e) {
      setModel(null);
      setError(messageOf(e));
    } finally {
      setLoading(false);
    }
  };
  const choose = (e: CatalogEntry) => {
    setEntry(e);
    setModel(null);
    setError(null);
  };
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '300px 1fr', gap: 2.5, alignItems: 'start' }}>
      <Paper variant="outlined">
        <List dense disablePadding aria-label="Отчёты">
          {entries.map((e) => (
            <ListItemButton key={e.kind} selected={e.kind === entry.kind} onClick={() => choose(e)}>
              <ListItemText primary={e.title} secondary={e.description} slotProps={{ secondary: { sx: { fontSize: 12 } } }} />
            </ListItemButton>
          ))}
        </List>
      </Paper>
      <Box sx={{ minWidth: 0 }}>
        <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
          <Typography variant="h5" component="h2" gutterBottom>
            {entry.title}
          </Typography>
          <ReportForm entry={entry} options={o} state={state} onChange={(s) => { setState(s); setModel(null); }} />
          <Box sx={{ display: 'flex', gap: 1, mt: 2, flexWrap: 'wrap' }}>
            <Button variant="contained" startIcon={<VisibilityOutlined />} onClick={() => void show()} disabled={!!invalid || loading}>
              Показать
            </Button>
            <Button variant="outlined" startIcon={<PrintOutlined />} disabled={!!invalid} onClick={() => typeof request !== 'string' && setJob({ request, format: 'pdf', action: 'print' })}>
              Печать
            </Button>
            <Button variant="outlined" startIcon={<PictureAsPdfOutlined />} disabled={!!invalid} onClick={() => typeof request !== 'string' && setJob({ request, format: 'pdf', action: 'save' })}>
              PDF
            </Button>
            <Button variant="outlined" startIcon={<GridOnOutlined />} disabled={!!invalid} onClick={() => typeof request !== 'string' && setJob({ request, format: 'xlsx', action: 'save' })}>
              Excel
            </Button>
            <Button
              variant="outlined"
              startIcon={<SendOutlined />}
              disabled={!!invalid}
              title="Отправить PDF этого отчёта во внутренней почте"
              onClick={() => typeof request !== 'string' && setSending({ report: request, subject: entry.title, reportTitle: entry.title })}
            >
              Отправить коллеге…
            </Button>
            {invalid && (
              <Typography variant="body2" color="text.secondary" sx={{ alignSelf: 'center' }}>
                {invalid}
              </Typography>
            )}
          </Box>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
            {entry.schoolRecord
              ? 'Документ, который хранит школа: на печати, в PDF и в Excel в нём указаны все обучающиеся.'
              : 'На печати указаны все обучающиеся. В файлах PDF и Excel, которые могут уйти из школы, обучающиеся без согласия на обработку персональных данных указаны как «данные скрыты» — на своих местах и под своими номерами.'}
          </Typography>
        </Paper>
        {loading && <CircularProgress aria-label="Формирование отчёта" />}
        {error && <Alert severity="error">{error}</Alert>}
        {model && !loading && (
          <ReportView
            model={model}
            onOpen={(ref) => {
              if (ref.kind === 'class') {
                setState({ ...state, scope: 'class', classId: ref.id });
                setModel(null);
              }
            }}
          />
        )}
        {!model && !loading && !error && (
          <Typography color="text.secondary">Выберите параметры и нажмите «Показать» — или сразу «Печать».</Typography>
        )}
      </Box>
      {sending && <ComposeDialog draft={sending} onClose={() => setSending(null)} />}
      {job && <ReportJobDialog request={job.request} format={job.format} action={job.action} onClose={() => setJob(null)} />}
    </Box>
  );
}
