import type { Rng } from './prng';
import type { DemoPlan, PlanAssignment, PlanClass } from './school';
import type { DemoContingent, DemoSpan, DemoStudent } from './contingent';
import type { DemoPeriod } from './calendar';
import type { TimetableEntryDraft } from './timetable';
import type { Lesson, Attendance, AbsenceReason, Mark, FinalMark, FinalMarkValue, AbsenceReasonKind } from '../db/entities/journal';
import type { ControlWork } from '../db/entities/planning';
import { schoolDays } from './calendar';
import { bellSlot } from './bells';
import { homeworkFor } from './homework';
import { WORK_TYPES, everydayWorkTypes, workTypeDef } from './work-types';
import { plannedLesson } from '../lessons/planned-lesson';
import { gradeRules } from '../school/grade-rules';
import { addDays, isoWeekday, ruDate } from '../shared/dates';
import { derivedId } from '../changes/derived-id';

/**
 * The dated lessons of the whole year, made from the timetable and the
 * calendar, and the year up to the demo's «today» as teachers would have kept
 * it: topics from the КТП in order, homework (none in grade 1), attendance
 * with illnesses that last several days (reasons entered once the student is
 * back), marks around each student's own level, the final marks of every
 * period that has ended and, after the last one, the year marks. Today's and
 * later lessons stay planned and empty.
 */

export interface DemoTopic {
  id: string;
  planId: string;
  title: string;
  hours: number;
  workTypeKey: string | null;
  plannedDate: string | null;
}

export interface JournalInput {
  plan: DemoPlan;
  contingent: DemoContingent;
  /** The school's data set: lessons, attendance and final marks take ids derived from it, as the Writer gives them. */
  dataSetId: string;
  yearId: string;
  /** The demo's today (`YYYY-MM-DD`): lessons before it are given and kept; today's and later ones stay planned. */
  today: string;
  /** The study periods with their ids: those ended before today get their final marks. */
  periods: { id: string; period: DemoPeriod }[];
  entries: (TimetableEntryDraft & { id: string })[];
  /** The КТП topics of each teaching assignment, in order; plannedDate is filled in here. */
  topics: Map<string, DemoTopic[]>;
  userOfStaff: Map<string, string>;
  workTypeIds: Map<string, string>;
  rng: Rng;
}

export interface JournalOutput {
  lessons: Lesson[];
  attendance: Attendance[];
  absenceReasons: AbsenceReason[];
  marks: Mark[];
  finalMarks: FinalMark[];
  controlWorks: ControlWork[];
}

/** Moscow time has no daylight saving: local school time is UTC+3. */
const UTC_OFFSET_HOURS = 3;

/** A UTC instant from a local school date and `HH:MM` (plus minutes). */
export function localInstant(date: string, time: string, plusMinutes = 0): string {
  let day = dayMs.get(date);
  if (day === undefined) {
    day = Date.parse(`${date}T00:00:00.000Z`);
    dayMs.set(date, day);
  }
  const h = (time.charCodeAt(0) - 48) * 10 + (time.charCodeAt(1) - 48);
  const m = (time.charCodeAt(3) - 48) * 10 + (time.charCodeAt(4) - 48);
  return new Date(day + ((h - UTC_OFFSET_HOURS) * 60 + m + plusMinutes) * 60_000).toISOString();
}
const dayMs = new Map<string, number>();

export function buildJournal(input: JournalInput): JournalOutput {
  const { plan, contingent, rng, today } = input;
  const cal = plan.calendar;
  // The year is kept quarter by quarter (by their dates, the half-years of grades 10–11 too): each up to the day before today.
  const quarters = cal.periods.filter((p) => p.kind === 'quarter').sort((a, b) => a.ordinal - b.ordinal);
  const lastKept = addDays(today, -1);
  const onList = rosterSpans(contingent);
  /** Students on a class's (or group's) list on any day from `from` to `to`, the first day's list first. */
  const listDuring = (owner: string, from: string, to: string): DemoStudent[] => {
    const out = new Map<string, DemoStudent>();
    for (const x of onList.get(owner) ?? []) if (x.from <= to && (x.to === null || x.to >= from)) out.set(x.student.id, x.student);
    return [...out.values()];
  };
  const spansOf = new Map<string, { from: string; to: string | null }[]>(); // owner|student → the spans
  for (const [owner, list] of onList) for (const x of list) (spansOf.get(`${owner}|${x.student.id}`) ?? spansOf.set(`${owner}|${x.student.id}`, []).get(`${owner}|${x.student.id}`)!).push(x);
  const isOnList = (owner: string, studentId: string, date: string) =>
    (spansOf.get(`${owner}|${studentId}`) ?? []).some((x) => x.from <= date && (x.to === null || x.to >= date));
  const classById = new Map(plan.classes.map((c) => [c.id, c]));
  const subjectKeyOf = new Map(plan.subjects.map((s) => [s.id, s.def.key]));
  const gradingOf = new Map(plan.subjects.map((s) => [s.id, s.def.grading]));
  const assignmentOf = new Map<string, PlanAssignment>();
  const subjectIdOf = new Map(plan.subjects.map((s) => [s.def.key, s.id]));
  for (const a of plan.assignments) assignmentOf.set(`${a.classId}|${subjectIdOf.get(a.subjectKey)}|${a.groupId ?? ''}`, a);
  const user = (staffId: string) => {
    const u = input.userOfStaff.get(staffId);
    if (!u) throw new Error(`Demo: no account for staff ${staffId}`);
    return u;
  };

  // School days of each grade, by weekday.
  const daysByGrade = new Map<number, Map<number, string[]>>();
  for (let grade = 1; grade <= 11; grade++) {
    const byWeekday = new Map<number, string[]>();
    for (const d of schoolDays(cal, grade)) {
      const w = isoWeekday(d);
      if (!byWeekday.has(w)) byWeekday.set(w, []);
      byWeekday.get(w)!.push(d);
    }
    daysByGrade.set(grade, byWeekday);
  }

  // 1. Lessons of the year, per journal (assignment).
  interface Draft {
    date: string;
    entry: TimetableEntryDraft & { id: string };
    cls: PlanClass;
    assignment: PlanAssignment;
  }
  const byAssignment = new Map<string, Draft[]>();
  const drafts: Draft[] = [];
  for (const entry of input.entries) {
    const cls = classById.get(entry.classId)!;
    const assignment = assignmentOf.get(`${entry.classId}|${entry.subjectId}|${entry.groupId ?? ''}`);
    if (!assignment) throw new Error('Demo: a timetable entry without a teaching assignment');
    for (const date of daysByGrade.get(cls.grade)!.get(entry.weekday) ?? []) {
      const d: Draft = { date, entry, cls, assignment };
      drafts.push(d);
      if (!byAssignment.has(assignment.id)) byAssignment.set(assignment.id, []);
      byAssignment.get(assignment.id)!.push(d);
    }
  }
  const classOrder = new Map(plan.classes.map((c, i) => [c.id, i]));
  const cmp = (a: Draft, b: Draft) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.entry.lessonNo - b.entry.lessonNo || classOrder.get(a.cls.id)! - classOrder.get(b.cls.id)! || (a.entry.groupId ?? '').localeCompare(b.entry.groupId ?? '');
  drafts.sort(cmp);
  const lessonIds = new Map<Draft, string>();
  for (const d of drafts) lessonIds.set(d, derivedId(input.dataSetId, 'Lesson', [d.cls.id, d.entry.groupId, d.entry.subjectId, d.date, d.entry.lessonNo]));

  // 2. Topics flow into the lessons in order: the КТП's planned dates, the control-work schedule.
  const topicOfDraft = new Map<Draft, DemoTopic>();
  const controlWorks: ControlWork[] = [];
  for (const a of plan.assignments) {
    const list = (byAssignment.get(a.id) ?? []).sort(cmp);
    const topics = input.topics.get(a.id) ?? [];
    let i = 0;
    for (const t of topics) {
      for (let h = 0; h < t.hours; h++, i++) {
        if (i >= list.length) break;
        if (h === 0) t.plannedDate = list[i].date;
        topicOfDraft.set(list[i], t);
      }
    }
    for (const t of topics) {
      if (!t.workTypeKey || !t.plannedDate || !workTypeDef(t.workTypeKey).isControl) continue;
      const stamp = localInstant(cal.startDate, '08:00', -7 * 24 * 60);
      controlWorks.push({
        id: plan.ids.next(),
        yearId: input.yearId,
        classId: a.classId,
        groupId: a.groupId,
        subjectId: subjectIdOf.get(a.subjectKey)!,
        date: t.plannedDate,
        title: t.title,
        workTypeId: input.workTypeIds.get(t.workTypeKey)!,
        staffId: a.staffId,
        createdAt: stamp,
        updatedAt: stamp,
        deletedAt: null,
      });
    }
  }
  controlWorks.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));

  // 3. Who is away on which day, quarter by quarter up to today.
  const arng = rng.fork('attendance');
  const absenceReasons: AbsenceReason[] = [];
  interface Away {
    kind: AbsenceReasonKind | null;
    note: string | null;
  }
  const awayDays = new Map<string, Map<string, Away>>(); // studentId → date → reason
  const awayOf = (studentId: string) => awayDays.get(studentId) ?? awayDays.set(studentId, new Map()).get(studentId)!;
  const classTeacherUser = (cls: PlanClass) => user(cls.classTeacherId);
  for (const q of quarters) {
    if (q.startDate > lastKept) break;
    for (const cls of plan.classes) {
      const days = schoolDays(cal, cls.grade, q.startDate, q.endDate);
      for (const x of (onList.get(cls.id) ?? []).filter((x) => x.from <= q.endDate && (x.to === null || x.to >= q.startDate))) {
        const s = x.student;
        const away = awayOf(s.id);
        const spells = arng.weighted([[0, 50], [1, 38], [2, 10], [3, 2]] as [number, number][]);
        const spans: { from: number; len: number; illness: boolean }[] = [];
        for (let k = 0; k < spells; k++) spans.push({ from: arng.int(0, days.length - 1), len: arng.int(2, 5), illness: true });
        if (arng.chance(0.25)) spans.push({ from: arng.int(0, days.length - 1), len: 1, illness: false });
        for (const span of spans) {
          // Spells are placed over the whole quarter: those from today on have not happened yet.
          const dates = days
            .slice(span.from, span.from + span.len)
            .filter((d) => !away.has(d) && d <= lastKept && x.from <= d && (x.to === null || d <= x.to));
          if (dates.length === 0) continue;
          const back = days[days.indexOf(dates[dates.length - 1]) + 1] ?? addDays(dates[dates.length - 1], 1);
          // The class teacher enters the reason once the student is back, so not yet for one who returns today or later.
          const recorded = arng.chance(0.85) && back < today;
          const kind: AbsenceReasonKind = span.illness ? (dates.length >= 3 ? 'illness' : arng.chance(0.5) ? 'illness' : 'valid') : 'valid';
          const note = !span.illness ? 'Семейные обстоятельства (заявление родителей)' : kind === 'illness' ? 'Болезнь' : 'По заявлению родителей (недомогание)';
          for (const d of dates) away.set(d, recorded ? { kind, note } : { kind: null, note: null });
          if (recorded) {
            const setAt = localInstant(back, '16:30', arng.int(0, 120));
            absenceReasons.push({
              id: plan.ids.next(),
              studentId: s.id,
              fromDate: dates[0],
              toDate: dates[dates.length - 1],
              kind,
              note,
              document: kind === 'illness' && dates.length >= 3 ? `Справка № ${arng.int(100, 2999)} от ${ruDate(back)}` : 'Заявление родителей (законных представителей)',
              setBy: classTeacherUser(cls),
              createdAt: setAt,
              updatedAt: setAt,
              deletedAt: null,
            });
          }
        }
      }
    }
  }

  // 4. The lessons before today: topic, homework, attendance.
  const lessons: Lesson[] = [];
  const attendance: Attendance[] = [];
  const lrng = rng.fork('lessons');
  const givenDrafts = new Map<string, Draft[]>(); // assignment → its lessons given before today
  const progressOf = new Map<Draft, number>();
  for (const a of plan.assignments) {
    const list = byAssignment.get(a.id) ?? [];
    list.forEach((d, i) => progressOf.set(d, list.length > 1 ? i / (list.length - 1) : 0));
  }
  const rosterOf = (d: Draft): DemoStudent[] => listDuring(d.entry.groupId ?? d.cls.id, d.date, d.date);
  // Lessons a student missed on their own (not whole days away), so they get no mark there.
  const skipped = new Map<string, Set<string>>();
  for (const d of drafts) {
    const id = lessonIds.get(d)!;
    const given = d.date < today;
    const bell = bellSlot(d.cls.shift as 1 | 2, d.entry.lessonNo);
    const base = localInstant(d.date, '07:00', -24 * 60 * 14);
    const lesson: Lesson = {
      ...plannedLesson({
        yearId: input.yearId,
        date: d.date,
        lessonNo: d.entry.lessonNo,
        classId: d.cls.id,
        groupId: d.entry.groupId,
        subjectId: d.entry.subjectId,
        staffId: d.entry.staffId,
        roomId: d.entry.roomId,
        timetableEntryId: d.entry.id,
      }),
      id,
      createdAt: base,
      updatedAt: base,
      deletedAt: null,
    };
    if (given) {
      const teacherUser = user(d.entry.staffId);
      const topic = topicOfDraft.get(d);
      const late = lrng.chance(0.03);
      const setAt = late ? localInstant(addDays(d.date, 1), '17:00', lrng.int(0, 150)) : localInstant(d.date, bell.endTime, lrng.int(0, 55));
      lesson.status = 'given';
      lesson.planTopicId = topic?.id ?? null;
      lesson.topic = topic?.title ?? 'Резервный урок. Повторение';
      lesson.topicSetAt = setAt;
      lesson.topicSetBy = teacherUser;
      lesson.topicLate = late;
      const subjectKey = subjectKeyOf.get(d.entry.subjectId)!;
      const hw = homeworkFor(subjectKey, d.cls.grade, progressOf.get(d) ?? 0, lrng);
      if (hw) {
        lesson.homework = hw;
        lesson.homeworkSetAt = setAt;
        lesson.homeworkSetBy = teacherUser;
        lesson.homeworkLate = late;
      }
      lesson.updatedAt = setAt;
      if (!givenDrafts.has(d.assignment.id)) givenDrafts.set(d.assignment.id, []);
      givenDrafts.get(d.assignment.id)!.push(d);

      // Attendance: absences of the day, a skipped lesson now and then, lateness mostly at the first lesson.
      const markedAt = localInstant(d.date, bell.startTime, 5);
      const skipP = d.cls.grade <= 4 ? 0.002 : d.cls.grade <= 6 ? 0.005 : 0.012;
      const lateP = d.entry.lessonNo === 1 ? 0.012 : 0.003;
      for (const s of rosterOf(d)) {
        const away = awayDays.get(s.id)?.get(d.date);
        let row: Pick<Attendance, 'code' | 'reasonKind' | 'reasonNote'> | null = null;
        if (away) row = { code: 'absent', reasonKind: away.kind, reasonNote: away.note };
        else if (lrng.chance(skipP)) {
          const unexcused = lrng.chance(0.5);
          row = { code: 'absent', reasonKind: unexcused ? 'invalid' : null, reasonNote: unexcused ? 'Без уважительной причины' : null };
        } else if (lrng.chance(lateP)) row = { code: 'late', reasonKind: null, reasonNote: null };
        if (!row) continue;
        if (row.code === 'absent' && !away) {
          // Remember single-lesson absences so the student gets no mark there.
          (skipped.get(s.id) ?? skipped.set(s.id, new Set()).get(s.id)!).add(id);
        }
        attendance.push({
          id: derivedId(input.dataSetId, 'Attendance', [id, s.id]),
          lessonId: id,
          studentId: s.id,
          ...row,
          setAt: markedAt,
          setBy: teacherUser,
          createdAt: markedAt,
          updatedAt: markedAt,
          deletedAt: null,
        });
      }
    }
    lessons.push(lesson);
  }

  // 5. Marks: 4–8 a subject per student a quarter (fewer in the quarter under way), assessed works for everyone present.
  const marks: Mark[] = [];
  const lessonById = new Map(lessons.map((l) => [l.id, l]));
  const workTypesOfLesson = new Map<string, string[]>();
  const offsets = new Map<string, number>(); // student|subject → offset
  const shiftOf: Record<string, number> = { control: -0.15, dictation: -0.25, essay: -0.1, summary: -0.05, lab: 0.1, classwork: 0.1, oral: 0.05, homework: 0.15, norms: 0.2, practical: 0.1 };
  const marksOf = new Map<string, Mark[]>(); // student|assignment → marks
  for (const q of quarters) {
    if (q.startDate > lastKept) break;
    const mrng = rng.fork(q.ordinal === 1 ? 'marks' : `marks-${q.ordinal}`);
    for (const a of plan.assignments) {
      const cls = classById.get(a.classId)!;
      const subjectId = subjectIdOf.get(a.subjectKey)!;
      if (!gradeRules(cls.grade).marks || gradingOf.get(subjectId) !== 'five_point') continue;
      const inQuarter = (byAssignment.get(a.id) ?? []).filter((d) => d.date >= q.startDate && d.date <= q.endDate);
      const list = (givenDrafts.get(a.id) ?? []).filter((d) => d.date >= q.startDate && d.date <= q.endDate);
      if (list.length === 0) continue;
      const teacherUser = user(a.staffId);
      const owner = a.groupId ?? a.classId;
      const everyday = everydayWorkTypes(a.subjectKey);
      for (const s of listDuring(owner, q.startDate, lastKept < q.endDate ? lastKept : q.endDate)) {
        const offKey = `${s.id}|${a.subjectKey}`;
        if (!offsets.has(offKey)) offsets.set(offKey, mrng.normal(0, 0.35));
        const offset = offsets.get(offKey)!;
        const present = list.filter((d) => isOnList(owner, s.id, d.date) && !awayDays.get(s.id)?.has(d.date) && !skipped.get(s.id)?.has(lessonIds.get(d)!));
        const assessed = present.filter((d) => topicOfDraft.get(d)?.workTypeKey);
        const others = mrng.shuffle(present.filter((d) => !topicOfDraft.get(d)?.workTypeKey));
        const full = Math.max(4, Math.min(8, Math.round(1.2 * a.hours + 2) + mrng.int(-1, 1)));
        // The quarter under way has had only part of its lessons: as many marks as it has had of them.
        const target = list.length === inQuarter.length ? full : Math.round((full * list.length) / inQuarter.length);
        const chosen: [Draft, string][] = assessed.map((d) => [d, topicOfDraft.get(d)!.workTypeKey!]);
        for (const d of others) {
          if (chosen.length >= target) break;
          chosen.push([d, mrng.weighted(everyday)]);
        }
        const list2: Mark[] = [];
        for (const [d, wtKey] of chosen) {
          const wt = workTypeDef(wtKey);
          const value = Math.max(2, Math.min(5, Math.round(s.ability + offset + (shiftOf[wtKey] ?? 0) + mrng.normal(0, 0.7))));
          const lessonId = lessonIds.get(d)!;
          const bell = bellSlot(d.cls.shift as 1 | 2, d.entry.lessonNo);
          let late = false;
          let setAt: string;
          if (wt.deadlineKind === 'same_day') {
            late = mrng.chance(0.015);
            setAt = late ? localInstant(addDays(d.date, 1), '18:00', mrng.int(0, 120)) : localInstant(d.date, bell.endTime, mrng.int(0, 90));
          } else if (wt.deadlineKind === 'lessons') {
            setAt = localInstant(d.date, '17:00', mrng.int(0, 240));
          } else {
            setAt = localInstant(addDays(d.date, mrng.int(2, 6)), '18:00', mrng.int(0, 180));
          }
          const wtId = input.workTypeIds.get(wtKey)!;
          const m: Mark = {
            id: plan.ids.next(),
            lessonId,
            studentId: s.id,
            value: String(value),
            numericValue: value,
            workTypeId: wtId,
            weight: wt.weight,
            comment: null,
            setAt,
            setBy: teacherUser,
            late,
            createdAt: setAt,
            updatedAt: setAt,
            deletedAt: null,
          };
          list2.push(m);
          const used = workTypesOfLesson.get(lessonId) ?? [];
          if (!used.includes(wtId)) used.push(wtId);
          workTypesOfLesson.set(lessonId, used);
        }
        // Marks in the order they were put in the journal.
        list2.sort((x, y) => (lessonById.get(x.lessonId)!.date < lessonById.get(y.lessonId)!.date ? -1 : 1));
        marks.push(...list2);
        const key = `${s.id}|${a.id}`;
        marksOf.set(key, [...(marksOf.get(key) ?? []), ...list2]);
      }
    }
  }
  const wtOrder = new Map(WORK_TYPES.map((w, i) => [input.workTypeIds.get(w.key)!, i]));
  for (const [lessonId, used] of workTypesOfLesson) {
    lessonById.get(lessonId)!.workTypeIds = JSON.stringify(used.sort((x, y) => wtOrder.get(x)! - wtOrder.get(y)!));
  }

  // 6. Final marks of every period that ended before today (quarters in grades 2–9, half-years in 10–11),
  //    for the students on the list on its last day; year marks once a grade's last period has ended.
  const finalMarks: FinalMark[] = [];
  const frng = rng.fork('final');
  const ended = input.periods.filter((p) => p.period.endDate < today).sort((x, y) => x.period.endDate.localeCompare(y.period.endDate) || x.period.gradeFrom - y.period.gradeFrom);
  const periodValues = new Map<string, FinalMarkValue[]>(); // student|subject → the period marks
  for (const { id: periodId, period } of ended) {
    const finalDay = addDays(period.endDate, -3);
    for (const a of plan.assignments) {
      const cls = classById.get(a.classId)!;
      if (!gradeRules(cls.grade).marks || cls.grade < period.gradeFrom || cls.grade > period.gradeTo) continue;
      const subjectId = subjectIdOf.get(a.subjectKey)!;
      const grading = gradingOf.get(subjectId);
      const setBy = user(a.staffId);
      for (const s of listDuring(a.groupId ?? a.classId, period.endDate, period.endDate)) {
        let value: FinalMarkValue;
        if (grading === 'pass_fail') value = 'зач';
        else {
          const ms = (marksOf.get(`${s.id}|${a.id}`) ?? []).filter((m) => {
            const date = lessonById.get(m.lessonId)!.date;
            return date >= period.startDate && date <= period.endDate;
          });
          value = ms.length === 0 ? 'н/а' : (String(roundMark(weightedAverage(ms))) as FinalMarkValue);
        }
        const key = `${s.id}|${subjectId}`;
        periodValues.set(key, [...(periodValues.get(key) ?? []), value]);
        const setAt = localInstant(finalDay, '15:00', frng.int(0, 240));
        finalMarks.push(finalMark(input.dataSetId, { studentId: s.id, subjectId, classId: a.classId, groupId: a.groupId, periodId, kind: 'period', value, setAt, setBy }));
      }
    }
  }
  for (const a of plan.assignments) {
    const cls = classById.get(a.classId)!;
    const own = cal.periods.filter((p) => p.gradeFrom <= cls.grade && cls.grade <= p.gradeTo);
    const yearEnd = own.reduce((last, p) => (p.endDate > last ? p.endDate : last), '');
    if (!gradeRules(cls.grade).marks || yearEnd >= today) continue;
    const subjectId = subjectIdOf.get(a.subjectKey)!;
    const setBy = user(a.staffId);
    for (const s of listDuring(a.groupId ?? a.classId, yearEnd, yearEnd)) {
      const values = periodValues.get(`${s.id}|${subjectId}`) ?? [];
      const numeric = values.filter((v) => /^[2-5]$/.test(v)).map(Number);
      const value: FinalMarkValue =
        gradingOf.get(subjectId) === 'pass_fail' ? 'зач' : numeric.length === 0 ? 'н/а' : (String(roundMark(numeric.reduce((x, y) => x + y, 0) / numeric.length)) as FinalMarkValue);
      const setAt = localInstant(addDays(yearEnd, -1), '16:00', frng.int(0, 120));
      finalMarks.push(finalMark(input.dataSetId, { studentId: s.id, subjectId, classId: a.classId, groupId: a.groupId, periodId: null, kind: 'year', value, setAt, setBy }));
    }
  }

  return { lessons, attendance, absenceReasons, marks, finalMarks, controlWorks };
}

/** A final mark as the teacher set it, with the id the Writer derives from its natural key. */
function finalMark(
  dataSetId: string,
  m: Pick<FinalMark, 'studentId' | 'subjectId' | 'classId' | 'groupId' | 'periodId' | 'kind' | 'value' | 'setAt' | 'setBy'>,
): FinalMark {
  return {
    id: derivedId(dataSetId, 'FinalMark', [m.studentId, m.subjectId, m.periodId, m.kind]),
    ...m,
    late: false,
    note: null,
    createdAt: m.setAt,
    updatedAt: m.setAt,
    deletedAt: null,
  };
}

/** Who is on each class's and group's list from when to when: the first day's list in its order, then those who came later. */
function rosterSpans(contingent: DemoContingent): Map<string, { student: DemoStudent; from: string; to: string | null }[]> {
  const studentById = new Map(contingent.students.map((s) => [s.id, s]));
  const rank = new Map<string, number>(); // owner|student → place on the first day's list
  for (const lists of [contingent.rosterAtStart, contingent.groupRosterAtStart]) {
    for (const [owner, list] of lists) list.forEach((s, i) => rank.set(`${owner}|${s.id}`, i));
  }
  const byOwner = new Map<string, DemoSpan[]>();
  for (const span of [...contingent.classMemberships, ...contingent.groupMemberships]) {
    (byOwner.get(span.ownerId) ?? byOwner.set(span.ownerId, []).get(span.ownerId)!).push(span);
  }
  const out = new Map<string, { student: DemoStudent; from: string; to: string | null }[]>();
  for (const [owner, spans] of byOwner) {
    const place = (x: DemoSpan) => rank.get(`${owner}|${x.studentId}`) ?? Number.MAX_SAFE_INTEGER;
    spans.sort((x, y) => place(x) - place(y) || x.fromDate.localeCompare(y.fromDate));
    out.set(owner, spans.map((x) => ({ student: studentById.get(x.studentId)!, from: x.fromDate, to: x.toDate })));
  }
  return out;
}

function weightedAverage(marks: { numericValue: number | null; weight: number }[]): number {
  let sum = 0;
  let w = 0;
  for (const m of marks) {
    if (m.numericValue === null) continue;
    sum += m.numericValue * m.weight;
    w += m.weight;
  }
  return w === 0 ? 0 : sum / w;
}

/** The usual rounding of a period mark: 4.50 → 5, 4.49 → 4, 2.50 → 3. */
function roundMark(avg: number): number {
  return Math.max(2, Math.min(5, Math.floor(avg + 0.5 + 1e-9)));
}
