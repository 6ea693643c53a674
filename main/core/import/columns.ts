/**
 * The columns each import understands, with the headings schools use for
 * them. The file's heading row is matched against these (case, «ё» and
 * punctuation ignored); the user corrects the mapping in the preview.
 */
export const IMPORT_KINDS = ['students', 'staff', 'classes'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface FieldDef {
  key: string;
  label: string;
  /** Required unless another field of the same `alternative` group is mapped. */
  required?: boolean;
  alternative?: string;
  synonyms: string[];
}

const person = (prefix: string, label: string): FieldDef[] => [
  { key: `${prefix}fullName`, label: `${label}ФИО`, alternative: `${prefix}name`, synonyms: ['фио', `${label.toLowerCase()}фио`] },
  { key: `${prefix}lastName`, label: `${label}фамилия`, alternative: `${prefix}name`, synonyms: ['фамилия'] },
  { key: `${prefix}firstName`, label: `${label}имя`, alternative: `${prefix}name`, synonyms: ['имя'] },
  { key: `${prefix}middleName`, label: `${label}отчество`, synonyms: ['отчество'] },
];

const guardian = (n: 1 | 2): FieldDef[] => {
  const mother = n === 1;
  return [
    {
      key: `g${n}Name`,
      label: `Представитель ${n}: ФИО`,
      synonyms: [`представитель ${n}`, `представитель ${n} фио`, `фио представителя ${n}`, `родитель ${n}`, mother ? 'мать' : 'отец', mother ? 'фио матери' : 'фио отца', mother ? 'мать фио' : 'отец фио'],
    },
    { key: `g${n}Relation`, label: `Представитель ${n}: кем приходится`, synonyms: [`кем приходится ${n}`, `представитель ${n} кем приходится`, `степень родства ${n}`, `родство ${n}`] },
    {
      key: `g${n}Phone`,
      label: `Представитель ${n}: телефон`,
      synonyms: [`телефон представителя ${n}`, `представитель ${n} телефон`, mother ? 'телефон матери' : 'телефон отца', mother ? 'мать телефон' : 'отец телефон'],
    },
    {
      key: `g${n}Email`,
      label: `Представитель ${n}: e-mail`,
      synonyms: [`email представителя ${n}`, `e mail представителя ${n}`, `представитель ${n} email`, mother ? 'email матери' : 'email отца', mother ? 'почта матери' : 'почта отца'],
    },
  ];
};

export const FIELDS: Record<ImportKind, FieldDef[]> = {
  students: [
    ...person('', '').map((f) => ({ ...f, label: f.label ? f.label[0].toUpperCase() + f.label.slice(1) : f.label })),
    { key: 'birthDate', label: 'Дата рождения', synonyms: ['дата рождения', 'др', 'родился', 'родилась', 'рождения'] },
    { key: 'sex', label: 'Пол', synonyms: ['пол'] },
    { key: 'className', label: 'Класс', required: true, synonyms: ['класс', 'кл'] },
    { key: 'personalFileNo', label: '№ личного дела', synonyms: ['личное дело', 'номер личного дела', 'n личного дела', 'no личного дела', 'л д'] },
    { key: 'snils', label: 'СНИЛС', synonyms: ['снилс'] },
    { key: 'address', label: 'Адрес', synonyms: ['адрес', 'адрес проживания', 'место жительства'] },
    { key: 'phone', label: 'Телефон', synonyms: ['телефон', 'телефон обучающегося', 'тел'] },
    { key: 'email', label: 'E-mail', synonyms: ['email', 'e mail', 'электронная почта', 'почта'] },
    ...guardian(1),
    ...guardian(2),
    { key: 'consent', label: 'Согласие на обработку ПДн', synonyms: ['согласие', 'согласие на обработку пдн', 'согласие пдн', 'согласие на обработку персональных данных'] },
    { key: 'consentDate', label: 'Дата согласия', synonyms: ['дата согласия', 'дата заявления'] },
  ],
  staff: [
    { key: 'fullName', label: 'ФИО', alternative: 'name', synonyms: ['фио', 'сотрудник', 'фио сотрудника'] },
    { key: 'lastName', label: 'Фамилия', alternative: 'name', synonyms: ['фамилия'] },
    { key: 'firstName', label: 'Имя', alternative: 'name', synonyms: ['имя'] },
    { key: 'middleName', label: 'Отчество', synonyms: ['отчество'] },
    { key: 'position', label: 'Должность', required: true, synonyms: ['должность'] },
    { key: 'phone', label: 'Телефон', synonyms: ['телефон', 'тел'] },
    { key: 'email', label: 'E-mail', synonyms: ['email', 'e mail', 'электронная почта', 'почта'] },
    { key: 'hiredOn', label: 'Дата приёма', synonyms: ['дата приема', 'принят', 'дата приема на работу'] },
    { key: 'subjects', label: 'Предметы', synonyms: ['предметы', 'преподаваемые предметы', 'предмет'] },
  ],
  classes: [
    { key: 'className', label: 'Класс', required: true, synonyms: ['класс'] },
    { key: 'classTeacher', label: 'Классный руководитель', synonyms: ['классный руководитель', 'кл руководитель', 'руководитель'] },
    { key: 'shift', label: 'Смена', synonyms: ['смена'] },
    { key: 'room', label: 'Кабинет', synonyms: ['кабинет', 'каб'] },
  ],
};

export function normaliseHeader(h: string): string {
  return h
    .toLocaleLowerCase('ru-RU')
    .replace(/ё/g, 'е')
    .replace(/№/g, 'n')
    .replace(/[^a-zа-я0-9]+/g, ' ')
    .trim();
}

export type Mapping = Record<string, number | null>;

/** Each field's column by its heading; a heading is taken by one field only. */
export function autoMapping(kind: ImportKind, headers: string[]): Mapping {
  const norm = headers.map(normaliseHeader);
  const taken = new Set<number>();
  const mapping: Mapping = {};
  for (const field of FIELDS[kind]) {
    const candidates = [normaliseHeader(field.label), ...field.synonyms.map(normaliseHeader)];
    const index = norm.findIndex((h, i) => !taken.has(i) && candidates.includes(h));
    mapping[field.key] = index >= 0 ? index : null;
    if (index >= 0) taken.add(index);
  }
  return mapping;
}

/** Problems of the mapping itself: required fields without a column, a column taken twice. */
export function mappingProblems(kind: ImportKind, mapping: Mapping, headers: string[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const fields = FIELDS[kind];
  for (const f of fields) {
    if (f.required && (mapping[f.key] ?? null) === null) problems[`mapping.${f.key}`] = `Укажите столбец «${f.label}»`;
    const col = mapping[f.key];
    if (col !== null && col !== undefined && (col < 0 || col >= headers.length)) problems[`mapping.${f.key}`] = 'Такого столбца в файле нет';
  }
  const groups = new Set(fields.map((f) => f.alternative).filter((a): a is string => !!a));
  for (const g of groups) {
    const members = fields.filter((f) => f.alternative === g);
    const full = members.find((f) => f.key.endsWith('fullName'))!;
    const last = members.find((f) => f.key.endsWith('lastName'))!;
    const first = members.find((f) => f.key.endsWith('firstName'))!;
    const hasFull = (mapping[full.key] ?? null) !== null;
    if (!hasFull && ((mapping[last.key] ?? null) === null || (mapping[first.key] ?? null) === null)) {
      problems[`mapping.${full.key}`] = 'Укажите столбец «ФИО» или столбцы «Фамилия» и «Имя»';
    }
  }
  const used = new Map<number, string>();
  for (const f of fields) {
    const col = mapping[f.key];
    if (col === null || col === undefined) continue;
    if (used.has(col)) problems[`mapping.${f.key}`] = `Этот столбец уже выбран для «${used.get(col)}»`;
    else used.set(col, f.label);
  }
  return problems;
}
