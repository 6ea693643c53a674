import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlined';
import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import type { ResultOf } from '../../main/core/api/types';
import { clockText } from './labels';

export type Probe = ResultOf<'sync.probe'>;

const STEP_NAMES: Record<Probe['steps'][number]['step'], string> = {
  folder: 'Открытие папки',
  write: 'Запись',
  read: 'Чтение',
  rename: 'Переименование',
  delete: 'Удаление',
};

/** The folder test's result: each step with its verdict and time, and the summary. */
export function ProbeResult({ probe }: { probe: Probe }) {
  const clock = clockText(probe.clockOffsetMs);
  return (
    <Alert severity={probe.ok ? 'success' : 'error'} sx={{ '& .MuiAlert-message': { width: '100%' } }} data-testid="probe-result">
      <Typography variant="body2" sx={{ fontWeight: 600, mb: 0.75 }}>
        {probe.message}
      </Typography>
      <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 0.25 }}>
        {probe.steps.map((s) => (
          <Box component="li" key={s.step} sx={{ display: 'grid', gridTemplateColumns: '20px 150px 1fr', alignItems: 'start', gap: 1 }}>
            {s.ok ? <CheckCircleOutline fontSize="small" color="success" /> : <ErrorOutline fontSize="small" color="error" />}
            <Typography variant="body2">{STEP_NAMES[s.step]}</Typography>
            <Typography variant="body2" color="text.secondary">
              {s.message}
            </Typography>
          </Box>
        ))}
      </Box>
      {clock.off && (
        <Typography variant="body2" color="warning.dark" sx={{ mt: 0.75 }}>
          Часы этого компьютера {clock.text} относительно папки. Исправьте дату и время в настройках компьютера: работать можно, но при одновременных изменениях порядок может определиться неверно.
        </Typography>
      )}
    </Alert>
  );
}
