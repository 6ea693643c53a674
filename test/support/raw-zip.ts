import zlib from 'node:zlib';

/**
 * A ZIP writer that writes what it is told, for hostile test files: entries
 * whose directory claims any size, data deflated once and repeated, more
 * entries than any workbook has. (yazl, the program's writer, only writes
 * honest archives.)
 */
export interface RawEntry {
  name: string;
  /** The entry's data as stored: deflated (method 8) or as is (method 0). */
  data: Buffer;
  method: 0 | 8;
  /** The size the archive's directory claims when unpacked. */
  size: number;
  crc: number;
}

export function stored(name: string, content: string | Buffer): RawEntry {
  const data = Buffer.from(content);
  return { name, data, method: 0, size: data.length, crc: zlib.crc32(data) };
}

export function deflated(name: string, content: string | Buffer): RawEntry {
  const raw = Buffer.from(content);
  return { name, data: zlib.deflateRawSync(raw, { level: 9 }), method: 8, size: raw.length, crc: zlib.crc32(raw) };
}

/**
 * An entry that unpacks to `head`, then `repeat` megabytes of spaces, then
 * `tail`, built without ever holding the unpacked text: each megabyte is the
 * same self-contained deflate segment. `claimed` is the size the directory
 * states (the real one, or a lie). The CRC is not computed: readers that
 * check it do so only after unpacking everything.
 */
export function spacesBomb(name: string, head: string, repeat: number, tail: string, claimed?: number): RawEntry {
  const full = { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 };
  const spaces = zlib.deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), full);
  const parts = [zlib.deflateRawSync(Buffer.from(head), full)];
  for (let i = 0; i < repeat; i++) parts.push(spaces);
  parts.push(zlib.deflateRawSync(Buffer.from(tail)));
  const size = Buffer.byteLength(head) + repeat * 1024 * 1024 + Buffer.byteLength(tail);
  return { name, data: Buffer.concat(parts), method: 8, size: claimed ?? size, crc: 0 };
}

export function zipOf(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, e.data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(e.method, 10);
    dir.writeUInt32LE(e.crc >>> 0, 16);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += local.length + name.length + e.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}
