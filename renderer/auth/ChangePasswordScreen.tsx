import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { Actor } from '../../main/core/api/types';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { PasswordField } from '../components/PasswordField';
import { useForm } from '../components/useForm';
import { passwordHint, passwordProblem } from './password-rules';

/** After an administrator's reset or a new account: the temporary password is replaced before any work. */
export function ChangePasswordScreen({ actor }: { actor: Actor }) {
  const session = useSession();
  const form = useForm({ currentPassword: '', newPassword: '', confirm: '' });
  const [busy, setBusy] = useState(false);
  const v = form.values;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = form.check({
      currentPassword: !v.currentPassword && 'Введите временный пароль',
      newPassword: passwordProblem(v.newPassword, actor.login) || (v.newPassword === v.currentPassword && 'Новый пароль должен отличаться от временного'),
      confirm: v.confirm !== v.newPassword && 'Пароли не совпадают',
    });
    if (!ok) return;
    setBusy(true);
    try {
      await api.auth.changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      session.passwordChanged();
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  };

  return (
    <Box component="form" noValidate onSubmit={submit}>
      <Typography variant="h2" component="h1" gutterBottom>
        Смена временного пароля
      </Typography>
      <Typography variant="body2" sx={{ mb: 0.5 }}>
        {actor.displayName !== actor.login ? `${actor.displayName}, здравствуйте!` : 'Здравствуйте!'}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2.5 }}>
        Вы вошли с временным паролем, который выдал администратор. Придумайте свой пароль — его будете знать только вы.
      </Typography>
      <PasswordField label="Временный пароль" autoFocus autoComplete="current-password" {...form.field('currentPassword')} />
      <PasswordField label="Новый пароль" autoComplete="new-password" {...form.field('newPassword', { helper: passwordHint })} />
      <PasswordField label="Новый пароль ещё раз" autoComplete="new-password" {...form.field('confirm')} />
      {form.formError && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {form.formError}
        </Alert>
      )}
      <Box sx={{ display: 'flex', justifyContent: 'space-between' }}>
        <Button onClick={() => void session.logout()} disabled={busy}>
          Выйти
        </Button>
        <Button type="submit" variant="contained" disabled={busy}>
          Сохранить и продолжить
        </Button>
      </Box>
    </Box>
  );
}
