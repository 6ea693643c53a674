import { AuditEventEntity } from '../../db/entities/system';
import { LessonEntity, PageReopenEntity, type Lesson } from '../../db/entities/journal';
import { SchoolClassEntity } from '../../db/entities/school';
import { SubstitutionEntity } from '../../db/entities/changes';
import { AcademicYearEntity, StudyPeriodEntity } from '../../db/entities/calendar';
import { IsNull, Not } from 'typeorm';
import { periodOfDate, periodsForGrade } from '../../journal/periods';
import { YearLock } from '../../year/lock';
import { AppError } from '../../shared/errors';
import { ruDate } from '../../shared/dates';
import { FieldClocks } from '../merge/clocks';
import { computerOfHlc, type Contest, type MergeContext, type Row, type RowPlan } from '../merge/context';
import { classSubject, lessonLabel, periodName, roomLabel, staffLabel, studentLabel } from './labels';
import type { ConflictSide, FoundConflict } from './types';

/**
 * The domain conflicts last-writer-wins cannot settle, looked for after a
 * batch is applied (sync/README.md «Conflicts»). Each is listed once for the
 * school: its id follows from its kind and subject, so the computers that
 * find it make one row (conflicts/record.ts). Finding it on one computer is
 * enough; every computer that applies the conflicting changes in an order
 * that shows it finds the same.
 */
export async function detectConflicts(ctx: MergeContext, origin: { computerId: string; seq: number }): Promise<void> {
  for (const c of ctx.contests) {
    const found = await finalMark(ctx, c);
    if (found) ctx.found.push(found);
  }
  ctx.found.push(...(await doubleBookings(ctx)));
  ctx.found.push(...(await closedPeriods(ctx, origin)));
  ctx.found.push(...(await closedYears(ctx, origin)));
}

function sideOf(ctx: MergeContext, hlc: string, entity: string, rowId: string, userId: string | null, values: Row, text: string, current: boolean): ConflictSide {
  const computerId = computerOfHlc(hlc);
  return {
    computerId,
    computerName: computerId ? ctx.computerName(computerId) : 'этот компьютер (до начала синхронизации)',
    hlc,
    entity,
    rowId,
    userId,
    values,
    text,
    current,
  };
}

/**
 * What the author of a final mark's value saw in the field when writing it,
 * from the audit event of that write: the value it replaced, or null for a
 * mark set where there was none. A write that replaced the other computer's
 * value knowingly is a correction, not a conflict.
 */
async function seenBefore(ctx: MergeContext, rowId: string, value: unknown, setAt: unknown): Promise<{ known: boolean; value: string | null }> {
  const events = await ctx.em.find(AuditEventEntity, { where: { entity: 'FinalMark', entityId: rowId }, order: { at: 'DESC' } });
  for (const e of events) {
    if (e.action === 'update' && e.field === 'value' && e.newValue === String(value)) return { known: true, value: e.oldValue };
    if (e.action === 'create' || e.action === 'restore') {
      if (e.action === 'restore' || e.at === setAt) return { known: true, value: null };
    }
  }
  return { known: false, value: null };
}

/** Two different final marks for one student, subject and period, set on two computers neither of which saw the other's. */
async function finalMark(ctx: MergeContext, c: Contest): Promise<FoundConflict | null> {
  const local = c.local.row;
  const incoming = c.incoming;
  if (local.deletedAt || incoming.values.deletedAt) return null;
  const localComputer = computerOfHlc(c.local.hlc);
  if (localComputer === incoming.computerId) return null;
  const incomingValue = incoming.values.value;
  if (incomingValue === null || incomingValue === undefined || local.value === null) return null;
  // The later write: did its author see the earlier value?
  const later = c.incomingWon ? { value: incomingValue, setAt: incoming.values.setAt } : { value: local.value, setAt: local.setAt };
  const earlierValue = c.incomingWon ? local.value : incomingValue;
  const seen = await seenBefore(ctx, c.rowId, later.value, later.setAt);
  if (seen.known && seen.value === String(earlierValue)) return null;
  const localSide = sideOf(ctx, c.local.hlc, 'FinalMark', c.rowId, (local.setBy as string) ?? null, pickMark(local), `отметка «${String(local.value)}»`, !c.incomingWon);
  const incomingSide = sideOf(ctx, incoming.hlc, 'FinalMark', c.rowId, (incoming.values.setBy as string) ?? null, pickMark({ ...local, ...incoming.values }), `отметка «${String(incomingValue)}»`, c.incomingWon);
  const sides = [localSide, incomingSide].sort((a, b) => (a.hlc < b.hlc ? -1 : 1));
  const student = await studentLabel(ctx.em, String(local.studentId));
  const page = await classSubject(ctx.em, String(local.classId), String(local.subjectId));
  const period = await periodName(ctx.em, (local.periodId as string | null) ?? null);
  const winner = sides.find((s) => s.current)!;
  return {
    kind: 'final-mark',
    // The two writes name it: a later clash over the same mark is another conflict.
    subjectKey: `final-mark:${c.rowId}:${sides[0].hlc}:${sides[1].hlc}`,
    summary: `Две разные итоговые отметки: ${student}, ${page}, ${period}`,
    details: {
      sides,
      explanation: `Итоговая отметка выставлена на двух компьютерах по-разному, и ни один не видел отметку другого. Пока в журнале ${winner.text} (${winner.computerName}, выставлена позднее); выберите верную.`,
    },
  };
}

function pickMark(row: Row): Row {
  return { value: row.value, setAt: row.setAt, setBy: row.setBy, late: row.late };
}

const BOOKING_FIELDS = ['date', 'lessonNo', 'staffId', 'substituteStaffId', 'roomId', 'deletedAt', 'status'];

/**
 * A teacher or a room booked twice at one lesson time because two computers
 * each gave them a lesson: looked for around lessons whose teacher, room or
 * time a batch changed (not around lessons the timetable made: the
 * timetable's own checks answer for those).
 */
async function doubleBookings(ctx: MergeContext): Promise<FoundConflict[]> {
  const lessons = new Set<string>();
  for (const p of ctx.applied) {
    if (p.info.name === 'Lesson' && p.before && BOOKING_FIELDS.some((f) => p.set.has(f))) lessons.add(p.rowId);
    if (p.info.name === 'Substitution' && (p.set.has('newRoomId') || p.set.has('deletedAt') || !p.before)) lessons.add(String(p.after.lessonId));
  }
  const out: FoundConflict[] = [];
  for (const id of lessons) {
    const lesson = await ctx.em.findOne(LessonEntity, { where: { id } });
    if (!lesson || lesson.deletedAt || lesson.status === 'cancelled') continue;
    const same = (await ctx.em.find(LessonEntity, { where: { date: lesson.date, lessonNo: lesson.lessonNo } })).filter(
      (l) => l.id !== lesson.id && !l.deletedAt && l.status !== 'cancelled',
    );
    if (same.length === 0) continue;
    const subs = new Map((await ctx.em.find(SubstitutionEntity, { where: [lesson, ...same].map((l) => ({ lessonId: l.id })) })).filter((s) => !s.deletedAt).map((s) => [s.lessonId, s]));
    const merged = (a: Lesson, b: Lesson) => subs.get(a.id)?.mergedWithLessonId === b.id || subs.get(b.id)?.mergedWithLessonId === a.id;
    const teacher = (l: Lesson) => l.substituteStaffId ?? l.staffId;
    const room = (l: Lesson) => subs.get(l.id)?.newRoomId ?? l.roomId;
    for (const other of same) {
      if (merged(lesson, other)) continue;
      const pair = [lesson, other].sort((a, b) => (a.id < b.id ? -1 : 1));
      if (teacher(lesson) === teacher(other)) out.push(await booking(ctx, 'teacher', teacher(lesson), pair, room));
      const r = room(lesson);
      if (r && r === room(other)) out.push(await booking(ctx, 'room', r, pair, room));
    }
  }
  return out;
}

async function booking(ctx: MergeContext, what: 'teacher' | 'room', id: string, pair: Lesson[], room: (l: Lesson) => string | null): Promise<FoundConflict> {
  const field = what === 'teacher' ? 'substituteStaffId' : 'roomId';
  const clocks = await FieldClocks.load(ctx.em, pair.map((l) => ({ entity: 'Lesson', rowId: l.id })));
  const sides: ConflictSide[] = [];
  for (const l of pair) {
    const hlc = [clocks.of('Lesson', l.id, field), clocks.of('Lesson', l.id, 'date'), clocks.of('Lesson', l.id, 'lessonNo')].sort().pop() ?? '';
    const text = `${await lessonLabel(ctx.em, l)}, ${await staffLabel(ctx.em, l.substituteStaffId ?? l.staffId)}, ${await roomLabel(ctx.em, room(l))}`;
    sides.push(sideOf(ctx, hlc, 'Lesson', l.id, null, { substituteStaffId: l.substituteStaffId, roomId: room(l) }, text, true));
  }
  const first = pair[0];
  const name = what === 'teacher' ? `Учитель занят дважды — ${await staffLabel(ctx.em, id)}` : `Кабинет занят дважды — ${await roomLabel(ctx.em, id)}`;
  return {
    kind: 'double-booking',
    subjectKey: `${what}:${id}:${first.date}:${first.lessonNo}:${pair.map((l) => l.id).join(':')}`,
    summary: `${name}: ${ruDate(first.date)}, ${first.lessonNo}-й урок`,
    details: {
      sides,
      explanation:
        what === 'teacher'
          ? 'На разных компьютерах одному учителю назначены уроки в одно и то же время. Измените замену одного из уроков в разделе «Замены», затем отметьте конфликт решённым.'
          : 'На разных компьютерах два урока поставлены в один кабинет в одно и то же время. Выберите другой кабинет для одного из них в разделе «Замены», затем отметьте конфликт решённым.',
    },
  };
}

type Page = { yearId: string; classId: string; subjectId: string; groupId: string | null; date: string | null; periodId: string | null };

/**
 * Journal records whose date (or period) a plan changed: the page and the
 * date. Lessons are read once per batch (`lessons`): a day's batch has
 * thousands of marks on a few hundred lessons.
 */
async function pageOf(ctx: MergeContext, p: RowPlan, lessons: Map<string, Lesson | null>): Promise<Page | null> {
  const row = p.after;
  if (p.info.name === 'Lesson') {
    if (![...p.set.keys()].some((f) => f.startsWith('topic') || f.startsWith('homework'))) return null;
    return { yearId: String(row.yearId), classId: String(row.classId), subjectId: String(row.subjectId), groupId: (row.groupId as string) ?? null, date: String(row.date), periodId: null };
  }
  if (p.info.name === 'Mark' || p.info.name === 'Attendance') {
    const id = String(row.lessonId);
    if (!lessons.has(id)) lessons.set(id, await ctx.em.findOne(LessonEntity, { where: { id } }));
    const lesson = lessons.get(id);
    if (!lesson) return null;
    return { yearId: lesson.yearId, classId: lesson.classId, subjectId: lesson.subjectId, groupId: lesson.groupId, date: lesson.date, periodId: null };
  }
  if (p.info.name === 'FinalMark' && row.periodId) {
    return { yearId: '', classId: String(row.classId), subjectId: String(row.subjectId), groupId: (row.groupId as string) ?? null, date: null, periodId: String(row.periodId) };
  }
  return null;
}

/** The other computer's write that set most of a plan's fields. */
function remoteWrite(ctx: MergeContext, p: RowPlan) {
  return [...p.set.values()].find((w) => w.computerId !== ctx.me) ?? null;
}

/**
 * Records changed by the sync itself on another computer — a conflict
 * settled there (a change undone in a closed period), a duplicate made room
 * for — as their audit events in the batch say: a person decided those
 * knowing the period or year was closed, so they are no new conflict.
 */
function madeBySync(ctx: MergeContext): Set<string> {
  const out = new Set<string>();
  for (const p of ctx.applied) {
    if (p.info.name !== 'AuditEvent') continue;
    const method = String(p.after.method);
    if (method === 'sync.settleConflict' || method === 'sync.apply') out.add(`${String(p.after.entity)}|${String(p.after.entityId)}`);
  }
  return out;
}

const ENTRY_RU: Record<string, string> = { Lesson: 'тема или домашнее задание', Mark: 'отметка', Attendance: 'посещаемость', FinalMark: 'итоговая отметка' };

/**
 * Entries another computer made in a period closed here (a teacher's
 * computer that had not yet heard of the closing, or was offline): kept, and
 * listed for the deputy, one conflict per page, period and batch.
 */
async function closedPeriods(ctx: MergeContext, origin: { computerId: string; seq: number }): Promise<FoundConflict[]> {
  const closed = new Map((await ctx.em.find(StudyPeriodEntity, { where: { closedAt: Not(IsNull()) } })).map((p) => [p.id, p]));
  if (closed.size === 0) return [];
  const groups = new Map<string, { periodId: string; page: { classId: string; subjectId: string }; sides: ConflictSide[]; closedAt: string }>();
  const bySync = madeBySync(ctx);
  const lessons = new Map<string, Lesson | null>();
  const grades = new Map<string, number | null>();
  const periodClocks = await FieldClocks.load(ctx.em, [...closed.keys()].map((rowId) => ({ entity: 'StudyPeriod', rowId })));
  for (const p of ctx.applied) {
    if (!(p.info.name in ENTRY_RU) || bySync.has(`${p.info.name}|${p.rowId}`)) continue;
    const w = remoteWrite(ctx, p);
    if (!w) continue;
    const page = await pageOf(ctx, p, lessons);
    if (!page) continue;
    let periodId = page.periodId;
    if (!periodId) {
      if (!grades.has(page.classId)) grades.set(page.classId, (await ctx.em.findOne(SchoolClassEntity, { where: { id: page.classId } }))?.gradeLevel ?? null);
      const grade = grades.get(page.classId);
      if (grade === null || grade === undefined) continue;
      periodId = periodOfDate(await periodsForGrade(ctx.em, page.yearId, grade), page.date!)?.id ?? null;
    }
    const period = periodId ? closed.get(periodId) : undefined;
    if (!periodId || !period?.closedAt) continue;
    const reopened = await ctx.em.find(PageReopenEntity, { where: { periodId, classId: page.classId, subjectId: page.subjectId } });
    if (reopened.some((r) => !r.deletedAt && (r.groupId ?? null) === page.groupId && (r.closesAt === null || r.closesAt > ctx.now))) continue;
    const key = `${periodId}:${page.classId}:${page.subjectId}:${page.groupId ?? ''}:${origin.computerId}:${origin.seq}`;
    const group = groups.get(key) ?? { periodId, page, sides: [], closedAt: period.closedAt };
    const closeHlc = periodClocks.of('StudyPeriod', periodId, 'closedAt');
    const when = closeHlc && w.hlc < closeHlc ? 'до закрытия, получено позже' : 'после закрытия';
    const what = `${ENTRY_RU[p.info.name]}${p.before ? ' изменена' : ''}${page.date ? ` за ${ruDate(page.date)}` : ''} (${when})`;
    group.sides.push(sideOf(ctx, w.hlc, p.info.name, p.rowId, (p.after.setBy as string) ?? (p.after.topicSetBy as string) ?? null, {}, what, true));
    groups.set(key, group);
  }
  const out: FoundConflict[] = [];
  for (const [key, g] of groups) {
    const page = await classSubject(ctx.em, g.page.classId, g.page.subjectId);
    const period = await periodName(ctx.em, g.periodId);
    out.push({
      kind: 'closed-period',
      subjectKey: `closed-period:${key}`,
      summary: `Записи в закрытом периоде: ${page}, ${period} (${ctx.computerName(origin.computerId)})`,
      details: {
        sides: g.sides,
        explanation: `${period} закрыта ${ruDate(g.closedAt)}, а на компьютере «${ctx.computerName(origin.computerId)}» в неё внесены записи (${g.sides.length}). Они сохранены. Оставьте их или отмените — тогда будут восстановлены прежние значения.`,
      },
    });
  }
  return out;
}

/**
 * Changes another computer made to a closed year's records: applied (every
 * computer must end up with the same data) and listed for the
 * administrator, since the year's archive was made without them.
 */
async function closedYears(ctx: MergeContext, origin: { computerId: string; seq: number }): Promise<FoundConflict[]> {
  const closed = await ctx.em.find(AcademicYearEntity, { where: { status: 'closed' } });
  if (closed.length === 0) return [];
  const lock = new YearLock(ctx.em);
  const byYear = new Map<string, ConflictSide[]>();
  const bySync = madeBySync(ctx);
  for (const p of ctx.applied) {
    const w = remoteWrite(ctx, p);
    if (!w || p.info.name === 'AcademicYear' || p.info.name === 'AuditEvent' || bySync.has(`${p.info.name}|${p.rowId}`)) continue;
    try {
      await lock.check(p.info.schema, p.before, p.after);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'READ_ONLY') throw e;
      const year = closed.find((y) => e.message.includes(y.name))?.name ?? '';
      const list = byYear.get(year) ?? [];
      list.push(sideOf(ctx, w.hlc, p.info.name, p.rowId, null, {}, `${p.info.name}: ${p.before ? 'изменение' : 'новая запись'}`, true));
      byYear.set(year, list);
    }
  }
  return [...byYear].map(([year, sides]) => ({
    kind: 'closed-year' as const,
    subjectKey: `closed-year:${year}:${origin.computerId}:${origin.seq}`,
    summary: `Изменения в закрытом учебном году ${year} (${ctx.computerName(origin.computerId)})`,
    details: {
      sides,
      explanation: `Учебный год ${year} закрыт, а с компьютера «${ctx.computerName(origin.computerId)}» пришли изменения его записей (${sides.length}), сделанные до того, как этот компьютер узнал о закрытии. Они приняты, чтобы данные на всех компьютерах совпадали; архив года сделан без них — при необходимости сделайте архив заново.`,
    },
  }));
}
