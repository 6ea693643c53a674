import type { ReadableDb } from '../db/readable';
import type { Actor } from '../auth/sessions';
import type { MutationContext } from '../api/contract';
import { actorOf } from '../api/contract';
import { AppError, fail } from '../shared/errors';
import { FinalMarkEntity, type FinalMarkValue } from '../db/entities/journal';
import type { StudyPeriod } from '../db/entities/calendar';
import { minimumMarks } from '../grading/minimum';
import { suggestPeriodMark, suggestYearMark, type Suggestion } from '../grading/suggest';
import { finalMarkDeadline, isFinalMarkLate } from '../grading/final-deadline';
import { loadPageContext, pageTitle, type PageContext } from './context';
import { PageAccess, requireEditable } from './access';
import { periodsForGrade, agree } from './periods';
import { pageFinals, pageLessons, pageMarks, pageStudents, type MarkRow, type PageRef } from './page-data';
import { summaryOf, type StudentSummaryDto } from './page';
import { loadGradingSettings, type GradingSettings } from './grading-settings';
import { addDays, ruDate } from '../shared/dates';
import { finalMarkWindowStart, isBeforeFinalWindow } from '../grading/final-window';
import { countedMarks } from '../grading/averages';
import { movedWord } from '../reports/data/roster';

/**
 * The page of final marks (seed 001 §6.3): per class and subject, a column for
 * every period of the grade and one for the year. Each cell holds the mark set
 * (never overwritten by the program), the suggestion with its basis, and the
 * warnings: too few marks (seed 003 §5.2), a mark set or due after the
 * deadline (seed 001 §6.4).
 */
export interface FinalColumnDto {
  /** A period id, or 'year'. */
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  /** The first day of the period's last weeks, when its final marks are set (grading/final-window.ts). */
  windowStart: string;
  /** Today is before that: a mark now needs a confirmation with its reason, and nothing is suggested for the year. */
  early: boolean;
  deadline: string;
  editable: boolean;
  readOnlyReason: string | null;
}

export interface FinalCellDto extends StudentSummaryDto {
  value: FinalMarkValue | null;
  late: boolean;
  setAt: string | null;
  suggestion: Suggestion;
  minimum: number | null;
  /** The student was on the page's roll in the period. */
  onRoll: boolean;
  /** Why no final mark is set here: «Выбыла 16.11.2026: итоговая отметка за II четверть не ставится.» */
  lockedReason: string | null;
}

export interface FinalMarksPageDto {
  ref: PageRef;
  title: string;
  subjectName: string;
  grading: PageContext['grading'];
  marksAllowed: boolean;
  noMarksReason: string | null;
  allowedValues: FinalMarkValue[];
  today: string;
  canEdit: boolean;
  columns: FinalColumnDto[];
  students: {
    id: string;
    name: string;
    fromDate: string;
    toDate: string | null;
    /** «выбыла 16.11.2026»: the student has left the page's roll (the first day not on it). */
    leftText: string | null;
    cells: Record<string, FinalCellDto>;
  }[];
}

function allowedFinalValues(ctx: PageContext): FinalMarkValue[] {
  if (!ctx.marksAllowed) return [];
  return ctx.grading === 'pass_fail' ? ['зач', 'незач', 'н/а', 'осв.'] : ['5', '4', '3', '2', 'н/а', 'осв.'];
}

function yearRange(periods: StudyPeriod[]): { startDate: string; endDate: string } {
  return { startDate: periods[0].startDate, endDate: periods[periods.length - 1].endDate };
}

async function openPage(em: ReadableDb, actor: Actor, ref: PageRef, nowIso: string) {
  const context = await loadPageContext(em, ref);
  const periods = await periodsForGrade(em, context.schoolClass.yearId, context.schoolClass.gradeLevel);
  if (periods.length === 0) throw fail.notFound('Учебный период');
  const access = await PageAccess.load(em, actor, ref, context.schoolClass.yearId, periods, nowIso);
  return { context, periods, access };
}

export async function loadFinalMarks(em: ReadableDb, actor: Actor, ref: PageRef, now: Date, today: string): Promise<FinalMarksPageDto> {
  const { context, periods, access } = await openPage(em, actor, ref, now.toISOString());
  access.requireView();
  const settings = await loadGradingSettings(em);
  const year = yearRange(periods);
  const [lessons, marks, students, finals] = [
    await pageLessons(em, ref, year.startDate, year.endDate),
    await pageMarks(em, ref, year.startDate, year.endDate),
    await pageStudents(em, ref, year.startDate, year.endDate),
    await pageFinals(em, ref),
  ];
  const dateOf = new Map(lessons.map((l) => [l.id, l.date]));
  const columns: FinalColumnDto[] = [
    ...periods.map((p) => ({ id: p.id, name: p.name, startDate: p.startDate, endDate: p.endDate })),
    { id: 'year', name: 'Год', ...year },
  ].map((c) => {
    const a = access.finalMarks(c);
    const name = c.id === 'year' ? 'Учебный год' : c.name;
    const early = c.startDate > today ? `${name} ещё не ${agree(name, ['началась', 'началось', 'начался'])}.` : null;
    const windowStart = finalMarkWindowStart(c.endDate, settings.finalWindowDays);
    return {
      ...c,
      windowStart,
      early: today < windowStart,
      deadline: finalMarkDeadline(c.endDate, settings.finalDaysBeforeEnd),
      editable: a.editable && context.marksAllowed && !early,
      readOnlyReason: a.reason ?? early ?? context.noMarksReason,
    };
  });
  const byStudent = new Map<string, MarkRow[]>();
  for (const m of marks) (byStudent.get(m.studentId) ?? byStudent.set(m.studentId, []).get(m.studentId)!).push(m);
  const finalOf = new Map<string, (typeof finals)[number]>();
  for (const f of finals) finalOf.set(`${f.studentId}|${f.kind === 'year' ? 'year' : f.periodId}`, f);

  const out = students.map((s) => {
    const own = byStudent.get(s.id) ?? [];
    const cells: Record<string, FinalCellDto> = {};
    const left = leftOn(s, today);
    for (const p of periods) {
      const inPeriod = own.filter((m) => {
        const d = dateOf.get(m.lessonId);
        return d !== undefined && d >= p.startDate && d <= p.endDate;
      });
      const minimum = minimumMarks(context.hoursPerWeek, p.kind, settings.minimum);
      const gone = withdrawnReason(s, p, today);
      // Nothing to suggest for a period that has not begun, nor to a student who left before its end.
      const system = context.marksAllowed && p.startDate <= today && !gone ? context.grading : 'none';
      const suggestion = suggestPeriodMark({ system, marks: inPeriod, minimum, hoursPerWeek: context.hoursPerWeek, rounding: settings.rounding });
      cells[p.id] = cell(finalOf.get(`${s.id}|${p.id}`), suggestion, summaryOf(inPeriod), minimum, onRoll(s, p), p.endDate, today, settings, gone);
    }
    const goneForYear = withdrawnReason(s, { name: 'год', ...year }, today);
    // The year mark is suggested in the year's last weeks, once the periods are done — not in December.
    const yearOpen = !isBeforeFinalWindow(today, year.endDate, settings.finalWindowDays);
    const yearSuggestion = suggestYearMark({
      system: context.marksAllowed && yearOpen && !goneForYear ? context.grading : 'none',
      periods: periods.filter((p) => onRoll(s, p)).map((p) => ({ name: p.name, value: cells[p.id].value })),
      rounding: settings.rounding,
    });
    cells.year = cell(finalOf.get(`${s.id}|year`), yearSuggestion, summaryOf(own), null, true, year.endDate, today, settings, goneForYear);
    return {
      id: s.id,
      name: `${s.lastName} ${s.firstName}`,
      fromDate: s.fromDate,
      toDate: s.toDate,
      leftText: left ? `${movedWord(s.sex, 'left')} ${ruDate(left)}` : null,
      cells,
    };
  });
  return {
    ref,
    title: `Итоговые отметки: ${context.subject.name}, ${pageTitle(context)}`,
    subjectName: context.subject.name,
    grading: context.grading,
    marksAllowed: context.marksAllowed,
    noMarksReason: context.noMarksReason,
    allowedValues: allowedFinalValues(context),
    today,
    canEdit: columns.some((c) => c.editable),
    columns,
    students: out,
  };
}

function onRoll(s: { fromDate: string; toDate: string | null }, p: { startDate: string; endDate: string }): boolean {
  return s.fromDate <= p.endDate && (s.toDate === null || s.toDate >= p.startDate);
}

/** The first day the student is no longer on the page's roll, once that day has come; null while on it. */
function leftOn(s: { toDate: string | null }, today: string): string | null {
  return s.toDate !== null && s.toDate < today ? addDays(s.toDate, 1) : null;
}

/**
 * Why a student gets no final mark for a period: they left the roll before
 * the period's end (and have left already). Their marks go with them; the
 * period's mark is the new school's. A student who leaves after a period
 * keeps its mark.
 */
function withdrawnReason(s: { toDate: string | null; sex: 'm' | 'f' | null }, p: { name: string; endDate: string }, today: string): string | null {
  const left = leftOn(s, today);
  if (!left || s.toDate! >= p.endDate) return null;
  const word = movedWord(s.sex, 'left');
  return `${word.charAt(0).toUpperCase()}${word.slice(1)} ${ruDate(left)}: итоговая отметка за ${p.name} не ставится.`;
}

function cell(
  set: { value: string; late: boolean; setAt: string } | undefined,
  suggestion: Suggestion,
  summary: StudentSummaryDto,
  minimum: number | null,
  roll: boolean,
  endDate: string,
  today: string,
  settings: GradingSettings,
  lockedReason: string | null = null,
): FinalCellDto {
  const deadline = finalMarkDeadline(endDate, settings.finalDaysBeforeEnd);
  const warnings = [...suggestion.warnings];
  if (set?.late) warnings.push({ code: 'late', message: `Выставлена позже срока: не позднее ${ruDate(deadline)}.` });
  else if (!set && roll && today > deadline && suggestion.value !== null) {
    warnings.push({ code: 'late', message: `Срок выставления (${ruDate(deadline)}) прошёл: отметка будет отмечена как выставленная с опозданием.` });
  }
  return {
    ...summary,
    value: (set?.value as FinalMarkValue | undefined) ?? null,
    late: set?.late ?? false,
    setAt: set?.setAt ?? null,
    suggestion: { ...suggestion, warnings },
    minimum,
    onRoll: roll,
    lockedReason,
  };
}

export interface SetFinalParams extends PageRef {
  studentId: string;
  /** Null: the year mark. */
  periodId: string | null;
  value: string | null;
  reason?: string;
}

/** Sets, changes or removes one final mark; a change after the deadline needs a reason. */
export async function setFinalMark(ctx: MutationContext, today: string, p: SetFinalParams) {
  const actor = actorOf(ctx);
  const ref = { classId: p.classId, groupId: p.groupId, subjectId: p.subjectId };
  const { context, periods, access } = await openPage(ctx.em, actor, ref, ctx.clock.now().toISOString());
  const period = p.periodId ? periods.find((x) => x.id === p.periodId) : null;
  if (p.periodId && !period) throw fail.notFound('Учебный период');
  const range = period ?? { ...yearRange(periods), name: 'Год' };
  requireEditable(access.finalMarks(range));
  if (!context.marksAllowed) throw new AppError('VALIDATION', context.noMarksReason ?? 'Отметки на этой странице не ставятся.');
  const allowed = allowedFinalValues(context);
  if (p.value !== null && !allowed.includes(p.value as FinalMarkValue)) {
    const message = `Итоговая отметка «${p.value}» невозможна: по предмету «${context.subject.name}» выставляется ${allowed.map((v) => `«${v}»`).join(', ')}.`;
    throw new AppError('VALIDATION', message, { fields: { value: message } });
  }
  if (range.startDate > today) {
    const name = period ? period.name : 'Учебный год';
    throw new AppError('VALIDATION', `${name} ещё не ${agree(name, ['началась', 'началось', 'начался'])}: итоговую отметку ставить рано.`);
  }
  const roll = await pageStudents(ctx.em, ref, range.startDate, range.endDate);
  const student = roll.find((s) => s.id === p.studentId);
  if (!student) {
    throw new AppError('VALIDATION', 'Ученик не числился на этой странице журнала в этом периоде: итоговая отметка ему не ставится.');
  }
  const gone = p.value !== null ? withdrawnReason(student, { name: period ? period.name : 'год', endDate: range.endDate }, today) : null;
  if (gone) throw new AppError('VALIDATION', `${student.lastName} ${student.firstName}. ${gone}`);
  const settings = await loadGradingSettings(ctx.em);
  const late = isFinalMarkLate(today, range.endDate, settings.finalDaysBeforeEnd);
  const existing = await ctx.em
    .createQueryBuilder(FinalMarkEntity, 'f')
    .where('f.studentId = :studentId AND f.subjectId = :subjectId AND f.classId = :classId AND f.deletedAt IS NULL', {
      studentId: p.studentId,
      subjectId: p.subjectId,
      classId: p.classId,
    })
    .andWhere(p.periodId ? "f.kind = 'period' AND f.periodId = :periodId" : "f.kind = 'year'", { periodId: p.periodId })
    .getOne();
  const opts = { reason: p.reason?.trim() || null };
  if (p.value !== null && existing?.value !== p.value && !opts.reason) {
    const doubts = await doubtsAbout(ctx, { ...p, value: p.value }, context, period, range, settings, today);
    if (doubts.length > 0) {
      throw new AppError('VALIDATION', `${doubts.join(' ')} Чтобы выставить «${p.value}» сейчас, подтвердите это и укажите причину.`, {
        needsReason: true,
        confirm: true,
        fields: { reason: 'Укажите причину' },
      });
    }
  }
  if (existing && existing.value !== p.value && late && !opts.reason) {
    throw new AppError(
      'VALIDATION',
      `Срок выставления итоговых отметок (${ruDate(finalMarkDeadline(range.endDate, settings.finalDaysBeforeEnd))}) прошёл: исправить отметку «${existing.value}» можно, указав причину.`,
      { needsReason: true, fields: { reason: 'Укажите причину исправления' } },
    );
  }
  const now = ctx.clock.now().toISOString();
  if (p.value === null) {
    if (existing) await ctx.write.remove(FinalMarkEntity, existing.id, opts);
    return { studentId: p.studentId, periodId: p.periodId, value: null, late: false };
  }
  const value = p.value as FinalMarkValue;
  if (existing) {
    if (existing.value !== value) await ctx.write.update(FinalMarkEntity, existing.id, { value, setAt: now, setBy: actor.userId, late }, opts);
  } else {
    await ctx.write.insert(
      FinalMarkEntity,
      {
        studentId: p.studentId,
        subjectId: p.subjectId,
        classId: p.classId,
        groupId: p.groupId,
        periodId: p.periodId,
        kind: p.periodId ? 'period' : 'year',
        value,
        setAt: now,
        setBy: actor.userId,
        late,
        note: null,
      },
      opts,
    );
  }
  return { studentId: p.studentId, periodId: p.periodId, value, late: existing && existing.value === value ? Boolean(existing.late) : late };
}

/**
 * What makes a final mark doubtful when it is set, each in the words of the
 * confirmation the teacher is asked for: it comes before the period's last
 * weeks; it rests on fewer marks than the minimum (seed 003 §5.2). «н/а» and
 * «осв.» are never doubtful: they say that there is no mark.
 */
async function doubtsAbout(
  ctx: MutationContext,
  p: SetFinalParams & { value: string },
  context: PageContext,
  period: StudyPeriod | null | undefined,
  range: { startDate: string; endDate: string },
  settings: GradingSettings,
  today: string,
): Promise<string[]> {
  if (p.value === 'н/а' || p.value === 'осв.') return [];
  const doubts: string[] = [];
  const name = period ? period.name : 'Учебный год';
  if (isBeforeFinalWindow(today, range.endDate, settings.finalWindowDays)) {
    doubts.push(
      `${name} заканчивается ${ruDate(range.endDate)}: итоговые отметки выставляются в последние недели периода, с ${ruDate(finalMarkWindowStart(range.endDate, settings.finalWindowDays))}.`,
    );
  }
  if (period) {
    const ref = { classId: p.classId, groupId: p.groupId, subjectId: p.subjectId };
    const own = (await pageMarks(ctx.em, ref, range.startDate, range.endDate)).filter((m) => m.studentId === p.studentId);
    const counted = context.grading === 'pass_fail' ? own.length : countedMarks(own);
    const minimum = minimumMarks(context.hoursPerWeek, period.kind, settings.minimum);
    if (counted < minimum) doubts.push(`Отметок за ${name}: ${counted}, а нужно не менее ${minimum}.`);
  }
  return doubts;
}
