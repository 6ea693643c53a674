import type { ParseArgsConfig } from 'node:util';

export interface CliCommand {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

/** Options every command that opens a database understands. */
export const databaseOptions = {
  'data-dir': { type: 'string' },
  db: { type: 'string' },
  url: { type: 'string' },
} as const;
