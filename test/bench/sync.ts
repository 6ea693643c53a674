import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Benchmark, BenchContext } from './run';
import { CoreRuntime } from '../../main/core/host/runtime';
import { fixedClock, systemClock } from '../../main/core/shared/clock';
import { AttendanceEntity, LessonEntity, MarkEntity } from '../../main/core/db/entities/journal';
import { setBaseline, takeNextBatch } from '../../main/core/sync/outbox';
import { applyOneBatch } from '../../main/core/sync/merge/run';
import { hlcRange } from '../../main/core/sync/share/batch-file';
import type { Batch } from '../../main/core/sync/share/types';
import { SyncService } from '../../main/core/sync/service/service';
import { startSmbShare } from '../support/smb-share';
import { LOWEST_COST, PASSPHRASE } from '../support/sync-share';
import { JOURNAL_BENCH_NOW, todaysLesson } from './journal';

/**
 * Sync between computers on the demo school (issue 15):
 *   sync_apply_day_ms  computer B applies a busy school day of computer A
 *                      (≈ 20,000 field changes: marks, attendance, topics and
 *                      homework, with their audit events) in one batch;
 *   sync_latency_s     a mark saved on A is in B's database, both running their
 *                      sync service through a Samba share mounted twice
 *                      (Windows-like 10 s directory cache), median of several;
 *   sync_snapshot_s    the shared database file of the demo school made and
 *                      published on that share (the lock taken first: its
 *                      settle time is the protocol's fixed wait, not work).
 */

const quiet = { info: () => {}, error: (m: string) => process.stderr.write(`${m}\n`) };

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function open(ctx: BenchContext, file: string, name: string, now = JOURNAL_BENCH_NOW): Promise<CoreRuntime> {
  const dataDir = fs.mkdtempSync(path.join(ctx.tmpDir, `sync-${name}-`));
  return CoreRuntime.open({ db: { kind: 'sqlite', file }, dataDir, clock: fixedClock(now), log: quiet });
}

/** The lessons of the day and the students of their classes, read from the file directly. */
function dayOf(file: string): { date: string; lessons: { id: string; classId: string }[]; students: Map<string, string[]>; workTypeId: string; userId: string } {
  const db = new Database(file, { readonly: true });
  try {
    // The busiest day with nothing entered yet (after the demo's «today»).
    const DAY = (
      db
        .prepare(
          `SELECT l.date AS date, COUNT(*) AS n FROM lessons l
            WHERE l.deletedAt IS NULL AND l.date > (SELECT MAX(a.setAt) FROM attendances a)
            GROUP BY l.date ORDER BY n DESC, l.date LIMIT 1`,
        )
        .get() as { date: string }
    ).date;
    const lessons = db.prepare(`SELECT id, classId FROM lessons WHERE date = ? AND deletedAt IS NULL AND status <> 'cancelled'`).all(DAY) as { id: string; classId: string }[];
    const students = new Map<string, string[]>();
    for (const r of db
      .prepare(`SELECT classId, studentId FROM class_memberships WHERE deletedAt IS NULL AND fromDate <= ? AND (toDate IS NULL OR toDate >= ?)`)
      .all(DAY, DAY) as { classId: string; studentId: string }[]) {
      students.set(r.classId, [...(students.get(r.classId) ?? []), r.studentId]);
    }
    const workTypeId = (db.prepare(`SELECT id FROM work_types WHERE deletedAt IS NULL ORDER BY sortOrder LIMIT 1`).get() as { id: string }).id;
    const userId = (db.prepare(`SELECT id FROM users WHERE login = 'admin'`).get() as { id: string }).id;
    return { date: DAY, lessons, students, workTypeId, userId };
  } finally {
    db.close();
  }
}

/**
 * A busy day on computer A, through the write engine: every lesson of the day
 * gets its topic and homework, a mark for most of the class and two
 * absences; the changes are cut into one batch as A's outbox would.
 */
export async function busyDay(ctx: BenchContext, file: string): Promise<Batch> {
  const a = await open(ctx, file, 'a');
  try {
    await a.database().transaction((em) => setBaseline(em, a.clock.now().toISOString()));
    const day = dayOf(file);
    const at = `${day.date}T09:00:00.000Z`;
    await a.transact({ userId: day.userId, method: 'bench.day' }, async (write) => {
      await write.updateMany(
        LessonEntity,
        day.lessons.flatMap((l) => [
          { id: l.id, field: 'topic' as const, from: null, to: 'Повторение пройденного' },
          { id: l.id, field: 'topicSetAt' as const, from: null, to: at },
          { id: l.id, field: 'topicSetBy' as const, from: null, to: day.userId },
          { id: l.id, field: 'homework' as const, from: null, to: '§ 12, № 3–5' },
          { id: l.id, field: 'homeworkSetAt' as const, from: null, to: at },
          { id: l.id, field: 'homeworkSetBy' as const, from: null, to: day.userId },
        ]),
      );
      const marks = [];
      const absences = [];
      for (const l of day.lessons) {
        const students = day.students.get(l.classId) ?? [];
        for (const [i, studentId] of students.entries()) {
          if (i < 2) absences.push({ lessonId: l.id, studentId, code: 'absent' as const, reasonKind: null, reasonNote: null, setAt: at, setBy: day.userId });
          else {
            const value = String(3 + (i % 3));
            marks.push({ lessonId: l.id, studentId, value, numericValue: Number(value), workTypeId: day.workTypeId, weight: 1, comment: null, setAt: at, setBy: day.userId, late: false });
            if (i % 4 === 0) marks.push({ lessonId: l.id, studentId, value: '5', numericValue: 5, workTypeId: day.workTypeId, weight: 1, comment: null, setAt: at, setBy: day.userId, late: false });
          }
        }
      }
      await write.insertMany(MarkEntity, marks);
      await write.insertMany(AttendanceEntity, absences);
    });
    const next = await a.database().transaction((em) => takeNextBatch(em, a.changes.computerId, a.clock.now().toISOString(), 100_000));
    if (!next) throw new Error('no changes on A');
    return { header: { format: 1, computerId: a.changes.computerId, seq: next.seq, ...hlcRange(next.changes), count: next.changes.length }, changes: next.changes };
  } finally {
    await a.close();
  }
}

let day: Promise<Batch> | null = null;

const applyDay: Benchmark = {
  name: 'sync_apply_day_ms',
  unit: 'ms',
  runs: 3,
  async run(ctx) {
    day ??= ctx.demoCopy().then((file) => busyDay(ctx, file));
    const batch = await day;
    const b = await open(ctx, await ctx.demoCopy(), 'b');
    try {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const outcome = await applyOneBatch(b, batch, () => 'ПК A');
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      // The processor time too: on a shared, loaded machine the wall time is mostly waiting for a core.
      ctx.log(`sync_apply_day_ms: ${batch.changes.length} field changes, ${outcome.rowsWritten} rows written, ${outcome.waiting} waiting; processor time ${((used.user + used.system) / 1000).toFixed(0)} ms`);
      if (!outcome.applied || outcome.recorded !== batch.changes.length || outcome.waiting !== 0) throw new Error(`not applied whole: ${JSON.stringify(outcome)}`);
      return ms;
    } finally {
      await b.close();
    }
  },
};

interface ShareFigures {
  latencyS: number;
  snapshotS: number;
}
let shareFigures: Promise<ShareFigures> | null = null;

async function measureOnShare(ctx: BenchContext): Promise<ShareFigures> {
  const smb = await startSmbShare({ dirCacheMs: 10_000, writeBackMs: 1000 });
  const runtimes: CoreRuntime[] = [];
  try {
    const source = await ctx.demoFile();
    // The same school on two computers (copies of one database), each on its own mount, real clocks.
    const files = [0, 1].map((i) => {
      const f = path.join(ctx.tmpDir, `latency-${i}.sqlite`);
      fs.copyFileSync(source, f);
      return f;
    });
    const [a, b] = await Promise.all(files.map((f, i) => CoreRuntime.open({ db: { kind: 'sqlite', file: f }, dataDir: fs.mkdtempSync(path.join(ctx.tmpDir, `lat-${i}-`)), clock: systemClock, log: quiet })));
    runtimes.push(a, b);
    const lock = { settleMs: 13_000 };
    const syncA = SyncService.for(a, { lock });
    const syncB = SyncService.for(b, { lock });
    await syncA.create({ root: smb.mountA, passphrase: PASSPHRASE, computerName: 'Учительская', kdfCost: LOWEST_COST });
    // The shared database file: measured once the lock is held (its settle is the protocol's fixed wait).
    const started = performance.now();
    const made = await syncA.snapshot();
    const snapshotS = (performance.now() - started - made.lockMs) / 1000;
    ctx.log(`sync_snapshot_s: generation ${made.gen}, ${(made.bytes / 1024 / 1024).toFixed(1)} MB, made and published in ${snapshotS.toFixed(1)} s after the lock (taking the lock: ${(made.lockMs / 1000).toFixed(1)} s)`);
    for (let i = 0; ; i++) {
      try {
        await syncB.join({ root: smb.mountB, passphrase: PASSPHRASE, computerName: 'Кабинет 204' });
        break;
      } catch (e) {
        if (i > 100) throw e;
        await new Promise((r) => setTimeout(r, 300));
      }
    }
    syncA.start();
    syncB.start();
    const lesson = todaysLesson(files[0]);
    const password = (await import('./run.js')).BENCH_PASSWORD;
    const token = (await a.call({ method: 'auth.login', params: { login: lesson.login, password } })) as { ok: boolean; value?: { token: string } };
    if (!token.ok || !token.value) throw new Error('login on A failed');
    const students = (new Database(files[0], { readonly: true }).prepare(`SELECT studentId FROM class_memberships WHERE classId = ? AND toDate IS NULL`).all(lesson.classId) as { studentId: string }[]).map((r) => r.studentId);
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const value = String(2 + (i % 4));
      const studentId = students[i % students.length];
      const saved = await a.call({ method: 'journal.setMarks', params: { entries: [{ lessonId: lesson.lessonId, studentId, text: value }], reason: 'Проверка' }, token: token.value.token });
      if (!saved.ok) throw new Error(`setMarks: ${saved.error.message}`);
      const t0 = performance.now();
      for (;;) {
        const found = await b.database().manager.findOne(MarkEntity, { where: { lessonId: lesson.lessonId, studentId, value }, order: { setAt: 'DESC' } });
        if (found && !found.deletedAt) break;
        if (performance.now() - t0 > 90_000) throw new Error('the mark did not reach B in 90 s');
        await new Promise((r) => setTimeout(r, 100));
      }
      latencies.push((performance.now() - t0) / 1000);
      ctx.log(`sync_latency_s: mark ${i + 1} on B after ${latencies.at(-1)!.toFixed(1)} s`);
    }
    return { latencyS: median(latencies), snapshotS };
  } finally {
    for (const r of runtimes) {
      await SyncService.for(r).stop();
      await r.close();
    }
    await smb.stop();
  }
}

function onShare(name: string, pick: (f: ShareFigures) => number): Benchmark {
  return {
    name,
    unit: 's',
    runs: 1,
    async run(ctx) {
      shareFigures ??= measureOnShare(ctx);
      return pick(await shareFigures);
    },
  };
}

export const syncBenchmarks: Benchmark[] = [applyDay, onShare('sync_latency_s', (f) => f.latencyS), onShare('sync_snapshot_s', (f) => f.snapshotS)];
