import { z } from 'zod';
import { defineReport, type ReportEnv } from '../definition';
import { A4_LANDSCAPE, A4_PORTRAIT, type ReportColumn, type ReportRow, type ReportSection, type TextRun } from '../model';
import { classesOfYear, loadClass, resolveYear } from '../data/year';
import { classRosters, onRollAt, studentName, type RosterEntry } from '../data/roster';
import { classSubjects, gradedSubjects, NO_FINAL_MARKS_IN_GRADE, type ClassSubject } from '../data/subjects';
import { gradeRules } from '../../school/grade-rules';
import { finalsOfClasses, FinalsIndex } from '../data/finals';
import { deputySigner, initialsFirst, staffById } from '../data/people';
import { periodParam, slotFor, type MarkSlot } from '../data/slots';
import {
  FORMULA_TEXT,
  classRates,
  countValues,
  rateCell,
  showRate,
  subjectRates,
  sumCounts,
  type ClassRates,
  type StudentMarks,
} from '../formulas/performance';
import { assertClassScope, assertWholeSchool } from '../scope';
import { baseModel, CLASS_TEACHER, DEPUTY } from './common';
import { shortName } from '../../shared/text';
import type { SchoolClass } from '../../db/entities/school';
import type { Staff } from '../../db/entities/staff';
import type { AcademicYear } from '../../db/entities/calendar';

/**
 * Отчёт об успеваемости (FORMS.md §3). For one class: the roll's movement, a
 * table per subject (marks 5/4/3/2, н/а, осв., успеваемость, качество, СОУ,
 * средний балл) with the class's total, the lists of отличники, хорошисты,
 * students with one «3» or one «4», неуспевающие and не аттестованные, and
 * the formulas. For a parallel or the school: the same figures per class.
 */
export const performanceParams = z.object({
  kind: z.literal('performance'),
  /** One class; without it the parallel (gradeLevel) or the whole school. */
  classId: z.string().uuid().optional(),
  gradeLevel: z.number().int().min(1).max(11).optional(),
  yearId: z.string().uuid().optional(),
  period: periodParam,
});

export const performanceReport = defineReport({
  kind: 'performance',
  title: 'Успеваемость и качество знаний',
  params: performanceParams,
  async authorize(env, p) {
    if (p.classId) await assertClassScope(env.em, env.actor, p.classId);
    else assertWholeSchool(env.actor);
  },
  async build(env, p) {
    if (p.classId) return classReport(env, await loadClass(env.em, p.classId), p.period);
    return schoolReport(env, p.yearId, p.gradeLevel, p.period);
  },
});

interface ClassFigures {
  c: SchoolClass;
  roster: RosterEntry[];
  counted: RosterEntry[];
  subjects: ClassSubject[];
  finals: FinalsIndex;
  rates: ClassRates;
  slot: MarkSlot;
}

async function figures(env: ReportEnv, year: AcademicYear, classes: SchoolClass[], period: string): Promise<ClassFigures[]> {
  const { em, today } = env;
  const ids = classes.map((c) => c.id);
  const [rosters, subjects, finals] = await Promise.all([
    classRosters(em, ids, year.startDate, year.endDate, env.use),
    classSubjects(em, ids),
    finalsOfClasses(em, ids),
  ]);
  const index = new FinalsIndex(finals);
  const out: ClassFigures[] = [];
  for (const c of classes) {
    const slot = await slotFor(em, year, c, period, today);
    const all = rosters.get(c.id) ?? [];
    const roster = all.filter((s) => s.fromDate <= slot.span.to && (s.toDate === null || s.toDate >= slot.span.from));
    // Only students on the roll on the day of counting: a student withdrawn before it is not counted.
    const counted = roster.filter((s) => onRollAt(s, slot.span.asOf));
    const graded = gradedSubjects(subjects.get(c.id) ?? [], c.gradeLevel);
    const students: StudentMarks[] = counted.map((s) => ({
      studentId: s.studentId,
      marks: graded.map((sub) => ({ subjectId: sub.subjectId, value: index.get(s.studentId, sub.subjectId, slot.slot) })),
    }));
    out.push({ c, roster, counted, subjects: graded, finals: index, rates: classRates(students), slot });
  }
  return out;
}

const COUNT_COLUMNS: ReportColumn[] = [
  { key: 'n5', title: '«5»', align: 'center', format: 'integer' },
  { key: 'n4', title: '«4»', align: 'center', format: 'integer' },
  { key: 'n3', title: '«3»', align: 'center', format: 'integer' },
  { key: 'n2', title: '«2»', align: 'center', format: 'integer' },
  { key: 'na', title: 'н/а', align: 'center', format: 'integer' },
  { key: 'ex', title: 'осв.', align: 'center', format: 'integer' },
];
export const RATE_COLUMNS: ReportColumn[] = [
  { key: 'progress', title: 'Успеваемость, %', align: 'center', format: 'percent' },
  { key: 'quality', title: 'Качество, %', align: 'center', format: 'percent' },
  { key: 'sou', title: 'СОУ, %', align: 'center', format: 'percent' },
  { key: 'avg', title: 'Средний балл', align: 'center', format: 'decimal' },
];

/** The four rates of a row, as cells of RATE_COLUMNS. */
export function rateCells(r: { progress: number | null; quality: number | null; sou: number | null; average: number | null }): (number | string)[] {
  return [rateCell(r.progress), rateCell(r.quality), rateCell(r.sou), rateCell(r.average, 2)];
}

async function classReport(env: ReportEnv, c: SchoolClass, period: string) {
  const year = await resolveYear(env.em, c.yearId, env.today);
  const [f] = await figures(env, year, [c], period);
  const staff = await staffById(env.em, [...f.subjects.flatMap((s) => s.teacherIds), ...(c.classTeacherId ? [c.classTeacherId] : [])]);
  const teacher = c.classTeacherId ? staff.get(c.classTeacherId) : undefined;
  const { span } = f.slot;
  const atStart = f.roster.filter((s) => onRollAt(s, span.from)).length;
  const arrived = f.roster.filter((s) => s.fromDate > span.from && s.fromDate <= span.asOf).length;
  const left = f.roster.filter((s) => s.toDate !== null && s.toDate >= span.from && s.toDate < span.asOf).length;
  const names = new Map(f.roster.map((s) => [s.studentId, studentName(s)]));
  const subjectName = new Map(f.subjects.map((s) => [s.subjectId, s.name]));

  const rows: ReportRow[] = f.subjects.map((sub) => {
    const k = countValues(f.counted.map((s) => f.finals.get(s.studentId, sub.subjectId, f.slot.slot)));
    const r = subjectRates(k, sub.scale === 'pass_fail' ? 'pass_fail' : 'five_point');
    const teachers = sub.teacherIds.map((id) => staff.get(id)).filter((s): s is Staff => !!s).map(shortName).join(', ');
    return {
      cells: [sub.name, teachers || '—', k.n5 + k.pass, k.n4, k.n3, k.n2 + k.fail, k.na, k.exempt, ...rateCells(r)],
    };
  });
  const all = sumCounts(f.subjects.map((sub) => countValues(f.counted.map((s) => f.finals.get(s.studentId, sub.subjectId, f.slot.slot)))));
  const rates = f.rates;
  const totals: ReportRow[] = [
    {
      cells: ['Итого по классу', '', all.n5 + all.pass, all.n4, all.n3, all.n2 + all.fail, all.na, all.exempt, ...rateCells(rates)],
    },
  ];
  const list = (title: string, items: string[]): TextRun[] => [
    { text: `${title} (${items.length}): `, bold: true },
    { text: items.length > 0 ? items.join('; ') : 'нет' },
    { text: '\n' },
  ];
  const withSubjects = (entries: { studentId: string; subjectIds: string[] }[]) =>
    entries.map((e) => `${names.get(e.studentId)} (${e.subjectIds.map((id) => subjectName.get(id)).join(', ')})`);
  const lists: TextRun[] = [
    ...list('Отличники', rates.excellent.map((id) => names.get(id)!)),
    ...list('Хорошисты', rates.good.map((id) => names.get(id)!)),
    ...list('С одной «4»', rates.oneFour.map((e) => `${names.get(e.studentId)} (${subjectName.get(e.subjectId)})`)),
    ...list('С одной «3»', rates.oneThree.map((e) => `${names.get(e.studentId)} (${subjectName.get(e.subjectId)})`)),
    ...list('Неуспевающие', withSubjects(rates.failing)),
    ...list('Не аттестованы', withSubjects(rates.notAttested)),
  ];
  if (rates.noMarks.length > 0) lists.push(...list('Без итоговых отметок (не учтены)', rates.noMarks.map((id) => names.get(id)!)));

  const section: ReportSection = {
    blocks: [
      {
        kind: 'table',
        caption: 'Итоги по предметам',
        columns: [{ key: 'subject', title: 'Предмет', grow: true, rowHeading: true }, { key: 'teacher', title: 'Учитель' }, ...COUNT_COLUMNS, ...RATE_COLUMNS],
        rows,
        totals,
        emptyText: gradeRules(c.gradeLevel).marks ? 'У класса нет предметов с итоговыми отметками.' : NO_FINAL_MARKS_IN_GRADE,
      },
      {
        kind: 'text',
        size: 10,
        runs: [
          { text: `Учащихся с отметками (N): ${rates.n}; успевающих: ${rates.successful}; успеваемость ${showRate(rates.progress)} %, качество знаний ${showRate(rates.quality)} %, СОУ ${showRate(rates.sou)} %, средний балл ${showRate(rates.average, 2)}.\n`, bold: true },
        ],
      },
      { kind: 'text', size: 10, runs: lists },
      { kind: 'text', size: 8, text: `Формулы расчёта:\n${FORMULA_TEXT.join('\n')}` },
      {
        kind: 'signatures',
        lines: [
          { position: CLASS_TEACHER, name: teacher ? initialsFirst(teacher) : '' },
          { position: DEPUTY, name: await deputySigner(env.em, env.actor) },
        ],
      },
    ],
  };
  return baseModel(env, {
    kind: 'performance',
    title: `Отчёт об успеваемости ${c.name} класса`,
    subtitle: `${span.label}${f.slot.period ? `, ${year.name} учебный год` : ''}`,
    page: A4_LANDSCAPE,
    fields: [
      { label: 'Класс', value: c.name },
      { label: 'Классный руководитель', value: teacher ? shortName(teacher) : 'не назначен' },
      { label: 'На начало периода', value: String(atStart) },
      { label: 'Прибыло', value: String(arrived) },
      { label: 'Выбыло', value: String(left) },
      { label: 'На конец периода', value: String(f.counted.length) },
    ],
    sections: [section],
    fileName: `Успеваемость ${c.name} ${span.label}`,
  });
}

async function schoolReport(env: ReportEnv, yearId: string | undefined, gradeLevel: number | undefined, period: string) {
  const year = await resolveYear(env.em, yearId, env.today);
  let classes = await classesOfYear(env.em, year.id);
  if (gradeLevel) classes = classes.filter((c) => c.gradeLevel === gradeLevel);
  classes = classes.filter((c) => gradeRules(c.gradeLevel).marks);
  // A period applies to some grades only (quarters, half-years): the others are left out.
  const periodApplies = async (c: SchoolClass) => {
    try {
      await slotFor(env.em, year, c, period, env.today);
      return true;
    } catch {
      return false;
    }
  };
  const applicable: SchoolClass[] = [];
  for (const c of classes) if (await periodApplies(c)) applicable.push(c);
  const all = await figures(env, year, applicable, period);
  const staff = await staffById(env.em, applicable.map((c) => c.classTeacherId).filter((s): s is string => !!s));
  const rows: ReportRow[] = all.map((f) => {
    const r = f.rates;
    const t = f.c.classTeacherId ? staff.get(f.c.classTeacherId) : undefined;
    return {
      cells: [f.c.name, t ? shortName(t) : '—', f.counted.length, r.n, r.excellent.length, r.good.length, r.oneThree.length, r.failing.length, r.notAttested.length, ...rateCells(r)],
      ref: { kind: 'class', id: f.c.id },
    };
  });
  // The school's total is worked from all its students, not averaged over classes.
  const sum = (pick: (r: ClassRates) => number) => all.reduce((s, f) => s + pick(f.rates), 0);
  const n = sum((r) => r.n);
  const successful = sum((r) => r.successful);
  const quality = sum((r) => r.excellent.length + r.good.length);
  const marks = sumCounts(
    all.flatMap((f) => f.subjects.map((sub) => countValues(f.counted.map((s) => f.finals.get(s.studentId, sub.subjectId, f.slot.slot))))),
  );
  const total = subjectRates(marks);
  const pct = (a: number) => (n > 0 ? Math.round((a / n) * 1000 + 1e-9) / 10 : null);
  const label = period === 'year' ? `${year.name} учебный год` : (all[0]?.slot.span.label ?? '');
  return baseModel(env, {
    kind: 'performance',
    title: gradeLevel ? `Успеваемость и качество знаний: ${gradeLevel}-е классы` : 'Успеваемость и качество знаний по школе',
    subtitle: period === 'year' ? label : `${label}, ${year.name} учебный год`,
    page: A4_PORTRAIT,
    sections: [
      {
        blocks: [
          {
            kind: 'table',
            columns: [
              { key: 'class', title: 'Класс', noWrap: true, rowHeading: true },
              { key: 'teacher', title: 'Классный руководитель', grow: true },
              { key: 'roll', title: 'Учащихся', align: 'center', format: 'integer' },
              { key: 'n', title: 'С отметками (N)', align: 'center', format: 'integer' },
              { key: 'ex', title: 'Отличники', align: 'center', format: 'integer' },
              { key: 'good', title: 'Хорошисты', align: 'center', format: 'integer' },
              { key: 'one3', title: 'С одной «3»', align: 'center', format: 'integer' },
              { key: 'fail', title: 'Неуспевающие', align: 'center', format: 'integer' },
              { key: 'na', title: 'Не аттестованы', align: 'center', format: 'integer' },
              ...RATE_COLUMNS,
            ],
            rows,
            totals: [
              {
                cells: ['Итого', '', all.reduce((s, f) => s + f.counted.length, 0), n, sum((r) => r.excellent.length), sum((r) => r.good.length), sum((r) => r.oneThree.length), sum((r) => r.failing.length), sum((r) => r.notAttested.length), ...rateCells({ progress: pct(successful), quality: pct(quality), sou: total.sou, average: total.average })],
              },
            ],
            fontSize: 8.5,
            emptyText: 'Нет классов, к которым относится выбранный период.',
          },
          { kind: 'text', size: 8, text: `Формулы расчёта:\n${FORMULA_TEXT.join('\n')}` },
        ],
      },
    ],
    signatures: [{ position: DEPUTY, name: await deputySigner(env.em, env.actor) }],
    fileName: `Успеваемость ${gradeLevel ? `${gradeLevel}-е классы` : 'школа'} ${label}`,
  });
}
