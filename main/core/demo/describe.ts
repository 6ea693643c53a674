import type { DemoSummary } from './generate';
import { addDays, ruDate } from '../shared/dates';

/** What the CLI and `npm run web -- --demo` print once a demo school is made: where, up to which day, the accounts and their password. */
export function describeDemo(file: string, summary: DemoSummary, password: string): string {
  return [
    `Демонстрационная школа создана: ${file}`,
    `Сегодня в демонстрационной школе ${ruDate(summary.today)}: журнал заполнен по ${ruDate(addDays(summary.today, -1))}.`,
    `Классов: ${summary.classes}, обучающихся: ${summary.students}, сотрудников: ${summary.staff}, уроков: ${summary.lessons}, отметок: ${summary.marks}`,
    `Время: ${summary.seconds.toFixed(1)} с, размер базы данных: ${(summary.bytes / 1024 / 1024).toFixed(1)} МБ`,
    'Учётные записи для входа:',
    ...summary.logins.map((l) => `  ${l.role}${l.detail ? ` (${l.detail})` : ''}: ${l.login} — ${l.name}`),
    `Пароль для всех учётных записей: ${password}`,
  ].join('\n');
}
