import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { IsNull } from 'typeorm';
import { SubstitutionEntity } from '../../main/core/db/entities/changes';
import { AuditEventEntity } from '../../main/core/db/entities/system';
import { SyncConflictEntity } from '../../main/core/db/entities/sync';
import { converge, lastWriterWinsProblems, random, tableHashes, type Fleet, type FleetDevice } from './sync-fleet';

/**
 * The multi-device property (issue 15): random work through the real
 * contract on every computer, random sync orders, a computer offline for a
 * while, batch files duplicated, hidden (arriving out of order) and cut short
 * (a copy still arriving), clocks skewed — and afterwards every computer
 * holds the same school, every field holds its newest write, and every
 * collision is listed. Shared by the local-folder and the SMB runs.
 */

type Rnd = ReturnType<typeof random>;

export interface PropertyRun {
  steps: number;
  /** Written to the test's output. */
  log: (line: string) => void;
  /** Between two rounds of the final convergence (a share's caches need time). */
  pause?: () => Promise<void>;
}

const MARKS = ['5', '4', '3', '2', 'н', 'оп', '5/4', '4-', ''];
const TOPICS = ['Сложение дробей', 'Умножение дробей', 'Имя существительное', 'Повторение', 'Контрольная работа № 2'];

/** One person's entry on one computer, through the contract; refusals (a rule of the journal) are fine. */
async function entry(fleet: Fleet, d: FleetDevice, rnd: Rnd): Promise<string> {
  const s = fleet.school;
  const lessons = [
    { id: s.lessons.maths5a.id, who: 'ivanova' as const, subjectId: s.subjects.maths },
    { id: s.lessons.russian5a.id, who: 'petrova' as const, subjectId: s.subjects.russian },
  ];
  const lesson = rnd.pick(lessons);
  const studentId = rnd.pick([s.students.first, s.students.second]);
  const kind = rnd.int(8);
  let what: string;
  let r: { ok: boolean; code?: string };
  switch (kind) {
    case 0:
    case 1: {
      const text = rnd.pick(MARKS);
      what = `mark «${text}»`;
      r = await fleet.call(d, lesson.who, 'journal.setMarks', { entries: [{ lessonId: lesson.id, studentId, text }], reason: 'Исправление' });
      break;
    }
    case 2: {
      const code = rnd.pick(['absent', 'late', null] as const);
      what = `attendance ${code}`;
      r = await fleet.call(d, lesson.who, 'journal.setAttendance', { lessonId: lesson.id, studentId, code });
      break;
    }
    case 3: {
      const topic = rnd.pick(TOPICS);
      what = `topic «${topic}»`;
      r = await fleet.call(d, lesson.who, 'journal.setLessonText', { lessonId: lesson.id, topic, homework: `№ ${1 + rnd.int(300)}` });
      break;
    }
    case 4: {
      const value = rnd.pick(['5', '4', '3', null]);
      what = `final mark ${value}`;
      r = await fleet.call(d, lesson.who, 'journal.setFinalMark', { classId: s.classes.c5a, subjectId: lesson.subjectId, studentId, periodId: s.periods.q2, value, reason: 'Проверка' });
      break;
    }
    case 5: {
      if (rnd.chance(0.3)) {
        what = 'substitution removed';
        r = await fleet.call(d, 'deputy', 'substitutions.remove', { lessonId: s.lessons.russian5a.id });
      } else {
        const substitute = rnd.pick([s.staff.sidorov, s.staff.ivanova]);
        what = 'substitution';
        r = await fleet.call(d, 'deputy', 'substitutions.apply', { lessonId: s.lessons.russian5a.id, kind: 'substitute', substituteStaffId: substitute, confirm: true });
      }
      break;
    }
    case 6: {
      const first = studentId === s.students.first;
      what = 'student edited';
      r = await fleet.call(d, 'secretary', 'contingent.saveStudent', {
        id: studentId,
        lastName: first ? 'Алексеев' : 'Борисов',
        firstName: first ? 'Артём' : 'Глеб',
        birthDate: '2015-03-01',
        address: `г. Тверь, ул. Советская, д. ${1 + rnd.int(99)}`,
        phone: `+7 912 345-67-${String(10 + rnd.int(89))}`,
      });
      break;
    }
    default: {
      what = 'mark removed';
      r = await fleet.call(d, lesson.who, 'journal.setMarks', { entries: [{ lessonId: lesson.id, studentId, text: '' }], reason: 'Исправление' });
    }
  }
  // A substituted lesson is the substitute's to fill (FORBIDDEN for its teacher): a rule, not a failure.
  if (!r.ok && !['CONFLICT', 'READ_ONLY', 'NOT_FOUND', 'VALIDATION', 'FORBIDDEN'].includes(r.code ?? '')) throw new Error(`${d.name}: ${what} failed with ${r.code}`);
  return `${d.name}: ${what}${r.ok ? '' : ` (refused: ${r.code})`}`;
}

/** A file of the folder in trouble for a while: to be put right before the end. */
interface Trouble {
  undo(): void;
  what: string;
  file: string;
}

function batchFiles(serverDir: string): string[] {
  const root = path.join(serverDir, 'changes');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).flatMap((c) => fs.readdirSync(path.join(root, c)).filter((f) => /^\d{12}\.kzc$/.test(f)).map((f) => path.join(root, c, f)));
}

/** One trouble at a time per file: a file cut short twice would be «put right» to its first cut. */
function tamper(fleet: Fleet, rnd: Rnd, troubles: Trouble[]): Trouble | null {
  const busy = new Set(troubles.map((t) => t.file));
  const files = batchFiles(fleet.serverDir).filter((f) => !busy.has(f));
  if (files.length === 0) return null;
  const file = rnd.pick(files);
  const name = path.relative(fleet.serverDir, file);
  switch (rnd.int(3)) {
    case 0: {
      // A copy made by hand beside it: no reader takes it.
      const copy = file.replace(/\.kzc$/, ' - копия.kzc');
      fs.copyFileSync(file, copy);
      return { file, what: `duplicated ${name}`, undo: () => fs.rmSync(copy, { force: true }) };
    }
    case 1: {
      // Cut short, as a copy still arriving: retried, never applied half.
      const bytes = fs.readFileSync(file);
      fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
      return { file, what: `truncated ${name}`, undo: () => fs.writeFileSync(file, bytes) };
    }
    default: {
      // Not visible yet while later ones are: the stream waits at the gap. (Its writer may meanwhile have taken
      // the hidden copy for a leftover of a dead write and removed it, and written the batch again.)
      const aside = `${file}.part-999999-hidden`;
      fs.renameSync(file, aside);
      return {
        file,
        what: `hid ${name}`,
        undo: () => {
          if (!fs.existsSync(aside)) return;
          if (fs.existsSync(file)) fs.rmSync(aside);
          else fs.renameSync(aside, file);
        },
      };
    }
  }
}

export async function runProperty(fleet: Fleet, seed: number, run: PropertyRun): Promise<void> {
  const rnd = random(seed * 7919 + 1);
  const troubles: Trouble[] = [];
  const n = fleet.devices.length;
  for (let step = 0; step < run.steps; step++) {
    fleet.tick(500 + rnd.int(30_000));
    const r = rnd.next();
    if (r < 0.5) run.log(await entry(fleet, rnd.pick(fleet.devices), rnd));
    else if (r < 0.78) {
      const d = rnd.pick(fleet.devices);
      const report = await d.sync.syncNow();
      run.log(`${d.name}: sync → ${report.state}, sent ${report.exported.length}, applied ${report.applied.filter((a) => a.applied).length}`);
      if (report.state === 'error') throw new Error(`${d.name}: ${(await d.sync.status()).message}`);
    } else if (r < 0.86) {
      const d = rnd.pick(fleet.devices);
      const offline = fleet.devices.filter((x) => !x.online).length;
      if (d.online && offline < n - 1) fleet.setOnline(d, false);
      else if (!d.online) fleet.setOnline(d, true);
      run.log(`${d.name}: ${d.online ? 'online' : 'offline'}`);
    } else if (r < 0.94) {
      const t = tamper(fleet, rnd, troubles);
      if (t) {
        troubles.push(t);
        run.log(t.what);
      }
    } else if (troubles.length) {
      const t = troubles.splice(rnd.int(troubles.length), 1)[0];
      t.undo();
      run.log(`put right: ${t.what}`);
    }
  }
  for (const t of troubles.splice(0)) t.undo();
  for (const d of fleet.devices) fleet.setOnline(d, true);
  const rounds = await converge(fleet, { pause: run.pause });
  run.log(`converged in ${rounds} rounds`);
  await checkConverged(fleet);
}

/** What must hold once every computer has synced with nothing left to move. */
export async function checkConverged(fleet: Fleet): Promise<void> {
  const [first, ...rest] = fleet.devices;
  const hashes = await tableHashes(first);
  for (const d of rest) expect(await tableHashes(d), `computer ${d.name} against ${first.name}`).toEqual(hashes);
  expect(await lastWriterWinsProblems(fleet)).toEqual([]);
  for (const d of fleet.devices) {
    const m = d.t.runtime.database().manager;
    // One live substitution per lesson; every one that gave way is listed as a conflict.
    const live = await m.find(SubstitutionEntity, { where: { deletedAt: IsNull() } });
    expect(new Set(live.map((x) => x.lessonId)).size).toBe(live.length);
    const gaveWay = await m.find(AuditEventEntity, { where: { entity: 'Substitution', method: 'sync.apply', action: 'delete' } });
    const conflicts = (await m.find(SyncConflictEntity)).map((c) => c.details).join('\n');
    for (const e of gaveWay) expect(conflicts, `substitution ${e.entityId} gave way without a conflict`).toContain(e.entityId);
    expect((await d.sync.status()).pending).toBe(0);
  }
}
