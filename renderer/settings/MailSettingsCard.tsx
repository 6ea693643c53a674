import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ApiError, api, messageOf } from '../api/client';
import { useNotify } from '../components/Notifier';

type Security = 'tls' | 'starttls' | 'none';

/**
 * Settings → «Почта»: the school's mail server for letters to parents. The
 * password is kept on this computer, sealed, and never shown again: the
 * field stays empty and says whether one is set.
 */
export function MailSettingsCard() {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['mail.settings'], queryFn: () => api.mail.settings({}) });
  const [form, setForm] = useState({ host: '', port: '465', security: 'tls' as Security, user: '', fromName: '', fromAddress: '' });
  const [password, setPassword] = useState('');
  const [testTo, setTestTo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [tested, setTested] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    const d = settings.data;
    if (d) setForm({ host: d.host, port: String(d.port), security: d.security, user: d.user, fromName: d.fromName, fromAddress: d.fromAddress });
  }, [settings.data]);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      await api.mail.saveSettings({ ...form, port: Number(form.port), ...(password ? { password } : {}) });
      setPassword('');
      notify.success('Настройки почты сохранены.');
      await queryClient.invalidateQueries({ queryKey: ['mail.settings'] });
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fields);
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  const test = async () => {
    setBusy(true);
    setTested(null);
    try {
      await api.mail.test({ to: testTo });
      setTested({ ok: true, text: `Проверочное письмо принято сервером для ${testTo}.` });
    } catch (e) {
      setTested({ ok: false, text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };
  const d = settings.data;
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }} aria-label="Почта">
      <Typography variant="h5" component="h2" gutterBottom>
        Почта
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Почтовый сервер школы для писем родителям (выписки и сообщения классных руководителей).
      </Typography>
      {settings.isError && <Alert severity="error">{messageOf(settings.error)}</Alert>}
      <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr 2fr', gap: 2 }}>
        <TextField label="Сервер SMTP" value={form.host} onChange={set('host')} error={!!errors.host} helperText={errors.host ?? 'например, smtp.school.ru'} />
        <TextField label="Порт" value={form.port} onChange={set('port')} error={!!errors.port} helperText={errors.port} slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
        <TextField select label="Защита соединения" value={form.security} onChange={set('security')}>
          <MenuItem value="tls">TLS (обычно порт 465)</MenuItem>
          <MenuItem value="starttls">STARTTLS (обычно порт 587)</MenuItem>
          <MenuItem value="none">Без шифрования</MenuItem>
        </TextField>
        <TextField label="Имя пользователя" value={form.user} onChange={set('user')} error={!!errors.user} helperText={errors.user ?? 'пусто — сервер без входа'} />
        <TextField
          label="Пароль"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          placeholder={d?.passwordSet ? 'сохранён' : ''}
          helperText={
            d?.passwordSet
              ? 'Пароль сохранён и не показывается. Введите новый, чтобы заменить.'
              : 'Хранится только на этом компьютере, в зашифрованном виде.'
          }
          sx={{ gridColumn: 'span 2' }}
        />
        <TextField label="Имя отправителя" value={form.fromName} onChange={set('fromName')} error={!!errors.fromName} helperText={errors.fromName ?? 'например, МБОУ СОШ № 1'} />
        <TextField label="Адрес отправителя" value={form.fromAddress} onChange={set('fromAddress')} error={!!errors.fromAddress} helperText={errors.fromAddress} sx={{ gridColumn: 'span 2' }} />
      </Box>
      <Box sx={{ display: 'flex', gap: 1.5, mt: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <Button variant="contained" onClick={() => void save()} disabled={busy}>
          Сохранить
        </Button>
        <TextField size="small" label="Проверочное письмо на адрес" value={testTo} onChange={(e) => setTestTo(e.target.value)} sx={{ width: 300, ml: 2 }} />
        <Button variant="outlined" onClick={() => void test()} disabled={busy || !testTo.trim() || !d?.host}>
          Отправить проверочное письмо
        </Button>
      </Box>
      {tested && (
        <Alert severity={tested.ok ? 'success' : 'error'} sx={{ mt: 2 }}>
          {tested.text}
        </Alert>
      )}
    </Paper>
  );
}
