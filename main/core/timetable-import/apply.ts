import { IsNull } from 'typeorm';
import type { Writer } from '../write/writer';

import { AppError } from '../shared/errors';

import { newId } from '../shared/ids';

import { searchKey } from '../shared/text';

import { GradingSystemEntity, RoomEntity, SchoolClassEntity, StudyGroupEntity, SubjectEntity } from '../db/entities/school';

import { StaffEntity } from '../db/entities/staff';

import { TimetableEntity, TimetableEntryEntity } from '../db/entities/planning';

import type { ImportedTimetable } from './model';

import { readClassName, type Matched } from './match';

import { draftEntries, draftGroups, placeholder } from './preview';

import type { SchoolRefs } from './match';

export interface ImportResult {
  timetableId: string;
  entries: number;
  created: { teachers: number; classes: number; subjects: number; rooms: number; groups: number };
}

/**
 * Writes an import the deputy has seen in the preview: the records to
 * create, then a new draft timetable with the placements. Nothing is put in
 * force here: the deputy looks the timetable over in the editor first.
 */
export async function applyImport(
  write: Writer,
  yearId: string,
  file: ImportedTimetable,
  m: Matched,
  school: SchoolRefs,
  t: { name: string; validFrom: string },
): Promise<ImportResult> {
  const em = write.db;
  const ids = new Map<string, string>();
  const created = { teachers: 0, classes: 0, subjects: 0, rooms: 0, groups: 0 };

  for (const item of m.teachers.filter((i) => i.status === 'create')) {
    const p = file.teachers.find((x) => x.key === item.key)!;
    const lastName = (p.lastName ?? p.name).slice(0, 100);
    const firstName = (p.firstName ?? '').slice(0, 100);
    const staff = await write.insert(StaffEntity, {
      lastName,
      firstName,
      middleName: p.middleName,
      searchName: searchKey(lastName, firstName, p.middleName),
      position: 'Учитель',
      phone: null,
      email: null,
      hiredOn: null,
      leftOn: null,
      maxLessonsPerDay: null,
      note: `Создан при импорте расписания (${file.source})`,
    });
    ids.set(placeholder('teacher', item.key), staff.id);
    created.teachers++;
  }
  for (const item of m.classes.filter((i) => i.status === 'create')) {
    const c = file.classes.find((x) => x.key === item.key)!;
    const value = readClassName(c.name, c.short);
    if (!value) throw new AppError('VALIDATION', `Класс «${c.name}» нельзя создать: из названия не видно параллели и буквы.`);
    const cls = await write.insert(SchoolClassEntity, {
      yearId,
      gradeLevel: value.grade,
      letter: value.letter,
      name: value.name,
      classTeacherId: null,
      shift: 1,
      bellScheduleId: null,
      roomId: null,
    });
    ids.set(placeholder('class', item.key), cls.id);
    created.classes++;
  }
  const toCreateSubjects = m.subjects.filter((i) => i.status === 'create');
  if (toCreateSubjects.length) {
    const grading = await em.findOne(GradingSystemEntity, { where: { code: 'five_point', deletedAt: IsNull() } });
    if (!grading) throw new AppError('CONFLICT', 'В школе не настроена пятибалльная система оценивания: предметы из файла создать не получится. Сначала заполните справочник систем оценивания.');
    let order = Math.max(0, ...school.subjects.map((s) => s.sortOrder));
    for (const item of toCreateSubjects) {
      const s = file.subjects.find((x) => x.key === item.key)!;
      const name = (s.name || s.short).slice(0, 200);
      const subject = await write.insert(SubjectEntity, {
        name,
        shortName: (s.short || s.name).slice(0, 50),
        gradingSystemId: grading.id,
        sortOrder: (order += 10),
        searchName: searchKey(name),
      });
      ids.set(placeholder('subject', item.key), subject.id);
      created.subjects++;
    }
  }
  for (const item of m.rooms.filter((i) => i.status === 'create')) {
    const r = file.rooms.find((x) => x.key === item.key)!;
    const number = (r.short || r.name).slice(0, 20);
    const room = await write.insert(RoomEntity, { number, name: r.name && r.name !== number ? r.name.slice(0, 200) : null, capacity: null, kind: null, note: null });
    ids.set(placeholder('room', item.key), room.id);
    created.rooms++;
  }
  const resolve = (id: string | null) => (id === null ? null : (ids.get(id) ?? id));
  for (const g of draftGroups(file, m, school)) {
    if (!g.id.startsWith('new:')) continue;
    const item = m.groups.find((i) => placeholder('group', i.key) === g.id)!;
    const subjectKey = item.key.split('|').slice(1).join('|');
    const subjectId = resolve(m.subjects.find((s) => s.key === subjectKey)?.targetId ?? placeholder('subject', subjectKey))!;
    const group = await write.insert(StudyGroupEntity, {
      yearId,
      classId: resolve(g.classId)!,
      subjectId,
      name: g.name.slice(0, 100),
      splitKey: g.splitKey.slice(0, 100),
      note: `Создана при импорте расписания (${file.source})`,
    });
    ids.set(g.id, group.id);
    created.groups++;
  }

  const timetable = await write.insert(TimetableEntity, { yearId, name: t.name, validFrom: t.validFrom, validTo: null, cycleWeeks: file.cycleWeeks, status: 'draft' });
  const cards = new Map<string, string>();
  const rows = draftEntries(file, m).map((e) => ({
    timetableId: timetable.id,
    weekday: e.weekday,
    lessonNo: e.lessonNo,
    weekParity: e.weekParity,
    classId: resolve(e.classId)!,
    groupId: resolve(e.groupId),
    subjectId: resolve(e.subjectId)!,
    staffId: resolve(e.staffId)!,
    roomId: resolve(e.roomId),
    individualPlanId: null,
    cardId: cards.get(e.cardKey) ?? cards.set(e.cardKey, newId()).get(e.cardKey)!,
  }));
  await write.insertMany(TimetableEntryEntity, rows);
  await write.event('Timetable', timetable.id, 'timetable.imported', { source: file.source, entries: rows.length, created });
  return { timetableId: timetable.id, entries: rows.length, created };
}
