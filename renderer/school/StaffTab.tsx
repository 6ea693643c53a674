import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import PersonAddOutlined from '@mui/icons-material/PersonAddOutlined';
import type { ResultOf, Role } from '../../main/core/api/types';
import { api } from '../api/client';
import { ROLE_ORDER, ROLE_TITLES, rolesTitle } from '../app/roles';
import { useActor } from '../app/session';
import { formatDate } from '../i18n/format';
import { TemporaryPasswordDialog, type IssuedPassword } from '../users/TemporaryPasswordDialog';
import { Card, FormDialog, useEditor } from './kit';
import { DateField } from '../components/DateField';
import { canEditSchool } from './roles';
import { useRemove } from './useRemove';

type Staff = ResultOf<'school.listStaff'>[number];

export function StaffTab() {
  const actor = useActor();
  const editable = canEditSchool(actor);
  const isAdmin = actor.roles.includes('admin');
  const qc = useQueryClient();
  const [includeLeft, setIncludeLeft] = useState(false);
  const staff = useQuery({ queryKey: ['school.listStaff', includeLeft], queryFn: () => api.school.listStaff({ includeLeft }) });
  const subjects = useQuery({ queryKey: ['school.subjects'], queryFn: () => api.school.subjects() });
  const [editing, setEditing] = useState<Partial<Staff> | null>(null);
  const [account, setAccount] = useState<Staff | null>(null);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const remove = useRemove();
  const subjectName = (id: string) => subjects.data?.subjects.find((s) => s.id === id)?.shortName ?? '';

  return (
    <>
      <Card
        title="Сотрудники"
        subtitle="Предметы сотрудника — те, которые он может вести: по ним подбираются замены."
        actions={
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
            <FormControlLabel control={<Checkbox size="small" checked={includeLeft} onChange={(e) => setIncludeLeft(e.target.checked)} />} label="Показать уволенных" />
            {editable && (
              <Button size="small" variant="contained" startIcon={<AddOutlined />} onClick={() => setEditing({ subjectIds: [] })}>
                Добавить сотрудника
              </Button>
            )}
          </Box>
        }
      >
        {staff.isPending && <LinearProgress />}
        <Table aria-label="Сотрудники">
          <TableHead>
            <TableRow>
              <TableCell>ФИО</TableCell>
              <TableCell>Должность</TableCell>
              <TableCell>Предметы</TableCell>
              <TableCell>Кл. руководство</TableCell>
              <TableCell>Учётная запись</TableCell>
              <TableCell align="right" />
            </TableRow>
          </TableHead>
          <TableBody>
            {(staff.data ?? []).map((s) => (
              <TableRow key={s.id} hover data-testid={`staff-${s.lastName}`}>
                <TableCell sx={{ fontWeight: 600 }}>
                  {s.fullName}
                  {s.leftOn && (
                    <Typography variant="body2" color="text.secondary">
                      уволен(а) {formatDate(s.leftOn)}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{s.position}</TableCell>
                <TableCell>{s.subjectIds.map(subjectName).join(', ') || '—'}</TableCell>
                <TableCell>{s.classNames.join(', ') || '—'}</TableCell>
                <TableCell>
                  {s.login ? (
                    <>
                      {s.login}
                      <Typography variant="body2" color="text.secondary">
                        {rolesTitle(s.roles)}
                        {s.accountDisabled ? ' · отключена' : ''}
                      </Typography>
                    </>
                  ) : isAdmin ? (
                    <Button size="small" startIcon={<PersonAddOutlined />} onClick={() => setAccount(s)}>
                      Создать
                    </Button>
                  ) : (
                    '—'
                  )}
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {editable && (
                    <>
                      <IconButton size="small" aria-label={`Изменить ${s.shortName}`} onClick={() => setEditing(s)}>
                        <EditOutlined fontSize="small" />
                      </IconButton>
                      <IconButton size="small" aria-label={`Удалить ${s.shortName}`} onClick={() => remove.ask(`сотрудник ${s.fullName}`, () => api.school.removeStaff({ id: s.id }))}>
                        <DeleteOutline fontSize="small" />
                      </IconButton>
                    </>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      {editing && <StaffDialog value={editing} subjects={subjects.data?.subjects ?? []} onClose={() => setEditing(null)} />}
      {account && (
        <AccountDialog
          staff={account}
          onClose={() => setAccount(null)}
          onCreated={(r) => {
            setAccount(null);
            setIssued({ login: r.login, temporaryPassword: r.temporaryPassword, created: true });
            void qc.invalidateQueries();
          }}
        />
      )}
      <TemporaryPasswordDialog issued={issued} onClose={() => setIssued(null)} />
      {remove.dialog}
    </>
  );
}

function StaffDialog({ value, subjects, onClose }: { value: Partial<Staff>; subjects: ResultOf<'school.subjects'>['subjects']; onClose: () => void }) {
  const qc = useQueryClient();
  const f = useEditor({
    lastName: value.lastName ?? '',
    firstName: value.firstName ?? '',
    middleName: value.middleName ?? '',
    position: value.position ?? '',
    phone: value.phone ?? '',
    email: value.email ?? '',
    hiredOn: value.hiredOn ?? '',
    leftOn: value.leftOn ?? '',
    subjectIds: value.subjectIds ?? [],
  });
  const save = async () => {
    const ok = f.check({
      lastName: !f.values.lastName.trim() && 'Введите фамилию',
      firstName: !f.values.firstName.trim() && 'Введите имя',
      position: !f.values.position.trim() && 'Укажите должность, например «Учитель математики»',
      leftOn: f.values.hiredOn && f.values.leftOn && f.values.leftOn < f.values.hiredOn && 'Дата увольнения не может быть раньше даты приёма',
    });
    if (!ok) return;
    const r = await f.run(() =>
      api.school.saveStaff({
        id: value.id,
        lastName: f.values.lastName,
        firstName: f.values.firstName,
        middleName: f.values.middleName || null,
        position: f.values.position,
        phone: f.values.phone || null,
        email: f.values.email || null,
        hiredOn: f.values.hiredOn || null,
        leftOn: f.values.leftOn || null,
        maxLessonsPerDay: value.maxLessonsPerDay ?? null,
        note: value.note ?? null,
        subjectIds: f.values.subjectIds,
      }),
    );
    if (r) {
      await qc.invalidateQueries();
      onClose();
    }
  };
  const toggle = (id: string) => f.set('subjectIds', f.values.subjectIds.includes(id) ? f.values.subjectIds.filter((x) => x !== id) : [...f.values.subjectIds, id]);
  return (
    <FormDialog open maxWidth="md" title={value.id ? value.fullName! : 'Новый сотрудник'} onClose={onClose} onSubmit={save} busy={f.busy} error={f.formError}>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', columnGap: 2 }}>
        <TextField {...f.text('lastName', 'Фамилия')} autoFocus />
        <TextField {...f.text('firstName', 'Имя')} />
        <TextField {...f.text('middleName', 'Отчество')} />
        <TextField {...f.text('position', 'Должность')} sx={{ gridColumn: 'span 3' }} />
        <TextField {...f.text('phone', 'Телефон')} />
        <TextField {...f.text('email', 'E-mail')} />
        <Box />
        <DateField {...f.date('hiredOn', 'Дата приёма')} />
        <DateField {...f.date('leftOn', 'Дата увольнения')} />
      </Box>
      <FormLabel component="legend">Преподаваемые предметы</FormLabel>
      <FormGroup row aria-label="Преподаваемые предметы">
        {subjects.map((s) => (
          <FormControlLabel key={s.id} control={<Checkbox size="small" checked={f.values.subjectIds.includes(s.id)} onChange={() => toggle(s.id)} />} label={s.name} />
        ))}
      </FormGroup>
      {f.errors.subjectIds && <FormHelperText error>{f.errors.subjectIds}</FormHelperText>}
    </FormDialog>
  );
}

/** An account for a staff member, linked to their record; the temporary password is shown once and can be printed. */
function AccountDialog({ staff, onClose, onCreated }: { staff: Staff; onClose: () => void; onCreated: (r: ResultOf<'users.create'>) => void }) {
  const f = useEditor({ login: suggestLogin(staff) });
  const [roles, setRoles] = useState<Role[]>(['teacher']);
  const save = async () => {
    const ok = f.check({
      login: !/^[a-zA-Z0-9._-]{3,}$/.test(f.values.login.trim()) && 'Латинские буквы, цифры, точка, дефис; не короче 3 символов',
      roles: roles.length === 0 && 'Отметьте хотя бы одну роль',
    });
    if (!ok) return;
    const r = await f.run(() => api.users.create({ login: f.values.login.trim(), staffId: staff.id, roles }));
    if (r) onCreated(r);
  };
  return (
    <FormDialog open title={`Учётная запись: ${staff.fullName}`} onClose={onClose} onSubmit={save} busy={f.busy} error={f.formError} submitLabel="Создать">
      <TextField {...f.text('login', 'Логин')} autoFocus />
      <FormGroup row aria-label="Роли">
        {ROLE_ORDER.map((role) => (
          <FormControlLabel
            key={role}
            control={<Checkbox size="small" checked={roles.includes(role)} onChange={() => setRoles((rs) => (rs.includes(role) ? rs.filter((r) => r !== role) : [...rs, role]))} />}
            label={ROLE_TITLES[role]}
          />
        ))}
      </FormGroup>
      <FormHelperText error={Boolean(f.errors.roles)}>{f.errors.roles ?? 'Классный руководитель определяется по классу, роль для него не нужна.'}</FormHelperText>
    </FormDialog>
  );
}

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
const latin = (s: string) => [...s.toLowerCase()].map((c) => TRANSLIT[c] ?? (/[a-z0-9]/.test(c) ? c : '')).join('');

/** «Иванова Анна Петровна» → «ivanova.ap», as the school's logins are made. */
export function suggestLogin(s: { lastName: string; firstName: string; middleName: string | null }): string {
  return `${latin(s.lastName)}.${latin(s.firstName).slice(0, 1)}${latin(s.middleName ?? '').slice(0, 1)}`;
}
