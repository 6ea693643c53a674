import type { ReadableDb } from '../db/readable';
import { IsNull, MoreThan } from 'typeorm';
import { ChangePrintEntity, LessonMoveEntity, SubstitutionEntity, type ChangePrintScope, type LessonMove } from '../db/entities/changes';
import { LessonEntity, type Lesson } from '../db/entities/journal';
import { compareRu } from '../shared/text';
import { Day } from './day';
import { lessonNoText, staffName } from './candidates';
import { classLabel, roomName } from './describe';
import { ruDayMonth } from '../shared/dates';

export type ChangeKind = 'substitute' | 'merge' | 'cancel' | 'room_change' | 'move_in' | 'move_out' | 'restored';

export interface ClassChangeRow {
  lessonId: string;
  classLabel: string;
  lessonNo: number;
  was: string;
  now: string;
  room: string;
  kind: ChangeKind;
  changed: boolean;
}

export interface TeacherChangeRow {
  lessonId: string;
  staffId: string;
  teacher: string;
  lessonNo: number;
  classLabel: string;
  todo: string;
  kind: ChangeKind;
  changed: boolean;
}

export interface DayChanges {
  date: string;
  classes: ClassChangeRow[];
  teachers: TeacherChangeRow[];
  /** When each list was last printed (null: never), so the screen can say what «changed» means. */
  lastPrinted: Record<ChangePrintScope, string | null>;
}

interface Item {
  lessonId: string;
  lessonNo: number;
  cls: string;
  was: string;
  now: string;
  room: string;
  kind: ChangeKind;
  changedAt: string;
  teachers: { staffId: string; todo: string }[];
}

async function lastPrints(em: ReadableDb, date: string): Promise<Record<ChangePrintScope, string | null>> {
  const rows = await em.find(ChangePrintEntity, { where: { date, deletedAt: IsNull() }, order: { printedAt: 'DESC' } });
  return {
    class: rows.find((r) => r.scope === 'class')?.printedAt ?? null,
    teacher: rows.find((r) => r.scope === 'teacher')?.printedAt ?? null,
  };
}

/**
 * Замены на дату (FORMS.md §7): for posting per class (what was, what is, the
 * room) and for the staff per teacher (what to do). A line changed after the
 * last print of its list is marked, and so is a change taken back since then
 * (the lesson is given by the timetable again), so the posted sheet can be
 * brought up to date.
 */
export async function dayChanges(em: ReadableDb, date: string, day?: Day): Promise<DayChanges> {
  const d = day ?? (await Day.load(em, date));
  const printed = await lastPrints(em, date);
  const earliest = [printed.class, printed.teacher].filter((p): p is string => !!p).sort()[0] ?? null;
  const items: Item[] = [];
  const subject = (l: Lesson) => d.subjects.get(l.subjectId)?.name ?? 'предмет удалён';
  const planned = (l: Lesson) => `${subject(l)} — ${staffName(d, l.staffId)}`;

  for (const l of d.lessons) {
    const s = d.subs.get(l.id);
    const cls = classLabel(d, l);
    const ownRoom = roomName(d, l.roomId);
    if (s) {
      const room = roomName(d, d.roomOf(l)) ?? '';
      const roomText = s.newRoomId || s.kind === 'merge' ? (ownRoom && ownRoom !== room ? `${room} (вместо ${ownRoom})` : room) : room;
      const teacherAway = !!d.absenceOf(l.staffId, l.lessonNo);
      const base = { lessonId: l.id, lessonNo: l.lessonNo, cls, was: planned(l), room: roomText, changedAt: s.updatedAt };
      switch (s.kind) {
        case 'substitute':
          items.push({
            ...base,
            kind: 'substitute',
            now: `${subject(l)} — ${staffName(d, s.substituteStaffId)} (замена)`,
            teachers: s.substituteStaffId
              ? [{ staffId: s.substituteStaffId, todo: `Замена: ${cls}, ${subject(l)} (по расписанию — ${staffName(d, l.staffId)}), кабинет ${room || '—'}` }]
              : [],
          });
          break;
        case 'merge': {
          const target = s.mergedWithLessonId ? d.byId.get(s.mergedWithLessonId) : undefined;
          const with_ = target ? classLabel(d, target) : 'другим классом';
          items.push({
            ...base,
            kind: 'merge',
            now: `Объединение с ${with_}: ${target ? subject(target) : subject(l)} — ${staffName(d, s.substituteStaffId)}`,
            teachers: s.substituteStaffId
              ? [{ staffId: s.substituteStaffId, todo: `Объединение: к уроку ${with_} присоединяется ${cls} (${subject(l)}), кабинет ${room || '—'}` }]
              : [],
          });
          break;
        }
        case 'cancel':
          items.push({
            ...base,
            room: '',
            kind: 'cancel',
            now: 'Урок отменён',
            teachers: teacherAway ? [] : [{ staffId: l.staffId, todo: `Урок ${cls} (${subject(l)}) отменён` }],
          });
          break;
        case 'room_change': {
          const who = d.teacherOf(l);
          items.push({
            ...base,
            kind: 'room_change',
            now: `${subject(l)} — ${staffName(d, who)}, другой кабинет`,
            teachers: who ? [{ staffId: who, todo: `Урок ${cls} (${subject(l)}) в кабинете ${room} вместо ${ownRoom ?? '—'}` }] : [],
          });
          break;
        }
      }
    }
  }

  // Moves into and out of the day.
  const movesIn = await em.find(LessonMoveEntity, { where: { toDate: date, deletedAt: IsNull() } });
  for (const m of movesIn) {
    const l = d.byId.get(m.lessonId);
    if (!l || l.lessonNo !== m.toLessonNo) continue;
    const cls = classLabel(d, l);
    const room = roomName(d, d.roomOf(l)) ?? '';
    items.push({
      lessonId: l.id,
      lessonNo: l.lessonNo,
      cls,
      was: '—',
      now: `${planned(l)} (перенесён с ${ruDayMonth(m.fromDate)}, ${lessonNoText(m.fromLessonNo)})`,
      room,
      kind: 'move_in',
      changedAt: m.updatedAt,
      teachers: [{ staffId: d.teacherOf(l) ?? l.staffId, todo: `Урок ${cls} (${subject(l)}) перенесён сюда с ${ruDayMonth(m.fromDate)}, ${lessonNoText(m.fromLessonNo)}; кабинет ${room || '—'}` }],
    });
  }
  const movesOut = await em.find(LessonMoveEntity, { where: { fromDate: date, deletedAt: IsNull() } });
  const movedLessons = movesOut.length
    ? await em.createQueryBuilder(LessonEntity, 'l').where('l.id IN (:...ids)', { ids: movesOut.map((m) => m.lessonId) }).getMany()
    : [];
  for (const m of movesOut) {
    const l = movedLessons.find((x) => x.id === m.lessonId);
    if (!l || l.deletedAt || (l.date === date && l.lessonNo === m.fromLessonNo)) continue;
    items.push(movedOut(d, m, l, planned(l), subject(l)));
  }

  // Changes taken back or replaced since the last print: the posted sheets still show them.
  if (earliest) {
    const removed = await em.find(SubstitutionEntity, { where: { deletedAt: MoreThan(earliest) } });
    for (const s of removed) {
      const l = d.byId.get(s.lessonId);
      if (!l || s.createdAt > earliest) continue;
      const live = d.subs.get(l.id);
      const current = items.find((i) => i.lessonId === l.id);
      const what = `${classLabel(d, l)} (${subject(l)})`;
      if (live && current) {
        // Replaced: the teacher of the old solution is told it no longer holds.
        if (s.substituteStaffId && s.substituteStaffId !== live.substituteStaffId && !current.teachers.some((x) => x.staffId === s.substituteStaffId)) {
          const now = current.now.charAt(0).toLocaleLowerCase('ru') + current.now.slice(1);
          current.teachers.push({ staffId: s.substituteStaffId, todo: `Изменено: ${what} — ${now}` });
        }
        continue;
      }
      if (current || (s.kind === 'cancel' && l.status === 'cancelled')) continue;
      items.push({
        lessonId: l.id,
        lessonNo: l.lessonNo,
        cls: classLabel(d, l),
        was: '—',
        now: `${planned(l)} (по расписанию, изменение отменено)`,
        room: roomName(d, d.roomOf(l)) ?? '',
        kind: 'restored',
        changedAt: s.deletedAt!,
        teachers: [
          ...(s.substituteStaffId ? [{ staffId: s.substituteStaffId, todo: `Замена отменена: ${what} ведёт ${staffName(d, l.staffId)}` }] : []),
          { staffId: l.staffId, todo: `Урок ${what} — по расписанию` },
        ],
      });
    }
  }

  const changed = (scope: ChangePrintScope, at: string) => !!printed[scope] && at > printed[scope]!;
  const classes: ClassChangeRow[] = items
    .map((i) => ({ lessonId: i.lessonId, classLabel: i.cls, lessonNo: i.lessonNo, was: i.was, now: i.now, room: i.room, kind: i.kind, changed: changed('class', i.changedAt) }))
    .sort((a, b) => compareRu(a.classLabel, b.classLabel) || a.lessonNo - b.lessonNo);
  const teachers: TeacherChangeRow[] = items
    .flatMap((i) =>
      i.teachers.map((t) => ({
        lessonId: i.lessonId,
        staffId: t.staffId,
        teacher: staffName(d, t.staffId),
        lessonNo: i.lessonNo,
        classLabel: i.cls,
        todo: t.todo,
        kind: i.kind,
        changed: changed('teacher', i.changedAt),
      })),
    )
    .sort((a, b) => compareRu(a.teacher, b.teacher) || a.lessonNo - b.lessonNo);
  return { date, classes, teachers, lastPrinted: printed };
}

function movedOut(d: Day, m: LessonMove, l: Lesson, was: string, subject: string): Item {
  const cls = classLabel(d, l);
  const where = `${ruDayMonth(l.date)}, ${lessonNoText(l.lessonNo)}`;
  return {
    lessonId: l.id,
    lessonNo: m.fromLessonNo,
    cls,
    was,
    now: `Перенесён на ${where}`,
    room: '',
    kind: 'move_out',
    changedAt: m.updatedAt,
    teachers: [{ staffId: l.staffId, todo: `Урок ${cls} (${subject}) перенесён на ${where}` }],
  };
}

