import { useState } from 'react';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { api, ApiError } from '../api/client';
import { useNotify } from '../components/Notifier';
import type { BackupStatusDto } from './labels';

/** This computer's backup settings: the daily time, the backup on closing, the second medium and its encryption. */
export function BackupSettingsDialog({ status, onClose }: { status: BackupStatusDto; onClose: (changed: boolean) => void }) {
  const notify = useNotify();
  const [daily, setDaily] = useState(status.config.dailyTime !== null);
  const [time, setTime] = useState(status.config.dailyTime ?? '18:00');
  const [onClose_, setOnClose] = useState(status.config.onClose);
  const [secondDir, setSecondDir] = useState(status.config.secondDir ?? '');
  const [encrypt, setEncrypt] = useState(status.config.encryptSecond);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      await api.backup.setConfig({
        dailyTime: daily ? time : null,
        onClose: onClose_,
        secondDir: secondDir.trim() || null,
        encryptSecond: encrypt,
        ...(password ? { password } : {}),
      });
      notify.success('Настройки резервного копирования сохранены.');
      onClose(true);
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) setErrors(e.fields);
      else notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={() => onClose(false)} maxWidth="sm" fullWidth>
      <DialogTitle>Настройки резервного копирования</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
            <FormControlLabel control={<Checkbox checked={daily} onChange={(e) => setDaily(e.target.checked)} />} label="Ежедневная копия в" />
            <TextField
              size="small"
              value={time}
              onChange={(e) => setTime(e.target.value)}
              disabled={!daily}
              error={!!errors.dailyTime}
              helperText={errors.dailyTime ?? 'ЧЧ:ММ'}
              sx={{ width: 120 }}
              slotProps={{ htmlInput: { 'aria-label': 'Время ежедневной копии' } }}
            />
          </Stack>
          <FormControlLabel control={<Checkbox checked={onClose_} onChange={(e) => setOnClose(e.target.checked)} />} label="Копия при закрытии программы" />
          <TextField
            label="Второй носитель: папка на флешке или в сети"
            placeholder="E:\Копии журнала"
            value={secondDir}
            onChange={(e) => setSecondDir(e.target.value)}
            error={!!errors.secondDir}
            helperText={errors.secondDir ?? 'Если носитель не подключён, основная копия всё равно сохраняется, а программа предупредит.'}
          />
          <FormControlLabel
            control={<Checkbox checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} />}
            label="Шифровать копии на втором носителе (AES-256)"
          />
          {encrypt && (
            <TextField
              type="password"
              label={status.config.hasPassword ? 'Новый пароль копий (оставьте пустым, чтобы не менять)' : 'Пароль копий'}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={!!errors.password}
              helperText={errors.password ?? 'Без этого пароля зашифрованную копию восстановить нельзя. Запишите его и храните отдельно от флешки.'}
            />
          )}
          {encrypt && (
            <Typography variant="body2" color="text.secondary" data-testid="password-storage">
              {passwordStorageText(status.config)}
            </Typography>
          )}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={() => onClose(false)} disabled={busy}>
          Отмена
        </Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy}>
          Сохранить
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Where the copies' password is kept on this computer, said plainly. */
export function passwordStorageText(config: BackupStatusDto['config']): string {
  if (config.osKeyStore) {
    return 'Пароль хранится на этом компьютере в защищённом хранилище системы: прочитать его может только ваша учётная запись на этом компьютере.';
  }
  return (
    'Пароль хранится на этом компьютере в файле настроек, который может открыть только ваша учётная запись. ' +
    'Защищённого хранилища системы здесь нет, поэтому в файле пароль не зашифрован.'
  );
}
