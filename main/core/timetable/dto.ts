import { compareRu, shortName, fullName } from '../shared/text';
import type { Timetable, TimetableEntry } from '../db/entities/planning';
import type { TimetableContext } from './context';
import { clashText, reasonText } from './describe';
import type { ConflictKind, Placement, SlotReason } from './model';
import { placementOf } from './context';

export interface TimetableDto {
  id: string;
  yearId: string;
  name: string;
  validFrom: string;
  validTo: string | null;
  cycleWeeks: number;
  status: string;
}

export interface EntryDto {
  id: string;
  weekday: number;
  lessonNo: number;
  weekParity: number;
  classId: string;
  groupId: string | null;
  subjectId: string;
  staffId: string;
  roomId: string | null;
  individualPlanId: string | null;
  cardId: string | null;
}

export interface ConflictDto {
  kind: ConflictKind;
  weekday: number;
  lessonNo: number;
  entryIds: string[];
  resourceId: string;
  message: string;
}

export interface ReasonDto {
  kind: ConflictKind;
  entryId: string | null;
  message: string;
}

export function timetableDto(t: Timetable): TimetableDto {
  return { id: t.id, yearId: t.yearId, name: t.name, validFrom: t.validFrom, validTo: t.validTo, cycleWeeks: t.cycleWeeks, status: t.status };
}

export function entryDto(e: TimetableEntry | Placement): EntryDto {
  const p = 'timetableId' in e ? placementOf(e) : e;
  return { ...p };
}

export function conflictDtos(ctx: TimetableContext): ConflictDto[] {
  const byId = new Map(ctx.entries.map((e) => [e.id, placementOf(e)]));
  return ctx.index.all().map((c) => {
    const note =
      c.kind === 'unavailable'
        ? (ctx.unavailability.find((u) => u.staffId === c.resourceId && u.weekday === c.weekday && (u.lessonNo === null || u.lessonNo === c.lessonNo))?.note ?? null)
        : null;
    return { ...c, message: clashText(c, byId, ctx.names, note) };
  });
}

export function reasonDtos(reasons: SlotReason[], ctx: TimetableContext): ReasonDto[] {
  const byId = new Map(ctx.entries.map((e) => [e.id, placementOf(e)]));
  return reasons.map((r) => ({ kind: r.kind, entryId: r.entryId, message: reasonText(r, r.entryId ? byId.get(r.entryId) : undefined, ctx.names) }));
}

/** The reference data a timetable grid shows, sorted as a Russian school expects. */
export function referenceDtos(ctx: TimetableContext) {
  const teacherIds = new Set(ctx.entries.map((e) => e.staffId));
  return {
    classes: [...ctx.classes]
      .sort((a, b) => a.gradeLevel - b.gradeLevel || compareRu(a.letter, b.letter))
      .map((c) => ({ id: c.id, name: c.name, gradeLevel: c.gradeLevel, shift: c.shift, roomId: c.roomId })),
    groups: [...ctx.groups]
      .sort((a, b) => compareRu(a.name, b.name))
      .map((g) => ({ id: g.id, classId: g.classId, subjectId: g.subjectId, name: g.name, splitKey: g.splitKey })),
    subjects: [...ctx.subjects]
      .sort((a, b) => a.sortOrder - b.sortOrder || compareRu(a.name, b.name))
      .map((s) => ({ id: s.id, name: s.name, shortName: s.shortName })),
    teachers: [...ctx.staff]
      .filter((s) => !s.leftOn || teacherIds.has(s.id))
      .sort((a, b) => compareRu(fullName(a), fullName(b)))
      .map((s) => ({ id: s.id, name: shortName(s), fullName: fullName(s), position: s.position })),
    rooms: [...ctx.rooms]
      .sort((a, b) => compareRu(a.number, b.number))
      .map((r) => ({ id: r.id, number: r.number, name: r.name })),
    unavailability: ctx.unavailability.map((u) => ({ staffId: u.staffId, weekday: u.weekday, lessonNo: u.lessonNo, note: u.note })),
  };
}

/** Bells of each shift for the grid's row headers: lesson number → «08:00–08:40». */
export function bellDtos(ctx: TimetableContext): { shift: number; lessonNo: number; time: string }[] {
  const out: { shift: number; lessonNo: number; time: string }[] = [];
  for (const s of ctx.schedules.filter((x) => x.weekdays === null).sort((a, b) => a.shift - b.shift)) {
    if (out.some((o) => o.shift === s.shift)) continue;
    for (const b of ctx.bells.filter((x) => x.scheduleId === s.id).sort((x, y) => x.lessonNo - y.lessonNo)) {
      out.push({ shift: s.shift, lessonNo: b.lessonNo, time: `${b.startTime}–${b.endTime}` });
    }
  }
  return out;
}
