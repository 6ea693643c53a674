import type { ReadableDb } from '../db/readable';
import type { Writer } from '../write/writer';
import { AcademicYearEntity, StudyPeriodEntity } from '../db/entities/calendar';
import { AppError } from '../shared/errors';
import { yearChecklist, type YearChecklist } from './checklist';

/**
 * Closes a year: from now on its pages are read-only (every period closed
 * too). With gaps in the checklist the administrator must say so and give a
 * reason, which goes into the journal of changes.
 */
export async function closeYear(
  write: Writer,
  em: ReadableDb,
  p: { yearId: string; userId: string; now: string; today?: string; acceptGaps?: boolean; reason?: string | null },
): Promise<YearChecklist> {
  const checklist = await yearChecklist(em, p.yearId, p.today);
  if (checklist.status === 'closed') throw new AppError('CONFLICT', `Учебный год ${checklist.yearName} уже закрыт.`);
  if (!checklist.ready) {
    const gaps = checklist.items.reduce((n, i) => n + i.gaps.length, 0);
    if (!p.acceptGaps) {
      throw new AppError('CONFLICT', `Перед закрытием года остались незаполненные пункты (${gaps}). Заполните их или закройте год, указав причину.`, {
        checklist,
      });
    }
    if (!p.reason?.trim()) {
      throw new AppError('VALIDATION', 'Укажите, почему год закрывается с незаполненными пунктами.', {
        fields: { reason: 'Укажите причину' },
      });
    }
  }
  const reason = checklist.ready ? null : p.reason!.trim();
  const periods = await em.find(StudyPeriodEntity, { where: { yearId: p.yearId } });
  for (const period of periods) {
    if (!period.closedAt && !period.deletedAt) await write.update(StudyPeriodEntity, period.id, { closedAt: p.now }, { reason });
  }
  await write.update(AcademicYearEntity, p.yearId, { status: 'closed', closedAt: p.now, closedBy: p.userId }, { reason });
  return { ...checklist, status: 'closed' };
}
