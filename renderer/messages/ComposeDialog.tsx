import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import PictureAsPdfOutlined from '@mui/icons-material/PictureAsPdfOutlined';
import type { ParamsOf } from '../../main/core/api/types';
import { ApiError, api, messageOf } from '../api/client';
import { useNotify } from '../components/Notifier';

type To = ParamsOf<'messages.send'>['to'];
export type ReportRequestParams = NonNullable<ParamsOf<'messages.send'>['report']>;
type Kind = 'people' | 'classTeachers' | 'subjectTeachers' | 'administration';

export interface ComposeDraft {
  subject?: string;
  body?: string;
  /** A report of the program, sent as its PDF («Отправить коллеге…» on the reports screen). */
  report?: ReportRequestParams;
  /** How the attachment is named before the core writes it: the report's title. */
  reportTitle?: string;
}

/**
 * A new message: to chosen colleagues, the teachers of a class or of a
 * subject, or the administration; with a report's PDF when it was started
 * from the reports screen.
 */
export function ComposeDialog({ draft = {}, onClose, onSent }: { draft?: ComposeDraft; onClose(): void; onSent?(threadId: string): void }) {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const recipients = useQuery({ queryKey: ['messages.recipients'], queryFn: () => api.messages.recipients({}) });
  const [kind, setKind] = useState<Kind>('people');
  const [people, setPeople] = useState<{ userId: string; name: string; position: string | null }[]>([]);
  const [classId, setClassId] = useState('');
  const [subjectId, setSubjectId] = useState('');
  const [subject, setSubject] = useState(draft.subject ?? '');
  const [body, setBody] = useState(draft.body ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const to = (): To | string => {
    if (kind === 'people') return people.length ? { kind, userIds: people.map((p) => p.userId) } : 'Выберите получателей';
    if (kind === 'classTeachers') return classId ? { kind, classId } : 'Выберите класс';
    if (kind === 'subjectTeachers') return subjectId ? { kind, subjectId } : 'Выберите предмет';
    return { kind };
  };

  const send = async () => {
    const target = to();
    if (typeof target === 'string') {
      setErrors({ to: target });
      return;
    }
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const { threadId } = await api.messages.send({ to: target, subject, body, report: draft.report });
      await queryClient.invalidateQueries({ queryKey: ['messages.threads'] });
      notify.success(draft.report ? 'Сообщение с отчётом отправлено.' : 'Сообщение отправлено.');
      onSent?.(threadId);
      onClose();
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length > 0) setErrors(e.fields);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const r = recipients.data;
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="compose-title">
      <DialogTitle id="compose-title">{draft.report ? 'Отправить отчёт коллеге' : 'Новое сообщение'}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2, pt: '8px !important' }}>
        {recipients.isError && <Alert severity="error">{messageOf(recipients.error)}</Alert>}
        <ToggleButtonGroup size="small" exclusive value={kind} onChange={(_e, v: Kind | null) => v && setKind(v)} aria-label="Адресаты">
          <ToggleButton value="people">Сотрудникам</ToggleButton>
          <ToggleButton value="classTeachers">Учителям класса</ToggleButton>
          <ToggleButton value="subjectTeachers">Учителям предмета</ToggleButton>
          <ToggleButton value="administration">Администрации</ToggleButton>
        </ToggleButtonGroup>
        {kind === 'people' && (
          <Autocomplete
            multiple
            options={r?.people ?? []}
            value={people}
            onChange={(_e, v) => setPeople(v)}
            getOptionLabel={(p) => p.name}
            isOptionEqualToValue={(a, b) => a.userId === b.userId}
            renderOption={({ key, ...props }, p) => (
              <li key={key} {...props}>
                <Box>
                  {p.name}
                  {p.position && <Box component="span" sx={{ color: 'text.secondary', fontSize: 12, display: 'block' }}>{p.position}</Box>}
                </Box>
              </li>
            )}
            noOptionsText="Никого не найдено"
            renderInput={(params) => <TextField {...params} label="Кому" error={!!errors.to} helperText={errors.to ?? 'Начните вводить фамилию'} />}
          />
        )}
        {kind === 'classTeachers' && (
          <TextField select label="Класс" value={classId} onChange={(e) => setClassId(e.target.value)} error={!!errors.to} helperText={errors.to ?? 'Учителя, которые ведут уроки в классе, и классный руководитель'}>
            {(r?.classes ?? []).map((c) => (
              <MenuItem key={c.id} value={c.id}>
                {c.name}
              </MenuItem>
            ))}
          </TextField>
        )}
        {kind === 'subjectTeachers' && (
          <TextField select label="Предмет" value={subjectId} onChange={(e) => setSubjectId(e.target.value)} error={!!errors.to} helperText={errors.to ?? 'Все, кто ведёт предмет по нагрузке в этом году'}>
            {(r?.subjects ?? []).map((s) => (
              <MenuItem key={s.id} value={s.id}>
                {s.name}
              </MenuItem>
            ))}
          </TextField>
        )}
        {kind === 'administration' && <Alert severity="info">Директор и заместители директора.</Alert>}
        <TextField label="Тема" value={subject} onChange={(e) => setSubject(e.target.value)} error={!!errors.subject} helperText={errors.subject} slotProps={{ htmlInput: { maxLength: 300 } }} />
        <TextField label="Сообщение" value={body} onChange={(e) => setBody(e.target.value)} multiline minRows={5} maxRows={14} error={!!errors.body} helperText={errors.body} />
        {draft.report && <Chip icon={<PictureAsPdfOutlined />} label={`${draft.reportTitle ?? 'Отчёт'} (PDF)`} variant="outlined" sx={{ justifySelf: 'start' }} />}
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Отмена</Button>
        <Button variant="contained" onClick={() => void send()} disabled={busy}>
          Отправить
        </Button>
      </DialogActions>
    </Dialog>
  );
}
