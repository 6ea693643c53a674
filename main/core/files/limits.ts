import { z } from 'zod';

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

/** The schema of an upload's content (base64), refused with the limit in Russian. */
export function uploadContent(kind: UploadKind) {
  return z
    .string()
    .min(1, 'Файл пуст')
    .max(base64Length(UPLOAD_LIMITS[kind].bytes), tooBigText(kind));
}

/** Room in a call's body for everything besides the files: names, the column mapping, the choices. */
const PARAMS_ROOM = 256 * 1024;

/**
 * The largest call body a host must read: the largest upload (all its files)
 * in base64, JSON's quotes, and the other params.
 */
export const MAX_CALL_BYTES = Math.max(...Object.values(UPLOAD_LIMITS).map((l) => base64Length(l.bytes))) + PARAMS_ROOM;
