import type { CliCommand } from './command';
import { demoCommand } from './demo';
import { migrateCommand } from './migrate';
import { infoCommand } from './info';
import { backupCommand } from './backup';
import { verifyCommand } from './verify';
import { restoreCommand } from './restore';
import { listBackupsCommand } from './list-backups';
import { archiveCommand } from './archive';
import { verifyArchiveCommand } from './verify-archive';
import { syncCommand } from './sync';
import { moveCommand } from './move';

/** Every CLI command; later domains add theirs (backup, verify, restore, archive…). */
export const COMMANDS: Record<string, CliCommand> = {
  demo: demoCommand,
  migrate: migrateCommand,
  info: infoCommand,
  backup: backupCommand,
  verify: verifyCommand,
  restore: restoreCommand,
  'list-backups': listBackupsCommand,
  archive: archiveCommand,
  'verify-archive': verifyArchiveCommand,
  sync: syncCommand,
  move: moveCommand,
};
