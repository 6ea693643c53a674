import fs from 'node:fs';
import path from 'node:path';
import type { CliCommand } from './command';
import { generateTemporaryPassword } from '../core/auth/password';
import { parseDate } from '../core/import/values';

export const demoCommand: CliCommand = {
  summary: 'Создать демонстрационную школу в новом файле базы данных',
  usage: 'demo <файл.sqlite> [--password <пароль для всех учётных записей>] [--seed <число>] [--year <год начала>] [--today <ДД.ММ.ГГГГ>]',
  options: { password: { type: 'string' }, seed: { type: 'string' }, year: { type: 'string' }, today: { type: 'string' } },
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
    // The day the demo's journal is kept up to (the program's clock when it opens the demo).
    const parsed = typeof values.today === 'string' ? parseDate(values.today) : null;
    if (parsed && (!parsed.ok || !parsed.value)) {
      console.error(`--today: ${parsed.ok ? 'укажите дату' : parsed.problem} (например, 23.11.2026).`);
      return 2;
    }
    const today = parsed?.ok ? (parsed.value ?? undefined) : undefined;
    const password = typeof values.password === 'string' ? values.password : generateTemporaryPassword();
    const { generateDemoSchool } = await import('../core/demo/generate.js');
    const { describeDemo } = await import('../core/demo/describe.js');
    const summary = await generateDemoSchool({
      file: target,
      password,
      seed: values.seed ? Number(values.seed) : undefined,
      yearStart: values.year ? Number(values.year) : undefined,
      today,
      onProgress: (step) => console.log(`  ${step}`),
    });
    console.log(describeDemo(target, summary, password));
    return 0;
  },
};
