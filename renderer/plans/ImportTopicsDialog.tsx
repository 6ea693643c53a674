import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Typography from '@mui/material/Typography';
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import type { ResultOf } from '../../main/core/api/types';
import { ApiError, api } from '../api/client';
import { FormDialog } from '../school/kit';
import { useNotify } from '../components/Notifier';
import { EncodingField, encodingCaption, type EncodingChoice } from '../components/TextEncoding';

type Parsed = ResultOf<'plans.parseFile'>;

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * A КТП from Excel or CSV: the file is read and shown first — the topics and
 * hours found, the rows skipped (section headings) and every bad row with
 * what is wrong — then its topics replace the plan's.
 */
export function ImportTopicsDialog({
  planId,
  yearId,
  curriculumHours,
  hasTopics,
  onClose,
  onDone,
}: {
  planId: string;
  yearId: string;
  curriculumHours: number | null;
  hasTopics: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const notify = useNotify();
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<EncodingChoice>('auto');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isText = file !== null && /\.(csv|txt)$/i.test(file.name);

  const read = async (picked: File, chosen: EncodingChoice = encoding) => {
    setBusy(true);
    setError(null);
    setParsed(null);
    setFile(picked);
    try {
      setParsed(await api.plans.parseFile({ yearId, fileName: picked.name, contentBase64: await toBase64(picked), encoding: chosen }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Файл не прочитан.');
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    if (!parsed) return;
    setBusy(true);
    try {
      const r = await api.plans.saveTopics({
        id: planId,
        topics: parsed.topics.map((t) => ({ title: t.title, hours: t.hours, workTypeId: t.workTypeId, plannedDate: t.plannedDate })),
      });
      notify.success(`Загружено тем: ${parsed.topics.length} (${parsed.totalHours} ч); темы уроков обновлены: ${r.lessonsChanged}`);
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Темы не сохранены.');
    } finally {
      setBusy(false);
    }
  };
  const ok = parsed && parsed.problems.length === 0 && parsed.topics.length > 0;
  return (
    <FormDialog
      open
      title="Загрузить КТП из файла"
      onClose={onClose}
      // Cancel stays available while the file is wrong: only saving waits for a good file.
      onSubmit={() => (ok ? void save() : setError(parsed ? 'В файле есть ошибки — темы не загружены. Исправьте файл и выберите его снова.' : 'Сначала выберите файл КТП.'))}
      busy={busy}
      error={error}
      submitLabel={hasTopics ? 'Заменить темы' : 'Загрузить темы'}
      maxWidth="md"
    >
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        Файл Excel (.xlsx, .xls), LibreOffice (.ods) или CSV со столбцами «№», «Тема», «Часы» и, если нужно, «Вид работы» и «Дата». Строки разделов без номера и часов пропускаются.
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 1.5 }}>
        <Button component="label" variant="outlined" startIcon={<UploadFileOutlined />} disabled={busy}>
          Выбрать файл
          <input hidden type="file" accept=".xlsx,.xls,.ods,.csv,.txt" aria-label="Файл КТП" onChange={(e) => e.target.files?.[0] && void read(e.target.files[0])} />
        </Button>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }} data-testid="ktp-file">
          {file ? file.name : 'Файл не выбран'}
          {parsed?.encoding && ` · ${encodingCaption(parsed)}`}
        </Typography>
        {isText && (
          <EncodingField
            value={encoding}
            disabled={busy}
            onChange={(v) => {
              setEncoding(v);
              void read(file, v);
            }}
          />
        )}
      </Box>
      {parsed && (
        <>
          <Alert severity={parsed.problems.length ? 'error' : 'success'} sx={{ mb: 1 }}>
            Найдено тем: {parsed.topics.length}, часов: {parsed.totalHours}
            {curriculumHours !== null ? ` (по учебному плану ${curriculumHours} ч${parsed.totalHours !== curriculumHours ? ` — ${parsed.totalHours < curriculumHours ? 'не хватает' : 'лишних'} ${Math.abs(parsed.totalHours - curriculumHours)} ч` : ''})` : ''}
            {parsed.skipped.length ? `; пропущено строк разделов: ${parsed.skipped.length}` : ''}.
            {parsed.problems.length ? ' Исправьте файл и загрузите его снова:' : ''}
          </Alert>
          {parsed.problems.length > 0 && (
            <List dense>
              {parsed.problems.map((p) => (
                <ListItem key={`${p.row}|${p.message}`}>
                  <Typography variant="body2" color="error.main">
                    {p.message}
                  </Typography>
                </ListItem>
              ))}
            </List>
          )}
          {ok && (
            <List dense sx={{ maxHeight: 220, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
              {parsed.topics.slice(0, 200).map((t, i) => (
                <ListItem key={`${t.row}`}>
                  <Typography variant="body2">
                    {i + 1}. {t.title} — {t.hours} ч
                  </Typography>
                </ListItem>
              ))}
            </List>
          )}
        </>
      )}
    </FormDialog>
  );
}
