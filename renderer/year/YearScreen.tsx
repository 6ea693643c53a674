import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlined';
import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import { api, ApiError } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useNotify } from '../components/Notifier';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime } from '../i18n/format';
import { PromotionPanel } from './PromotionPanel';
import { LimitedTextField, useTextLimit } from '../components/LimitedTextField';

const SHOWN_GAPS = 12;

function Step({ n, title, children }: { n: number; title: string; children: React.ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
      <Typography variant="h3" sx={{ mb: 1 }}>
        {n}. {title}
      </Typography>
      {children}
    </Paper>
  );
}

/** Year closing (seed 003 §4.1.12): the checklist with its gaps, the lock, the next year, the promotion by order. */
export function YearScreen() {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const years = useQuery({ queryKey: ['year.overview'], queryFn: () => api.year.overview() });
  const list = years.data ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const year = list.find((y) => y.id === chosen) ?? list.find((y) => y.status === 'open') ?? list.at(-1) ?? null;
  const checklist = useQuery({
    queryKey: ['year.checklist', year?.id],
    queryFn: () => api.year.checklist({ yearId: year!.id }),
    enabled: !!year && year.status === 'open',
  });
  const [closing, setClosing] = useState(false);
  const [reason, setReason] = useState('');
  const limit = useTextLimit('yearCloseReason');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['year.overview'] });
    void queryClient.invalidateQueries({ queryKey: ['year.checklist'] });
  };
  const close = useMutation({
    mutationFn: () => api.year.close({ yearId: year!.id, acceptGaps: !checklist.data?.ready, reason: reason || undefined }),
    onSuccess: () => {
      setClosing(false);
      notify.success(`Учебный год ${year!.name} закрыт: его записи доступны только для просмотра.`);
      setChosen(year!.id);
      refresh();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.fields.reason) setReasonError(e.fields.reason);
      else {
        setClosing(false);
        notify.error(e);
      }
    },
  });
  const createNext = useMutation({
    mutationFn: () => api.year.createNext({ fromYearId: year!.id }),
    onSuccess: (r) => {
      notify.success(`Создан ${r.name} учебный год: периодов ${r.periods}, режимов звонков ${r.bellSchedules}.`);
      refresh();
    },
    onError: (e) => notify.error(e),
  });

  const ready = checklist.data?.ready;
  return (
    <>
      <PageHeader
        title="Закрытие учебного года"
        description="Проверка перед закрытием, закрытие года (записи становятся доступны только для просмотра), создание следующего года и перевод обучающихся по приказу директора."
        actions={
          list.length > 1 ? (
            <TextField select size="small" label="Учебный год" value={year?.id ?? ''} onChange={(e) => setChosen(e.target.value)} sx={{ minWidth: 180 }}>
              {list.map((y) => (
                <MenuItem key={y.id} value={y.id}>
                  {y.name}
                </MenuItem>
              ))}
            </TextField>
          ) : undefined
        }
      />
      {years.isLoading && <LinearProgress />}
      {!years.isLoading && !year && <Alert severity="info">Учебных лет пока нет.</Alert>}
      {year && (
        <>
          <Step n={1} title="Проверка перед закрытием">
            {year.status === 'closed' ? (
              <Typography variant="body2">Год закрыт {formatDateTime(year.closedAt)}.</Typography>
            ) : checklist.isLoading ? (
              <LinearProgress />
            ) : (
              checklist.data?.items.map((item) => (
                <Box key={item.key} sx={{ mb: 1.5 }}>
                  <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
                    {item.ok ? <CheckCircleOutline color="success" fontSize="small" /> : <ErrorOutline color="warning" fontSize="small" />}
                    <Typography variant="body2" sx={{ fontWeight: 600 }}>
                      {item.title}
                    </Typography>
                  </Box>
                  {item.gaps.slice(0, SHOWN_GAPS).map((g) => (
                    <Typography key={g} variant="body2" color="text.secondary" sx={{ pl: 3.5 }}>
                      {g}
                    </Typography>
                  ))}
                  {item.gaps.length > SHOWN_GAPS && (
                    <Typography variant="body2" color="text.secondary" sx={{ pl: 3.5 }}>
                      и ещё {item.gaps.length - SHOWN_GAPS}
                    </Typography>
                  )}
                </Box>
              ))
            )}
          </Step>
          <Step n={2} title="Закрытие года">
            {year.status === 'closed' ? (
              <Typography variant="body2">Учебный год {year.name} закрыт: записи в нём доступны только для просмотра.</Typography>
            ) : (
              <Button variant="contained" color={ready ? 'primary' : 'warning'} onClick={() => setClosing(true)} disabled={!checklist.data}>
                Закрыть {year.name} учебный год
              </Button>
            )}
          </Step>
          <Step n={3} title="Следующий учебный год">
            {year.nextYearId ? (
              <Typography variant="body2">Следующий учебный год создан: {list.find((y) => y.id === year.nextYearId)?.name}.</Typography>
            ) : (
              <>
                <Typography variant="body2" sx={{ mb: 1 }}>
                  Будут перенесены периоды (со сдвигом на те же дни недели), каникулы и режимы звонков. Предметы, кабинеты, сотрудники и виды работ общие для всех лет.
                </Typography>
                <Button variant="outlined" onClick={() => createNext.mutate()} disabled={createNext.isPending}>
                  Создать следующий учебный год
                </Button>
              </>
            )}
          </Step>
          <Step n={4} title="Перевод обучающихся по приказу директора">
            <PromotionPanel key={year.id} year={year} onChanged={refresh} />
          </Step>
        </>
      )}
      <ConfirmDialog
        open={closing}
        title={`Закрыть ${year?.name ?? ''} учебный год?`}
        confirmLabel="Закрыть год"
        danger={!ready}
        busy={close.isPending}
        onConfirm={() => close.mutate()}
        onClose={() => setClosing(false)}
      >
        <Typography variant="body2" sx={{ mb: 1 }}>
          После закрытия отметки, пропуски и темы уроков этого года изменить будет нельзя.
        </Typography>
        {!ready && (
          <LimitedTextField
            label="Почему год закрывается с незаполненными пунктами"
            limit={limit}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={!!reasonError}
            helperText={reasonError}
            fullWidth
            sx={{ mt: 1 }}
          />
        )}
      </ConfirmDialog>
    </>
  );
}
