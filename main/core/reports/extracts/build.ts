import type { ReportEnv } from '../definition';
import { A4_PORTRAIT, type ReportBlock, type ReportModel, type ReportRow, type ReportSection } from '../model';
import { loadClass, resolveYear } from '../data/year';
import { classRoster, onRollAt, studentName } from '../data/roster';
import { GroupMembershipEntity, StudyGroupEntity } from '../../db/entities/school';
import { classSubjects } from '../data/subjects';
import { finalsOfClasses, FinalsIndex } from '../data/finals';
import { loadClassJournal, type JLesson } from '../data/class-journal';
import { initialsFirst, staffById, schoolName } from '../data/people';
import { baseModel, CLASS_TEACHER } from '../forms/common';
import type { ExtractSpan } from './span';
import { ruDate, ruDayMonth } from '../../shared/dates';

/**
 * Выписка из электронного журнала (FORMS.md §4): one student per page —
 * per subject the marks by date, lessons missed, the period's final mark
 * when the extract closes a period, and for a week the homework; the class
 * teacher's signature; and under a cut line the slip the parent signs and
 * returns, with the student's name, class and the extract's number printed
 * on it so that slips can be matched.
 */
export async function buildExtracts(
  env: ReportEnv,
  classId: string,
  span: ExtractSpan,
  studentIds: string[] | undefined,
  numbers: Map<string, string>,
) {
  const { className, yearName, parts } = await extractSections(env, classId, span, studentIds, numbers, false);
  return extractModel(env, parts.map((p) => p.section), `Выписки ${className} ${span.label}`.replace(yearName, ''));
}

/**
 * The same extracts, one document per student: what each student's own
 * parents get by e-mail (mail/compose.ts) — their child's pages and nothing
 * of any other student.
 */
export async function buildExtractPerStudent(
  env: ReportEnv,
  classId: string,
  span: ExtractSpan,
  studentIds: string[],
): Promise<{ studentId: string; model: ReportModel }[]> {
  const { className, parts } = await extractSections(env, classId, span, studentIds, new Map(), true);
  const out: { studentId: string; model: ReportModel }[] = [];
  for (const p of parts) out.push({ studentId: p.studentId, model: await extractModel(env, [p.section], `Выписка ${p.name} ${className} ${span.label}`) });
  return out;
}

function extractModel(env: ReportEnv, sections: ReportSection[], fileName: string) {
  return baseModel(env, {
    kind: 'parentExtract',
    title: 'Выписка из электронного журнала',
    page: A4_PORTRAIT,
    sections: sections.length > 0 ? sections : [{ blocks: [{ kind: 'text', text: 'В классе нет обучающихся за эти даты.' }] }],
    fileName,
  });
}

async function extractSections(
  env: ReportEnv,
  classId: string,
  span: ExtractSpan,
  studentIds: string[] | undefined,
  numbers: Map<string, string>,
  standalone: boolean,
): Promise<{ className: string; yearName: string; parts: { studentId: string; name: string; section: ReportSection }[] }> {
  const { em } = env;
  const c = await loadClass(em, classId);
  const year = await resolveYear(em, c.yearId, env.today);
  const [roster, subjects, journal, finals, school, groups] = await Promise.all([
    classRoster(em, c.id, span.from, span.to, env.use),
    classSubjects(em, [c.id]),
    loadClassJournal(em, [c.id], span.from, span.to),
    span.periodId ? finalsOfClasses(em, [c.id]) : Promise.resolve([]),
    schoolName(em),
    groupMembers(em, classId),
  ]);
  const index = new FinalsIndex(finals);
  const teacher = c.classTeacherId ? (await staffById(em, [c.classTeacherId])).get(c.classTeacherId) : undefined;
  const students = studentIds ? roster.filter((s) => studentIds.includes(s.studentId)) : roster;
  const list = subjects.get(c.id) ?? [];
  const weekly = span.kind === 'week';
  const parts = students.map((s, i) => {
    const rows: ReportRow[] = [];
    for (const sub of list) {
      const lessons = journal.lessons.filter((l) => l.subjectId === sub.subjectId && attends(l, s.studentId, groups));
      const marks: string[] = [];
      let missed = 0;
      const homework: string[] = [];
      for (const l of lessons) {
        const own = (journal.marksByLesson.get(l.id) ?? []).filter((m) => m.studentId === s.studentId).map((m) => m.value);
        if (own.length > 0) marks.push(`${ruDayMonth(l.date)}: ${own.join(', ')}`);
        if (journal.attendanceByLesson.get(l.id)?.some((a) => a.studentId === s.studentId && a.code === 'absent')) missed++;
        if (weekly && l.homework) homework.push(`${ruDayMonth(l.date)}: ${l.homework}`);
      }
      const final = span.periodId ? index.get(s.studentId, sub.subjectId, span.periodId) : null;
      if (lessons.length === 0 && !final) continue;
      rows.push({ cells: [sub.name, marks.join('; ') || '—', missed || '', ...(span.periodId ? [final ?? ''] : []), ...(weekly ? [homework.join('; ')] : [])] });
    }
    const blocks: ReportBlock[] = [];
    if (i > 0 && !standalone) {
      // Each student's page stands alone: the school and the form's name again.
      blocks.push(
        { kind: 'text', text: school, size: 10, align: 'center' },
        { kind: 'text', text: 'Выписка из электронного журнала', size: 13, bold: true, align: 'center' },
      );
    }
    blocks.push(
      { kind: 'fields', fields: [
        { label: 'Обучающийся', value: studentName(s) },
        { label: 'Класс', value: c.name },
        { label: 'Период', value: span.kind === 'week' ? `${ruDate(span.from)} – ${ruDate(span.to)}` : `${span.label} (${ruDate(span.from)} – ${ruDate(span.to)})` },
      ] },
      {
        kind: 'table',
        columns: [
          { key: 'subject', title: 'Предмет' },
          { key: 'marks', title: 'Отметки (дата: отметка)', grow: true },
          { key: 'missed', title: 'Пропущено уроков', align: 'center' },
          ...(span.periodId ? [{ key: 'final', title: 'Итоговая', align: 'center' as const }] : []),
          ...(weekly ? [{ key: 'hw', title: 'Домашнее задание', grow: true }] : []),
        ],
        rows,
        fontSize: 8.5,
        emptyText: 'За этот период уроков не было.',
      },
      { kind: 'signatures', lines: [{ position: CLASS_TEACHER, name: teacher ? initialsFirst(teacher) : '' }] },
      {
        kind: 'slip',
        atBottom: true,
        lines: [
          `${studentName(s)}, ${c.name} класс${numbers.get(s.studentId) ? `            Выписка № ${numbers.get(s.studentId)}` : ''}`,
          `С выпиской за ${span.label} ознакомлен(а): __________ (подпись) ______ (дата)`,
          'Фамилия, инициалы родителя (законного представителя): ______________________________',
        ],
      },
    );
    const section: ReportSection = { newPage: true, blocks, sheetName: studentName(s).slice(0, 31) };
    return { studentId: s.studentId, name: studentName(s), section };
  });
  return { className: c.name, yearName: year.name, parts };
}

/** Who is in which group of the class on which days. */
async function groupMembers(em: ReportEnv['em'], classId: string): Promise<Map<string, { studentId: string; fromDate: string; toDate: string | null }[]>> {
  const rows = await em
    .createQueryBuilder(GroupMembershipEntity, 'm')
    .innerJoin(StudyGroupEntity.options.name, 'g', 'g.id = m.groupId')
    .where('g.classId = :classId AND m.deletedAt IS NULL', { classId })
    .getMany();
  const out = new Map<string, { studentId: string; fromDate: string; toDate: string | null }[]>();
  for (const r of rows) {
    const list = out.get(r.groupId) ?? [];
    list.push(r);
    out.set(r.groupId, list);
  }
  return out;
}

/** A lesson of the student: the whole class's, or a group's the student was in on that day. */
function attends(l: JLesson, studentId: string, groups: Map<string, { studentId: string; fromDate: string; toDate: string | null }[]>): boolean {
  if (!l.groupId) return true;
  return (groups.get(l.groupId) ?? []).some((m) => m.studentId === studentId && onRollAt(m, l.date));
}
