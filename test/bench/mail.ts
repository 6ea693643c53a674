/**
 * The parents' e-mail (issue 19): mail_extracts_class_s — the class teacher
 * of a class of 29 on the demo school sends its guardians the month's
 * extracts (`parentMail.send`: each student's extract built as its own PDF,
 * the letters queued), and the queue hands every letter to a real SMTP
 * server on loopback over TLS; the clock stops when the server has received
 * them all. The issue asks under 10 s.
 */
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { CoreRuntime } from '../../main/core/host/runtime';
import { fixedClock } from '../../main/core/shared/clock';
import { mailQueue } from '../../main/core/mail/queue';
import { trustMailServerCa } from '../../main/core/mail/transport';
import { startSmtpServer } from '../support/smtp-server';
import type { Benchmark } from './run';
import { JOURNAL_BENCH_NOW } from './journal';

export const mailBenchmarks: Benchmark[] = [
  {
    name: 'mail_extracts_class_s',
    unit: 's',
    runs: 3,
    async run(ctx) {
      const file = await ctx.demoCopy();
      const server = await startSmtpServer({ security: 'tls' });
      const db = new Database(file);
      // The class closest to 29 on the roll today, and its class teacher.
      const cls = db
        .prepare(
          `SELECT c.id, c.name, u.login, COUNT(*) AS n FROM school_classes c
             JOIN class_memberships m ON m.classId = c.id AND m.deletedAt IS NULL AND m.toDate IS NULL
             JOIN users u ON u.staffId = c.classTeacherId
            GROUP BY c.id ORDER BY ABS(COUNT(*) - 29), c.gradeLevel DESC LIMIT 1`,
        )
        .get() as { id: string; name: string; login: string; n: number };
      const students = db.prepare(`SELECT studentId FROM class_memberships WHERE classId = ? AND deletedAt IS NULL AND toDate IS NULL`).all(cls.id) as { studentId: string }[];
      // Every family of the class with an address and the consent given (the demo's have no e-mail), the school with its server.
      const now = new Date().toISOString();
      for (const [i, s] of students.entries()) {
        db.prepare(`UPDATE guardians SET email = ? WHERE id IN (SELECT guardianId FROM student_guardians WHERE studentId = ? AND isPrimary = 1)`).run(`family${i + 1}@families.example`, s.studentId);
        db.prepare(`INSERT INTO data_consents (id, studentId, status, date, document, guardianId, note, createdAt, updatedAt, deletedAt) VALUES (?, ?, 'given', '2026-11-20', 'Заявление', NULL, NULL, ?, ?, NULL)`).run(uuidv7(), s.studentId, now, now);
      }
      for (const [key, value] of Object.entries({ 'mail.host': '127.0.0.1', 'mail.port': server.port, 'mail.security': 'tls', 'mail.fromName': 'Школа', 'mail.fromAddress': 'journal@school.example' })) {
        db.prepare('INSERT INTO settings (key, value, updatedAt) VALUES (?, ?, ?)').run(key, JSON.stringify(value), now);
      }
      db.close();
      const { BENCH_PASSWORD } = await import('./run.js');
      const runtime = await CoreRuntime.open({ db: { kind: 'sqlite', file }, dataDir: ctx.tmpDir, clock: fixedClock(JOURNAL_BENCH_NOW), log: { info: () => {}, error: (m) => ctx.log(String(m)) } });
      trustMailServerCa(runtime, { ca: server.ca });
      try {
        const login = await runtime.call({ method: 'auth.login', params: { login: cls.login, password: BENCH_PASSWORD } });
        if (!login.ok) throw new Error(login.error.message);
        const token = (login.value as { token: string }).token;
        const started = performance.now();
        const sent = await runtime.call({ method: 'parentMail.send', params: { classId: cls.id, kind: 'extract', extract: { kind: 'month', date: '2026-11-23' } }, token });
        if (!sent.ok) throw new Error(sent.error.message);
        const queued = (sent.value as { queued: number }).queued;
        await mailQueue(runtime).run();
        await mailQueue(runtime).idle();
        const seconds = (performance.now() - started) / 1000;
        if (server.received.length !== queued) throw new Error(`the server received ${server.received.length} of ${queued} letters`);
        ctx.log(`  ${cls.name}: ${students.length} students, ${queued} letters with their extracts received over TLS`);
        return seconds;
      } finally {
        await mailQueue(runtime).idle();
        await runtime.close();
        await server.close();
      }
    },
  },
];
