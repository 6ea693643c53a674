import { select, type ReadableDb } from '../db/readable';
import { AcademicYearEntity, type AcademicYear } from '../db/entities/calendar';
import { AppError } from '../shared/errors';
import { shortName } from '../shared/text';
import { ruDate } from '../shared/dates';

export interface ChecklistItem {
  key: 'finalMarks' | 'programmes' | 'attendanceReasons';
  title: string;
  ok: boolean;
  /** Russian lines, one per class (and subject) with what is missing. */
  gaps: string[];
}

export interface YearChecklist {
  yearId: string;
  yearName: string;
  status: AcademicYear['status'];
  ready: boolean;
  items: ChecklistItem[];
}

const MAX_NAMES = 5;

type Row = Record<string, string | number | null>;

function rows(em: ReadableDb, sql: string, params: unknown[]): Promise<Row[]> {
  return select<Row>(em, sql, params);
}

function names(list: Row[]): string {
  const shown = list.slice(0, MAX_NAMES).map((r) => shortName({ lastName: String(r.lastName), firstName: String(r.firstName), middleName: r.middleName as string | null }));
  return list.length > MAX_NAMES ? `${shown.join(', ')} и ещё ${list.length - MAX_NAMES}` : shown.join(', ');
}

/**
 * What must be done before a year is closed (seed 003 §4.1.12), with the gaps
 * named: the year marks of every student on roll at the year's end in every
 * graded subject (grade 1 has no marks), a topic for every lesson given by
 * `today` (the programme; planned lessons still ahead do not count), and a
 * reason for every absence.
 */
export async function yearChecklist(em: ReadableDb, yearId: string, today?: string): Promise<YearChecklist> {
  const year = await em.findOne(AcademicYearEntity, { where: { id: yearId } });
  if (!year || year.deletedAt) throw new AppError('NOT_FOUND', 'Учебный год не найден.');

  // 1. Year marks: students on roll at the end × graded subjects of the class (curriculum or load) without a year mark.
  const missingFinals = await rows(
    em,
    `SELECT c."name" AS cls, c."gradeLevel" AS grade, c."letter" AS letter, s."name" AS subj, s."sortOrder" AS so,
            st."lastName" AS "lastName", st."firstName" AS "firstName", st."middleName" AS "middleName"
       FROM school_classes c
       JOIN class_memberships m ON m."classId" = c.id AND m."deletedAt" IS NULL AND m."fromDate" <= ? AND (m."toDate" IS NULL OR m."toDate" >= ?)
       JOIN students st ON st.id = m."studentId"
       JOIN (SELECT "classId", "subjectId", "gradingSystemId" FROM curriculum_items WHERE "deletedAt" IS NULL
             UNION SELECT "classId", "subjectId", NULL FROM teaching_assignments WHERE "deletedAt" IS NULL) p ON p."classId" = c.id
       JOIN subjects s ON s.id = p."subjectId"
       JOIN grading_systems gs ON gs.id = COALESCE(p."gradingSystemId", s."gradingSystemId")
      WHERE c."yearId" = ? AND c."deletedAt" IS NULL AND c."gradeLevel" > 1 AND gs."code" <> 'none'
        AND NOT EXISTS (SELECT 1 FROM final_marks f WHERE f."studentId" = st.id AND f."subjectId" = s.id AND f."classId" = c.id
                          AND f."kind" = 'year' AND f."deletedAt" IS NULL)
      GROUP BY c."name", c."gradeLevel", c."letter", s."name", s."sortOrder", st.id, st."lastName", st."firstName", st."middleName"
      ORDER BY c."gradeLevel", c."letter", s."sortOrder", s."name", st."lastName", st."firstName"`,
    [year.endDate, year.endDate, year.id],
  );
  const finalGaps = grouped(missingFinals, (r) => `${r.cls}, ${r.subj}`).map(
    ([key, list]) => `${key}: нет годовой отметки у ${list.length} обуч. (${names(list)})`,
  );

  // 2. The programme: lessons given by now (by the year's end at the latest) without a topic, per class and subject.
  const until = today && today < year.endDate ? today : year.endDate;
  const untitled = await rows(
    em,
    `SELECT c."name" AS cls, s."name" AS subj, COUNT(*) AS n, MIN(l."date") AS first
       FROM lessons l JOIN school_classes c ON c.id = l."classId" JOIN subjects s ON s.id = l."subjectId"
      WHERE l."yearId" = ? AND l."deletedAt" IS NULL AND l."status" <> 'cancelled' AND l."date" <= ?
        AND (l."topic" IS NULL OR l."topic" = '')
      GROUP BY c."name", c."gradeLevel", c."letter", s."name", s."sortOrder"
      ORDER BY c."gradeLevel", c."letter", s."sortOrder", s."name"`,
    [year.id, until],
  );
  const programmeGaps = untitled.map((r) => `${r.cls}, ${r.subj}: ${r.n} ${lessonsWord(Number(r.n))} без темы (первый — ${ruDate(String(r.first))})`);

  // 3. Absences without a reason, neither on the mark nor by a reason over the dates.
  const unexplained = await rows(
    em,
    `SELECT c."name" AS cls, st."lastName" AS "lastName", st."firstName" AS "firstName", st."middleName" AS "middleName", COUNT(*) AS n
       FROM attendances a JOIN lessons l ON l.id = a."lessonId" JOIN school_classes c ON c.id = l."classId" JOIN students st ON st.id = a."studentId"
      WHERE l."yearId" = ? AND a."deletedAt" IS NULL AND l."deletedAt" IS NULL AND a."code" = 'absent' AND a."reasonKind" IS NULL
        AND NOT EXISTS (SELECT 1 FROM absence_reasons r WHERE r."studentId" = a."studentId" AND r."deletedAt" IS NULL
                          AND r."fromDate" <= l."date" AND r."toDate" >= l."date")
      GROUP BY c."name", c."gradeLevel", c."letter", st.id, st."lastName", st."firstName", st."middleName"
      ORDER BY c."gradeLevel", c."letter", st."lastName", st."firstName"`,
    [year.id],
  );
  const absenceGaps = grouped(unexplained, (r) => String(r.cls)).map(([cls, list]) => {
    const total = list.reduce((n, r) => n + Number(r.n), 0);
    return `${cls}: ${total} ${absencesWord(total)} без причины (${names(list)})`;
  });

  const items: ChecklistItem[] = [
    { key: 'finalMarks', title: 'Годовые отметки выставлены', ok: finalGaps.length === 0, gaps: finalGaps },
    { key: 'programmes', title: 'Программы пройдены: у каждого проведённого урока записана тема', ok: programmeGaps.length === 0, gaps: programmeGaps },
    { key: 'attendanceReasons', title: 'Причины пропусков указаны', ok: absenceGaps.length === 0, gaps: absenceGaps },
  ];
  return { yearId: year.id, yearName: year.name, status: year.status, ready: items.every((i) => i.ok), items };
}

function grouped(list: Row[], key: (r: Row) => string): [string, Row[]][] {
  const map = new Map<string, Row[]>();
  for (const r of list) {
    const k = key(r);
    map.set(k, [...(map.get(k) ?? []), r]);
  }
  return [...map.entries()];
}

function plural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}
const lessonsWord = (n: number) => plural(n, 'урок', 'урока', 'уроков');
const absencesWord = (n: number) => plural(n, 'пропуск', 'пропуска', 'пропусков');
