import type { ReadableDb } from '../db/readable';
import { IsNull } from 'typeorm';
import { StaffEntity, type Staff } from '../db/entities/staff';
import { RoomEntity, SchoolClassEntity, StudyGroupEntity, SubjectEntity } from '../db/entities/school';
import type { Lesson } from '../db/entities/journal';
import { shortName } from '../shared/text';

/**
 * Names for lists that span many days (the book, the monthly statement, the
 * day's changes): the reference tables are small, so they are read whole.
 */
export class Names {
  private constructor(
    readonly staff: Map<string, Staff>,
    private readonly classes: Map<string, { name: string; gradeLevel: number }>,
    private readonly groups: Map<string, string>,
    private readonly subjects: Map<string, string>,
    private readonly rooms: Map<string, string>,
  ) {}

  static async load(em: ReadableDb): Promise<Names> {
    // Deleted rows are read too: old substitutions still name who and what they were.
    const [staff, classes, groups, subjects, rooms] = await Promise.all([
      em.find(StaffEntity),
      em.find(SchoolClassEntity),
      em.find(StudyGroupEntity),
      em.find(SubjectEntity),
      em.find(RoomEntity, { where: { deletedAt: IsNull() } }),
    ]);
    return new Names(
      new Map(staff.map((s) => [s.id, s])),
      new Map(classes.map((c) => [c.id, { name: c.name, gradeLevel: c.gradeLevel }])),
      new Map(groups.map((g) => [g.id, g.name])),
      new Map(subjects.map((s) => [s.id, s.name])),
      new Map(rooms.map((r) => [r.id, r.number])),
    );
  }

  teacher(id: string | null): string {
    if (!id) return '';
    const s = this.staff.get(id);
    return s ? shortName(s) : 'сотрудник удалён';
  }

  className(id: string): string {
    return this.classes.get(id)?.name ?? 'класс удалён';
  }

  /** «5А» or «5А (1 подгруппа)». */
  cls(l: Pick<Lesson, 'classId' | 'groupId'>): string {
    const group = l.groupId ? this.groups.get(l.groupId) : null;
    return group ? `${this.className(l.classId)} (${group})` : this.className(l.classId);
  }

  subject(id: string): string {
    return this.subjects.get(id) ?? 'предмет удалён';
  }

  room(id: string | null): string | null {
    return id ? (this.rooms.get(id) ?? 'кабинет удалён') : null;
  }
}
