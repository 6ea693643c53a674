import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SharedFolder } from '../../../../main/core/sync/share';
import { tmpDir } from './helpers';

/** The folder test of the settings screen: each step timed and explained in Russian; nothing left behind. */
describe('the folder test', () => {
  it('a good folder passes every step, and the probe file is gone afterwards', async () => {
    const dir = tmpDir('probe');
    fs.writeFileSync(path.join(dir, 'чужой файл.txt'), 'не трогать');
    const result = await SharedFolder.probe(dir);
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => [s.step, s.ok])).toEqual([
      ['folder', true],
      ['write', true],
      ['read', true],
      ['rename', true],
      ['delete', true],
    ]);
    expect(result.steps[2].message).toMatch(/^Файл читается, содержимое совпадает \(\d+ мс\)\.$/);
    expect(result.message).toMatch(/^Папка подходит для синхронизации/);
    expect(Math.abs(result.clockOffsetMs ?? Infinity)).toBeLessThan(5000);
    expect(fs.readdirSync(dir)).toEqual(['чужой файл.txt']);
  });

  it('a folder that is not there fails at the first step with a Russian verdict', async () => {
    const result = await SharedFolder.probe(path.join(tmpDir('probe-missing'), 'нет такой'));
    expect(result.ok).toBe(false);
    expect(result.steps).toEqual([expect.objectContaining({ step: 'folder', ok: false, errno: 'ENOENT', message: 'Нет связи с папкой: открыть папку не удалось (ENOENT).' })]);
    expect(result.message).toBe('Папка не подходит для синхронизации. Нет связи с папкой: открыть папку не удалось (ENOENT).');
  });
});
