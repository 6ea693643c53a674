import type { ReadableDb } from '../db/readable';
import { z } from 'zod';
import { defineReport, type ReportEnv } from '../reports/definition';
import { A4_LANDSCAPE, A4_PORTRAIT, type ReportModel, type ReportRow, type ReportSection } from '../reports/model';
import { baseModel, DEPUTY, DIRECTOR } from '../reports/forms/common';
import { deputySigner, directorSigner } from '../reports/data/people';
import { assertSelfOrAdmin, assertWholeSchool } from '../reports/scope';
import { getSetting } from '../settings/store';
import { localTime } from '../shared/school-time';
import { schoolDate } from '../api/contract';
import { dayChanges, type DayChanges } from './changes';
import { bookRows, type BookRow } from './book';
import { monthlyStatement, STATEMENT_KIND_RU, type Statement } from './statement';
import { isoWeekday, monthRu, ruDate, weekdayRu } from '../shared/dates';

const MARK = '●';

/** 1 → «1», 0.5 → «0,5», −4 → «−4»: hours the Russian way. */
function hoursRu(n: number): string {
  const text = String(Math.abs(Math.round(n * 100) / 100)).replace('.', ',');
  return n < 0 ? `−${text}` : text;
}

async function printedAtText(em: ReadableDb, instant: string | null): Promise<string> {
  if (!instant) return 'нет, список печатается впервые';
  const t = localTime(new Date(instant), await getSetting(em, 'school.timeZone'));
  return `${ruDate(t.date)} ${t.time}`;
}

export type ChangesScope = 'class' | 'teacher' | 'both';

/** Замены на дату (FORMS.md §7): per class for posting, per teacher for the staff; ● marks a line changed since the last print. */
export async function changesModel(env: ReportEnv, changes: DayChanges, scope: ChangesScope): Promise<ReportModel> {
  const sections: ReportSection[] = [];
  const mark = (changed: boolean) => (changed ? MARK : '');
  if (scope !== 'teacher') {
    sections.push({
      title: 'По классам',
      sheetName: 'По классам',
      fields: [{ label: 'Прошлая печать', value: await printedAtText(env.em, changes.lastPrinted.class) }],
      blocks: [
        {
          kind: 'table',
          columns: [
            { key: 'mark', title: 'Нов.', widthMm: 10, align: 'center' },
            { key: 'class', title: 'Класс', widthMm: 22, rowHeading: true },
            { key: 'no', title: '№ урока', widthMm: 16, align: 'center' },
            { key: 'was', title: 'Было', grow: true },
            { key: 'now', title: 'Стало', grow: true },
            { key: 'room', title: 'Кабинет', widthMm: 26, format: 'text' },
          ],
          rows: changes.classes.map((r) => ({ cells: [mark(r.changed), r.classLabel, r.lessonNo, r.was, r.now, r.room], bold: r.changed })),
          emptyText: 'Изменений в расписании на этот день нет.',
        },
      ],
    });
  }
  if (scope !== 'class') {
    sections.push({
      title: 'По учителям',
      newPage: scope === 'both',
      sheetName: 'По учителям',
      fields: [{ label: 'Прошлая печать', value: await printedAtText(env.em, changes.lastPrinted.teacher) }],
      blocks: [
        {
          kind: 'table',
          columns: [
            { key: 'mark', title: 'Нов.', widthMm: 10, align: 'center' },
            { key: 'teacher', title: 'Учитель', widthMm: 40, rowHeading: true },
            { key: 'no', title: '№ урока', widthMm: 16, align: 'center' },
            { key: 'class', title: 'Класс', widthMm: 22 },
            { key: 'todo', title: 'Что делать', grow: true },
          ],
          rows: changes.teachers.map((r) => ({ cells: [mark(r.changed), r.teacher, r.lessonNo, r.classLabel, r.todo], bold: r.changed })),
          emptyText: 'Изменений для учителей на этот день нет.',
        },
      ],
    });
  }
  sections.push({ blocks: [{ kind: 'text', text: `${MARK} — строка изменена после прошлой печати этого списка.`, size: 8 }] });
  const date = changes.date;
  return baseModel(env, {
    kind: 'substitutionChanges',
    title: 'Замены на дату',
    subtitle: `${ruDate(date)}, ${weekdayRu(isoWeekday(date))}`,
    page: A4_PORTRAIT,
    sections,
    signatures: [{ position: DEPUTY, name: await deputySigner(env.em, env.actor) }],
    fileName: `Замены на ${ruDate(date)}`,
  });
}

/** Книга замены уроков (FORMS.md §6) for a span, with a line for the substitute's signature. */
async function bookModel(env: ReportEnv, rows: BookRow[], from: string, to: string): Promise<ReportModel> {
  const total = rows.reduce((acc, r) => acc + (r.hours ?? 0), 0);
  return baseModel(env, {
    kind: 'substitutionBook',
    title: 'Книга замены уроков',
    subtitle: `с ${ruDate(from)} по ${ruDate(to)}`,
    page: A4_LANDSCAPE,
    sections: [
      {
        blocks: [
          {
            kind: 'table',
            fontSize: 8,
            columns: [
              { key: 'date', title: 'Дата', widthMm: 20, noWrap: true, format: 'date' },
              { key: 'no', title: '№ урока', widthMm: 13, align: 'center' },
              { key: 'class', title: 'Класс', widthMm: 18 },
              { key: 'subject', title: 'Предмет', widthMm: 30 },
              { key: 'absent', title: 'Отсутствующий учитель', widthMm: 32 },
              { key: 'reason', title: 'Причина', widthMm: 26 },
              { key: 'substitute', title: 'Заменяющий учитель', widthMm: 32 },
              { key: 'kind', title: 'Вид замены', grow: true },
              { key: 'hours', title: 'Часов', widthMm: 12, align: 'center', format: 'hours' },
              { key: 'paid', title: 'Оплачивается', widthMm: 25, align: 'center' },
              { key: 'sign', title: 'Подпись заменяющего', widthMm: 28 },
            ],
            rows: rows.map((r) => ({
              cells: [
                r.date,
                r.lessonNo,
                r.classLabel,
                r.subject,
                r.absentTeacher,
                r.reason,
                r.substitute,
                r.kindText,
                r.hours ?? '—',
                r.paid === null ? '—' : r.paid ? 'да' : 'нет',
                '',
              ],
            })),
            totals: rows.length ? [{ cells: ['Итого', '', '', '', '', '', '', '', total, '', ''] }] : undefined,
            emptyText: 'За этот период замен не было.',
          },
        ],
      },
    ],
    signatures: [{ position: DEPUTY, name: await deputySigner(env.em, env.actor) }],
    fileName: `Книга замены уроков ${ruDate(from)}–${ruDate(to)}`,
  });
}

/** Табель замен (FORMS.md §6): the summary per teacher, then each teacher's lessons on following pages. */
async function statementModel(env: ReportEnv, st: Statement): Promise<ReportModel> {
  const one = st.rows.length === 1 && st.rows[0];
  const summary: ReportRow[] = st.rows.map((r, i) => ({
    cells: [i + 1, r.name, r.given.hours, r.given.paidHours, r.notGiven.hours, r.total],
  }));
  const sections: ReportSection[] = [
    {
      blocks: [
        {
          kind: 'table',
          columns: [
            { key: 'n', title: '№', widthMm: 9, align: 'right' },
            { key: 'teacher', title: 'Учитель', grow: true, rowHeading: true },
            { key: 'given', title: 'Проведено замен, ч', widthMm: 26, align: 'center', format: 'hours' },
            { key: 'paid', title: 'из них оплачиваемых, ч', widthMm: 34, align: 'center', format: 'hours' },
            { key: 'notGiven', title: 'Не проведено своих уроков (отмена, замена другим), ч', widthMm: 40, align: 'center', format: 'hours' },
            { key: 'total', title: 'Итого к учёту, ч', widthMm: 24, align: 'center', format: 'hours' },
          ],
          rows: summary,
          totals: st.rows.length
            ? [{ cells: ['', 'Итого по школе', st.totals.givenHours, st.totals.paidHours, st.totals.notGivenHours, st.totals.total] }]
            : undefined,
          emptyText: 'В этом месяце замен и отменённых уроков не было.',
        },
        {
          kind: 'text',
          size: 8,
          text: 'Итого к учёту = оплачиваемые часы замен − часы своих уроков, которые не проведены (отменены, проведены другим учителем или класс объединён с другим). Перенесённые уроки проводятся своим учителем и здесь не учитываются.',
        },
      ],
    },
    ...st.rows.map(
      (r): ReportSection => ({
        title: r.name,
        newPage: true,
        fields: [
          { label: 'Проведено замен', value: `${r.given.count} (замена — ${r.given.substitute}, объединение — ${r.given.merge}), ${hoursRu(r.given.hours)} ч, из них оплачиваемых ${hoursRu(r.given.paidHours)} ч` },
          { label: 'Не проведено своих уроков', value: `${r.notGiven.count} (отменено — ${r.notGiven.cancel}, заменено — ${r.notGiven.taken}, объединено — ${r.notGiven.mergedAway})` },
          { label: 'Итого к учёту', value: `${hoursRu(r.total)} ч` },
        ],
        blocks: [
          {
            kind: 'table',
            fontSize: 8,
            columns: [
              { key: 'date', title: 'Дата', widthMm: 20, noWrap: true, format: 'date' },
              { key: 'no', title: '№ урока', widthMm: 13, align: 'center' },
              { key: 'class', title: 'Класс', widthMm: 18 },
              { key: 'subject', title: 'Предмет', widthMm: 30 },
              { key: 'kind', title: 'Вид', grow: true },
              { key: 'other', title: 'Вместо кого / кем', widthMm: 32 },
              { key: 'hours', title: 'Часов', widthMm: 12, align: 'center', format: 'hours' },
              { key: 'paid', title: 'Оплачивается', widthMm: 25, align: 'center' },
            ],
            rows: r.lessons.map((x) => {
              const given = x.kind === 'substitute' || x.kind === 'merge';
              return {
                cells: [x.date, x.lessonNo, x.classLabel, x.subject, STATEMENT_KIND_RU[x.kind], x.other || '—', given ? x.hours : -x.hours, given ? (x.paid ? 'да' : 'нет') : '—'],
              };
            }),
          },
        ],
      }),
    ),
  ];
  return baseModel(env, {
    kind: 'substitutionStatement',
    title: one ? `Табель замен: ${one.name}` : 'Табель замен',
    subtitle: `за ${monthRu(st.month)}`,
    page: A4_PORTRAIT,
    sections,
    signatures: [
      { position: DEPUTY, name: await deputySigner(env.em, env.actor) },
      { position: DIRECTOR, name: await directorSigner(env.em) },
    ],
    fileName: `Табель замен ${monthRu(st.month).replace(/ г\.$/, '')}${one ? ` ${one.name}` : ''}`,
  });
}

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Месяц в формате ГГГГ-ММ');

export const changesReportParams = z.object({
  kind: z.literal('substitutionChanges'),
  date: schoolDate,
  scope: z.enum(['class', 'teacher', 'both']).default('both'),
});

export const bookReportParams = z
  .object({ kind: z.literal('substitutionBook'), from: schoolDate, to: schoolDate })
  .refine((p) => p.from <= p.to, { message: 'Начало периода позже его конца', path: ['to'] });

export const statementReportParams = z.object({ kind: z.literal('substitutionStatement'), month, staffId: z.string().uuid().optional() });

/** A preview of the day's changes: it does not count as a print (substitutions.printChanges does). */
export const changesReport = defineReport({
  kind: 'substitutionChanges',
  title: 'Замены на дату',
  params: changesReportParams,
  async authorize() {
    // The list is posted for everyone at school.
  },
  build: async (env, p) => changesModel(env, await dayChanges(env.em, p.date), p.scope),
});

export const bookReport = defineReport({
  kind: 'substitutionBook',
  title: 'Книга замены уроков',
  params: bookReportParams as unknown as z.ZodObject<{ kind: z.ZodLiteral<'substitutionBook'>; from: typeof schoolDate; to: typeof schoolDate }>,
  async authorize(env) {
    assertWholeSchool(env.actor);
  },
  build: async (env, p) => bookModel(env, await bookRows(env.em, p.from, p.to), p.from, p.to),
});

export const statementReport = defineReport({
  kind: 'substitutionStatement',
  title: 'Табель замен за месяц',
  params: statementReportParams,
  async authorize(env, p) {
    if (p.staffId) assertSelfOrAdmin(env.actor, p.staffId);
    else assertWholeSchool(env.actor);
  },
  build: async (env, p) => statementModel(env, await monthlyStatement(env.em, p.month, p.staffId)),
});
