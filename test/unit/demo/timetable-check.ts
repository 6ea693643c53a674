/**
 * An independent check of a weekly timetable: two lessons clash when their
 * bell times overlap on the same weekday and they share a teacher or a room,
 * or they share a class, unless both are different subgroups of one split.
 */
export interface CheckedEntry {
  weekday: number;
  lessonNo: number;
  shift: number;
  classId: string;
  groupId: string | null;
  subjectId: string;
  staffId: string;
  roomId: string | null;
}

export type Bells = Map<number, Map<number, { startTime: string; endTime: string }>>;

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

export function timetableConflicts(entries: CheckedEntry[], bells: Bells): string[] {
  const problems: string[] = [];
  const span = (e: CheckedEntry) => {
    const slot = bells.get(e.shift)?.get(e.lessonNo);
    if (!slot) throw new Error(`no bell for shift ${e.shift} lesson ${e.lessonNo}`);
    return [minutes(slot.startTime), minutes(slot.endTime)] as const;
  };
  for (let day = 1; day <= 6; day++) {
    const list = entries.filter((e) => e.weekday === day).map((e) => ({ e, s: span(e) }));
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        if (a.s[1] <= b.s[0] || b.s[1] <= a.s[0]) continue;
        const where = `day ${day}, lessons ${a.e.lessonNo}/${b.e.lessonNo}`;
        if (a.e.staffId === b.e.staffId) problems.push(`teacher ${a.e.staffId} twice at ${where}`);
        if (a.e.roomId && a.e.roomId === b.e.roomId) problems.push(`room ${a.e.roomId} twice at ${where}`);
        if (a.e.classId === b.e.classId) {
          const parallelSubgroups = a.e.groupId && b.e.groupId && a.e.groupId !== b.e.groupId && a.e.subjectId === b.e.subjectId;
          if (!parallelSubgroups) problems.push(`class ${a.e.classId} twice at ${where}`);
        }
      }
    }
  }
  return problems;
}
