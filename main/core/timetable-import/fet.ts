import { searchKey } from '../shared/text';
import { child, childText, childrenNamed, type XmlElement } from './xml';
import { splitPersonName, type ImportedPlacement, type ImportedTimetable } from './model';
import { FetStudents } from './fet-students';

/**
 * FET: the `.fet` file (days, hours, teachers, subjects, rooms, the students
 * as years → groups → subgroups, and the activities) and the placements —
 * from `<name>_activities.xml` of FET's results (Id, Day, Hour, Room of each
 * activity) or, in a `_data_and_timetable.fet`, from the locked
 * ConstraintActivityPreferredStartingTime / ConstraintActivityPreferredRoom.
 *
 * Years, groups and subgroups become classes and study groups as
 * `fet-students.ts` explains (a year is a class, or a grade whose groups are
 * the classes). A ten- or twelve-day FET week whose second half repeats the
 * first is read as weeks A and B. Activities without a teacher or without
 * students are left out, and the preview says how many.
 */

export class FetRefusal extends Error {}

/** «5А», «5 а», «10-Б», «6A», «10A1»: a grade and a letter or two, as a class is named. */
function looksLikeClassName(name: string): boolean {
  const m = /^(\d{1,2})\s*[-.]?\s*(\p{L}{1,3})\s*\d{0,2}$/u.exec(name.trim());
  return !!m && Number(m[1]) >= 1 && Number(m[1]) <= 12;
}

export function readFet(fet: XmlElement, activitiesXml: XmlElement | null, encoding: string): ImportedTimetable {
  if (fet.name.toLowerCase() !== 'fet') throw new FetRefusal(`это не файл FET: корневой элемент <${fet.name}>, а не <fet>.`);
  if (activitiesXml && activitiesXml.name !== 'Activities_Timetable') {
    throw new FetRefusal(`второй файл — не результат FET «…_activities.xml»: его корневой элемент <${activitiesXml.name}>.`);
  }
  const notes: string[] = [];
  const names = (list: string, item: string) => {
    const l = child(fet, list);
    return l ? childrenNamed(l, item).map((x) => childText(x, 'Name')).filter(Boolean) : [];
  };
  const dayNames = names('Days_List', 'Day');
  const hourNames = names('Hours_List', 'Hour');
  if (!dayNames.length || !hourNames.length) throw new FetRefusal('в файле FET нет списка дней или уроков (Days_List, Hours_List).');

  // Weeks A and B: ten (or twelve) days whose second half repeats the first.
  const half = dayNames.length / 2;
  const twoWeeks =
    (dayNames.length === 10 || dayNames.length === 12) &&
    dayNames.slice(0, half).every((d, i) => dayBase(d) === dayBase(dayNames[i + half]));
  if (!twoWeeks && dayNames.length > 6) throw new FetRefusal(`в расписании FET ${dayNames.length} дней в неделе: такое расписание не ложится на школьную неделю.`);
  const dayIndex = new Map(dayNames.map((d, i) => [d, i]));
  const hourIndex = new Map(hourNames.map((h, i) => [h, i]));
  const dayOf = (i: number): { weekday: number; weekParity: 0 | 1 | 2 } =>
    twoWeeks ? { weekday: (i % half) + 1, weekParity: i < half ? 1 : 2 } : { weekday: i + 1, weekParity: 0 };
  if (twoWeeks) notes.push('Дни FET прочитаны как две недели: первые пять (шесть) — неделя А, следующие — неделя Б.');

  const teachers = names('Teachers_List', 'Teacher').map((name) => ({ key: name, name, ...splitPersonName(name) }));
  const subjects = names('Subjects_List', 'Subject').map((name) => ({ key: name, name, short: name }));
  const rooms = names('Rooms_List', 'Room').map((name) => ({ key: name, name, short: name }));
  const students = new FetStudents(fet, looksLikeClassName);

  // Activities, and where they were placed.
  const activities = new Map<string, XmlElement>();
  const list = child(fet, 'Activities_List');
  for (const a of list ? childrenNamed(list, 'Activity') : []) {
    if (childText(a, 'Active') === 'false') continue;
    activities.set(childText(a, 'Id'), a);
  }
  const placed = new Map<string, { day: number; hour: number; room: string | null }>();
  if (activitiesXml) {
    for (const a of childrenNamed(activitiesXml, 'Activity')) {
      const id = childText(a, 'Id');
      const day = dayIndex.get(childText(a, 'Day'));
      const hour = hourIndex.get(childText(a, 'Hour'));
      if (day === undefined || hour === undefined) {
        if (childText(a, 'Day') || childText(a, 'Hour')) throw new FetRefusal(`у занятия ${id} в файле результатов день или урок, которых нет в файле .fet: файлы от разных расписаний.`);
        continue;
      }
      placed.set(id, { day, hour, room: childText(a, 'Room') || null });
    }
  } else {
    const time = child(fet, 'Time_Constraints_List');
    for (const c of time ? childrenNamed(time, 'ConstraintActivityPreferredStartingTime') : []) {
      if (childText(c, 'Active') === 'false' || Number(childText(c, 'Weight_Percentage') || '100') < 100) continue;
      const day = dayIndex.get(childText(c, 'Preferred_Day'));
      const hour = hourIndex.get(childText(c, 'Preferred_Hour'));
      if (day !== undefined && hour !== undefined) placed.set(childText(c, 'Activity_Id'), { day, hour, room: null });
    }
    const space = child(fet, 'Space_Constraints_List');
    for (const c of space ? childrenNamed(space, 'ConstraintActivityPreferredRoom') : []) {
      if (childText(c, 'Active') === 'false' || Number(childText(c, 'Weight_Percentage') || '100') < 100) continue;
      const p = placed.get(childText(c, 'Activity_Id'));
      if (p) p.room = childText(c, 'Room') || null;
    }
  }
  if (placed.size === 0) {
    throw new FetRefusal(
      'в файле FET нет размещённого расписания. Приложите к нему файл «…_activities.xml» из папки результатов FET или выберите файл «…_data_and_timetable.fet».',
    );
  }
  const unknown = [...placed.keys()].filter((id) => !activities.has(id));
  if (activitiesXml && unknown.length > placed.size / 2) {
    throw new FetRefusal('занятий из файла результатов нет в файле .fet: файлы от разных расписаний. Выберите .fet и «…_activities.xml» из одной папки FET.');
  }

  const placements: ImportedPlacement[] = [];
  let team = 0;
  let noTeacher = 0;
  let noStudents = 0;
  for (const [id, at] of placed) {
    const a = activities.get(id);
    if (!a) continue;
    const subject = childText(a, 'Subject');
    const teacherNames = childrenNamed(a, 'Teacher').map((t) => t.text.trim()).filter(Boolean);
    const studentNames = childrenNamed(a, 'Students').map((s) => s.text.trim()).filter(Boolean);
    if (!subject) continue;
    if (!studentNames.length) {
      noStudents++;
      continue;
    }
    if (!teacherNames.length) {
      noTeacher++;
      continue;
    }
    for (const n of studentNames) if (!students.has(n)) throw new FetRefusal(`занятие ${id} назначено группе «${n}», которой нет в списке учащихся.`);
    const parts = students.parts(studentNames);
    if (teacherNames.length > parts.length) team++;
    const duration = Math.max(1, Number(childText(a, 'Duration')) || 1);
    const { weekday, weekParity } = dayOf(at.day);
    for (let k = 0; k < duration; k++) {
      parts.forEach((part, pi) => {
        const ti = teacherNames.length === parts.length ? pi : teacherNames.length === 1 ? 0 : pi % teacherNames.length;
        placements.push({
          weekday,
          lessonNo: at.hour + 1 + k,
          weekParity,
          classKey: part.classKey,
          groupKey: part.groupKey,
          subjectKey: subject,
          teacherKey: teacherNames[ti],
          roomKey: at.room,
          cardKey: `fet-${id}`,
        });
      });
    }
  }
  if (team) notes.push(`Занятий, которые ведут несколько учителей одну группу: ${team}. В журнале у урока один учитель — оставлен первый.`);
  if (noTeacher) notes.push(`Занятий без учителя пропущено: ${noTeacher} — в журнале у урока должен быть учитель.`);
  if (noStudents) notes.push(`Занятий без учащихся пропущено: ${noStudents}.`);
  const placedKnown = placed.size - unknown.length;
  if (placedKnown < activities.size) notes.push(`Размещено занятий: ${placedKnown} из ${activities.size}; остальные в файле не размещены и не импортируются.`);
  if (unknown.length) notes.push(`Занятий из файла результатов, которых нет среди действующих занятий файла .fet, пропущено: ${unknown.length}.`);
  const { groups, exact } = students.studyGroups();
  if (!exact) notes.push('В некоторых классах подгрупп так много, что пересечения групп учтены приблизительно: проверьте конфликты после импорта.');
  const used = new Set(placements.map((p) => p.classKey));
  const grades = students.classes.filter((c) => used.has(c.key) && !looksLikeClassName(c.name)).length;
  if (grades) notes.push(`Классов с названием без параллели и буквы: ${grades}. Их нужно сопоставить с классами школы.`);
  return {
    format: 'fet',
    source: `FET ${fet.attrs.version ?? ''}`.trim(),
    encoding,
    cycleWeeks: twoWeeks ? 2 : 1,
    teachers,
    classes: students.classes.map(({ key, name, short }) => ({ key, name, short })),
    groups,
    subjects,
    rooms,
    placements,
    notes,
  };
}

/** «Понедельник», «Понедельник А», «Mon-2» → the weekday part, to tell a repeated week. */
function dayBase(name: string): string {
  return searchKey(name)
    .replace(/[\s_-]*(\(?[абab12]\)?|неделя [абab12]|week [ab12]|нед [абab12])$/u, '')
    .trim();
}
