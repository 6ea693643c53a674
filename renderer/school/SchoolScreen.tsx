import { useEffect, useState, type ComponentType } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import type { Actor } from '../../main/core/api/types';
import { useActor } from '../app/session';
import { PageHeader } from '../components/PageHeader';
import { SelectField } from './kit';
import { YearProvider, useYear } from './year';
import { YearTab } from './YearTab';
import { ClassesTab } from './ClassesTab';
import { SubjectsTab } from './SubjectsTab';
import { StaffTab } from './StaffTab';
import { CurriculumTab } from './CurriculumTab';
import { LoadTab } from './LoadTab';
import { GroupsTab } from './GroupsTab';
import { StudentsTab } from '../contingent/StudentsTab';
import { MovementTab } from '../contingent/MovementTab';
import { ConsentTab } from '../contingent/ConsentTab';
import { PlansTab } from '../contingent/PlansTab';
import { ImportTab } from '../contingent/ImportTab';
import { canEditContingent, canEditSchool } from './roles';

interface TabDef {
  id: string;
  label: string;
  component: ComponentType;
  show?: (actor: Actor) => boolean;
}

/** The school's reference data, one tab per list, in the order a new school fills them in (seed 002). */
const TABS: TabDef[] = [
  { id: 'year', label: 'Год и звонки', component: YearTab },
  { id: 'classes', label: 'Классы', component: ClassesTab },
  { id: 'subjects', label: 'Предметы', component: SubjectsTab },
  { id: 'staff', label: 'Сотрудники', component: StaffTab },
  { id: 'curriculum', label: 'Учебный план', component: CurriculumTab },
  { id: 'load', label: 'Нагрузка', component: LoadTab },
  { id: 'groups', label: 'Подгруппы', component: GroupsTab },
  { id: 'students', label: 'Ученики', component: () => <StudentsTab /> },
  { id: 'movement', label: 'Движение', component: MovementTab },
  { id: 'consent', label: 'Согласия', component: ConsentTab },
  { id: 'plans', label: 'ИУП', component: PlansTab },
  { id: 'import', label: 'Загрузка', component: ImportTab, show: (a) => canEditSchool(a) || canEditContingent(a) },
];

function tabFromHash(): string | null {
  return new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('tab');
}

export function SchoolScreen() {
  return (
    <YearProvider>
      <SchoolTabs />
    </YearProvider>
  );
}

function SchoolTabs() {
  const actor = useActor();
  const { years, yearId, setYearId, loading } = useYear();
  const tabs = TABS.filter((t) => !t.show || t.show(actor));
  const fallback = canEditSchool(actor) ? 'year' : 'students';
  const [tab, setTab] = useState(() => tabFromHash() ?? fallback);
  const active = tabs.find((t) => t.id === tab) ?? tabs[0];
  useEffect(() => {
    const onHash = () => setTab(tabFromHash() ?? fallback);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [fallback]);
  const choose = (id: string) => {
    setTab(id);
    window.history.replaceState(null, '', `#/school?tab=${id}`);
  };
  const Active = active.component;
  return (
    <>
      <PageHeader
        title="Школа"
        actions={
          years.length > 0 && (
            <SelectField
              label="Учебный год"
              value={yearId ?? ''}
              onChange={(e) => setYearId(e.target.value)}
              options={years.map((y) => ({ value: y.id, label: `${y.name}${y.status === 'closed' ? ' (закрыт)' : ''}` }))}
              sx={{ width: 170 }}
              fullWidth={false}
              helperText=""
            />
          )
        }
      />
      <Tabs
        value={active.id}
        onChange={(_e, v: string) => choose(v)}
        variant="scrollable"
        scrollButtons="auto"
        sx={{ mb: 2, borderBottom: 1, borderColor: 'divider', minHeight: 40, '& .MuiTab-root': { minHeight: 40, minWidth: 0, px: 1 } }}
        aria-label="Справочники школы"
      >
        {tabs.map((t) => (
          <Tab key={t.id} value={t.id} label={t.label} />
        ))}
      </Tabs>
      {loading && <LinearProgress />}
      {!loading && !yearId && active.id !== 'year' && active.id !== 'subjects' && active.id !== 'staff' && (
        <Alert severity="info" sx={{ mb: 2 }}>
          Учебный год ещё не создан: начните с вкладки «Год и звонки».
        </Alert>
      )}
      <Box>{(!loading || active.id === 'year') && <Active />}</Box>
    </>
  );
}
