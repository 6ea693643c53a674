import fs from 'node:fs';
import path from 'node:path';
import { sha256File } from '../backup/files';

/**
 * The manifest of an archive: one line per file, `<sha256>  <path>`, the
 * format of `sha256sum` — so it can be checked in 25 years without this
 * program (`sha256sum -c`, or `certutil -hashfile <файл> SHA256` on Windows).
 * Paths are relative to the archive folder, with «/», in UTF-8.
 */
export const MANIFEST_NAME = 'manifest-sha256.txt';

export interface ManifestEntry {
  sha256: string;
  path: string;
}

export function formatManifest(entries: readonly ManifestEntry[]): string {
  return entries.map((e) => `${e.sha256}  ${e.path}\n`).join('');
}

export function parseManifest(text: string): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trim() ? line : '');
    if (m) out.push({ sha256: m[1], path: m[2] });
  }
  return out;
}

/** Every file under a folder, relative with «/», sorted. */
export function listFiles(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(root, full));
    else out.push(path.relative(root, full).split(path.sep).join('/'));
  }
  return out.sort();
}

export async function hashFolder(root: string, skip: readonly string[] = [MANIFEST_NAME]): Promise<ManifestEntry[]> {
  const entries: ManifestEntry[] = [];
  for (const rel of listFiles(root)) {
    if (skip.includes(rel)) continue;
    entries.push({ sha256: await sha256File(path.join(root, ...rel.split('/'))), path: rel });
  }
  return entries;
}
