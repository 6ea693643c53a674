import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import PersonAddOutlined from '@mui/icons-material/PersonAddOutlined';
import { api, messageOf } from '../api/client';
import { rolesTitle } from '../app/roles';
import { useActor } from '../app/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useNotify } from '../components/Notifier';
import { PageHeader } from '../components/PageHeader';
import { countOf, formatDateTime } from '../i18n/format';
import { CreateUserDialog } from './CreateUserDialog';
import { TemporaryPasswordDialog, type IssuedPassword } from './TemporaryPasswordDialog';
import { UserStateChip, type UserDto } from './UserStateChip';

type Pending = { kind: 'disable' | 'reset'; user: UserDto };

function who(user: UserDto): string {
  return user.staffName ? `«${user.login}» (${user.staffName})` : `«${user.login}»`;
}

/** The administrator's list of accounts: create, disable, enable, reset a password. */
export function UsersScreen() {
  const me = useActor();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['users.list'], queryFn: () => api.users.list() });
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users.list'] });
  const action = useMutation({
    mutationFn: async ({ kind, user }: { kind: 'disable' | 'enable' | 'reset'; user: UserDto }) => {
      if (kind === 'disable') await api.users.disable({ id: user.id });
      else if (kind === 'enable') await api.users.enable({ id: user.id });
      else {
        const r = await api.users.resetPassword({ id: user.id });
        setIssued({ login: r.login, temporaryPassword: r.temporaryPassword, created: false });
      }
      return { kind, user };
    },
    onSuccess: ({ kind, user }) => {
      if (kind === 'disable') notify.success(`Учётная запись ${who(user)} отключена.`);
      if (kind === 'enable') notify.success(`Учётная запись ${who(user)} снова действует.`);
      setPending(null);
      void refresh();
    },
    onError: (e) => {
      setPending(null);
      notify.error(e);
    },
  });

  const shown = useMemo(() => {
    const q = filter.trim().toLocaleLowerCase('ru').replace(/ё/g, 'е');
    const list = users.data ?? [];
    if (!q) return list;
    return list.filter((u) => `${u.login} ${u.staffName ?? ''}`.toLocaleLowerCase('ru').replace(/ё/g, 'е').includes(q));
  }, [users.data, filter]);

  return (
    <>
      <PageHeader
        title="Пользователи"
        description="Учётные записи сотрудников и их роли. Новому сотруднику и после сброса пароля выдаётся временный пароль, который нужно сменить при первом входе."
        actions={
          <Button variant="contained" startIcon={<PersonAddOutlined />} onClick={() => setCreating(true)}>
            Создать учётную запись
          </Button>
        }
      />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1.5 }}>
        <TextField
          label="Поиск по логину или ФИО"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          fullWidth={false}
          sx={{ width: 320 }}
        />
        {users.data && (
          <Typography variant="body2" color="text.secondary">
            {countOf(users.data.length, ['учётная запись', 'учётные записи', 'учётных записей'])}
          </Typography>
        )}
      </Box>
      {users.isError && (
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={() => void users.refetch()}>
              Повторить
            </Button>
          }
        >
          {messageOf(users.error)}
        </Alert>
      )}
      <TableContainer component={Paper} variant="outlined">
        {users.isPending && <LinearProgress />}
        <Table aria-label="Учётные записи">
          <TableHead>
            <TableRow>
              <TableCell>Логин</TableCell>
              <TableCell>Сотрудник</TableCell>
              <TableCell>Роли</TableCell>
              <TableCell>Состояние</TableCell>
              <TableCell>Последний вход</TableCell>
              <TableCell align="right">Действия</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((u) => (
              <TableRow key={u.id} hover data-testid={`user-${u.login}`}>
                <TableCell sx={{ fontWeight: 600 }}>{u.login}</TableCell>
                <TableCell>{u.staffName ?? <Typography variant="body2" color="text.secondary">не связан</Typography>}</TableCell>
                <TableCell>{rolesTitle(u.roles)}</TableCell>
                <TableCell>
                  <UserStateChip user={u} />
                </TableCell>
                <TableCell>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'не входил(а)'}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  <Tooltip title={u.id === me.userId ? 'Собственный пароль сбросить нельзя: это делает другой администратор' : ''}>
                    <span>
                      <Button size="small" disabled={u.id === me.userId} onClick={() => setPending({ kind: 'reset', user: u })}>
                        Сбросить пароль
                      </Button>
                    </span>
                  </Tooltip>
                  {u.disabled ? (
                    <Button size="small" onClick={() => action.mutate({ kind: 'enable', user: u })}>
                      Включить
                    </Button>
                  ) : (
                    <Tooltip title={u.id === me.userId ? 'Собственную учётную запись отключить нельзя' : ''}>
                      <span>
                        <Button
                          size="small"
                          color="error"
                          disabled={u.id === me.userId}
                          onClick={() => setPending({ kind: 'disable', user: u })}
                        >
                          Отключить
                        </Button>
                      </span>
                    </Tooltip>
                  )}
                </TableCell>
              </TableRow>
            ))}
            {users.data && shown.length === 0 && (
              <TableRow>
                <TableCell colSpan={6} sx={{ py: 4, textAlign: 'center', color: 'text.secondary' }}>
                  Никого не найдено по запросу «{filter.trim()}».
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>

      <CreateUserDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(r) => {
          setCreating(false);
          setIssued({ login: r.login, temporaryPassword: r.temporaryPassword, created: true });
          void refresh();
        }}
      />
      <ConfirmDialog
        open={pending?.kind === 'disable'}
        title="Отключить учётную запись?"
        confirmLabel="Отключить"
        danger
        busy={action.isPending}
        onClose={() => setPending(null)}
        onConfirm={() => pending && action.mutate(pending)}
      >
        Пользователь {pending && who(pending.user)} больше не сможет войти, его открытые сеансы завершатся. Записи в журнале
        сохранятся. Включить учётную запись можно в любой момент.
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.kind === 'reset'}
        title="Сбросить пароль?"
        confirmLabel="Сбросить пароль"
        busy={action.isPending}
        onClose={() => setPending(null)}
        onConfirm={() => pending && action.mutate(pending)}
      >
        Для {pending && who(pending.user)} будет создан новый временный пароль; прежний перестанет действовать, открытые сеансы
        пользователя завершатся.
      </ConfirmDialog>
      <TemporaryPasswordDialog issued={issued} onClose={() => setIssued(null)} />
    </>
  );
}
