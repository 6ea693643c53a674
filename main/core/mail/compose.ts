import { z } from 'zod';
import { In, IsNull } from 'typeorm';
import { actorOf, schoolDate, type QueryContext } from '../api/contract';
import { PARENT_EXTRACT_KINDS } from '../db/entities/control';
import { GuardianEntity, StudentGuardianEntity } from '../db/entities/contingent';
import { StaffEntity } from '../db/entities/staff';
import { consentStatuses } from '../contingent/consent';
import { loadClass } from '../reports/data/year';
import { classRoster, studentName } from '../reports/data/roster';
import { initialsFirst, schoolName } from '../reports/data/people';
import { reportEnv } from '../reports/env';
import { buildExtractPerStudent } from '../reports/extracts/build';
import { extractSpan, type ExtractSpan } from '../reports/extracts/span';
import { writeReport, type ReportFile } from '../reports/output';
import { leadsClassIds, seesWholeSchool } from '../reports/scope';
import { schoolTodayOf } from '../settings/school-today';
import { ruDate } from '../shared/dates';
import { AppError, fail } from '../shared/errors';

/** What the class teacher sends: the extracts of a period, or a free message; to the whole class or chosen students. */
export const parentMailParams = z.object({
  classId: z.string().uuid(),
  kind: z.enum(['extract', 'message']),
  extract: z.object({ kind: z.enum(PARENT_EXTRACT_KINDS), date: schoolDate.optional(), periodId: z.string().uuid().optional() }).optional(),
  studentIds: z.array(z.string().uuid()).max(100).optional(),
  subject: z.string().trim().max(300, 'Не более 300 символов').optional(),
  body: z.string().trim().max(10_000, 'Не более 10 000 символов').optional(),
});
export type ParentMailParams = z.output<typeof parentMailParams>;

/** One letter: to one guardian, about one student — or why that guardian gets none. */
export interface Letter {
  studentId: string;
  studentName: string;
  guardianId: string | null;
  guardianName: string;
  toAddress: string | null;
  allowed: boolean;
  /** Why not, in Russian: no address, no consent, no guardian recorded. */
  reason: string | null;
  subject: string;
  body: string;
  /** The attached extract (its name and size), for `extract`. */
  fileName: string | null;
  fileBytes: number | null;
}

export interface Composition {
  className: string;
  span: ExtractSpan | null;
  letters: Letter[];
  /** The extract of each student who gets at least one letter. */
  files: Map<string, ReportFile>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The class teacher of the class and the deputy send; the director reads, and other teachers have no say. */
export async function assertMaySend(ctx: QueryContext, classId: string): Promise<void> {
  const actor = actorOf(ctx);
  if (actor.roles.includes('deputy') || actor.roles.includes('admin')) return;
  if (actor.staffId && (await leadsClassIds(ctx.em, actor.staffId)).includes(classId)) return;
  if (seesWholeSchool(actor)) throw new AppError('READ_ONLY', 'Директор видит журнал писем родителям; отправляет их классный руководитель или заместитель директора.');
  throw new AppError('FORBIDDEN', 'Письма родителям класса отправляет его классный руководитель или заместитель директора.');
}

/**
 * The letters of a sending, exactly as they will go: each is addressed to one
 * guardian and speaks of one student, and its attachment holds that
 * student's extract alone, so siblings' parents get a letter per child and a
 * guardian of students in two classes gets only what this class sends about
 * their child in it. A student's data go by e-mail only with consent to
 * their processing given (contingent/consent.ts: an e-mail is a file leaving
 * the school); without it, and without an address, the guardian is listed
 * with the reason and gets the extract on paper.
 */
export async function composeLetters(ctx: QueryContext, p: ParentMailParams, opts: { files: boolean }): Promise<Composition> {
  await assertMaySend(ctx, p.classId);
  const c = await loadClass(ctx.em, p.classId);
  const today = await schoolTodayOf(ctx);
  let span: ExtractSpan | null = null;
  if (p.kind === 'extract') {
    if (!p.extract) throw fail.validation('Выберите, за какой период отправить выписки.', { extract: 'Выберите период' });
    span = await extractSpan(ctx.em, p.extract.kind, p.extract.date, p.extract.periodId);
  } else if (!p.subject || !p.body) {
    throw fail.validation('Напишите тему и текст письма.', { ...(p.subject ? {} : { subject: 'Укажите тему' }), ...(p.body ? {} : { body: 'Напишите текст' }) });
  }
  const roster = (await classRoster(ctx.em, c.id, span?.from ?? today, span?.to ?? today, 'parents')).filter(
    (s) => !p.studentIds || p.studentIds.includes(s.studentId),
  );
  const students = [...new Map(roster.map((s) => [s.studentId, s])).values()];
  if (students.length === 0) throw fail.validation(`В ${c.name} классе нет обучающихся за эти даты: писать некому.`);

  const links = await ctx.em.find(StudentGuardianEntity, { where: { studentId: In(students.map((s) => s.studentId)), deletedAt: IsNull() } });
  const guardians = links.length ? await ctx.em.find(GuardianEntity, { where: { id: In([...new Set(links.map((l) => l.guardianId))]), deletedAt: IsNull() } }) : [];
  const byId = new Map(guardians.map((g) => [g.id, g]));
  const consent = await consentStatuses(ctx.em, students.map((s) => s.studentId));
  const teacher = c.classTeacherId ? await ctx.em.findOne(StaffEntity, { where: { id: c.classTeacherId } }) : null;
  const school = await schoolName(ctx.em);
  const signature = [`С уважением,`, `классный руководитель ${c.name} класса${teacher ? ` ${initialsFirst(teacher)}` : ''}`, school].filter(Boolean).join('\n');

  const letters: Letter[] = [];
  for (const s of students) {
    const name = studentName(s);
    const own = links
      .filter((l) => l.studentId === s.studentId && byId.has(l.guardianId))
      .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
    const subject = span ? `Выписка из электронного журнала: ${name}, ${c.name} класс, ${span.label}` : p.subject!;
    if (own.length === 0) {
      letters.push({ studentId: s.studentId, studentName: name, guardianId: null, guardianName: '—', toAddress: null, allowed: false, reason: 'У обучающегося не указаны родители (законные представители).', subject, body: '', fileName: null, fileBytes: null });
      continue;
    }
    const seen = new Set<string>();
    for (const link of own) {
      const g = byId.get(link.guardianId)!;
      const address = g.email?.trim() || null;
      const guardianName = [g.lastName, g.firstName, g.middleName].filter(Boolean).join(' ');
      const greeting = [g.firstName, g.middleName].filter(Boolean).join(' ');
      const intro = span
        ? `Направляем выписку из электронного журнала: ${name}, ${c.name} класс, ${span.label} (${ruDate(span.from)} – ${ruDate(span.to)}). Выписка — во вложении, в формате PDF.`
        : `${p.body}\n\nОбучающийся: ${name}, ${c.name} класс.`;
      const body = `Здравствуйте${greeting ? `, ${greeting}` : ''}!\n\n${intro}\n\n${signature}`;
      let reason: string | null = null;
      if (consent.get(s.studentId) !== 'given') reason = 'Нет согласия на обработку персональных данных: сведения передаются только на бумаге.';
      else if (!address) reason = 'Не указан адрес электронной почты.';
      else if (!EMAIL.test(address)) reason = `Адрес «${address}» записан с ошибкой.`;
      else if (seen.has(address.toLowerCase())) reason = 'Этот адрес уже получает письмо об этом обучающемся.';
      if (address && !reason) seen.add(address.toLowerCase());
      letters.push({ studentId: s.studentId, studentName: name, guardianId: g.id, guardianName, toAddress: address, allowed: !reason, reason, subject, body, fileName: null, fileBytes: null });
    }
  }

  const files = new Map<string, ReportFile>();
  const receiving = [...new Set(letters.filter((l) => l.allowed).map((l) => l.studentId))];
  if (span && opts.files && receiving.length > 0) {
    const env = await reportEnv(ctx, 'parents');
    for (const { studentId, model } of await buildExtractPerStudent(env, c.id, span, receiving)) files.set(studentId, await writeReport(model, 'pdf'));
  }
  for (const l of letters) {
    const f = l.allowed ? files.get(l.studentId) : undefined;
    if (f) Object.assign(l, { fileName: f.fileName, fileBytes: f.bytes });
  }
  return { className: c.name, span, letters, files };
}
