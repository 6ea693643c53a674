import type { ReadableDb } from '../db/readable';
import { z } from 'zod';
import { IsNull } from 'typeorm';
import { mutation, query, schoolDate } from '../api/contract';
import { fail } from '../shared/errors';
import { requireOpenYear } from '../school/common';
import { BellScheduleEntity, BellSlotEntity } from '../db/entities/calendar';
import { RoomEntity, SchoolClassEntity, StudyGroupEntity, SubjectEntity, TeacherUnavailabilityEntity } from '../db/entities/school';
import { StaffEntity } from '../db/entities/staff';
import { loadYear } from '../lessons/load';
import { matchAll, MATCH_KINDS, type Mapping } from './match';
import { buildPreview } from './preview';
import { applyImport } from './apply';
import { formatName, IMPORT_FORMATS } from './read';
import { readInWorker, uploadBytes } from '../files/read-in-worker';
import { base64Bytes, tooBigText, UPLOAD_LIMITS } from '../files/limits';
import { uploadContent } from '../files/upload-schema';
import { ruDate } from '../shared/dates';

const file = z.object({
  fileName: z.string().trim().min(1, 'Выберите файл').max(300),
  contentBase64: uploadContent('timetable'),
});

const params = z.object({
  yearId: z.string().uuid('Выберите учебный год'),
  format: z.enum(IMPORT_FORMATS, { error: 'Выберите формат: aSc TimeTables или FET' }),
  files: z
    .array(file)
    .min(1, 'Выберите файл расписания')
    .max(UPLOAD_LIMITS.timetable.files, 'Не больше двух файлов: .fet и …_activities.xml')
    .refine((files) => files.reduce((sum, f) => sum + base64Bytes(f.contentBase64), 0) <= UPLOAD_LIMITS.timetable.bytes, tooBigText('timetable')),
  /** aSc: which term (period of the year) to take when the timetable has several. */
  term: z.number().int().min(1).max(12).optional(),
  /** The deputy's choices: file key → record id, or 'new' to create. */
  mapping: z.partialRecord(z.enum(MATCH_KINDS), z.record(z.string(), z.string())).optional(),
});

/** The uploaded export, read in a reading worker before the call's turn (files/README.md). */
function readUpload(p: z.output<typeof params>) {
  const names = p.files.map((f) => f.fileName).join(', ');
  const files = p.files.map((f) => ({ fileName: f.fileName, bytes: uploadBytes(f.contentBase64) }));
  return readInWorker('timetable', { format: p.format, files, term: p.term }, { fileName: names, field: 'files' });
}

async function schoolRefs(em: ReadableDb, yearId: string) {
  const live = { deletedAt: IsNull() };
  const yearLive = { yearId, deletedAt: IsNull() };
  const schedules = await em.find(BellScheduleEntity, { where: yearLive });
  return {
    classes: await em.find(SchoolClassEntity, { where: yearLive }),
    staff: await em.find(StaffEntity, { where: live }),
    subjects: await em.find(SubjectEntity, { where: live }),
    rooms: await em.find(RoomEntity, { where: live }),
    groups: await em.find(StudyGroupEntity, { where: yearLive }),
    unavailability: await em.find(TeacherUnavailabilityEntity, { where: live }),
    schedules,
    bells: schedules.length
      ? await em.createQueryBuilder(BellSlotEntity, 's').where('s.scheduleId IN (:...ids) AND s.deletedAt IS NULL', { ids: schedules.map((s) => s.id) }).getMany()
      : [],
  };
}

export const timetableImportMethods = {
  /**
   * Reads an aSc TimeTables (2012 XML) or FET export and shows what it would
   * create and what it matches, with the conflicts of the timetable it makes.
   * Nothing is written.
   */
  'timetableImport.preview': query({
    params,
    access: 'timetable.edit',
    action: 'просмотр импорта расписания',
    readFiles: readUpload,
    handler: async (p, ctx, data) => {
      await loadYear(ctx.em, p.yearId);
      const school = await schoolRefs(ctx.em, p.yearId);
      return buildPreview(data, matchAll(data, school, p.mapping as Mapping), school);
    },
  }),

  /** Imports the timetable as a new draft (creating what the preview said it would create). */
  'timetableImport.apply': mutation({
    params: params.extend({
      name: z.string().trim().max(200).optional(),
      validFrom: schoolDate,
    }),
    access: 'timetable.edit',
    action: 'импорт расписания',
    readFiles: readUpload,
    handler: async (p, ctx, data) => {
      const year = await requireOpenYear(ctx.em, p.yearId);
      if (p.validFrom < year.startDate || p.validFrom > year.endDate) {
        throw fail.validation('Дата начала должна быть внутри учебного года.', { validFrom: 'Дата вне учебного года' });
      }
      const school = await schoolRefs(ctx.em, p.yearId);
      const matched = matchAll(data, school, p.mapping as Mapping);
      const preview = buildPreview(data, matched, school);
      if (!preview.ready) {
        throw fail.validation(
          preview.entries === 0 ? 'В файле нет ни одного размещённого урока.' : `Импорт не выполнен: сначала решите, что делать с записями: ${preview.problems.join(' ')}`,
        );
      }
      const now = ctx.clock.now();
      const name = p.name || `Импорт из ${formatName(p.format)} от ${ruDate(now.toISOString().slice(0, 10))}`;
      const result = await applyImport(ctx.write, p.yearId, data, matched, school, {
        name,
        validFrom: p.validFrom,
      });
      return { ...result, conflicts: preview.conflicts.total };
    },
  }),
};
