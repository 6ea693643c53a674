import type { ReadableDb } from '../db/readable';
import { A4_LANDSCAPE, type ReportModel, type ReportSection } from '../reports/model';
import { schoolName } from '../reports/data/people';
import type { loadDiaryWeek } from './diary';
import { isoWeekday, ruDate, weekdayRu } from '../shared/dates';

type DiaryWeek = Awaited<ReturnType<typeof loadDiaryWeek>>;

const ATTENDANCE_RU = { absent: 'н', late: 'оп' } as const;

/**
 * The diary week as a printed form (A4 landscape, seed 000 §5.2: what a
 * parent without electronic access receives): a table a day, and the lines
 * for the class teacher's and the parent's signatures.
 */
export async function diaryModel(em: ReadableDb, week: DiaryWeek, today: string): Promise<ReportModel> {
  const sections: ReportSection[] = [
    {
      blocks: week.days.map((day) => ({
        kind: 'table' as const,
        caption: `${weekdayRu(isoWeekday(day.date), true)}, ${ruDate(day.date)}`,
        keepTogether: true,
        fontSize: 8.5,
        columns: [
          // Fixed widths but the topic's: every day's table has the same columns, as in a paper diary.
          { key: 'no', title: '№', align: 'center' as const, widthMm: 8 },
          { key: 'time', title: 'Время', widthMm: 22, noWrap: true },
          { key: 'subject', title: 'Предмет', widthMm: 42 },
          { key: 'topic', title: 'Тема урока', grow: true },
          { key: 'homework', title: 'Домашнее задание', widthMm: 62 },
          { key: 'marks', title: 'Отметки', align: 'center' as const, widthMm: 20 },
          { key: 'att', title: 'Пропуск', align: 'center' as const, widthMm: 20 },
        ],
        rows: day.lessons.map((l) => ({
          cells: [
            l.lessonNo,
            l.time ?? '',
            l.subject,
            l.status === 'cancelled' ? 'Урок отменён' : (l.topic ?? ''),
            l.homework ?? '',
            l.marks.map((m) => m.value).join('/'),
            l.attendance ? ATTENDANCE_RU[l.attendance] : '',
          ],
        })),
        emptyText: 'Уроков нет',
      })),
    },
  ];
  return {
    kind: 'diary.week',
    title: `Дневник: ${week.student.name}`,
    subtitle: `Неделя с ${ruDate(week.monday)} по ${ruDate(week.saturday)}`,
    schoolName: await schoolName(em),
    printedOn: today,
    page: A4_LANDSCAPE,
    fields: [
      { label: 'Обучающийся', value: week.student.name },
      { label: 'Класс', value: week.className },
    ],
    sections,
    signatures: [
      { position: 'Классный руководитель', name: '' },
      { position: 'Родитель (законный представитель)', name: '', withDate: true },
    ],
    fileName: `Дневник ${week.student.name} ${week.monday}`,
  };
}
