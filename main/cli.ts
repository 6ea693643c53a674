#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { COMMANDS } from './cli/commands';
import { AppError } from './core/shared/errors';

/**
 * The command line over the same core: `klassny-zhurnal <command> [options]`
 * (or `npm run cli -- <command>`). For scheduled tasks and the administrator.
 */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    printUsage();
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  const { values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  return command.run(values as Record<string, string | boolean | undefined>, positionals);
}

function printUsage(): void {
  const lines = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(14)} ${c.summary}\n  ${''.padEnd(14)} ${c.usage}`);
  console.log(`Классный журнал — командная строка\n\nИспользование: klassny-zhurnal <команда> [параметры]\n\n${lines.join('\n')}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A typed error is the user's to read; anything else is a bug worth its stack.
    if (e instanceof AppError) console.error(`Ошибка: ${e.message}`);
    else if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) console.error(`Ошибка в параметрах: ${e.message}`);
    else console.error(e);
    process.exitCode = 1;
  },
);
