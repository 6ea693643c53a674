import { z } from 'zod';
import { defineReport } from '../reports/definition';
import { schoolName } from '../reports/data/people';
import { fail } from '../shared/errors';
import { getSetting } from '../settings/store';
import { loadContext, placementOf } from './context';
import { bellDtos, referenceDtos } from './dto';
import { timetableReportModel } from './report';

export const timetableReportParams = z.object({
  kind: z.literal('timetable'),
  timetableId: z.string().uuid('Выберите расписание'),
  scope: z.enum(['class', 'teacher', 'room', 'school']),
  /** The classes, teachers or rooms to print (each on its own page); none = all of them. */
  ids: z.array(z.string().uuid()).max(500).optional(),
  page: z.enum(['A4', 'A3']).default('A4'),
});

/**
 * The timetable printed or saved to Excel: a class, a teacher, a room (or
 * all of them, one to a page), or the whole school on one A3 sheet. The
 * timetable is the school's common knowledge: everyone who may print reports
 * may print it.
 */
export const timetableReport = defineReport({
  kind: 'timetable',
  title: 'Расписание уроков',
  params: timetableReportParams,
  authorize: async () => {},
  build: async (env, p) => {
    const c = await loadContext(env.em, p.timetableId);
    const refs = referenceDtos(c);
    const used = (id: string) => c.entries.some((e) => (p.scope === 'class' ? e.classId === id : p.scope === 'teacher' ? e.staffId === id : e.roomId === id));
    const all = p.scope === 'class' ? refs.classes.map((x) => x.id) : p.scope === 'teacher' ? refs.teachers.map((x) => x.id) : refs.rooms.map((x) => x.id);
    const ids = p.ids?.length ? p.ids : all.filter(used);
    if (p.scope !== 'school' && ids.length === 0) throw fail.validation('В расписании нет уроков для печати.');
    const schoolDays = await getSetting(env.em, 'timetable.schoolDays');
    return timetableReportModel(
      {
        schoolName: await schoolName(env.em),
        printedOn: env.today,
        timetable: c.timetable,
        days: Math.max(schoolDays, ...c.entries.map((e) => e.weekday)),
        classes: refs.classes,
        teachers: refs.teachers,
        rooms: refs.rooms,
        subjects: refs.subjects,
        groups: refs.groups,
        entries: c.entries.map(placementOf),
        bells: bellDtos(c),
      },
      p.scope === 'school' ? { scope: 'school' } : { scope: p.scope, ids },
      p.page,
    );
  },
});
