import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import CalendarMonthOutlined from '@mui/icons-material/CalendarMonthOutlined';
import { api } from '../api/client';
import { useActor } from '../app/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { useNotify } from '../components/Notifier';
import { formatDate, formatDateTime } from '../i18n/format';
import { SelectField } from '../school/kit';
import { ConflictsTab } from './ConflictsTab';
import { ActivateDialog, ApplyDialog, CreateDialog, regenerationText } from './dialogs';
import { GridTab } from './GridTab';
import { HoursTab } from './HoursTab';
import { ImportDialog } from './ImportDialog';
import { PrintDialog } from './PrintDialog';
import { ReconcileTab } from './ReconcileTab';
import type { Slot } from './WeekGrid';
import type { ViewKind } from './model';

type TabId = 'grid' | 'conflicts' | 'hours' | 'reconcile';
type DialogId = 'create' | 'activate' | 'deactivate' | 'remove' | 'apply' | 'import' | 'print';
const KEY = 'kz.timetable.id';

/**
 * «Расписание»: the timetables of the year (one in force from each start
 * date, drafts being prepared), the week editor by class, teacher and room,
 * the conflicts, the hours against the curriculum and the load, and the
 * lessons to reconcile after a change. The director sees it all, changes nothing.
 */
export function TimetableScreen() {
  const actor = useActor();
  const editable = actor.roles.includes('deputy');
  const qc = useQueryClient();
  const notify = useNotify();
  const list = useQuery({ queryKey: ['timetable.list'], queryFn: () => api.timetable.list({}) });
  const [chosen, setChosen] = useState<string | null>(() => window.localStorage.getItem(KEY));
  const timetables = list.data?.timetables ?? [];
  const today = list.data?.today ?? '';
  const inForce = [...timetables].filter((t) => t.status === 'active' && t.validFrom <= today).sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
  const id = timetables.some((t) => t.id === chosen) ? chosen : (inForce?.id ?? timetables[0]?.id ?? null);
  useEffect(() => {
    if (id) window.localStorage.setItem(KEY, id);
  }, [id]);
  const current = timetables.find((t) => t.id === id) ?? null;
  // The timetable last worked on is read at once, beside the list, rather than after it (a new one, or one since removed, waits for the list).
  const wanted = list.data ? id : chosen;
  const data = useQuery({ queryKey: ['timetable.get', wanted], queryFn: () => api.timetable.get({ id: wanted! }), enabled: !!wanted });
  const [tab, setTab] = useState<TabId>('grid');
  const [dialog, setDialog] = useState<DialogId | null>(null);
  const [focusOn, setFocusOn] = useState<{ view: ViewKind; id: string; slot: Slot } | null>(null);
  const yearId = list.data?.yearId ?? null;

  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['timetable.list'] });
    await qc.invalidateQueries({ queryKey: ['timetable.get'] });
    await qc.invalidateQueries({ queryKey: ['lessons.reconciliation'] });
  };
  const open = (newId: string) => {
    setChosen(newId);
    setDialog(null);
    setTab('grid');
    void refresh();
  };

  const status = current
    ? current.status === 'active'
      ? `Действует с ${formatDate(current.validFrom)}${current.validTo ? ` по ${formatDate(current.validTo)}` : ''}`
      : `Черновик, начало ${formatDate(current.validFrom)}`
    : '';
  return (
    <>
      <PageHeader
        title="Расписание"
        description="Недельное расписание классов, учителей и кабинетов с проверкой конфликтов; расписание действует с выбранной даты, и по нему формируются уроки журнала с учётом каникул и праздников."
        actions={
          <>
            {current && (
              <Button variant="outlined" onClick={() => setDialog('print')}>
                Печать и Excel…
              </Button>
            )}
            {editable && yearId && (
              <>
                <Button variant="outlined" onClick={() => setDialog('import')}>
                  Импорт…
                </Button>
                <Button variant="contained" onClick={() => setDialog('create')}>
                  Новое расписание
                </Button>
              </>
            )}
          </>
        }
      />
      {list.data && timetables.length === 0 && (
        <EmptyState icon={CalendarMonthOutlined} title="Расписания ещё нет">
          {editable
            ? 'Создайте расписание и расставьте уроки по дням и номерам или импортируйте его из aSc TimeTables или FET. Затем введите его в действие — и уроки журнала сформируются на весь учебный год.'
            : 'Расписание составляет заместитель директора по УВР.'}
        </EmptyState>
      )}
      {current && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 1.5, flexWrap: 'wrap' }}>
          <Box sx={{ width: 400 }}>
            <SelectField
              label="Расписание"
              value={id ?? ''}
              onChange={(e) => setChosen(e.target.value)}
              options={timetables.map((t) => ({ value: t.id, label: `${t.name} — ${t.status === 'active' ? `с ${formatDate(t.validFrom)}` : 'черновик'}` }))}
              helperText=""
              sx={{ mb: 0 }}
            />
          </Box>
          <Chip color={current.status === 'active' ? 'success' : 'default'} variant={current.status === 'active' ? 'filled' : 'outlined'} label={status} />
          {current.cycleWeeks === 2 && <Chip variant="outlined" label="Недели А и Б" />}
          <Box sx={{ flex: 1 }} />
          {editable && current.status !== 'active' && (
            <>
              <Button onClick={() => setDialog('remove')} color="error">
                Удалить черновик
              </Button>
              <Button variant="contained" color="success" onClick={() => setDialog('activate')}>
                Ввести в действие…
              </Button>
            </>
          )}
          {editable && current.status === 'active' && (
            <Button onClick={() => setDialog('deactivate')}>Вывести из действия</Button>
          )}
        </Box>
      )}
      {editable && data.data?.pendingSince && (
        <Alert
          severity="warning"
          sx={{ mb: 1.5 }}
          action={
            <Button color="inherit" onClick={() => setDialog('apply')}>
              Применить к урокам…
            </Button>
          }
        >
          Расписание изменено {formatDateTime(data.data.pendingSince)}, а уроки журнала ещё идут по прежнему. Примените изменения к урокам с нужной даты.
        </Alert>
      )}
      {current && data.data && (
        <>
          <Tabs value={tab} onChange={(_e, v: TabId) => setTab(v)} sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}>
            <Tab value="grid" label="Неделя" />
            <Tab value="conflicts" label={`Конфликты${data.data.conflicts.length ? ` (${data.data.conflicts.length})` : ''}`} />
            <Tab value="hours" label="Часы по плану и нагрузке" />
            <Tab value="reconcile" label="Сверка уроков" />
          </Tabs>
          {tab === 'grid' && <GridTab key={data.data.timetable.id} data={data.data} editable={editable} focusOn={focusOn} />}
          {tab === 'conflicts' && (
            <ConflictsTab
              data={data.data}
              onShow={(target) => {
                setFocusOn(target);
                setTab('grid');
              }}
            />
          )}
          {tab === 'hours' && <HoursTab data={data.data} />}
          {tab === 'reconcile' && yearId && <ReconcileTab yearId={yearId} editable={editable} />}
        </>
      )}
      {dialog === 'create' && yearId && <CreateDialog yearId={yearId} timetables={timetables} onClose={() => setDialog(null)} onCreated={open} />}
      {dialog === 'import' && yearId && <ImportDialog yearId={yearId} defaultFrom={today} onClose={() => setDialog(null)} onImported={open} />}
      {dialog === 'activate' && current && <ActivateDialog id={current.id} name={current.name} validFrom={current.validFrom} onClose={() => setDialog(null)} onDone={() => open(current.id)} />}
      {dialog === 'apply' && yearId && <ApplyDialog yearId={yearId} today={today} onClose={() => setDialog(null)} onDone={() => open(id!)} />}
      {dialog === 'print' && data.data && <PrintDialog data={data.data} onClose={() => setDialog(null)} />}
      <ConfirmDialog
        open={dialog === 'deactivate' || dialog === 'remove'}
        title={dialog === 'remove' ? 'Удалить черновик расписания?' : 'Вывести расписание из действия?'}
        confirmLabel={dialog === 'remove' ? 'Удалить' : 'Вывести из действия'}
        danger
        onClose={() => setDialog(null)}
        onConfirm={() => {
          const which = dialog;
          setDialog(null);
          if (!current) return;
          const work =
            which === 'remove'
              ? api.timetable.remove({ id: current.id }).then(() => notify.success(`Черновик «${current.name}» удалён`))
              : api.timetable.deactivate({ id: current.id }).then((r) => notify.success(r.lessons ? regenerationText(r.lessons) : 'Расписание выведено из действия'));
          void work.then(refresh).catch(notify.error);
        }}
      >
        {dialog === 'remove'
          ? `Черновик «${current?.name}» и все его уроки будут удалены. Уроки журнала не затрагиваются.`
          : `Уроки журнала с ${current ? formatDate(current.validFrom) : ''} будут сформированы по остальным действующим расписаниям. Уроки с записями не удаляются.`}
      </ConfirmDialog>
    </>
  );
}
