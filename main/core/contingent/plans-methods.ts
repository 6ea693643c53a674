import { z } from 'zod';
import { In } from 'typeorm';
import { mutation, query, idParam } from '../api/contract';
import { IndividualPlanEntity, IndividualPlanSubjectEntity, StudentEntity, type IndividualPlan } from '../db/entities/contingent';
import { fail } from '../shared/errors';
import { SchoolClassEntity, SubjectEntity } from '../db/entities/school';
import { StaffEntity } from '../db/entities/staff';
import { compareRu, fullName, shortName } from '../shared/text';
import { Problems, dateField, findLive, idField, optionalDate, optionalId, optionalText, requireLive, requireOpenYear } from '../school/common';
import { refuseIfUsed } from '../school/in-use';
import { classOn } from './roster';
import { studentsByIds } from './students';
import { ruDate } from '../shared/dates';

/**
 * Индивидуальный учебный план (seed 002: «списки обучающихся по
 * индивидуальным учебным планам», «формирование ИУП»): a student of a class
 * who studies by their own list of subjects and hours for a span of the year.
 */
const planSubject = z.object({
  subjectId: idField,
  hoursPerWeek: z.number({ error: 'Укажите часы' }).min(0.5, 'От 0,5 до 10 часов').max(10, 'От 0,5 до 10 часов'),
  staffId: optionalId,
});

export const planMethods = {
  'contingent.plans': query({
    params: z.object({ yearId: idField }),
    access: 'school.view',
    action: 'просмотр индивидуальных учебных планов',
    handler: async (p, ctx) => {
      const plans = await findLive(ctx.em, IndividualPlanEntity, { yearId: p.yearId });
      const subjects = plans.length ? await findLive(ctx.em, IndividualPlanSubjectEntity, { planId: In(plans.map((x) => x.id)) }) : [];
      const students = await studentsByIds(ctx.em, plans.map((x) => x.studentId));
      const classes = new Map((await findLive(ctx.em, SchoolClassEntity, { yearId: p.yearId })).map((c) => [c.id, c.name]));
      const out = [];
      for (const plan of plans) {
        const classId = await classOn(ctx.em, plan.studentId, plan.fromDate);
        out.push({
          ...planDto(plan),
          studentName: students.get(plan.studentId) ? fullName(students.get(plan.studentId)!) : '—',
          className: classId ? (classes.get(classId) ?? null) : null,
          subjects: subjects.filter((s) => s.planId === plan.id).map((s) => ({ subjectId: s.subjectId, hoursPerWeek: s.hoursPerWeek, staffId: s.staffId })),
        });
      }
      return out.sort((a, b) => compareRu(a.className ?? '', b.className ?? '') || compareRu(a.studentName, b.studentName));
    },
  }),

  /**
   * A plan: dates in order and inside the year, the student on a class list
   * of that year when it starts, no two plans of one student at once, and a
   * subject list without repeats.
   */
  'contingent.savePlan': mutation({
    params: z.object({
      id: idField.optional(),
      studentId: idField,
      yearId: idField,
      fromDate: dateField,
      toDate: optionalDate,
      basis: optionalText(500),
      orderNo: optionalText(50),
      note: optionalText(2000),
      subjects: z.array(planSubject).min(1, 'Добавьте хотя бы один предмет'),
    }),
    access: 'school.edit',
    action: 'изменение индивидуальных учебных планов',
    handler: async (p, ctx) => {
      const year = await requireOpenYear(ctx.em, p.yearId);
      await requireLive(ctx.em, StudentEntity, p.studentId, 'Обучающийся');
      const problems = new Problems();
      const to = p.toDate ?? year.endDate;
      if (p.fromDate < year.startDate || p.fromDate > year.endDate) problems.add('fromDate', `Дата — внутри учебного года (${ruDate(year.startDate)} — ${ruDate(year.endDate)})`);
      if (p.toDate && p.toDate > year.endDate) problems.add('toDate', `Не позже окончания учебного года (${ruDate(year.endDate)})`);
      if (to < p.fromDate) problems.add('toDate', 'Дата окончания не может быть раньше даты начала');
      const classId = await classOn(ctx.em, p.studentId, p.fromDate);
      const schoolClass = classId ? await ctx.em.findOne(SchoolClassEntity, { where: { id: classId } }) : null;
      if (!schoolClass || schoolClass.yearId !== p.yearId) problems.add('fromDate', `На ${ruDate(p.fromDate)} обучающийся не числится ни в одном классе этого года`);
      const others = (await findLive(ctx.em, IndividualPlanEntity, { studentId: p.studentId })).filter((x) => x.id !== p.id);
      const clashWith = others.find((x) => x.fromDate <= to && p.fromDate <= (x.toDate ?? '9999-12-31'));
      if (clashWith) problems.add('fromDate', `У обучающегося уже есть план с ${ruDate(clashWith.fromDate)}${clashWith.toDate ? ` по ${ruDate(clashWith.toDate)}` : ''}`);
      const seen = new Set<string>();
      const subjects = new Map((await findLive(ctx.em, SubjectEntity)).map((s) => [s.id, s]));
      const staff = new Map((await findLive(ctx.em, StaffEntity)).map((s) => [s.id, s]));
      p.subjects.forEach((s, i) => {
        if (!subjects.has(s.subjectId)) problems.add(`subjects.${i}.subjectId`, 'Выберите предмет из списка');
        else if (seen.has(s.subjectId)) problems.add(`subjects.${i}.subjectId`, `«${subjects.get(s.subjectId)!.name}» уже есть в плане`);
        seen.add(s.subjectId);
        const teacher = s.staffId ? staff.get(s.staffId) : null;
        if (s.staffId && !teacher) problems.add(`subjects.${i}.staffId`, 'Выберите учителя из списка');
        if (teacher?.leftOn && teacher.leftOn < to) problems.add(`subjects.${i}.staffId`, `${shortName(teacher)} уволен(а) с ${ruDate(teacher.leftOn)}`);
      });
      problems.throwIfAny();
      const values = { fromDate: p.fromDate, toDate: p.toDate, basis: p.basis, orderNo: p.orderNo, note: p.note };
      let planId = p.id;
      if (planId) {
        const current = await requireLive(ctx.em, IndividualPlanEntity, planId, 'Индивидуальный учебный план');
        if (current.studentId !== p.studentId || current.yearId !== p.yearId) throw fail.notFound('Индивидуальный учебный план');
        await ctx.write.update(IndividualPlanEntity, planId, values);
      } else {
        planId = (await ctx.write.insert(IndividualPlanEntity, { studentId: p.studentId, yearId: p.yearId, ...values })).id;
      }
      const existing = await findLive(ctx.em, IndividualPlanSubjectEntity, { planId });
      for (const row of existing) if (!p.subjects.some((s) => s.subjectId === row.subjectId)) await ctx.write.remove(IndividualPlanSubjectEntity, row.id);
      for (const s of p.subjects) {
        const row = existing.find((e) => e.subjectId === s.subjectId);
        if (row) await ctx.write.update(IndividualPlanSubjectEntity, row.id, { hoursPerWeek: s.hoursPerWeek, staffId: s.staffId });
        else await ctx.write.insert(IndividualPlanSubjectEntity, { planId, subjectId: s.subjectId, hoursPerWeek: s.hoursPerWeek, staffId: s.staffId });
      }
      return { id: planId };
    },
  }),

  'contingent.removePlan': mutation({
    params: idParam,
    access: 'school.edit',
    action: 'удаление индивидуального учебного плана',
    handler: async (p, ctx) => {
      const plan = await requireLive(ctx.em, IndividualPlanEntity, p.id, 'Индивидуальный учебный план');
      await requireOpenYear(ctx.em, plan.yearId);
      await refuseIfUsed(ctx.em, IndividualPlanEntity, p.id, 'индивидуальный учебный план', {
        except: ['IndividualPlanSubject'],
        advice: 'Если обучение по плану закончилось, укажите дату окончания.',
      });
      for (const s of await findLive(ctx.em, IndividualPlanSubjectEntity, { planId: p.id })) await ctx.write.remove(IndividualPlanSubjectEntity, s.id);
      await ctx.write.remove(IndividualPlanEntity, p.id);
      return null;
    },
  }),
};

function planDto(p: IndividualPlan) {
  return { id: p.id, studentId: p.studentId, yearId: p.yearId, fromDate: p.fromDate, toDate: p.toDate, basis: p.basis, orderNo: p.orderNo, note: p.note };
}
