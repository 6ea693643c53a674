import type { ReadableDb } from '../../db/readable';
import { z } from 'zod';
import { defineReport } from '../definition';
import { A4_LANDSCAPE, type ReportRow, type TextRun } from '../model';
import { resolveYear } from '../data/year';
import { classRosters, onRollAt, type RosterEntry } from '../data/roster';
import { classSubjects } from '../data/subjects';
import { finalsOfClasses, FinalsIndex } from '../data/finals';
import { groupNames, lessonStates, pageKey, plansOfClasses } from '../data/class-journal';
import { deputySigner, initialsFirst, staffById } from '../data/people';
import { periodParam, slotFor } from '../data/slots';
import { programme } from '../formulas/programme';
import { FORMULA_TEXT, countValues, denominator, rateCell, subjectRates, sumCounts } from '../formulas/performance';
import { assertSelfOrAdmin } from '../scope';
import { baseModel, DEPUTY } from './common';
import { SchoolClassEntity, TeachingAssignmentEntity } from '../../db/entities/school';
import { GroupMembershipEntity } from '../../db/entities/school';
import { fail } from '../../shared/errors';
import { addDays } from '../../shared/dates';

/**
 * Отчёт учителя-предметника за период (russian_anchors §3.2 item 11): for
 * every class or group the teacher teaches, the roll, how many attested,
 * marks 5/4/3/2, н/а, осв., успеваемость, качество, СОУ, средний балл, and
 * the programme: hours planned and given in the period, the backlog and the
 * topics behind.
 */
export const teacherPeriodParams = z.object({
  kind: z.literal('teacherPeriod'),
  staffId: z.string().uuid(),
  yearId: z.string().uuid().optional(),
  period: periodParam,
});

export const teacherPeriodReport = defineReport({
  kind: 'teacherPeriod',
  title: 'Отчёт учителя-предметника за период',
  params: teacherPeriodParams,
  authorize: async (env, p) => assertSelfOrAdmin(env.actor, p.staffId),
  async build(env, p) {
    const { em } = env;
    const teacher = (await staffById(em, [p.staffId])).get(p.staffId);
    if (!teacher) throw fail.notFound('Учитель');
    const year = await resolveYear(em, p.yearId, env.today);
    const loads = await em
      .createQueryBuilder(TeachingAssignmentEntity, 't')
      .where('t.staffId = :staffId AND t.yearId = :yearId AND t.deletedAt IS NULL', { staffId: p.staffId, yearId: year.id })
      .getMany();
    const classIds = [...new Set(loads.map((l) => l.classId))];
    const classes = classIds.length
      ? await em.createQueryBuilder(SchoolClassEntity, 'c').where('c.id IN (:...classIds)', { classIds }).getMany()
      : [];
    const classById = new Map(classes.map((c) => [c.id, c]));
    const [rosters, subjects, finals, groups, lessons, plans, groupRolls] = await Promise.all([
      classRosters(em, classIds, year.startDate, year.endDate, env.use),
      classSubjects(em, classIds),
      finalsOfClasses(em, classIds),
      groupNames(em, classIds),
      lessonStates(em, classIds, year.startDate, year.endDate),
      plansOfClasses(em, classIds, year.id),
      groupRosters(em, loads.map((l) => l.groupId).filter((g): g is string => !!g)),
    ]);
    const index = new FinalsIndex(finals);
    const pages = [...new Map(loads.map((l) => [pageKey(l), l])).values()].sort((a, b) => {
      const ca = classById.get(a.classId)!;
      const cb = classById.get(b.classId)!;
      return ca.gradeLevel - cb.gradeLevel || ca.letter.localeCompare(cb.letter, 'ru') || (groups.get(a.groupId ?? '') ?? '').localeCompare(groups.get(b.groupId ?? '') ?? '', 'ru');
    });
    const rows: ReportRow[] = [];
    const behindText: TextRun[] = [];
    const skipped: string[] = [];
    const allCounts = [];
    let plannedSum = 0;
    let givenSum = 0;
    let behindSum = 0;
    let label = '';
    for (const page of pages) {
      const c = classById.get(page.classId)!;
      const subject = (subjects.get(c.id) ?? []).find((s) => s.subjectId === page.subjectId);
      const pageName = `${c.name}${page.groupId ? `, ${groups.get(page.groupId) ?? 'группа'}` : ''}`;
      let slot;
      try {
        slot = await slotFor(em, year, c, p.period, env.today);
      } catch {
        skipped.push(pageName);
        continue;
      }
      label = slot.span.label;
      const classRoll = rosters.get(c.id) ?? [];
      const roll = page.groupId ? groupRoll(groupRolls.get(page.groupId) ?? [], classRoll) : classRoll;
      const counted = roll.filter((s) => onRollAt(s, slot.span.asOf));
      const k = countValues(counted.map((s) => index.get(s.studentId, page.subjectId, slot.slot)));
      allCounts.push(k);
      const r = subjectRates(k, subject?.scale === 'pass_fail' ? 'pass_fail' : 'five_point');
      const pageLessons = lessons.filter((l) => pageKey(l) === pageKey(page)).map((l) => ({ date: l.date, given: l.status === 'given' }));
      const topics = plans.get(pageKey(page)) ?? [];
      const atEnd = programme(topics, pageLessons, slot.span.asOf, env.today);
      const before = programme(topics, pageLessons, addDays(slot.span.from, -1));
      const planned = atEnd.planned - before.planned;
      const given = atEnd.given - before.given;
      plannedSum += planned;
      givenSum += given;
      behindSum += atEnd.behind;
      const attested = k.n5 + k.n4 + k.n3 + k.n2 + k.pass + k.fail;
      rows.push({
        cells: [pageName, subject?.name ?? '', counted.length, attested, k.n5 + k.pass, k.n4, k.n3, k.n2 + k.fail, k.na, k.exempt, rateCell(r.progress), rateCell(r.quality), rateCell(r.sou), rateCell(r.average, 2), planned, given, atEnd.behind || '—'],
        ref: { kind: 'page', id: pageKey(page) },
      });
      if (atEnd.behindTopics.length > 0) {
        behindText.push({ text: `${pageName}, ${subject?.name ?? ''}: `, bold: true }, { text: `${atEnd.behindTopics.join('; ')}.\n` });
      }
    }
    const total = sumCounts(allCounts);
    const tr = subjectRates(total);
    return baseModel(env, {
      kind: 'teacherPeriod',
      title: 'Отчёт учителя-предметника',
      subtitle: `${label || (p.period === 'year' ? 'Учебный год' : '')}, ${year.name} учебный год`.replace(/^, /, ''),
      page: A4_LANDSCAPE,
      fields: [
        { label: 'Учитель', value: `${teacher.lastName} ${teacher.firstName} ${teacher.middleName ?? ''}`.trim() },
        { label: 'Должность', value: teacher.position },
      ],
      sections: [
        {
          blocks: [
            {
              kind: 'table',
              headerGroups: [
                [
                  { title: '', span: 1 },
                  { title: '', span: 1 },
                  { title: 'Учащихся', span: 2 },
                  { title: 'Итоговые отметки', span: 6 },
                  { title: 'Показатели', span: 4 },
                  { title: 'Программа, ч', span: 3 },
                ],
              ],
              columns: [
                { key: 'class', title: 'Класс (группа)', rowHeading: true },
                { key: 'subject', title: 'Предмет', grow: true, rowHeading: true },
                { key: 'roll', title: 'по списку', align: 'center', format: 'integer' },
                { key: 'att', title: 'аттестовано', align: 'center', format: 'integer' },
                { key: 'n5', title: '«5»', align: 'center', format: 'integer' },
                { key: 'n4', title: '«4»', align: 'center', format: 'integer' },
                { key: 'n3', title: '«3»', align: 'center', format: 'integer' },
                { key: 'n2', title: '«2»', align: 'center', format: 'integer' },
                { key: 'na', title: 'н/а', align: 'center', format: 'integer' },
                { key: 'ex', title: 'осв.', align: 'center', format: 'integer' },
                { key: 'progress', title: 'Успев., %', align: 'center', format: 'percent' },
                { key: 'quality', title: 'Качество, %', align: 'center', format: 'percent' },
                { key: 'sou', title: 'СОУ, %', align: 'center', format: 'percent' },
                { key: 'avg', title: 'Ср. балл', align: 'center', format: 'decimal' },
                { key: 'planned', title: 'по плану', align: 'center', format: 'hours' },
                { key: 'given', title: 'дано', align: 'center', format: 'hours' },
                { key: 'behind', title: 'отставание', align: 'center', format: 'hours' },
              ],
              rows,
              totals: [
                {
                  cells: ['Итого', '', rows.reduce((s, r) => s + Number(r.cells[2]), 0), denominator(total) - total.na, total.n5 + total.pass, total.n4, total.n3, total.n2 + total.fail, total.na, total.exempt, rateCell(tr.progress), rateCell(tr.quality), rateCell(tr.sou), rateCell(tr.average, 2), plannedSum, givenSum, behindSum || '—'],
                },
              ],
              fontSize: 8.5,
              emptyText: 'У учителя нет учебной нагрузки в этом учебном году.',
            },
            ...(behindText.length > 0 ? [{ kind: 'text' as const, size: 9, runs: [{ text: 'Темы, по которым есть отставание:\n', bold: true }, ...behindText] }] : []),
            ...(skipped.length > 0 ? [{ kind: 'text' as const, size: 9, text: `Выбранный период не относится к классам: ${skipped.join(', ')}.` }] : []),
            {
              kind: 'text',
              size: 8,
              text: `«По плану» — часы тем КТП с датами в периоде (без КТП — уроки по расписанию), «дано» — проведённые уроки, «отставание» — на конец периода с начала года.\n${FORMULA_TEXT.slice(0, 5).join('\n')}`,
            },
          ],
        },
      ],
      signatures: [
        { position: 'Учитель', name: initialsFirst(teacher) },
        { position: DEPUTY, name: await deputySigner(em, env.actor) },
      ],
      fileName: `Отчёт учителя ${teacher.lastName} ${label}`,
    });
  },
});

async function groupRosters(em: ReadableDb, groupIds: string[]): Promise<Map<string, { studentId: string; fromDate: string; toDate: string | null }[]>> {
  const out = new Map<string, { studentId: string; fromDate: string; toDate: string | null }[]>();
  if (groupIds.length === 0) return out;
  const rows = await em
    .createQueryBuilder(GroupMembershipEntity, 'g')
    .where('g.groupId IN (:...groupIds) AND g.deletedAt IS NULL', { groupIds })
    .getMany();
  for (const r of rows) {
    const list = out.get(r.groupId) ?? [];
    list.push({ studentId: r.studentId, fromDate: r.fromDate, toDate: r.toDate });
    out.set(r.groupId, list);
  }
  return out;
}

/** A group's roll: its members as the class roll names them, on the group from when to when. */
function groupRoll(members: { studentId: string; fromDate: string; toDate: string | null }[], classRoll: RosterEntry[]): RosterEntry[] {
  const byStudent = new Map(classRoll.map((r) => [r.studentId, r]));
  const out = new Map<string, RosterEntry>();
  for (const m of members) {
    const entry = byStudent.get(m.studentId);
    if (!entry) continue;
    const seen = out.get(m.studentId);
    if (!seen) out.set(m.studentId, { ...entry, fromDate: m.fromDate, toDate: m.toDate });
    else {
      if (m.fromDate < seen.fromDate) seen.fromDate = m.fromDate;
      if (seen.toDate !== null && (m.toDate === null || m.toDate > seen.toDate)) seen.toDate = m.toDate;
    }
  }
  return classRoll.filter((r) => out.has(r.studentId)).map((r) => out.get(r.studentId)!);
}
