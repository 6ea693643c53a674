import type { ReadableDb } from '../../db/readable';
import { z } from 'zod';
import { defineReport, type ReportEnv } from '../definition';
import { A4_LANDSCAPE, type ReportColumn, type ReportRow, type ReportSection, type TableBlock } from '../model';
import { classesOfYear, loadClass, periodShort, periodsForGrade, resolveYear } from '../data/year';
import { classRosters, movedWord, onRollAt, studentName, type RosterEntry } from '../data/roster';
import { classSubjects, gradedSubjects, NO_FINAL_MARKS_IN_GRADE, type ClassSubject } from '../data/subjects';
import { gradeRules } from '../../school/grade-rules';
import { finalsOfClasses, FinalsIndex } from '../data/finals';
import { absencesOfClasses, type AbsenceRow } from '../data/absences';
import { deputySigner, initialsFirst, staffById } from '../data/people';
import { classRates, countValues, markCell, showRate, type FinalValue, type StudentMarks } from '../formulas/performance';
import { assertClassScope, assertWholeSchool } from '../scope';
import { baseModel, CLASS_TEACHER, DEPUTY } from './common';
import { PromotionDecisionEntity, PromotionOrderEntity } from '../../db/entities/operations';
import type { SchoolClass } from '../../db/entities/school';
import type { StudyPeriod, AcademicYear } from '../../db/entities/calendar';
import type { Staff } from '../../db/entities/staff';
import { ruDate } from '../../shared/dates';

/**
 * Сводная ведомость учёта успеваемости (FORMS.md §2), kept 25 years: per
 * class, every student with a row per period, the year, and for graduating
 * grades the exam and the final mark; a column per subject headed
 * vertically; missed lessons; the decision of the pedagogical council. Under
 * the table the counts per subject and the class's успеваемость and качество.
 */
export const finalSheetParams = z.object({
  kind: z.literal('finalSheet'),
  /** One class; without it, every class of the year (the school's archive). */
  classId: z.string().uuid().optional(),
  yearId: z.string().uuid().optional(),
});

export const finalSheetReport = defineReport({
  kind: 'finalSheet',
  title: 'Сводная ведомость итоговых отметок',
  schoolRecord: true,
  params: finalSheetParams,
  async authorize(env, p) {
    if (p.classId) await assertClassScope(env.em, env.actor, p.classId);
    else assertWholeSchool(env.actor);
  },
  async build(env, p) {
    const one = p.classId ? await loadClass(env.em, p.classId) : null;
    const year = await resolveYear(env.em, one?.yearId ?? p.yearId, env.today);
    const classes = one ? [one] : await classesOfYear(env.em, year.id);
    const data = await loadSheetData(env, year, classes);
    const deputy = await deputySigner(env.em, env.actor);
    // One class: the form's title names it already, so the section's own heading would only take a row of students' room.
    const sections = classes.map((c) => classSection(c, year, data, deputy, env.today)).map((sec) => (one ? { ...sec, title: undefined } : sec));
    const title = 'Сводная ведомость учёта успеваемости обучающихся';
    return baseModel(env, {
      kind: 'finalSheet',
      title: one ? `${title} ${one.name} класса` : title,
      subtitle: `${year.name} учебный год`,
      page: A4_LANDSCAPE,
      fields: one ? [] : [{ label: 'Классов', value: String(classes.length) }],
      sections,
      fileName: `Сводная ведомость ${one ? one.name : 'школы'} ${year.name}`,
    });
  },
});

interface SheetData {
  rosters: Map<string, RosterEntry[]>;
  subjects: Map<string, ClassSubject[]>;
  finals: FinalsIndex;
  absences: Map<string, AbsenceRow[]>;
  periods: Map<number, StudyPeriod[]>;
  decisions: Map<string, string>;
  teachers: Map<string, Staff>;
}

/** The summary sheet of one class as a section of another document (the journal printout). */
export async function finalSheetSection(env: ReportEnv, year: AcademicYear, c: SchoolClass): Promise<ReportSection> {
  const data = await loadSheetData(env, year, [c]);
  return classSection(c, year, data, await deputySigner(env.em, env.actor), env.today);
}

async function loadSheetData(env: ReportEnv, year: AcademicYear, classes: SchoolClass[]): Promise<SheetData> {
  const { em } = env;
  const ids = classes.map((c) => c.id);
  const [rosters, subjects, finals, absences, teachers] = await Promise.all([
    classRosters(em, ids, year.startDate, year.endDate, env.use),
    classSubjects(em, ids),
    finalsOfClasses(em, ids),
    absencesOfClasses(em, ids, year.startDate, year.endDate),
    staffById(em, classes.map((c) => c.classTeacherId).filter((s): s is string => !!s)),
  ]);
  const periods = new Map<number, StudyPeriod[]>();
  for (const grade of new Set(classes.map((c) => c.gradeLevel))) periods.set(grade, await periodsForGrade(em, year.id, grade));
  const absenceMap = new Map<string, AbsenceRow[]>();
  for (const a of absences) {
    const key = `${a.classId}:${a.studentId}`;
    const list = absenceMap.get(key) ?? [];
    list.push(a);
    absenceMap.set(key, list);
  }
  return { rosters, subjects, finals: new FinalsIndex(finals), absences: absenceMap, periods, decisions: await decisionsOf(em, ids), teachers };
}

const DECISION_TEXT: Record<string, [string, string]> = {
  promoted: ['переведён', 'переведена'],
  conditional: ['переведён условно', 'переведена условно'],
  held_back: ['оставлен на повторное обучение', 'оставлена на повторное обучение'],
  graduated: ['окончил обучение', 'окончила обучение'],
  left: ['выбыл', 'выбыла'],
};

/** «переведён, приказ № 45 от 30.05.2027» per class and student. */
async function decisionsOf(em: ReadableDb, classIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (classIds.length === 0) return out;
  const rows = await em
    .createQueryBuilder(PromotionDecisionEntity, 'd')
    .innerJoin(PromotionOrderEntity.options.name, 'o', 'o.id = d.orderId')
    .select('d.studentId', 'studentId')
    .addSelect('d.fromClassId', 'classId')
    .addSelect('d.decision', 'decision')
    .addSelect('o.orderNo', 'orderNo')
    .addSelect('o.orderDate', 'orderDate')
    .where("d.fromClassId IN (:...classIds) AND d.deletedAt IS NULL AND o.deletedAt IS NULL AND o.status <> 'undone'", { classIds })
    .getRawMany<{ studentId: string; classId: string; decision: string; orderNo: string; orderDate: string }>();
  for (const r of rows) {
    const [m] = DECISION_TEXT[r.decision] ?? [r.decision];
    out.set(`${r.classId}:${r.studentId}`, `${m}, приказ № ${r.orderNo} от ${ruDate(r.orderDate)}`);
  }
  return out;
}

function classSection(c: SchoolClass, year: AcademicYear, data: SheetData, deputy: string, today: string): ReportSection {
  const roster = data.rosters.get(c.id) ?? [];
  const subjects = gradedSubjects(data.subjects.get(c.id) ?? [], c.gradeLevel);
  const periods = data.periods.get(c.gradeLevel) ?? [];
  const teacher = c.classTeacherId ? data.teachers.get(c.classTeacherId) : undefined;
  const signatures = {
    kind: 'signatures' as const,
    lines: [
      { position: CLASS_TEACHER, name: teacher ? initialsFirst(teacher) : '' },
      { position: DEPUTY, name: deputy },
    ],
  };
  const base: ReportSection = {
    title: `${c.name} класс`,
    fields: [
      { label: 'Классный руководитель', value: teacher ? initialsFirst(teacher) : 'не назначен' },
      { label: 'Обучающихся в течение года', value: String(roster.length) },
    ],
    newPage: true,
    sheetName: c.name,
    blocks: [],
  };
  if (subjects.length === 0) {
    base.blocks.push({
      kind: 'text',
      text: gradeRules(c.gradeLevel).marks ? 'У класса нет предметов с итоговыми отметками в учебном плане.' : NO_FINAL_MARKS_IN_GRADE,
    });
    return base;
  }
  const slots: { label: string; slot: string; from?: string; to?: string; shade?: boolean }[] = periods.map((p) => ({
    label: periodShort(p),
    slot: p.id,
    from: p.startDate,
    to: p.endDate,
  }));
  slots.push({ label: 'Год', slot: 'year', from: year.startDate, to: year.endDate, shade: true });
  if (gradeRules(c.gradeLevel).graduating) slots.push({ label: 'Экзамен', slot: 'exam' }, { label: 'Итог', slot: 'final', shade: true });

  // Dense, as the 25-year copy is printed (FORMS.md §2): the marks take the width, the council's decision a
  // column of its own that wraps beside the student's rows, and a class of 29 goes on a few landscape pages.
  const columns: ReportColumn[] = [
    { key: 'no', title: '№', align: 'center', mergeInGroup: true, widthMm: 6 },
    { key: 'name', title: 'Фамилия, имя обучающегося', mergeInGroup: true, widthMm: 36, rowHeading: true },
    { key: 'period', title: 'Период', noWrap: true, rowHeading: true },
    ...subjects.map((s) => ({ key: s.subjectId, title: s.name, vertical: true, align: 'center' as const, grow: true, format: 'integer' as const })),
    { key: 'missed', title: 'всего', align: 'center', format: 'integer' },
    { key: 'ill', title: 'по болезни', align: 'center', format: 'integer' },
    { key: 'decision', title: 'Решение педагогического совета (дата, №)', mergeInGroup: true, widthMm: 38 },
  ];
  const rows: ReportRow[] = [];
  roster.forEach((s, i) => {
    const absences = data.absences.get(`${c.id}:${s.studentId}`) ?? [];
    let name = studentName(s);
    if (s.fromDate > year.startDate) name += `\n${movedWord(s.sex, 'came')} ${ruDate(s.fromDate)}`;
    if (s.toDate && s.toDate < year.endDate) name += `\n${movedWord(s.sex, 'left')} ${ruDate(s.toDate)}`;
    for (const slot of slots) {
      // Periods not yet begun stay empty rather than show «0».
      const inSpan = slot.from && slot.from <= today ? absences.filter((a) => a.date >= slot.from! && a.date <= slot.to!) : null;
      rows.push({
        group: s.studentId,
        shade: slot.shade,
        cells: [
          i + 1,
          name,
          slot.label,
          ...subjects.map((sub) => markCell(data.finals.get(s.studentId, sub.subjectId, slot.slot))),
          inSpan ? inSpan.length : null,
          inSpan ? inSpan.filter((a) => a.reason === 'illness').length : null,
          data.decisions.get(`${c.id}:${s.studentId}`) ?? '',
        ],
      });
    }
  });

  // The counts under the table: the year, or the latest period with marks while the year is under way.
  const counted = roster.filter((s) => onRollAt(s, s.toDate && s.toDate < year.endDate ? '9999-12-31' : year.endDate));
  const summarySlot = [...slots].filter((sl) => sl.slot !== 'exam' && sl.slot !== 'final').reverse().find((sl) =>
    counted.some((s) => subjects.some((sub) => data.finals.get(s.studentId, sub.subjectId, sl.slot) !== null)),
  );
  const totals: ReportRow[] = [];
  const summary: string[] = [];
  if (summarySlot) {
    const atEnd = roster.filter((s) => onRollAt(s, summarySlot.to ?? year.endDate));
    const valuesOf = (sub: ClassSubject) => atEnd.map((s) => data.finals.get(s.studentId, sub.subjectId, summarySlot.slot));
    const perSubject = subjects.map((sub) => countValues(valuesOf(sub)));
    const lines: [string, (k: ReturnType<typeof countValues>) => number][] = [
      ['«5»', (k) => k.n5],
      ['«4»', (k) => k.n4],
      ['«3»', (k) => k.n3],
      ['«2»', (k) => k.n2 + k.fail],
      ['н/а', (k) => k.na],
      ['осв.', (k) => k.exempt],
    ];
    for (const [label, pick] of lines) {
      totals.push({ cells: ['', `Количество ${label}`, summarySlot.label, ...perSubject.map(pick), null, null, ''], bold: false, shade: true });
    }
    const students: StudentMarks[] = atEnd.map((s) => ({
      studentId: s.studentId,
      marks: subjects.map((sub) => ({ subjectId: sub.subjectId, value: data.finals.get(s.studentId, sub.subjectId, summarySlot.slot) as FinalValue | null })),
    }));
    const rates = classRates(students);
    const label = summarySlot.slot === 'year' ? 'за год' : `за ${summarySlot.label.replace('ч.', 'четверть').replace('пол.', 'полугодие').replace('тр.', 'триместр')}`;
    summary.push(
      `Итоги ${label}: учащихся с отметками — ${rates.n}; успеваемость — ${showRate(rates.progress)} % (${rates.successful} из ${rates.n}); ` +
        `качество знаний — ${showRate(rates.quality)} % (${rates.excellent.length + rates.good.length} из ${rates.n}); ` +
        `отличников — ${rates.excellent.length}, хорошистов — ${rates.good.length}, неуспевающих — ${rates.failing.length}, не аттестовано — ${rates.notAttested.length}.`,
    );
    if (summarySlot.slot !== 'year') summary.push('Годовые отметки ещё не выставлены: итоги приведены за последний период с отметками.');
  } else {
    summary.push('Итоговые отметки ещё не выставлены.');
  }
  summary.push(
    'Успеваемость = число учащихся без «2», «незач» и «н/а» / N × 100 %; качество = число отличников и хорошистов / N × 100 %; N — учащиеся на конец периода, получившие отметки (освобождённые и выбывшие не учитываются, «н/а» учитывается).',
  );
  const table: TableBlock = {
    kind: 'table',
    fontSize: 6,
    dense: true,
    verticalHeadingMm: 25,
    headerGroups: [
      [
        { title: '', span: 1 },
        { title: '', span: 1 },
        { title: '', span: 1 },
        { title: 'Итоговые отметки по предметам', span: subjects.length },
        { title: 'Пропущено уроков', span: 2 },
        { title: '', span: 1 },
      ],
    ],
    columns,
    rows,
    totals,
    emptyText: 'В классе нет обучающихся.',
  };
  base.blocks.push(table, { kind: 'text', text: summary.join('\n'), size: 9 }, signatures);
  return base;
}

