import { z } from 'zod';
import { mutation, query, actorOf } from '../api/contract';
import { schoolTodayOf } from '../settings/school-today';
import { StudentDataCheckEntity, StudentEntity } from '../db/entities/contingent';
import { AcademicYearEntity } from '../db/entities/calendar';
import { SchoolClassEntity } from '../db/entities/school';
import { StaffEntity } from '../db/entities/staff';
import { UserEntity } from '../db/entities/users';
import { leadsClass } from '../journal/access';
import { getSetting } from '../settings/store';
import { schoolToday } from '../shared/school-time';
import { AppError } from '../shared/errors';
import { shortName } from '../shared/text';
import { findLive, idField, optionalText, requireLive, requireOpenYear } from '../school/common';
import { compareClasses } from '../school/classes-methods';
import { classRoster } from './roster';
import { ruDate } from '../shared/dates';

/**
 * The class teacher checks the students' and parents' data at least once a
 * month (seed 000 §3.3, 001 §4.1) and marks the class «проверено» with the
 * date; the deputy sees which classes are not checked this month.
 */
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const dataCheckMethods = {
  'contingent.markChecked': mutation({
    params: z.object({ classId: idField, note: optionalText(1000) }),
    access: 'session',
    action: 'отметка о проверке данных обучающихся',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const schoolClass = await requireLive(ctx.em, SchoolClassEntity, p.classId, 'Класс');
      if (!actor.staffId || !(await leadsClass(ctx.em, actor.staffId, p.classId))) {
        throw new AppError('FORBIDDEN', `Отметить проверку данных ${schoolClass.name} может только классный руководитель этого класса.`);
      }
      const year = await requireOpenYear(ctx.em, schoolClass.yearId);
      const now = ctx.clock.now();
      const today = schoolToday(now, await getSetting(ctx.em, 'school.timeZone'));
      if (today < year.startDate || today > year.endDate) {
        throw new AppError('CONFLICT', `Проверку данных отмечают в течение учебного года ${year.name} (${ruDate(year.startDate)} — ${ruDate(year.endDate)}).`);
      }
      const month = today.slice(0, 7);
      const existing = (await findLive(ctx.em, StudentDataCheckEntity, { classId: p.classId, month }))[0];
      if (existing) await ctx.write.update(StudentDataCheckEntity, existing.id, { checkedOn: today, checkedBy: actor.userId, note: p.note });
      else await ctx.write.insert(StudentDataCheckEntity, { classId: p.classId, month, checkedOn: today, checkedBy: actor.userId, note: p.note });
      for (const r of await classRoster(ctx.em, p.classId, today, today)) {
        await ctx.write.update(StudentEntity, r.studentId, { dataCheckedAt: now.toISOString() });
      }
      return { month, checkedOn: today };
    },
  }),

  /** Every class of the year with its check of the month (this month by default); unchecked classes first. */
  'contingent.dataChecks': query({
    params: z.object({ yearId: idField, month: z.string().regex(MONTH, 'Месяц в виде ГГГГ-ММ').optional() }),
    access: 'school.view',
    action: 'просмотр проверок данных обучающихся',
    handler: async (p, ctx) => {
      await requireLive(ctx.em, AcademicYearEntity, p.yearId, 'Учебный год');
      const month = p.month ?? (await schoolTodayOf(ctx)).slice(0, 7);
      const classes = (await findLive(ctx.em, SchoolClassEntity, { yearId: p.yearId })).sort(compareClasses);
      const checks = await findLive(ctx.em, StudentDataCheckEntity, { month });
      const staff = new Map((await findLive(ctx.em, StaffEntity)).map((s) => [s.id, s]));
      const users = new Map((await findLive(ctx.em, UserEntity)).map((u) => [u.id, u]));
      const rows = classes.map((c) => {
        const check = checks.find((x) => x.classId === c.id);
        const teacher = c.classTeacherId ? staff.get(c.classTeacherId) : undefined;
        const checker = check ? users.get(check.checkedBy) : undefined;
        const checkerStaff = checker?.staffId ? staff.get(checker.staffId) : undefined;
        return {
          classId: c.id,
          className: c.name,
          classTeacherName: teacher ? shortName(teacher) : null,
          checkedOn: check?.checkedOn ?? null,
          checkedBy: checkerStaff ? shortName(checkerStaff) : (checker?.login ?? null),
          note: check?.note ?? null,
        };
      });
      return { month, classes: rows, unchecked: rows.filter((r) => !r.checkedOn).map((r) => r.className) };
    },
  }),
};
