import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { api, messageOf } from '../api/client';
import { useNotify } from '../components/Notifier';
import { formatDate } from '../i18n/format';
import { ALL_SHOWN, STATUS_COLOR, statusText, type Remark } from './labels';
import { RemarkThreadDialog } from '../messages/RemarkThreadDialog';

/** Every remark to teachers; the fixed ones wait for the deputy's confirmation. */
export function RemarksTab({ initialStatus = '', readOnly = false }: { initialStatus?: '' | Remark['status']; readOnly?: boolean }) {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<'' | Remark['status']>(initialStatus);
  const [discussing, setDiscussing] = useState<Remark | null>(null);
  const remarks = useQuery({ queryKey: ['control.remarks', status], queryFn: () => api.control.remarks(status ? { status } : {}) });
  const confirm = async (r: Remark) => {
    try {
      await api.control.confirmRemark({ id: r.id });
      notify.success('Устранение замечания подтверждено.');
      await queryClient.invalidateQueries({ queryKey: ['control.remarks'] });
    } catch (e) {
      notify.error(e);
    }
  };
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <TextField select label="Показать" value={status} onChange={(e) => setStatus(e.target.value as typeof status)} sx={{ width: 260, mb: 2 }} slotProps={ALL_SHOWN}>
        <MenuItem value="">Все замечания</MenuItem>
        <MenuItem value="open">Не устранённые</MenuItem>
        <MenuItem value="fixed">Устранённые, ждут подтверждения</MenuItem>
        <MenuItem value="confirmed">Подтверждённые</MenuItem>
      </TextField>
      {remarks.isError && <Alert severity="error">{messageOf(remarks.error)}</Alert>}
      {remarks.data && remarks.data.length === 0 && <Typography color="text.secondary">Замечаний нет.</Typography>}
      {remarks.data && remarks.data.length > 0 && (
        <Table size="small" aria-label="Замечания учителям">
          <TableHead>
            <TableRow>
              <TableCell>Дата</TableCell>
              <TableCell>Учитель</TableCell>
              <TableCell>Класс, предмет, урок</TableCell>
              <TableCell>Замечание</TableCell>
              <TableCell>Что сделано</TableCell>
              <TableCell>Состояние</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {remarks.data.map((r) => (
              <TableRow key={r.id}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(r.createdAt)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.teacherName}</TableCell>
                <TableCell>
                  {[r.className, r.subjectName, r.lessonDate ? `урок ${formatDate(r.lessonDate)}` : null].filter(Boolean).join(', ') || '—'}
                </TableCell>
                <TableCell>{r.text}</TableCell>
                <TableCell>{r.fixNote ?? '—'}</TableCell>
                <TableCell>
                  <Chip size="small" color={STATUS_COLOR[r.status]} label={statusText(r)} />
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {!readOnly && (
                    <Button size="small" onClick={() => setDiscussing(r)}>
                      Обсудить
                    </Button>
                  )}
                  {r.status === 'fixed' && !readOnly && (
                    <Button size="small" onClick={() => void confirm(r)}>
                      Подтвердить
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {discussing && <RemarkThreadDialog remark={discussing} onClose={() => setDiscussing(null)} />}
    </Paper>
  );
}
