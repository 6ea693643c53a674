import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type { ParamsOf, ResultOf } from '../../main/core/api/types';
import { ApiError, api, messageOf } from '../api/client';
import { useNotify } from '../components/Notifier';
import { countOf } from '../i18n/format';
import { fileSize } from '../messages/MessageList';
import { printPdf } from '../reports/files';
import { BatchStatus } from './BatchStatus';

type Params = ParamsOf<'parentMail.preview'>;
type Letter = ResultOf<'parentMail.preview'>['letters'][number];

/**
 * The class teacher writes to the parents of her class: the extracts of the
 * chosen week, month or period, or a free message. «Показать письма» shows
 * every letter as it will go — to whom, the subject, the text, the file —
 * and who gets none and why; some students may be left out; after sending,
 * each letter's state.
 */
export function ParentMailDialog({ classId, className, extract, onClose }: { classId: string; className: string; extract: NonNullable<Params['extract']>; onClose(): void }) {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'extract' | 'message'>('extract');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [letters, setLetters] = useState<Letter[] | null>(null);
  const [spanLabel, setSpanLabel] = useState<string | null>(null);
  const [left, setLeft] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<Letter | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [batchId, setBatchId] = useState<string | null>(null);

  const params = (studentIds?: string[]): Params => ({ classId, kind, ...(kind === 'extract' ? { extract } : { subject, body }), ...(studentIds ? { studentIds } : {}) });
  const attempt = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      await work();
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fields);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const preview = () =>
    attempt(async () => {
      const r = await api.parentMail.preview(params());
      setLetters(r.letters);
      setSpanLabel(r.spanLabel);
      setLeft(new Set());
    });
  const chosen = letters ? [...new Set(letters.map((l) => l.studentId))].filter((id) => !left.has(id)) : [];
  const going = (letters ?? []).filter((l) => l.allowed && !left.has(l.studentId));
  const send = () =>
    attempt(async () => {
      const r = await api.parentMail.send(params(chosen));
      notify.success(`В очереди ${countOf(r.queued, ['письмо', 'письма', 'писем'])}; состояние каждого — в списке.`);
      setBatchId(r.batchId);
      await queryClient.invalidateQueries({ queryKey: ['parentMail.batches', classId] });
    });
  const toggle = (studentId: string) =>
    setLeft((s) => {
      const next = new Set(s);
      if (next.has(studentId)) next.delete(studentId);
      else next.add(studentId);
      return next;
    });
  const openFile = async (studentId: string) => {
    try {
      printPdf(await api.parentMail.previewFile({ ...params(), kind: 'extract', studentId }));
    } catch (e) {
      notify.error(e);
    }
  };

  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="parent-mail-title">
      <DialogTitle id="parent-mail-title">Письма родителям {className} класса</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2 }}>
        {batchId ? (
          <BatchStatus batchId={batchId} />
        ) : (
          <>
            <ToggleButtonGroup size="small" exclusive value={kind} onChange={(_e, v: 'extract' | 'message' | null) => v && (setKind(v), setLetters(null))} aria-label="Что отправить">
              <ToggleButton value="extract">Выписки</ToggleButton>
              <ToggleButton value="message">Сообщение</ToggleButton>
            </ToggleButtonGroup>
            {kind === 'message' && (
              <>
                <TextField label="Тема" value={subject} onChange={(e) => (setSubject(e.target.value), setLetters(null))} error={!!errors.subject} helperText={errors.subject} slotProps={{ htmlInput: { maxLength: 300 } }} />
                <TextField label="Текст письма" value={body} onChange={(e) => (setBody(e.target.value), setLetters(null))} multiline minRows={4} error={!!errors.body} helperText={errors.body ?? 'Каждому родителю — отдельное письмо с обращением по имени и отчеству и с именем его ребёнка.'} />
              </>
            )}
            <Typography variant="body2" color="text.secondary">
              Письмо получает родитель, у которого указан адрес электронной почты, и только если у обучающегося есть согласие на обработку персональных данных. Остальным выписка передаётся на бумаге.
            </Typography>
            {letters && (
              <Table size="small" aria-label="Письма">
                <TableHead>
                  <TableRow>
                    <TableCell padding="checkbox" />
                    <TableCell>Обучающийся</TableCell>
                    <TableCell>Кому</TableCell>
                    <TableCell>Письмо</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {letters.map((l, i) => {
                    const firstOfStudent = i === 0 || letters[i - 1].studentId !== l.studentId;
                    return (
                      <TableRow key={`${l.studentId}-${l.guardianId ?? i}`} sx={{ opacity: left.has(l.studentId) ? 0.5 : 1 }} data-allowed={l.allowed ? 'yes' : 'no'}>
                        <TableCell padding="checkbox">
                          {firstOfStudent && <Checkbox checked={!left.has(l.studentId)} onChange={() => toggle(l.studentId)} slotProps={{ input: { 'aria-label': `Писать родителям: ${l.studentName}` } }} />}
                        </TableCell>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>{firstOfStudent ? l.studentName : ''}</TableCell>
                        <TableCell>
                          {l.guardianName}
                          <Typography variant="caption" color="text.secondary" component="div">
                            {l.toAddress ?? 'адрес не указан'}
                          </Typography>
                        </TableCell>
                        <TableCell>
                          {l.allowed ? (
                            <>
                              <Link component="button" variant="body2" onClick={() => setOpen(l)} sx={{ textAlign: 'left' }}>
                                {l.subject}
                              </Link>
                              {l.fileName && (
                                <Typography variant="caption" component="div">
                                  <Link component="button" onClick={() => void openFile(l.studentId)}>
                                    {l.fileName}
                                  </Link>{' '}
                                  · {fileSize(l.fileBytes ?? 0)}
                                </Typography>
                              )}
                            </>
                          ) : (
                            <Typography variant="body2" color="warning.main">
                              Не отправляется: {l.reason}
                            </Typography>
                          )}
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            )}
            {open && (
              <Alert severity="info" onClose={() => setOpen(null)} sx={{ whiteSpace: 'pre-wrap' }}>
                <strong>Кому:</strong> {open.guardianName} &lt;{open.toAddress}&gt;
                {'\n'}
                <strong>Тема:</strong> {open.subject}
                {'\n\n'}
                {open.body}
              </Alert>
            )}
            {error && <Alert severity="error">{error}</Alert>}
          </>
        )}
      </DialogContent>
      <DialogActions>
        {!batchId && (
          <Box sx={{ flex: 1, pl: 2 }}>
            <Typography variant="body2" color="text.secondary">
              {letters ? `${spanLabel ? `Выписки за ${spanLabel}. ` : ''}Уйдёт ${countOf(going.length, ['письмо', 'письма', 'писем'])}.` : ''}
            </Typography>
          </Box>
        )}
        <Button onClick={onClose}>{batchId ? 'Закрыть' : 'Отмена'}</Button>
        {!batchId && (
          <Button variant="outlined" onClick={() => void preview()} disabled={busy}>
            Показать письма
          </Button>
        )}
        {!batchId && letters && (
          <Button variant="contained" onClick={() => void send()} disabled={busy || going.length === 0}>
            Отправить ({going.length})
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
