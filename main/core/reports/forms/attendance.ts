import { z } from 'zod';
import { defineReport } from '../definition';
import { A4_PORTRAIT, type ReportRow, type ReportSection } from '../model';
import { loadClass, resolveYear } from '../data/year';
import { classRoster, studentName } from '../data/roster';
import { classSubjects } from '../data/subjects';
import { absencesOfClasses, countAbsences, type AbsenceRow } from '../data/absences';
import { resolveSpan, spanParams } from '../data/span';
import { initialsFirst, staffById } from '../data/people';
import { assertClassScope } from '../scope';
import { baseModel, CLASS_TEACHER } from './common';
import { ruDate } from '../../shared/dates';

/**
 * Пропуски уроков (seed 002): per student, lessons missed in the span — in
 * all, for illness, for another valid reason, without one — and then, for
 * each student who missed any, the dates, subjects and the topics missed.
 */
export const attendanceParams = z.object({
  kind: z.literal('attendance'),
  classId: z.string().uuid(),
  /** One student only. */
  studentId: z.string().uuid().optional(),
  ...spanParams,
});

const REASON_RU: Record<string, string> = { illness: 'по болезни', valid: 'уважительная', invalid: 'неуважительная' };

export const attendanceReport = defineReport({
  kind: 'attendance',
  title: 'Пропуски уроков с темами',
  params: attendanceParams,
  authorize: (env, p) => assertClassScope(env.em, env.actor, p.classId),
  async build(env, p) {
    const c = await loadClass(env.em, p.classId);
    const year = await resolveYear(env.em, c.yearId, env.today);
    const span = await resolveSpan(env.em, year, c, p, env.today);
    const [roster, absences, subjects] = await Promise.all([
      classRoster(env.em, c.id, span.from, span.to, env.use),
      absencesOfClasses(env.em, [c.id], span.from, span.to, p.studentId),
      classSubjects(env.em, [c.id]),
    ]);
    const students = p.studentId ? roster.filter((s) => s.studentId === p.studentId) : roster;
    const subjectName = new Map((subjects.get(c.id) ?? []).map((s) => [s.subjectId, s.name]));
    const byStudent = new Map<string, AbsenceRow[]>();
    for (const a of absences) {
      const list = byStudent.get(a.studentId) ?? [];
      list.push(a);
      byStudent.set(a.studentId, list);
    }
    const rows: ReportRow[] = students.map((s, i) => {
      const k = countAbsences(byStudent.get(s.studentId) ?? []);
      return { cells: [i + 1, studentName(s), k.total, k.illness, k.valid, k.other], ref: { kind: 'student', id: s.studentId } };
    });
    const all = countAbsences(students.flatMap((s) => byStudent.get(s.studentId) ?? []));
    const sections: ReportSection[] = [
      {
        blocks: [
          {
            kind: 'table',
            headerGroups: [[{ title: '', span: 1 }, { title: '', span: 1 }, { title: 'Пропущено уроков', span: 4 }]],
            columns: [
              { key: 'no', title: '№', align: 'center', widthMm: 8 },
              { key: 'name', title: 'Фамилия, имя', grow: true, rowHeading: true },
              { key: 'total', title: 'всего', align: 'center' },
              { key: 'ill', title: 'по болезни', align: 'center' },
              { key: 'valid', title: 'по другой уважительной причине', align: 'center' },
              { key: 'other', title: 'без уважительной причины', align: 'center' },
            ],
            rows,
            totals: [{ cells: ['', 'Итого', all.total, all.illness, all.valid, all.other] }],
            emptyText: 'Нет обучающихся.',
          },
          { kind: 'text', size: 8, text: 'Причина пропуска — отмеченная у пропуска или указанная классным руководителем на эти дни (справка). Пропуски без указанной причины считаются пропусками без уважительной причины.' },
        ],
      },
    ];
    for (const s of students) {
      const list = byStudent.get(s.studentId) ?? [];
      if (list.length === 0) continue;
      sections.push({
        title: studentName(s),
        blocks: [
          {
            kind: 'table',
            columns: [
              { key: 'date', title: 'Дата', noWrap: true, format: 'date' },
              { key: 'no', title: '№ урока', align: 'center' },
              { key: 'subject', title: 'Предмет' },
              { key: 'topic', title: 'Тема пропущенного урока', grow: true },
              { key: 'reason', title: 'Причина' },
            ],
            rows: list.map((a) => ({
              cells: [a.date, a.lessonNo, subjectName.get(a.subjectId) ?? '', a.topic ?? '—', a.reason ? REASON_RU[a.reason] : 'не указана'],
              ref: { kind: 'lesson', id: a.lessonId },
            })),
            fontSize: 8.5,
          },
        ],
      });
    }
    const teacher = c.classTeacherId ? (await staffById(env.em, [c.classTeacherId])).get(c.classTeacherId) : undefined;
    const one = p.studentId ? students[0] : undefined;
    return baseModel(env, {
      kind: 'attendance',
      title: one ? `Пропуски уроков: ${studentName(one)}, ${c.name} класс` : `Пропуски уроков обучающимися ${c.name} класса`,
      subtitle: span.label,
      page: A4_PORTRAIT,
      fields: [
        { label: 'Класс', value: c.name },
        { label: 'Период', value: `${ruDate(span.from)} – ${ruDate(span.to)}` },
      ],
      sections,
      signatures: [{ position: CLASS_TEACHER, name: teacher ? initialsFirst(teacher) : '' }],
      fileName: `Пропуски ${c.name} ${span.label}`,
    });
  },
});
