import { describe, expect, it } from 'vitest';
import { matchLessons, type StoredLesson } from '../../../main/core/lessons/matching';
import type { DesiredLesson } from '../../../main/core/lessons/desired';
import { weekParityOf } from '../../../main/core/lessons/week-cycle';
import { SchoolCalendar } from '../../../main/core/lessons/school-days';

const want = (date: string, lessonNo: number, over: Partial<DesiredLesson> = {}): DesiredLesson => ({
  date,
  lessonNo,
  classId: '5A',
  groupId: null,
  subjectId: 'maths',
  staffId: 'ivanova',
  roomId: '201',
  timetableEntryId: 'e1',
  timetableId: 't1',
  ...over,
});

const stored = (id: string, date: string, lessonNo: number, over: Partial<StoredLesson> = {}): StoredLesson => ({
  id,
  date,
  lessonNo,
  classId: '5A',
  groupId: null,
  subjectId: 'maths',
  staffId: 'ivanova',
  roomId: '201',
  timetableEntryId: 'e1',
  planTopicId: null,
  status: 'planned',
  movedFromDate: null,
  movedFromLessonNo: null,
  ...over,
});

describe('matching the timetable’s lessons with the stored ones', () => {
  it('keeps what matches, makes what is missing, and sends the rest to be removed or kept', () => {
    const m = matchLessons(
      [want('2026-11-16', 2, { staffId: 'petrova' }), want('2026-11-18', 4)],
      [stored('a', '2026-11-16', 2), stored('b', '2026-11-23', 2), stored('manual', '2026-11-24', 5, { timetableEntryId: null })],
    );
    expect(m.matched).toEqual(['a']);
    expect(m.update).toEqual([{ id: 'a', patch: { staffId: 'petrova' } }]);
    expect(m.create.map((c) => c.date)).toEqual(['2026-11-18']);
    // A lesson entered by hand is never the timetable's to remove.
    expect(m.orphans.map((o) => o.id)).toEqual(['b']);
  });

  it('lets a moved lesson answer for the place it came from, and stay where it went', () => {
    const moved = stored('moved', '2026-11-20', 6, { movedFromDate: '2026-11-16', movedFromLessonNo: 2, roomId: '305' });
    const m = matchLessons([want('2026-11-16', 2)], [moved]);
    expect(m.create).toEqual([]);
    expect(m.matched).toEqual(['moved']);
    // Its room is the move's, not the timetable's.
    expect(m.update).toEqual([]);
  });

  it('adopts a lesson entered by hand when the timetable now calls for it', () => {
    const m = matchLessons([want('2026-11-16', 2)], [stored('manual', '2026-11-16', 2, { timetableEntryId: null })]);
    expect(m.create).toEqual([]);
    expect(m.update).toEqual([{ id: 'manual', patch: { timetableEntryId: 'e1' } }]);
  });
});

describe('weeks A and B', () => {
  it('counts calendar weeks from the week the year starts, holidays included', () => {
    // 01.09.2026 is a Tuesday: Monday 31.08 starts week A.
    expect(weekParityOf('2026-09-01', '2026-09-01', 2)).toBe(1);
    expect(weekParityOf('2026-09-06', '2026-09-01', 2)).toBe(1);
    expect(weekParityOf('2026-09-07', '2026-09-01', 2)).toBe(2);
    // 9 weeks after 31.08 (the autumn holiday week counts too): 02.11 begins week B.
    expect(weekParityOf('2026-11-02', '2026-09-01', 2)).toBe(2);
    expect(weekParityOf('2026-11-09', '2026-09-01', 2)).toBe(1);
    expect(weekParityOf('2026-11-09', '2026-09-01', 1)).toBe(0);
  });
});

describe('the school calendar', () => {
  const cal = new SchoolCalendar({
    yearStart: '2027-02-01',
    yearEnd: '2027-02-28',
    periods: [{ startDate: '2027-02-01', endDate: '2027-02-28', gradeFrom: 1, gradeTo: 11, kind: 'quarter' }],
    holidays: [
      { name: 'Дополнительные каникулы для 1-х классов', startDate: '2027-02-15', endDate: '2027-02-21' },
      { name: 'День защитника Отечества', startDate: '2027-02-23', endDate: '2027-02-23' },
      { name: 'Неделя здоровья', startDate: '2027-02-08', endDate: '2027-02-08', gradeFrom: 5, gradeTo: 9 },
    ],
    transfers: [],
  });

  it('gives first-graders their February week and every grade the public holiday', () => {
    const grade1 = cal.daysOf(1).map((d) => d.date);
    const grade2 = cal.daysOf(2).map((d) => d.date);
    expect(grade1).not.toContain('2027-02-16');
    expect(grade2).toContain('2027-02-16');
    expect(grade2).not.toContain('2027-02-23');
    // Saturdays are school days (a six-day week has lessons on them); Sundays never are.
    expect(grade2).toContain('2027-02-06');
    expect(grade2).not.toContain('2027-02-07');
  });

  it('keeps a holiday of some grades to those grades', () => {
    expect(cal.daysOf(6).map((d) => d.date)).not.toContain('2027-02-08');
    expect(cal.daysOf(10).map((d) => d.date)).toContain('2027-02-08');
  });
});
