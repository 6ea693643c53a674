import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SharedFolder } from '../../../../main/core/sync/share';
import { kdfProblems } from '../../../../main/core/sync/share/kdf';
import { computer, DATA_SET, filesUnder, LOWEST_COST, newSchool, PASSPHRASE, rejection, tmpDir } from './helpers';

/**
 * Making the school's folder on the first computer and joining it from the
 * others: the right passphrase opens it; a wrong one, another school's
 * folder, a folder that is not one, and a crafted school.json are refused
 * with a Russian message and a code.
 */
describe('creating and joining the shared folder', () => {
  it('the first computer makes the layout; another computer joins with the passphrase', async () => {
    const { root, a } = await newSchool();
    expect(filesUnder(root)).toEqual(['computers/pc-a.json', 'school.json']);
    for (const dir of ['changes/pc-a', 'snapshot', 'locks']) expect(fs.statSync(path.join(root, dir)).isDirectory()).toBe(true);
    const school = JSON.parse(fs.readFileSync(path.join(root, 'school.json'), 'utf8'));
    expect(school).toMatchObject({ format: 1, dataSet: DATA_SET, kdf: { name: 'scrypt', logN: 14, r: 8, p: 1 } });
    expect(school.about).toMatch(/Классный журнал/);
    // Nothing readable about the school lies in plain text: the computer file is sealed.
    expect(fs.readFileSync(path.join(root, 'computers/pc-a.json'), 'utf8')).not.toContain('Компьютер');

    const b = await computer('pc-b', root).open();
    expect(b.dataSetId).toBe(DATA_SET);
    expect(a.dataSetId).toBe(DATA_SET);
    expect((await b.listComputers()).map((c) => [c.computerId, c.state])).toEqual([['pc-a', 'ok']]);
  });

  it('a wrong passphrase is refused, and the folder is left as it was', async () => {
    const { root } = await newSchool();
    const before = filesUnder(root);
    const e = await rejection(computer('pc-b', root, { passphrase: 'не та фраза' }).open());
    expect(e).toMatchObject({ code: 'SYNC_WRONG_PASSPHRASE', message: expect.stringMatching(/Парольная фраза общей папки неверна/) });
    expect(filesUnder(root)).toEqual(before);
  });

  it('another school’s folder is refused: the data set differs from this computer’s', async () => {
    const { root } = await newSchool();
    const e = await rejection(computer('pc-b', root, { dataSetId: '0190c9a2-7a1b-7000-8000-0000000000ff' }).open());
    expect(e).toMatchObject({ code: 'SYNC_OTHER_SCHOOL', message: expect.stringMatching(/другой школе/) });
  });

  it('a computer that joined one school refuses a folder of another, even with the same passphrase', async () => {
    const first = await newSchool('first');
    const pcB = computer('pc-b', first.root);
    await pcB.open();
    const second = tmpDir('second');
    await SharedFolder.create({ ...computer('pc-z', second).options, dataSetId: '0190c9a2-7a1b-7000-8000-0000000000aa', kdfCost: LOWEST_COST });
    expect(await rejection(pcB.open({ root: second }))).toMatchObject({ code: 'SYNC_OTHER_SCHOOL' });
  });

  it('a folder without school.json is not a shared folder (for a computer that has not joined)', async () => {
    const e = await rejection(computer('pc-b', tmpDir('plain')).open());
    expect(e).toMatchObject({ code: 'SYNC_NOT_A_SHARE', message: expect.stringMatching(/нет общей папки журнала/) });
  });

  it('creating where a school already is, or with a short passphrase, is refused', async () => {
    const { root } = await newSchool();
    const again = await rejection(SharedFolder.create({ ...computer('pc-b', root).options, dataSetId: DATA_SET, kdfCost: LOWEST_COST }));
    expect(again).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/уже есть общая папка/) });
    const short = await rejection(SharedFolder.create({ ...computer('pc-c', tmpDir('new')).options, passphrase: 'коротко', dataSetId: DATA_SET }));
    expect(short).toMatchObject({ code: 'VALIDATION', details: { fields: { passphrase: expect.stringMatching(/не короче 8/) } } });
  });

  it('a crafted school.json asking for huge scrypt costs is refused at once, in Russian, without running scrypt', async () => {
    const { root } = await newSchool();
    const file = path.join(root, 'school.json');
    const school = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const kdf of [
      { ...school.kdf, logN: 40 },
      { ...school.kdf, logN: 18, r: 16 },
      { ...school.kdf, p: 1000 },
      { ...school.kdf, salt: 'AA==' },
      { ...school.kdf, logN: 10 },
    ]) {
      fs.writeFileSync(file, JSON.stringify({ ...school, kdf }));
      const started = performance.now();
      const e = await rejection(computer('pc-b', root).open());
      expect(e).toMatchObject({ code: 'SYNC_BAD_SCHOOL_FILE', message: expect.stringMatching(/school\.json.*параметры ключа/) });
      expect(performance.now() - started).toBeLessThan(5000);
    }
    fs.writeFileSync(file, '{ not json');
    expect(await rejection(computer('pc-c', root).open())).toMatchObject({ code: 'SYNC_BAD_SCHOOL_FILE', message: expect.stringMatching(/не JSON/) });
  });

  it('the key bounds: the default and the lowest cost pass; each bound is enforced', () => {
    const salt = Buffer.alloc(32, 1).toString('base64');
    expect(kdfProblems({ name: 'scrypt', logN: 16, r: 8, p: 1, salt })).toEqual([]);
    expect(kdfProblems({ name: 'scrypt', ...LOWEST_COST, salt })).toEqual([]);
    expect(kdfProblems({ name: 'scrypt', logN: 18, r: 8, p: 2, salt })).toEqual(['требуется слишком долгий расчёт']);
    expect(kdfProblems({ name: 'scrypt', logN: 19, r: 8, p: 1, salt })[0]).toMatch(/logN = 19 вне пределов 14–18/);
  });

  it('a student who raises the format in school.json is caught by a computer that joined (the check covers it)', async () => {
    const { root, pcA } = await newSchool();
    const file = path.join(root, 'school.json');
    const school = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...school, format: 2 }));
    const e = await rejection(pcA.open());
    expect(e).toMatchObject({ code: 'SYNC_SHARE_SUSPECT', details: { reasons: [{ kind: 'school-file-replaced' }] } });
    // A computer that never joined cannot tell it from a wrong passphrase, and is refused all the same.
    expect(await rejection(computer('pc-new', root).open())).toMatchObject({ code: 'SYNC_WRONG_PASSPHRASE' });
  });

  it('a folder named school.json is a damaged school file, not a crash', async () => {
    const { root, a } = await newSchool();
    fs.rmSync(path.join(root, 'school.json'));
    fs.mkdirSync(path.join(root, 'school.json'));
    expect(await rejection(computer('pc-b', root).open())).toMatchObject({ code: 'SYNC_BAD_SCHOOL_FILE', message: expect.stringMatching(/school\.json.*не читается/) });
    expect(await a.status()).toMatchObject({ state: 'suspect', reasons: [{ kind: 'school-file-replaced' }] });
  });

  it('this computer’s record of the share holds neither the passphrase nor the key', async () => {
    const { pcA } = await newSchool();
    const record = fs.readFileSync(path.join(pcA.dataDir, 'sync/share-state.json'), 'utf8');
    expect(record).not.toContain(PASSPHRASE);
    expect(JSON.parse(record)).toMatchObject({ dataSet: DATA_SET, computerId: 'pc-a', ownLastSeq: 0 });
  });

  it('a school.json made again with the same passphrase (new salt) is not the one a computer joined', async () => {
    const { root, pcA } = await newSchool();
    fs.rmSync(path.join(root, 'school.json'));
    fs.rmSync(path.join(root, 'computers'), { recursive: true });
    fs.rmSync(path.join(root, 'changes'), { recursive: true });
    await SharedFolder.create({ ...computer('pc-x', root).options, passphrase: PASSPHRASE, dataSetId: DATA_SET, kdfCost: LOWEST_COST });
    expect(await rejection(pcA.open())).toMatchObject({ code: 'SYNC_SHARE_SUSPECT', details: { reasons: [{ kind: 'school-file-replaced' }] } });
  });
});
