import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { api } from '../api/client';
import { useNotify } from '../components/Notifier';
import { PasswordField } from '../components/PasswordField';
import { MIN_PASSPHRASE_LENGTH, passphraseProblem } from './labels';
import { ProbeResult, type Probe } from './ProbeResult';
import { SYNC_STATUS_KEY } from './useSyncStatus';
import { FOLDER_EXAMPLE, placeError, type Field } from './form-errors';

type Mode = 'create' | 'join';

/**
 * This computer not yet on the school's shared folder: the first computer
 * makes it (the passphrase twice), every further one joins it with the
 * passphrase. The folder test can be run first.
 */
export function SetupForm() {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>('create');
  const [root, setRoot] = useState('');
  const [computerName, setComputerName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [passphrase2, setPassphrase2] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [probe, setProbe] = useState<Probe | null>(null);
  const [busy, setBusy] = useState<'probe' | 'save' | null>(null);

  const edit = (field: Field, set: (v: string) => void) => (e: React.ChangeEvent<HTMLInputElement>) => {
    set(e.target.value);
    setErrors((x) => ({ ...x, [field]: undefined }));
    setFormError(null);
  };

  const runProbe = async () => {
    if (!root.trim()) return setErrors({ root: 'Укажите папку, которую нужно проверить' });
    setBusy('probe');
    setProbe(null);
    try {
      setProbe(await api.sync.probe({ root: root.trim() }));
    } catch (e) {
      const placed = placeError(e);
      setErrors(placed.fields);
      setFormError(placed.form);
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    const found: Partial<Record<Field, string>> = {};
    if (!root.trim()) found.root = 'Укажите общую папку';
    if (!computerName.trim()) found.computerName = 'Укажите, как называть этот компьютер';
    found.passphrase = passphraseProblem(passphrase) ?? undefined;
    if (mode === 'create' && !found.passphrase && passphrase !== passphrase2) found.passphrase2 = 'Фразы не совпадают: введите ту же фразу ещё раз';
    if (Object.values(found).some(Boolean)) return setErrors(found);
    setBusy('save');
    setErrors({});
    setFormError(null);
    try {
      const params = { root: root.trim(), passphrase, computerName: computerName.trim() };
      const status = mode === 'create' ? await api.sync.create(params) : await api.sync.join(params);
      queryClient.setQueryData(SYNC_STATUS_KEY, status);
      notify.success(
        mode === 'create'
          ? 'Общая папка создана. Программа записывает в неё общую базу школы; ход виден в строке состояния вверху.'
          : 'Компьютер подключён к общей папке. Изменения других компьютеров загружаются; ход виден в строке состояния вверху.',
      );
      setPassphrase('');
      setPassphrase2('');
      await queryClient.invalidateQueries({ queryKey: ['sync.folder'] });
    } catch (e) {
      const placed = placeError(e);
      setErrors(placed.fields);
      setFormError(placed.form);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 2.5 }} data-testid="sync-setup">
      <Typography variant="h6" component="h2" sx={{ mb: 0.5 }}>
        Работа на нескольких компьютерах
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1, maxWidth: 900 }}>
        Каждый компьютер хранит журнал у себя и работает без сети, а изменения передаёт через общую сетевую папку. Файлы в папке зашифрованы парольной
        фразой: без неё их не прочитать, даже имея доступ к папке.
      </Typography>
      <RadioGroup row value={mode} onChange={(e) => setMode(e.target.value as Mode)} sx={{ mb: 1 }}>
        <FormControlLabel value="create" control={<Radio />} label="Создать общую папку (первый компьютер школы)" />
        <FormControlLabel value="join" control={<Radio />} label="Подключиться к уже созданной общей папке" />
      </RadioGroup>
      <Stack spacing={2} sx={{ maxWidth: 720 }}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
          <TextField
            label="Общая папка"
            placeholder={FOLDER_EXAMPLE}
            value={root}
            onChange={edit('root', setRoot)}
            error={!!errors.root}
            helperText={errors.root ?? `Полный путь к сетевой папке, доступной со всех компьютеров школы: ${FOLDER_EXAMPLE}`}
            fullWidth
            slotProps={{ htmlInput: { spellCheck: false } }}
          />
          <Button variant="outlined" onClick={() => void runProbe()} disabled={busy !== null} sx={{ flexShrink: 0, mt: 1 }}>
            {busy === 'probe' ? 'Проверка…' : 'Проверить папку'}
          </Button>
        </Box>
        {probe && <ProbeResult probe={probe} />}
        <TextField
          label="Название этого компьютера"
          placeholder="Например: Учительская или Кабинет 204, ПК 3"
          value={computerName}
          onChange={edit('computerName', setComputerName)}
          error={!!errors.computerName}
          helperText={errors.computerName ?? 'Так этот компьютер будет виден в списке компьютеров и в конфликтах синхронизации.'}
          slotProps={{ htmlInput: { maxLength: 200 } }}
        />
        <Box sx={{ display: 'grid', gridTemplateColumns: mode === 'create' ? '1fr 1fr' : '1fr', gap: 2 }}>
          <PasswordField
            label="Парольная фраза общей папки"
            value={passphrase}
            onChange={edit('passphrase', setPassphrase)}
            error={!!errors.passphrase}
            autoComplete="new-password"
            helperText={errors.passphrase ?? (mode === 'create' ? `Не короче ${MIN_PASSPHRASE_LENGTH} символов; лучше несколько слов` : 'Фраза, заданная при создании общей папки')}
          />
          {mode === 'create' && (
            <PasswordField
              label="Парольная фраза ещё раз"
              value={passphrase2}
              onChange={edit('passphrase2', setPassphrase2)}
              error={!!errors.passphrase2}
              autoComplete="new-password"
              helperText={errors.passphrase2 ?? ' '}
            />
          )}
        </Box>
        {mode === 'create' && (
          <Typography variant="body2" color="text.secondary">
            Запишите парольную фразу и храните её у администратора: она нужна, чтобы подключить каждый следующий компьютер, и восстановить её нельзя.
          </Typography>
        )}
        {formError && <Alert severity="error">{formError}</Alert>}
        <Box>
          <Button variant="contained" onClick={() => void submit()} disabled={busy !== null}>
            {busy === 'save' ? (mode === 'create' ? 'Создание…' : 'Подключение…') : mode === 'create' ? 'Создать общую папку' : 'Подключиться'}
          </Button>
        </Box>
      </Stack>
    </Paper>
  );
}
