import zlib from 'node:zlib';
import { OLDEST_READABLE_FORMAT, PROGRAM_FORMAT } from './layout';
import { asSealHeader, ChunkOpener, SealError, type SealHeader } from './seal';
import type { QuarantineReason } from './types';

/**
 * What reading a sealed file from the share came to. Only `ok` is ever
 * handed on; a failure is retried and then quarantined (quarantine.ts); a
 * file of a newer format is left alone for a newer program.
 */
export type Verdict<T> =
  | { ok: true; value: T; header: SealHeader }
  | { ok: false; reason: QuarantineReason; message: string }
  | { ok: 'newer'; format: number };

export const REASON_MESSAGES: Record<QuarantineReason, string> = {
  'auth-failed': 'Файл не прошёл проверку подлинности: он повреждён, подделан или ещё не докопирован по сети.',
  misplaced: 'Файл подлинный, но лежит не на своём месте: его переименовали или перенесли в папку другого компьютера.',
  'unknown-computer': 'Файл от неизвестного компьютера: в общей папке нет сведений об этом компьютере.',
  malformed: 'Файл подлинный, но его содержимое не соответствует формату программы.',
  'too-large': 'Файл слишком большой: программа таких файлов не записывает.',
};

export function failure<T>(reason: QuarantineReason, detail?: string): Verdict<T> {
  return { ok: false, reason, message: detail ? `${REASON_MESSAGES[reason]} (${detail})` : REASON_MESSAGES[reason] };
}

/** Where a file lies, which fixes what its authenticated header must say. */
export interface Place {
  kind: SealHeader['kind'];
  dataSet: string;
  computer: string;
  /** The folder's format from school.json (authenticated by its check). */
  folderFormat: number;
  /** Fields the name fixes: seq of a batch, gen of a snapshot. */
  fields?: Record<string, number>;
}

/** The formats a program reads: every one from `oldest` to `newest`. */
export interface ProgramFormats {
  newest: number;
  oldest: number;
}

export const THIS_PROGRAM: ProgramFormats = { newest: PROGRAM_FORMAT, oldest: OLDEST_READABLE_FORMAT };

/**
 * Whether a file's format can be read here: null when it can, otherwise the
 * verdict. A newer program reads the older formats; an older one leaves a
 * newer file alone for a newer program; a format the folder does not have is
 * a forgery or damage.
 */
export function formatVerdict<T>(header: Pick<SealHeader, 'format'>, folderFormat: number, program: ProgramFormats = THIS_PROGRAM): Verdict<T> | null {
  if (header.format > folderFormat) return failure('auth-failed', `формат ${header.format}`);
  if (header.format > program.newest) return { ok: 'newer', format: header.format };
  if (header.format < program.oldest) return failure('malformed', `формат ${header.format}`);
  return null;
}

/** The first header field that does not fit the file's place, or null. */
export function misplacedField(header: SealHeader, place: Place): string | null {
  if (header.kind !== place.kind) return 'kind';
  if (header.dataSet !== place.dataSet) return 'dataSet';
  if (header.computer !== place.computer) return 'computer';
  return Object.entries(place.fields ?? {}).find(([k, v]) => header[k] !== v)?.[0] ?? null;
}

export function checkedHeader<T>(rawHeader: Record<string, unknown>, folderFormat: number): { header: SealHeader } | { verdict: Verdict<T> } {
  let header: SealHeader;
  try {
    header = asSealHeader(rawHeader);
  } catch (e) {
    return { verdict: failure('auth-failed', (e as Error).message) };
  }
  const verdict = formatVerdict<T>(header, folderFormat);
  return verdict ? { verdict } : { header };
}

/**
 * Opens a sealed payload found at `place`: authenticates it under its own
 * header first (so that a damaged file and a moved one are told apart), then
 * compares the header with the place, then decompresses at most `maxBytes`.
 */
export function openAt(key: Buffer, place: Place, rawHeader: Record<string, unknown>, body: Buffer, maxBytes: number): Verdict<Buffer> {
  const checked = checkedHeader<Buffer>(rawHeader, place.folderFormat);
  if ('verdict' in checked) return checked.verdict;
  const { header } = checked;
  let packed: Buffer;
  try {
    const opener = new ChunkOpener(key, header);
    packed = Buffer.concat([...opener.push(body), ...opener.end()]);
  } catch (e) {
    if (e instanceof SealError) return failure('auth-failed');
    throw e;
  }
  const wrong = misplacedField(header, place);
  if (wrong) return failure('misplaced', `поле ${wrong}`);
  try {
    return { ok: true, value: zlib.gunzipSync(packed, { maxOutputLength: maxBytes }), header };
  } catch {
    return failure('malformed', 'не распаковывается');
  }
}

export function pack(plain: Buffer): Buffer {
  return zlib.gzipSync(plain, { level: 6 });
}
