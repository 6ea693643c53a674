import { useState } from 'react';
import { DateField } from '../components/DateField';
import { isIsoDate } from '../i18n/ru-date';
import { ReportTab } from './ReportTab';

/** Книга замены уроков for any span (FORMS.md §6). */
export function BookTab({ today }: { today: string }) {
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const dates = isIsoDate(from) && isIsoDate(to);
  const valid = dates && from <= to;
  return (
    <ReportTab
      report={{ kind: 'substitutionBook', from, to }}
      valid={valid}
      filters={
        <>
          <DateField label="С" value={from} onChange={setFrom} sx={{ width: 150 }} helperText=" " />
          <DateField label="По" value={to} onChange={setTo} sx={{ width: 150 }} error={dates && !valid} helperText={dates && !valid ? 'Конец периода раньше начала' : ' '} />
        </>
      }
    />
  );
}
