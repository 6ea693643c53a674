/**
 * Sizes of the journal grid, in pixels: dense, as UI.md asks of grids. At
 * 1366×768 the page shows about 20 lesson dates, and 12 with the lesson
 * panel open: a month of a two-hours-a-week subject either way, as a paper
 * journal shows a month per spread.
 */
export const ROW_H = 30;
export const COL_W = 36;
export const NAME_W = 196;
export const RIGHT_COLS = [
  { key: 'average', title: 'Ср.' },
  { key: 'weighted', title: 'Взв.' },
  { key: 'count', title: 'Отм.' },
  { key: 'final', title: 'Итог' },
] as const;

/**
 * What a column after the dates means, said in full where the header is
 * short: «Взв.» names the weights of the work types on this page's lessons,
 * «Отм.» the number of marks a period mark needs.
 */
export function rightColumnHint(
  key: (typeof RIGHT_COLS)[number]['key'],
  page: {
    workTypes: readonly { id: string; name: string; weight: number }[];
    lessons: readonly { workTypeIds: readonly string[] }[];
    minimumMarks: number;
    marksAllowed: boolean;
  },
): string {
  switch (key) {
    case 'average':
      return 'Средний балл: среднее арифметическое отметок за период.';
    case 'weighted': {
      const used = new Set(page.lessons.flatMap((l) => l.workTypeIds));
      const weighted = page.workTypes.filter((w) => used.has(w.id) && w.weight !== 1).sort((a, b) => b.weight - a.weight);
      const weights = weighted.map((w) => `«${w.name}» ×${String(w.weight).replace('.', ',')}`).join(', ');
      return `Средневзвешенный балл: каждая отметка считается с весом своего вида работы${weights ? ` — ${weights}, остальные ×1` : ''}.`;
    }
    case 'count':
      return page.marksAllowed ? `Число отметок за период; для итоговой отметки нужно не менее ${page.minimumMarks}.` : 'Число отметок за период.';
    case 'final':
      return 'Итоговая отметка за период.';
  }
}
export const RIGHT_COL_W = 40;
export const RIGHT_W = RIGHT_COLS.length * RIGHT_COL_W;
export const MONTH_H = 22;
export const DAY_H = 42;
export const HEADER_H = MONTH_H + DAY_H;
/** The lesson panel beside the grid, and the gap between them. */
export const PANEL_W = 280;
export const PANEL_GAP = 12;

const MONTHS = ['Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август', 'Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь'];
const WEEKDAYS = ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'];

export function monthName(date: string): string {
  return MONTHS[Number(date.slice(5, 7)) - 1];
}

export function weekdayOf(date: string): string {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
}

/** Runs of consecutive lessons in one month: the month row of the header. */
export function monthRuns(dates: readonly string[]): { month: string; start: number; count: number }[] {
  const runs: { month: string; start: number; count: number }[] = [];
  dates.forEach((d, i) => {
    const month = d.slice(0, 7);
    const last = runs[runs.length - 1];
    if (last && last.month === month) last.count++;
    else runs.push({ month, start: i, count: 1 });
  });
  return runs;
}

/**
 * The column the page opens at: the lesson asked for (from «Мои уроки»),
 * else the last lesson up to today.
 */
export function initialColumn(lessons: readonly { id: string; date: string }[], today: string, lessonId: string | null): number {
  const byId = lessonId ? lessons.findIndex((l) => l.id === lessonId) : -1;
  if (byId >= 0) return byId;
  const upToToday = lessons.filter((l) => l.date <= today).length;
  return Math.max(0, upToToday - 1);
}

/**
 * An average as the grid shows it, 4,35: marks are 1–5, so a fixed two
 * decimals with the Russian decimal comma; cheaper than Intl for hundreds of
 * rows drawn on the first paint.
 */
export function averageText(value: number): string {
  return (Math.round(value * 100 + 1e-7) / 100).toFixed(2).replace('.', ',');
}
