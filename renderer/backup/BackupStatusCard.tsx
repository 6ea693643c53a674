import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import VerifiedOutlined from '@mui/icons-material/VerifiedOutlined';
import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import { formatDateTime } from '../i18n/format';
import { ageText, KIND_LABELS, type BackupStatusDto } from './labels';

/** The last verified backup and the warnings: what the administrator must see first. */
export function BackupStatusCard({ status }: { status: BackupStatusDto }) {
  const last = status.lastVerified;
  const fresh = !!last && last.ageHours <= 24;
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }} data-testid="backup-status">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}>
        {fresh ? <VerifiedOutlined color="success" /> : <ErrorOutline color="error" />}
        <Box>
          <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
            {last ? `Последняя проверенная копия: ${formatDateTime(last.at)} (${ageText(last.ageHours)})` : 'Проверенных копий нет'}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {last ? `${KIND_LABELS[last.kind]}, файл ${last.name}. ` : ''}
            {status.config.dailyTime ? `Ежедневно в ${status.config.dailyTime}` : 'Ежедневная копия выключена'}
            {status.config.onClose ? ' и при закрытии программы' : ''}.
            {status.config.secondDir ? ` Второй носитель: ${status.config.secondDir}${status.config.encryptSecond ? ' (копии зашифрованы)' : ''}.` : ''}
          </Typography>
        </Box>
      </Box>
      {status.warnings.length > 0 && (
        <Stack spacing={1} sx={{ mt: 1.5 }}>
          {status.warnings.map((w) => (
            <Alert key={w.text} severity={w.severity} variant="outlined">
              {w.text}
            </Alert>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
