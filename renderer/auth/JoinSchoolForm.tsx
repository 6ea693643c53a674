import { useEffect, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { api, messageOf } from '../api/client';
import { useSession } from '../app/session';
import { PasswordField } from '../components/PasswordField';
import { FOLDER_EXAMPLE, placeError, type Field } from '../sync/form-errors';
import { passphraseProblem } from '../sync/labels';

/** How often the download is asked about. */
const POLL_MS = 2_000;

/**
 * The first run of a further computer of the school: instead of a new
 * school, it joins the school's shared folder and starts from the school's
 * shared database there. The administrator types the passphrase here. No one
 * can sign in until the database has arrived, so the download is followed
 * without a session (`sync.joinProgress`), and a stop is said with its reason.
 */
export function JoinSchoolForm({ onBack }: { onBack: () => void }) {
  const session = useSession();
  const [root, setRoot] = useState('');
  const [computerName, setComputerName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [joining, setJoining] = useState<{ task: string | null; error: string | null } | null>(null);

  useEffect(() => {
    if (!joining || joining.error) return;
    let stopped = false;
    const timer = window.setInterval(() => {
      api.sync
        .joinProgress()
        .then(async (p) => {
          if (stopped) return;
          if (p.joined) {
            stopped = true;
            await session.refresh('Компьютер подключён к журналу школы. Войдите под своей учётной записью.');
          } else setJoining({ task: p.task, error: p.error });
        })
        .catch((e: unknown) => !stopped && setJoining({ task: null, error: messageOf(e) }));
    }, POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [joining, session]);

  const edit = (field: Field, set: (v: string) => void) => (e: React.ChangeEvent<HTMLInputElement>) => {
    set(e.target.value);
    setErrors((x) => ({ ...x, [field]: undefined }));
    setFormError(null);
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const found: Partial<Record<Field, string>> = {
      root: root.trim() ? undefined : 'Укажите общую папку школы',
      computerName: computerName.trim() ? undefined : 'Укажите, как называть этот компьютер',
      passphrase: passphraseProblem(passphrase) ?? undefined,
    };
    if (Object.values(found).some(Boolean)) return setErrors(found);
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      const status = await api.sync.joinNew({ root: root.trim(), passphrase, computerName: computerName.trim() });
      setPassphrase('');
      setJoining({ task: status.task, error: null });
    } catch (err) {
      const placed = placeError(err);
      setErrors(placed.fields);
      setFormError(placed.form);
      setJoining(null);
    } finally {
      setBusy(false);
    }
  };

  if (joining && !joining.error) {
    return (
      <Box role="status" data-testid="join-progress">
        <Typography variant="h2" component="h1" gutterBottom>
          Подключение к журналу школы
        </Typography>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {joining.task ?? 'Подключение к общей папке…'} Это может занять несколько минут; не закрывайте программу. Когда журнал будет загружен, появится
          окно входа.
        </Typography>
        <LinearProgress />
      </Box>
    );
  }

  return (
    <Box component="form" noValidate onSubmit={(e) => void submit(e)}>
      <Typography variant="h2" component="h1" gutterBottom>
        Подключить компьютер к журналу школы
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Журнал школы уже ведётся на другом компьютере, и там создана общая папка. Этот компьютер получит журнал из неё и дальше будет обмениваться с
        ней изменениями. Парольную фразу общей папки вводит администратор.
      </Typography>
      {joining?.error && (
        <Alert severity="error" sx={{ mb: 2 }} data-testid="join-stopped">
          Журнал не загружен: {joining.error}
        </Alert>
      )}
      <Stack spacing={2}>
        <TextField
          label="Общая папка школы"
          placeholder={FOLDER_EXAMPLE}
          value={root}
          onChange={edit('root', setRoot)}
          error={!!errors.root}
          helperText={errors.root ?? `Та же папка, что на других компьютерах школы: ${FOLDER_EXAMPLE}`}
          autoFocus
          disabled={busy}
          slotProps={{ htmlInput: { spellCheck: false } }}
        />
        <TextField
          label="Название этого компьютера"
          placeholder="Например: Кабинет 204, ПК 3"
          value={computerName}
          onChange={edit('computerName', setComputerName)}
          error={!!errors.computerName}
          helperText={errors.computerName ?? 'Так этот компьютер будет виден другим компьютерам школы.'}
          disabled={busy}
          slotProps={{ htmlInput: { maxLength: 200 } }}
        />
        <PasswordField
          label="Парольная фраза общей папки"
          value={passphrase}
          onChange={edit('passphrase', setPassphrase)}
          error={!!errors.passphrase}
          helperText={errors.passphrase ?? 'Фраза, заданная администратором при создании общей папки.'}
          autoComplete="off"
          disabled={busy}
        />
        {formError && <Alert severity="error">{formError}</Alert>}
      </Stack>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', mt: 2 }}>
        <Button onClick={onBack} disabled={busy}>
          Назад
        </Button>
        <Button type="submit" variant="contained" disabled={busy}>
          {busy ? 'Подключение…' : 'Подключиться'}
        </Button>
      </Box>
    </Box>
  );
}
