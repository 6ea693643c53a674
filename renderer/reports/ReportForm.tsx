import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import type { ResultOf } from '../../main/core/api/types';
import { DateField } from '../components/DateField';
import { dateError } from '../i18n/ru-date';
import type { CatalogEntry } from './catalog';
import type { ReportRequest } from './ReportJobDialog';

export type Options = ResultOf<'reports.options'>;

/** Everything the forms may ask; each report takes what it needs. */
export interface FormState {
  classId: string;
  scope: 'class' | 'grade' | 'school';
  gradeLevel: number;
  period: string;
  spanMode: 'period' | 'dates';
  from: string;
  to: string;
  teacherId: string;
  month: string;
}

export function initialState(o: Options): FormState {
  const today = o.today;
  const current = o.periods.find((p) => p.startDate <= today && p.endDate >= today) ?? o.periods[0];
  const lastEnded = [...o.periods].reverse().find((p) => p.endDate < today);
  return {
    classId: o.classes.find((c) => c.led)?.id ?? o.classes[0]?.id ?? '',
    scope: 'class',
    gradeLevel: o.classes[0]?.gradeLevel ?? 5,
    period: lastEnded?.id ?? current?.id ?? 'year',
    spanMode: 'period',
    from: current?.startDate ?? o.year.startDate,
    to: today < (current?.endDate ?? o.year.endDate) ? today : (current?.endDate ?? o.year.endDate),
    teacherId: o.teachers[0]?.id ?? '',
    month: today.slice(0, 7),
  };
}

/** Periods that apply to a grade (quarters in 1–9, half-years in 10–11); all of them for the school. */
export function periodsFor(o: Options, grade: number | null) {
  const list = grade === null ? o.periods : o.periods.filter((p) => p.gradeFrom <= grade && p.gradeTo >= grade);
  const ranged = new Set(o.periods.map((p) => `${p.gradeFrom}-${p.gradeTo}`)).size > 1;
  return list.map((p) => ({ id: p.id, label: ranged && grade === null ? `${p.name} (${p.gradeFrom}–${p.gradeTo} кл.)` : p.name }));
}

/** The request for the core, or a Russian reason why it cannot be made yet. */
export function requestOf(entry: CatalogEntry, s: FormState): ReportRequest | string {
  const need = (ok: unknown, why: string) => (ok ? null : why);
  const span = s.spanMode === 'dates' ? { from: s.from, to: s.to } : { period: s.period };
  // Dates are asked only by the reports with a span: a text that is no date makes no report of other dates.
  if (entry.fields.includes('span') && s.spanMode === 'dates') {
    const bad = dateError(s.from) ?? dateError(s.to);
    if (bad) return `${bad} (поля «С» и «По»)`;
    if (s.from > s.to) return 'Дата «По» раньше даты «С»';
  }
  switch (entry.kind) {
    case 'finalSheet':
      return s.scope === 'school' ? { kind: 'finalSheet' } : (need(s.classId, 'Выберите класс') ?? { kind: 'finalSheet', classId: s.classId });
    case 'performance':
      if (s.scope === 'class') return need(s.classId, 'Выберите класс') ?? { kind: 'performance', classId: s.classId, period: s.period };
      if (s.scope === 'grade') return { kind: 'performance', gradeLevel: s.gradeLevel, period: s.period };
      return { kind: 'performance', period: s.period };
    case 'journalPrintout':
      return need(s.classId, 'Выберите класс') ?? { kind: 'journalPrintout', classId: s.classId };
    case 'attendance':
      return need(s.classId, 'Выберите класс') ?? { kind: 'attendance', classId: s.classId, ...span };
    case 'unsatisfactory':
      return need(s.classId, 'Выберите класс') ?? { kind: 'unsatisfactory', classId: s.classId, ...span };
    case 'teacherPeriod':
      return need(s.teacherId, 'Выберите учителя') ?? { kind: 'teacherPeriod', staffId: s.teacherId, period: s.period };
    case 'activity':
      return { kind: 'activity', month: s.month };
  }
}

export function ReportForm({ entry, options: o, state: s, onChange }: { entry: CatalogEntry; options: Options; state: FormState; onChange(next: FormState): void }) {
  const set = (patch: Partial<FormState>) => onChange({ ...s, ...patch });
  const cls = o.classes.find((c) => c.id === s.classId);
  const grade = s.scope === 'school' ? null : s.scope === 'grade' ? s.gradeLevel : (cls?.gradeLevel ?? null);
  const periods = periodsFor(o, entry.kind === 'teacherPeriod' ? null : grade);
  const grades = [...new Set(o.classes.map((c) => c.gradeLevel))].sort((a, b) => a - b);
  const fields = entry.fields;
  const classPicker = (
    <TextField select label="Класс" value={o.classes.some((c) => c.id === s.classId) ? s.classId : ''} onChange={(e) => set({ classId: e.target.value })} sx={{ width: 130 }}>
      {o.classes.map((c) => (
        <MenuItem key={c.id} value={c.id}>
          {c.name}
        </MenuItem>
      ))}
    </TextField>
  );
  const periodPicker = (
    <TextField select label="Период" value={s.period === 'year' || periods.some((p) => p.id === s.period) ? s.period : ''} onChange={(e) => set({ period: e.target.value })} sx={{ width: 240 }}>
      {periods.map((p) => (
        <MenuItem key={p.id} value={p.id}>
          {p.label}
        </MenuItem>
      ))}
      <MenuItem value="year">Учебный год {o.year.name}</MenuItem>
    </TextField>
  );
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}>
      {fields.includes('class') && classPicker}
      {(fields.includes('classOrSchool') || fields.includes('scope')) && (
        <>
          {o.wholeSchool && (
            <ToggleButtonGroup size="small" exclusive value={s.scope} onChange={(_, v) => v && set({ scope: v })} aria-label="Охват отчёта">
              <ToggleButton value="class">Класс</ToggleButton>
              {fields.includes('scope') && <ToggleButton value="grade">Параллель</ToggleButton>}
              <ToggleButton value="school">Вся школа</ToggleButton>
            </ToggleButtonGroup>
          )}
          {(s.scope === 'class' || !o.wholeSchool) && classPicker}
          {s.scope === 'grade' && o.wholeSchool && fields.includes('scope') && (
            <TextField select label="Параллель" value={s.gradeLevel} onChange={(e) => set({ gradeLevel: Number(e.target.value) })} sx={{ width: 130 }}>
              {grades.map((g) => (
                <MenuItem key={g} value={g}>
                  {g}-е классы
                </MenuItem>
              ))}
            </TextField>
          )}
        </>
      )}
      {fields.includes('teacher') && (
        <TextField select label="Учитель" value={o.teachers.some((t) => t.id === s.teacherId) ? s.teacherId : ''} onChange={(e) => set({ teacherId: e.target.value })} sx={{ width: 240 }}>
          {o.teachers.map((t) => (
            <MenuItem key={t.id} value={t.id}>
              {t.name}
            </MenuItem>
          ))}
        </TextField>
      )}
      {fields.includes('period') && periodPicker}
      {fields.includes('span') && (
        <>
          <ToggleButtonGroup size="small" exclusive value={s.spanMode} onChange={(_, v) => v && set({ spanMode: v })} aria-label="Даты отчёта">
            <ToggleButton value="period">Период</ToggleButton>
            <ToggleButton value="dates">Даты</ToggleButton>
          </ToggleButtonGroup>
          {s.spanMode === 'period' ? (
            periodPicker
          ) : (
            <>
              <DateField label="С" value={s.from} onChange={(v) => set({ from: v })} sx={{ width: 170 }} />
              <DateField label="По" value={s.to} onChange={(v) => set({ to: v })} sx={{ width: 170 }} />
            </>
          )}
        </>
      )}
      {fields.includes('month') && (
        <TextField select label="Месяц" value={s.month} onChange={(e) => set({ month: e.target.value })} sx={{ width: 190 }}>
          {monthsOf(o.year.startDate, o.year.endDate, s.month).map((m) => (
            <MenuItem key={m.value} value={m.value}>
              {m.label}
            </MenuItem>
          ))}
        </TextField>
      )}
    </Box>
  );
}

const MONTHS = ['Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август', 'Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь'];

/** The months of the school year as «Декабрь 2026» (a browser month field would name them in the system's language), plus the chosen one. */
export function monthsOf(startDate: string, endDate: string, chosen: string): { value: string; label: string }[] {
  const values = new Set<string>();
  const ym = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
  let y = Number(startDate.slice(0, 4));
  let m = Number(startDate.slice(5, 7));
  while (ym(y, m) <= endDate.slice(0, 7)) {
    values.add(ym(y, m));
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  if (/^\d{4}-\d{2}$/.test(chosen)) values.add(chosen);
  return [...values].sort().map((v) => ({ value: v, label: `${MONTHS[Number(v.slice(5, 7)) - 1]} ${v.slice(0, 4)}` }));
}
