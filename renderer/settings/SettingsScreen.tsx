import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { Fragment, useEffect, useState } from 'react';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { api, messageOf } from '../api/client';
import { useActor } from '../app/session';
import { PageHeader } from '../components/PageHeader';
import { SettingRow, type Setting } from './SettingRow';
import { SharedFolderTab } from '../sync/SharedFolderTab';
import { DatabaseTab } from '../database/DatabaseTab';
import { MailSettingsCard } from './MailSettingsCard';

const GROUPS: { title: string; match: (key: string) => boolean }[] = [
  { title: 'Школа', match: (k) => k.startsWith('school.') },
  { title: 'Журнал и отметки', match: (k) => k.startsWith('grading.') || k.startsWith('journal.') },
  { title: 'Вход и безопасность', match: (k) => k.startsWith('session.') || k.startsWith('auth.') },
];
const OTHER = 'Прочее';

function grouped(settings: Setting[]): [string, Setting[]][] {
  const out = new Map<string, Setting[]>([...GROUPS.map((g): [string, Setting[]] => [g.title, []]), [OTHER, []]]);
  // The mail server has a card of its own (its password is not a setting).
  for (const s of settings.filter((x) => !x.key.startsWith('mail.'))) {
    const title = GROUPS.find((g) => g.match(s.key))?.title ?? OTHER;
    out.set(title, [...(out.get(title) ?? []), s]);
  }
  return [...out].filter(([, rows]) => rows.length > 0);
}

type TabId = 'main' | 'mail' | 'sync' | 'database';

function tabFromHash(): TabId {
  const tab = new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('tab');
  return tab === 'sync' || tab === 'database' || tab === 'mail' ? tab : 'main';
}

/** The school's settings, this computer's shared folder (sync between the school's computers), and where the school's database is (its move to a server). */
export function SettingsScreen() {
  const actor = useActor();
  const canEdit = actor.roles.includes('admin');
  const [tab, setTab] = useState<TabId>(tabFromHash);
  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const choose = (next: TabId) => {
    setTab(next);
    window.history.replaceState(null, '', next === 'main' ? '#/settings' : `#/settings?tab=${next}`);
  };
  return (
    <>
      <PageHeader
        title="Настройки"
        description={
          tab !== 'main'
            ? undefined
            : canEdit
              ? 'Каждая настройка сохраняется отдельно; изменения записываются в журнал изменений.'
              : 'Настройки может изменить администратор.'
        }
      />
      <Tabs value={tab} onChange={(_e, v: TabId) => choose(v)} sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}>
        <Tab value="main" label="Параметры школы" />
        <Tab value="mail" label="Почта" />
        <Tab value="sync" label="Общая папка" />
        <Tab value="database" label="База данных" />
      </Tabs>
      {tab === 'sync' ? <SharedFolderTab /> : tab === 'database' ? <DatabaseTab /> : tab === 'mail' ? <MailSettingsCard /> : <SettingsList canEdit={canEdit} />}
    </>
  );
}

/** Every school setting on one screen: the core's registry decides what there is. */
function SettingsList({ canEdit }: { canEdit: boolean }) {
  const settings = useQuery({ queryKey: ['settings.getAll'], queryFn: () => api.settings.getAll() });

  return (
    <>
      {settings.isPending && <LinearProgress />}
      {settings.isError && (
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={() => void settings.refetch()}>
              Повторить
            </Button>
          }
        >
          {messageOf(settings.error)}
        </Alert>
      )}
      {settings.data &&
        grouped(settings.data).map(([title, rows]) => (
          <Paper key={title} variant="outlined" sx={{ mb: 2.5 }}>
            <Typography variant="h6" component="h2" sx={{ px: 2, pt: 1.5, pb: 1 }}>
              {title}
            </Typography>
            <Divider />
            {rows.map((s, i) => (
              <Fragment key={s.key}>
                {i > 0 && <Divider component="div" />}
                <SettingRow key={`${s.key}:${JSON.stringify(s.value)}`} setting={s} canEdit={canEdit} />
              </Fragment>
            ))}
          </Paper>
        ))}
    </>
  );
}
