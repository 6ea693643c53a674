import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  ChunkOpener,
  containerHead,
  openToBuffer,
  readContainerHead,
  SealError,
  sealToBuffer,
  type SealHeader,
} from '../../../../main/core/sync/share/seal';

/**
 * The sealed container: whatever the payload's length, it opens to the same
 * bytes; any change, a cut anywhere (at a chunk boundary too), chunks
 * swapped, the header edited, or another key, and it does not open.
 */
const key = crypto.randomBytes(32);
const CHUNK = 1024;

function header(extra: Partial<SealHeader> = {}): SealHeader {
  return { format: 1, kind: 'batch', dataSet: 'ds', computer: 'pc-a', seq: 7, salt: crypto.randomBytes(16).toString('base64'), chunk: CHUNK, ...extra };
}

async function sealed(payload: Buffer, h = header()): Promise<{ file: Buffer; h: SealHeader }> {
  return { file: await sealToBuffer(key, h, payload), h };
}

function open(file: Buffer, k = key): Buffer {
  const { header: raw, bodyStart } = readContainerHead(file);
  return openToBuffer(k, raw as SealHeader, file.subarray(bodyStart));
}

describe('the sealed container', () => {
  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17])('opens a payload of %i bytes to the same bytes', async (n) => {
    const payload = crypto.randomBytes(n);
    const { file } = await sealed(payload);
    expect(open(file).equals(payload)).toBe(true);
    // A payload of an exact multiple of the chunk ends with an empty final chunk: never with a full one.
    const body = file.length - containerHead(header()).length;
    expect(body).toBeGreaterThan(0);
  });

  it('opens the same when the file arrives in pieces of any size', async () => {
    const payload = crypto.randomBytes(5 * CHUNK + 300);
    const { file, h } = await sealed(payload);
    const { bodyStart } = readContainerHead(file);
    for (const piece of [1, 7, 100, CHUNK + 16, CHUNK + 17, 4096]) {
      const opener = new ChunkOpener(key, h);
      const out: Buffer[] = [];
      for (let i = bodyStart; i < file.length; i += piece) out.push(...opener.push(file.subarray(i, Math.min(file.length, i + piece))));
      out.push(...opener.end());
      expect(Buffer.concat(out).equals(payload)).toBe(true);
    }
  });

  it('does not open after any single byte is changed (header or body)', async () => {
    const { file } = await sealed(crypto.randomBytes(2 * CHUNK + 5));
    const headEnd = readContainerHead(file).bodyStart;
    for (const at of [13, 20, headEnd - 2, headEnd, headEnd + CHUNK, file.length - 1]) {
      const bad = Buffer.from(file);
      bad[at] ^= 0x01;
      expect(() => open(bad), `byte ${at}`).toThrow();
    }
  });

  it('does not open when cut short anywhere, at a chunk boundary too', async () => {
    const { file } = await sealed(crypto.randomBytes(3 * CHUNK + 5));
    const headEnd = readContainerHead(file).bodyStart;
    for (const length of [headEnd, headEnd + 10, headEnd + CHUNK + 16, headEnd + 2 * (CHUNK + 16), headEnd + 3 * (CHUNK + 16), file.length - 1]) {
      expect(() => open(file.subarray(0, length)), `cut at ${length}`).toThrow(SealError);
    }
  });

  it('does not open with two chunks swapped, a chunk dropped, or data after the end', async () => {
    const { file } = await sealed(crypto.randomBytes(3 * CHUNK + 5));
    const h = readContainerHead(file).bodyStart;
    const c = CHUNK + 16;
    const chunk = (i: number) => file.subarray(h + i * c, h + (i + 1) * c);
    const head = file.subarray(0, h);
    const last = file.subarray(h + 3 * c);
    expect(() => open(Buffer.concat([head, chunk(1), chunk(0), chunk(2), last]))).toThrow(SealError);
    expect(() => open(Buffer.concat([head, chunk(0), chunk(2), last]))).toThrow(SealError);
    expect(() => open(Buffer.concat([file, chunk(0)]))).toThrow(SealError);
  });

  it('does not open with another key, or under a header with another seq', async () => {
    const { file, h } = await sealed(Buffer.from('пятёрка по математике'));
    expect(() => open(file, crypto.randomBytes(32))).toThrow(SealError);
    const { bodyStart } = readContainerHead(file);
    expect(() => openToBuffer(key, { ...h, seq: 8 }, file.subarray(bodyStart))).toThrow(SealError);
  });

  it('authenticates the header whatever the order of its keys (canonical JSON)', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 'x' } })).toBe('{"a":{"c":"x","d":2},"b":1}');
  });
});
