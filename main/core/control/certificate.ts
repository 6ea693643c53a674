import { z } from 'zod';
import { defineReport } from '../reports/definition';
import { A4_LANDSCAPE, type ReportRow, type ReportSection, type SignatureLine } from '../reports/model';
import { baseModel, DEPUTY } from '../reports/forms/common';
import { initialsFirst, staffById } from '../reports/data/people';
import { classesOfYear } from '../reports/data/year';
import { assertWholeSchool } from '../reports/scope';
import { rateCell } from '../reports/formulas/performance';
import { JournalCheckEntity } from '../db/entities/control';
import { StudyPeriodEntity } from '../db/entities/calendar';
import { StaffEntity } from '../db/entities/staff';
import { UserEntity } from '../db/entities/users';
import { fail } from '../shared/errors';
import { localTime } from '../shared/school-time';
import { getSetting } from '../settings/store';
import { runCheck } from './check';
import { loadRemarks, type RemarkDto } from './remarks';
import { parseScope } from './span';
import { ruDate } from '../shared/dates';

/**
 * Справка по итогам проверки классных журналов (FORMS.md §5): the date, who
 * checked, the purpose, span and scope; the findings table with the
 * remarks; the conclusions; the deputy's signature and a line for each
 * teacher named to sign that they have read it.
 */
export const checkCertificateParams = z.object({ kind: z.literal('checkCertificate'), checkId: z.string().uuid() });

export const checkCertificateReport = defineReport({
  kind: 'checkCertificate',
  title: 'Справка по итогам проверки журналов',
  params: checkCertificateParams,
  authorize: async (env) => assertWholeSchool(env.actor),
  async build(env, p) {
    const { em } = env;
    const check = await em.findOne(JournalCheckEntity, { where: { id: p.checkId } });
    if (!check || check.deletedAt) throw fail.notFound('Проверка');
    const scope = parseScope(check.scope);
    const period = scope.periodId ? await em.findOne(StudyPeriodEntity, { where: { id: scope.periodId } }) : null;
    const [result, remarks, checker, classes] = await Promise.all([
      runCheck(em, { yearId: check.yearId, from: check.fromDate, to: check.toDate, period, scope }, env.today),
      loadRemarks(em, { checkId: check.id }),
      em.findOne(UserEntity, { where: { id: check.checkedBy } }),
      classesOfYear(em, check.yearId),
    ]);
    const checkerStaff = checker?.staffId ? await em.findOne(StaffEntity, { where: { id: checker.staffId } }) : null;
    const checkerName = checkerStaff ? initialsFirst(checkerStaff) : '';
    const pageRemarks = (classId: string, subjectId: string, staffId: string): RemarkDto[] =>
      remarks.filter((r) => r.classId === classId && r.subjectId === subjectId && r.toStaffId === staffId);
    const used = new Set<string>();
    const rows: ReportRow[] = result.pages.map((page) => {
      const own = pageRemarks(page.classId, page.subjectId, page.staffId);
      for (const r of own) used.add(r.id);
      return {
        cells: [
          page.groupName ? `${page.className} (${page.groupName})` : page.className,
          page.subjectName,
          page.teacherName,
          rateCell(page.rates.topicsOnTime),
          rateCell(page.rates.marksOnTime),
          page.noMarks ?? '—',
          page.oneMark ?? '—',
          rateCell(page.rates.attendance),
          page.programme.planned,
          page.programme.given,
          rateCell(page.rates.homework),
          own.map((r) => `${r.text}${r.status === 'open' ? '' : ' (устранено)'}`).join('\n'),
        ],
      };
    });
    const sections: ReportSection[] = [
      {
        blocks: [
          {
            kind: 'table',
            caption: 'Результаты проверки',
            // «Программа: план / факт, ч» of the paper form as two columns under one heading: two numbers a spreadsheet can subtract.
            headerGroups: [
              [
                ...Array.from({ length: 8 }, () => ({ title: '', span: 1 })),
                { title: 'Программа, ч', span: 2 },
                { title: '', span: 1 },
                { title: '', span: 1 },
              ],
            ],
            columns: [
              { key: 'class', title: 'Класс', noWrap: true, rowHeading: true },
              { key: 'subject', title: 'Предмет', rowHeading: true },
              { key: 'teacher', title: 'Учитель', noWrap: true },
              { key: 'topics', title: 'Темы записаны в срок, %', align: 'center', format: 'percent' },
              { key: 'marks', title: 'Отметки выставлены в срок, %', align: 'center', format: 'percent' },
              { key: 'noMarks', title: 'Учащихся без отметок', align: 'center', format: 'integer' },
              { key: 'oneMark', title: 'С одной отметкой', align: 'center', format: 'integer' },
              { key: 'att', title: 'Посещаемость отмечена, %', align: 'center', format: 'percent' },
              { key: 'planned', title: 'план', align: 'center', format: 'hours' },
              { key: 'given', title: 'факт', align: 'center', format: 'hours' },
              { key: 'hw', title: 'Д/з записано, %', align: 'center', format: 'percent' },
              { key: 'remarks', title: 'Замечания', grow: true },
            ],
            rows,
            fontSize: 7.5,
            emptyText: 'За выбранные даты в проверяемых журналах нет уроков.',
          },
        ],
      },
    ];
    const blocks = sections[0].blocks;
    if (result.uncovered.length > 0) {
      blocks.push({
        kind: 'table',
        caption: 'Уроки отсутствовавших учителей без оформленной замены',
        columns: [
          { key: 'date', title: 'Дата', noWrap: true, format: 'date' },
          { key: 'no', title: '№ урока', align: 'center', format: 'integer' },
          { key: 'class', title: 'Класс' },
          { key: 'subject', title: 'Предмет', grow: true },
          { key: 'teacher', title: 'Учитель по расписанию' },
        ],
        rows: result.uncovered.map((u) => ({ cells: [u.date, u.lessonNo, u.className, u.subjectName, u.teacherName] })),
        fontSize: 8,
      });
    }
    const other = remarks.filter((r) => !used.has(r.id));
    if (other.length > 0) {
      blocks.push({
        kind: 'text',
        size: 9,
        runs: [
          { text: 'Другие замечания:\n', bold: true },
          ...other.map((r) => ({ text: `${r.teacherName}${r.className ? `, ${r.className}` : ''}${r.subjectName ? `, ${r.subjectName}` : ''}: ${r.text}${r.status === 'open' ? '' : ' (устранено)'}\n` })),
        ],
      });
    }
    blocks.push(
      { kind: 'text', size: 10, runs: [{ text: 'Выводы и рекомендации:\n', bold: true }, { text: check.conclusions || '________________________________________________________________' }] },
      { kind: 'signatures', lines: [{ position: DEPUTY, name: checkerName }] },
    );
    // Everyone the table names signs that they have read the certificate.
    const teacherIds = [...new Set([...result.pages.map((p) => p.staffId), ...remarks.map((r) => r.toStaffId)])];
    const staff = await staffById(em, teacherIds);
    const lines: SignatureLine[] = teacherIds
      .map((id) => staff.get(id))
      .filter((s): s is NonNullable<typeof s> => !!s)
      .sort((a, b) => a.lastName.localeCompare(b.lastName, 'ru'))
      .map((s) => ({ position: s.position || 'Учитель', name: initialsFirst(s), withDate: true }));
    if (lines.length > 0) blocks.push({ kind: 'signatures', title: 'Со справкой ознакомлены:', lines });
    const classNames = scope.classIds?.length ? classes.filter((c) => scope.classIds!.includes(c.id)).map((c) => c.name).join(', ') : 'все классы';
    const checkedOn = localTime(new Date(check.checkedAt), await getSetting(em, 'school.timeZone')).date;
    return baseModel(env, {
      kind: 'checkCertificate',
      title: 'Справка по итогам проверки классных журналов',
      page: A4_LANDSCAPE,
      fields: [
        { label: 'Дата проверки', value: ruDate(checkedOn) },
        { label: 'Проверку провёл(а)', value: `заместитель директора по УВР ${checkerName}` },
        { label: 'Проверенный период', value: `${period ? `${period.name}, ` : ''}${ruDate(check.fromDate)} – ${ruDate(check.toDate)}` },
        { label: 'Журналы', value: classNames },
        { label: 'Цель проверки', value: check.purpose },
      ],
      sections,
      fileName: `Справка по итогам проверки журналов ${ruDate(checkedOn)}`,
    });
  },
});
