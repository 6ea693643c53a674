import type { ReadableDb } from '../db/readable';
import { z } from 'zod';
import { In } from 'typeorm';
import { mutation, query, idParam, actorOf } from '../api/contract';
import { schoolTodayOf } from '../settings/school-today';
import {
  CurriculumItemEntity,
  GroupMembershipEntity,
  SchoolClassEntity,
  StudyGroupEntity,
  SubjectEntity,
  type GroupMembership,
  type StudyGroup,
} from '../db/entities/school';
import { StudyPeriodEntity } from '../db/entities/calendar';
import { getSetting } from '../settings/store';
import { schoolToday } from '../shared/school-time';
import { AppError, fail } from '../shared/errors';
import { compareRu } from '../shared/text';
import { Problems, clash, dateField, findLive, idField, optionalText, requireLive, requireOpenYear, requiredText } from './common';
import { countLabel, refuseIfUsed } from './in-use';
import { periodCutBy } from './groups-rules';
import { classRoster } from '../contingent/roster';
import { addDays, ruDate } from '../shared/dates';
import { TEXT_LIMITS, tooLong } from '../shared/text-limits';

export interface GroupSplitDto {
  subjectId: string;
  subjectName: string;
  hoursPerWeek: number;
  groups: { id: string; name: string; note: string | null; memberIds: string[] }[];
  /** Students of the class on the date who are in none of the subgroups. */
  unassignedIds: string[];
}

const groupDto = (g: StudyGroup) => ({ id: g.id, name: g.name, note: g.note, classId: g.classId, subjectId: g.subjectId });

const liveOn = (m: GroupMembership, date: string) => !m.deletedAt && m.fromDate <= date && (m.toDate === null || m.toDate >= date);

async function membershipsOf(em: ReadableDb, groupIds: string[]): Promise<GroupMembership[]> {
  return groupIds.length ? findLive(em, GroupMembershipEntity, { groupId: In(groupIds) }) : [];
}

async function dayFor(em: ReadableDb, date: string | undefined, now: Date): Promise<string> {
  return date ?? schoolToday(now, await getSetting(em, 'school.timeZone'));
}

export const groupMethods = {
  /** The class's subjects split into subgroups, with who is in which subgroup on the date. */
  'school.groups': query({
    params: z.object({ classId: idField, date: dateField.optional() }),
    access: 'school.view',
    action: 'просмотр подгрупп',
    handler: async (p, ctx) => {
      const schoolClass = await requireLive(ctx.em, SchoolClassEntity, p.classId, 'Класс');
      const date = await dayFor(ctx.em, p.date, ctx.clock.now());
      const roster = (await classRoster(ctx.em, p.classId, date, date)).map((r) => ({ id: r.studentId, name: r.name }));
      const items = (await findLive(ctx.em, CurriculumItemEntity, { classId: p.classId })).filter((i) => i.splitIntoGroups);
      const groups = await findLive(ctx.em, StudyGroupEntity, { classId: p.classId });
      const members = await membershipsOf(ctx.em, groups.map((g) => g.id));
      const subjects = new Map((await findLive(ctx.em, SubjectEntity)).map((s) => [s.id, s]));
      const subjectIds = [...new Set([...items.map((i) => i.subjectId), ...groups.map((g) => g.subjectId)])];
      const splits: GroupSplitDto[] = subjectIds.map((subjectId) => {
        const mine = groups.filter((g) => g.subjectId === subjectId).sort((a, b) => compareRu(a.name, b.name));
        const grouped = new Set<string>();
        const dto = mine.map((g) => {
          const ids = members.filter((m) => m.groupId === g.id && liveOn(m, date)).map((m) => m.studentId);
          ids.forEach((id) => grouped.add(id));
          return { id: g.id, name: g.name, note: g.note, memberIds: ids };
        });
        return {
          subjectId,
          subjectName: subjects.get(subjectId)?.name ?? '—',
          hoursPerWeek: items.find((i) => i.subjectId === subjectId)?.hoursPerWeek ?? 0,
          groups: dto,
          unassignedIds: roster.filter((s) => !grouped.has(s.id)).map((s) => s.id),
        };
      });
      splits.sort((a, b) => compareRu(a.subjectName, b.subjectName));
      return { classId: schoolClass.id, className: schoolClass.name, date, students: roster, splits };
    },
  }),

  'school.saveGroup': mutation({
    params: z.object({
      id: idField.optional(),
      classId: idField,
      subjectId: idField,
      name: requiredText(100, 'Введите название, например «1 подгруппа»'),
      note: optionalText(1000),
    }),
    access: 'school.edit',
    action: 'изменение подгрупп',
    handler: async (p, ctx) => {
      const schoolClass = await requireLive(ctx.em, SchoolClassEntity, p.classId, 'Класс');
      await requireOpenYear(ctx.em, schoolClass.yearId);
      const subject = await requireLive(ctx.em, SubjectEntity, p.subjectId, 'Предмет');
      const item = await splitItem(ctx.em, schoolClass, subject);
      const problems = new Problems();
      const siblings = await findLive(ctx.em, StudyGroupEntity, { classId: p.classId, subjectId: p.subjectId });
      if (siblings.some((g) => g.id !== p.id && g.name.toLowerCase() === p.name.toLowerCase())) {
        problems.add('name', `Подгруппа «${p.name}» по предмету «${subject.name}» в ${schoolClass.name} уже есть`);
      }
      problems.throwIfAny();
      if (!item.splitIntoGroups) await ctx.write.update(CurriculumItemEntity, item.id, { splitIntoGroups: true });
      if (!p.id) {
        return groupDto(
          await ctx.write.insert(StudyGroupEntity, {
            yearId: schoolClass.yearId,
            classId: p.classId,
            subjectId: p.subjectId,
            name: p.name,
            splitKey: `${p.classId}:${p.subjectId}`,
            note: p.note,
          }),
        );
      }
      const current = await requireLive(ctx.em, StudyGroupEntity, p.id, 'Подгруппа');
      if (current.classId !== p.classId || current.subjectId !== p.subjectId) throw fail.notFound('Подгруппа');
      return groupDto(await ctx.write.update(StudyGroupEntity, p.id, { name: p.name, note: p.note }));
    },
  }),

  /**
   * Splits a class for a subject «by list»: N subgroups, the class list in
   * alphabetical order halved (the first subgroup one student larger when the
   * count is odd). The class teacher and the subject teacher then move
   * individual students by dragging them.
   */
  'school.splitClass': mutation({
    params: z.object({
      classId: idField,
      subjectId: idField,
      count: z.number().int().min(2, 'От 2 до 4 подгрупп').max(4, 'От 2 до 4 подгрупп'),
      date: dateField,
    }),
    access: 'school.edit',
    action: 'деление класса на подгруппы',
    handler: async (p, ctx) => {
      const schoolClass = await requireLive(ctx.em, SchoolClassEntity, p.classId, 'Класс');
      const year = await requireOpenYear(ctx.em, schoolClass.yearId);
      const subject = await requireLive(ctx.em, SubjectEntity, p.subjectId, 'Предмет');
      if (p.date < year.startDate || p.date > year.endDate) throw invalidDate(year);
      const item = await splitItem(ctx.em, schoolClass, subject);
      const existing = await findLive(ctx.em, StudyGroupEntity, { classId: p.classId, subjectId: p.subjectId });
      if (existing.length) throw clash(`${schoolClass.name} уже разделён на подгруппы по предмету «${subject.name}»`);
      if (!item.splitIntoGroups) await ctx.write.update(CurriculumItemEntity, item.id, { splitIntoGroups: true });
      const roster = await classRoster(ctx.em, p.classId, p.date, p.date);
      const size = Math.ceil(roster.length / p.count);
      const created = [];
      for (let i = 0; i < p.count; i++) {
        const group = await ctx.write.insert(StudyGroupEntity, {
          yearId: schoolClass.yearId,
          classId: p.classId,
          subjectId: p.subjectId,
          name: `${i + 1} подгруппа`,
          splitKey: `${p.classId}:${p.subjectId}`,
          note: null,
        });
        created.push(group);
        for (const r of roster.slice(i * size, (i + 1) * size)) {
          await ctx.write.insert(GroupMembershipEntity, { groupId: group.id, studentId: r.studentId, fromDate: p.date, toDate: null, reason: null });
        }
      }
      return created.map(groupDto);
    },
  }),

  /**
   * Who is in which subgroup from `date` on. Placing a student who is in none
   * of the subgroups yet (the first split, a newcomer) is always allowed.
   * Moving a student between subgroups, or taking them out, is allowed at a
   * period boundary; inside a period only the deputy may do it, with a reason,
   * and the reason is kept in the change log (seed 003 §4.4.11).
   */
  'school.setGroupMembers': mutation({
    params: z.object({
      classId: idField,
      subjectId: idField,
      date: dateField,
      members: z.array(z.object({ studentId: idField, groupId: idField.nullable() })),
      reason: z.string().trim().max(TEXT_LIMITS.groupChangeReason, tooLong('groupChangeReason')).optional(),
    }),
    access: 'school.edit',
    action: 'изменение состава подгрупп',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const schoolClass = await requireLive(ctx.em, SchoolClassEntity, p.classId, 'Класс');
      const year = await requireOpenYear(ctx.em, schoolClass.yearId);
      const subject = await requireLive(ctx.em, SubjectEntity, p.subjectId, 'Предмет');
      if (p.date < year.startDate || p.date > year.endDate) throw invalidDate(year);
      const groups = await findLive(ctx.em, StudyGroupEntity, { classId: p.classId, subjectId: p.subjectId });
      const problems = new Problems();
      const roster = new Map((await classRoster(ctx.em, p.classId, p.date, p.date)).map((r) => [r.studentId, r]));
      p.members.forEach((m, i) => {
        if (m.groupId && !groups.some((g) => g.id === m.groupId)) problems.add(`members.${i}.groupId`, `Выберите подгруппу ${schoolClass.name} по предмету «${subject.name}»`);
        if (!roster.has(m.studentId)) problems.add(`members.${i}.studentId`, `Обучающийся не числится в ${schoolClass.name} на ${ruDate(p.date)}`);
      });
      problems.throwIfAny();

      const memberships = await membershipsOf(ctx.em, groups.map((g) => g.id));
      const changes: { studentId: string; from: GroupMembership | null; toGroupId: string | null }[] = [];
      for (const m of p.members) {
        const current = memberships.find((x) => x.studentId === m.studentId && liveOn(x, p.date)) ?? null;
        if ((current?.groupId ?? null) === m.groupId) continue;
        changes.push({ studentId: m.studentId, from: current, toGroupId: m.groupId });
      }
      // Only a change of a subgroup the student already had is restricted; a same-day correction is not a change.
      const restricted = changes.filter((c) => c.from && c.from.fromDate < p.date);
      const periods = await findLive(ctx.em, StudyPeriodEntity, { yearId: year.id });
      const cut = restricted.length ? periodCutBy(p.date, schoolClass.gradeLevel, periods) : null;
      const reason = p.reason || null;
      if (cut) {
        const names = restricted.map((c) => roster.get(c.studentId)!.shortName).join(', ');
        const base = `Перевод из подгруппы в подгруппу (${names}) возможен только по окончании учебного периода, а ${ruDate(p.date)} — середина периода «${cut.name}» (${ruDate(cut.startDate)} — ${ruDate(cut.endDate)})`;
        if (!actor.roles.includes('deputy')) {
          throw new AppError('FORBIDDEN', `${base}. В середине периода перевод подтверждает заместитель директора по УВР с указанием причины.`, {
            needsDeputy: true,
            fields: { date: `Середина периода «${cut.name}»: нужен перевод с ${ruDate(addDays(cut.endDate, 1))} или подтверждение заместителя директора` },
          });
        }
        if (!reason) {
          throw new AppError('CONFLICT', `${base}. Чтобы перевести сейчас, укажите причину: она сохранится в журнале изменений.`, {
            needsReason: true,
            fields: { reason: 'Укажите причину перевода в середине периода' },
          });
        }
      }
      for (const c of changes) {
        if (c.from) {
          // A membership that starts on the same day is a mistake being corrected: it is withdrawn, not ended.
          if (c.from.fromDate >= p.date) await ctx.write.remove(GroupMembershipEntity, c.from.id, { reason });
          else await ctx.write.update(GroupMembershipEntity, c.from.id, { toDate: addDays(p.date, -1) }, { reason });
        }
        if (c.toGroupId) {
          await ctx.write.insert(GroupMembershipEntity, { groupId: c.toGroupId, studentId: c.studentId, fromDate: p.date, toDate: null, reason }, { reason });
        }
      }
      if (cut && restricted.length) {
        await ctx.write.event(
          'StudyGroup',
          restricted[0].toGroupId ?? restricted[0].from!.groupId,
          'переводВСерединеПериода',
          {
            class: schoolClass.name,
            subject: subject.name,
            date: p.date,
            period: cut.name,
            students: restricted.map((c) => roster.get(c.studentId)!.name),
          },
          { reason },
        );
      }
      return { changed: changes.length };
    },
  }),

  'school.removeGroup': mutation({
    params: idParam,
    access: 'school.edit',
    action: 'удаление подгруппы',
    handler: async (p, ctx) => {
      const group = await requireLive(ctx.em, StudyGroupEntity, p.id, 'Подгруппа');
      const schoolClass = await requireLive(ctx.em, SchoolClassEntity, group.classId, 'Класс');
      await requireOpenYear(ctx.em, group.yearId);
      const today = await schoolTodayOf(ctx);
      const members = await findLive(ctx.em, GroupMembershipEntity, { groupId: p.id });
      const current = members.filter((m) => m.toDate === null || m.toDate >= today);
      if (current.length) {
        throw clash(`Удалить подгруппу «${group.name}» ${schoolClass.name} нельзя — в ней ${countLabel(current.length, ['обучающийся', 'обучающихся', 'обучающихся'])}: сначала переведите обучающихся в другую подгруппу`);
      }
      await refuseIfUsed(ctx.em, StudyGroupEntity, p.id, `подгруппу «${group.name}» ${schoolClass.name}`, { except: ['GroupMembership'] });
      for (const m of members) await ctx.write.remove(GroupMembershipEntity, m.id);
      await ctx.write.remove(StudyGroupEntity, p.id);
      return null;
    },
  }),
};

/** A class can be split only for a subject of its curriculum. */
async function splitItem(em: ReadableDb, schoolClass: { id: string; name: string }, subject: { id: string; name: string }) {
  const item = (await findLive(em, CurriculumItemEntity, { classId: schoolClass.id, subjectId: subject.id }))[0];
  if (!item) {
    throw new AppError('VALIDATION', `«${subject.name}» нет в учебном плане ${schoolClass.name}: сначала добавьте предмет в учебный план.`, {
      fields: { subjectId: `Предмета нет в учебном плане ${schoolClass.name}` },
    });
  }
  return item;
}

function invalidDate(year: { startDate: string; endDate: string }): AppError {
  return new AppError('VALIDATION', `Дата должна быть внутри учебного года (${ruDate(year.startDate)} — ${ruDate(year.endDate)}).`, {
    fields: { date: `Внутри учебного года: ${ruDate(year.startDate)} — ${ruDate(year.endDate)}` },
  });
}

