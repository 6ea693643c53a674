import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import ForwardToInboxOutlined from '@mui/icons-material/ForwardToInboxOutlined';
import { ParentMailDialog } from '../parents/ParentMailDialog';
import { ParentMailLog } from '../parents/ParentMailLog';
import type { ResultOf } from '../../main/core/api/types';
import { ApiError, api, messageOf } from '../api/client';
import { DateField } from '../components/DateField';
import { useNotify } from '../components/Notifier';
import { dateError, isIsoDate } from '../i18n/ru-date';
import { formatDate, formatDateTime } from '../i18n/format';
import { printPdf } from './files';
import { lastFinishedWeekMonday, schoolWeekOf } from './extract-week';
import { periodsFor, type Options } from './ReportForm';

type Ack = ResultOf<'reports.extractAcks'>[number];
const KIND_RU: Record<string, string> = { week: 'неделя', month: 'месяц', period: 'период' };

/**
 * Parents' extracts (seed 000 §5.2, 002): print a class's extracts for a
 * week, a month or a period in one go, each with a tear-off slip; register
 * each returned slip; see who has not yet returned theirs.
 */
export function ExtractsTab({ options: o }: { options: Options }) {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const classes = o.wholeSchool ? o.classes : o.classes.filter((c) => c.led);
  const [classId, setClassId] = useState(classes[0]?.id ?? '');
  const [kind, setKind] = useState<'week' | 'month' | 'period'>('week');
  // The last finished week by default: on a Monday the current week has nothing in it yet.
  const [date, setDate] = useState(() => lastFinishedWeekMonday(o.today));
  const cls = classes.find((c) => c.id === classId);
  const periods = periodsFor(o, cls?.gradeLevel ?? null);
  const [periodId, setPeriodId] = useState(periods[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [registering, setRegistering] = useState<Ack | null>(null);
  const [mailing, setMailing] = useState(false);
  const acks = useQuery({ queryKey: ['reports.extractAcks', classId], queryFn: () => api.reports.extractAcks({ classId }), enabled: !!classId });

  const print = async () => {
    const badDate = kind === 'period' ? null : dateError(date);
    if (badDate) {
      setFields({ date: badDate });
      return;
    }
    setBusy(true);
    setFields({});
    try {
      const r = await api.reports.printExtracts({ classId, kind, ...(kind === 'period' ? { periodId } : { date }) });
      printPdf(r.file);
      notify.success(`Напечатано выписок: ${r.acks.length}. Когда родители вернут отрывные талоны, отметьте их в списке ниже.`);
      await queryClient.invalidateQueries({ queryKey: ['reports.extractAcks', classId] });
    } catch (e) {
      if (e instanceof ApiError) setFields(e.fields);
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  if (classes.length === 0) return <Alert severity="info">Выписки печатает классный руководитель своего класса.</Alert>;
  const list = acks.data ?? [];
  const seen = list.filter((a) => a.acknowledgedAt).length;
  return (
    <>
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
        <Typography variant="h5" component="h2" gutterBottom>
          Печать выписок
        </Typography>
        <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <TextField select label="Класс" value={classId} onChange={(e) => setClassId(e.target.value)} sx={{ width: 130 }}>
            {classes.map((c) => (
              <MenuItem key={c.id} value={c.id}>
                {c.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField select label="Выписка за" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} sx={{ width: 170 }}>
            <MenuItem value="week">неделю</MenuItem>
            <MenuItem value="month">месяц</MenuItem>
            <MenuItem value="period">учебный период</MenuItem>
          </TextField>
          {kind === 'period' ? (
            <TextField select label="Период" value={periods.some((p) => p.id === periodId) ? periodId : ''} onChange={(e) => setPeriodId(e.target.value)} sx={{ width: 220 }} error={!!fields.periodId} helperText={fields.periodId}>
              {periods.map((p) => (
                <MenuItem key={p.id} value={p.id}>
                  {p.label}
                </MenuItem>
              ))}
            </TextField>
          ) : (
            <DateField
              label={kind === 'week' ? 'День недели' : 'День месяца'}
              value={date}
              onChange={setDate}
              sx={{ width: 180 }}
              error={!!fields.date}
              helperText={fields.date ?? (kind === 'week' && isIsoDate(date) ? weekText(date) : ' ')}
            />
          )}
          <Button variant="contained" startIcon={<PrintOutlined />} onClick={() => void print()} disabled={busy || !classId} sx={{ mt: 1 }}>
            Напечатать выписки класса
          </Button>
          <Button variant="outlined" startIcon={<ForwardToInboxOutlined />} onClick={() => setMailing(true)} disabled={!classId || (kind === 'period' ? !periodId : !!dateError(date))} sx={{ mt: 1 }}>
            Отправить родителям по почте…
          </Button>
        </Box>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
          Каждая выписка — на отдельной странице, внизу отрывной талон для подписи родителя.
        </Typography>
      </Paper>
      {classId && <ParentMailLog classId={classId} />}
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, mb: 1 }}>
          <Typography variant="h5" component="h2">
            Ознакомление родителей
          </Typography>
          {list.length > 0 && (
            <Typography variant="body2" color="text.secondary">
              ознакомлены {seen} из {list.length}
            </Typography>
          )}
        </Box>
        {acks.isError && <Alert severity="error">{messageOf(acks.error)}</Alert>}
        {list.length === 0 ? (
          <Typography color="text.secondary">Выписки этого класса ещё не печатались.</Typography>
        ) : (
          <Table size="small" aria-label="Журнал ознакомления с выписками">
            <TableHead>
              <TableRow>
                <TableCell>Ученик</TableCell>
                <TableCell>Выписка</TableCell>
                <TableCell>№</TableCell>
                <TableCell>Напечатана</TableCell>
                <TableCell>Ознакомление</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {list.map((a) => (
                <TableRow key={a.id}>
                  <TableCell>{a.studentName}</TableCell>
                  <TableCell>
                    {KIND_RU[a.kind]}: {formatDate(a.fromDate)} – {formatDate(a.toDate)}
                  </TableCell>
                  <TableCell>{a.number}</TableCell>
                  <TableCell>{formatDateTime(a.printedAt)}</TableCell>
                  <TableCell>
                    {a.acknowledgedAt ? (
                      <Chip size="small" color="success" label={`${a.acknowledgedBy}, ${formatDate(a.acknowledgedAt)}`} />
                    ) : (
                      <Chip size="small" variant="outlined" label="талон не возвращён" />
                    )}
                  </TableCell>
                  <TableCell align="right">
                    {!a.acknowledgedAt && (
                      <Button size="small" onClick={() => setRegistering(a)}>
                        Отметить ознакомление
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Paper>
      {mailing && cls && (
        <ParentMailDialog
          classId={classId}
          className={cls.name}
          extract={kind === 'period' ? { kind, periodId } : { kind, date }}
          onClose={() => setMailing(false)}
        />
      )}
      {registering && (
        <AckDialog
          ack={registering}
          onClose={() => setRegistering(null)}
          onDone={async () => {
            setRegistering(null);
            await queryClient.invalidateQueries({ queryKey: ['reports.extractAcks', classId] });
          }}
        />
      )}
    </>
  );
}

function AckDialog({ ack, onClose, onDone }: { ack: Ack; onClose(): void; onDone(): Promise<void> }) {
  const notify = useNotify();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await api.reports.acknowledgeExtract({ id: ack.id, acknowledgedBy: name });
      notify.success(`Ознакомление с выпиской (${ack.studentName}) зарегистрировано.`);
      await onDone();
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields.acknowledgedBy ?? e.message) : messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="ack-title">
      <DialogTitle id="ack-title">Талон возвращён</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {ack.studentName}, выписка № {ack.number} за {formatDate(ack.fromDate)} – {formatDate(ack.toDate)}.
        </Typography>
        <TextField
          autoFocus
          fullWidth
          label="Кто подписал (родитель, законный представитель)"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={!!error}
          helperText={error ?? 'Фамилия и инициалы, как в талоне'}
          onKeyDown={(e) => e.key === 'Enter' && void save()}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Отмена</Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy}>
          Зарегистрировать
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** «неделя 16.11 – 21.11.2026»: the dates the extract will cover. */
function weekText(date: string): string {
  const { from, to } = schoolWeekOf(date);
  return `неделя ${formatDate(from).slice(0, 5)} – ${formatDate(to)}`;
}
