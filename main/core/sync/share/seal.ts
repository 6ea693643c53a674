import crypto from 'node:crypto';
import { LIMITS } from './layout';
import { subkey } from './kdf';

/**
 * The sealed-file container every file on the share except school.json uses
 * (README.md «Sealed files»): a plaintext header, then the payload in chunks,
 * each encrypted and authenticated with AES-256-GCM.
 *
 * - The key of a file is derived from the sync key and a random salt of that
 *   file (HKDF), so nonces never repeat across files; the nonce of a chunk is
 *   its index and a «final» flag, so chunks cannot be reordered, dropped or
 *   cut off at the end without the check failing.
 * - The header (format, kind, data set, computer, seq…) is the additional
 *   authenticated data of every chunk: a file renamed into another
 *   computer's folder or another seq fails, because the reader compares the
 *   header with the file's place and the header cannot be changed.
 * - A file copied only in part (a caching SMB client still uploading it)
 *   fails as well: its last chunk is missing or cut.
 */

export type SealKind = 'batch' | 'computer' | 'snapshot' | 'lock';

/** Header fields every sealed file has; each kind adds its own (seq, gen, …). */
export interface SealHeader {
  format: number;
  kind: SealKind;
  dataSet: string;
  computer: string;
  /** base64, 16 random bytes: the file key's salt. */
  salt: string;
  /** Plaintext bytes per chunk. */
  chunk: number;
  [field: string]: string | number | Record<string, number>;
}

export class SealError extends Error {
  constructor(
    readonly kind: 'malformed' | 'auth',
    message: string,
  ) {
    super(message);
  }
}

const MAGIC = Buffer.from('KZSHARE\n', 'ascii');
const TAG = 16;
export const DEFAULT_CHUNK = 64 * 1024;

/** JSON with keys sorted at every level: the exact bytes authenticated, whatever order a writer used. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export function newSalt(): string {
  return crypto.randomBytes(16).toString('base64');
}

function nonce(index: number, final: boolean): Buffer {
  const n = Buffer.alloc(12);
  n[7] = final ? 1 : 0;
  n.writeUInt32BE(index, 8);
  return n;
}

function fileKey(key: Buffer, header: SealHeader): Buffer {
  return subkey(key, `file/${header.kind}`, Buffer.from(header.salt, 'base64'));
}

function checkChunk(header: SealHeader): void {
  if (!Number.isInteger(header.chunk) || header.chunk < LIMITS.minChunk || header.chunk > LIMITS.maxChunk) {
    throw new SealError('malformed', 'chunk size out of bounds');
  }
}

/** Encrypts a payload given as a stream of pieces; yields the chunks' bytes (ciphertext and tag each). */
export async function* sealChunks(key: Buffer, header: SealHeader, plain: AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<Buffer> {
  checkChunk(header);
  const k = fileKey(key, header);
  const aad = Buffer.from(canonicalJson(header), 'utf8');
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  const seal = (data: Buffer, final: boolean): Buffer => {
    const cipher = crypto.createCipheriv('aes-256-gcm', k, nonce(index++, final));
    cipher.setAAD(aad);
    return Buffer.concat([cipher.update(data), cipher.final(), cipher.getAuthTag()]);
  };
  for await (const piece of plain) {
    pending = pending.length ? Buffer.concat([pending, piece]) : piece;
    while (pending.length >= header.chunk) {
      // A full chunk is never the final one: the final chunk is shorter (possibly empty), so a cut at a chunk boundary shows.
      yield seal(pending.subarray(0, header.chunk), false);
      pending = pending.subarray(header.chunk);
    }
  }
  yield seal(pending, true);
}

/** The container's opening bytes: magic, header length, header. */
export function containerHead(header: SealHeader): Buffer {
  const json = Buffer.from(canonicalJson(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, length, json]);
}

/** A whole sealed file in memory (batches). */
export async function sealToBuffer(key: Buffer, header: SealHeader, plain: Buffer): Promise<Buffer> {
  const parts = [containerHead(header)];
  for await (const c of sealChunks(key, header, [plain])) parts.push(c);
  return Buffer.concat(parts);
}

const KINDS: SealKind[] = ['batch', 'computer', 'snapshot', 'lock'];

/**
 * The common header fields, checked for type only: whether they fit the
 * file's place is the reader's question, and whether they are authentic is
 * answered by opening the first chunk.
 */
export function asSealHeader(raw: Record<string, unknown>): SealHeader {
  const ok =
    Number.isInteger(raw.format) &&
    KINDS.includes(raw.kind as SealKind) &&
    typeof raw.dataSet === 'string' &&
    typeof raw.computer === 'string' &&
    typeof raw.salt === 'string' &&
    Buffer.from(raw.salt, 'base64').length === 16 &&
    Number.isInteger(raw.chunk) &&
    Object.values(raw).every(
      (v) =>
        typeof v === 'string' ||
        (typeof v === 'number' && Number.isFinite(v)) ||
        (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((n) => Number.isInteger(n))),
    );
  if (!ok) throw new SealError('malformed', 'header fields of the wrong type');
  return raw as SealHeader;
}

/** Reads the header of a container; the header is not trusted until a chunk has been opened with it. */
export function readContainerHead(data: Buffer): { header: Record<string, unknown>; bodyStart: number } {
  if (data.length < MAGIC.length + 4 || !data.subarray(0, MAGIC.length).equals(MAGIC)) throw new SealError('malformed', 'not a sealed file');
  const length = data.readUInt32BE(MAGIC.length);
  if (length > LIMITS.headerBytes) throw new SealError('malformed', 'header too long');
  const start = MAGIC.length + 4;
  if (data.length < start + length) throw new SealError('malformed', 'header cut off');
  let header: unknown;
  try {
    header = JSON.parse(data.subarray(start, start + length).toString('utf8'));
  } catch {
    throw new SealError('malformed', 'header is not JSON');
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw new SealError('malformed', 'header is not an object');
  return { header: header as Record<string, unknown>, bodyStart: start + length };
}

/**
 * Opens chunks as they arrive (a snapshot is streamed): `push` the file's
 * bytes after the header, `end` when the file ends. Every byte returned has
 * been authenticated; `end` throws unless the final chunk came last.
 */
export class ChunkOpener {
  private readonly key: Buffer;
  private readonly aad: Buffer;
  private buffered: Buffer = Buffer.alloc(0);
  private index = 0;
  private done = false;

  constructor(
    key: Buffer,
    private readonly header: SealHeader,
  ) {
    checkChunk(header);
    this.key = fileKey(key, header);
    this.aad = Buffer.from(canonicalJson(header), 'utf8');
  }

  private open(data: Buffer, final: boolean): Buffer {
    if (data.length < TAG) throw new SealError('auth', 'chunk cut off');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, nonce(this.index++, final));
    decipher.setAAD(this.aad);
    decipher.setAuthTag(data.subarray(data.length - TAG));
    try {
      return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG)), decipher.final()]);
    } catch {
      throw new SealError('auth', `chunk ${this.index - 1} fails authentication`);
    }
  }

  push(data: Buffer): Buffer[] {
    if (this.done) throw new SealError('auth', 'data after the final chunk');
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, data]) : data;
    const out: Buffer[] = [];
    const full = this.header.chunk + TAG;
    // Keep at least one full chunk back: only the end of the file tells whether it is the final one.
    while (this.buffered.length > full) {
      out.push(this.open(this.buffered.subarray(0, full), false));
      this.buffered = this.buffered.subarray(full);
    }
    return out;
  }

  end(): Buffer[] {
    if (this.done) return [];
    this.done = true;
    // A full chunk at the very end: the final (shorter) chunk is missing — the file was cut at a chunk boundary.
    if (this.buffered.length === this.header.chunk + TAG) throw new SealError('auth', 'final chunk missing');
    return [this.open(this.buffered, true)];
  }
}

/** Opens a whole sealed payload in memory. */
export function openToBuffer(key: Buffer, header: SealHeader, body: Buffer): Buffer {
  const opener = new ChunkOpener(key, header);
  return Buffer.concat([...opener.push(body), ...opener.end()]);
}

/** The JSON envelope of small sealed files (computer files, locks): readable as JSON, sealed inside. */
export async function sealToJson(key: Buffer, header: SealHeader, plain: Buffer): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of sealChunks(key, header, [plain])) parts.push(c);
  const envelope = { kz: 'klassny-zhurnal shared folder', header, sealed: Buffer.concat(parts).toString('base64') };
  return Buffer.from(JSON.stringify(envelope, null, 1), 'utf8');
}

export function readJsonEnvelope(data: Buffer): { header: Record<string, unknown>; body: Buffer } {
  let envelope: unknown;
  try {
    envelope = JSON.parse(data.toString('utf8'));
  } catch {
    throw new SealError('malformed', 'not JSON');
  }
  const e = envelope as { header?: unknown; sealed?: unknown } | null;
  if (!e || typeof e !== 'object' || !e.header || typeof e.header !== 'object' || Array.isArray(e.header) || typeof e.sealed !== 'string') {
    throw new SealError('malformed', 'not a sealed envelope');
  }
  return { header: e.header as Record<string, unknown>, body: Buffer.from(e.sealed, 'base64') };
}
