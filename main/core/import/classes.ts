import type { ReadableDb } from '../db/readable';
import type { Writer } from '../write/writer';
import { RoomEntity, SchoolClassEntity } from '../db/entities/school';
import { StaffEntity } from '../db/entities/staff';
import { searchKey, shortName } from '../shared/text';
import { findLive } from '../school/common';
import { RowProblems, type CheckedRow, type SourceRow } from './engine';
import { parseClassName, parseShift } from './values';

/** Classes of a year: name, class teacher (by full name or «Фамилия И.О.»), shift and home room. */
export interface ClassRowData {
  gradeLevel: number;
  letter: string;
  name: string;
  classTeacherId: string | null;
  shift: number;
  roomId: string | null;
}

export async function checkClasses(em: ReadableDb, yearId: string, yearName: string, rows: SourceRow[]): Promise<CheckedRow<ClassRowData>[]> {
  const existing = await findLive(em, SchoolClassEntity, { yearId });
  const staff = (await findLive(em, StaffEntity)).filter((s) => !s.leftOn);
  const rooms = await findLive(em, RoomEntity);
  const seen = new Map<string, number>();
  const teacherRow = new Map<string, number>();
  return rows.map((row) => {
    const v = row.values;
    const p = new RowProblems('classes');
    const cls = parseClassName(v.className);
    if (!cls.ok) p.add('className', cls.problem);
    else if (!cls.value) p.add('className', 'не указан');
    else {
      const earlier = seen.get(cls.value.name);
      if (earlier) p.add('className', `${cls.value.name} уже есть в строке ${earlier}`);
      else seen.set(cls.value.name, row.rowNo);
      if (existing.some((c) => c.name === cls.value!.name)) p.add('className', `класс ${cls.value.name} уже есть в ${yearName} учебном году`);
    }
    let classTeacherId: string | null = null;
    if (v.classTeacher) {
      // «Петрова Мария Ивановна», «Петрова М.И.» and «Петрова М. И.» all name the same person.
      const compact = (x: string) => searchKey(x).replace(/[.\s]/g, '');
      const wanted = compact(v.classTeacher);
      const matches = staff.filter((s) => compact(`${s.lastName} ${s.firstName} ${s.middleName ?? ''}`) === wanted || compact(shortName(s)) === wanted);
      if (matches.length === 0) p.add('classTeacher', `сотрудника «${v.classTeacher}» нет в списке сотрудников`);
      else if (matches.length > 1) p.add('classTeacher', `«${v.classTeacher}» — несколько сотрудников, укажите полное ФИО`);
      else {
        classTeacherId = matches[0].id;
        const earlier = teacherRow.get(classTeacherId);
        if (earlier) p.add('classTeacher', `${shortName(matches[0])} уже указан(а) классным руководителем в строке ${earlier}`);
        else teacherRow.set(classTeacherId, row.rowNo);
        const led = existing.find((c) => c.classTeacherId === classTeacherId);
        if (led) p.add('classTeacher', `${shortName(matches[0])} уже классный руководитель ${led.name}`);
      }
    }
    const shift = parseShift(v.shift);
    if (!shift.ok) p.add('shift', shift.problem);
    let roomId: string | null = null;
    if (v.room) {
      const room = rooms.find((r) => r.number.toLowerCase() === v.room.toLowerCase());
      if (!room) p.add('room', `кабинета «${v.room}» нет в списке кабинетов`);
      else roomId = room.id;
    }
    return {
      ...row,
      problems: p.list,
      data:
        p.list.length === 0 && cls.ok && cls.value
          ? { gradeLevel: cls.value.grade, letter: cls.value.letter, name: cls.value.name, classTeacherId, shift: (shift.ok && shift.value) || 1, roomId }
          : null,
    };
  });
}

export async function applyClasses(write: Writer, yearId: string, rows: ClassRowData[]): Promise<{ classes: number }> {
  for (const r of rows) await write.insert(SchoolClassEntity, { yearId, ...r, bellScheduleId: null });
  return { classes: rows.length };
}
