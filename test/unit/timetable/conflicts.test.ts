import { describe, expect, it } from 'vitest';
import { ConflictIndex } from '../../../main/core/timetable/conflicts';
import { TimeLine } from '../../../main/core/timetable/time-line';
import { slotStatuses } from '../../../main/core/timetable/slots';
import type { GroupInfo, Placement } from '../../../main/core/timetable/model';
import { partsKey, partsOverlap } from '../../../main/core/timetable/parts';
import { flatSplits } from '../../../main/core/timetable-import/fet-students';

let seq = 0;
function lesson(over: Partial<Placement> & Pick<Placement, 'classId' | 'staffId'>): Placement {
  return {
    id: `e${++seq}`,
    weekday: 1,
    lessonNo: 2,
    weekParity: 0,
    groupId: null,
    subjectId: 'maths',
    roomId: null,
    individualPlanId: null,
    cardId: null,
    ...over,
  };
}

/** 5А is split for English (eng1, eng2) and for informatics with the same parts (inf1, inf2); PE splits it another way. */
const GROUPS: GroupInfo[] = [
  { id: 'eng1', classId: '5A', splitKey: 'деление 1', name: '1 группа' },
  { id: 'eng2', classId: '5A', splitKey: 'деление 1', name: '2 группа' },
  { id: 'inf1', classId: '5A', splitKey: 'деление 1', name: '1 группа' },
  { id: 'inf2', classId: '5A', splitKey: 'деление 1', name: '2 Группа' },
  { id: 'boys', classId: '5A', splitKey: 'физкультура', name: 'мальчики' },
];

function kinds(placements: Placement[], unavailable = [] as ConstructorParameters<typeof ConflictIndex>[2], line?: TimeLine) {
  return new ConflictIndex(placements, GROUPS, unavailable, line).all().map((c) => `${c.kind}:${c.resourceId}:${c.entryIds.join('+')}`);
}

describe('the conflict engine', () => {
  it('finds a teacher in two classes at once, and only there', () => {
    const a = lesson({ classId: '5A', staffId: 'ivanova', roomId: '201' });
    const b = lesson({ classId: '6B', staffId: 'ivanova', roomId: '202' });
    const later = lesson({ classId: '6B', staffId: 'ivanova', roomId: '202', lessonNo: 3 });
    expect(kinds([a, b, later])).toEqual([`teacher:ivanova:${a.id}+${b.id}`]);
  });

  it('finds a room taken twice', () => {
    const a = lesson({ classId: '5A', staffId: 'ivanova', roomId: '201' });
    const b = lesson({ classId: '6B', staffId: 'petrova', roomId: '201' });
    expect(kinds([a, b])).toEqual([`room:201:${a.id}+${b.id}`]);
  });

  it('finds a class with two lessons at once', () => {
    const a = lesson({ classId: '5A', staffId: 'ivanova', subjectId: 'maths' });
    const b = lesson({ classId: '5A', staffId: 'petrova', subjectId: 'russian' });
    expect(kinds([a, b])).toEqual([`class:5A:${a.id}+${b.id}`]);
  });

  it('compares groups made of parts of the class by the parts they share (a group beside its own subgroups’ neighbours)', () => {
    // A college year of parts 0–7: «Basic Skills» is parts 0–5, its subgroup «E1» part 0, «Begin F/T» part 6.
    const parts: GroupInfo[] = [
      { id: 'skills', classId: '2005', splitKey: partsKey([0, 1, 2, 3, 4, 5])!, name: 'Basic Skills' },
      { id: 'e1', classId: '2005', splitKey: partsKey([0])!, name: 'Basic E1' },
      { id: 'e3', classId: '2005', splitKey: partsKey([1])!, name: 'Basic E3' },
      { id: 'begin', classId: '2005', splitKey: partsKey([6])!, name: 'Begin F/T' },
      { id: 'split', classId: '2005', splitKey: 'деление 1', name: '1 группа' },
    ];
    const at = (groupId: string, staffId: string) => lesson({ classId: '2005', groupId, staffId });
    const run = (...ps: Placement[]) => new ConflictIndex(ps, parts, []).all().map((c) => c.entryIds.join('+'));
    const [skills, e1, e3, begin, split] = [at('skills', 't1'), at('e1', 't2'), at('e3', 't3'), at('begin', 't4'), at('split', 't5')];
    expect(run(e1, e3, begin)).toEqual([]);
    expect(run(skills, begin)).toEqual([]);
    expect(run(skills, e1)).toEqual([`${skills.id}+${e1.id}`]);
    // A group of an ordinary split is not known to be apart from them: a clash.
    expect(run(begin, split)).toEqual([`${begin.id}+${split.id}`]);
    expect(partsKey([0, 5])).toBe('parts:21');
    expect(partsOverlap('parts:100', 'parts:1')).toBe(false);
    expect(partsOverlap('parts:101', 'parts:1')).toBe(true);
  });

  it('puts imported groups into splits only when the splits tell exactly who meets whom', () => {
    const set = (...a: string[]) => new Set(a);
    // Two divisions of a class: language groups and boys/girls.
    expect(flatSplits([set('1m', '1g'), set('2m', '2g'), set('1m', '2m'), set('1g', '2g')])).toEqual([0, 0, 1, 1]);
    // A group with one of its own subgroups: no flat splits can say it.
    expect(flatSplits([set('a', 'b'), set('a'), set('c')])).toBeNull();
  });

  it('lets the subgroups of one split run in parallel', () => {
    const g1 = lesson({ classId: '5A', groupId: 'eng1', subjectId: 'english', staffId: 'smirnova', roomId: '301' });
    const g2 = lesson({ classId: '5A', groupId: 'eng2', subjectId: 'english', staffId: 'kuznetsova', roomId: '302' });
    expect(kinds([g1, g2])).toEqual([]);
  });

  it('lets different parts of one split study different subjects at once (English for one half, informatics for the other)', () => {
    const eng = lesson({ classId: '5A', groupId: 'eng1', subjectId: 'english', staffId: 'smirnova', roomId: '301' });
    const inf = lesson({ classId: '5A', groupId: 'inf2', subjectId: 'informatics', staffId: 'orlov', roomId: '305' });
    expect(kinds([eng, inf])).toEqual([]);
  });

  it('refuses the same part of a split twice at once, even for another subject', () => {
    const eng = lesson({ classId: '5A', groupId: 'eng1', subjectId: 'english', staffId: 'smirnova', roomId: '301' });
    const inf = lesson({ classId: '5A', groupId: 'inf1', subjectId: 'informatics', staffId: 'orlov', roomId: '305' });
    expect(kinds([eng, inf])).toEqual([`class:5A:${eng.id}+${inf.id}`]);
  });

  it('refuses a group beside the whole class, and beside a group of another split', () => {
    const whole = lesson({ classId: '5A', staffId: 'ivanova' });
    const g1 = lesson({ classId: '5A', groupId: 'eng1', subjectId: 'english', staffId: 'smirnova' });
    const boys = lesson({ classId: '5A', groupId: 'boys', subjectId: 'pe', staffId: 'volkov', lessonNo: 4 });
    const g2 = lesson({ classId: '5A', groupId: 'eng2', subjectId: 'english', staffId: 'kuznetsova', lessonNo: 4 });
    expect(kinds([whole, g1, boys, g2])).toEqual([`class:5A:${whole.id}+${g1.id}`, `class:5A:${boys.id}+${g2.id}`]);
  });

  it('reports a lesson at the teacher’s unavailable time, for the whole day or one lesson', () => {
    const monday = lesson({ classId: '5A', staffId: 'ivanova', weekday: 1, lessonNo: 2 });
    const tuesday3 = lesson({ classId: '5A', staffId: 'ivanova', weekday: 2, lessonNo: 3 });
    const tuesday4 = lesson({ classId: '5A', staffId: 'ivanova', weekday: 2, lessonNo: 4 });
    const unavailable = [
      { staffId: 'ivanova', weekday: 1, lessonNo: null, note: 'методический день' },
      { staffId: 'ivanova', weekday: 2, lessonNo: 3, note: null },
    ];
    expect(kinds([monday, tuesday3, tuesday4], unavailable)).toEqual([`unavailable:ivanova:${monday.id}`, `unavailable:ivanova:${tuesday3.id}`]);
  });

  it('lets week A and week B share a slot, but not an every-week lesson with either', () => {
    const a = lesson({ classId: '5A', staffId: 'ivanova', weekParity: 1, subjectId: 'physics' });
    const b = lesson({ classId: '5A', staffId: 'ivanova', weekParity: 2, subjectId: 'chemistry' });
    expect(kinds([a, b])).toEqual([]);
    const every = lesson({ classId: '5A', staffId: 'petrova', weekParity: 0, subjectId: 'russian' });
    expect(kinds([a, b, every])).toEqual([`class:5A:${a.id}+${every.id}`, `class:5A:${b.id}+${every.id}`]);
    const a2 = lesson({ classId: '6B', staffId: 'ivanova', weekParity: 1, subjectId: 'physics' });
    expect(kinds([a, a2])).toEqual([`teacher:ivanova:${a.id}+${a2.id}`]);
  });

  it('never sets the parts of one lesson (one card) against each other', () => {
    // Technology for 9А and 9Б together, two teachers and one workshop: one aSc card.
    const parts = [
      lesson({ classId: '9A', groupId: null, subjectId: 'tech', staffId: 'sokolov', roomId: 'workshop', cardId: 'card1' }),
      lesson({ classId: '9B', groupId: null, subjectId: 'tech', staffId: 'sokolov', roomId: 'workshop', cardId: 'card1' }),
      lesson({ classId: '9A', groupId: null, subjectId: 'tech', staffId: 'zverev', roomId: 'workshop', cardId: 'card1' }),
    ];
    expect(kinds(parts)).toEqual([]);
    // Without the card, the same placements are three clashes of the teacher, the room and the class.
    const loose = parts.map((p) => ({ ...p, cardId: null }));
    expect(kinds(loose).sort()).toEqual(
      [
        `class:9A:${parts[0].id}+${parts[2].id}`,
        `room:workshop:${parts[0].id}+${parts[1].id}`,
        `room:workshop:${parts[0].id}+${parts[2].id}`,
        `room:workshop:${parts[1].id}+${parts[2].id}`,
        `teacher:sokolov:${parts[0].id}+${parts[1].id}`,
      ].sort(),
    );
  });

  it('keeps an individual-plan lesson out of the class, but not out of the teacher’s or the room’s week', () => {
    const classLesson = lesson({ classId: '5A', staffId: 'petrova', roomId: '201' });
    const home = lesson({ classId: '5A', staffId: 'ivanova', roomId: '204', individualPlanId: 'iup1' });
    expect(kinds([classLesson, home])).toEqual([]);
    const sameTeacher = lesson({ classId: '7B', staffId: 'ivanova', roomId: '205' });
    expect(kinds([home, sameTeacher])).toEqual([`teacher:ivanova:${home.id}+${sameTeacher.id}`]);
  });
});

describe('the time line', () => {
  const line = new TimeLine(
    [
      { id: '5A', shift: 1, bellScheduleId: null },
      { id: '2B', shift: 2, bellScheduleId: null },
      { id: 'noBells', shift: 2, bellScheduleId: 'none' },
    ],
    [
      { id: 's1', shift: 1, weekdays: null },
      { id: 's1sat', shift: 1, weekdays: 1 << 5 },
      { id: 's2', shift: 2, weekdays: null },
    ],
    [
      { scheduleId: 's1', lessonNo: 6, startTime: '12:30', endTime: '13:10' },
      { scheduleId: 's1', lessonNo: 7, startTime: '13:20', endTime: '14:00' },
      { scheduleId: 's1sat', lessonNo: 6, startTime: '11:50', endTime: '12:25' },
      { scheduleId: 's1sat', lessonNo: 7, startTime: '12:30', endTime: '13:05' },
      { scheduleId: 's2', lessonNo: 1, startTime: '13:20', endTime: '14:00' },
      { scheduleId: 's2', lessonNo: 2, startTime: '14:10', endTime: '14:50' },
    ],
  );

  it('sets the second shift’s first lesson against the first shift’s seventh, by the bells', () => {
    const first = lesson({ classId: '5A', staffId: 'ivanova', weekday: 2, lessonNo: 7 });
    const second = lesson({ classId: '2B', staffId: 'ivanova', weekday: 2, lessonNo: 1 });
    const secondLater = lesson({ classId: '2B', staffId: 'ivanova', weekday: 3, lessonNo: 2 });
    const sameNumber = lesson({ classId: '2B', staffId: 'ivanova', weekday: 3, lessonNo: 7 });
    expect(kinds([first, second, secondLater, sameNumber], [], line)).toEqual([`teacher:ivanova:${first.id}+${second.id}`]);
    expect(line.clock(line.timeOf('2B', 2, 1))).toBe('13:20–14:00');
  });

  it('uses a shortened Saturday’s bells on Saturday', () => {
    // On Tuesday the seventh lesson (13:20) meets the second shift's first; on a
    // shortened Saturday it ends at 13:05, before the second shift begins.
    const sat7 = lesson({ classId: '5A', staffId: 'ivanova', weekday: 6, lessonNo: 7 });
    const sat1 = lesson({ classId: '2B', staffId: 'ivanova', weekday: 6, lessonNo: 1 });
    expect(kinds([sat7, sat1], [], line)).toEqual([]);
    expect(line.clock(line.timeOf('5A', 6, 7))).toBe('12:30–13:05');
    expect(line.clock(line.timeOf('5A', 2, 7))).toBe('13:20–14:00');
  });

  it('without bells, compares lesson numbers within a shift only', () => {
    const plain = TimeLine.plain();
    const a = lesson({ classId: '5A', staffId: 'ivanova', lessonNo: 1 });
    const b = lesson({ classId: '6B', staffId: 'ivanova', lessonNo: 1 });
    expect(kinds([a, b], [], plain)).toHaveLength(1);
  });
});

describe('slot statuses while a lesson is placed', () => {
  it('shows every slot free or the reasons why not, the moved lesson holding nothing', () => {
    const moving = lesson({ classId: '5A', staffId: 'ivanova', roomId: '201', weekday: 1, lessonNo: 1 });
    const teacherBusy = lesson({ classId: '6B', staffId: 'ivanova', roomId: '204', weekday: 1, lessonNo: 2 });
    const roomBusy = lesson({ classId: '7A', staffId: 'petrova', roomId: '201', weekday: 1, lessonNo: 3, subjectId: 'russian' });
    const classBusy = lesson({ classId: '5A', staffId: 'sidorov', roomId: '101', weekday: 2, lessonNo: 1, subjectId: 'music' });
    const index = new ConflictIndex([moving, teacherBusy, roomBusy, classBusy], GROUPS, [{ staffId: 'ivanova', weekday: 2, lessonNo: 2, note: 'курсы' }]);
    const grid = slotStatuses(index, moving, 2, 3, new Set([moving.id]));
    const at = (weekday: number, lessonNo: number) => grid.find((s) => s.weekday === weekday && s.lessonNo === lessonNo)!;
    expect(grid).toHaveLength(6);
    expect(at(1, 1)).toMatchObject({ free: true, reasons: [] });
    expect(at(1, 2).reasons).toEqual([{ kind: 'teacher', resourceId: 'ivanova', entryId: teacherBusy.id, note: null }]);
    expect(at(1, 3).reasons).toEqual([{ kind: 'room', resourceId: '201', entryId: roomBusy.id, note: null }]);
    expect(at(2, 1).reasons).toEqual([{ kind: 'class', resourceId: '5A', entryId: classBusy.id, note: null }]);
    expect(at(2, 2).reasons).toEqual([{ kind: 'unavailable', resourceId: 'ivanova', entryId: null, note: 'курсы' }]);
    expect(at(2, 3).free).toBe(true);
  });
});
