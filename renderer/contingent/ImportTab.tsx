import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
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
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import type { ResultOf } from '../../main/core/api/types';
import { ApiError, api, messageOf } from '../api/client';
import { useActor } from '../app/session';
import { useNotify } from '../components/Notifier';
import { countOf, formatDate } from '../i18n/format';
import { Card, useEditor } from '../school/kit';
import { DateField } from '../components/DateField';
import { canEditContingent, canEditSchool } from '../school/roles';
import { useYear } from '../school/year';
import { EncodingField, encodingCaption, type EncodingChoice } from '../components/TextEncoding';

type Kind = 'students' | 'staff' | 'classes';
type Preview = ResultOf<'import.preview'>;
type Mapping = Record<string, number | null>;

const KIND_LABELS: Record<Kind, string> = { students: 'Обучающиеся с представителями', staff: 'Сотрудники', classes: 'Классы' };

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Загрузка списков из Excel или CSV: the columns as understood (and
 * correctable), every row with its problems in Russian, and nothing written
 * until the whole file is right.
 */
export function ImportTab() {
  const actor = useActor();
  const { yearId, year, today } = useYear();
  const notify = useNotify();
  const qc = useQueryClient();
  const kinds = (['students', 'staff', 'classes'] as Kind[]).filter((k) => (k === 'students' ? canEditContingent(actor) : canEditSchool(actor)));
  const [kind, setKind] = useState<Kind>(kinds[0] ?? 'students');
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [encoding, setEncoding] = useState<EncodingChoice>('auto');
  const [mapping, setMapping] = useState<Mapping>({});
  const [preview, setPreview] = useState<Preview | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [showColumns, setShowColumns] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const start = year && today ? (today < year.startDate ? year.startDate : today) : '';
  const order = useEditor({ date: start, orderNo: '', orderDate: '' });

  const load = async (next: { file?: { name: string; content: string }; mapping?: Mapping; encoding?: typeof encoding; kind?: Kind; keepFailure?: boolean }) => {
    const f = next.file ?? file;
    if (!f) return;
    setBusy(true);
    if (!next.keepFailure) setFailure(null);
    try {
      const p = await api.import.preview({
        kind: next.kind ?? kind,
        yearId: yearId ?? undefined,
        fileName: f.name,
        content: f.content,
        encoding: next.encoding ?? encoding,
        mapping: next.mapping ?? mapping,
      });
      setPreview(p);
      setMapping(p.mapping);
    } catch (e) {
      setPreview(null);
      setFailure(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const choose = async (picked: File | undefined) => {
    if (!picked) return;
    const f = { name: picked.name, content: await toBase64(picked) };
    setFile(f);
    setMapping({});
    await load({ file: f, mapping: {} });
  };

  const commit = async () => {
    if (!file || !preview) return;
    if (kind === 'students' && !order.check({ date: !order.values.date && 'Укажите дату зачисления', orderNo: !order.values.orderNo.trim() && 'Укажите номер приказа' })) return;
    setBusy(true);
    setFailure(null);
    const common = { fileName: file.name, content: file.content, encoding, mapping };
    try {
      let done: string;
      if (kind === 'students') {
        const r = await api.import.students({ ...common, yearId: yearId!, date: order.values.date, orderNo: order.values.orderNo, orderDate: order.values.orderDate || null });
        done = `Загружено: ${countOf(r.students, ['обучающийся', 'обучающихся', 'обучающихся'])}, ${countOf(r.guardians, ['представитель', 'представителя', 'представителей'])}.`;
      } else if (kind === 'staff') {
        const r = await api.import.staff(common);
        done = `Загружено: ${countOf(r.staff, ['сотрудник', 'сотрудника', 'сотрудников'])}.`;
      } else {
        const r = await api.import.classes({ ...common, yearId: yearId! });
        done = `Загружено: ${countOf(r.classes, ['класс', 'класса', 'классов'])}.`;
      }
      notify.success(done);
      setFile(null);
      setPreview(null);
      await qc.invalidateQueries();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION' && kind === 'students' && (e.fields.date || e.fields.orderNo || e.fields.orderDate)) {
        order.setErrors(e.fields);
      }
      setFailure(messageOf(e));
      await load({ keepFailure: true });
    } finally {
      setBusy(false);
    }
  };

  if (!yearId && kind !== 'staff') return <Alert severity="info">Сначала создайте учебный год.</Alert>;
  const mapped = preview ? preview.fields.filter((f) => (mapping[f.key] ?? null) !== null) : [];
  const columnsOpen = showColumns || (preview ? Object.keys(preview.mappingProblems).length > 0 : false);

  return (
    <>
      <Card
        title="Загрузка из файла"
        subtitle="Файл Excel (.xlsx, .xls), LibreOffice (.ods) или текст CSV в любой кодировке — она определяется сама, при ошибке её можно выбрать. Первая строка — заголовки столбцов. Файл загружается целиком или не загружается совсем."
      >
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', px: 2, pb: 2, flexWrap: 'wrap' }}>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={kind}
            onChange={(_e, v: Kind | null) => {
              if (!v) return;
              setKind(v);
              setMapping({});
              void load({ kind: v, mapping: {} });
            }}
            aria-label="Что загружается"
          >
            {kinds.map((k) => (
              <ToggleButton key={k} value={k}>
                {KIND_LABELS[k]}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <input ref={input} type="file" accept=".xlsx,.xls,.ods,.csv,.txt" hidden aria-label="Файл для загрузки" onChange={(e) => void choose(e.target.files?.[0]).then(() => (e.target.value = ''))} />
          <Button variant="outlined" startIcon={<UploadFileOutlined />} onClick={() => input.current?.click()}>
            {file ? 'Другой файл' : 'Выбрать файл'}
          </Button>
          {file && (
            <Typography sx={{ mt: 0.75 }} data-testid="import-file">
              <strong>{file.name}</strong>
              {preview?.encoding && ` · ${encodingCaption(preview)}`}
            </Typography>
          )}
          <EncodingField
            value={encoding}
            onChange={(v) => {
              // The headings read differently in another encoding: the columns are recognised anew.
              setEncoding(v);
              setMapping({});
              void load({ encoding: v, mapping: {} });
            }}
          />
        </Box>
        {kind === 'students' && (
          <Box sx={{ display: 'grid', gridTemplateColumns: '200px 200px 200px', columnGap: 2, px: 2 }}>
            <DateField {...order.date('date', 'Дата зачисления')} />
            <TextField {...order.text('orderNo', '№ приказа о зачислении')} />
            <DateField {...order.date('orderDate', 'Дата приказа')} />
          </Box>
        )}
      </Card>
      {busy && <LinearProgress />}
      {failure && (
        <Alert severity="error" sx={{ mb: 2 }} role="alert" data-testid="import-error">
          {failure}
        </Alert>
      )}
      {preview?.encoding && Object.keys(preview.mappingProblems).length > 0 && (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="import-encoding-hint">
          Столбцы не распознаны. Если в заголовках непонятные знаки (например, «Р¤Р°РјРёР»РёСЏ» или «тЮЛХКХЪ» вместо «Фамилия»), файл сохранён в другой
          кодировке: выберите её в поле «Кодировка текста (CSV)».
        </Alert>
      )}
      {preview && (
        <>
          <Card
            title="Столбцы"
            subtitle={`Распознано столбцов: ${mapped.length} из ${preview.headers.length}. Если столбец определён неверно, выберите другой.`}
            actions={
              <Button size="small" onClick={() => setShowColumns((v) => !v)}>
                {columnsOpen ? 'Скрыть' : 'Показать и изменить'}
              </Button>
            }
          >
            <Box sx={{ display: columnsOpen ? 'grid' : 'none', gridTemplateColumns: 'repeat(auto-fill, minmax(230px, 1fr))', columnGap: 2, px: 2 }}>
              {preview.fields.map((f) => (
                <TextField
                  key={f.key}
                  select
                  label={`${f.label}${f.required ? ' *' : ''}`}
                  value={mapping[f.key] ?? ''}
                  error={Boolean(preview.mappingProblems[`mapping.${f.key}`])}
                  helperText={preview.mappingProblems[`mapping.${f.key}`] ?? ' '}
                  onChange={(e) => {
                    const next = { ...mapping, [f.key]: e.target.value === '' ? null : Number(e.target.value) };
                    setMapping(next);
                    void load({ mapping: next });
                  }}
                >
                  <MenuItem value="">
                    <em>нет в файле</em>
                  </MenuItem>
                  {preview.headers.map((h, i) => (
                    <MenuItem key={i} value={i}>
                      {h || `столбец ${i + 1}`}
                    </MenuItem>
                  ))}
                </TextField>
              ))}
            </Box>
          </Card>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
            <Typography data-testid="import-summary">
              {countOf(preview.total, ['строка', 'строки', 'строк'])}
              {preview.problemRows ? `, с ошибками: ${preview.problemRows}` : ', ошибок нет'}
            </Typography>
            <Box sx={{ flex: 1 }} />
            <Button variant="contained" disabled={busy || preview.total === 0 || Object.keys(preview.mappingProblems).length > 0} onClick={() => void commit()}>
              Загрузить {countOf(preview.total, ['строку', 'строки', 'строк'])}
            </Button>
          </Box>
          {!preview.valid && preview.problemRows > 0 && (
            <Alert severity="warning" sx={{ mb: 1 }}>
              Файл загружается только целиком: пока в нём есть ошибки, программа его не примет. Исправьте строки, отмеченные
              красным, и выберите файл снова.
            </Alert>
          )}
          <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 420 }}>
            <Table stickyHeader size="small" aria-label="Строки файла">
              <TableHead>
                <TableRow>
                  <TableCell>Строка</TableCell>
                  {mapped.slice(0, 7).map((f) => (
                    <TableCell key={f.key}>{f.label}</TableCell>
                  ))}
                  <TableCell>Замечания</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {preview.rows.map((r) => (
                  <TableRow key={r.rowNo} data-testid={`import-row-${r.rowNo}`} sx={{ bgcolor: r.problems.length ? 'rgba(198, 40, 40, 0.06)' : undefined }}>
                    <TableCell>{r.rowNo}</TableCell>
                    {mapped.slice(0, 7).map((f) => (
                      <TableCell key={f.key}>{/^\d{4}-\d{2}-\d{2}$/.test(r.values[f.key]) ? formatDate(r.values[f.key]) : r.values[f.key]}</TableCell>
                    ))}
                    <TableCell sx={{ color: r.problems.length ? 'error.main' : 'success.main', fontWeight: r.problems.length ? 600 : 400 }}>
                      {r.problems.length ? r.problems.join('; ') : 'готово к загрузке'}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      )}
    </>
  );
}
