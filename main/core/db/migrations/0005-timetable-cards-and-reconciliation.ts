import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { c, createTable, dropTables } from './dsl';

/**
 * Holidays of some grades only (the first-graders' February week), the timetable's cards (parts of one lesson placed together share a
 * `cardId`: a split's subgroups, classes joined under one teacher, an aSc card)
 * and the list of lessons kept for reconciliation when the timetable changed
 * under lessons that already hold a topic, marks or absences.
 */
export class TimetableCardsAndReconciliation1000000000005 implements MigrationInterface {
  name = 'TimetableCardsAndReconciliation1000000000005';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('timetable_entries', new TableColumn(c.string('cardId', 36, true)));
    await runner.addColumns('holidays', [new TableColumn(c.int('gradeFrom', true)), new TableColumn(c.int('gradeTo', true))]);
    await createTable(runner, 'lesson_reconciliations', {
      columns: [
        c.id(),
        c.ref('lessonId'),
        c.ref('timetableId', true),
        c.string('reason', 20),
        c.instant('detectedAt'),
        c.instant('resolvedAt', true),
        c.ref('resolvedBy', true),
        c.string('resolution', 20, true),
        c.ref('targetLessonId', true),
        c.text('note'),
        ...c.synced(),
      ],
      refs: { lessonId: 'lessons', timetableId: 'timetables', resolvedBy: 'users', targetLessonId: 'lessons' },
      indices: [
        { name: 'IDX_lesson_reconciliations_lesson', columns: ['lessonId'] },
        { name: 'IDX_lesson_reconciliations_resolved', columns: ['resolvedAt'] },
      ],
    });
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropTables(runner, ['lesson_reconciliations']);
    await runner.dropColumns('holidays', ['gradeFrom', 'gradeTo']);
    await runner.dropColumn('timetable_entries', 'cardId');
  }
}
