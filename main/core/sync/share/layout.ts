/**
 * Names on the share (README.md «Layout»). Readers accept only names that
 * match these patterns exactly; anything else — a temporary name of a write
 * in progress, «5 - копия.kzc», a student's file — is ignored.
 */

/** The newest share format this program reads and writes. */
export const PROGRAM_FORMAT = 1;
/** The oldest share format this program still reads. */
export const OLDEST_READABLE_FORMAT = 1;

export const SCHOOL_FILE = 'school.json';
export const CHANGES_DIR = 'changes';
export const COMPUTERS_DIR = 'computers';
export const SNAPSHOT_DIR = 'snapshot';
export const LOCKS_DIR = 'locks';

/**
 * Computer and data-set ids: lower case, because a Windows share does not
 * tell «A» from «a»; short, because they are folder names.
 */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

const SEQ_DIGITS = 12;
const BATCH_NAME = /^(\d{12})\.kzc$/;
const COMPUTER_NAME = /^([a-z0-9][a-z0-9-]{0,63})\.json$/;
const SNAPSHOT_NAME = /^(\d{12})-([a-z0-9][a-z0-9-]{0,63})\.kzs$/;
const LOCK_NAME = /^exclusive_([a-z0-9][a-z0-9-]{0,63})\.json$/;

export function isId(text: string): boolean {
  return ID_PATTERN.test(text);
}

function pad(n: number): string {
  return String(n).padStart(SEQ_DIGITS, '0');
}

/** Paths relative to the share's root, always with «/» (they are also quarantine and state keys). */
export const rel = {
  school: () => SCHOOL_FILE,
  changesDir: (computer: string) => `${CHANGES_DIR}/${computer}`,
  batch: (computer: string, seq: number) => `${CHANGES_DIR}/${computer}/${pad(seq)}.kzc`,
  computer: (computer: string) => `${COMPUTERS_DIR}/${computer}.json`,
  snapshot: (gen: number, computer: string) => `${SNAPSHOT_DIR}/${pad(gen)}-${computer}.kzs`,
  lock: (computer: string) => `${LOCKS_DIR}/exclusive_${computer}.json`,
};

export function parseBatchName(name: string): number | null {
  const m = BATCH_NAME.exec(name);
  return m ? Number(m[1]) : null;
}

export function parseComputerName(name: string): string | null {
  return COMPUTER_NAME.exec(name)?.[1] ?? null;
}

export function parseSnapshotName(name: string): { gen: number; computerId: string } | null {
  const m = SNAPSHOT_NAME.exec(name);
  return m ? { gen: Number(m[1]), computerId: m[2] } : null;
}

export function parseLockName(name: string): string | null {
  return LOCK_NAME.exec(name)?.[1] ?? null;
}

/** Limits that keep a crafted file from exhausting memory: far above anything this program writes. */
export const LIMITS = {
  /** A batch file on the share. */
  batchFileBytes: 64 * 1024 * 1024,
  /** A batch's JSON after decompression. */
  batchJsonBytes: 256 * 1024 * 1024,
  /** Changes in one batch. */
  batchChanges: 500_000,
  /** A computer file or a lock file. */
  smallFileBytes: 1024 * 1024,
  /** The plaintext header of a sealed file. */
  headerBytes: 64 * 1024,
  /** A sealed file's chunk size bounds. */
  minChunk: 1024,
  maxChunk: 4 * 1024 * 1024,
};
