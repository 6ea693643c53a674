import type { ReadableDb } from '../db/readable';
import type { EntitySchema } from 'typeorm';
import { ALL_ENTITIES } from '../db/entities';
import { clash } from './common';

/**
 * Nothing in a school's records is ever deleted in cascade: a class, subject,
 * teacher or room that anything still refers to cannot be removed, and the
 * refusal says what refers to it. The references are read from the foreign
 * keys every entity declares, so a table added later is counted without
 * touching this file (it only lacks a Russian label until one is added).
 */

/** How to name N rows of an entity in a refusal: forms for 1, 2 and 5. */
const LABELS: Record<string, [string, string, string]> = {
  AcademicYear: ['учебный год', 'учебных года', 'учебных лет'],
  StudyPeriod: ['учебный период', 'учебных периода', 'учебных периодов'],
  Holiday: ['каникулы или праздник', 'каникул и праздников', 'каникул и праздников'],
  WorkingDayTransfer: ['перенос рабочего дня', 'переноса рабочего дня', 'переносов рабочего дня'],
  BellSchedule: ['режим звонков', 'режима звонков', 'режимов звонков'],
  BellSlot: ['урок в режиме звонков', 'урока в режиме звонков', 'уроков в режиме звонков'],
  SchoolClass: ['класс', 'класса', 'классов'],
  Subject: ['предмет', 'предмета', 'предметов'],
  Student: ['обучающийся', 'обучающихся', 'обучающихся'],
  StudentGuardian: ['связь с обучающимся', 'связи с обучающимися', 'связей с обучающимися'],
  DataConsent: ['запись о согласии', 'записи о согласии', 'записей о согласии'],
  StudentMovement: ['приказ о движении', 'приказа о движении', 'приказов о движении'],
  ClassMembership: ['обучающийся в списке', 'обучающихся в списке', 'обучающихся в списке'],
  StudyGroup: ['подгруппа', 'подгруппы', 'подгрупп'],
  GroupMembership: ['обучающийся в подгруппе', 'обучающихся в подгруппах', 'обучающихся в подгруппах'],
  CurriculumItem: ['строка учебного плана', 'строки учебного плана', 'строк учебного плана'],
  TeachingAssignment: ['запись нагрузки', 'записи нагрузки', 'записей нагрузки'],
  StaffQualification: ['преподаваемый предмет', 'преподаваемых предмета', 'преподаваемых предметов'],
  TeacherUnavailability: ['пожелание к расписанию', 'пожелания к расписанию', 'пожеланий к расписанию'],
  IndividualPlan: ['индивидуальный учебный план', 'индивидуальных учебных плана', 'индивидуальных учебных планов'],
  IndividualPlanSubject: ['предмет ИУП', 'предмета ИУП', 'предметов ИУП'],
  StudentDataCheck: ['отметка о проверке данных', 'отметки о проверке данных', 'отметок о проверке данных'],
  ThematicPlan: ['тематический план', 'тематических плана', 'тематических планов'],
  PlanTopic: ['тема КТП', 'темы КТП', 'тем КТП'],
  TimetableEntry: ['урок в расписании', 'урока в расписании', 'уроков в расписании'],
  Timetable: ['расписание', 'расписания', 'расписаний'],
  ControlWork: ['контрольная работа в графике', 'контрольные работы в графике', 'контрольных работ в графике'],
  Lesson: ['урок в журнале', 'урока в журнале', 'уроков в журнале'],
  Attendance: ['отметка посещаемости', 'отметки посещаемости', 'отметок посещаемости'],
  AbsenceReason: ['причина пропуска', 'причины пропусков', 'причин пропусков'],
  Mark: ['отметка', 'отметки', 'отметок'],
  FinalMark: ['итоговая отметка', 'итоговые отметки', 'итоговых отметок'],
  PageReopen: ['открытие страницы журнала', 'открытия страниц журнала', 'открытий страниц журнала'],
  TeacherAbsence: ['отсутствие учителя', 'отсутствия учителя', 'отсутствий учителя'],
  Substitution: ['замена', 'замены', 'замен'],
  LessonMove: ['перенос урока', 'переноса урока', 'переносов урока'],
  JournalCheck: ['проверка журнала', 'проверки журнала', 'проверок журнала'],
  Remark: ['замечание', 'замечания', 'замечаний'],
  ParentExtractAck: ['отметка об ознакомлении с выпиской', 'отметки об ознакомлении с выписками', 'отметок об ознакомлении с выписками'],
  User: ['учётная запись', 'учётные записи', 'учётных записей'],
  YearArchiveRecord: ['архив года', 'архива года', 'архивов года'],
  PromotionOrder: ['приказ о переводе', 'приказа о переводе', 'приказов о переводе'],
  PromotionDecision: ['решение о переводе', 'решения о переводе', 'решений о переводе'],
};

/** Any entity schema: the checks read only its name, table and foreign keys. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schemas of different row types in one list
type AnyEntity = EntitySchema<any>;

const pluralRules = new Intl.PluralRules('ru');

export function countLabel(n: number, forms: [string, string, string]): string {
  const rule = pluralRules.select(n);
  return `${n} ${rule === 'one' ? forms[0] : rule === 'few' ? forms[1] : forms[2]}`;
}

export interface Usage {
  entity: string;
  count: number;
  label: string;
}

/**
 * The live rows that refer to a record, by the entity that refers. `except`
 * names the referring entities that are the record's own parts (the slots of
 * a bell schedule), removed together with it by the caller.
 */
async function usagesOf(
  em: ReadableDb,
  target: AnyEntity,
  id: string,
  except: string[] = [],
): Promise<Usage[]> {
  const table = target.options.tableName;
  const found: Usage[] = [];
  for (const entity of ALL_ENTITIES as AnyEntity[]) {
    const name = entity.options.name;
    if (except.includes(name)) continue;
    const columns = (entity.options.foreignKeys ?? [])
      .filter((fk) => fk.target === table)
      .map((fk) => (fk.columnNames ?? [])[0])
      .filter(Boolean);
    if (columns.length === 0) continue;
    const q = em.createQueryBuilder(entity, 'r');
    q.where(`(${columns.map((c, i) => `r.${c} = :id${i}`).join(' OR ')})`, Object.fromEntries(columns.map((_, i) => [`id${i}`, id])));
    if ('deletedAt' in (entity.options.columns ?? {})) q.andWhere('r.deletedAt IS NULL');
    const count = await q.getCount();
    if (count > 0) {
      const forms = LABELS[name] ?? ['запись', 'записи', 'записей'];
      found.push({ entity: name, count, label: countLabel(count, forms) });
    }
  }
  return found;
}

/**
 * Refuses the removal of a record that is still used, naming what uses it and
 * what to do instead. `what` is in the accusative: «класс 5А», «предмет «Химия»».
 */
export async function refuseIfUsed(
  em: ReadableDb,
  target: AnyEntity,
  id: string,
  what: string,
  opts: { except?: string[]; advice?: string } = {},
): Promise<void> {
  const usages = await usagesOf(em, target, id, opts.except);
  if (usages.length === 0) return;
  const list = usages.map((u) => u.label).join(', ');
  const advice = opts.advice ? ` ${opts.advice}` : '';
  throw clash(`Удалить ${what} нельзя — есть связанные записи: ${list}. Связанные записи программа не удаляет.${advice}`);
}
