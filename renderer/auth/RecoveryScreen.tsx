import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import RestoreOutlined from '@mui/icons-material/RestoreOutlined';
import { AuthLayout } from '../components/AuthLayout';
import { messageOf } from '../api/client';
import { recovery, type DatabaseDamage } from '../api/recovery';
import { formatDateTime } from '../i18n/format';

/**
 * The database could not be opened or failed its check on opening (issue 17,
 * item 4): what happened, what the newest verified backup is and what would
 * be lost since it, and one button that restores it. The damaged file is
 * moved aside, never deleted.
 */
export function RecoveryScreen({ damage, onRestored }: { damage: DatabaseDamage; onRestored: (notice: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const when = damage.backup ? formatDateTime(damage.backup.createdAt) : null;

  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      const done = await recovery.restoreLatest();
      onRestored(
        `База данных восстановлена из резервной копии от ${formatDateTime(done.restoredFrom ?? damage.backup?.createdAt ?? null)}. ` +
          'Проверьте и внесите заново то, что было сделано после этого времени.',
      );
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <AuthLayout width={620}>
      <Stack spacing={2} data-testid="recovery-screen">
        <Typography variant="h5" component="h1">
          База данных журнала повреждена
        </Typography>
        <Typography>
          Программа проверила файл базы данных при запуске и не может с ним работать: {damage.reason}. Так бывает после
          внезапного отключения питания, сбоя диска или флешки.
        </Typography>
        {damage.backup ? (
          <>
            <Alert severity="warning" icon={<RestoreOutlined />}>
              Последняя проверенная резервная копия сделана <b>{when}</b>. Если восстановить её, всё, что было внесено в журнал
              после этого времени, придётся внести заново.
            </Alert>
            <Typography variant="body2" color="text.secondary">
              Повреждённый файл не удаляется: он сохранится рядом с базой данных под другим именем, и специалист сможет
              попробовать извлечь из него последние записи.
            </Typography>
          </>
        ) : (
          <Alert severity="error">
            Проверенных резервных копий в папке программы нет, поэтому восстановить базу данных здесь нельзя. Обратитесь к
            администратору электронного журнала: повреждённый файл не удалён, с ним может поработать специалист.
          </Alert>
        )}
        {error && <Alert severity="error">{error}</Alert>}
        {damage.backup && (
          <Button variant="contained" size="large" onClick={() => void restore()} disabled={busy} startIcon={<RestoreOutlined />}>
            {busy ? 'Восстановление…' : `Восстановить копию от ${when}`}
          </Button>
        )}
        <Typography variant="caption" color="text.secondary" sx={{ wordBreak: 'break-all' }}>
          Файл: {damage.file}
          {damage.detail ? ` · ${damage.detail}` : ''}
        </Typography>
      </Stack>
    </AuthLayout>
  );
}
