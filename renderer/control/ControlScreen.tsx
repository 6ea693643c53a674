import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import CircularProgress from '@mui/material/CircularProgress';
import { api, messageOf } from '../api/client';
import { useActor } from '../app/session';
import { PageHeader } from '../components/PageHeader';
import { CheckTab } from './CheckTab';
import { RemarksTab } from './RemarksTab';
import { ChecksTab } from './ChecksTab';
import { useHashQuery } from '../journal/route';

/**
 * «Контроль»: the deputy's checks of how the journal is kept (seed 000
 * §6.3, 003 §9) — run a check for a period and scope, drill to the lessons,
 * write remarks, follow the teachers' fixes, print the certificate.
 */
export function ControlScreen() {
  const roles = useActor().roles;
  const deputy = roles.includes('deputy');
  // The director reads the checks (the figures, the lessons behind them, the remarks and certificates) and changes nothing.
  const readOnly = !deputy;
  const q = useHashQuery();
  // «Сегодня» links here to the remarks waiting for confirmation: #/control?tab=remarks&status=fixed.
  const [tab, setTab] = useState<'check' | 'remarks' | 'checks'>(() => (q.get('tab') === 'remarks' ? 'remarks' : q.get('tab') === 'checks' ? 'checks' : 'check'));
  const options = useQuery({ queryKey: ['reports.options'], queryFn: () => api.reports.options({}) });
  if (options.isPending) return <CircularProgress aria-label="Загрузка" />;
  if (options.isError) return <Alert severity="error">{messageOf(options.error)}</Alert>;
  return (
    <>
      <PageHeader title="Контроль ведения журнала" />
      {readOnly && (
        <Alert severity="info" sx={{ mb: 1.5, py: 0 }}>
          Проверки проводит заместитель директора по УВР; вы видите их результаты, замечания учителям и справки без права изменений.
        </Alert>
      )}
      <Tabs value={tab} onChange={(_, v) => setTab(v)} sx={{ mb: 2 }}>
        <Tab value="check" label="Проверка" />
        <Tab value="remarks" label="Замечания" />
        <Tab value="checks" label="Проверки и справки" />
      </Tabs>
      {tab === 'check' && <CheckTab options={options.data} readOnly={readOnly} />}
      {tab === 'remarks' && <RemarksTab initialStatus={q.get('status') === 'fixed' ? 'fixed' : ''} readOnly={readOnly} />}
      {tab === 'checks' && <ChecksTab />}
    </>
  );
}
