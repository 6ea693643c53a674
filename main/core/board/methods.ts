import { z } from 'zod';
import { IsNull } from 'typeorm';
import { actorOf, mutation, query, schoolDate, type QueryContext } from '../api/contract';
import type { Actor } from '../auth/sessions';
import { AnnouncementEntity, ANNOUNCEMENT_AUDIENCES, type Announcement } from '../db/entities/messages';
import { SchoolClassEntity } from '../db/entities/school';
import { resolveYear } from '../reports/data/year';
import { reportEnv } from '../reports/env';
import { writeReport } from '../reports/output';
import { leadsClassIds } from '../reports/scope';
import { schoolTodayOf } from '../settings/school-today';
import { AppError, fail } from '../shared/errors';
import { requiredText } from '../school/common';
import { namesOf } from '../messages/people';
import { boardViewer, concerns } from './audience';
import { changesAnnouncement } from './day-changes';
import { announcementSheet } from './sheet';

export interface AnnouncementDto {
  id: string;
  title: string;
  body: string;
  audience: Announcement['audience'];
  classId: string | null;
  gradeLevel: number | null;
  /** «Всем сотрудникам», «Учителям 5А класса», «Учителям 5-х классов». */
  audienceText: string;
  fromDate: string;
  toDate: string;
  pinned: boolean;
  authorName: string;
  createdAt: string;
  /** Whether this user may change or remove it. */
  mayEdit: boolean;
  /** What made it: `changes:2026-11-23` for the day's changes. */
  sourceKey: string | null;
}

const announcementParams = z
  .object({
    id: z.string().uuid().optional(),
    title: requiredText(300, 'Укажите заголовок объявления'),
    body: requiredText(5000, 'Напишите текст объявления'),
    audience: z.enum(ANNOUNCEMENT_AUDIENCES),
    classId: z.string().uuid().nullish(),
    gradeLevel: z.number().int().min(1).max(11).nullish(),
    fromDate: schoolDate,
    toDate: schoolDate,
    pinned: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    if (p.toDate < p.fromDate) ctx.addIssue({ code: 'custom', path: ['toDate'], message: 'Дата окончания раньше даты начала' });
    if (p.audience === 'class' && !p.classId) ctx.addIssue({ code: 'custom', path: ['classId'], message: 'Выберите класс' });
    if (p.audience === 'grade' && !p.gradeLevel) ctx.addIssue({ code: 'custom', path: ['gradeLevel'], message: 'Выберите параллель' });
  });

function audienceText(a: Pick<Announcement, 'audience' | 'classId' | 'gradeLevel'>, classNames: Map<string, string>): string {
  if (a.audience === 'all') return 'Всем сотрудникам';
  if (a.audience === 'class') return `Учителям ${classNames.get(a.classId ?? '') ?? ''} класса`;
  return `Учителям ${a.gradeLevel}-х классов`;
}

/** The deputy announces to anyone; a class teacher, to the teachers of the class they lead. */
async function assertMayPublish(ctx: QueryContext, actor: Actor, a: { audience: string; classId?: string | null }): Promise<void> {
  if (actor.roles.includes('deputy')) return;
  if (a.audience === 'class' && a.classId && actor.staffId && (await leadsClassIds(ctx.em, actor.staffId)).includes(a.classId)) return;
  throw new AppError('FORBIDDEN', 'Классный руководитель объявляет учителям своего класса; объявления для всех сотрудников и параллелей публикует заместитель директора.');
}

async function assertMayEdit(ctx: QueryContext, actor: Actor, a: Announcement): Promise<void> {
  if (a.authorId === actor.userId || actor.roles.includes('deputy')) return;
  throw new AppError('FORBIDDEN', 'Изменить или снять объявление может его автор или заместитель директора.');
}

async function toDtos(ctx: QueryContext, actor: Actor, rows: Announcement[]): Promise<AnnouncementDto[]> {
  const classIds = [...new Set(rows.map((r) => r.classId).filter((id): id is string => !!id))];
  const classes = classIds.length ? await ctx.em.find(SchoolClassEntity, { where: classIds.map((id) => ({ id })) }) : [];
  const classNames = new Map(classes.map((c) => [c.id, c.name]));
  const authors = await namesOf(ctx.em, rows.map((r) => r.authorId));
  return rows.map((a) => ({
    id: a.id,
    title: a.title,
    body: a.body,
    audience: a.audience,
    classId: a.classId,
    gradeLevel: a.gradeLevel,
    audienceText: audienceText(a, classNames),
    fromDate: a.fromDate,
    toDate: a.toDate,
    pinned: !!a.pinned,
    authorName: authors.get(a.authorId) ?? '',
    createdAt: a.createdAt,
    mayEdit: a.authorId === actor.userId || actor.roles.includes('deputy'),
    sourceKey: a.sourceKey,
  }));
}

/** Pinned first, then the newest. */
function boardOrder(a: Announcement, b: Announcement): number {
  return Number(!!b.pinned) - Number(!!a.pinned) || b.fromDate.localeCompare(a.fromDate) || b.createdAt.localeCompare(a.createdAt);
}

async function loadOwn(ctx: QueryContext, actor: Actor, id: string): Promise<Announcement> {
  const a = await ctx.em.findOne(AnnouncementEntity, { where: { id, deletedAt: IsNull() } });
  if (!a || !concerns(await boardViewer(ctx.em, actor, a.yearId), a)) throw fail.notFound('Объявление');
  return a;
}

/**
 * The announcement board (issue 19, item 2). Everyone reads what concerns
 * them; the deputy announces to anyone, a class teacher to the teachers of
 * their class; the day's changes are announced from «Замены на дату» in one
 * click; any announcement prints as a sheet.
 */
export const boardMethods = {
  /**
   * `current`: what the user's start screen shows — valid today and
   * concerning them, pinned first. `all`: the year's board, past and coming.
   */
  'board.list': query({
    params: z.object({ scope: z.enum(['current', 'all']).default('current') }),
    access: 'session',
    action: 'просмотр объявлений',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const today = await schoolTodayOf(ctx);
      const year = await resolveYear(ctx.em, undefined, today).catch(() => null);
      if (!year) return { today, items: [] as AnnouncementDto[] };
      const q = ctx.em.createQueryBuilder(AnnouncementEntity, 'a').where('a.yearId = :yearId AND a.deletedAt IS NULL', { yearId: year.id });
      if (p.scope === 'current') q.andWhere('a.fromDate <= :today AND a.toDate >= :today', { today });
      const viewer = await boardViewer(ctx.em, actor, year.id);
      const rows = (await q.getMany()).filter((a) => concerns(viewer, a)).sort(boardOrder);
      return { today, items: await toDtos(ctx, actor, rows) };
    },
  }),

  'board.save': mutation({
    params: announcementParams,
    access: 'board.publish',
    action: 'публикация объявления',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const values = {
        title: p.title,
        body: p.body,
        audience: p.audience,
        classId: p.audience === 'class' ? (p.classId ?? null) : null,
        gradeLevel: p.audience === 'grade' ? (p.gradeLevel ?? null) : null,
        fromDate: p.fromDate,
        toDate: p.toDate,
        pinned: p.pinned,
      };
      await assertMayPublish(ctx, actor, values);
      const year = await resolveYear(ctx.em, undefined, p.fromDate);
      if (p.toDate > year.endDate || p.fromDate < year.startDate) {
        throw fail.validation(`Объявление должно помещаться в учебный год ${year.name} (${year.startDate.split('-').reverse().join('.')} – ${year.endDate.split('-').reverse().join('.')}).`, { toDate: 'За пределами учебного года' });
      }
      if (values.classId) {
        const c = await ctx.em.findOne(SchoolClassEntity, { where: { id: values.classId, deletedAt: IsNull() } });
        if (!c || c.yearId !== year.id) throw fail.validation('Класс не найден в этом учебном году.', { classId: 'Выберите класс' });
      }
      if (p.id) {
        const a = await loadOwn(ctx, actor, p.id);
        await assertMayEdit(ctx, actor, a);
        const saved = await ctx.write.update(AnnouncementEntity, a.id, { ...values, yearId: year.id });
        return (await toDtos(ctx, actor, [saved]))[0];
      }
      const saved = await ctx.write.insert(AnnouncementEntity, { ...values, yearId: year.id, authorId: actor.userId, sourceKey: null });
      return (await toDtos(ctx, actor, [saved]))[0];
    },
  }),

  'board.remove': mutation({
    params: z.object({ id: z.string().uuid() }),
    access: 'board.publish',
    action: 'снятие объявления',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const a = await loadOwn(ctx, actor, p.id);
      await assertMayEdit(ctx, actor, a);
      await ctx.write.remove(AnnouncementEntity, a.id);
      return { id: a.id };
    },
  }),

  /**
   * The day's changes on the board, for all staff, pinned, on that day: one
   * click from «Замены на дату». A second click brings the same announcement
   * up to date instead of adding another.
   */
  'board.announceChanges': mutation({
    params: z.object({ date: schoolDate }),
    access: 'substitutions.manage',
    action: 'объявление изменений в расписании',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const { title, body } = await changesAnnouncement(ctx.em, p.date);
      const year = await resolveYear(ctx.em, undefined, p.date);
      const sourceKey = `changes:${p.date}`;
      const existing = await ctx.em.findOne(AnnouncementEntity, { where: { sourceKey, deletedAt: IsNull() } });
      const values = { title, body, audience: 'all' as const, classId: null, gradeLevel: null, fromDate: p.date, toDate: p.date, pinned: true };
      const saved = existing
        ? await ctx.write.update(AnnouncementEntity, existing.id, values)
        : await ctx.write.insert(AnnouncementEntity, { ...values, yearId: year.id, authorId: actor.userId, sourceKey });
      return { ...(await toDtos(ctx, actor, [saved]))[0], updated: !!existing };
    },
  }),

  /** The announcement as a sheet to print (PDF). */
  'board.print': query({
    params: z.object({ id: z.string().uuid() }),
    access: 'session',
    action: 'печать объявления',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const a = await loadOwn(ctx, actor, p.id);
      const [dto] = await toDtos(ctx, actor, [a]);
      // The sheet names staff only, never a student: it is the school's own paper.
      const model = await announcementSheet(await reportEnv(ctx, 'school'), a, dto.audienceText);
      return writeReport(model, 'pdf');
    },
  }),
};
