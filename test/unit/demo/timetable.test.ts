import { describe, expect, it } from 'vitest';
import { Rng } from '../../../main/core/demo/prng';
import { planSchool, teacherLoads, timetableInput } from '../../../main/core/demo/school';
import { buildTimetable } from '../../../main/core/demo/timetable';
import { BELL_SCHEDULES } from '../../../main/core/demo/bells';
import { timetableConflicts, type Bells } from './timetable-check';

const bells: Bells = new Map(BELL_SCHEDULES.map((b) => [b.shift, new Map(b.slots.map((s) => [s.lessonNo, s]))]));

describe('demo timetable builder', () => {
  const plan = planSchool(17, 2026);
  const input = timetableInput(plan);
  const result = buildTimetable(input.classes, input.units, new Rng(17).fork('timetable'));
  const shiftOf = new Map(plan.classes.map((c) => [c.id, c.shift]));

  it('has no teacher, room or class in two places at once', () => {
    const problems = timetableConflicts(
      result.entries.map((e) => ({ ...e, shift: shiftOf.get(e.classId)! })),
      bells,
    );
    expect(problems).toEqual([]);
    expect(result.hardConflicts).toBe(0);
  });

  it('places exactly the curriculum hours of every class, subject and subgroup', () => {
    const placed = new Map<string, number>();
    for (const e of result.entries) {
      const key = `${e.classId}|${e.subjectId}|${e.groupId ?? ''}`;
      placed.set(key, (placed.get(key) ?? 0) + 1);
    }
    const subjectId = new Map(plan.subjects.map((s) => [s.def.key, s.id]));
    const expected = new Map<string, number>();
    for (const c of plan.curriculum) {
      const groups = plan.groups.filter((g) => g.classId === c.classId && g.subjectKey === c.subjectKey);
      for (const g of c.split ? groups : [null]) expected.set(`${c.classId}|${subjectId.get(c.subjectKey)}|${g?.id ?? ''}`, c.hours);
    }
    expect(placed).toEqual(expected);
    expect(result.entries.length).toBeGreaterThan(1100);
  });

  it('gives every class its lessons without gaps, from the first lesson of its shift', () => {
    for (const c of plan.classes) {
      for (let day = 1; day <= 5; day++) {
        const nos = [...new Set(result.entries.filter((e) => e.classId === c.id && e.weekday === day).map((e) => e.lessonNo))].sort((a, b) => a - b);
        expect(nos).toEqual(Array.from({ length: c.days[day - 1] }, (_, i) => i + 1));
      }
    }
  });

  it('runs the subgroups of a split at the same time with different teachers', () => {
    const splitEntries = result.entries.filter((e) => e.groupId);
    for (const e of splitEntries) {
      const partner = splitEntries.filter((x) => x !== e && x.classId === e.classId && x.subjectId === e.subjectId && x.weekday === e.weekday && x.lessonNo === e.lessonNo);
      expect(partner).toHaveLength(1);
      expect(partner[0].staffId).not.toBe(e.staffId);
      expect(partner[0].card).toBe(e.card);
    }
  });

  it('gives subject teachers a full load', () => {
    const loads = teacherLoads(plan);
    for (const s of plan.staff.filter((x) => x.pool && x.login !== 'zavuch')) {
      expect(loads.get(s.id)).toBeGreaterThanOrEqual(16);
      expect(loads.get(s.id)).toBeLessThanOrEqual(27);
    }
  });

  it('is deterministic', () => {
    const again = buildTimetable(input.classes, input.units, new Rng(17).fork('timetable'));
    expect(again.entries).toEqual(result.entries);
    expect(planSchool(17, 2026).assignments).toEqual(plan.assignments);
  });
});
