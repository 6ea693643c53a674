/**
 * How big an uploaded file may be, stated once: the contract's schemas, the
 * readers and the browser host's body limit all take their figures from here,
 * so that no host refuses a file the core would accept (nor the reverse).
 *
 * - Lists (students, staff, classes) and a КТП: a school's lists fit in a
 *   few hundred kilobytes; 5 MB leaves room for formatting and pictures.
 * - A timetable export (aSc XML, FET with its results file): a large
 *   school's is 1–5 MB; 20 MB for all the files of one import together.
 */
const MB = 1024 * 1024;

export const UPLOAD_LIMITS = {
  table: { bytes: 5 * MB, files: 1, what: 'Файл' },
  plan: { bytes: 5 * MB, files: 1, what: 'Файл КТП' },
  timetable: { bytes: 20 * MB, files: 2, what: 'Файлы расписания' },
} as const;

export type UploadKind = keyof typeof UPLOAD_LIMITS;

/** «5 МБ». */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / MB)} МБ`;
}

/** The length of `bytes` bytes in base64, as uploads cross the contract. */
export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

/** How many bytes a base64 text holds. */
export function base64Bytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}

/** What a refusal says: «Файл больше 5 МБ». */
export function tooBigText(kind: UploadKind): string {
  const limit = UPLOAD_LIMITS[kind];
  return `${limit.what} больше ${megabytes(limit.bytes)}`;
}

/** Room in a call's body for everything besides the files: names, the column mapping, the choices. */
const PARAMS_ROOM = 256 * 1024;

/**
 * The largest call body a host must read: the largest upload (all its files)
 * in base64, JSON's quotes, and the other params.
 */
export const MAX_CALL_BYTES = Math.max(...Object.values(UPLOAD_LIMITS).map((l) => base64Length(l.bytes))) + PARAMS_ROOM;

/**
 * What a table (a list, a КТП) may hold. 5 000 rows: a large school has some
 * 1 500 students; a КТП has at most a few hundred lessons. 256 columns: the
 * most an .xls could ever have (IV), and ten times what a list uses.
 */
export const TABLE_LIMITS = { rows: 5000, columns: 256 } as const;

/**
 * Reading a file happens in a worker thread of its own (files/README.md),
 * within these bounds:
 * - `heapMb`: the worker's JavaScript heap. Reading the largest file a school
 *   sends (a 20 MB timetable export, a 5 000-row list) needs under 100 MB;
 *   twice that leaves room, and two readers at once stay under half a
 *   gigabyte on a school PC with 4 GB.
 * - `timeMs`: the longest a reading may take, its start-up included. The
 *   largest real files take well under a second; a file that needs four is
 *   built to stall the program.
 * - `concurrent`: readers running at once; more uploads wait their turn.
 * - `unpackedBytes`: the most one part of an XLSX or ODS archive may unpack
 *   to, read from the archive's directory before anything is unpacked (a
 *   5 000-row sheet is under 20 MB unpacked; a «zip bomb» claims gigabytes).
 */
export const PARSE_LIMITS = {
  heapMb: 192,
  timeMs: 4000,
  concurrent: 2,
  unpackedBytes: 64 * MB,
} as const;
