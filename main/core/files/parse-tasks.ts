import { readTable, type Encoding } from '../import/read-table';
import { readPlanTable } from '../plans/plan-table';
import { readImport, type ImportFormat, type UploadedFile } from '../timetable-import/read';

/**
 * What a reading worker can do: each task takes an upload's bytes (moved to
 * the worker, not copied: files/read-in-worker.ts) and gives back plain data
 * — rows of text, a timetable as the file has it — for the method to check
 * against the database. Only the worker loads this module (and with it every
 * file parser).
 */
const buffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export const PARSE_TASKS = {
  /** A list of students, staff or classes: XLSX, XLS, ODS or CSV. */
  table: (input: { fileName: string; bytes: Uint8Array; encoding: Encoding; sheet: string | null }) =>
    readTable(input.fileName, buffer(input.bytes), { encoding: input.encoding, sheet: input.sheet }),
  /** A КТП. */
  plan: (input: { fileName: string; bytes: Uint8Array; encoding: Encoding }) => readPlanTable(input.fileName, buffer(input.bytes), input.encoding),
  /** A timetable export: aSc XML, or FET with its results. */
  timetable: (input: { format: ImportFormat; files: UploadedFile[]; term?: number }) => Promise.resolve(readImport(input.format, input.files, { term: input.term })),
};

export type ParseTask = keyof typeof PARSE_TASKS;
export type ParseInput<T extends ParseTask> = Parameters<(typeof PARSE_TASKS)[T]>[0];
export type ParseOutput<T extends ParseTask> = Awaited<ReturnType<(typeof PARSE_TASKS)[T]>>;
