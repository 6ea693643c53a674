import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoSchool, type DemoSummary } from '../../../main/core/demo/generate';
import { verifyPassword } from '../../../main/core/auth/password';
import { timetableConflicts, type Bells } from './timetable-check';
import { ENTITY_POLICIES } from '../../../main/core/changes/policy';
import { derivedIdOf } from '../../../main/core/changes/derived-id';
import { ALL_ENTITIES } from '../../../main/core/db/entities';

const PASSWORD = 'demo-2026-pass';
/** The demo's «today»: Monday 23 November 2026, in the second quarter (as the end-to-end tests' clock). */
const TODAY = '2026-11-23';

describe('generated demo school', () => {
  let dir: string;
  let file: string;
  let summary: DemoSummary;
  let db: Database.Database;
  const all = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
  const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-demo-'));
    file = path.join(dir, 'demo.sqlite');
    summary = await generateDemoSchool({ file, password: PASSWORD, seed: 17, yearStart: 2026, today: TODAY });
    db = new Database(file, { readonly: true });
  }, 240_000);

  afterAll(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to overwrite an existing file', async () => {
    const other = path.join(dir, 'existing.sqlite');
    fs.writeFileSync(other, 'keep me');
    await expect(generateDemoSchool({ file: other, password: PASSWORD, seed: 1, yearStart: 2026 })).rejects.toThrow(/существует/);
    expect(fs.readFileSync(other, 'utf8')).toBe('keep me');
  });

  it('has about forty classes and a thousand students', () => {
    expect(summary.classes).toBe(40);
    expect(one<{ n: number }>('SELECT COUNT(*) n FROM school_classes').n).toBe(40);
    const onFirstDay = one<{ n: number }>("SELECT COUNT(DISTINCT studentId) n FROM class_memberships WHERE fromDate = '2026-09-01'").n;
    expect(onFirstDay).toBeGreaterThan(950);
    expect(onFirstDay).toBeLessThan(1250);
    expect(summary.students).toBe(one<{ n: number }>('SELECT COUNT(*) n FROM students').n);
    const sizes = all<{ n: number }>("SELECT COUNT(*) n FROM class_memberships WHERE fromDate = '2026-09-01' GROUP BY classId");
    expect(Math.min(...sizes.map((s) => s.n))).toBeGreaterThanOrEqual(24);
    expect(Math.max(...sizes.map((s) => s.n))).toBeLessThanOrEqual(30);
    expect(summary.lessons).toBeGreaterThan(35_000);
    expect(summary.lessons).toBe(one<{ n: number }>('SELECT COUNT(*) n FROM lessons').n);
    expect(summary.marks).toBe(one<{ n: number }>('SELECT COUNT(*) n FROM marks').n);
    expect(summary.bytes).toBe(fs.statSync(file).size);
  });

  it('has the fixed logins with their roles, all with the given password', async () => {
    const roles = (login: string) => all<{ role: string }>('SELECT r.role FROM user_roles r JOIN users u ON u.id = r.userId WHERE u.login = ? ORDER BY r.role', login).map((r) => r.role);
    expect(roles('admin')).toEqual(['admin', 'teacher']);
    expect(roles('director')).toEqual(['director']);
    expect(roles('zavuch')).toEqual(['deputy', 'teacher']);
    expect(roles('secretar')).toEqual(['secretary']);
    const users = all<{ login: string; passwordHash: string; staffId: string | null }>('SELECT login, passwordHash, staffId FROM users');
    expect(users.length).toBe(summary.users);
    expect(users.every((u) => u.staffId)).toBe(true);
    expect(new Set(users.map((u) => u.login)).size).toBe(users.length);
    expect(users.filter((u) => !['admin', 'director', 'zavuch', 'secretar'].includes(u.login)).every((u) => /^[a-z]+\.[a-z]{2}\d*$/.test(u.login))).toBe(true);
    expect(await verifyPassword(PASSWORD, users.find((u) => u.login === 'zavuch')!.passwordHash)).toBe(true);
    expect(await verifyPassword(PASSWORD, users[users.length - 1].passwordHash)).toBe(true);
  });

  it('names real logins by role — a teacher, a class teacher, the deputy, the director, the administrator — each with that role', () => {
    const roles = (login: string) => all<{ role: string }>('SELECT r.role FROM user_roles r JOIN users u ON u.id = r.userId WHERE u.login = ?', login).map((r) => r.role);
    const by = new Map(summary.logins.map((l) => [l.role, l]));
    expect([...by.keys()]).toEqual(['учитель', 'классный руководитель', 'заместитель директора', 'директор', 'администратор', 'секретарь']);
    const teacher = by.get('учитель')!;
    expect(roles(teacher.login)).toEqual(['teacher']);
    // A subject this teacher teaches, and no class of their own.
    const subject = teacher.detail;
    const taught = all<{ name: string }>('SELECT DISTINCT s.name FROM teaching_assignments a JOIN subjects s ON s.id = a.subjectId JOIN users u ON u.staffId = a.staffId WHERE u.login = ?', teacher.login);
    expect(taught.map((t) => t.name.toLowerCase())).toContain(subject);
    expect(one<{ n: number }>('SELECT COUNT(*) n FROM school_classes c JOIN users u ON u.staffId = c.classTeacherId WHERE u.login = ?', teacher.login).n).toBe(0);
    const leader = by.get('классный руководитель')!;
    const led = one<{ name: string }>('SELECT c.name FROM school_classes c JOIN users u ON u.staffId = c.classTeacherId WHERE u.login = ?', leader.login);
    expect(leader.detail).toBe(led.name);
    expect(by.get('заместитель директора')!.login).toBe('zavuch');
    expect(roles(by.get('директор')!.login)).toContain('director');
    expect(roles(by.get('администратор')!.login)).toContain('admin');
  });

  it('gives every row with a natural key the id the Writer would derive, so a regenerated lesson is the same row', () => {
    const dataSet = one<{ id: string }>('SELECT id FROM data_set').id;
    const derived = Object.entries(ENTITY_POLICIES).filter(([, p]) => p.naturalKey?.derivesId);
    const filled = ['Attendance', 'FinalMark', 'Lesson', 'UserRole'];
    expect(derived.map(([name]) => name)).toEqual(expect.arrayContaining(filled));
    for (const [name] of derived) {
      const schema = ALL_ENTITIES.find((e) => e.options.name === name)!;
      const rows = all<Record<string, unknown>>(`SELECT * FROM "${schema.options.tableName}"`);
      if (filled.includes(name)) expect(rows.length, name).toBeGreaterThan(0);
      const wrong = rows.filter((r) => r.id !== derivedIdOf(dataSet, name, r));
      expect(wrong.length, `${name}: ${wrong.length} of ${rows.length} rows with another id`).toBe(0);
    }
  });

  it('writes the school settings, the demo flag and one audit event', () => {
    const settings = new Map(all<{ key: string; value: string }>('SELECT key, value FROM settings').map((s) => [s.key, JSON.parse(s.value)]));
    expect(settings.get('school.name')).toBe('МБОУ «Средняя общеобразовательная школа № 17»');
    expect(settings.get('demo')).toBe(true);
    expect(settings.get('school.director')).toMatch(/^[А-ЯЁ]\S+ [А-ЯЁ]\S+ [А-ЯЁ]\S+$/);
    expect(settings.has('school.today')).toBe(false);
    const events = all<{ method: string; action: string; entity: string; newValue: string }>('SELECT method, action, entity, newValue FROM audit_events');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ method: 'cli.demo', action: 'event', entity: 'School' });
    expect(JSON.parse(events[0].newValue)).toMatchObject({ classes: 40, lessons: summary.lessons });
  });

  it('keeps grade 1 without marks and homework', () => {
    expect(one<{ n: number }>('SELECT COUNT(*) n FROM marks m JOIN lessons l ON l.id = m.lessonId JOIN school_classes c ON c.id = l.classId WHERE c.gradeLevel = 1').n).toBe(0);
    expect(one<{ n: number }>('SELECT COUNT(*) n FROM lessons l JOIN school_classes c ON c.id = l.classId WHERE c.gradeLevel = 1 AND l.homework IS NOT NULL').n).toBe(0);
    expect(one<{ n: number }>("SELECT COUNT(*) n FROM lessons l JOIN school_classes c ON c.id = l.classId WHERE c.gradeLevel = 1 AND l.status = 'given' AND l.topic IS NOT NULL").n).toBeGreaterThan(300);
    expect(one<{ n: number }>('SELECT COUNT(*) n FROM final_marks f JOIN school_classes c ON c.id = f.classId WHERE c.gradeLevel IN (1, 10, 11)').n).toBe(0);
    const grading = all<{ code: string }>('SELECT DISTINCT g.code FROM curriculum_items ci JOIN school_classes c ON c.id = ci.classId JOIN grading_systems g ON g.id = ci.gradingSystemId WHERE c.gradeLevel = 1');
    expect(grading).toEqual([{ code: 'none' }]);
  });

  it('puts every mark on a given lesson before today of a five-point subject', () => {
    const bad = one<{ n: number }>(
      `SELECT COUNT(*) n FROM marks m
         JOIN lessons l ON l.id = m.lessonId
         JOIN subjects s ON s.id = l.subjectId
         JOIN grading_systems g ON g.id = s.gradingSystemId
         LEFT JOIN curriculum_items ci ON ci.classId = l.classId AND ci.subjectId = l.subjectId
         LEFT JOIN grading_systems og ON og.id = ci.gradingSystemId
        WHERE l.status <> 'given' OR l.date >= ? OR g.code <> 'five_point' OR (og.code IS NOT NULL AND og.code <> 'five_point')
           OR m.value NOT IN ('2', '3', '4', '5')`,
      TODAY,
    ).n;
    expect(bad).toBe(0);
    // Only students on the class's (or group's) list on the lesson's day have marks or attendance there.
    for (const table of ['marks', 'attendances']) {
      const strangers = one<{ n: number }>(
        `SELECT COUNT(*) n FROM ${table} x JOIN lessons l ON l.id = x.lessonId
          WHERE NOT EXISTS (SELECT 1 FROM class_memberships cm WHERE cm.studentId = x.studentId AND cm.classId = l.classId AND cm.fromDate <= l.date AND (cm.toDate IS NULL OR cm.toDate >= l.date))
             OR (l.groupId IS NOT NULL AND NOT EXISTS (SELECT 1 FROM group_memberships gm WHERE gm.studentId = x.studentId AND gm.groupId = l.groupId AND gm.fromDate <= l.date AND (gm.toDate IS NULL OR gm.toDate >= l.date)))`,
      ).n;
      expect(strangers, table).toBe(0);
    }
    // Every student present at a control work has a mark for it.
    const controlGaps = one<{ n: number }>(
      `SELECT COUNT(*) n FROM lessons l
         JOIN plan_topics t ON t.id = l.planTopicId
         JOIN work_types w ON w.id = t.workTypeId AND w.isControl = 1
         JOIN school_classes c ON c.id = l.classId AND c.gradeLevel >= 2
         JOIN class_memberships cm ON cm.classId = l.classId AND cm.fromDate <= l.date AND (cm.toDate IS NULL OR cm.toDate >= l.date)
        WHERE l.status = 'given' AND l.groupId IS NULL
          AND NOT EXISTS (SELECT 1 FROM attendances a WHERE a.lessonId = l.id AND a.studentId = cm.studentId AND a.code = 'absent')
          AND NOT EXISTS (SELECT 1 FROM marks m WHERE m.lessonId = l.id AND m.studentId = cm.studentId)`,
    ).n;
    expect(controlGaps).toBe(0);
  });

  it('gives students 4–8 marks a subject in a finished quarter, mostly', () => {
    const q1 = one<{ startDate: string; endDate: string }>("SELECT startDate, endDate FROM study_periods WHERE kind = 'quarter' AND ordinal = 1");
    const counts = all<{ n: number }>(
      `SELECT COUNT(*) n FROM marks m JOIN lessons l ON l.id = m.lessonId WHERE l.date BETWEEN ? AND ? GROUP BY m.studentId, l.subjectId`,
      q1.startDate,
      q1.endDate,
    ).map((r) => r.n);
    const inRange = counts.filter((n) => n >= 4 && n <= 8).length;
    expect(inRange / counts.length).toBeGreaterThan(0.9);
    const twos = one<{ n: number }>("SELECT COUNT(*) n FROM marks WHERE value = '2'").n;
    expect(twos).toBeGreaterThan(0);
    expect(twos / summary.marks).toBeLessThan(0.1);
  });

  it('sets first-quarter final marks that follow the weighted average', () => {
    const q1 = one<{ id: string; startDate: string; endDate: string }>("SELECT id, startDate, endDate FROM study_periods WHERE kind = 'quarter' AND ordinal = 1");
    const finals = all<{ studentId: string; subjectId: string; classId: string; groupId: string | null; value: string }>(
      'SELECT studentId, subjectId, classId, groupId, value FROM final_marks WHERE periodId = ?',
      q1.id,
    );
    expect(finals.length).toBeGreaterThan(9000);
    const marks = all<{ studentId: string; subjectId: string; classId: string; groupId: string | null; numericValue: number; weight: number }>(
      'SELECT m.studentId, l.subjectId, l.classId, l.groupId, m.numericValue, m.weight FROM marks m JOIN lessons l ON l.id = m.lessonId WHERE l.date BETWEEN ? AND ?',
      q1.startDate,
      q1.endDate,
    );
    const sums = new Map<string, [number, number]>();
    for (const m of marks) {
      const key = `${m.studentId}|${m.subjectId}|${m.classId}|${m.groupId ?? ''}`;
      const s = sums.get(key) ?? [0, 0];
      s[0] += m.numericValue * m.weight;
      s[1] += m.weight;
      sums.set(key, s);
    }
    let checked = 0;
    for (const f of finals) {
      if (!/^[2-5]$/.test(f.value)) continue;
      const s = sums.get(`${f.studentId}|${f.subjectId}|${f.classId}|${f.groupId ?? ''}`)!;
      const avg = s[0] / s[1];
      expect(Math.abs(Number(f.value) - avg)).toBeLessThanOrEqual(0.5 + 1e-9);
      checked++;
    }
    expect(checked).toBeGreaterThan(8000);
  });

  it('dates every lesson on a working day outside the holidays of its grade', () => {
    const holidays = all<{ name: string; startDate: string; endDate: string }>('SELECT name, startDate, endDate FROM holidays');
    const periods = all<{ startDate: string; endDate: string; gradeFrom: number; gradeTo: number }>('SELECT startDate, endDate, gradeFrom, gradeTo FROM study_periods');
    const lessons = all<{ date: string; grade: number }>('SELECT DISTINCT l.date, c.gradeLevel grade FROM lessons l JOIN school_classes c ON c.id = l.classId');
    expect(lessons.length).toBeGreaterThan(100);
    for (const l of lessons) {
      const day = new Date(`${l.date}T00:00:00Z`).getUTCDay();
      expect(day >= 1 && day <= 5, `${l.date} is a weekend`).toBe(true);
      // The entity has no grade range: the February week is for first-graders only, as its name says.
      const off = holidays.find((h) => h.startDate <= l.date && l.date <= h.endDate && (l.grade === 1 || !h.name.includes('1-х классов')));
      expect(off, `${l.date} (grade ${l.grade}) falls on ${off?.name}`).toBeUndefined();
      expect(periods.some((p) => p.gradeFrom <= l.grade && l.grade <= p.gradeTo && p.startDate <= l.date && l.date <= p.endDate)).toBe(true);
    }
  });

  it('fills the year up to its today, as teachers keep it, and leaves today and after planned', () => {
    expect(one<{ n: number }>("SELECT COUNT(*) n FROM lessons WHERE date < ? AND (status <> 'given' OR topic IS NULL)", TODAY).n).toBe(0);
    expect(one<{ n: number }>("SELECT COUNT(*) n FROM lessons WHERE date >= ? AND (status <> 'planned' OR topic IS NOT NULL OR homework IS NOT NULL)", TODAY).n).toBe(0);
    expect(one<{ n: number }>('SELECT COUNT(*) n FROM marks m JOIN lessons l ON l.id = m.lessonId WHERE l.date >= ?', TODAY).n).toBe(0);
    // The second quarter so far has its marks and absences too, not only the first.
    const q2 = one<{ startDate: string }>("SELECT startDate FROM study_periods WHERE kind = 'quarter' AND ordinal = 2");
    const q2Marks = one<{ n: number }>('SELECT COUNT(*) n FROM marks m JOIN lessons l ON l.id = m.lessonId WHERE l.date >= ?', q2.startDate).n;
    expect(q2Marks / summary.marks).toBeGreaterThan(0.15);
    expect(one<{ n: number }>("SELECT COUNT(*) n FROM attendances a JOIN lessons l ON l.id = a.lessonId WHERE a.code = 'absent' AND l.date >= ?", q2.startDate).n).toBeGreaterThan(1000);
    const absent = one<{ n: number }>("SELECT COUNT(*) n FROM attendances WHERE code = 'absent'").n;
    const places = one<{ n: number }>(
      `SELECT SUM(CASE WHEN l.groupId IS NULL
                       THEN (SELECT COUNT(*) FROM class_memberships m WHERE m.classId = l.classId AND m.fromDate <= l.date AND (m.toDate IS NULL OR m.toDate >= l.date))
                       ELSE (SELECT COUNT(*) FROM group_memberships m WHERE m.groupId = l.groupId AND m.fromDate <= l.date AND (m.toDate IS NULL OR m.toDate >= l.date)) END) n
         FROM lessons l WHERE l.status = 'given'`,
    ).n;
    expect(absent / places).toBeGreaterThan(0.04);
    expect(absent / places).toBeLessThan(0.09);
    expect(one<{ n: number }>("SELECT COUNT(*) n FROM attendances WHERE code = 'late'").n).toBeGreaterThan(0);
  });

  it('keeps every КТП on time on its today: each topic planned before today was given', () => {
    const behind = one<{ n: number }>(
      `SELECT COUNT(*) n FROM plan_topics t
        WHERE t.plannedDate < ? AND t.id NOT IN (SELECT l.planTopicId FROM lessons l WHERE l.status = 'given' AND l.planTopicId IS NOT NULL)`,
      TODAY,
    ).n;
    expect(behind).toBe(0);
    expect(one<{ n: number }>("SELECT COUNT(*) n FROM plan_topics WHERE plannedDate < ?", TODAY).n).toBeGreaterThan(10_000);
  });

  it('gives no final mark for a period that has not ended, and the class teachers checked the data each month before', () => {
    const notEnded = one<{ n: number }>('SELECT COUNT(*) n FROM final_marks f LEFT JOIN study_periods p ON p.id = f.periodId WHERE p.id IS NULL OR p.endDate >= ?', TODAY).n;
    expect(notEnded).toBe(0);
    expect(all<{ month: string }>('SELECT DISTINCT month FROM student_data_checks ORDER BY month').map((r) => r.month)).toEqual(['2026-09', '2026-10']);
  });

  it('stores a conflict-free timetable and КТП that match the curriculum', () => {
    const slots = all<{ shift: number; lessonNo: number; startTime: string; endTime: string }>(
      'SELECT b.shift, s.lessonNo, s.startTime, s.endTime FROM bell_slots s JOIN bell_schedules b ON b.id = s.scheduleId',
    );
    const bells: Bells = new Map();
    for (const s of slots) {
      if (!bells.has(s.shift)) bells.set(s.shift, new Map());
      bells.get(s.shift)!.set(s.lessonNo, s);
    }
    const entries = all<{ weekday: number; lessonNo: number; shift: number; classId: string; groupId: string | null; subjectId: string; staffId: string; roomId: string | null }>(
      'SELECT e.weekday, e.lessonNo, c.shift, e.classId, e.groupId, e.subjectId, e.staffId, e.roomId FROM timetable_entries e JOIN school_classes c ON c.id = e.classId',
    );
    expect(entries.length).toBeGreaterThan(1100);
    expect(timetableConflicts(entries, bells)).toEqual([]);
    const mismatched = one<{ n: number }>(
      `SELECT COUNT(*) n FROM thematic_plans p
         JOIN teaching_assignments a ON a.classId = p.classId AND a.subjectId = p.subjectId AND IFNULL(a.groupId, '') = IFNULL(p.groupId, '')
         JOIN school_classes c ON c.id = p.classId
        WHERE (SELECT SUM(hours) FROM plan_topics t WHERE t.planId = p.id) <> a.hoursPerWeek * (CASE WHEN c.gradeLevel = 1 THEN 33 ELSE 34 END)`,
    ).n;
    expect(mismatched).toBe(0);
    expect(one<{ n: number }>('SELECT COUNT(*) n FROM thematic_plans').n).toBe(one<{ n: number }>('SELECT COUNT(*) n FROM teaching_assignments').n);
  });
});

/**
 * The demo made after its year has ended (its «today» 15.06.2027): every
 * lesson given, the final marks of every period — quarters in grades 2–9,
 * half-years in 10–11 — and the year marks.
 */
describe('a demo school whose today is after the year', () => {
  let dir: string;
  let db: Database.Database;
  const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-demo-june-'));
    const file = path.join(dir, 'demo.sqlite');
    await generateDemoSchool({ file, password: PASSWORD, seed: 17, yearStart: 2026, today: '2027-06-15' });
    db = new Database(file, { readonly: true });
  }, 240_000);

  afterAll(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has every lesson of the year given', () => {
    expect(one<{ n: number }>("SELECT COUNT(*) n FROM lessons WHERE status <> 'given' OR topic IS NULL").n).toBe(0);
  });

  it('has a final mark for every period of the grade and a year mark, for each student on the list at its end', () => {
    // Per class, subject and student on the list on the period's last day: one mark a period; one year mark for those there at the year's end.
    const missing = one<{ n: number }>(
      `SELECT COUNT(*) n FROM study_periods p
         JOIN school_classes c ON c.gradeLevel BETWEEN MAX(p.gradeFrom, 2) AND p.gradeTo
         JOIN teaching_assignments a ON a.classId = c.id
         JOIN class_memberships cm ON cm.classId = c.id AND cm.fromDate <= p.endDate AND (cm.toDate IS NULL OR cm.toDate >= p.endDate)
        WHERE (a.groupId IS NULL OR EXISTS (SELECT 1 FROM group_memberships gm WHERE gm.groupId = a.groupId AND gm.studentId = cm.studentId AND gm.fromDate <= p.endDate AND (gm.toDate IS NULL OR gm.toDate >= p.endDate)))
          AND NOT EXISTS (SELECT 1 FROM final_marks f WHERE f.studentId = cm.studentId AND f.subjectId = a.subjectId AND f.periodId = p.id AND f.kind = 'period')`,
    ).n;
    expect(missing).toBe(0);
    const halves = one<{ n: number }>("SELECT COUNT(*) n FROM final_marks f JOIN study_periods p ON p.id = f.periodId WHERE p.kind = 'half'").n;
    expect(halves).toBeGreaterThan(500);
    const yearMarks = one<{ n: number }>("SELECT COUNT(*) n FROM final_marks WHERE kind = 'year' AND periodId IS NULL").n;
    const students = one<{ n: number }>(
      `SELECT COUNT(*) n FROM teaching_assignments a JOIN school_classes c ON c.id = a.classId AND c.gradeLevel >= 2
         JOIN class_memberships cm ON cm.classId = c.id AND cm.toDate IS NULL
        WHERE a.groupId IS NULL OR EXISTS (SELECT 1 FROM group_memberships gm WHERE gm.groupId = a.groupId AND gm.studentId = cm.studentId AND gm.toDate IS NULL)`,
    ).n;
    expect(yearMarks).toBe(students);
  });
});
