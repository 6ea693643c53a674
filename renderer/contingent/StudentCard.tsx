import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import type { ResultOf } from '../../main/core/api/types';
import { ApiError, api, messageOf } from '../api/client';
import { useActor } from '../app/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useNotify } from '../components/Notifier';
import { formatDate, formatDateTime } from '../i18n/format';
import { FormDialog, SelectField, useEditor, unplaced } from '../school/kit';
import { DateField } from '../components/DateField';
import { canEditContingent } from '../school/roles';
import { MovementDialog } from './MovementDialog';
import { CONSENT_LABELS, MOVEMENT_LABELS, RELATION_OPTIONS, SEX_OPTIONS } from './labels';

type AnyCard = ResultOf<'contingent.getStudent'>;
/** The full card (the class teacher, the administration, the secretary); others get the name and the class only. */
type Card = Extract<AnyCard, { view: 'full' }>;
type Guardian = Card['guardians'][number];

/** A student's card: the record, guardians, consent, movement and marks by class. */
export function StudentCard({ studentId, onClose }: { studentId: string; onClose: () => void }) {
  // Always fresh: marks and movements change on other screens and other computers.
  const card = useQuery({ queryKey: ['contingent.getStudent', studentId], queryFn: () => api.contingent.getStudent({ id: studentId }), staleTime: 0 });
  const [tab, setTab] = useState(0);
  const all = card.data;
  const data = all?.view === 'full' ? all : undefined;
  const current = all?.spans.find((s) => s.toDate === null);
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth slotProps={{ paper: { 'aria-label': `Карточка: ${all?.student.name ?? 'обучающийся'}` } }}>
      <DialogTitle sx={{ pb: 0 }}>
        {all?.student.name ?? 'Обучающийся'}
        <Typography variant="body2" color="text.secondary">
          {current ? `${current.className}, с ${formatDate(current.fromDate)}` : all ? 'сейчас не числится ни в одном классе' : ''}
          {data && ` · согласие на ПДн: ${CONSENT_LABELS[data.consent]}`}
        </Typography>
      </DialogTitle>
      {all?.view === 'reduced' ? (
        <DialogContent sx={{ minHeight: 160 }}>
          <Alert severity="info" data-testid="student-card-reduced" sx={{ mt: 2 }}>
            Личные сведения об обучающемся — адрес, телефоны, СНИЛС, сведения о родителях — видят классный руководитель его
            класса, администрация школы и секретарь. Отметки по вашему предмету — в журнале ваших уроков.
          </Alert>
        </DialogContent>
      ) : (
        <>
          <Tabs value={tab} onChange={(_e, v) => setTab(v)} sx={{ px: 2, borderBottom: 1, borderColor: 'divider' }}>
            <Tab label="Сведения" />
            <Tab label="Представители" />
            <Tab label="Согласие" />
            <Tab label="Движение" />
            <Tab label="Отметки" />
          </Tabs>
          <DialogContent sx={{ minHeight: 380 }}>
            {card.isPending && <LinearProgress />}
            {card.isError && <Alert severity="error">{messageOf(card.error)}</Alert>}
            {data && tab === 0 && <RecordForm card={data} />}
            {data && tab === 1 && <Guardians card={data} />}
            {data && tab === 2 && <Consent card={data} />}
            {data && tab === 3 && <Movements card={data} />}
            {data && tab === 4 && <Marks card={data} />}
          </DialogContent>
        </>
      )}
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>Закрыть</Button>
      </DialogActions>
    </Dialog>
  );
}

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries();
}

function RecordForm({ card }: { card: Card }) {
  const s = card.student;
  const notify = useNotify();
  const refresh = useRefresh();
  const f = useEditor({
    lastName: s.lastName,
    firstName: s.firstName,
    middleName: s.middleName ?? '',
    birthDate: s.birthDate ?? '',
    sex: s.sex ?? '',
    personalFileNo: s.personalFileNo ?? '',
    snils: s.snils ?? '',
    address: s.address ?? '',
    phone: s.phone ?? '',
    email: s.email ?? '',
    note: s.note ?? '',
  });
  const noEntry = card.consentPolicy === 'noEntry' && card.consent !== 'given';
  const save = async () => {
    if (!f.check({ lastName: !f.values.lastName.trim() && 'Введите фамилию', firstName: !f.values.firstName.trim() && 'Введите имя' })) return;
    const v = f.values;
    const r = await f.run(() =>
      api.contingent.saveStudent({
        id: s.id,
        lastName: v.lastName,
        firstName: v.firstName,
        middleName: v.middleName || null,
        birthDate: v.birthDate || null,
        sex: (v.sex || null) as 'm' | 'f' | null,
        personalFileNo: v.personalFileNo || null,
        snils: v.snils || null,
        address: v.address || null,
        phone: v.phone || null,
        email: v.email || null,
        note: v.note || null,
      }),
    );
    if (r) {
      notify.success('Сведения сохранены.');
      await refresh();
    }
  };
  const ro = !card.mayEdit;
  return (
    <Box component="form" noValidate onSubmit={(e) => (e.preventDefault(), void save())} aria-label="Сведения об обучающемся">
      {noEntry && (
        <Alert severity="info" sx={{ mb: 2 }}>
          Согласие на обработку персональных данных не получено: по настройке школы вносятся только ФИО и класс.
        </Alert>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', columnGap: 2 }}>
        <TextField {...f.text('lastName', 'Фамилия')} disabled={ro} />
        <TextField {...f.text('firstName', 'Имя')} disabled={ro} />
        <TextField {...f.text('middleName', 'Отчество')} disabled={ro} />
        <DateField {...f.date('birthDate', 'Дата рождения')} disabled={ro || noEntry} />
        <SelectField {...f.text('sex', 'Пол')} empty="не указан" options={SEX_OPTIONS} disabled={ro} />
        <TextField {...f.text('personalFileNo', '№ личного дела')} disabled={ro} />
        <TextField {...f.text('snils', 'СНИЛС', { helper: '123-456-789 01' })} disabled={ro || noEntry} />
        <TextField {...f.text('phone', 'Телефон')} disabled={ro || noEntry} />
        <TextField {...f.text('email', 'E-mail')} disabled={ro || noEntry} />
        <TextField {...f.text('address', 'Адрес')} disabled={ro || noEntry} sx={{ gridColumn: 'span 3' }} />
        <TextField {...f.text('note', 'Примечание')} disabled={ro} sx={{ gridColumn: 'span 3' }} />
      </Box>
      {f.formError && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {f.formError}
        </Alert>
      )}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          {s.dataCheckedAt ? `Данные проверены классным руководителем ${formatDateTime(s.dataCheckedAt)}` : 'Классный руководитель ещё не отмечал проверку данных.'}
        </Typography>
        {card.mayEdit && (
          <Button type="submit" variant="contained" disabled={f.busy}>
            Сохранить
          </Button>
        )}
      </Box>
    </Box>
  );
}

function Guardians({ card }: { card: Card }) {
  const [editing, setEditing] = useState<Partial<Guardian> | null>(null);
  const [removing, setRemoving] = useState<Guardian | null>(null);
  const notify = useNotify();
  const refresh = useRefresh();
  return (
    <>
      <Table size="small" aria-label="Законные представители">
        <TableHead>
          <TableRow>
            <TableCell>ФИО</TableCell>
            <TableCell>Кем приходится</TableCell>
            <TableCell>Телефон</TableCell>
            <TableCell>E-mail</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {card.guardians.map((g) => (
            <TableRow key={g.id}>
              <TableCell sx={{ fontWeight: 600 }}>
                {g.name} {g.isPrimary && <Chip size="small" label="основной контакт" variant="outlined" sx={{ ml: 1 }} />}
              </TableCell>
              <TableCell>{g.relationName}</TableCell>
              <TableCell>{g.phone ?? '—'}</TableCell>
              <TableCell>{g.email ?? '—'}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {card.mayEdit && (
                  <>
                    <IconButton size="small" aria-label={`Изменить ${g.name}`} onClick={() => setEditing(g)}>
                      <EditOutlined fontSize="small" />
                    </IconButton>
                    <IconButton size="small" aria-label={`Убрать ${g.name}`} onClick={() => setRemoving(g)}>
                      <DeleteOutline fontSize="small" />
                    </IconButton>
                  </>
                )}
              </TableCell>
            </TableRow>
          ))}
          {card.guardians.length === 0 && (
            <TableRow>
              <TableCell colSpan={5} sx={{ color: 'text.secondary' }}>
                Законные представители не указаны.
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      {card.mayEdit && (
        <Button size="small" sx={{ mt: 1 }} onClick={() => setEditing({ relation: card.guardians.some((g) => g.relation === 'mother') ? 'father' : 'mother' })}>
          Добавить представителя
        </Button>
      )}
      {editing && <GuardianDialog studentId={card.student.id} value={editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={removing !== null}
        title="Убрать представителя из карточки?"
        confirmLabel="Убрать"
        danger
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          try {
            await api.contingent.unlinkGuardian({ studentId: card.student.id, guardianId: removing!.id });
            await refresh();
          } catch (e) {
            notify.error(e);
          }
          setRemoving(null);
        }}
      >
        {removing?.name} больше не будет указан(а) у этого обучающегося. У братьев и сестёр запись сохранится.
      </ConfirmDialog>
    </>
  );
}

function GuardianDialog({ studentId, value, onClose }: { studentId: string; value: Partial<Guardian>; onClose: () => void }) {
  const refresh = useRefresh();
  const f = useEditor({
    relation: value.relation ?? 'mother',
    lastName: value.lastName ?? '',
    firstName: value.firstName ?? '',
    middleName: value.middleName ?? '',
    phone: value.phone ?? '',
    email: value.email ?? '',
    address: value.address ?? '',
    workplace: value.workplace ?? '',
    isPrimary: value.isPrimary ? 'yes' : 'no',
  });
  const save = async () => {
    if (!f.check({ lastName: !f.values.lastName.trim() && 'Введите фамилию', firstName: !f.values.firstName.trim() && 'Введите имя' })) return;
    const v = f.values;
    const r = await f.run(() =>
      api.contingent.saveGuardian({
        studentId,
        id: value.id,
        relation: v.relation as Guardian['relation'],
        isPrimary: v.isPrimary === 'yes',
        lastName: v.lastName,
        firstName: v.firstName,
        middleName: v.middleName || null,
        phone: v.phone || null,
        email: v.email || null,
        address: v.address || null,
        workplace: v.workplace || null,
      }),
    );
    if (r) {
      await refresh();
      onClose();
    }
  };
  const rest = unplaced(f.errors, ['relation', 'lastName', 'firstName', 'middleName', 'phone', 'email', 'address', 'workplace']);
  return (
    <FormDialog open maxWidth="md" title={value.id ? value.name! : 'Законный представитель'} onClose={onClose} onSubmit={save} busy={f.busy} error={f.formError ?? rest}>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', columnGap: 2 }}>
        <TextField {...f.text('lastName', 'Фамилия')} autoFocus />
        <TextField {...f.text('firstName', 'Имя')} />
        <TextField {...f.text('middleName', 'Отчество')} />
        <SelectField {...f.text('relation', 'Кем приходится')} options={RELATION_OPTIONS} />
        <TextField {...f.text('phone', 'Телефон')} />
        <TextField {...f.text('email', 'E-mail')} />
        <TextField {...f.text('address', 'Адрес')} sx={{ gridColumn: 'span 2' }} />
        <SelectField {...f.text('isPrimary', 'Основной контакт')} options={[{ value: 'yes', label: 'да' }, { value: 'no', label: 'нет' }]} />
        <TextField {...f.text('workplace', 'Место работы')} sx={{ gridColumn: 'span 3' }} />
      </Box>
    </FormDialog>
  );
}

function Consent({ card }: { card: Card }) {
  const refresh = useRefresh();
  const notify = useNotify();
  const [erase, setErase] = useState<string | null>(null);
  const f = useEditor({ status: 'given', date: '', document: '', guardianId: '' });
  const save = async (erasePersonalData = false) => {
    const ok = f.check({ date: f.values.status !== 'not_asked' && !f.values.date && 'Укажите дату заявления' });
    if (!ok) return;
    f.setFormError(null);
    try {
      const r = await api.contingent.setConsent({
        studentId: card.student.id,
        status: f.values.status as 'given',
        date: f.values.date || null,
        document: f.values.document || null,
        guardianId: f.values.guardianId || null,
        erasePersonalData,
      });
      notify.success(r.erased ? 'Записано; персональные данные удалены.' : 'Записано.');
      setErase(null);
      f.reset({ status: 'given', date: '', document: '', guardianId: '' });
      await refresh();
    } catch (e) {
      if (e instanceof ApiError && e.details?.needsErase) setErase(e.message);
      else if (e instanceof ApiError) {
        f.setErrors(e.fields);
        f.setFormError(e.message);
      } else f.setFormError(messageOf(e));
    }
  };
  return (
    <>
      <Alert severity={card.consent === 'given' ? 'success' : 'warning'} sx={{ mb: 2 }}>
        {card.consent === 'given'
          ? 'Согласие на обработку персональных данных получено.'
          : `Согласия нет (${CONSENT_LABELS[card.consent]}): сведения об обучающемся не выгружаются из программы; родители получают сведения об успеваемости на бумаге.`}
      </Alert>
      <Table size="small" aria-label="История согласий">
        <TableHead>
          <TableRow>
            <TableCell>Дата</TableCell>
            <TableCell>Состояние</TableCell>
            <TableCell>Документ</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {card.consents.map((c) => (
            <TableRow key={c.id}>
              <TableCell>{formatDate(c.date)}</TableCell>
              <TableCell>{c.statusName}</TableCell>
              <TableCell>{c.document ?? '—'}</TableCell>
            </TableRow>
          ))}
          {card.consents.length === 0 && (
            <TableRow>
              <TableCell colSpan={3} sx={{ color: 'text.secondary' }}>
                Записей нет.
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      {card.mayEdit && (
        <Box component="form" noValidate onSubmit={(e) => (e.preventDefault(), void save())} sx={{ mt: 2 }} aria-label="Записать согласие">
          <Typography variant="subtitle2" sx={{ mb: 1 }}>
            Записать заявление
          </Typography>
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 2fr 2fr', columnGap: 2 }}>
            <SelectField
              {...f.text('status', 'Состояние')}
              options={[
                { value: 'given', label: 'согласие получено' },
                { value: 'refused', label: 'отказ' },
                { value: 'not_asked', label: 'не запрашивалось' },
              ]}
            />
            <DateField {...f.date('date', 'Дата')} disabled={f.values.status === 'not_asked'} />
            <TextField {...f.text('document', 'Документ')} />
            <SelectField {...f.text('guardianId', 'Подписал(а)')} empty="не указано" options={card.guardians.map((g) => ({ value: g.id, label: g.name }))} />
          </Box>
          {f.formError && (
            <Alert severity="error" sx={{ mb: 1 }}>
              {f.formError}
            </Alert>
          )}
          <Button type="submit" variant="contained" size="small">
            Записать
          </Button>
        </Box>
      )}
      <ConfirmDialog open={erase !== null} title="Удалить персональные данные?" confirmLabel="Записать и удалить" danger onClose={() => setErase(null)} onConfirm={() => void save(true)}>
        {erase}
      </ConfirmDialog>
    </>
  );
}

function Movements({ card }: { card: Card }) {
  const actor = useActor();
  const editable = canEditContingent(actor);
  const [dialog, setDialog] = useState<'transfer' | 'withdrawal' | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const current = card.spans.find((s) => s.toDate === null);
  const last = card.movements[card.movements.length - 1];
  return (
    <>
      <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
        В каких классах учился
      </Typography>
      <Table size="small" aria-label="Классы обучающегося" sx={{ mb: 2 }}>
        <TableBody>
          {card.spans.map((s) => (
            <TableRow key={`${s.classId}|${s.fromDate}`}>
              <TableCell sx={{ fontWeight: 600, width: 80 }}>{s.className}</TableCell>
              <TableCell>
                с {formatDate(s.fromDate)} {s.toDate ? `по ${formatDate(s.toDate)}` : 'по настоящее время'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
        Приказы
      </Typography>
      <Table size="small" aria-label="Движение обучающегося">
        <TableHead>
          <TableRow>
            <TableCell>Дата</TableCell>
            <TableCell>Движение</TableCell>
            <TableCell>Откуда — куда</TableCell>
            <TableCell>Приказ</TableCell>
            <TableCell>Основание</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {card.movements.map((m) => (
            <TableRow key={m.id}>
              <TableCell>{formatDate(m.date)}</TableCell>
              <TableCell>{MOVEMENT_LABELS[m.kind]}</TableCell>
              <TableCell>{[m.fromClass, m.toClass ?? m.destination].filter(Boolean).join(' → ')}</TableCell>
              <TableCell>
                № {m.orderNo}
                {m.orderDate ? ` от ${formatDate(m.orderDate)}` : ''}
              </TableCell>
              <TableCell>{m.reason ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {editable && (
        <Box sx={{ display: 'flex', gap: 1, mt: 2 }}>
          <Button variant="contained" size="small" disabled={!current} onClick={() => setDialog('transfer')}>
            Перевести в другой класс
          </Button>
          <Button size="small" disabled={!current} onClick={() => setDialog('withdrawal')}>
            Выбытие
          </Button>
          <Box sx={{ flex: 1 }} />
          <Button size="small" color="error" disabled={!last} onClick={() => setCancelling(true)}>
            Отменить последний приказ
          </Button>
        </Box>
      )}
      {dialog && current && <MovementDialog kind={dialog} studentId={card.student.id} studentName={card.student.name} current={current} onClose={() => setDialog(null)} />}
      {cancelling && last && <CancelDialog movement={last} onClose={() => setCancelling(false)} />}
    </>
  );
}

function CancelDialog({ movement, onClose }: { movement: Card['movements'][number]; onClose: () => void }) {
  const refresh = useRefresh();
  const f = useEditor({ reason: '' });
  const save = async () => {
    if (!f.check({ reason: !f.values.reason.trim() && 'Укажите причину отмены' })) return;
    const r = await f.run(() => api.contingent.cancelMovement({ id: movement.id, reason: f.values.reason }));
    if (r !== undefined) {
      await refresh();
      onClose();
    }
  };
  return (
    <FormDialog open title="Отмена приказа" submitLabel="Отменить приказ" onClose={onClose} onSubmit={save} busy={f.busy} error={f.formError}>
      <Typography sx={{ mb: 2 }}>
        {MOVEMENT_LABELS[movement.kind]} {formatDate(movement.date)} (приказ № {movement.orderNo}) будет отменено, списки классов вернутся к прежнему виду.
      </Typography>
      <TextField {...f.text('reason', 'Причина')} autoFocus />
    </FormDialog>
  );
}

function Marks({ card }: { card: Card }) {
  if (card.marksByClass.length === 0) return <Typography color="text.secondary">Отметок пока нет.</Typography>;
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Каждая отметка остаётся на том уроке, где она поставлена: после перевода отметки прежнего класса видны на его страницах.
      </Typography>
      <Table size="small" aria-label="Отметки по классам">
        <TableHead>
          <TableRow>
            <TableCell>Класс</TableCell>
            <TableCell>Предмет</TableCell>
            <TableCell>Отметки (дата урока)</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {card.marksByClass.map((g) => (
            <TableRow key={`${g.classId}|${g.subjectId}`} data-testid={`marks-${g.className}-${g.subjectName}`}>
              <TableCell sx={{ fontWeight: 600 }}>{g.className}</TableCell>
              <TableCell>{g.subjectName}</TableCell>
              <TableCell>{g.marks.map((m) => `${m.value} (${formatDate(m.date).slice(0, 5)})`).join(', ')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
