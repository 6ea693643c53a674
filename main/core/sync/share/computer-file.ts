import { z } from 'zod';
import { DEFAULT_CHUNK, newSalt, readJsonEnvelope, SealError, sealToJson, type SealHeader } from './seal';
import { failure, openAt, pack, type Verdict } from './verdict';
import type { ComputerRecord } from './types';

/**
 * `computers/<computer>.json`: a JSON envelope (so that an administrator who
 * opens it sees what it is) around a sealed record of the computer: its
 * name, program, when it was last seen, and how far it has read everyone.
 * Only that computer writes it, replacing it as a whole.
 */

const recordSchema = z
  .object({
    computerId: z.string(),
    name: z.string().max(200),
    programVersion: z.string().max(64),
    programFormat: z.number().int().min(1),
    lastSeen: z.string().max(64),
    clockOffsetMs: z.number().finite(),
    lastSeq: z.number().int().min(0),
    readThrough: z.record(z.string().max(64), z.number().int().min(0)),
  })
  .strict();

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _recordTypeMatches: Same<z.infer<typeof recordSchema>, ComputerRecord> = true;

export async function encodeComputerRecord(key: Buffer, dataSet: string, format: number, record: ComputerRecord): Promise<Buffer> {
  const header: SealHeader = { format, kind: 'computer', dataSet, computer: record.computerId, salt: newSalt(), chunk: DEFAULT_CHUNK };
  return sealToJson(key, header, pack(Buffer.from(JSON.stringify(record), 'utf8')));
}

export function decodeComputerRecord(key: Buffer, place: { dataSet: string; folderFormat: number; computerId: string }, data: Buffer): Verdict<ComputerRecord> {
  let envelope: ReturnType<typeof readJsonEnvelope>;
  try {
    envelope = readJsonEnvelope(data);
  } catch (e) {
    if (e instanceof SealError) return failure('auth-failed', e.message);
    throw e;
  }
  const opened = openAt(
    key,
    { kind: 'computer', dataSet: place.dataSet, computer: place.computerId, folderFormat: place.folderFormat },
    envelope.header,
    envelope.body,
    1024 * 1024,
  );
  if (opened.ok !== true) return opened;
  let json: unknown;
  try {
    json = JSON.parse(opened.value.toString('utf8'));
  } catch {
    return failure('malformed', 'не JSON');
  }
  const parsed = recordSchema.safeParse(json);
  if (!parsed.success) return failure('malformed', parsed.error.issues[0]?.path.join('.'));
  if (parsed.data.computerId !== place.computerId) return failure('misplaced', 'computerId');
  return { ok: true, value: parsed.data, header: opened.header };
}
