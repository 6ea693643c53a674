import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { SharedFolder, type OpenOptions } from '../../../../main/core/sync/share';
import { DATA_SET, LOWEST_COST, PASSPHRASE } from '../../../support/sync-share';

/**
 * A school's shared folder in a temporary directory, and computers that use
 * it, each with a data folder of its own. Synthetic changes of the shape the
 * change log records.
 */

export { PASSPHRASE, DATA_SET, LOWEST_COST, changesFor } from '../../../support/sync-share';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

export function tmpDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kz-share-${label}-`));
  made.push(dir);
  return dir;
}

export interface Computer {
  id: string;
  dataDir: string;
  options: OpenOptions;
  open(extra?: Partial<OpenOptions>): Promise<SharedFolder>;
}

export function computer(id: string, root: string, extra: Partial<OpenOptions> = {}): Computer {
  const dataDir = tmpDir(`data-${id}`);
  const options: OpenOptions = {
    root,
    passphrase: PASSPHRASE,
    computerId: id,
    computerName: `Компьютер ${id.toUpperCase()}`,
    programVersion: '0.1.0',
    dataDir,
    ...extra,
  };
  return { id, dataDir, options, open: (more = {}) => SharedFolder.open({ ...options, ...more }) };
}

/** A shared folder created by computer «pc-a», with the lowest key cost (tests open it many times). */
export async function newSchool(label = 'school', extra: Partial<OpenOptions> = {}): Promise<{ root: string; a: SharedFolder; pcA: Computer }> {
  const root = tmpDir(label);
  const pcA = computer('pc-a', root, extra);
  const a = await SharedFolder.create({ ...pcA.options, dataSetId: DATA_SET, kdfCost: LOWEST_COST });
  return { root, a, pcA };
}

/** Every file under `dir`, relative, with «/». */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), `${prefix}${e.name}/`);
      else out.push(`${prefix}${e.name}`);
    }
  };
  if (fs.existsSync(dir)) walk(dir, '');
  return out.sort();
}

export async function rejection(promise: Promise<unknown>): Promise<{ code?: string; message: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('expected a rejection');
}
