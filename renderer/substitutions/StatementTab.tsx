import { useState } from 'react';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { ReportTab } from './ReportTab';

const MONTHS = ['Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август', 'Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь'];

/** The twelve months of the school year that contains today, September to August. */
function schoolMonths(today: string): { value: string; label: string }[] {
  const [y, m] = today.split('-').map(Number);
  const start = m >= 9 ? y : y - 1;
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((8 + i) % 12) + 1;
    const year = month >= 9 ? start : start + 1;
    return { value: `${year}-${String(month).padStart(2, '0')}`, label: `${MONTHS[month - 1]} ${year}` };
  });
}

/** Табель замен for a month: per teacher and for the school (FORMS.md §6). */
export function StatementTab({ today }: { today: string }) {
  const [month, setMonth] = useState(today.slice(0, 7));
  return (
    <ReportTab
      report={{ kind: 'substitutionStatement', month }}
      valid
      filters={
        <TextField select label="Месяц" value={month} onChange={(e) => setMonth(e.target.value)} sx={{ width: 220 }} helperText=" ">
          {schoolMonths(today).map((m) => (
            <MenuItem key={m.value} value={m.value}>
              {m.label}
            </MenuItem>
          ))}
        </TextField>
      }
    />
  );
}
