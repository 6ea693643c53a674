import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import RateReviewOutlined from '@mui/icons-material/RateReviewOutlined';
import { ApiError, api, messageOf } from '../api/client';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { useNotify } from '../components/Notifier';
import { formatDate } from '../i18n/format';
import { STATUS_COLOR, statusText, type Remark } from './labels';
import { LimitedTextField, useTextLimit } from '../components/LimitedTextField';
import { RemarkThreadDialog } from '../messages/RemarkThreadDialog';

/** The teacher's remarks from the deputy's checks, and the note that each is fixed. */
export function MyRemarksScreen() {
  const remarks = useQuery({ queryKey: ['control.myRemarks'], queryFn: () => api.control.myRemarks({}) });
  const [fixing, setFixing] = useState<Remark | null>(null);
  const [discussing, setDiscussing] = useState<Remark | null>(null);
  if (remarks.isPending) return <CircularProgress aria-label="Загрузка" />;
  if (remarks.isError) return <Alert severity="error">{messageOf(remarks.error)}</Alert>;
  const list = remarks.data;
  const open = list.filter((r) => r.status === 'open').length;
  return (
    <>
      <PageHeader title="Замечания" description="Замечания заместителя директора по ведению журнала. Исправьте записи в журнале и отметьте, что сделано." />
      {list.length === 0 ? (
        <EmptyState icon={RateReviewOutlined} title="Замечаний нет">
          Здесь появятся замечания заместителя директора по итогам проверок журнала.
        </EmptyState>
      ) : (
        <>
          {open > 0 && (
            <Alert severity="warning" sx={{ mb: 2 }}>
              Замечаний без ответа: {open}.
            </Alert>
          )}
          <Box sx={{ display: 'grid', gap: 1.5 }}>
            {list.map((r) => (
              <Paper key={r.id} variant="outlined" sx={{ p: 2 }} data-testid="remark">
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 0.5, flexWrap: 'wrap' }}>
                  <Chip size="small" color={STATUS_COLOR[r.status]} label={statusText(r)} />
                  <Typography variant="body2" color="text.secondary">
                    {formatDate(r.createdAt)}, {r.authorName}
                    {r.className ? ` · ${r.className}` : ''}
                    {r.subjectName ? `, ${r.subjectName}` : ''}
                    {r.lessonDate ? `, урок ${formatDate(r.lessonDate)}` : ''}
                  </Typography>
                </Box>
                <Typography>{r.text}</Typography>
                {r.fixNote && (
                  <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                    {r.takeNoteOnly ? 'Ответ' : 'Сделано'}: {r.fixNote}
                  </Typography>
                )}
                {r.status === 'open' && (
                  <Button size="small" variant="outlined" sx={{ mt: 1, mr: 1 }} onClick={() => setFixing(r)}>
                    {r.takeNoteOnly ? 'Ознакомлен(а)' : 'Отметить исправленным'}
                  </Button>
                )}
                <Button size="small" sx={{ mt: 1 }} onClick={() => setDiscussing(r)}>
                  Обсудить
                </Button>
              </Paper>
            ))}
          </Box>
        </>
      )}
      {fixing && <FixDialog remark={fixing} onClose={() => setFixing(null)} />}
      {discussing && <RemarkThreadDialog remark={discussing} onClose={() => setDiscussing(null)} />}
    </>
  );
}

function FixDialog({ remark, onClose }: { remark: Remark; onClose(): void }) {
  const notify = useNotify();
  const queryClient = useQueryClient();
  // Lateness cannot be put right: the teacher takes note of the remark, in words of their own if they like.
  const limit = useTextLimit('remarkText');
  const [note, setNote] = useState(remark.takeNoteOnly ? 'Ознакомлен(а), учту.' : '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await api.control.fixRemark({ id: remark.id, fixNote: note });
      notify.success(remark.takeNoteOnly ? 'Отмечено: заместитель директора увидит, что вы ознакомились с замечанием.' : 'Отмечено. Заместитель директора увидит, что замечание устранено.');
      await queryClient.invalidateQueries({ queryKey: ['control.myRemarks'] });
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields.fixNote ?? e.message) : messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="fix-title">
      <DialogTitle id="fix-title">{remark.takeNoteOnly ? 'Ознакомление с замечанием' : 'Замечание устранено'}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {remark.text}
        </Typography>
        <LimitedTextField
          autoFocus
          fullWidth
          minRows={2}
          limit={limit}
          label={remark.takeNoteOnly ? 'Ответ заместителю директора' : 'Что сделано'}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={!!error}
          helperText={error ?? ' '}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Отмена</Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy}>
          {remark.takeNoteOnly ? 'Ознакомлен(а)' : 'Отметить исправленным'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
