import { useState } from 'react';
import { DateInput } from './DateInput';
import { ReportTab } from './ReportTab';

/** Книга замены уроков for any span (FORMS.md §6). */
export function BookTab({ today }: { today: string }) {
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const valid = !!from && !!to && from <= to;
  return (
    <ReportTab
      report={{ kind: 'substitutionBook', from, to }}
      valid={valid}
      filters={
        <>
          <DateInput label="С" value={from} onChange={setFrom} sx={{ width: 150 }} helperText=" " />
          <DateInput label="По" value={to} onChange={setTo} sx={{ width: 150 }} error={!valid} helperText={valid ? ' ' : 'Конец периода раньше начала'} />
        </>
      }
    />
  );
}
