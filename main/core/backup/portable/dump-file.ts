import crypto from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { MANIFEST_NAME, parseManifest } from '../../archive/manifest';
import { TableDigest, type CanonicalRow } from './rows';
import type { TableShape } from './tables';

/**
 * The portable copy of a school (`*.kzdump`): a zip whose one folder holds
 *
 *   kz-dump.json           what it is: the schema version (the migrations
 *                          applied), the school, and per table its columns,
 *                          key, row count and hash (rows.ts);
 *   tables/NNN-<table>.jsonl  the rows, one JSON array per line, tables
 *                          numbered in the order they load (parents first);
 *   README.txt             the same in Russian, for a person;
 *   manifest-sha256.txt    SHA-256 of every other file, as `sha256sum` writes
 *                          it (archive/manifest.ts), so that it can be
 *                          checked without this program.
 */
export const DUMP_EXTENSION = '.kzdump';
/** The most text a page of rows read from a copy holds before it is handed on. */
const PAGE_BYTES = 16 * 1024 * 1024;
export const DUMP_FOLDER = 'kz-dump';
export const DUMP_MANIFEST = 'kz-dump.json';
const FORMAT = 'klassny-zhurnal-dump';

const columnSchema = z.object({ name: z.string().min(1), kind: z.enum(['bool', 'int', 'real', 'text']) });

export const dumpManifestSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  /** The database it was made from. */
  engine: z.enum(['sqlite', 'postgres']),
  dataSetId: z.string().nullable(),
  schoolName: z.string().nullable(),
  /** The schema version: every migration applied, in order. */
  migrations: z.array(z.string()).min(1),
  tables: z.array(
    z.object({
      name: z.string().min(1),
      file: z.string().min(1),
      columns: z.array(columnSchema).min(1),
      key: z.array(z.string()),
      rows: z.number().int().min(0),
      hash: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
  sequences: z.array(z.object({ table: z.string(), column: z.string(), value: z.number().int().min(0) })),
});

export type DumpManifest = z.infer<typeof dumpManifestSchema>;
export type DumpTable = DumpManifest['tables'][number];

export function newManifest(p: Omit<DumpManifest, 'format' | 'version'>): DumpManifest {
  return { format: FORMAT, version: 1, ...p };
}

export function tableFileName(index: number, table: string): string {
  return `tables/${String(index + 1).padStart(3, '0')}-${table}.jsonl`;
}

export function shapeOfDumpTable(t: DumpTable): TableShape {
  return { name: t.name, columns: t.columns, key: t.key };
}

/**
 * An open portable copy: its manifest, the checksums of its files, and the
 * rows of each table, read as a stream and checked as they come — the
 * file's SHA-256 against the checksum list, the rows' count and hash against
 * the manifest — so that a damaged copy is refused before its rows count.
 */
export class DumpFile {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    readonly manifest: DumpManifest,
    /** path inside the folder → SHA-256, from manifest-sha256.txt. */
    readonly sums: Map<string, string>,
  ) {}

  static async open(file: string): Promise<DumpFile> {
    let zip: yauzl.ZipFile;
    try {
      zip = await openZip(file);
    } catch (e) {
      throw damaged(`файл не читается как архив zip (${(e as Error).message})`);
    }
    try {
      const entries = await listEntries(zip);
      const text = async (name: string) => {
        const entry = entries.get(name);
        if (!entry) throw damaged(`в копии нет файла ${name}`);
        try {
          return (await readAll(await openStream(zip, entry))).toString('utf8');
        } catch (e) {
          throw damaged(`файл ${name} не распаковывается (${(e as Error).message})`);
        }
      };
      const sums = new Map(parseManifest(await text(MANIFEST_NAME)).map((e) => [e.path, e.sha256]));
      const manifestText = await text(DUMP_MANIFEST);
      const expected = sums.get(DUMP_MANIFEST);
      if (!expected || sha256(manifestText) !== expected) throw damaged(`файл ${DUMP_MANIFEST} изменён или повреждён`);
      let parsed: DumpManifest;
      try {
        parsed = dumpManifestSchema.parse(JSON.parse(manifestText));
      } catch {
        throw damaged(`файл ${DUMP_MANIFEST} не описывает копию журнала`);
      }
      return new DumpFile(zip, entries, parsed, sums);
    } catch (e) {
      zip.close();
      throw e;
    }
  }

  /** The paths inside the copy's folder. */
  paths(): string[] {
    return [...this.entries.keys()];
  }

  /** A file's bytes as a stream (for checking files that are not tables). */
  async stream(path: string): Promise<Readable> {
    const entry = this.entries.get(path);
    if (!entry) throw damaged(`в копии нет файла ${path}`);
    return openStream(this.zip, entry);
  }

  /**
   * A table's rows in pages, checked: each line an array of the table's
   * width; at the end the file's SHA-256, the count and the hash. A mismatch
   * throws, naming the table, after the rows already given: a caller loads
   * into a transaction or a part file it throws away.
   */
  async *rows(table: DumpTable, pageRows = 5000): AsyncGenerator<CanonicalRow[]> {
    const bytes = crypto.createHash('sha256');
    const digest = new TableDigest();
    const decoder = new StringDecoder('utf8');
    let rest = '';
    let page: CanonicalRow[] = [];
    let pageBytes = 0;
    const take = (line: string) => {
      if (line === '') return;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        throw damaged(`строка ${digest.rows + 1} таблицы «${table.name}» повреждена`);
      }
      if (!Array.isArray(row) || row.length !== table.columns.length) throw damaged(`строка ${digest.rows + 1} таблицы «${table.name}» не той формы`);
      digest.add(line);
      page.push(row as CanonicalRow);
      pageBytes += line.length;
    };
    let stream: Readable;
    try {
      stream = await this.stream(table.file);
    } catch (e) {
      throw e instanceof AppError ? e : damaged(`файл таблицы «${table.name}» не читается`);
    }
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        bytes.update(chunk);
        const lines = (rest + decoder.write(chunk)).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) take(line);
        // A page is bounded in rows and in bytes (a table of attachments holds megabytes a row).
        if (page.length >= pageRows || pageBytes >= PAGE_BYTES) {
          yield page;
          page = [];
          pageBytes = 0;
        }
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw damaged(`файл таблицы «${table.name}» не распаковывается (${(e as Error).message})`);
    }
    take(rest + decoder.end());
    if (page.length) yield page;
    if (bytes.digest('hex') !== this.sums.get(table.file)) throw damaged(`файл таблицы «${table.name}» изменён или повреждён (контрольная сумма SHA-256 не совпадает)`);
    if (digest.rows !== table.rows || digest.hash !== table.hash) {
      throw damaged(`в таблице «${table.name}» ${digest.rows} строк вместо ${table.rows} или строки изменены`);
    }
  }

  close(): void {
    this.zip.close();
  }
}

export function damaged(what: string): AppError {
  return new AppError('CONFLICT', `Переносимая копия повреждена: ${what}.`, { damaged: what });
}

function sha256(text: string | Buffer): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: true }, (err, zip) => (err || !zip ? reject(err ?? new Error('zip')) : resolve(zip))),
  );
}

/** Every file entry by its path inside the top folder. */
function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/')) {
        const slash = entry.fileName.indexOf('/');
        entries.set(slash > 0 ? entry.fileName.slice(slash + 1) : entry.fileName, entry);
      }
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(err ?? new Error('entry')) : resolve(stream))));
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}
