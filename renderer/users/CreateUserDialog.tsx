import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import MenuItem from '@mui/material/MenuItem';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import TextField from '@mui/material/TextField';
import type { ResultOf, Role } from '../../main/core/api/types';
import { api } from '../api/client';
import { ROLE_ORDER, ROLE_TITLES } from '../app/roles';
import { useForm } from '../components/useForm';

const LOGIN_RE = /^[a-zA-Z0-9._-]+$/;

export function CreateUserDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (result: ResultOf<'users.create'>) => void;
}) {
  const form = useForm({ login: '', staffId: '' });
  const [roles, setRoles] = useState<Role[]>(['teacher']);
  const [busy, setBusy] = useState(false);
  // Staff without an account yet: a teacher's account must name the teacher, or the journal has no pages for it.
  const staff = useQuery({ queryKey: ['school.listStaff'], queryFn: () => api.school.listStaff({}), enabled: open });
  const withoutAccount = (staff.data ?? []).filter((s) => !s.login);

  const close = () => {
    form.reset();
    setRoles(['teacher']);
    setBusy(false);
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const login = form.values.login.trim();
    const staffId = form.values.staffId;
    const ok = form.check({
      login:
        (login.length < 3 && 'Логин — не короче 3 символов') ||
        (!LOGIN_RE.test(login) && 'Только латинские буквы, цифры, точка, дефис и подчёркивание'),
      roles: roles.length === 0 && 'Отметьте хотя бы одну роль',
      staffId: roles.includes('teacher') && !staffId && 'Выберите сотрудника: без этого у учителя не будет страниц журнала',
    });
    if (!ok) return;
    setBusy(true);
    try {
      const result = await api.users.create({ login, staffId: staffId || null, roles });
      form.reset();
      setRoles(['teacher']);
        setBusy(false);
      onCreated(result);
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  };

  const toggle = (role: Role) => setRoles((rs) => (rs.includes(role) ? rs.filter((r) => r !== role) : [...rs, role]));

  return (
    <Dialog open={open} onClose={busy ? undefined : close}>
      <form noValidate onSubmit={submit}>
        <DialogTitle>Новая учётная запись</DialogTitle>
        <DialogContent>
          <TextField
            label="Логин"
            autoFocus
            sx={{ mt: 1 }}
            {...form.field('login', { helper: 'Например, ivanova.ap — фамилия и инициалы латиницей' })}
          />
          <TextField
            select
            label="Сотрудник"
            {...form.field('staffId', { helper: 'Сотрудники без учётной записи из раздела «Школа»' })}
            sx={{ mt: 2 }}
          >
            <MenuItem value="">
              <em>не связывать с сотрудником</em>
            </MenuItem>
            {withoutAccount.map((s) => (
              <MenuItem key={s.id} value={s.id}>
                {s.fullName}
                {s.position ? ` — ${s.position}` : ''}
              </MenuItem>
            ))}
          </TextField>
          <FormControl error={Boolean(form.errors.roles)} component="fieldset" sx={{ mt: 1 }}>
            <FormLabel component="legend">Роли</FormLabel>
            <FormGroup row>
              {ROLE_ORDER.map((role) => (
                <FormControlLabel
                  key={role}
                  control={<Checkbox size="small" checked={roles.includes(role)} onChange={() => toggle(role)} />}
                  label={ROLE_TITLES[role]}
                />
              ))}
            </FormGroup>
            <FormHelperText>
              {form.errors.roles ?? 'Классный руководитель определяется по классу, роль для него не нужна.'}
            </FormHelperText>
          </FormControl>
          <Alert severity="info" sx={{ mt: 2 }}>
            Программа создаст временный пароль и покажет его один раз. Учётную запись можно создать и из карточки сотрудника
            в разделе «Школа».
          </Alert>
          {form.formError && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {form.formError}
            </Alert>
          )}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={close} disabled={busy}>
            Отмена
          </Button>
          <Button type="submit" variant="contained" disabled={busy}>
            Создать
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
