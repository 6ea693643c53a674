import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { SharedFolder, type OpenOptions } from '../../../../main/core/sync/share';
import type { FieldChange } from '../../../../main/core/sync/share/types';

/**
 * A school's shared folder in a temporary directory, and computers that use
 * it, each with a data folder of its own. Synthetic changes of the shape the
 * change log records.
 */

export const PASSPHRASE = 'Школа-№7-синхронизация';
export const DATA_SET = '0190c9a2-7a1b-7000-8000-00000000d5e7';
export const LOWEST_COST = { logN: 14, r: 8, p: 1 };

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

export function tmpDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kz-share-${label}-`));
  made.push(dir);
  return dir;
}

/** Field changes of computer `computerId` for batch `seq`: deterministic, so a retry rebuilds the same batch. */
export function changesFor(computerId: string, seq: number, count = 3): FieldChange[] {
  return Array.from({ length: count }, (_, i) => ({
    hlc: `2026-11-23T07:${String(seq % 60).padStart(2, '0')}:00.000Z-${String(i).padStart(4, '0')}-${computerId}`,
    computerId,
    entity: i % 2 ? 'Attendance' : 'Mark',
    rowId: `row-${seq}-${i}`,
    field: i % 2 ? 'status' : 'value',
    value: i % 3 === 0 ? '5' : i % 3 === 1 ? 4 : i % 5 === 0 ? null : true,
    group: i % 2 ? null : 'mark',
  }));
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
