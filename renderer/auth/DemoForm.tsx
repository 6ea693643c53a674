import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { PasswordField } from '../components/PasswordField';
import { useForm } from '../components/useForm';
import { passwordHint, passwordProblem } from './password-rules';

/** The demonstration school: generated once into a file of its own, with one password for all its accounts. */
export function DemoForm({ onBack }: { onBack: () => void }) {
  const session = useSession();
  const form = useForm({ password: '', confirm: '' });
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = form.check({
      password: passwordProblem(form.values.password),
      confirm: form.values.confirm !== form.values.password && 'Пароли не совпадают',
    });
    if (!ok) return;
    setBusy(true);
    try {
      await api.setup.openDemo({ password: form.values.password });
      await session.refresh();
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  };

  return (
    <Box component="form" noValidate onSubmit={submit}>
      <Typography variant="h2" component="h1" gutterBottom>
        Демонстрационная школа
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        Программа создаст вымышленную школу с классами, учениками, учителями, расписанием и отметками, чтобы с ней можно
        было познакомиться без риска для настоящих данных.
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Демонстрационная школа хранится в отдельном файле. Настоящая школа остаётся пустой: её можно будет создать позже.
      </Typography>
      <Typography variant="body2" sx={{ mb: 2 }}>
        Задайте пароль — он будет общим для всех учётных записей демонстрационной школы.
      </Typography>
      <PasswordField label="Пароль для демонстрационных учётных записей" autoFocus disabled={busy} {...form.field('password', { helper: passwordHint })} />
      <PasswordField label="Пароль ещё раз" disabled={busy} {...form.field('confirm')} />
      {busy && (
        <Box sx={{ my: 2 }} role="status">
          <Typography variant="body2" sx={{ mb: 1 }}>
            Создаём демонстрационную школу… это займёт до минуты.
          </Typography>
          <LinearProgress />
        </Box>
      )}
      {form.formError && !busy && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {form.formError}
        </Alert>
      )}
      <Box sx={{ display: 'flex', justifyContent: 'space-between', mt: 1 }}>
        <Button onClick={onBack} disabled={busy}>
          Назад
        </Button>
        <Button type="submit" variant="contained" disabled={busy}>
          Открыть демонстрационную школу
        </Button>
      </Box>
    </Box>
  );
}
