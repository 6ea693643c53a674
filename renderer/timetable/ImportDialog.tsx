import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import type { ResultOf } from '../../main/core/api/types';
import { ApiError, api } from '../api/client';
import { SelectField } from '../school/kit';
import { DateField } from '../components/DateField';
import { isIsoDate } from '../i18n/ru-date';

type Preview = ResultOf<'timetableImport.preview'>;
type Kind = keyof Preview['items'];
const KIND_LABELS: Record<Kind, string> = { teachers: 'Учителя', classes: 'Классы', subjects: 'Предметы', rooms: 'Кабинеты', groups: 'Группы' };

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Import from aSc TimeTables («aSc Timetables 2012 XML») or FET (.fet and its
 * …_activities.xml): first a preview — what will be matched, what created,
 * what needs a choice, the notes and the conflicts — and only then the
 * import, as a draft timetable.
 */
export function ImportDialog({ yearId, defaultFrom, onClose, onImported }: { yearId: string; defaultFrom: string; onClose: () => void; onImported: (id: string) => void }) {
  const [format, setFormat] = useState<'asc' | 'fet'>('asc');
  const [files, setFiles] = useState<{ fileName: string; contentBase64: string }[]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Partial<Record<Kind, Record<string, string>>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState('');
  const [validFrom, setValidFrom] = useState(defaultFrom);

  const read = async (next = mapping) => {
    setBusy(true);
    setError(null);
    try {
      setPreview(await api.timetableImport.preview({ yearId, format, files, mapping: next }));
    } catch (e) {
      setPreview(null);
      setError(e instanceof ApiError ? e.message : 'Не удалось прочитать файл.');
    } finally {
      setBusy(false);
    }
  };
  const choose = (kind: Kind, key: string, id: string) => {
    const next = { ...mapping, [kind]: { ...(mapping[kind] ?? {}), [key]: id } };
    setMapping(next);
    void read(next);
  };
  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.timetableImport.apply({ yearId, format, files, mapping, name: name || undefined, validFrom });
      onImported(r.timetableId);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Импорт не выполнен.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="md">
      <DialogTitle>Импорт расписания</DialogTitle>
      <DialogContent>
        <RadioGroup row value={format} onChange={(e) => { setFormat(e.target.value as 'asc' | 'fet'); setPreview(null); setFiles([]); }}>
          <FormControlLabel value="asc" control={<Radio />} label="aSc TimeTables (экспорт «aSc Timetables 2012 XML»)" />
          <FormControlLabel value="fet" control={<Radio />} label="FET (файл .fet и …_activities.xml)" />
        </RadioGroup>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, my: 1.5 }}>
          <Button component="label" variant="outlined" startIcon={<UploadFileOutlined />}>
            Выбрать файл{format === 'fet' ? 'ы' : ''}
            <input
              hidden
              type="file"
              accept=".xml,.fet"
              multiple={format === 'fet'}
              aria-label="Файл расписания"
              onChange={(e) => {
                const list = Array.from(e.target.files ?? []);
                void Promise.all(list.map(async (f) => ({ fileName: f.name, contentBase64: await toBase64(f) }))).then((read) => {
                  setFiles(read);
                  setPreview(null);
                  setMapping({});
                });
              }}
            />
          </Button>
          <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
            {files.length ? files.map((f) => f.fileName).join(', ') : 'Файл не выбран'}
          </Typography>
          <Button variant="contained" disabled={!files.length || busy} onClick={() => void read()}>
            Проверить файл
          </Button>
        </Box>
        {error && (
          <Alert severity="error" sx={{ mb: 2 }} role="alert">
            {error}
          </Alert>
        )}
        {preview && (
          <Box>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {preview.source}, кодировка {preview.encoding}; уроков в неделе: {preview.entries}
              {preview.cycleWeeks === 2 ? '; недели А и Б' : ''}.
            </Typography>
            <Table size="small" aria-label="Что будет создано и сопоставлено" sx={{ mb: 1.5 }}>
              <TableHead>
                <TableRow>
                  <TableCell />
                  <TableCell align="right">Найдено в школе</TableCell>
                  <TableCell align="right">Будет создано</TableCell>
                  <TableCell align="right">Нужно выбрать</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {(Object.keys(KIND_LABELS) as Kind[]).map((k) => (
                  <TableRow key={k}>
                    <TableCell>{KIND_LABELS[k]}</TableCell>
                    <TableCell align="right">{preview.summary[k].matched}</TableCell>
                    <TableCell align="right">{preview.summary[k].create}</TableCell>
                    <TableCell align="right" sx={{ color: preview.summary[k].problems ? 'error.main' : undefined }}>
                      {preview.summary[k].problems}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Details preview={preview} onChoose={choose} />
            {preview.notes.map((n) => (
              <Alert key={n} severity="info" sx={{ mb: 1 }}>
                {n}
              </Alert>
            ))}
            {preview.conflicts.total > 0 ? (
              <Alert severity="warning" sx={{ mb: 1 }}>
                После импорта в расписании будет конфликтов: {preview.conflicts.total}. {preview.conflicts.messages.slice(0, 3).join(' ')}
              </Alert>
            ) : (
              <Alert severity="success" sx={{ mb: 1 }}>
                Конфликтов нет: учителя, кабинеты и классы нигде не заняты дважды.
              </Alert>
            )}
            <Box sx={{ display: 'flex', gap: 2, mt: 2 }}>
              <TextField label="Название расписания" value={name} onChange={(e) => setName(e.target.value)} placeholder="Импорт из aSc TimeTables" />
              <DateField label="Действует с" value={validFrom} onChange={setValidFrom} />
            </Box>
          </Box>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} disabled={busy}>
          Отмена
        </Button>
        <Button variant="contained" disabled={!preview?.ready || busy || !isIsoDate(validFrom)} onClick={() => void apply()}>
          Импортировать как черновик
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Names that need a choice, then the lists of what is created and what is matched. */
function Details({ preview, onChoose }: { preview: Preview; onChoose: (kind: Kind, key: string, id: string) => void }) {
  const kinds = Object.keys(KIND_LABELS) as Kind[];
  const problems = kinds.flatMap((k) => preview.items[k].filter((i) => i.status === 'problem').map((i) => ({ k, i })));
  const created = kinds.flatMap((k) => preview.items[k].filter((i) => i.status === 'create').map((i) => `${i.name}`));
  const matched = kinds.flatMap((k) =>
    preview.items[k].filter((i) => i.status === 'matched').map((i) => (i.targetName && i.targetName !== i.name ? `«${i.name}» → ${i.targetName}` : (i.targetName ?? i.name))),
  );
  return (
    <Box sx={{ mb: 1.5 }}>
      {problems.map(({ k, i }) => (
        <Box key={`${k}|${i.key}`} sx={{ mb: 1 }}>
          <Alert severity="error" sx={{ mb: 0.5 }}>
            {i.message}
          </Alert>
          {i.candidates.length > 0 && (
            <SelectField
              label={`${KIND_LABELS[k]}: «${i.name}»`}
              value=""
              onChange={(e) => onChoose(k, i.key, e.target.value)}
              options={[...i.candidates.map((c) => ({ value: c.id, label: c.name })), ...(k === 'classes' ? [] : [{ value: 'new', label: 'Создать новую запись' }])]}
              helperText=" "
            />
          )}
        </Box>
      ))}
      {matched.length > 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 0.5 }}>
          Найдено в школе: {matched.slice(0, 40).join('; ')}
          {matched.length > 40 ? ` и ещё ${matched.length - 40}` : ''}.
        </Typography>
      )}
      {created.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          Будет создано: {created.slice(0, 40).join('; ')}
          {created.length > 40 ? ` и ещё ${created.length - 40}` : ''}.
        </Typography>
      )}
    </Box>
  );
}
