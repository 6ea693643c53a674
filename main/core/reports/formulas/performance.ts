/**
 * Успеваемость, качество знаний, СОУ and the average of final marks, as the
 * Russian school systems compute them (russian_anchors.md §2.1, «Сетевой
 * город» help):
 *
 *   N            = учащиеся − освобождённые (осв.) − не получившие отметки;
 *                  «н/а» (не аттестован) is counted in N;
 *   успеваемость = («5» + «4» + «3» [+ «зач»]) / N × 100 %;
 *   качество     = («5» + «4») / N × 100 %;
 *   СОУ          = (100·n5 + 64·n4 + 36·n3 + 16·n2 + 7·nн/а) / N, in %;
 *   средний балл = (5·n5 + 4·n4 + 3·n3 + 2·n2) / (n5 + n4 + n3 + n2) — «н/а» has no value.
 *
 * Who is a student here is decided by the caller: only those on the class's
 * roll at the end of the period (or today, inside a current period) — a
 * student withdrawn before then is not counted at all.
 *
 * Pure functions: the tests work them by hand.
 */

export const FINAL_VALUES = ['5', '4', '3', '2', 'н/а', 'осв.', 'зач', 'незач'] as const;
export type FinalValue = (typeof FINAL_VALUES)[number];

/** СОУ weights by mark (В. П. Симонов). */
const SOU_WEIGHTS = { '5': 100, '4': 64, '3': 36, '2': 16, 'н/а': 7 } as const;

export interface SubjectCounts {
  n5: number;
  n4: number;
  n3: number;
  n2: number;
  /** Не аттестованы. */
  na: number;
  /** Освобождены: not in N. */
  exempt: number;
  pass: number;
  fail: number;
  /** No final mark at all: not in N. */
  missing: number;
}

export interface Rates {
  /** The denominator. */
  n: number;
  /** Percentages to one decimal, or null when they make no sense (N = 0, a pass/fail subject's quality). */
  progress: number | null;
  quality: number | null;
  sou: number | null;
  /** Two decimals. */
  average: number | null;
}

function emptyCounts(): SubjectCounts {
  return { n5: 0, n4: 0, n3: 0, n2: 0, na: 0, exempt: 0, pass: 0, fail: 0, missing: 0 };
}

function addValue(c: SubjectCounts, value: FinalValue | null): void {
  switch (value) {
    case '5':
      c.n5++;
      break;
    case '4':
      c.n4++;
      break;
    case '3':
      c.n3++;
      break;
    case '2':
      c.n2++;
      break;
    case 'н/а':
      c.na++;
      break;
    case 'осв.':
      c.exempt++;
      break;
    case 'зач':
      c.pass++;
      break;
    case 'незач':
      c.fail++;
      break;
    default:
      c.missing++;
  }
}

export function countValues(values: readonly (FinalValue | null)[]): SubjectCounts {
  const c = emptyCounts();
  for (const v of values) addValue(c, v);
  return c;
}

export function sumCounts(list: readonly SubjectCounts[]): SubjectCounts {
  const total = emptyCounts();
  for (const c of list) for (const k of Object.keys(total) as (keyof SubjectCounts)[]) total[k] += c[k];
  return total;
}

/** N: everyone with a final mark, «н/а» included, «осв.» and no mark excluded. */
export function denominator(c: SubjectCounts): number {
  return c.n5 + c.n4 + c.n3 + c.n2 + c.na + c.pass + c.fail;
}

export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 1000 + 1e-9) / 10;
}

/**
 * The rates of one subject (or of several added together). Quality, СОУ and
 * the average need five-point marks: a pass/fail subject has none of them,
 * while its успеваемость counts «зач».
 */
export function subjectRates(c: SubjectCounts, scale: 'five_point' | 'pass_fail' = 'five_point'): Rates {
  const n = denominator(c);
  const fivePointN = c.n5 + c.n4 + c.n3 + c.n2 + c.na;
  const graded = c.n5 + c.n4 + c.n3 + c.n2;
  const souPoints = SOU_WEIGHTS['5'] * c.n5 + SOU_WEIGHTS['4'] * c.n4 + SOU_WEIGHTS['3'] * c.n3 + SOU_WEIGHTS['2'] * c.n2 + SOU_WEIGHTS['н/а'] * c.na;
  const fivePoint = scale === 'five_point' && fivePointN > 0;
  return {
    n,
    progress: percent(c.n5 + c.n4 + c.n3 + c.pass, n),
    quality: fivePoint ? percent(c.n5 + c.n4, fivePointN) : null,
    sou: fivePoint ? Math.round((souPoints / fivePointN) * 10 + 1e-9) / 10 : null,
    average: fivePoint && graded > 0 ? Math.round(((5 * c.n5 + 4 * c.n4 + 3 * c.n3 + 2 * c.n2) / graded) * 100 + 1e-9) / 100 : null,
  };
}

// ---- a class: students by all their marks --------------------------------------

export interface StudentMarks {
  studentId: string;
  /** The student's final marks of the period, one per subject (null: not set). */
  marks: { subjectId: string; value: FinalValue | null }[];
}

export type StudentStanding =
  /** Only «осв.» or no marks: not counted. */
  | 'noMarks'
  | 'excellent'
  | 'good'
  | 'satisfactory'
  | 'failing'
  | 'notAttested';

export interface StudentResult {
  studentId: string;
  standing: StudentStanding;
  /** Subjects with «3» (for «с одной 3»), «4» (for «с одной 4»), «2»/«незач», «н/а». */
  threes: string[];
  fours: string[];
  fails: string[];
  notAttested: string[];
}

/**
 * A student's standing over all subjects: отличник (only «5», «зач»),
 * хорошист («4» and «5»), успевающий («3» too), неуспевающий (a «2» or
 * «незач»), не аттестован (a «н/а» and no «2»). «осв.» and unset marks are
 * left out; a student left with nothing is not counted.
 */
export function studentResult(s: StudentMarks): StudentResult {
  const r: StudentResult = { studentId: s.studentId, standing: 'noMarks', threes: [], fours: [], fails: [], notAttested: [] };
  let counted = 0;
  let fives = 0;
  for (const m of s.marks) {
    if (m.value === null || m.value === 'осв.') continue;
    counted++;
    if (m.value === '5') fives++;
    else if (m.value === '4') r.fours.push(m.subjectId);
    else if (m.value === '3') r.threes.push(m.subjectId);
    else if (m.value === '2' || m.value === 'незач') r.fails.push(m.subjectId);
    else if (m.value === 'н/а') r.notAttested.push(m.subjectId);
  }
  if (counted === 0) return r;
  if (r.fails.length > 0) r.standing = 'failing';
  else if (r.notAttested.length > 0) r.standing = 'notAttested';
  else if (r.threes.length > 0) r.standing = 'satisfactory';
  else if (r.fours.length > 0) r.standing = 'good';
  else if (fives > 0) r.standing = 'excellent';
  // Only «зач»: успевающий, but with no five-point mark neither отличник nor хорошист.
  else r.standing = 'satisfactory';
  return r;
}

export interface ClassRates {
  /** Students counted: on the roll and with at least one mark other than «осв.». */
  n: number;
  /** Успевающие, including отличники and хорошисты. */
  successful: number;
  excellent: string[];
  good: string[];
  /** Хорошисты with exactly one «4» (the rest «5»). */
  oneFour: { studentId: string; subjectId: string }[];
  /** Exactly one «3», the rest «4» and «5». */
  oneThree: { studentId: string; subjectId: string }[];
  failing: { studentId: string; subjectIds: string[] }[];
  notAttested: { studentId: string; subjectIds: string[] }[];
  noMarks: string[];
  progress: number | null;
  quality: number | null;
  /** СОУ and the average over every final mark of the counted students. */
  sou: number | null;
  average: number | null;
}

export function classRates(students: readonly StudentMarks[]): ClassRates {
  const out: ClassRates = {
    n: 0,
    successful: 0,
    excellent: [],
    good: [],
    oneFour: [],
    oneThree: [],
    failing: [],
    notAttested: [],
    noMarks: [],
    progress: null,
    quality: null,
    sou: null,
    average: null,
  };
  const all = emptyCounts();
  for (const s of students) {
    const r = studentResult(s);
    if (r.standing === 'noMarks') {
      out.noMarks.push(s.studentId);
      continue;
    }
    out.n++;
    for (const m of s.marks) addValue(all, m.value);
    if (r.standing === 'excellent' || r.standing === 'good' || r.standing === 'satisfactory') out.successful++;
    if (r.standing === 'excellent') out.excellent.push(s.studentId);
    if (r.standing === 'good') {
      out.good.push(s.studentId);
      if (r.fours.length === 1) out.oneFour.push({ studentId: s.studentId, subjectId: r.fours[0] });
    }
    if (r.standing === 'satisfactory' && r.threes.length === 1) out.oneThree.push({ studentId: s.studentId, subjectId: r.threes[0] });
    if (r.fails.length > 0) out.failing.push({ studentId: s.studentId, subjectIds: r.fails });
    if (r.notAttested.length > 0) out.notAttested.push({ studentId: s.studentId, subjectIds: r.notAttested });
  }
  out.progress = percent(out.successful, out.n);
  out.quality = percent(out.excellent.length + out.good.length, out.n);
  const marks = subjectRates(all);
  out.sou = marks.sou;
  out.average = marks.average;
  return out;
}

/**
 * A mark for a table cell: «5» … «1» are the numbers they are (a
 * spreadsheet sums and averages them); «н/а», «осв.», «зач», «4+», «н» stay text.
 */
export function markCell(value: string | null): number | string | null {
  if (value === null) return null;
  return /^[1-5]$/.test(value) ? Number(value) : value;
}

/**
 * A rate for a table cell whose column is `percent` (or `decimal`, two
 * digits): the number as printed, rounded; «—» where it makes no sense.
 */
export function rateCell(value: number | null, digits = 1): number | string {
  if (value === null) return '—';
  const f = 10 ** digits;
  return Math.round(value * f + 1e-9 * Math.sign(value)) / f;
}

/** 85.7 → «85,7»; null → «—». */
export function showRate(value: number | null, digits = 1): string {
  return value === null ? '—' : value.toFixed(digits).replace('.', ',');
}

/** The formulas as printed under a report's table. */
export const FORMULA_TEXT = [
  'N — число учащихся, получивших итоговую отметку: из списочного состава на конец периода исключены освобождённые («осв.») и не получившие отметки; не аттестованные («н/а») учитываются в N; выбывшие до конца периода не учитываются.',
  'Успеваемость = («5» + «4» + «3» + «зач») / N × 100 %.',
  'Качество знаний = («5» + «4») / N × 100 %.',
  'СОУ = (100 × n«5» + 64 × n«4» + 36 × n«3» + 16 × n«2» + 7 × n«н/а») / N, %.',
  'Средний балл = (5 × n«5» + 4 × n«4» + 3 × n«3» + 2 × n«2») / (n«5» + n«4» + n«3» + n«2»).',
  'По классу: успеваемость — доля учащихся без «2», «незач» и «н/а» по всем предметам; качество — доля отличников и хорошистов; СОУ и средний балл — по всем итоговым отметкам класса.',
];
