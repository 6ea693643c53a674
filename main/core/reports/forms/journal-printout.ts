import { z } from 'zod';
import { defineReport, type ReportEnv } from '../definition';
import { A4_LANDSCAPE, type HeaderGroup, type ReportColumn, type ReportRow, type ReportSection, type TableBlock } from '../model';
import { loadClass, periodShort, periodsForGrade, resolveYear } from '../data/year';
import { classRoster, onRollAt, studentName } from '../data/roster';
import { classSubjects } from '../data/subjects';
import { finalsOfClasses, FinalsIndex } from '../data/finals';
import { absencesOfClasses } from '../data/absences';
import { directorSigner, initialsFirst, staffById } from '../data/people';
import { groupNames, loadClassJournal, pageKey, plansOfClasses, type JLesson } from '../data/class-journal';
import { programme, programmeVerdict } from '../formulas/programme';
import { markCell } from '../formulas/performance';
import { assertClassScope } from '../scope';
import { baseModel, DIRECTOR } from './common';
import { finalSheetSection } from './final-sheet';
import { pageStudents } from '../../journal/page-data';
import { hideWithoutConsent } from '../../contingent/consent';
import { cellText } from '../../journal/cell-text';
import { shortName } from '../../shared/text';
import { gradeRules } from '../../school/grade-rules';
import type { StudyPeriod } from '../../db/entities/calendar';
import { ruDate } from '../../shared/dates';

/**
 * The journal of a class for a year as the paper journal had it (FORMS.md
 * §1), kept 5 years: contents; for each subject (and group) and period the
 * marks by date and the dates with topics and homework; lessons planned and
 * given; the attendance summary; the summary sheet of final marks; the last
 * page with the page count and the director's signature.
 */
export const journalPrintoutParams = z.object({
  kind: z.literal('journalPrintout'),
  classId: z.string().uuid(),
});

/**
 * Date columns a marks table takes at most: a quarter of a five-hours-a-week
 * subject (about 40 lessons) beside the names on a landscape A4, the font a
 * little smaller if the marks need it. A longer period is cut into tables of
 * near-equal width, never a full page and a stub.
 */
const MAX_DATES_PER_TABLE = 42;
const MONTHS = ['Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август', 'Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь'];
const MONTHS_SHORT = ['янв.', 'февр.', 'март', 'апр.', 'май', 'июнь', 'июль', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.'];

export const journalPrintoutReport = defineReport({
  kind: 'journalPrintout',
  title: 'Журнал класса за год (архивная копия)',
  schoolRecord: true,
  params: journalPrintoutParams,
  authorize: (env, p) => assertClassScope(env.em, env.actor, p.classId),
  build: (env, p) => buildPrintout(env, p.classId),
});

interface Page {
  key: string;
  subjectId: string;
  groupId: string | null;
  lessons: JLesson[];
}

async function buildPrintout(env: ReportEnv, classId: string) {
  const { em } = env;
  const c = await loadClass(em, classId);
  const year = await resolveYear(em, c.yearId, env.today);
  const [periods, roster, subjectList, journal, plans, groups, finals, absences] = await Promise.all([
    periodsForGrade(em, year.id, c.gradeLevel),
    classRoster(em, c.id, year.startDate, year.endDate, env.use),
    classSubjects(em, [c.id]),
    loadClassJournal(em, [c.id], year.startDate, year.endDate),
    plansOfClasses(em, [c.id], year.id),
    groupNames(em, [c.id]),
    finalsOfClasses(em, [c.id]),
    absencesOfClasses(em, [c.id], year.startDate, year.endDate),
  ]);
  const subjects = new Map((subjectList.get(c.id) ?? []).map((s) => [s.subjectId, s]));
  const finalsIndex = new FinalsIndex(finals);
  const staffIds = new Set<string>();
  for (const l of journal.lessons) {
    staffIds.add(l.staffId);
    if (l.substituteStaffId) staffIds.add(l.substituteStaffId);
  }
  if (c.classTeacherId) staffIds.add(c.classTeacherId);
  const staff = await staffById(em, staffIds);
  const nameOf = (id: string) => {
    const s = staff.get(id);
    return s ? shortName(s) : '';
  };

  const pages = new Map<string, Page>();
  for (const l of journal.lessons) {
    const key = pageKey(l);
    let page = pages.get(key);
    if (!page) {
      page = { key, subjectId: l.subjectId, groupId: l.groupId, lessons: [] };
      pages.set(key, page);
    }
    page.lessons.push(l);
  }
  const ordered = [...pages.values()].sort((a, b) => {
    const sa = subjects.get(a.subjectId);
    const sb = subjects.get(b.subjectId);
    return (
      (sa?.sortOrder ?? 999) - (sb?.sortOrder ?? 999) ||
      (sa?.name ?? '').localeCompare(sb?.name ?? '', 'ru') ||
      (groups.get(a.groupId ?? '') ?? '').localeCompare(groups.get(b.groupId ?? '') ?? '', 'ru')
    );
  });

  const sections: ReportSection[] = [{ blocks: [{ kind: 'contents', title: 'Содержание' }] }];
  for (const page of ordered) {
    const subject = subjects.get(page.subjectId);
    const subjectName = subject?.name ?? 'Предмет';
    const groupName = page.groupId ? groups.get(page.groupId) : null;
    const teacherIds = [...new Set(page.lessons.map((l) => l.staffId))];
    const teachers = teacherIds.map(nameOf).filter(Boolean).join(', ');
    // A group's page lists its own students: hidden from an export like the class roster is.
    const students = page.groupId
      ? await hideWithoutConsent(
          em,
          (await pageStudents(em, { classId: c.id, groupId: page.groupId, subjectId: page.subjectId }, year.startDate, year.endDate)).map((s) => ({
            studentId: s.id,
            lastName: s.lastName,
            firstName: s.firstName,
            fromDate: s.fromDate,
            toDate: s.toDate,
          })),
          env.use,
        )
      : roster;
    const blocks: ReportSection['blocks'] = [];
    // Up to today: a printout during the year stops where the journal does, as paper does.
    const upTo = env.today < year.endDate ? env.today : year.endDate;
    for (const period of periods) {
      const lessons = page.lessons.filter((l) => l.date >= period.startDate && l.date <= period.endDate && l.date <= upTo);
      if (lessons.length === 0) continue;
      const onPage = students.filter((s) => s.fromDate <= period.endDate && (s.toDate === null || s.toDate >= period.startDate));
      blocks.push(...marksTables(period, lessons, onPage, journal, finalsIndex, page.subjectId, gradeRules(c.gradeLevel).marks && subject?.scale !== 'none'));
      blocks.push(lessonsTable(period, lessons, page.lessons[0].staffId, nameOf));
    }
    const p = programme(
      plans.get(page.key) ?? [],
      page.lessons.map((l) => ({ date: l.date, given: l.status === 'given' })),
      env.today < year.endDate ? env.today : year.endDate,
      env.today,
    );
    blocks.push({
      kind: 'text',
      size: 10,
      runs: [
        { text: 'Выполнение программы: ', bold: true },
        {
          text:
            `по плану (${p.source === 'plan' ? 'КТП' : 'расписание'}) на год — ${p.plannedYear} ч, на ${ruDate(env.today < year.endDate ? env.today : year.endDate)} — ${p.planned} ч; ` +
            `проведено — ${p.given} ч; разница — ${p.planned - p.given} ч. ${programmeVerdict(p)}.`,
        },
        ...(p.behindTopics.length > 0 ? [{ text: `\nНе пройдены темы: ${p.behindTopics.join('; ')}.` }] : []),
      ],
    });
    sections.push({
      title: groupName ? `${subjectName} (${groupName})` : subjectName,
      tocLabel: `${subjectName}${groupName ? ` (${groupName})` : ''} — ${teachers}`,
      fields: [
        { label: 'Учитель', value: teachers },
        { label: 'Часов в неделю', value: subject?.hoursPerWeek ? String(subject.hoursPerWeek).replace('.', ',') : '—' },
      ],
      newPage: true,
      sheetName: `${subject?.shortName ?? subjectName}${groupName ? ` ${groupName}` : ''}`,
      blocks,
    });
  }

  sections.push(attendanceSection(periods, roster, absences, year.startDate, year.endDate));
  const sheet = await finalSheetSection(env, year, c);
  sections.push({ ...sheet, title: 'Сводная ведомость итоговых отметок', tocLabel: 'Сводная ведомость итоговых отметок' });
  sections.push({
    newPage: true,
    tocLabel: 'Лист проверки',
    blocks: [
      { kind: 'text', text: 'Журнал проверен.', size: 12, bold: true },
      { kind: 'pageCount', text: `В журнале ${c.name} класса за ${year.name} учебный год пронумеровано {pages}.` },
      { kind: 'signatures', lines: [{ position: DIRECTOR, name: await directorSigner(em), withDate: true }] },
      { kind: 'text', text: 'М.П.', size: 10 },
    ],
  });
  const teacher = c.classTeacherId ? staff.get(c.classTeacherId) : undefined;
  return baseModel(env, {
    kind: 'journalPrintout',
    title: `Классный журнал ${c.name} класса`,
    subtitle: `${year.name} учебный год`,
    page: A4_LANDSCAPE,
    fields: [
      { label: 'Класс', value: c.name },
      { label: 'Классный руководитель', value: teacher ? initialsFirst(teacher) : 'не назначен' },
      { label: 'Обучающихся на конец года', value: String(roster.filter((s) => onRollAt(s, env.today < year.endDate ? env.today : year.endDate)).length) },
    ],
    sections,
    fileName: `Журнал ${c.name} ${year.name}`,
  });
}

/** The marks of a period by date: names down, lesson dates across (grouped by month), the period's final mark. */
function marksTables(
  period: StudyPeriod,
  lessons: JLesson[],
  students: { studentId: string; lastName: string; firstName: string }[],
  journal: { marksByLesson: Map<string, { studentId: string; value: string }[]>; attendanceByLesson: Map<string, { studentId: string; code: 'absent' | 'late' }[]> },
  finals: FinalsIndex,
  subjectId: string,
  withFinal: boolean,
): TableBlock[] {
  const chunks = evenChunks(lessons, MAX_DATES_PER_TABLE);
  // Cell texts once per lesson and student.
  const cell = (l: JLesson, studentId: string) => {
    const att = journal.attendanceByLesson.get(l.id)?.find((a) => a.studentId === studentId)?.code ?? null;
    const marks = (journal.marksByLesson.get(l.id) ?? []).filter((m) => m.studentId === studentId).map((m) => m.value);
    return markCell(cellText(att, marks) || null);
  };
  return chunks.map((chunk, ci) => {
    const last = ci === chunks.length - 1;
    const months: HeaderGroup[] = [];
    for (const l of chunk) {
      const m = Number(l.date.slice(5, 7)) - 1;
      const title = chunk.length > 3 ? MONTHS[m] : MONTHS_SHORT[m];
      const prev = months[months.length - 1];
      if (prev && prev.title === title) prev.span++;
      else months.push({ title, span: 1 });
    }
    const columns: ReportColumn[] = [
      { key: 'no', title: '№', align: 'center', widthMm: 7 },
      { key: 'name', title: 'Фамилия, имя', widthMm: 42, noWrap: true, rowHeading: true },
      ...chunk.map((l) => ({ key: l.id, title: l.date.slice(8, 10), align: 'center' as const })),
    ];
    if (last && withFinal) columns.push({ key: 'final', title: `Итог ${periodShort(period)}`, align: 'center' });
    const rows: ReportRow[] = students.map((s, i) => ({
      cells: [
        i + 1,
        studentName(s),
        ...chunk.map((l) => cell(l, s.studentId)),
        ...(last && withFinal ? [markCell(finals.get(s.studentId, subjectId, period.id))] : []),
      ],
    }));
    return {
      kind: 'table',
      caption: `${period.name}: отметки и посещаемость${chunks.length > 1 ? ` (${ci + 1} из ${chunks.length})` : ''}`,
      headerGroups: [[{ title: '', span: 1 }, { title: '', span: 1 }, ...months, ...(last && withFinal ? [{ title: '', span: 1 }] : [])]],
      columns,
      rows,
      fontSize: 8,
      emptyText: 'Нет обучающихся.',
      keepTogether: true,
    };
  });
}

/** Cuts a list into as few parts as `max` allows, of near-equal length (45 → 23 + 22, not 42 + 3). */
export function evenChunks<T>(items: T[], max: number): T[][] {
  const parts = Math.max(1, Math.ceil(items.length / max));
  const size = Math.ceil(items.length / parts);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The other half of the spread: date, topic, homework and who gave the lesson. */
function lessonsTable(period: StudyPeriod, lessons: JLesson[], pageTeacher: string, nameOf: (id: string) => string): TableBlock {
  return {
    kind: 'table',
    caption: `${period.name}: темы уроков и домашние задания`,
    columns: [
      { key: 'date', title: 'Дата', noWrap: true, format: 'date' },
      { key: 'no', title: '№ урока', align: 'center' },
      { key: 'topic', title: 'Тема урока', grow: true },
      { key: 'hw', title: 'Домашнее задание' },
      { key: 'teacher', title: 'Учитель', noWrap: true },
    ],
    rows: lessons.map((l) => ({
      cells: [
        l.date,
        l.lessonNo,
        l.status === 'cancelled' ? 'Урок отменён' : (l.topic ?? '—'),
        l.homework ?? '',
        l.substituteStaffId ? `${nameOf(l.substituteStaffId)} (замена)` : nameOf(l.staffId === pageTeacher ? pageTeacher : l.staffId),
      ],
    })),
    fontSize: 8,
  };
}

/** Lessons missed per student by month and by period, of them for illness and for other valid reasons. */
function attendanceSection(
  periods: StudyPeriod[],
  roster: { studentId: string; lastName: string; firstName: string }[],
  absences: { studentId: string; date: string; reason: string | null }[],
  from: string,
  to: string,
): ReportSection {
  const months: string[] = [];
  for (let d = from.slice(0, 7); d <= to.slice(0, 7); ) {
    months.push(d);
    const [y, m] = d.split('-').map(Number);
    d = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  const byStudent = new Map<string, typeof absences>();
  for (const a of absences) {
    const list = byStudent.get(a.studentId) ?? [];
    list.push(a);
    byStudent.set(a.studentId, list);
  }
  const rows: ReportRow[] = roster.map((s, i) => {
    const list = byStudent.get(s.studentId) ?? [];
    return {
      cells: [
        i + 1,
        studentName(s),
        ...months.map((m) => list.filter((a) => a.date.startsWith(m)).length || null),
        ...periods.map((p) => list.filter((a) => a.date >= p.startDate && a.date <= p.endDate).length || null),
        list.length,
        list.filter((a) => a.reason === 'illness').length,
        list.filter((a) => a.reason === 'valid').length,
      ],
    };
  });
  return {
    title: 'Сведения о пропущенных уроках',
    tocLabel: 'Сведения о пропущенных уроках',
    newPage: true,
    sheetName: 'Пропуски',
    blocks: [
      {
        kind: 'table',
        headerGroups: [
          [
            { title: '', span: 1 },
            { title: '', span: 1 },
            { title: 'По месяцам', span: months.length },
            { title: 'По периодам', span: periods.length },
            { title: 'За год', span: 3 },
          ],
        ],
        columns: [
          { key: 'no', title: '№', align: 'center', widthMm: 7 },
          { key: 'name', title: 'Фамилия, имя', grow: true, rowHeading: true },
          ...months.map((m) => ({ key: m, title: MONTHS_SHORT[Number(m.slice(5)) - 1], align: 'center' as const })),
          ...periods.map((p) => ({ key: p.id, title: periodShort(p), align: 'center' as const })),
          { key: 'total', title: 'всего', align: 'center' },
          { key: 'ill', title: 'по болезни', align: 'center' },
          { key: 'valid', title: 'по уважит. причине', align: 'center' },
        ],
        rows,
        fontSize: 8,
        emptyText: 'В классе нет обучающихся.',
      },
    ],
  };
}
