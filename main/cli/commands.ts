import type { CliCommand } from './command';
import { demoCommand } from './demo';
import { migrateCommand } from './migrate';
import { infoCommand } from './info';

/** Every CLI command; later domains add theirs (backup, verify, restore, archive…). */
export const COMMANDS: Record<string, CliCommand> = {
  demo: demoCommand,
  migrate: migrateCommand,
  info: infoCommand,
};
