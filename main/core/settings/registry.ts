import { z } from 'zod';

/**
 * Every school setting: its schema, default and Russian label. Later domains
 * add their keys here (rounding rule, consent policy, substitution weights…),
 * so that one screen and one method serve them all.
 */
export const SETTINGS = {
  'school.name': { schema: z.string().trim().max(300), default: '', label: 'Полное наименование образовательной организации' },
  'school.shortName': { schema: z.string().trim().max(100), default: '', label: 'Краткое наименование' },
  'school.city': { schema: z.string().trim().max(100), default: '', label: 'Населённый пункт' },
  'school.director': { schema: z.string().trim().max(200), default: '', label: 'Директор (ФИО)' },
  'school.timeZone': {
    schema: z.string().refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz), 'Неизвестный часовой пояс'),
    default: 'Europe/Moscow',
    label: 'Часовой пояс школы',
  },
  demo: { schema: z.boolean(), default: false, label: 'Демонстрационная школа' },
  'session.idleLockMinutes': {
    schema: z.number().int().min(1).max(240),
    default: 10,
    label: 'Блокировка сеанса после бездействия, мин',
  },
  'auth.maxFailedLogins': {
    schema: z.number().int().min(3).max(20),
    default: 5,
    label: 'Неудачных попыток входа до блокировки учётной записи',
  },
  'auth.lockoutMinutes': {
    schema: z.number().int().min(1).max(1440),
    default: 15,
    label: 'Блокировка учётной записи после неудачных попыток, мин',
  },
  // The journal and final marks (main/core/grading): the school's local act decides these.
  'grading.roundingThreshold': {
    schema: z.number().int().min(50).max(99),
    default: 50,
    label: 'Итоговая отметка: округление вверх с дробной части среднего балла, сотые (50 — с x,50; 60 — с x,60; 65 — с x,65)',
  },
  'grading.roundInFavour': {
    schema: z.boolean(),
    default: false,
    label: 'Итоговая отметка в пользу ученика: берётся больший из взвешенного и простого среднего балла',
  },
  'grading.minMarksQuarter': {
    schema: z.number().int().min(1).max(20),
    default: 3,
    label: 'Минимум отметок для итоговой за четверть (триместр) при 1–2 ч в неделю',
  },
  'grading.minMarksHalfYear': {
    schema: z.number().int().min(1).max(30),
    default: 5,
    label: 'Минимум отметок для итоговой за полугодие при 1–2 ч в неделю',
  },
  'grading.minMarksPerExtraHour': {
    schema: z.number().int().min(0).max(5),
    default: 1,
    label: 'Дополнительно отметок за каждый час в неделю сверх двух',
  },
  'journal.finalMarksWindowDays': {
    schema: z.number().int().min(0).max(60),
    default: 14,
    label: 'Итоговые отметки выставляются в последние столько дней периода (раньше — только с подтверждением и причиной)',
  },
  'journal.finalMarksDaysBeforeEnd': {
    schema: z.number().int().min(0).max(14),
    default: 2,
    label: 'Итоговые отметки выставляются не позднее чем за столько дней до окончания периода',
  },
  /**
   * Without consent to personal-data processing (152-ФЗ): seed 001 §3.2 keeps
   * such a student's data out of the journal («noEntry»: only the name and the
   * class); seed 000 §5.2 keeps them and the parents get paper extracts
   * («paperOnly»). In both cases the data never leave the computer
   * (contingent/consent.ts, canExportPersonalData).
   */
  'contingent.consentPolicy': {
    schema: z.enum(['paperOnly', 'noEntry']),
    default: 'paperOnly',
    label: 'Обучающийся без согласия на обработку персональных данных',
    choices: {
      paperOnly: 'Данные вносятся, родители получают сведения на бумаге',
      noEntry: 'Вносятся только ФИО и класс',
    },
  },
  'timetable.schoolDays': {
    schema: z.union([z.literal(5), z.literal(6)]),
    default: 5,
    label: 'Учебных дней в неделе в сетке расписания (5 или 6)',
  },
  'controlWorks.maxPerDay': {
    schema: z.number().int().min(1).max(5),
    default: 1,
    label: 'Контрольных работ у класса в один день, не более (сверх — предупреждение)',
  },
  // The school's mail server for informing parents by e-mail (main/core/mail). The password is not
  // here: each computer keeps it sealed in its own data folder (mail/secret.ts), never in the database.
  'mail.host': { schema: z.string().trim().max(255), default: '', label: 'Почтовый сервер (SMTP)' },
  'mail.port': { schema: z.number().int().min(1).max(65535), default: 465, label: 'Порт' },
  'mail.security': {
    schema: z.enum(['tls', 'starttls', 'none']),
    default: 'tls',
    label: 'Защита соединения',
    choices: { tls: 'TLS (обычно порт 465)', starttls: 'STARTTLS (обычно порт 587)', none: 'Без шифрования (только внутри школьной сети)' },
  },
  'mail.user': { schema: z.string().trim().max(255), default: '', label: 'Имя пользователя на сервере' },
  'mail.fromName': { schema: z.string().trim().max(200), default: '', label: 'Имя отправителя' },
  'mail.fromAddress': {
    schema: z.string().trim().max(320).refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'Адрес электронной почты вида school@example.ru'),
    default: '',
    label: 'Адрес отправителя',
  },
  // Substitutions (main/core/substitutions): how candidates are ranked and how hours are counted.
  // The candidates come in groups (a teacher of the subject at that level of school, then one who knows
  // the class, then the rest: substitutions/ranking.ts); these points order them within a group.
  'substitutions.weightTeachesClass': {
    schema: z.number().int().min(0).max(100),
    default: 10,
    label: 'Замены: баллы за «ведёт уроки в этом классе»',
  },
  'substitutions.weightSubject': {
    schema: z.number().int().min(0).max(100),
    default: 20,
    label: 'Замены: баллы за «ведёт этот предмет в классах этой ступени» (1–4, 5–9 или 10–11)',
  },
  'substitutions.weightQualified': {
    schema: z.number().int().min(0).max(100),
    default: 10,
    label: 'Замены: баллы за «имеет квалификацию по этому предмету и ведёт уроки в классах этой ступени»',
  },
  'substitutions.weightClassTeacher': {
    schema: z.number().int().min(0).max(100),
    default: 5,
    label: 'Замены: баллы за «классный руководитель этого класса»',
  },
  'substitutions.weightDistance': {
    schema: z.number().int().min(0).max(100),
    default: 3,
    label: 'Замены: минус баллов за каждый урок до ближайшего своего урока в этот день',
  },
  'substitutions.weightLessonsToday': {
    schema: z.number().int().min(0).max(100),
    default: 2,
    label: 'Замены: минус баллов за каждый урок, который учитель уже ведёт в этот день',
  },
  'substitutions.weightMonth': {
    schema: z.number().int().min(0).max(100),
    default: 4,
    label: 'Замены: минус баллов за каждую замену учителя в этом месяце',
  },
  'substitutions.maxLessonsPerDay': {
    schema: z.number().int().min(1).max(12),
    default: 7,
    label: 'Замены: уроков в день у учителя, не более (если в карточке сотрудника не указано своё)',
  },
  'substitutions.substituteHoursPercent': {
    schema: z.number().int().min(0).max(200),
    default: 100,
    label: 'Замены: замена урока засчитывается заменяющему, % от часа',
  },
  'substitutions.mergeHoursPercent': {
    schema: z.number().int().min(0).max(200),
    default: 50,
    label: 'Замены: объединение классов засчитывается учителю, % от часа',
  },
  'substitutions.paidIllness': { schema: z.boolean(), default: true, label: 'Замены: оплачиваются замены на время болезни учителя' },
  'substitutions.paidCourse': { schema: z.boolean(), default: true, label: 'Замены: оплачиваются замены на время курсов повышения квалификации' },
  'substitutions.paidBusiness': { schema: z.boolean(), default: true, label: 'Замены: оплачиваются замены на время командировки' },
  'substitutions.paidOther': {
    schema: z.boolean(),
    default: false,
    label: 'Замены: оплачиваются замены по иным причинам и без зарегистрированного отсутствия',
  },
} as const satisfies Record<string, { schema: z.ZodType; default: unknown; label: string; choices?: Record<string, string> }>;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]['schema']>;

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}
