import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ResultOf } from '../../main/core/api/types';
import { formatDate } from '../i18n/format';

export type PlanSummary = ResultOf<'plans.list'>['plans'][number];

const h = (n: number) => `${n} ч`;

/**
 * Programme fulfilment on the date: «по плану 24 ч, дано 22 ч — отставание 2 ч».
 * Behind is red, ahead amber, on track green — and said in words too.
 */
export function FulfilmentChip({ f }: { f: PlanSummary['fulfilment'] }) {
  const text =
    f.state === 'behind' ? `отставание ${h(-f.difference)}` : f.state === 'ahead' ? `опережение ${h(f.difference)}` : 'по плану';
  return (
    <Tooltip title={`На ${formatDate(f.date)}: по плану ${h(f.planned)}, проведено ${h(f.given)}.`}>
      <Chip size="small" variant="outlined" color={f.state === 'behind' ? 'error' : f.state === 'ahead' ? 'warning' : 'success'} label={text} />
    </Tooltip>
  );
}

/** The plan's hours against the curriculum's for the year, in words when they differ. */
export function HoursAgainstCurriculum({ plan }: { plan: Pick<PlanSummary, 'curriculumHours' | 'fulfilment'> }) {
  const hours = plan.fulfilment.planHours;
  if (plan.curriculumHours === null) return <>{h(hours)} (предмета нет в учебном плане класса)</>;
  if (hours === plan.curriculumHours) return <>{h(hours)} — совпадает с учебным планом</>;
  const d = hours - plan.curriculumHours;
  return (
    <Typography component="span" variant="inherit" color="error.main" sx={{ fontWeight: 600 }}>
      {h(hours)} из {h(plan.curriculumHours)} по учебному плану ({d < 0 ? `не хватает ${h(-d)}` : `лишних ${h(d)}`})
    </Typography>
  );
}
