import { z } from 'zod';
import { defineReport } from '../definition';
import { A4_LANDSCAPE, type ReportRow } from '../model';
import { resolveYear } from '../data/year';
import { dayStartInstant, resolveSpan, spanParams } from '../data/span';
import { getSetting } from '../../settings/store';
import { deputySigner } from '../data/people';
import { assertWholeSchool } from '../scope';
import { baseModel, DEPUTY } from './common';
import { AuditEventEntity } from '../../db/entities/system';
import { UserEntity, UserRoleEntity, LoginStateEntity } from '../../db/entities/users';
import { StaffEntity } from '../../db/entities/staff';
import { FinalMarkEntity, LessonEntity, MarkEntity } from '../../db/entities/journal';
import { shortName } from '../../shared/text';
import { addDays, monthOf, monthRu, ruDate } from '../../shared/dates';

/**
 * Активность пользователей (seed 001 §9.1, 004 §7.1): per teacher for a
 * month or a period — topics, marks and final marks entered, how many of
 * them late, every change in the journal from the audit log, and the last
 * activity in the program.
 */
export const activityParams = z.object({
  kind: z.literal('activity'),
  yearId: z.string().uuid().optional(),
  /** `YYYY-MM`: a calendar month. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Выберите месяц').optional(),
  ...spanParams,
});

/** Audit entities that are journal entries. */
const JOURNAL_ENTITIES = ['Lesson', 'Mark', 'Attendance', 'FinalMark', 'AbsenceReason'];

type Count = { userId: string; total: number; late: number };

export const activityReport = defineReport({
  kind: 'activity',
  title: 'Активность пользователей',
  params: activityParams,
  authorize: async (env) => assertWholeSchool(env.actor),
  async build(env, p) {
    const { em } = env;
    const year = await resolveYear(em, p.yearId, env.today);
    let from: string;
    let to: string;
    let label: string;
    if (p.month) {
      ({ from, to } = monthOf(`${p.month}-01`));
      label = monthRu(p.month);
    } else {
      const span = await resolveSpan(em, year, null, p, env.today);
      ({ from, to, label } = span);
    }
    // The span's days in the school's time zone, as UTC instants.
    const timeZone = await getSetting(em, 'school.timeZone');
    const fromIso = dayStartInstant(from, timeZone);
    const toIso = dayStartInstant(addDays(to, 1), timeZone);
    const teachers = await em
      .createQueryBuilder(UserEntity, 'u')
      .innerJoin(UserRoleEntity.options.name, 'r', "r.userId = u.id AND r.role = 'teacher' AND r.deletedAt IS NULL")
      .innerJoin(StaffEntity.options.name, 's', 's.id = u.staffId')
      // The last login on this computer; work on the others shows in the audit log below.
      .leftJoin(LoginStateEntity.options.name, 'ls', 'ls.userId = u.id')
      .select('u.id', 'userId')
      .addSelect('ls.lastLoginAt', 'lastLoginAt')
      .addSelect('s.lastName', 'lastName')
      .addSelect('s.firstName', 'firstName')
      .addSelect('s.middleName', 'middleName')
      .where('u.deletedAt IS NULL')
      .orderBy('s.lastName', 'ASC')
      .addOrderBy('s.firstName', 'ASC')
      .getRawMany<{ userId: string; lastLoginAt: string | null; lastName: string; firstName: string; middleName: string | null }>();
    const counts = async (q: ReturnType<typeof em.createQueryBuilder>, by: string, at: string, late: string): Promise<Map<string, Count>> => {
      const rows = await q
        .select(by, 'userId')
        .addSelect('COUNT(*)', 'total')
        .addSelect(`SUM(CASE WHEN ${late} THEN 1 ELSE 0 END)`, 'late')
        .andWhere(`${at} >= :fromIso AND ${at} < :toIso`, { fromIso, toIso, yes: true })
        .groupBy(by)
        .getRawMany<{ userId: string; total: string; late: string | null }>();
      return new Map(rows.map((r) => [r.userId, { userId: r.userId, total: Number(r.total), late: Number(r.late ?? 0) }]));
    };
    const [topics, marks, finals, events, last] = await Promise.all([
      counts(em.createQueryBuilder(LessonEntity, 'l').where('l.deletedAt IS NULL AND l.topicSetBy IS NOT NULL'), 'l.topicSetBy', 'l.topicSetAt', 'l.topicLate = :yes'),
      counts(em.createQueryBuilder(MarkEntity, 'm').where('m.deletedAt IS NULL'), 'm.setBy', 'm.setAt', 'm.late = :yes'),
      counts(em.createQueryBuilder(FinalMarkEntity, 'f').where('f.deletedAt IS NULL'), 'f.setBy', 'f.setAt', 'f.late = :yes'),
      em
        .createQueryBuilder(AuditEventEntity, 'e')
        .select('e.userId', 'userId')
        .addSelect('COUNT(*)', 'total')
        .addSelect('MAX(e.at)', 'lastAt')
        .where('e.userId IS NOT NULL AND e.entity IN (:...entities) AND e.at >= :fromIso AND e.at < :toIso', { entities: JOURNAL_ENTITIES, fromIso, toIso })
        .groupBy('e.userId')
        .getRawMany<{ userId: string; total: string; lastAt: string }>(),
      em
        .createQueryBuilder(AuditEventEntity, 'e')
        .select('e.userId', 'userId')
        .addSelect('MAX(e.at)', 'lastAt')
        .where('e.userId IS NOT NULL')
        .groupBy('e.userId')
        .getRawMany<{ userId: string; lastAt: string }>(),
    ]);
    const eventsBy = new Map(events.map((e) => [e.userId, e]));
    const lastBy = new Map(last.map((e) => [e.userId, e.lastAt]));
    const cell = (m: Map<string, Count>, id: string) => m.get(id) ?? { total: 0, late: 0 };
    const rows: ReportRow[] = teachers.map((t, i) => {
      const tp = cell(topics, t.userId);
      const mk = cell(marks, t.userId);
      const fm = cell(finals, t.userId);
      const lastAt = [lastBy.get(t.userId), t.lastLoginAt].filter((x): x is string => !!x).sort().at(-1);
      return {
        cells: [i + 1, shortName(t), tp.total, tp.total - tp.late, tp.late, mk.total, mk.total - mk.late, mk.late, fm.total, fm.late, Number(eventsBy.get(t.userId)?.total ?? 0), lastAt ? lastAt.slice(0, 10) : 'нет'],
      };
    });
    return baseModel(env, {
      kind: 'activity',
      title: 'Активность учителей в электронном журнале',
      subtitle: label,
      page: A4_LANDSCAPE,
      fields: [{ label: 'Период', value: `${ruDate(from)} – ${ruDate(to)}` }],
      sections: [
        {
          blocks: [
            {
              kind: 'table',
              headerGroups: [
                [
                  { title: '', span: 1 },
                  { title: '', span: 1 },
                  { title: 'Темы уроков', span: 3 },
                  { title: 'Текущие отметки', span: 3 },
                  { title: 'Итоговые отметки', span: 2 },
                  { title: '', span: 1 },
                  { title: '', span: 1 },
                ],
              ],
              columns: [
                { key: 'no', title: '№', align: 'center', widthMm: 8 },
                { key: 'name', title: 'Учитель', grow: true, rowHeading: true },
                { key: 'topics', title: 'всего', align: 'center' },
                { key: 'topicsOk', title: 'в срок', align: 'center' },
                { key: 'topicsLate', title: 'с опозданием', align: 'center' },
                { key: 'marks', title: 'всего', align: 'center' },
                { key: 'marksOk', title: 'в срок', align: 'center' },
                { key: 'marksLate', title: 'с опозданием', align: 'center' },
                { key: 'finals', title: 'всего', align: 'center' },
                { key: 'finalsLate', title: 'с опозданием', align: 'center' },
                { key: 'events', title: 'Изменений в журнале (по журналу аудита)', align: 'center' },
                { key: 'last', title: 'Последняя активность', align: 'center', noWrap: true, format: 'date' },
              ],
              rows,
              fontSize: 8.5,
              emptyText: 'В программе нет учётных записей учителей.',
            },
            {
              kind: 'text',
              size: 8,
              text: 'Сроки: тема и домашнее задание — в день урока (до 15:00 в первую смену, до 20:00 во вторую); текущие отметки — в срок вида работы; итоговые — не позднее чем за два дня до конца периода. «Изменений» — все записи учителя в журнале, включая посещаемость и исправления.',
            },
          ],
        },
      ],
      signatures: [{ position: DEPUTY, name: await deputySigner(em, env.actor) }],
      fileName: `Активность пользователей ${label}`,
    });
  },
});
