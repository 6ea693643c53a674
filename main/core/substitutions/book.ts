import type { ReadableDb } from '../db/readable';
import { LessonEntity } from '../db/entities/journal';
import { LessonMoveEntity, SubstitutionEntity, TeacherAbsenceEntity, type SubstitutionKind } from '../db/entities/changes';
import { compareRu } from '../shared/text';
import { REASON_RU } from './absences';
import { KIND_RU } from './describe';
import { ruDayMonth } from '../shared/dates';
import { lessonNoText } from './candidates';
import { Names } from './names';

export interface BookRow {
  id: string;
  date: string;
  lessonNo: number;
  classLabel: string;
  subject: string;
  absentTeacher: string;
  reason: string;
  substitute: string;
  kind: SubstitutionKind | 'move';
  /** «замена», «объединение с 5В», «перенос на 26.11, 6-й урок». */
  kindText: string;
  /** Null for a move: the lesson is given by its own teacher at the new time. */
  hours: number | null;
  paid: boolean | null;
}

/**
 * Книга замены уроков (FORMS.md §6) for any span: every substitution, merge
 * and cancellation of a lesson in it, and every lesson moved from a date in
 * it, by date and lesson number. A change of room is no замена and stays out.
 */
export async function bookRows(em: ReadableDb, from: string, to: string): Promise<BookRow[]> {
  const names = await Names.load(em);
  const subs = await em
    .createQueryBuilder(SubstitutionEntity, 's')
    .innerJoin(LessonEntity.options.name, 'l', 'l.id = s.lessonId')
    .where("s.deletedAt IS NULL AND l.deletedAt IS NULL AND s.kind <> 'room_change'")
    .andWhere('l.date >= :from AND l.date <= :to', { from, to })
    .getMany();
  const moves = await em
    .createQueryBuilder(LessonMoveEntity, 'm')
    .where('m.deletedAt IS NULL AND m.fromDate >= :from AND m.fromDate <= :to', { from, to })
    .getMany();
  const lessonIds = [...new Set([...subs.map((s) => s.lessonId), ...subs.flatMap((s) => (s.mergedWithLessonId ? [s.mergedWithLessonId] : [])), ...moves.map((m) => m.lessonId)])];
  const lessons = await byIds(lessonIds, (ids) => em.createQueryBuilder(LessonEntity, 'l').where('l.id IN (:...ids)', { ids }).getMany());
  const absenceIds = [...new Set([...subs, ...moves].flatMap((x) => (x.teacherAbsenceId ? [x.teacherAbsenceId] : [])))];
  const absences = await byIds(absenceIds, (ids) =>
    em.createQueryBuilder(TeacherAbsenceEntity, 'a').where('a.id IN (:...ids)', { ids }).getMany(),
  );
  const reason = (id: string | null) => {
    const a = id ? absences.get(id) : undefined;
    return a && !a.deletedAt ? REASON_RU[a.reason] : '—';
  };
  const rows: BookRow[] = [];
  for (const s of subs) {
    const l = lessons.get(s.lessonId);
    if (!l) continue;
    const target = s.mergedWithLessonId ? lessons.get(s.mergedWithLessonId) : undefined;
    rows.push({
      id: s.id,
      date: l.date,
      lessonNo: l.lessonNo,
      classLabel: names.cls(l),
      subject: names.subject(l.subjectId),
      absentTeacher: names.teacher(l.staffId),
      reason: reason(s.teacherAbsenceId),
      substitute: s.substituteStaffId ? names.teacher(s.substituteStaffId) : '—',
      kind: s.kind,
      kindText: s.kind === 'merge' && target ? `объединение с ${names.cls(target)}` : KIND_RU[s.kind],
      hours: s.hours,
      paid: s.kind === 'cancel' ? null : Boolean(s.paid),
    });
  }
  for (const m of moves) {
    const l = lessons.get(m.lessonId);
    if (!l || l.deletedAt) continue;
    rows.push({
      id: m.id,
      date: m.fromDate,
      lessonNo: m.fromLessonNo,
      classLabel: names.cls(l),
      subject: names.subject(l.subjectId),
      absentTeacher: names.teacher(l.staffId),
      reason: m.teacherAbsenceId ? reason(m.teacherAbsenceId) : (m.reason ?? '—'),
      substitute: '—',
      kind: 'move',
      kindText: `перенос на ${ruDayMonth(m.toDate)}, ${lessonNoText(m.toLessonNo)}`,
      hours: null,
      paid: null,
    });
  }
  return rows.sort((a, b) => a.date.localeCompare(b.date) || a.lessonNo - b.lessonNo || compareRu(a.classLabel, b.classLabel));
}

/** Rows by id, read in chunks (SQLite limits the number of bound parameters). */
export async function byIds<T extends { id: string }>(ids: string[], read: (ids: string[]) => Promise<T[]>): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for (let i = 0; i < ids.length; i += 500) for (const r of await read(ids.slice(i, i + 500))) out.set(r.id, r);
  return out;
}

