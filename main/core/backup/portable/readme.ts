import type { DumpManifest } from './dump-file';
import { tableLabel } from './table-names';

/** README.txt of a portable copy, in Russian: what it holds and how to check it without the program. */
export function dumpReadme(m: DumpManifest): string {
  const rows = m.tables.reduce((sum, t) => sum + t.rows, 0);
  const lines = [
    'Переносимая резервная копия базы данных программы «Классный журнал»',
    m.schoolName ?? '',
    `Создана: ${new Date(m.createdAt).toLocaleString('ru-RU', { timeZone: 'Europe/Moscow' })} (время московское), из базы данных ${m.engine === 'postgres' ? 'PostgreSQL' : 'SQLite'}.`,
    `Версия структуры базы данных: ${m.migrations.at(-1)} (${m.migrations.length}).`,
    '',
    'Копия восстанавливается программой «Классный журнал» в любую базу данных — в файл SQLite на компьютере',
    'или на сервер PostgreSQL (Резервные копии → Восстановить, или команда «restore <файл копии>»).',
    '',
    'ЧТО ВНУТРИ',
    '',
    'tables/ — все записи базы данных, по файлу на таблицу: одна строка файла — одна запись',
    '    (массив JSON, значения в порядке столбцов, указанном в kz-dump.json).',
    `    Всего таблиц: ${m.tables.length}, записей: ${rows}.`,
    'kz-dump.json — описание копии: версия структуры, столбцы, число записей и контрольная сумма каждой таблицы.',
    'manifest-sha256.txt — контрольные суммы SHA-256 всех файлов копии.',
    '',
    'КАК ПРОВЕРИТЬ ЦЕЛОСТНОСТЬ',
    '',
    '1. Программой: «Резервные копии» → «Проверить», или команда «verify <файл копии>».',
    '2. Без программы, в Linux: распакуйте архив, перейдите в папку kz-dump и выполните «sha256sum -c manifest-sha256.txt».',
    '',
    'ТАБЛИЦЫ',
    '',
    ...m.tables.filter((t) => t.rows > 0).map((t) => `${t.name} — ${tableLabel(t.name)}: ${t.rows}`),
    '',
  ];
  return lines.join('\r\n');
}
