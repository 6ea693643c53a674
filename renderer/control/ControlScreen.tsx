import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import CircularProgress from '@mui/material/CircularProgress';
import FactCheckOutlined from '@mui/icons-material/FactCheckOutlined';
import { api, messageOf } from '../api/client';
import { useActor } from '../app/session';
import { EmptyState } from '../components/EmptyState';
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
  const q = useHashQuery();
  // «Сегодня» links here to the remarks waiting for confirmation: #/control?tab=remarks&status=fixed.
  const [tab, setTab] = useState<'check' | 'remarks' | 'checks'>(() => (q.get('tab') === 'remarks' ? 'remarks' : q.get('tab') === 'checks' ? 'checks' : 'check'));
  const options = useQuery({ queryKey: ['reports.options'], queryFn: () => api.reports.options({}), enabled: roles.includes('deputy') });
  if (!roles.includes('deputy')) {
    return (
      <>
        <PageHeader title="Контроль" />
        <EmptyState icon={FactCheckOutlined} title="Проверки журналов проводит заместитель директора по УВР">
          Справки по итогам проверок заместитель директора передаёт на подпись; их можно посмотреть у него или в разделе «Отчёты».
        </EmptyState>
      </>
    );
  }
  if (options.isPending) return <CircularProgress aria-label="Загрузка" />;
  if (options.isError) return <Alert severity="error">{messageOf(options.error)}</Alert>;
  return (
    <>
      <PageHeader
        title="Контроль ведения журнала"
        description="Своевременность тем и отметок, накопляемость, посещаемость, выполнение программы, домашние задания и замены — по учителям, классам и страницам журнала."
      />
      <Tabs value={tab} onChange={(_, v) => setTab(v)} sx={{ mb: 2 }}>
        <Tab value="check" label="Проверка" />
        <Tab value="remarks" label="Замечания" />
        <Tab value="checks" label="Проверки и справки" />
      </Tabs>
      {tab === 'check' && <CheckTab options={options.data} />}
      {tab === 'remarks' && <RemarksTab initialStatus={q.get('status') === 'fixed' ? 'fixed' : ''} />}
      {tab === 'checks' && <ChecksTab />}
    </>
  );
}
