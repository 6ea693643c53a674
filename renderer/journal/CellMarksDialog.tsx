import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { api, ApiError, messageOf } from '../api/client';
import type { JournalPage, MarkRow, ServerCell, Summary } from './cell-model';

/**
 * The work type of each mark in a cell (seed 003 §4.4.4: every mark has its
 * type of work). A change after the deadline asks for a reason.
 */
export function CellMarksDialog({
  page,
  lessonId,
  studentId,
  marks,
  title,
  onSaved,
  onClose,
}: {
  page: JournalPage;
  lessonId: string;
  studentId: string;
  marks: MarkRow[];
  title: string;
  onSaved(cell: ServerCell, summaries: Record<string, Summary>): void;
  onClose(): void;
}) {
  const [types, setTypes] = useState<Record<string, string>>(() => Object.fromEntries(marks.map((m) => [m.id, m.workTypeId])));
  const [reason, setReason] = useState('');
  const [needsReason, setNeedsReason] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      let last: { cell: ServerCell; summaries: Record<string, Summary> } | null = null;
      for (const m of marks) {
        if (types[m.id] === m.workTypeId) continue;
        last = await api.journal.setMark({
          lessonId,
          studentId,
          markId: m.id,
          value: m.value,
          workTypeId: types[m.id],
          reason: reason.trim() || undefined,
          range: { from: page.period.startDate, to: page.period.endDate },
        });
      }
      if (last) onSaved(last.cell, last.summaries);
      onClose();
    } catch (e) {
      setError(messageOf(e));
      if (e instanceof ApiError && e.details?.needsReason) setNeedsReason(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="marks-title">
      <DialogTitle id="marks-title">Виды работ отметок</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {title}
        </Typography>
        {marks.length === 0 && <Typography>В клетке нет отметок.</Typography>}
        {marks.map((m) => (
          <Box key={m.id} sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1.5 }}>
            <Typography sx={{ width: 40, fontSize: 20, fontWeight: 700 }}>{m.value}</Typography>
            <TextField
              select
              label="Вид работы"
              value={types[m.id]}
              onChange={(e) => setTypes((t) => ({ ...t, [m.id]: e.target.value }))}
            >
              {page.workTypes.map((w) => (
                <MenuItem key={w.id} value={w.id}>
                  {w.name} (вес {String(w.weight).replace('.', ',')})
                </MenuItem>
              ))}
            </TextField>
          </Box>
        ))}
        {needsReason && <TextField label="Причина исправления" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />}
        {error && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Отмена</Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy || marks.length === 0}>
          Сохранить
        </Button>
      </DialogActions>
    </Dialog>
  );
}
