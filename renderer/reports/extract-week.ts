/**
 * The week a parents' extract is for by default: the last finished school
 * week, Monday to Saturday (on a Monday the current week has nothing in it
 * yet; on Sunday the week just past is finished).
 */
export function lastFinishedWeekMonday(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday = 0 … Sunday = 6
  d.setUTCDate(d.getUTCDate() - weekday - (weekday === 6 ? 0 : 7));
  return d.toISOString().slice(0, 10);
}

/** Monday and Saturday of the school week of a date. */
export function schoolWeekOf(date: string): { from: string; to: string } {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  const from = d.toISOString().slice(0, 10);
  d.setUTCDate(d.getUTCDate() + 5);
  return { from, to: d.toISOString().slice(0, 10) };
}
