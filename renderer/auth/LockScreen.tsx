import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import LockOutlined from '@mui/icons-material/LockOutlined';
import type { Actor } from '../../main/core/api/types';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { PasswordField } from '../components/PasswordField';
import { useForm } from '../components/useForm';

/** Only the user's name and a password field: nothing of their work shows while they are away. */
export function LockScreen({ actor }: { actor: Actor }) {
  const session = useSession();
  const form = useForm({ password: '' });
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!form.check({ password: !form.values.password && 'Введите пароль' })) return;
    setBusy(true);
    try {
      await api.auth.unlock({ password: form.values.password });
      session.unlocked();
    } catch (err) {
      form.fail(err);
      form.setValues({ password: '' });
      setBusy(false);
    }
  };

  return (
    <Box
      sx={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        bgcolor: (t) => (t.palette.mode === 'light' ? '#2b3a4a' : '#0b0d10'),
        p: 3,
      }}
    >
      <Box
        component="form"
        noValidate
        onSubmit={submit}
        sx={{ width: '100%', maxWidth: 380, bgcolor: 'background.paper', borderRadius: 2, p: 4, textAlign: 'center' }}
      >
        <LockOutlined color="primary" sx={{ fontSize: 40, mb: 1 }} />
        <Typography variant="body2" color="text.secondary">
          Сеанс заблокирован
        </Typography>
        <Typography variant="h3" component="h1" sx={{ mt: 1, mb: 3 }} data-testid="locked-user">
          {actor.displayName}
        </Typography>
        <PasswordField label="Пароль" autoFocus autoComplete="current-password" disabled={busy} {...form.field('password')} />
        {form.formError && (
          <Alert severity="error" sx={{ mb: 2, textAlign: 'left' }} role="alert">
            {form.formError}
          </Alert>
        )}
        <Button type="submit" variant="contained" fullWidth size="large" disabled={busy}>
          Разблокировать
        </Button>
        <Button fullWidth sx={{ mt: 1 }} onClick={() => void session.logout()} disabled={busy}>
          Сменить пользователя
        </Button>
      </Box>
    </Box>
  );
}
