import yauzl from 'yauzl';
import type { Readable } from 'node:stream';
import { AppError } from '../shared/errors';
import { megabytes, PARSE_LIMITS } from './limits';
import { fileRefused } from './refusal';

/**
 * An uploaded ZIP archive (an XLSX or ODS workbook) read from memory with
 * yauzl, part by part. Before a part is unpacked its size is checked in the
 * archive's directory, so a «zip bomb» is refused without unpacking it; and
 * yauzl stops a part that unpacks to more than its directory said. A part
 * can be read whole (small ones: the workbook, the styles) or as a stream of
 * chunks that the reader may stop at any time (a sheet).
 */
export class ZipArchive {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    private readonly fileName: string,
    private readonly field: string,
  ) {}

  static async open(bytes: Buffer, fileName: string, field = 'file'): Promise<ZipArchive> {
    const damaged = () => damagedArchive(fileName, field);
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
      yauzl.fromBuffer(bytes, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false }, (err, z) =>
        err || !z ? reject(damaged()) : resolve(z),
      );
    });
    // A workbook has tens of parts; tens of thousands is not a workbook.
    if (zip.entryCount > 10_000) {
      zip.close();
      throw fileRefused(fileName, 'в архиве больше 10 000 частей — это не книга Excel или LibreOffice.', field);
    }
    const entries = new Map<string, yauzl.Entry>();
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        // Part names are case-insensitive in Office files (ECMA-376 part 2, §9.1.1).
        entries.set(entry.fileName.replace(/^\/+/, '').toLowerCase(), entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', () => reject(damaged()));
      zip.readEntry();
    });
    return new ZipArchive(zip, entries, fileName, field);
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** A part as text (UTF-8), or null when the archive has no such part. */
  async text(name: string): Promise<string | null> {
    if (!this.has(name)) return null;
    const decoder = new TextDecoder('utf-8');
    let text = '';
    for await (const chunk of this.chunks(name)) text += decoder.decode(chunk, { stream: true });
    return text + decoder.decode();
  }

  /**
   * A part's bytes as they unpack. Leaving the loop early (a `break`, a
   * thrown refusal) stops unpacking.
   */
  async *chunks(name: string): AsyncGenerator<Buffer> {
    const entry = this.entries.get(name.toLowerCase());
    if (!entry) throw damagedArchive(this.fileName, this.field);
    if (entry.uncompressedSize > PARSE_LIMITS.unpackedBytes) {
      throw fileRefused(
        this.fileName,
        `часть архива «${entry.fileName}» распаковывается в ${megabytes(entry.uncompressedSize)} (допустимо до ${megabytes(PARSE_LIMITS.unpackedBytes)}). Так бывает у испорченных или намеренно «раздутых» файлов; сохраните таблицу в новый файл и загрузите его.`,
        this.field,
      );
    }
    if (entry.isEncrypted()) {
      throw new AppError('VALIDATION', `Файл «${this.fileName}» защищён паролем. Снимите защиту в Excel или LibreOffice и загрузите файл снова.`, {
        fields: { [this.field]: 'Файл защищён паролем' },
      });
    }
    const stream = await new Promise<Readable>((resolve, reject) => {
      this.zip.openReadStream(entry, (err, s) => (err || !s ? reject(damagedArchive(this.fileName, this.field)) : resolve(s)));
    });
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } catch (e) {
      if (e instanceof AppError) throw e;
      // yauzl: a part that unpacks to more (or less) than the directory says, a broken deflate stream.
      throw damagedArchive(this.fileName, this.field);
    } finally {
      stream.destroy();
    }
  }

  close(): void {
    this.zip.close();
  }
}

function damagedArchive(fileName: string, field: string): AppError {
  return new AppError('VALIDATION', `Файл «${fileName}» повреждён: архив книги не читается (возможно, файл скачан или скопирован не полностью). Откройте его в Excel или LibreOffice, сохраните заново и загрузите.`, {
    fields: { [field]: 'Файл повреждён' },
  });
}
