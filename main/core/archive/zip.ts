import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import yazl from 'yazl';
import yauzl from 'yauzl';
import { listFiles } from './manifest';

/**
 * The archive as one zip file too (UTF-8 names, ZIP64 when large), with the
 * folder as its top entry, so that unpacking it gives the folder back.
 */
export async function zipFolder(folder: string, zipFile: string): Promise<void> {
  const zip = new yazl.ZipFile();
  const top = path.basename(folder);
  for (const rel of listFiles(folder)) {
    // A snapshot of the database compresses well; PDFs and XLSX are compressed already.
    const compress = !/\.(pdf|xlsx|zip)$/i.test(rel);
    zip.addFile(path.join(folder, ...rel.split('/')), `${top}/${rel}`, { compress });
  }
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(zipFile);
    zip.outputStream.pipe(out).on('close', resolve).on('error', reject);
    zip.outputStream.on('error', reject);
  });
}

/** The SHA-256 of every file in a zip, by its path inside the top folder. */
export function hashZipEntries(zipFile: string): Promise<{ top: string | null; hashes: Map<string, string>; texts: Map<string, Buffer> }> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipFile, { lazyEntries: true, decodeStrings: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('zip'));
      const hashes = new Map<string, string>();
      const texts = new Map<string, Buffer>();
      let top: string | null = null;
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        const slash = entry.fileName.indexOf('/');
        top ??= slash > 0 ? entry.fileName.slice(0, slash) : '';
        const rel = slash > 0 ? entry.fileName.slice(slash + 1) : entry.fileName;
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) {
            // An entry that cannot be read (a damaged header) counts as changed; the others are still checked.
            hashes.set(rel, 'unreadable');
            return zip.readEntry();
          }
          const hash = crypto.createHash('sha256');
          const small: Buffer[] = [];
          stream.on('data', (d: Buffer) => {
            hash.update(d);
            if (rel.endsWith('.txt')) small.push(d);
          });
          let failed = false;
          stream.on('error', () => {
            // Damaged compressed data: this file is reported changed.
            failed = true;
            hashes.set(rel, 'unreadable');
            zip.readEntry();
          });
          stream.on('end', () => {
            if (failed) return;
            hashes.set(rel, hash.digest('hex'));
            if (small.length) texts.set(rel, Buffer.concat(small));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve({ top, hashes, texts }));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
