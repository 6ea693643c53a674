import { z } from 'zod';
import { defineReport } from '../definition';
import { A4_PORTRAIT, type ReportRow } from '../model';
import { loadClass, resolveYear } from '../data/year';
import { classRoster, studentName } from '../data/roster';
import { classSubjects } from '../data/subjects';
import { resolveSpan, spanParams } from '../data/span';
import { initialsFirst, staffById } from '../data/people';
import { assertClassScope } from '../scope';
import { baseModel, CLASS_TEACHER } from './common';
import { LessonEntity, MarkEntity } from '../../db/entities/journal';
import { WorkTypeEntity } from '../../db/entities/school';
import { shortName } from '../../shared/text';
import { ruDate } from '../../shared/dates';
import { markCell } from '../formulas/performance';

/**
 * Неудовлетворительные отметки (seed 002): every «2» (and «1», «незач») of a
 * class's students in the span, with the date, subject, kind of work, the
 * lesson's topic and the teacher — what a student has to make up.
 */
export const unsatisfactoryParams = z.object({
  kind: z.literal('unsatisfactory'),
  classId: z.string().uuid(),
  studentId: z.string().uuid().optional(),
  ...spanParams,
});

/** «2», «2+», «1», «незач»: a mark whose whole part is below three. «3−» is still a three. */
export function isUnsatisfactory(value: string): boolean {
  const v = value.trim().toLocaleLowerCase('ru-RU');
  return v === 'незач' || /^[12]([+-]|$)/.test(v);
}

export const unsatisfactoryReport = defineReport({
  kind: 'unsatisfactory',
  title: 'Неудовлетворительные отметки с темами',
  params: unsatisfactoryParams,
  authorize: (env, p) => assertClassScope(env.em, env.actor, p.classId),
  async build(env, p) {
    const c = await loadClass(env.em, p.classId);
    const year = await resolveYear(env.em, c.yearId, env.today);
    const span = await resolveSpan(env.em, year, c, p, env.today);
    const q = env.em
      .createQueryBuilder(MarkEntity, 'm')
      .innerJoin(LessonEntity.options.name, 'l', 'l.id = m.lessonId')
      .leftJoin(WorkTypeEntity.options.name, 'w', 'w.id = m.workTypeId')
      .select('m.studentId', 'studentId')
      .addSelect('m.value', 'value')
      .addSelect('l.id', 'lessonId')
      .addSelect('l.date', 'date')
      .addSelect('l.subjectId', 'subjectId')
      .addSelect('l.topic', 'topic')
      .addSelect('l.staffId', 'staffId')
      .addSelect('l.substituteStaffId', 'substituteStaffId')
      .addSelect('w.name', 'workType')
      .where('l.classId = :classId AND l.deletedAt IS NULL AND m.deletedAt IS NULL AND l.date >= :from AND l.date <= :to', {
        classId: c.id,
        from: span.from,
        to: span.to,
      })
      .orderBy('l.date', 'ASC')
      .addOrderBy('l.lessonNo', 'ASC');
    if (p.studentId) q.andWhere('m.studentId = :studentId', { studentId: p.studentId });
    const marks = (
      await q.getRawMany<{ studentId: string; value: string; lessonId: string; date: string; subjectId: string; topic: string | null; staffId: string; substituteStaffId: string | null; workType: string | null }>()
    ).filter((m) => isUnsatisfactory(m.value));
    const [roster, subjects, staff] = await Promise.all([
      classRoster(env.em, c.id, span.from, span.to, env.use),
      classSubjects(env.em, [c.id]),
      staffById(env.em, [...marks.map((m) => m.substituteStaffId ?? m.staffId), ...(c.classTeacherId ? [c.classTeacherId] : [])]),
    ]);
    const subjectName = new Map((subjects.get(c.id) ?? []).map((s) => [s.subjectId, s.name]));
    const rows: ReportRow[] = [];
    let n = 0;
    for (const s of roster) {
      const own = marks.filter((m) => m.studentId === s.studentId);
      if (own.length === 0) continue;
      n++;
      for (const m of own) {
        const teacher = staff.get(m.substituteStaffId ?? m.staffId);
        rows.push({
          group: s.studentId,
          cells: [n, `${studentName(s)}\n(${own.length})`, m.date, subjectName.get(m.subjectId) ?? '', markCell(m.value), m.workType ?? '', m.topic ?? '—', teacher ? shortName(teacher) : ''],
          ref: { kind: 'lesson', id: m.lessonId },
        });
      }
    }
    const classTeacher = c.classTeacherId ? staff.get(c.classTeacherId) : undefined;
    return baseModel(env, {
      kind: 'unsatisfactory',
      title: `Неудовлетворительные отметки обучающихся ${c.name} класса`,
      subtitle: span.label,
      page: A4_PORTRAIT,
      fields: [
        { label: 'Класс', value: c.name },
        { label: 'Период', value: `${ruDate(span.from)} – ${ruDate(span.to)}` },
        { label: 'Обучающихся с неудовлетворительными отметками', value: String(n) },
        { label: 'Отметок', value: String(marks.length) },
      ],
      sections: [
        {
          blocks: [
            {
              kind: 'table',
              columns: [
                { key: 'no', title: '№', align: 'center', widthMm: 8, mergeInGroup: true },
                { key: 'name', title: 'Фамилия, имя (отметок)', mergeInGroup: true, rowHeading: true },
                { key: 'date', title: 'Дата', noWrap: true, format: 'date' },
                { key: 'subject', title: 'Предмет' },
                { key: 'mark', title: 'Отметка', align: 'center' },
                { key: 'work', title: 'Вид работы' },
                { key: 'topic', title: 'Тема урока', grow: true },
                { key: 'teacher', title: 'Учитель', noWrap: true },
              ],
              rows,
              fontSize: 8.5,
              emptyText: 'Неудовлетворительных отметок за этот период нет.',
            },
          ],
        },
      ],
      signatures: [{ position: CLASS_TEACHER, name: classTeacher ? initialsFirst(classTeacher) : '' }],
      fileName: `Неудовлетворительные отметки ${c.name} ${span.label}`,
    });
  },
});
