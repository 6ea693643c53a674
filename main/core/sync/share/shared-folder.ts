import path from 'node:path';
import { AppError } from '../../shared/errors';
import { systemClock, type Clock } from '../../shared/clock';
import { batchProblems, decodeBatch, encodeBatch } from './batch-file';
import { listComputers, writeComputerRecord } from './computers';
import type { ShareContext } from './context';
import { inspect, inspectionError, refreshCoverage, type Inspection } from './health';
import { deriveKey, MIN_PASSPHRASE_LENGTH, newKdfParams, type KdfCost } from './kdf';
import { CHANGES_DIR, COMPUTERS_DIR, isId, LIMITS, LOCKS_DIR, parseBatchName, PROGRAM_FORMAT, rel, SNAPSHOT_DIR } from './layout';
import { loadLocalState, newLocalState, saveLocalState, syncDir, type LocalShareState } from './local-state';
import { DEFAULT_LOCK, ExclusiveLock, type LockOptions } from './lock';
import { probeFolder } from './probe';
import { planPrune } from './prune';
import { DEFAULT_RETRY, Quarantine, type RetryPolicy } from './quarantine';
import { readBatches } from './read-batches';
import { canonicalJson } from './seal';
import { shareNow } from './share-clock';
import { NEEDS_UPDATE_MESSAGE, SUSPECT_MESSAGE } from './share-errors';
import { isTempName, ShareFs, tempPid, TooLarge } from './share-fs';
import { keyId, readSchoolFile, schoolCheck, schoolCheckMatches, schoolFileBytes, schoolFingerprint, type SchoolFile } from './school-file';
import { fetchSnapshotFile, listSnapshots, publishSnapshot, readSnapshotHead, removeDeadSnapshotParts } from './snapshot';
import { verifyShare } from './verify';
import type {
  ComputerEntry,
  ComputerRecord,
  Cursors,
  FieldChange,
  ProbeResult,
  PruneResult,
  QuarantineEntry,
  ReadBatchesResult,
  ShareStatus,
  SnapshotInfo,
  SuspectReason,
  VerifyReport,
  WriteBatchResult,
} from './types';

/**
 * The school's shared folder as one computer uses it: the API the merge
 * side builds on (README.md in this folder). One instance per computer and
 * folder; its operations run one at a time.
 */

export interface OpenOptions {
  /** The folder: a mapped drive, a UNC path, a mount point. */
  root: string;
  /** The administrator's passphrase: given when the folder is made or a computer joins. */
  passphrase?: string;
  /**
   * The key derived from it, as this computer keeps it after joining
   * (sync/README.md «Keys on this computer»): opening with it skips scrypt.
   * A key that does not open school.json is refused like a wrong passphrase.
   */
  key?: Buffer;
  /** This computer's id (from the data folder's config), lower case. */
  computerId: string;
  /** A name people recognise: «Кабинет информатики, ПК 3». */
  computerName: string;
  programVersion: string;
  /** This computer's data folder: its record of the share and the quarantine live in `<dataDir>/sync/`. */
  dataDir: string;
  /** The data set of this computer's database; omitted when a computer with an empty database joins. */
  dataSetId?: string;
  clock?: Clock;
  /** How long one file operation may take before the folder counts as offline. */
  timeoutMs?: number;
  retry?: RetryPolicy;
  lock?: Partial<LockOptions>;
  /** How long a snapshot must have been on the share before the batches it covers are pruned. */
  pruneGraceMs?: number;
}

export interface CreateOptions extends OpenOptions {
  dataSetId: string;
  /** scrypt cost within KDF_BOUNDS; the default suits a school PC (tests use the lowest). */
  kdfCost?: KdfCost;
}

export type FetchSnapshotResult =
  | { state: 'none' }
  | { state: 'fetched'; info: SnapshotInfo }
  /** Snapshots are there but none opens now (still arriving, or damaged: retried, then quarantined). */
  | { state: 'waiting'; message: string; needsUpdate: boolean };

const DEFAULT_PRUNE_GRACE_MS = 10 * 60_000;
const DEFAULT_READ_BYTES = 32 * 1024 * 1024;

function needsUpdate(): AppError {
  return new AppError('SYNC_NEEDS_UPDATE', NEEDS_UPDATE_MESSAGE);
}

function suspectError(reasons: SuspectReason[]): AppError {
  return new AppError('SYNC_SHARE_SUSPECT', SUSPECT_MESSAGE, { reasons });
}

function otherSchool(): AppError {
  return new AppError(
    'SYNC_OTHER_SCHOOL',
    'Эта общая папка принадлежит другой школе (другому журналу). Выберите папку своей школы; данные этого компьютера не изменены.',
  );
}

function checkIds(o: OpenOptions): void {
  if (!isId(o.computerId)) throw new AppError('INTERNAL', 'Неверный номер компьютера для синхронизации.', { computerId: o.computerId });
  if (o.dataSetId !== undefined && !isId(o.dataSetId)) throw new AppError('INTERNAL', 'Неверный номер набора данных.', { dataSetId: o.dataSetId });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class SharedFolder {
  private queue: Promise<unknown> = Promise.resolve();
  private clockOffsetMs: number | null = null;
  private readonly quarantineStore: Quarantine;
  private readonly lockOptions: LockOptions;

  private constructor(
    private readonly ctx: ShareContext,
    private state: LocalShareState,
    private readonly options: OpenOptions,
  ) {
    this.quarantineStore = new Quarantine(options.dataDir, ctx.share, ctx.clock, options.retry ?? DEFAULT_RETRY);
    this.lockOptions = { ...DEFAULT_LOCK, ...options.lock };
  }

  /** The folder test: works on any folder, without a key. */
  static probe(root: string, options?: { clock?: Clock; timeoutMs?: number }): Promise<ProbeResult> {
    return probeFolder(root, options);
  }

  /** Makes the shared folder of a school, on the first computer; the administrator chooses the passphrase. */
  static async create(o: CreateOptions): Promise<SharedFolder> {
    checkIds(o);
    const passphrase = o.passphrase ?? '';
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
      const message = `Парольная фраза должна быть не короче ${MIN_PASSPHRASE_LENGTH} символов.`;
      throw new AppError('VALIDATION', message, { fields: { passphrase: message } });
    }
    const clock = o.clock ?? systemClock;
    const share = new ShareFs(path.resolve(o.root), o.timeoutMs);
    await share.rootState();
    const existing = await readSchoolFile(share).catch((e) => {
      if (e instanceof AppError && e.code === 'SYNC_BAD_SCHOOL_FILE') return 'damaged' as const;
      throw e;
    });
    const leftovers = [...(await share.list(CHANGES_DIR)), ...(await share.list(COMPUTERS_DIR))].filter((n) => !isTempName(n));
    if (existing || leftovers.length) {
      throw new AppError(
        'CONFLICT',
        'В этой папке уже есть общая папка журнала. Чтобы подключить этот компьютер к ней, выберите «Подключиться» и введите парольную фразу; для новой школы выберите пустую папку.',
      );
    }
    const kdf = newKdfParams(o.kdfCost);
    const key = await deriveKey(passphrase, kdf);
    const base = { format: PROGRAM_FORMAT, dataSet: o.dataSetId, kdf };
    const school: SchoolFile = { ...base, createdAt: clock.now().toISOString(), check: schoolCheck(key, base) };
    for (const dir of [`${CHANGES_DIR}/${o.computerId}`, COMPUTERS_DIR, SNAPSHOT_DIR, LOCKS_DIR]) await share.mkdirp(dir);
    await share.writeAtomic(rel.school(), schoolFileBytes(school));
    const state = newLocalState({
      dataSet: o.dataSetId,
      computerId: o.computerId,
      schoolFingerprint: schoolFingerprint(school),
      keyId: keyId(key),
      folderFormat: school.format,
      joinedAt: clock.now().toISOString(),
    });
    saveLocalState(o.dataDir, state);
    const folder = new SharedFolder(SharedFolder.context(o, share, key, school, clock), state, o);
    await folder.writeComputerFile({ readThrough: {} });
    return folder;
  }

  /**
   * Opens the shared folder: the first time on a computer this is joining
   * (the administrator enters the passphrase), afterwards at every start.
   * Refuses a wrong passphrase, another school's folder, a damaged
   * school.json; a folder that lost what this computer has seen is suspect.
   */
  static async open(o: OpenOptions): Promise<SharedFolder> {
    checkIds(o);
    const clock = o.clock ?? systemClock;
    const share = new ShareFs(path.resolve(o.root), o.timeoutMs);
    let state = loadLocalState(o.dataDir);
    // A record of another computer (a copied data folder) or of another database is not this computer's knowledge.
    if (state && (state.computerId !== o.computerId || (o.dataSetId && state.dataSet !== o.dataSetId))) state = null;
    const rootState = await share.rootState();
    const school = await readSchoolFile(share);
    if (!school) {
      if (state) throw suspectError([rootState === 'empty' ? { kind: 'empty' } : { kind: 'school-file-missing' }]);
      throw new AppError(
        'SYNC_NOT_A_SHARE',
        'В этой папке нет общей папки журнала. Создайте её на первом компьютере школы (Настройки → Общая папка) или выберите другую папку.',
      );
    }
    const expected = o.dataSetId ?? state?.dataSet;
    if (expected && school.dataSet !== expected) throw otherSchool();
    if (!o.key && o.passphrase === undefined) throw new AppError('INTERNAL', 'Не задан ни ключ, ни парольная фраза общей папки.');
    const key = o.key ?? (await deriveKey(o.passphrase!, school.kdf));
    if (!schoolCheckMatches(key, school)) {
      // The key this computer has always used, and the check fails: the file was changed, not the passphrase.
      if (state && state.keyId === keyId(key)) throw suspectError([{ kind: 'school-file-replaced' }]);
      throw new AppError('SYNC_WRONG_PASSPHRASE', 'Парольная фраза общей папки неверна. Введите фразу, которую задал администратор на первом компьютере.', {
        fields: { passphrase: 'Неверная парольная фраза' },
      });
    }
    if (state && state.schoolFingerprint !== schoolFingerprint(school)) throw suspectError([{ kind: 'school-file-replaced' }]);
    if (!state) {
      state = newLocalState({
        dataSet: school.dataSet,
        computerId: o.computerId,
        schoolFingerprint: schoolFingerprint(school),
        keyId: keyId(key),
        folderFormat: school.format,
        joinedAt: clock.now().toISOString(),
      });
    }
    state.folderFormat = school.format;
    saveLocalState(o.dataDir, state);
    const folder = new SharedFolder(SharedFolder.context(o, share, key, school, clock), state, o);
    if (folder.canWrite) await folder.clearOwnLeftovers();
    return folder;
  }

  private static context(o: OpenOptions, share: ShareFs, key: Buffer, school: SchoolFile, clock: Clock): ShareContext {
    return { share, key, dataSet: school.dataSet, folderFormat: school.format, computerId: o.computerId, computerName: o.computerName, clock };
  }

  get dataSetId(): string {
    return this.ctx.dataSet;
  }

  /** The school's sync key, for this computer to keep (sync/service/config.ts): it opens the folder without scrypt. */
  get key(): Buffer {
    return Buffer.from(this.ctx.key);
  }

  get computerId(): string {
    return this.ctx.computerId;
  }

  get folderFormat(): number {
    return this.ctx.folderFormat;
  }

  /** False when the folder's format is newer than this program: it reads what it understands and writes nothing. */
  get canWrite(): boolean {
    return this.ctx.folderFormat <= PROGRAM_FORMAT;
  }

  /** The last seq of this computer's batches on the share. */
  get lastWrittenSeq(): number {
    return this.state.ownLastSeq;
  }

  /** Runs operations one at a time: they share this computer's record of the share. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private save(): void {
    saveLocalState(this.options.dataDir, this.state);
  }

  /** Stops an operation on an offline or suspect folder; `allowOwnMissing` lets this computer rewrite its own lost batches. */
  private async guard(allowOwnMissing = false): Promise<Inspection> {
    const inspection = await inspect(this.ctx, this.state);
    this.save();
    if (inspection.state === 'suspect' && allowOwnMissing && inspection.reasons.every((r) => r.kind === 'own-batches-missing')) return inspection;
    const error = inspectionError(inspection);
    if (error) throw error;
    return inspection;
  }

  private requireWritable(): void {
    if (!this.canWrite) throw needsUpdate();
  }

  /** Temporary files this computer's killed writes left in its own places (only its own: no other computer writes there). */
  private async clearOwnLeftovers(): Promise<void> {
    const me = this.ctx.computerId;
    const places: [string, string][] = [
      [`${CHANGES_DIR}/${me}`, ''],
      [COMPUTERS_DIR, `${me}.json.`],
      [LOCKS_DIR, `exclusive_${me}.json.`],
      [LOCKS_DIR, `clock_${me}.`],
    ];
    for (const [dir, prefix] of places) {
      for (const name of await this.ctx.share.list(dir)) {
        const pid = tempPid(name);
        if (pid === null || !name.startsWith(prefix) || pid === process.pid || isAlive(pid)) continue;
        await this.ctx.share.remove(`${dir}/${name}`).catch(() => undefined);
      }
    }
  }

  /** The folder's state for the app bar and the settings; never throws for an offline or suspect folder. */
  status(): Promise<ShareStatus> {
    return this.serial(async () => {
      const inspection = await inspect(this.ctx, this.state);
      this.save();
      if (inspection.state === 'offline') return inspection;
      if (inspection.state === 'suspect') return inspection;
      // A file that failed and is gone since (replaced by its writer, quarantined by another computer) is not pending.
      const gone = new Set<string>();
      try {
        for (const sharePath of Object.keys(this.state.pending)) if (!(await this.ctx.share.stat(sharePath))) gone.add(sharePath);
      } catch (e) {
        if (e instanceof AppError && e.code === 'SYNC_OFFLINE') return { state: 'offline', errno: String(e.details?.errno ?? ''), message: e.message };
        throw e;
      }
      if (this.quarantineStore.forget(this.state, (p) => gone.has(p))) this.save();
      if (inspection.state === 'needs-update') {
        return { state: 'needs-update', folderFormat: inspection.folderFormat, programFormat: PROGRAM_FORMAT, message: NEEDS_UPDATE_MESSAGE };
      }
      return {
        state: 'ok',
        folderFormat: inspection.folderFormat,
        clockOffsetMs: this.clockOffsetMs,
        pending: this.quarantineStore.pending(this.state),
        quarantined: this.quarantineStore.list().length,
      };
    });
  }

  /**
   * Writes this computer's batch `seq` (the next one, or one of its own that
   * went missing). Idempotent: a batch already on the share with the same
   * changes is not written again (a retry after a crash between the write
   * and the caller's record of it).
   */
  writeBatch(seq: number, changes: FieldChange[]): Promise<WriteBatchResult> {
    return this.serial(async () => {
      this.requireWritable();
      const problem = batchProblems(this.ctx.computerId, seq, changes);
      if (problem) throw new AppError('INTERNAL', 'Внутренняя ошибка синхронизации: пакет изменений составлен неверно.', { detail: problem });
      if (seq > this.state.ownLastSeq + 1) {
        throw new AppError('INTERNAL', 'Внутренняя ошибка синхронизации: пропущен номер пакета изменений.', { seq, last: this.state.ownLastSeq });
      }
      await this.guard(true);
      const target = rel.batch(this.ctx.computerId, seq);
      const existing = await this.ctx.share.read(target, LIMITS.batchFileBytes).catch((e) => {
        if (e instanceof TooLarge) return null;
        throw e;
      });
      if (existing) {
        const verdict = decodeBatch(this.ctx.key, { dataSet: this.ctx.dataSet, folderFormat: this.ctx.folderFormat, computerId: this.ctx.computerId, seq }, existing.data);
        if (verdict.ok === true) {
          if (canonicalJson(verdict.value.changes) !== canonicalJson(changes)) {
            throw new AppError('INTERNAL', 'Внутренняя ошибка синхронизации: пакет изменений с этим номером уже записан с другим содержимым.', { seq });
          }
          this.state.ownLastSeq = Math.max(this.state.ownLastSeq, seq);
          this.save();
          return { seq, bytes: existing.size, written: false };
        }
        // A damaged copy of our own batch (or a forgery in our folder): replaced by the real one.
      }
      const bytes = await encodeBatch(this.ctx.key, this.ctx.dataSet, this.ctx.folderFormat, this.ctx.computerId, seq, changes);
      if (bytes.length > LIMITS.batchFileBytes) throw new AppError('INTERNAL', 'Внутренняя ошибка синхронизации: пакет изменений слишком большой.', { bytes: bytes.length });
      await this.ctx.share.mkdirp(rel.changesDir(this.ctx.computerId));
      await this.ctx.share.writeAtomic(target, bytes);
      this.state.ownLastSeq = Math.max(this.state.ownLastSeq, seq);
      this.save();
      return { seq, bytes: bytes.length, written: true };
    });
  }

  /**
   * The other computers' batches after `cursors` (computer id → last seq
   * applied), whole and authenticated, each computer's in order. Apply each
   * batch in one transaction and advance its cursor with it.
   */
  readNewBatches(cursors: Cursors, options: { maxBytes?: number } = {}): Promise<ReadBatchesResult> {
    return this.serial(async () => {
      await this.guard();
      await refreshCoverage(this.ctx, this.state);
      const computers = await listComputers(this.ctx);
      const result = await readBatches(this.ctx, this.state, this.quarantineStore, computers, cursors, options.maxBytes ?? DEFAULT_READ_BYTES);
      this.save();
      if (!this.canWrite) result.needsUpdate = true;
      return result;
    });
  }

  /** Writes `computers/<me>.json`: name, program, last seen (share clock), own last seq, and how far this computer has read everyone. */
  writeComputerFile(input: { readThrough: Cursors; name?: string }): Promise<ComputerRecord> {
    return this.serial(() => this.writeComputerFileNow(input));
  }

  private async writeComputerFileNow(input: { readThrough: Cursors; name?: string }): Promise<ComputerRecord> {
    this.requireWritable();
    await this.guard(true);
    const time = await shareNow(this.ctx.share, this.ctx.computerId, this.ctx.clock);
    this.clockOffsetMs = time.offsetMs;
    const record: ComputerRecord = {
      computerId: this.ctx.computerId,
      name: input.name ?? this.ctx.computerName,
      programVersion: this.options.programVersion,
      programFormat: PROGRAM_FORMAT,
      lastSeen: time.now.toISOString(),
      clockOffsetMs: time.offsetMs,
      lastSeq: this.state.ownLastSeq,
      readThrough: Object.fromEntries(Object.entries(input.readThrough).filter(([id]) => isId(id) && id !== this.ctx.computerId)),
    };
    await writeComputerRecord(this.ctx, record);
    return record;
  }

  listComputers(): Promise<ComputerEntry[]> {
    return this.serial(async () => {
      await this.guard(true);
      return listComputers(this.ctx);
    });
  }

  /** The exclusive lock for making the shared database file and pruning (lock.ts); release it when done. */
  acquireLock(): Promise<ExclusiveLock> {
    return this.serial(async () => {
      this.requireWritable();
      await this.guard();
      return ExclusiveLock.acquire(this.ctx, this.lockOptions);
    });
  }

  /**
   * Publishes `localFile` (the compacted database the merge side made) as the
   * shared database file, streaming. `covers`: the last seq of every
   * computer's batches included in it; it may not cover less than a snapshot
   * already published.
   */
  publishSnapshot(lock: ExclusiveLock, localFile: string, covers: Cursors): Promise<SnapshotInfo> {
    return this.serial(async () => {
      this.requireWritable();
      await this.guard();
      await refreshCoverage(this.ctx, this.state);
      const behind = Object.entries(this.state.covers).filter(([c, seq]) => (covers[c] ?? 0) < seq);
      if (behind.length) {
        throw new AppError('CONFLICT', 'Общая база на этом компьютере отстаёт от уже опубликованной: сначала получите изменения других компьютеров, затем повторите.', {
          behind: Object.fromEntries(behind),
        });
      }
      const time = await shareNow(this.ctx.share, this.ctx.computerId, this.ctx.clock);
      const info = await publishSnapshot(this.ctx, lock, localFile, covers, time.now, this.state.snapshotGen);
      this.state.snapshotGen = Math.max(this.state.snapshotGen, info.gen);
      for (const [c, seq] of Object.entries(covers)) this.state.covers[c] = Math.max(this.state.covers[c] ?? 0, seq);
      this.save();
      await removeDeadSnapshotParts(this.ctx, lock, time.now.getTime(), this.lockOptions.ttlMs);
      return info;
    });
  }

  /** Fetches the newest shared database file that opens into `target` (a local path); see FetchSnapshotResult. */
  fetchSnapshot(target: string): Promise<FetchSnapshotResult> {
    return this.serial(async () => {
      await this.guard();
      const files = await listSnapshots(this.ctx);
      if (files.length === 0) return { state: 'none' };
      const computers = new Map((await listComputers(this.ctx)).map((c) => [c.computerId, c]));
      let newer = false;
      for (const file of files) {
        const facts = await this.ctx.share.stat(file.rel);
        if (!facts || this.quarantineStore.skipped(file.rel, facts)) continue;
        const producer = computers.get(file.computerId);
        if (!producer) {
          await this.quarantineStore.fail(this.state, file.rel, facts, 'unknown-computer', `Общая база от неизвестного компьютера ${file.computerId}.`);
          continue;
        }
        if (producer.state !== 'ok') continue;
        const fetched = await fetchSnapshotFile(this.ctx, file, target);
        if (!fetched) continue;
        const { verdict } = fetched;
        if (verdict.ok === true) {
          this.quarantineStore.succeeded(this.state, file.rel);
          this.state.snapshotGen = Math.max(this.state.snapshotGen, verdict.value.gen);
          for (const [c, seq] of Object.entries(verdict.value.covers)) this.state.covers[c] = Math.max(this.state.covers[c] ?? 0, seq);
          this.save();
          return { state: 'fetched', info: verdict.value };
        }
        if (verdict.ok === 'newer') {
          newer = true;
          continue;
        }
        await this.quarantineStore.fail(this.state, file.rel, fetched.facts, verdict.reason, verdict.message);
      }
      this.save();
      return {
        state: 'waiting',
        needsUpdate: newer,
        message: newer
          ? NEEDS_UPDATE_MESSAGE
          : 'Общая база в общей папке сейчас не читается: возможно, её копия ещё не докопирована по сети. Повторите позже.',
      };
    });
  }

  /** What the newest shared database file that opens says of itself (its header only); null when there is none. */
  latestSnapshot(): Promise<SnapshotInfo | null> {
    return this.serial(async () => {
      await this.guard(true);
      for (const file of await listSnapshots(this.ctx)) {
        const head = await readSnapshotHead(this.ctx, file);
        if (head?.verdict.ok === true) return head.verdict.value;
      }
      return null;
    });
  }

  /** Removes batches every computer has read and the snapshot includes (prune.ts), under the lock. */
  prune(lock: ExclusiveLock): Promise<PruneResult> {
    return this.serial(async () => {
      this.requireWritable();
      await this.guard();
      await lock.assertHeld();
      const computers = await listComputers(this.ctx);
      let snapshot: { covers: Cursors; ageMs: number } | null = null;
      const now = (await shareNow(this.ctx.share, this.ctx.computerId, this.ctx.clock)).now.getTime();
      for (const file of await listSnapshots(this.ctx)) {
        const head = await readSnapshotHead(this.ctx, file);
        if (head?.verdict.ok === true) {
          snapshot = { covers: head.verdict.value.covers, ageMs: now - Date.parse(head.verdict.value.createdAt) };
          break;
        }
      }
      const batches: Record<string, number[]> = {};
      for (const dir of await this.ctx.share.list(CHANGES_DIR, 'dir')) {
        if (!isId(dir)) continue;
        batches[dir] = (await this.ctx.share.list(`${CHANGES_DIR}/${dir}`, 'file')).map(parseBatchName).filter((s): s is number => s !== null);
      }
      const plan = planPrune({
        batches,
        computers,
        snapshot,
        graceMs: this.options.pruneGraceMs ?? DEFAULT_PRUNE_GRACE_MS,
        seenComputers: Object.keys(this.state.validated),
      });
      const removed: PruneResult['removed'] = [];
      for (const [i, item] of plan.remove.entries()) {
        if (i % 100 === 0) await lock.assertHeld();
        await this.ctx.share.remove(rel.batch(item.computerId, item.seq));
        removed.push(item);
      }
      return { removed, kept: plan.kept };
    });
  }

  /** Checks every file on the share, opening each whole; reads only (verify.ts). */
  verify(): Promise<VerifyReport> {
    return this.serial(async () => {
      await this.guard(true);
      return verifyShare(this.ctx, path.join(syncDir(this.options.dataDir), 'verify'));
    });
  }

  /** Files this computer quarantined, for the administrator's screen. */
  quarantined(): QuarantineEntry[] {
    return this.quarantineStore.list();
  }

  /** Takes a file out of quarantine so that it is read again (after the administrator has looked at it). */
  releaseQuarantined(id: string): boolean {
    return this.quarantineStore.release(id);
  }
}
