import { Fragment, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { api } from '../api/client';
import { useSession, type Status } from '../app/session';
import { PasswordField } from '../components/PasswordField';
import { useForm } from '../components/useForm';

export function LoginScreen({ status, notice }: { status: Status; notice?: string }) {
  const session = useSession();
  const form = useForm({ login: '', password: '' });
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = form.check({
      login: !form.values.login.trim() && 'Введите логин',
      password: !form.values.password && 'Введите пароль',
    });
    if (!ok) return;
    setBusy(true);
    try {
      const result = await api.auth.login({ login: form.values.login.trim(), password: form.values.password });
      await session.enter(result);
    } catch (err) {
      form.fail(err);
      form.setValues((v) => ({ ...v, password: '' }));
      setBusy(false);
    }
  };

  return (
    <Box component="form" noValidate onSubmit={submit}>
      <Typography variant="h2" component="h1" gutterBottom>
        Вход в журнал
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2.5 }}>
        Введите логин и пароль, выданные администратором.
      </Typography>
      {notice && !form.formError && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {notice}
        </Alert>
      )}
      <TextField label="Логин" autoFocus autoComplete="username" disabled={busy} {...form.field('login')} />
      <PasswordField label="Пароль" autoComplete="current-password" disabled={busy} {...form.field('password')} />
      {form.formError && (
        <Alert severity="error" sx={{ mb: 2 }} role="alert">
          {form.formError}
        </Alert>
      )}
      <Button type="submit" variant="contained" fullWidth size="large" disabled={busy}>
        {busy ? 'Входим…' : 'Войти'}
      </Button>
      {status.demo && (
        <Alert severity="info" sx={{ mt: 2, py: 0.5, '& .MuiAlert-message': { fontSize: 13, width: '100%' } }} data-testid="demo-hint">
          <strong>Демонстрационная школа.</strong> Пароль у всех учётных записей — тот, что вы задали при её создании.
          <Box component="dl" sx={{ m: 0, mt: 0.5, display: 'grid', gridTemplateColumns: '1fr auto', columnGap: 1.5, rowGap: 0.25 }}>
            {status.demoLogins.map((l) => (
              <Fragment key={l.login}>
                <Box component="dt" title={l.name}>
                  {l.role}
                  {l.detail && `, ${l.detail}`}
                </Box>
                <Box component="dd" sx={{ m: 0 }}>
                  <Link
                    component="button"
                    type="button"
                    onClick={() => form.setValues((v) => ({ ...v, login: l.login }))}
                    title={`Подставить логин ${l.login} (${l.name})`}
                    sx={{ fontFamily: 'monospace', fontSize: 'inherit', verticalAlign: 'baseline' }}
                  >
                    {l.login}
                  </Link>
                </Box>
              </Fragment>
            ))}
          </Box>
        </Alert>
      )}
    </Box>
  );
}
