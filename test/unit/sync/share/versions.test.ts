import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeBatch } from '../../../../main/core/sync/share/batch-file';
import { deriveKey } from '../../../../main/core/sync/share/kdf';
import { PROGRAM_FORMAT } from '../../../../main/core/sync/share/layout';
import { schoolCheck } from '../../../../main/core/sync/share/school-file';
import { formatVerdict } from '../../../../main/core/sync/share/verdict';
import { changesFor, computer, DATA_SET, newSchool, PASSPHRASE, rejection } from './helpers';

/**
 * Program versions against the folder's format: an older program reads what
 * it understands, writes nothing, and says «обновите программу»; a newer one
 * reads the older formats; a file claiming a format the folder does not have
 * is not trusted.
 */

const NEXT = PROGRAM_FORMAT + 1;

/** What a newer program does when it raises the folder's format: school.json with the new format and its check. */
async function raiseFolderFormat(root: string): Promise<Buffer> {
  const file = path.join(root, 'school.json');
  const school = JSON.parse(fs.readFileSync(file, 'utf8'));
  const key = await deriveKey(PASSPHRASE, school.kdf);
  const raised = { ...school, format: NEXT };
  raised.check = schoolCheck(key, raised);
  fs.writeFileSync(file, JSON.stringify(raised));
  return key;
}

describe('versions', () => {
  it('an older program in a folder of a newer format reads the batches it understands, stops at a newer one, writes nothing, and says «обновите программу»', async () => {
    const { root, a } = await newSchool('older');
    await a.writeBatch(1, changesFor('pc-a', 1));
    await a.writeBatch(2, changesFor('pc-a', 2));
    const key = await raiseFolderFormat(root);
    // The newer program on computer A writes its next batch in the new format.
    fs.writeFileSync(path.join(root, 'changes/pc-a/000000000003.kzc'), await encodeBatch(key, DATA_SET, NEXT, 'pc-a', 3, changesFor('pc-a', 3)));

    const b = await computer('pc-b', root).open();
    expect(b.canWrite).toBe(false);
    expect(await b.status()).toMatchObject({ state: 'needs-update', folderFormat: NEXT, programFormat: PROGRAM_FORMAT, message: expect.stringMatching(/Обновите программу\.$/) });
    const read = await b.readNewBatches({});
    expect(read.batches.map((x) => x.header.seq)).toEqual([1, 2]);
    expect(read).toMatchObject({ needsUpdate: true, quarantined: [], waiting: [{ computerId: 'pc-a', seq: 3, why: 'newer-format' }] });
    for (const write of [b.writeBatch(1, changesFor('pc-b', 1)), b.writeComputerFile({ readThrough: {} }), b.acquireLock()]) {
      expect(await rejection(write)).toMatchObject({ code: 'SYNC_NEEDS_UPDATE', message: expect.stringMatching(/Обновите программу/) });
    }
    expect(fs.existsSync(path.join(root, 'changes/pc-b'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'computers/pc-b.json'))).toBe(false);
    // The newer file is left for a newer program: not retried as damaged, not quarantined.
    expect(await b.status()).toMatchObject({ state: 'needs-update' });
    expect(b.quarantined()).toEqual([]);
  });

  it('a file claiming a format the folder does not have is not trusted (a forgery or damage)', async () => {
    const { root, a } = await newSchool('forged-format');
    const school = JSON.parse(fs.readFileSync(path.join(root, 'school.json'), 'utf8'));
    const key = await deriveKey(PASSPHRASE, school.kdf);
    await a.writeBatch(1, changesFor('pc-a', 1));
    fs.writeFileSync(path.join(root, 'changes/pc-a/000000000002.kzc'), await encodeBatch(key, DATA_SET, NEXT, 'pc-a', 2, changesFor('pc-a', 2)));
    const b = await computer('pc-b', root).open();
    const read = await b.readNewBatches({});
    expect(read).toMatchObject({ needsUpdate: false, waiting: [{ computerId: 'pc-a', seq: 2, why: 'retrying' }] });
    expect(read.batches.map((x) => x.header.seq)).toEqual([1]);
    expect(await b.status()).toMatchObject({ state: 'ok', pending: [{ reason: 'auth-failed', sharePath: 'changes/pc-a/000000000002.kzc' }] });
  });

  it('the format rule: a newer program reads every older format, an older one leaves newer files alone', () => {
    const newer = { newest: 3, oldest: 1 };
    for (const format of [1, 2, 3]) expect(formatVerdict({ format }, 3, newer)).toBeNull();
    const older = { newest: 1, oldest: 1 };
    expect(formatVerdict({ format: 1 }, 3, older)).toBeNull();
    expect(formatVerdict({ format: 2 }, 3, older)).toEqual({ ok: 'newer', format: 2 });
    expect(formatVerdict({ format: 4 }, 3, newer)).toMatchObject({ ok: false, reason: 'auth-failed' });
    // A program that dropped an old format says so rather than guessing.
    expect(formatVerdict({ format: 1 }, 3, { newest: 3, oldest: 2 })).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
