import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { api } from '../api/client';
import { useActor } from '../app/session';
import { PageHeader } from '../components/PageHeader';
import { ControlWorksTab } from './ControlWorksTab';
import { PlanEditor } from './PlanEditor';
import { PlansList } from './PlansList';

type TabId = 'plans' | 'control';

/**
 * «КТП»: the calendar-thematic plans — a teacher's own, every plan for the
 * administration — with their hours against the curriculum and the
 * programme's fulfilment to date; and the control-work schedule.
 */
export function PlansScreen() {
  const actor = useActor();
  const years = useQuery({ queryKey: ['school.listYears'], queryFn: () => api.school.listYears() });
  const [tab, setTab] = useState<TabId>('plans');
  const [open, setOpen] = useState<string | null>(null);
  const yearId = years.data?.currentYearId ?? null;
  const today = years.data?.today ?? '';
  const admin = actor.roles.some((r) => r === 'deputy' || r === 'director' || r === 'admin');
  if (open && yearId) return <PlanEditor id={open} yearId={yearId} onBack={() => setOpen(null)} />;
  return (
    <>
      <PageHeader
        title="КТП"
        description={
          admin
            ? 'Календарно-тематическое планирование учителей: темы по порядку с часами, сверка с учебным планом и выполнение программы на сегодня; график контрольных работ.'
            : 'Ваше календарно-тематическое планирование: темы по порядку с часами — они сами встают в уроки журнала; выполнение программы на сегодня; график контрольных работ ваших классов.'
        }
      />
      <Tabs value={tab} onChange={(_e, v: TabId) => setTab(v)} sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}>
        <Tab value="plans" label="Планы" />
        <Tab value="control" label="График контрольных работ" />
      </Tabs>
      {/* The list asks for the current year's plans at once, not after the list of years. */}
      {tab === 'plans' && <PlansList admin={admin} onOpen={setOpen} />}
      {yearId && tab === 'control' && <ControlWorksTab yearId={yearId} today={today} />}
    </>
  );
}
