import fs from 'node:fs';
import path from 'node:path';
import type { CliCommand } from './command';
import { generateTemporaryPassword } from '../core/auth/password';

export const demoCommand: CliCommand = {
  summary: 'Создать демонстрационную школу в новом файле базы данных',
  usage: 'demo <файл.sqlite> [--password <пароль для всех учётных записей>] [--seed <число>] [--year <год начала>]',
  options: { password: { type: 'string' }, seed: { type: 'string' }, year: { type: 'string' } },
  async run(values, positionals) {
    const file = positionals[0];
    if (!file) {
      console.error('Укажите файл базы данных: demo <файл.sqlite>');
      return 2;
    }
    const target = path.resolve(file);
    if (fs.existsSync(target)) {
      console.error(`Файл ${target} уже существует. Демонстрационная школа создаётся только в новом файле.`);
      return 2;
    }
    const password = typeof values.password === 'string' ? values.password : generateTemporaryPassword();
    const { generateDemoSchool } = await import('../core/demo/generate.js');
    const summary = await generateDemoSchool({
      file: target,
      password,
      seed: values.seed ? Number(values.seed) : undefined,
      yearStart: values.year ? Number(values.year) : undefined,
      onProgress: (step) => console.log(`  ${step}`),
    });
    console.log(
      [
        `Демонстрационная школа создана: ${target}`,
        `Классов: ${summary.classes}, обучающихся: ${summary.students}, сотрудников: ${summary.staff}, уроков: ${summary.lessons}, отметок: ${summary.marks}`,
        `Время: ${summary.seconds.toFixed(1)} с, размер базы данных: ${(summary.bytes / 1024 / 1024).toFixed(1)} МБ`,
        'Учётные записи для входа:',
        ...summary.logins.map((l) => `  ${l.role}${l.detail ? ` (${l.detail})` : ''}: ${l.login} — ${l.name}`),
        `Пароль для всех учётных записей: ${password}`,
      ].join('\n'),
    );
    return 0;
  },
};
