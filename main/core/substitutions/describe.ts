import type { Substitution, SubstitutionKind } from '../db/entities/changes';
import type { Lesson } from '../db/entities/journal';
import type { Day } from './day';
import { lessonNoText, staffName } from './candidates';

export const KIND_RU: Record<SubstitutionKind | 'move', string> = {
  substitute: 'замена',
  merge: 'объединение',
  cancel: 'отмена',
  room_change: 'смена кабинета',
  move: 'перенос',
};

/** «5А» or «5А (1 подгруппа)». */
export function classLabel(day: Day, l: Pick<Lesson, 'classId' | 'groupId'>): string {
  const cls = day.classes.get(l.classId)?.name ?? 'класс удалён';
  const group = l.groupId ? day.groups.get(l.groupId)?.name : null;
  return group ? `${cls} (${group})` : cls;
}

/** «5А, 2-й урок, Математика». */
export function lessonLabel(day: Day, l: Lesson): string {
  return `${classLabel(day, l)}, ${lessonNoText(l.lessonNo)}, ${day.subjects.get(l.subjectId)?.name ?? 'предмет удалён'}`;
}

export function roomName(day: Day, roomId: string | null): string | null {
  return roomId ? (day.rooms.get(roomId)?.number ?? 'кабинет удалён') : null;
}

/** What was decided for a lesson, in one Russian line. */
export function solutionText(day: Day, l: Lesson, s: Pick<Substitution, 'kind' | 'substituteStaffId' | 'mergedWithLessonId' | 'newRoomId'>): string {
  const room = s.newRoomId ? `, кабинет ${roomName(day, s.newRoomId)}` : '';
  switch (s.kind) {
    case 'substitute':
      return `Замена: ${staffName(day, s.substituteStaffId)}${room}`;
    case 'merge': {
      const target = s.mergedWithLessonId ? day.byId.get(s.mergedWithLessonId) : undefined;
      const where = target ? `${classLabel(day, target)} (${day.subjects.get(target.subjectId)?.name ?? ''})` : 'другим классом';
      return `Объединение с ${where}, ведёт ${staffName(day, s.substituteStaffId)}${room}`;
    }
    case 'cancel':
      return 'Урок отменён';
    case 'room_change':
      return `Кабинет ${roomName(day, s.newRoomId)} вместо ${roomName(day, l.roomId) ?? 'прежнего'}`;
  }
}
