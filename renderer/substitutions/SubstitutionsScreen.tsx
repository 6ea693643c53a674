import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { api } from '../api/client';
import { useActor } from '../app/session';
import { PageHeader } from '../components/PageHeader';
import { BookTab } from './BookTab';
import { ChangesTab } from './ChangesTab';
import { DayTab } from './DayTab';
import { StatementTab } from './StatementTab';
import { useHashQuery } from '../journal/route';

type TabId = 'day' | 'changes' | 'book' | 'statement';

/**
 * «Замены»: the deputy's day (absences, open lessons, suggestions), the day's
 * changes for posting, the book of substituted lessons and the monthly
 * statement. The director sees the lists and reports, without changing them.
 */
export function SubstitutionsScreen() {
  const actor = useActor();
  const deputy = actor.roles.includes('deputy');
  const asked = useHashQuery().get('tab');
  // «Сегодня» links to the day's changes for printing: #/substitutions?tab=changes.
  const [tab, setTab] = useState<TabId>(() => (asked === 'changes' || asked === 'book' || asked === 'statement' ? asked : deputy ? 'day' : 'changes'));
  const [date, setDate] = useState<string | undefined>(undefined);
  // The school's today comes from the core (its clock and time zone), not from this computer.
  const today = useQuery({ queryKey: ['substitutions.changes', 'today'], queryFn: () => api.substitutions.changes({}) });
  return (
    <>
      <PageHeader
        title="Замены"
        description={
          deputy
            ? 'Отсутствия учителей, замены, объединения, отмены и переносы уроков; список замен на дату для печати, книга замен и табель для учёта часов.'
            : 'Замены на дату, книга замены уроков и табель замен за месяц.'
        }
      />
      <Tabs value={tab} onChange={(_e, v: TabId) => setTab(v)} sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}>
        {deputy && <Tab value="day" label="День" />}
        <Tab value="changes" label="Замены на дату" />
        <Tab value="book" label="Книга замен" />
        <Tab value="statement" label="Табель замен" />
      </Tabs>
      <Box>
        {tab === 'day' && deputy && <DayTab date={date} onDate={setDate} />}
        {tab === 'changes' && <ChangesTab date={date} onDate={setDate} />}
        {tab === 'book' && today.data && <BookTab today={today.data.date} />}
        {tab === 'statement' && today.data && <StatementTab today={today.data.date} />}
      </Box>
    </>
  );
}
