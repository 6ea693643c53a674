import { z } from 'zod';
import { LIMITS } from './layout';
import { DEFAULT_CHUNK, newSalt, readContainerHead, SealError, sealToBuffer, type SealHeader } from './seal';
import { failure, openAt, pack, type Verdict } from './verdict';
import type { Batch, BatchHeader, FieldChange } from './types';

/**
 * `changes/<computer>/<seq>.kzc`: one immutable batch of a computer's field
 * changes. Sealed header: {format, kind: "batch", dataSet, computer, seq,
 * salt, chunk}; sealed payload: gzip of {header, changes} (README.md).
 */

const changeSchema = z
  .object({
    hlc: z.string().min(1).max(128),
    computerId: z.string().min(1).max(64),
    entity: z.string().min(1).max(128),
    rowId: z.string().min(1).max(128),
    field: z.string().min(1).max(128),
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
    group: z.string().max(128).nullable(),
  })
  .strict();

const bodySchema = z
  .object({
    header: z
      .object({
        format: z.number().int(),
        computerId: z.string(),
        seq: z.number().int().min(1),
        hlcFrom: z.string(),
        hlcTo: z.string(),
        count: z.number().int().min(1),
      })
      .strict(),
    changes: z.array(changeSchema).min(1).max(LIMITS.batchChanges),
  })
  .strict();

// The schema and the published types must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _changeTypeMatches: Same<z.infer<typeof changeSchema>, FieldChange> = true;
const _headerTypeMatches: Same<z.infer<typeof bodySchema>['header'], BatchHeader> = true;

export function hlcRange(changes: FieldChange[]): { hlcFrom: string; hlcTo: string } {
  let hlcFrom = changes[0].hlc;
  let hlcTo = changes[0].hlc;
  for (const c of changes) {
    if (c.hlc < hlcFrom) hlcFrom = c.hlc;
    if (c.hlc > hlcTo) hlcTo = c.hlc;
  }
  return { hlcFrom, hlcTo };
}

/** Problems of a batch about to be written, in English (a caller's bug, not a user's mistake). */
export function batchProblems(computerId: string, seq: number, changes: FieldChange[]): string | null {
  if (!Number.isSafeInteger(seq) || seq < 1) return `seq must be a positive integer, got ${seq}`;
  if (changes.length === 0) return 'a batch holds at least one change';
  if (changes.length > LIMITS.batchChanges) return `a batch holds at most ${LIMITS.batchChanges} changes`;
  for (const c of changes) {
    const parsed = changeSchema.safeParse(c);
    if (!parsed.success) return `change ${JSON.stringify(c).slice(0, 200)}: ${parsed.error.issues[0]?.message}`;
    if (c.computerId !== computerId) return `a batch carries only its own computer's changes, got ${c.computerId}`;
  }
  return null;
}

export async function encodeBatch(key: Buffer, dataSet: string, format: number, computerId: string, seq: number, changes: FieldChange[]): Promise<Buffer> {
  const header: BatchHeader = { format, computerId, seq, ...hlcRange(changes), count: changes.length };
  const seal: SealHeader = { format, kind: 'batch', dataSet, computer: computerId, seq, salt: newSalt(), chunk: DEFAULT_CHUNK };
  return sealToBuffer(key, seal, pack(Buffer.from(JSON.stringify({ header, changes }), 'utf8')));
}

/** Reads a batch file found at changes/<computerId>/<seq>.kzc. */
export function decodeBatch(key: Buffer, place: { dataSet: string; folderFormat: number; computerId: string; seq: number }, data: Buffer): Verdict<Batch> {
  let head: ReturnType<typeof readContainerHead>;
  try {
    head = readContainerHead(data);
  } catch (e) {
    if (e instanceof SealError) return failure('auth-failed', e.message);
    throw e;
  }
  const opened = openAt(
    key,
    { kind: 'batch', dataSet: place.dataSet, computer: place.computerId, folderFormat: place.folderFormat, fields: { seq: place.seq } },
    head.header,
    data.subarray(head.bodyStart),
    LIMITS.batchJsonBytes,
  );
  if (opened.ok !== true) return opened;
  let json: unknown;
  try {
    json = JSON.parse(opened.value.toString('utf8'));
  } catch {
    return failure('malformed', 'не JSON');
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) return failure('malformed', parsed.error.issues[0]?.path.join('.'));
  const { header, changes } = parsed.data;
  if (header.computerId !== place.computerId || header.seq !== place.seq || header.format !== opened.header.format) {
    return failure('misplaced', 'заголовок внутри файла');
  }
  if (header.count !== changes.length) return failure('malformed', 'число изменений');
  if (changes.some((c) => c.computerId !== place.computerId)) return failure('malformed', 'чужие изменения');
  const range = hlcRange(changes);
  if (range.hlcFrom !== header.hlcFrom || range.hlcTo !== header.hlcTo) return failure('malformed', 'диапазон HLC');
  return { ok: true, value: { header, changes }, header: opened.header };
}
