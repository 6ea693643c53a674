import type { ReadableDb } from '../db/readable';
import type { EntitySchema } from 'typeorm';
import { AttendanceEntity, LessonEntity, MarkEntity } from '../db/entities/journal';
import { LessonMoveEntity, SubstitutionEntity } from '../db/entities/changes';
import { RemarkEntity } from '../db/entities/control';

/** What has been written in a lesson: anything here means the lesson must not be removed. */
export interface LessonData {
  topic: boolean;
  homework: boolean;
  /** Given or cancelled: its status was set by someone. */
  statusSet: boolean;
  /** A substitute teacher is set on the lesson itself. */
  substitute: boolean;
  marks: number;
  absences: number;
  substitutions: number;
  moves: number;
  remarks: number;
}

export function hasData(d: LessonData | undefined): boolean {
  return !!d && (d.topic || d.homework || d.statusSet || d.substitute || d.marks + d.absences + d.substitutions + d.moves + d.remarks > 0);
}

const CHUNK = 500;

/** The entries of each lesson (live rows only), for the lessons named. */
export async function lessonData(em: ReadableDb, lessonIds: string[]): Promise<Map<string, LessonData>> {
  const out = new Map<string, LessonData>();
  const blank = (): LessonData => ({ topic: false, homework: false, statusSet: false, substitute: false, marks: 0, absences: 0, substitutions: 0, moves: 0, remarks: 0 });
  for (const id of lessonIds) out.set(id, blank());
  for (let i = 0; i < lessonIds.length; i += CHUNK) {
    const ids = lessonIds.slice(i, i + CHUNK);
    const rows = await em
      .createQueryBuilder(LessonEntity, 'l')
      .select(['l.id', 'l.topic', 'l.homework', 'l.status', 'l.substituteStaffId'])
      .where('l.id IN (:...ids)', { ids })
      .getMany();
    for (const r of rows) {
      const d = out.get(r.id)!;
      d.topic = !!r.topic;
      d.homework = !!r.homework;
      d.statusSet = r.status !== 'planned';
      d.substitute = !!r.substituteStaffId;
    }
    await count(em, MarkEntity, ids, (d, n) => (d.marks = n), out);
    await count(em, AttendanceEntity, ids, (d, n) => (d.absences = n), out);
    await count(em, SubstitutionEntity, ids, (d, n) => (d.substitutions = n), out);
    await count(em, LessonMoveEntity, ids, (d, n) => (d.moves = n), out);
    await count(em, RemarkEntity, ids, (d, n) => (d.remarks = n), out);
  }
  return out;
}

async function count<T>(
  em: ReadableDb,
  entity: EntitySchema<T>,
  ids: string[],
  set: (d: LessonData, n: number) => void,
  out: Map<string, LessonData>,
): Promise<void> {
  const rows: { lessonId: string; n: string | number }[] = await em
    .createQueryBuilder(entity, 'x')
    .select('x.lessonId', 'lessonId')
    .addSelect('COUNT(*)', 'n')
    .where('x.lessonId IN (:...ids) AND x.deletedAt IS NULL', { ids })
    .groupBy('x.lessonId')
    .getRawMany();
  for (const r of rows) {
    const d = out.get(r.lessonId);
    if (d) set(d, Number(r.n));
  }
}
