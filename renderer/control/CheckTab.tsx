import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import PlayArrowOutlined from '@mui/icons-material/PlayArrowOutlined';
import DescriptionOutlined from '@mui/icons-material/DescriptionOutlined';
import type { ParamsOf, ResultOf } from '../../main/core/api/types';
import { ApiError, api, messageOf } from '../api/client';
import { DateField } from '../components/DateField';
import { useNotify } from '../components/Notifier';
import { dateError } from '../i18n/ru-date';
import { formatDate } from '../i18n/format';
import { periodsFor } from '../reports/ReportForm';
import { ReportJobDialog } from '../reports/ReportJobDialog';
import { DrillDialog } from './DrillDialog';
import { RemarkDialog, type RemarkDraft } from './RemarkDialog';
import { CertificateDialog } from './CertificateDialog';
import { ALL_SHOWN, pct, type CheckResult, type PageFinding } from './labels';
import { worstFirst } from './worst-first';

type Options = ResultOf<'reports.options'>;
type Code = ParamsOf<'control.drill'>['code'];
type View = 'pages' | 'teachers' | 'classes';

/**
 * Run a check, read it by teacher, class or page, and drill into a finding.
 * Read-only (the director): the same figures and lessons, no remarks and no
 * saved check.
 */
export function CheckTab({ options: o, readOnly = false }: { options: Options; readOnly?: boolean }) {
  const notify = useNotify();
  const periods = periodsFor(o, null);
  const today = o.today;
  const lastEnded = [...o.periods].reverse().find((p) => p.endDate < today);
  const [spanMode, setSpanMode] = useState<'period' | 'dates'>('period');
  const [periodId, setPeriodId] = useState(lastEnded?.id ?? o.periods[0]?.id ?? '');
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  const [classId, setClassId] = useState('');
  const [staffId, setStaffId] = useState('');
  const [result, setResult] = useState<CheckResult | null>(null);
  const [checkId, setCheckId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [view, setView] = useState<View>('pages');
  const [order, setOrder] = useState<'worst' | 'class'>('worst');
  const [filter, setFilter] = useState<{ kind: 'teacher' | 'class'; id: string; name: string } | null>(null);
  const [drill, setDrill] = useState<{ page: PageFinding; code: Code; title: string } | null>(null);
  const [remark, setRemark] = useState<RemarkDraft | null>(null);
  const [certificate, setCertificate] = useState(false);
  const [printing, setPrinting] = useState<string | null>(null);

  const span = spanMode === 'period' ? { periodId } : { from, to };
  const scope = { classIds: classId ? [classId] : undefined, staffIds: staffId ? [staffId] : undefined };
  // What the shown result was run for: a remark or the certificate refers to that, whatever the form says since.
  const [ranWith, setRanWith] = useState<{ span: typeof span; scope: typeof scope }>({ span, scope });
  const run = async () => {
    if (spanMode === 'dates') {
      const bad = Object.fromEntries(Object.entries({ from: dateError(from), to: dateError(to) }).filter((e): e is [string, string] => e[1] !== null));
      if (Object.keys(bad).length > 0) {
        setFields(bad);
        setError('Проверьте даты, отмеченные красным.');
        return;
      }
    }
    setBusy(true);
    setError(null);
    setFields({});
    try {
      setResult(await api.control.run({ ...span, ...scope }));
      setRanWith({ span, scope });
      setCheckId(null);
      setFilter(null);
    } catch (e) {
      if (e instanceof ApiError) setFields(e.fields);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  // A check is saved the first time something refers to it: a remark or the certificate.
  const ensureCheck = async (): Promise<string> => {
    if (checkId) return checkId;
    const saved = await api.control.saveCheck({ ...ranWith.span, ...ranWith.scope });
    setCheckId(saved.id);
    return saved.id;
  };
  const pages = useMemo(() => {
    if (!result) return [];
    const chosen = filter ? result.pages.filter((p) => (filter.kind === 'teacher' ? p.staffId === filter.id : p.classId === filter.id)) : result.pages;
    // The core gives them in the school's order (class, subject): the worst first is a stable sort of that.
    return order === 'worst' ? [...chosen].sort(worstFirst) : chosen;
  }, [result, filter, order]);
  const findingsCount = result ? result.pages.reduce((s, p) => s + p.findings.length, 0) : 0;

  return (
    <>
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
        <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <ToggleButtonGroup size="small" exclusive value={spanMode} onChange={(_, v) => v && setSpanMode(v)} aria-label="Что проверять" sx={{ mt: 1 }}>
            <ToggleButton value="period">Период</ToggleButton>
            <ToggleButton value="dates">Даты</ToggleButton>
          </ToggleButtonGroup>
          {spanMode === 'period' ? (
            <TextField select label="Учебный период" value={periodId} onChange={(e) => setPeriodId(e.target.value)} sx={{ width: 260 }}>
              {periods.map((p) => (
                <MenuItem key={p.id} value={p.id}>
                  {p.label}
                </MenuItem>
              ))}
            </TextField>
          ) : (
            <>
              <DateField label="С" value={from} onChange={setFrom} sx={{ width: 170 }} error={!!fields.from} helperText={fields.from} />
              <DateField label="По" value={to} onChange={setTo} sx={{ width: 170 }} error={!!fields.to} helperText={fields.to} />
            </>
          )}
          <TextField select label="Класс" value={classId} onChange={(e) => setClassId(e.target.value)} sx={{ width: 150 }} slotProps={ALL_SHOWN}>
            <MenuItem value="">Все классы</MenuItem>
            {o.classes.map((c) => (
              <MenuItem key={c.id} value={c.id}>
                {c.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField select label="Учитель" value={staffId} onChange={(e) => setStaffId(e.target.value)} sx={{ width: 230 }} slotProps={ALL_SHOWN}>
            <MenuItem value="">Все учителя</MenuItem>
            {o.teachers.map((t) => (
              <MenuItem key={t.id} value={t.id}>
                {t.name}
              </MenuItem>
            ))}
          </TextField>
          <Button variant="contained" startIcon={<PlayArrowOutlined />} onClick={() => void run()} disabled={busy} sx={{ mt: 1 }}>
            Проверить
          </Button>
          {result && !readOnly && (
            <Button variant="outlined" startIcon={<DescriptionOutlined />} onClick={() => setCertificate(true)} sx={{ mt: 1 }}>
              Справка по итогам проверки
            </Button>
          )}
        </Box>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          Проверяются уроки по вчерашний день включительно: сегодняшние темы ещё можно записать до конца срока.
        </Typography>
      </Paper>
      {busy && <CircularProgress aria-label="Проверка" />}
      {error && <Alert severity="error">{error}</Alert>}
      {result && !busy && (
        <>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 1.5, flexWrap: 'wrap' }}>
            <Typography>
              {result.label}: {formatDate(result.from)} – {formatDate(result.asOf)}. Страниц журнала: {result.pages.length}, замечаний проверки: {findingsCount}.
            </Typography>
            <ToggleButtonGroup size="small" exclusive value={view} onChange={(_, v) => v && setView(v)} aria-label="Вид">
              <ToggleButton value="pages">Страницы журнала</ToggleButton>
              <ToggleButton value="teachers">По учителям</ToggleButton>
              <ToggleButton value="classes">По классам</ToggleButton>
            </ToggleButtonGroup>
            {view === 'pages' && (
              <ToggleButtonGroup size="small" exclusive value={order} onChange={(_, v) => v && setOrder(v)} aria-label="Порядок страниц">
                <ToggleButton value="worst">Сначала худшие</ToggleButton>
                <ToggleButton value="class">По порядку классов</ToggleButton>
              </ToggleButtonGroup>
            )}
            {filter && <Chip label={`${filter.kind === 'teacher' ? 'Учитель' : 'Класс'}: ${filter.name}`} onDelete={() => setFilter(null)} />}
          </Box>
          {result.uncovered.length > 0 && (
            <Alert severity="warning" sx={{ mb: 1.5 }}>
              Уроки отсутствующих учителей без замены: {result.uncovered.map((u) => `${formatDate(u.date)}, ${u.lessonNo}-й урок, ${u.className}, ${u.subjectName} (${u.teacherName})`).join('; ')}.
            </Alert>
          )}
          {view === 'pages' ? (
            <PagesTable pages={pages} onFinding={(page, code, title) => setDrill({ page, code, title })} />
          ) : (
            <SummaryTable
              rows={view === 'teachers' ? result.byTeacher : result.byClass}
              first={view === 'teachers' ? 'Учитель' : 'Класс'}
              onOpen={(row) => {
                setFilter({ kind: view === 'teachers' ? 'teacher' : 'class', id: row.id, name: row.name });
                setView('pages');
              }}
            />
          )}
        </>
      )}
      {drill && (
        <DrillDialog
          page={drill.page}
          code={drill.code}
          title={drill.title}
          span={ranWith.span}
          onClose={() => setDrill(null)}
          onRemark={readOnly ? undefined : (d) => setRemark(d)}
        />
      )}
      {remark && <RemarkDialog draft={remark} ensureCheck={ensureCheck} onClose={() => setRemark(null)} onSaved={() => setRemark(null)} />}
      {certificate && (
        <CertificateDialog
          ensureCheck={ensureCheck}
          onClose={() => setCertificate(false)}
          onPrint={(id) => {
            setCertificate(false);
            setPrinting(id);
          }}
          onError={(e) => notify.error(e)}
        />
      )}
      {printing && <ReportJobDialog request={{ kind: 'checkCertificate', checkId: printing }} format="pdf" action="print" onClose={() => setPrinting(null)} />}
    </>
  );
}

const th = { fontWeight: 600, fontSize: 12, lineHeight: 1.25, bgcolor: 'background.paper' } as const;
const num = { whiteSpace: 'nowrap' } as const;

/** Column widths: the findings take what is left of the 1 086 pixels, so that nothing is cut off on the right. */
const PAGE_COLS = [
  { title: 'Класс', width: 64 },
  { title: 'Предмет', width: 140 },
  { title: 'Учитель', width: 128 },
  { title: 'Темы в срок', width: 70, center: true },
  { title: 'Отметки в срок', width: 74, center: true },
  { title: 'Без отметок / с одной', width: 76, center: true },
  { title: 'Посещае\u00adмость', width: 76, center: true },
  { title: 'Программа, ч (план / факт)', width: 84, center: true },
  { title: 'Д/з', width: 60, center: true },
  { title: 'Найдено', width: undefined },
] as const;

function PagesTable({ pages, onFinding }: { pages: PageFinding[]; onFinding(page: PageFinding, code: Code, title: string): void }) {
  if (pages.length === 0) return <Typography color="text.secondary">За выбранные даты уроков нет.</Typography>;
  return (
    <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 560 }} data-testid="check-pages">
      <Table size="small" stickyHeader aria-label="Результаты проверки" sx={{ tableLayout: 'fixed', '& td, & th': { px: 1 } }}>
        <colgroup>
          {PAGE_COLS.map((c) => (
            <col key={c.title} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <TableHead>
          <TableRow>
            {PAGE_COLS.map((c) => (
              <TableCell key={c.title} sx={th} align={'center' in c ? 'center' : undefined}>
                {c.title}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {pages.map((p) => (
            <TableRow key={p.key} hover>
              <TableCell>{p.groupName ? `${p.className} (${p.groupName})` : p.className}</TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>{p.subjectName}</TableCell>
              <TableCell>{p.teacherName}</TableCell>
              <TableCell align="center" sx={num}>{pct(p.rates.topicsOnTime)}</TableCell>
              <TableCell align="center" sx={num}>{pct(p.rates.marksOnTime)}</TableCell>
              <TableCell align="center">{p.noMarks === null ? '—' : `${p.noMarks} / ${p.oneMark}`}</TableCell>
              <TableCell align="center" sx={num}>{pct(p.rates.attendance)}</TableCell>
              <TableCell align="center">
                {p.programme.planned} / {p.programme.given}
              </TableCell>
              <TableCell align="center" sx={num}>{pct(p.rates.homework)}</TableCell>
              <TableCell>
                <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
                  {p.findings.length === 0 ? (
                    <Typography variant="body2" color="success.main">
                      нет замечаний
                    </Typography>
                  ) : (
                    p.findings.map((f) => (
                      <Chip
                        key={f.code}
                        size="small"
                        color="warning"
                        variant="outlined"
                        label={`${f.text}: ${f.count}`}
                        onClick={() => onFinding(p, f.code, f.text)}
                        sx={{ height: 'auto', maxWidth: '100%', py: 0.25, '& .MuiChip-label': { whiteSpace: 'normal' } }}
                      />
                    ))
                  )}
                </Box>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function SummaryTable({ rows, first, onOpen }: { rows: CheckResult['byTeacher']; first: string; onOpen(row: CheckResult['byTeacher'][number]): void }) {
  return (
    <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 560 }}>
      <Table size="small" stickyHeader aria-label="Итоги проверки">
        <TableHead>
          <TableRow>
            <TableCell sx={th}>{first}</TableCell>
            <TableCell sx={th} align="center">Уроков</TableCell>
            <TableCell sx={th} align="center">Темы в срок</TableCell>
            <TableCell sx={th} align="center">Тем не записано</TableCell>
            <TableCell sx={th} align="center">Отметки в срок</TableCell>
            <TableCell sx={th} align="center">Без отметок</TableCell>
            <TableCell sx={th} align="center">Посещаемость не отмечена</TableCell>
            <TableCell sx={th} align="center">Отставание, ч</TableCell>
            <TableCell sx={th} align="center">Замечаний проверки</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.id} hover onClick={() => onOpen(r)} sx={{ cursor: 'pointer' }}>
              <TableCell>{r.name}</TableCell>
              <TableCell align="center">{r.due}</TableCell>
              <TableCell align="center" sx={num}>{pct(r.rates.topicsOnTime)}</TableCell>
              <TableCell align="center">{r.topicsMissing}</TableCell>
              <TableCell align="center" sx={num}>{pct(r.rates.marksOnTime)}</TableCell>
              <TableCell align="center">{r.noMarks}</TableCell>
              <TableCell align="center">{r.attendanceMissing}</TableCell>
              <TableCell align="center">{r.behind}</TableCell>
              <TableCell align="center">{r.findings}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
