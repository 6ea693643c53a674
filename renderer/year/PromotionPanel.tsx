import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ResultOf } from '../../main/core/api/types';
import { api, ApiError } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useNotify } from '../components/Notifier';
import { formatDate } from '../i18n/format';
import { DateField } from '../components/DateField';
import { dateError } from '../i18n/ru-date';

type Year = ResultOf<'year.overview'>[number];
type Decision = ResultOf<'year.promotionPreview'>['classes'][number]['students'][number]['decision'];

const DECISIONS: Record<Decision, string> = {
  promoted: 'переведён',
  conditional: 'переведён условно',
  held_back: 'оставлен на повторное обучение',
  graduated: 'окончил обучение',
  left: 'выбыл',
};

/** The director's order: a draft with a decision per student, the preview of the new classes, applying and undoing. */
export function PromotionPanel({ year, onChanged }: { year: Year; onChanged: () => void }) {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [orderNo, setOrderNo] = useState('');
  const [orderDate, setOrderDate] = useState(year.endDate);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirm, setConfirm] = useState<'apply' | 'undo' | null>(null);
  const order = year.order;
  const preview = useQuery({
    queryKey: ['year.promotionPreview', order?.id],
    queryFn: () => api.year.promotionPreview({ orderId: order!.id }),
    enabled: !!order,
  });
  const refresh = () => {
    onChanged();
    void queryClient.invalidateQueries({ queryKey: ['year.promotionPreview'] });
  };
  const draft = useMutation({
    mutationFn: () => api.year.draftPromotion({ fromYearId: year.id, toYearId: year.nextYearId!, orderNo, orderDate }),
    onSuccess: refresh,
    onError: (e) => (e instanceof ApiError && Object.keys(e.fields).length ? setErrors(e.fields) : notify.error(e)),
  });
  const decide = useMutation({
    mutationFn: (p: { studentId: string; decision: Decision; note?: string | null }) => api.year.setDecision({ orderId: order!.id, ...p }),
    onSuccess: (next) => queryClient.setQueryData(['year.promotionPreview', order?.id], next),
    onError: (e) => notify.error(e),
  });
  const apply = useMutation({
    mutationFn: () => api.year.applyPromotion({ orderId: order!.id }),
    onSuccess: () => {
      setConfirm(null);
      notify.success('Перевод выполнен: обучающиеся зачислены в классы нового учебного года.');
      refresh();
    },
    onError: (e) => {
      setConfirm(null);
      notify.error(e);
    },
  });
  const undo = useMutation({
    mutationFn: () => api.year.undoPromotion({ orderId: order!.id }),
    onSuccess: () => {
      setConfirm(null);
      notify.success('Перевод отменён: классы нового года и записи о переводе удалены.');
      refresh();
    },
    onError: (e) => {
      setConfirm(null);
      notify.error(e);
    },
  });

  if (!year.nextYearId) return <Typography variant="body2" color="text.secondary">Сначала создайте следующий учебный год.</Typography>;
  if (!order) {
    return (
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <TextField size="small" label="Номер приказа" value={orderNo} onChange={(e) => setOrderNo(e.target.value)} error={!!errors.orderNo} helperText={errors.orderNo} />
        <DateField size="small" label="Дата приказа" value={orderDate} onChange={setOrderDate} error={!!errors.orderDate} helperText={errors.orderDate} />
        <Button
          variant="contained"
          onClick={() => {
            const bad = dateError(orderDate);
            if (bad) setErrors({ orderDate: bad });
            else draft.mutate();
          }}
          disabled={draft.isPending}
        >
          Подготовить приказ
        </Button>
      </Stack>
    );
  }
  const p = preview.data;
  const editable = order.status === 'draft';
  return (
    <Box>
      <Typography variant="body2" sx={{ mb: 1 }}>
        Приказ № {order.orderNo} от {formatDate(order.orderDate)} — {editable ? 'проект: проверьте решения и проведите приказ' : `проведён ${formatDate(order.appliedAt)}`}.
        {p && ` Переведено: ${p.totals.promoted}, условно: ${p.totals.conditional}, оставлено: ${p.totals.held_back}, окончили: ${p.totals.graduated}, выбыли: ${p.totals.left}.`}
      </Typography>
      {p && editable && p.newClasses.length > 0 && (
        <Alert severity="info" sx={{ mb: 1 }}>
          Будут созданы классы {p.toYear}: {p.newClasses.join(', ')}. Классный руководитель, кабинет и смена переходят вместе с классом.
        </Alert>
      )}
      {order.status === 'applied' && order.undoBlockedSince && (
        <Alert severity="info" sx={{ mb: 1 }}>
          Отменить перевод уже нельзя: в новом учебном году есть записи с {formatDate(order.undoBlockedSince)}.
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
        {editable && (
          <Button variant="contained" onClick={() => setConfirm('apply')}>
            Провести приказ
          </Button>
        )}
        {order.status === 'applied' && (
          <Button color="warning" variant="outlined" disabled={!!order.undoBlockedSince} onClick={() => setConfirm('undo')}>
            Отменить перевод
          </Button>
        )}
      </Stack>
      {p?.classes.map((c) => (
        <Paper key={c.classId} variant="outlined" sx={{ mb: 1.5 }}>
          <Typography variant="subtitle2" sx={{ px: 2, pt: 1 }}>
            {c.name} → {[...new Set(c.students.map((s) => s.toClass ?? 'выбывают'))].join(', ')}
          </Typography>
          <Table size="small" aria-label={`Решения ${c.name}`}>
            <TableHead>
              <TableRow>
                <TableCell>Обучающийся</TableCell>
                <TableCell sx={{ width: 280 }}>Решение</TableCell>
                <TableCell>Примечание</TableCell>
                <TableCell sx={{ width: 90 }}>Класс</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {c.students.map((s) => (
                <TableRow key={s.studentId}>
                  <TableCell>{s.name}</TableCell>
                  <TableCell>
                    {editable ? (
                      <TextField
                        select
                        size="small"
                        fullWidth
                        value={s.decision}
                        onChange={(e) => {
                          const decision = e.target.value as Decision;
                          const note = decision === 'conditional' ? window.prompt('Академическая задолженность (предмет):', s.note ?? '') : s.note;
                          decide.mutate({ studentId: s.studentId, decision, note });
                        }}
                        slotProps={{ htmlInput: { 'aria-label': `Решение: ${s.name}` } }}
                      >
                        {(Object.keys(DECISIONS) as Decision[]).map((d) => (
                          <MenuItem key={d} value={d}>
                            {DECISIONS[d]}
                          </MenuItem>
                        ))}
                      </TextField>
                    ) : (
                      DECISIONS[s.decision]
                    )}
                  </TableCell>
                  <TableCell>{s.note}</TableCell>
                  <TableCell>{s.toClass ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      ))}
      <ConfirmDialog
        open={confirm === 'apply'}
        title="Провести приказ о переводе?"
        confirmLabel="Провести"
        busy={apply.isPending}
        onConfirm={() => apply.mutate()}
        onClose={() => setConfirm(null)}
      >
        <Typography variant="body2">
          Обучающиеся будут переведены в классы {p?.toYear} учебного года по приказу № {order.orderNo}. Перевод можно отменить, пока в новом году нет записей в журнале.
        </Typography>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'undo'}
        title="Отменить перевод?"
        confirmLabel="Отменить перевод"
        danger
        busy={undo.isPending}
        onConfirm={() => undo.mutate()}
        onClose={() => setConfirm(null)}
      >
        <Typography variant="body2">Классы нового года, созданные приказом, и записи о переводе будут удалены; обучающиеся вернутся в свои классы.</Typography>
      </ConfirmDialog>
    </Box>
  );
}
