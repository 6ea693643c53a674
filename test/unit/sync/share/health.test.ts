import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/shared/errors';
import { classifyShareError } from '../../../../main/core/sync/share/share-errors';
import { changesFor, computer, filesUnder, newSchool, rejection, tmpDir } from './helpers';

/**
 * A missing folder is offline and a folder that lost what this computer has
 * seen is suspect — never «everything was deleted» (Joplin #961, #4223,
 * #6304). Nothing on the computer changes because of what the share lacks.
 */

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('offline and suspect folders', () => {
  it.each(['EIO', 'ETIMEDOUT', 'EHOSTDOWN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTCONN', 'ECONNRESET', 'ESTALE', 'UNKNOWN'])('%s from the share means offline', (code) => {
    expect(classifyShareError(errno(code), 'x')).toMatchObject({ code: 'SYNC_OFFLINE', message: expect.stringMatching(/^Нет связи с общей папкой/), details: { errno: code } });
  });

  it('EACCES, EPERM, EROFS mean the folder cannot be written; ENOSPC that its disk is full; ENOENT of a file is left to the caller', () => {
    for (const code of ['EACCES', 'EPERM', 'EROFS']) expect(classifyShareError(errno(code), 'x')).toMatchObject({ code: 'SYNC_READ_ONLY', message: expect.stringMatching(/нельзя записывать/) });
    expect(classifyShareError(errno('ENOSPC'), 'x')).toMatchObject({ code: 'SYNC_NO_SPACE', message: expect.stringMatching(/закончилось место/) });
    expect(classifyShareError(errno('ENOENT'), 'x')).not.toBeInstanceOf(AppError);
  });

  it('a folder whose root is gone (a dropped mapping) is offline: open, read and write say so, and come back by themselves', async () => {
    const { root, a, pcA } = await newSchool('drop');
    const b = await computer('pc-b', root).open();
    await b.writeComputerFile({ readThrough: {} });
    await a.writeBatch(1, changesFor('pc-a', 1));
    const away = `${root}-away`;
    fs.renameSync(root, away);
    expect(await a.status()).toMatchObject({ state: 'offline', errno: 'ENOENT', message: expect.stringMatching(/Нет связи с общей папкой/) });
    expect(await rejection(a.writeBatch(2, changesFor('pc-a', 2)))).toMatchObject({ code: 'SYNC_OFFLINE' });
    expect(await rejection(b.readNewBatches({}))).toMatchObject({ code: 'SYNC_OFFLINE' });
    expect(await rejection(pcA.open())).toMatchObject({ code: 'SYNC_OFFLINE' });
    fs.renameSync(away, root);
    expect(await a.status()).toMatchObject({ state: 'ok' });
    await a.writeBatch(2, changesFor('pc-a', 2));
    expect((await b.readNewBatches({})).batches.map((x) => x.header.seq)).toEqual([1, 2]);
  });

  it('an empty folder (an unmounted mount point looks like this) is suspect for a computer that has joined: sync stops, nothing local is touched', async () => {
    const { root, a, pcA } = await newSchool('empty');
    await a.writeBatch(1, changesFor('pc-a', 1));
    const pcB = computer('pc-b', root);
    const b = await pcB.open();
    const keep = tmpDir('keep');
    fs.cpSync(root, keep, { recursive: true });
    const localBefore = filesUnder(pcB.dataDir).map((f) => [f, fs.readFileSync(path.join(pcB.dataDir, f), 'utf8')]);
    for (const name of fs.readdirSync(root)) fs.rmSync(path.join(root, name), { recursive: true });

    const status = await b.status();
    expect(status).toMatchObject({ state: 'suspect', reasons: [{ kind: 'empty' }], message: expect.stringMatching(/Синхронизация остановлена, на этом компьютере ничего не удалено/) });
    expect(await rejection(b.readNewBatches({}))).toMatchObject({ code: 'SYNC_SHARE_SUSPECT' });
    expect(await rejection(a.writeBatch(2, changesFor('pc-a', 2)))).toMatchObject({ code: 'SYNC_SHARE_SUSPECT' });
    expect(await rejection(pcA.open())).toMatchObject({ code: 'SYNC_SHARE_SUSPECT', details: { reasons: [{ kind: 'empty' }] } });
    expect(fs.readdirSync(root)).toEqual([]);
    expect(filesUnder(pcB.dataDir).map((f) => [f, fs.readFileSync(path.join(pcB.dataDir, f), 'utf8')])).toEqual(localBefore);

    // The drive is mapped again: sync goes on by itself.
    fs.cpSync(keep, root, { recursive: true });
    expect(await b.status()).toMatchObject({ state: 'ok' });
    expect((await b.readNewBatches({})).batches.map((x) => x.header.seq)).toEqual([1]);
  });

  it('school.json gone is suspect, not «a new folder»', async () => {
    const { root, a } = await newSchool('noschool');
    const saved = fs.readFileSync(path.join(root, 'school.json'));
    fs.rmSync(path.join(root, 'school.json'));
    expect(await a.status()).toMatchObject({ state: 'suspect', reasons: [{ kind: 'school-file-missing' }] });
    fs.writeFileSync(path.join(root, 'school.json'), saved);
    expect(await a.status()).toMatchObject({ state: 'ok' });
  });

  it('batches this computer has read, gone from the share without a snapshot covering them, make the folder suspect', async () => {
    const { root, a } = await newSchool('gone');
    for (let seq = 1; seq <= 3; seq++) await a.writeBatch(seq, changesFor('pc-a', seq));
    const b = await computer('pc-b', root).open();
    await b.readNewBatches({});
    const dir = path.join(root, 'changes/pc-a');
    const away = tmpDir('away');
    fs.renameSync(path.join(dir, '000000000002.kzc'), path.join(away, '2'));
    fs.renameSync(path.join(dir, '000000000003.kzc'), path.join(away, '3'));
    expect(await b.status()).toMatchObject({ state: 'suspect', reasons: [{ kind: 'batches-missing', computerId: 'pc-a', seqs: [2, 3] }] });
    expect(await rejection(b.readNewBatches({ 'pc-a': 3 }))).toMatchObject({ code: 'SYNC_SHARE_SUSPECT' });
    fs.renameSync(path.join(away, '2'), path.join(dir, '000000000002.kzc'));
    fs.renameSync(path.join(away, '3'), path.join(dir, '000000000003.kzc'));
    expect(await b.status()).toMatchObject({ state: 'ok' });
  });

  it('status reports the share clock offset measured when the computer file was written', async () => {
    const { a } = await newSchool('clock');
    await a.writeComputerFile({ readThrough: {} });
    const status = await a.status();
    expect(status.state).toBe('ok');
    if (status.state === 'ok') expect(Math.abs(status.clockOffsetMs ?? Infinity)).toBeLessThan(5000);
  });
});
