import { z } from 'zod';
import { IsNull } from 'typeorm';
import type { ReadableDb } from '../db/readable';
import type { Actor } from '../auth/sessions';
import { SchoolClassEntity, SubjectEntity, TeachingAssignmentEntity } from '../db/entities/school';
import { RemarkEntity } from '../db/entities/control';
import { rolesAllow } from '../auth/permissions';
import { fail } from '../shared/errors';
import { liveUsers, usersWithRoles, type MailPerson } from './people';

/** Whom a new message goes to, as the sender chooses it. */
export const audienceParam = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('people'), userIds: z.array(z.string().uuid()).min(1, 'Выберите получателя').max(300) }),
  z.object({ kind: z.literal('classTeachers'), classId: z.string().uuid('Выберите класс') }),
  z.object({ kind: z.literal('subjectTeachers'), subjectId: z.string().uuid('Выберите предмет') }),
  z.object({ kind: z.literal('administration') }),
  /** The deputy's remark from a control check, discussed by its author and the teacher it was made to. */
  z.object({ kind: z.literal('remark'), remarkId: z.string().uuid() }),
]);
export type AudienceParam = z.infer<typeof audienceParam>;

export interface Audience {
  /** Everyone who gets the thread, the sender among them. */
  people: MailPerson[];
  label: string;
  topic: { kind: 'remark'; id: string; subject: string } | null;
}

/** The administration of the school as mail knows it: the director and the deputies. */
const ADMINISTRATION = ['director', 'deputy'] as const;

/**
 * Resolves an audience to the people it means today: «учителя 5А класса» are
 * those who teach in 5А by the load on that day, and its class teacher. The
 * thread keeps these people; a teacher who joins the class later does not
 * read what was written before.
 */
export async function resolveAudience(em: ReadableDb, actor: Actor, to: AudienceParam, today: string, yearId: string): Promise<Audience> {
  const withSender = async (people: MailPerson[]): Promise<MailPerson[]> => {
    if (people.some((p) => p.userId === actor.userId)) return people;
    return [...people, ...(await liveUsers(em, { ids: [actor.userId] }))];
  };
  switch (to.kind) {
    case 'people': {
      const people = await liveUsers(em, { ids: to.userIds });
      if (people.length < new Set(to.userIds).size) throw fail.validation('Среди получателей есть удалённая или отключённая учётная запись: выберите получателей заново.', { to: 'Выберите получателей заново' });
      return { people: await withSender(people), label: listLabel(people.filter((p) => p.userId !== actor.userId).map((p) => p.name)), topic: null };
    }
    case 'classTeachers': {
      const c = await em.findOne(SchoolClassEntity, { where: { id: to.classId, deletedAt: IsNull() } });
      if (!c) throw fail.notFound('Класс');
      const assignments = await em
        .createQueryBuilder(TeachingAssignmentEntity, 't')
        .select('DISTINCT t.staffId', 'staffId')
        .where('t.classId = :classId AND t.deletedAt IS NULL', { classId: c.id })
        .andWhere('(t.fromDate IS NULL OR t.fromDate <= :today) AND (t.toDate IS NULL OR t.toDate >= :today)', { today })
        .getRawMany<{ staffId: string }>();
      const staffIds = [...new Set([...assignments.map((a) => a.staffId), ...(c.classTeacherId ? [c.classTeacherId] : [])])];
      const people = await liveUsers(em, { staffIds });
      if (people.length === 0) throw fail.validation(`У ${c.name} класса нет учителей с учётной записью в программе: писать некому.`, { to: 'Нет получателей' });
      return { people: await withSender(people), label: `Учителя ${c.name} класса`, topic: null };
    }
    case 'subjectTeachers': {
      const subject = await em.findOne(SubjectEntity, { where: { id: to.subjectId, deletedAt: IsNull() } });
      if (!subject) throw fail.notFound('Предмет');
      const rows = await em
        .createQueryBuilder(TeachingAssignmentEntity, 't')
        .select('DISTINCT t.staffId', 'staffId')
        .where('t.subjectId = :subjectId AND t.yearId = :yearId AND t.deletedAt IS NULL', { subjectId: subject.id, yearId })
        .andWhere('(t.fromDate IS NULL OR t.fromDate <= :today) AND (t.toDate IS NULL OR t.toDate >= :today)', { today })
        .getRawMany<{ staffId: string }>();
      const people = await liveUsers(em, { staffIds: rows.map((r) => r.staffId) });
      if (people.length === 0) throw fail.validation(`Предмет «${subject.name}» сейчас никто не ведёт по нагрузке: писать некому.`, { to: 'Нет получателей' });
      return { people: await withSender(people), label: `Учителя предмета «${subject.name}»`, topic: null };
    }
    case 'administration': {
      const people = await usersWithRoles(em, [...ADMINISTRATION]);
      if (people.length === 0) throw fail.validation('В программе нет учётных записей директора и заместителя директора.', { to: 'Нет получателей' });
      return { people: await withSender(people), label: 'Администрация', topic: null };
    }
    case 'remark': {
      const remark = await em.findOne(RemarkEntity, { where: { id: to.remarkId, deletedAt: IsNull() } });
      if (!remark) throw fail.notFound('Замечание');
      const teacher = await liveUsers(em, { staffIds: [remark.toStaffId] });
      const author = await liveUsers(em, { ids: [remark.createdBy] });
      const own = teacher.some((p) => p.userId === actor.userId) || remark.createdBy === actor.userId;
      // The deputies may join the discussion of any remark; nobody else but its two sides sees it.
      if (!own && !rolesAllow(actor.roles, 'control.manage')) throw fail.notFound('Замечание');
      const people = await withSender([...author, ...teacher.filter((p) => !author.some((a) => a.userId === p.userId))]);
      const subject = `Замечание: ${remark.text.length > 120 ? `${remark.text.slice(0, 119)}…` : remark.text}`;
      return { people, label: 'Замечание по ведению журнала', topic: { kind: 'remark', id: remark.id, subject } };
    }
  }
}

/** «Петрова Мария Ивановна, Сидоров Олег Николаевич и ещё 3». */
function listLabel(names: string[]): string {
  if (names.length === 0) return 'Только себе';
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} и ещё ${names.length - 3}` : shown;
}
