/** The reports this screen offers, in the order of value, with what each needs. */
export type ReportKind = 'finalSheet' | 'performance' | 'journalPrintout' | 'attendance' | 'unsatisfactory' | 'teacherPeriod' | 'activity';

export type Field = 'class' | 'classOrSchool' | 'scope' | 'period' | 'span' | 'teacher' | 'month';

export interface CatalogEntry {
  kind: ReportKind;
  title: string;
  description: string;
  fields: Field[];
  /** Only for the administration (the whole school). */
  wholeSchoolOnly?: boolean;
  /** Long documents: written in the background with a progress bar. */
  long?: boolean;
  /** A record the school keeps (the core's `schoolRecord`): every student named in every format. */
  schoolRecord?: boolean;
}

export const CATALOG: CatalogEntry[] = [
  {
    kind: 'finalSheet',
    title: 'Сводная ведомость итоговых отметок',
    description: 'Итоговые отметки по периодам и за год по всем предметам, пропуски, решение педсовета. Хранится 25 лет.',
    fields: ['classOrSchool'],
    long: true,
    schoolRecord: true,
  },
  {
    kind: 'performance',
    title: 'Успеваемость и качество знаний',
    description: 'По предметам: «5», «4», «3», «2», н/а, успеваемость, качество, СОУ, средний балл; списки отличников, хорошистов, неуспевающих.',
    fields: ['scope', 'period'],
  },
  {
    kind: 'journalPrintout',
    title: 'Журнал класса за год',
    description: 'Архивная копия журнала: отметки по датам, темы и домашние задания, выполнение программы, пропуски, сводная ведомость. Хранится 5 лет.',
    fields: ['class'],
    long: true,
    schoolRecord: true,
  },
  {
    kind: 'attendance',
    title: 'Пропуски уроков',
    description: 'По каждому ученику: пропущено всего, по болезни, по уважительной причине и без неё; даты и темы пропущенных уроков.',
    fields: ['class', 'span'],
  },
  {
    kind: 'unsatisfactory',
    title: 'Неудовлетворительные отметки',
    description: 'Все «2» учеников класса с датой, предметом, видом работы и темой урока.',
    fields: ['class', 'span'],
  },
  {
    kind: 'teacherPeriod',
    title: 'Отчёт учителя за период',
    description: 'По каждому классу учителя: отметки, успеваемость, качество, СОУ; часы по плану и проведённые, отставание.',
    fields: ['teacher', 'period'],
  },
  {
    kind: 'activity',
    title: 'Активность учителей',
    description: 'Темы, отметки и итоговые отметки, внесённые в срок и с опозданием, и последняя активность в программе.',
    fields: ['month'],
    wholeSchoolOnly: true,
  },
];
