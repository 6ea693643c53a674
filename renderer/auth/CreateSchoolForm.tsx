import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { PasswordField } from '../components/PasswordField';
import { useForm } from '../components/useForm';
import { passwordHint, passwordProblem } from './password-rules';

const EMPTY = {
  schoolName: '',
  schoolShortName: '',
  city: '',
  'admin.lastName': '',
  'admin.firstName': '',
  'admin.middleName': '',
  'admin.position': '',
  'admin.login': '',
  'admin.password': '',
  confirm: '',
};

const LOGIN_RE = /^[a-zA-Z0-9._-]+$/;

/** The school's name and its administrator, who chooses their own password. */
export function CreateSchoolForm({ onBack }: { onBack: () => void }) {
  const session = useSession();
  const form = useForm(EMPTY);
  const [busy, setBusy] = useState(false);
  const v = form.values;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const login = v['admin.login'].trim();
    const ok = form.check({
      schoolName: v.schoolName.trim().length < 3 && 'Введите полное наименование школы',
      'admin.lastName': !v['admin.lastName'].trim() && 'Введите фамилию',
      'admin.firstName': !v['admin.firstName'].trim() && 'Введите имя',
      'admin.login':
        (login.length < 3 && 'Логин — не короче 3 символов') ||
        (!LOGIN_RE.test(login) && 'Только латинские буквы, цифры, точка, дефис и подчёркивание'),
      'admin.password': passwordProblem(v['admin.password'], login),
      confirm: v.confirm !== v['admin.password'] && 'Пароли не совпадают',
    });
    if (!ok) return;
    setBusy(true);
    try {
      const result = await api.setup.createSchool({
        schoolName: v.schoolName,
        schoolShortName: v.schoolShortName || undefined,
        city: v.city || undefined,
        admin: {
          lastName: v['admin.lastName'],
          firstName: v['admin.firstName'],
          middleName: v['admin.middleName'] || undefined,
          position: v['admin.position'] || undefined,
          login,
          password: v['admin.password'],
        },
      });
      await session.enter(result);
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  };

  return (
    <Box component="form" noValidate onSubmit={submit}>
      <Typography variant="h2" component="h1" gutterBottom>
        Новая школа
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Наименование можно будет уточнить позже в разделе «Настройки».
      </Typography>
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        Школа
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2 }}>
        <TextField
          label="Полное наименование"
          required
          autoFocus
          placeholder="МБОУ «Средняя общеобразовательная школа № 1»"
          sx={{ gridColumn: '1 / -1' }}
          {...form.field('schoolName')}
        />
        <TextField label="Краткое наименование" placeholder="СОШ № 1" {...form.field('schoolShortName')} />
        <TextField label="Населённый пункт" {...form.field('city')} />
      </Box>
      <Typography variant="h6" component="h2" sx={{ mt: 1, mb: 1 }}>
        Администратор электронного журнала
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', columnGap: 2 }}>
        <TextField label="Фамилия" required autoComplete="family-name" {...form.field('admin.lastName')} />
        <TextField label="Имя" required autoComplete="given-name" {...form.field('admin.firstName')} />
        <TextField label="Отчество" autoComplete="additional-name" {...form.field('admin.middleName')} />
        <TextField
          label="Должность"
          placeholder="Администратор электронного журнала"
          sx={{ gridColumn: '1 / -1' }}
          {...form.field('admin.position')}
        />
        <TextField label="Логин" required autoComplete="username" {...form.field('admin.login', { helper: 'Латинские буквы и цифры' })} />
        <PasswordField
          label="Пароль"
          required
          autoComplete="new-password"
          {...form.field('admin.password', { helper: passwordHint })}
        />
        <PasswordField label="Пароль ещё раз" required autoComplete="new-password" {...form.field('confirm')} />
      </Box>
      {form.formError && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {form.formError}
        </Alert>
      )}
      <Box sx={{ display: 'flex', justifyContent: 'space-between', mt: 1 }}>
        <Button onClick={onBack} disabled={busy}>
          Назад
        </Button>
        <Button type="submit" variant="contained" disabled={busy}>
          {busy ? 'Создаём школу…' : 'Создать школу'}
        </Button>
      </Box>
    </Box>
  );
}
