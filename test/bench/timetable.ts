/**
 * Timetable benchmarks on the demo school (issue 5):
 * - timetable_conflicts_ms: checking the whole school's week (every placed
 *   lesson against teachers, rooms, classes and unavailable time), in memory,
 *   from the entries to the list of conflicts;
 * - lessons_generate_year_s: generating the year's dated lessons for the
 *   whole school from its timetable and calendar, into a school whose lessons
 *   were cleared, with the КТП topics flowed in.
 */
import { IsNull } from 'typeorm';
import { openDatabase } from '../../main/core/db/data-source';
import { TimetableEntity } from '../../main/core/db/entities/planning';
import { AcademicYearEntity } from '../../main/core/db/entities/calendar';
import { loadContext, placementOf } from '../../main/core/timetable/context';
import { ConflictIndex } from '../../main/core/timetable/conflicts';
import { regenerateLessons } from '../../main/core/lessons/regenerate';
import { systemClock } from '../../main/core/shared/clock';
import { Writer } from '../../main/core/write/writer';
import { ChangeSource } from '../../main/core/write/change-source';

/** The benches' computer: its id only marks the change log of a bench database. */
const BENCH_COMPUTER = '00000000-0000-7000-8000-00000000bec4';
import type { Benchmark } from './run';

export const timetableBenchmarks: Benchmark[] = [
  {
    name: 'timetable_conflicts_ms',
    unit: 'ms',
    runs: 1,
    async run(ctx) {
      const ds = await openDatabase({ kind: 'sqlite', file: await ctx.demoFile() }, { migrate: false });
      try {
        const t = await ds.manager.findOneOrFail(TimetableEntity, { where: { status: 'active', deletedAt: IsNull() } });
        const c = await loadContext(ds.manager, t.id);
        const placements = c.entries.map(placementOf);
        const times: number[] = [];
        let conflicts = 0;
        for (let i = 0; i < 21; i++) {
          const started = performance.now();
          const index = new ConflictIndex(placements, c.groups, c.unavailability, c.line);
          conflicts = index.all().length;
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        ctx.log(`  ${placements.length} placed lessons, ${conflicts} conflicts; best ${times[0].toFixed(2)} ms`);
        return times[10];
      } finally {
        await ds.destroy();
      }
    },
  },
  {
    name: 'lessons_generate_year_s',
    unit: 's',
    runs: 1,
    async run(ctx) {
      const ds = await openDatabase({ kind: 'sqlite', file: await ctx.demoCopy() });
      try {
        // Clear the year's lessons and everything written in them.
        for (const table of ['lesson_reconciliations', 'marks', 'attendances', 'substitutions', 'lesson_moves', 'remarks', 'lessons']) {
          await ds.query(`DELETE FROM ${table}`);
        }
        const year = await ds.manager.findOneOrFail(AcademicYearEntity, { where: { deletedAt: IsNull() } });
        const started = performance.now();
        const changes = new ChangeSource(BENCH_COMPUTER, () => Date.now());
        const result = await ds.transaction((em) => regenerateLessons(new Writer(em, systemClock, { userId: null, method: 'bench' }, changes), year.id, year.startDate));
        const seconds = (performance.now() - started) / 1000;
        ctx.log(`  ${result.created} lessons made, ${result.topics} planned topics flowed in`);
        return seconds;
      } finally {
        await ds.destroy();
      }
    },
  },
];
