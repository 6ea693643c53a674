import fs from 'node:fs';
import path from 'node:path';
import { sha256File } from '../backup/files';
import { listFiles, MANIFEST_NAME, parseManifest } from './manifest';
import { hashZipEntries } from './zip';
import crypto from 'node:crypto';

export interface ArchiveCheck {
  ok: boolean;
  /** Files whose content differs from the manifest. */
  changed: string[];
  /** Files the manifest lists that are not there. */
  missing: string[];
  /** Files that are there but not in the manifest. */
  extra: string[];
  checked: number;
  manifestSha256: string | null;
  /** When the expected manifest checksum (from the database or the act) was given: whether it matches. */
  manifestMatches: boolean | null;
}

/**
 * Checks an archive (its folder or its zip) years later: every file against
 * the manifest, naming each file changed or missing, and the manifest itself
 * against the checksum recorded when the archive was made, when it is known.
 */
export async function verifyArchive(target: string, expectedManifestSha256?: string | null): Promise<ArchiveCheck> {
  if (!fs.existsSync(target)) throw new Error(`not found: ${target}`);
  const isZip = fs.statSync(target).isFile();
  let actual: Map<string, string>;
  let manifestText: Buffer | null;
  if (isZip) {
    const z = await hashZipEntries(target);
    manifestText = z.texts.get(MANIFEST_NAME) ?? null;
    actual = z.hashes;
  } else {
    const manifestFile = path.join(target, MANIFEST_NAME);
    manifestText = fs.existsSync(manifestFile) ? fs.readFileSync(manifestFile) : null;
    actual = new Map();
    for (const rel of listFiles(target)) actual.set(rel, await sha256File(path.join(target, ...rel.split('/'))));
  }
  const manifestSha256 = manifestText ? crypto.createHash('sha256').update(manifestText).digest('hex') : null;
  const expected = manifestText ? parseManifest(manifestText.toString('utf8')) : [];
  const changed: string[] = [];
  const missing: string[] = [];
  if (!manifestText) missing.push(MANIFEST_NAME);
  for (const e of expected) {
    const got = actual.get(e.path);
    if (got === undefined) missing.push(e.path);
    else if (got !== e.sha256) changed.push(e.path);
  }
  const listed = new Set(expected.map((e) => e.path));
  const extra = [...actual.keys()].filter((p) => p !== MANIFEST_NAME && !listed.has(p)).sort();
  const manifestMatches = expectedManifestSha256 ? manifestSha256 === expectedManifestSha256 : null;
  return {
    ok: changed.length === 0 && missing.length === 0 && extra.length === 0 && manifestMatches !== false,
    changed,
    missing,
    extra,
    checked: expected.length,
    manifestSha256,
    manifestMatches,
  };
}
