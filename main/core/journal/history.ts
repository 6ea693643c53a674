import type { ReadableDb } from '../db/readable';
import { AuditEventEntity } from '../db/entities/system';
import { UserEntity } from '../db/entities/users';
import { StaffEntity } from '../db/entities/staff';
import { AttendanceEntity, MarkEntity } from '../db/entities/journal';
import { WorkTypeEntity } from '../db/entities/school';
import { shortName } from '../shared/text';

/**
 * A cell's history (seed 002: who, when, old value, new value, reason), read
 * from the audit log of the cell's marks and attendance, removed ones included.
 */
export interface CellHistoryEntry {
  at: string;
  /** «Иванова А.П.», or the login of an account without a staff record. */
  who: string;
  /** «Отметка», «Вид работы», «Посещаемость». */
  what: string;
  oldValue: string | null;
  newValue: string | null;
  reason: string | null;
}

const ATTENDANCE_RU: Record<string, string> = { absent: 'н', late: 'оп' };

export async function cellHistory(em: ReadableDb, lessonId: string, studentId: string): Promise<CellHistoryEntry[]> {
  const markIds = (
    await em
      .createQueryBuilder(MarkEntity, 'm')
      .select('m.id', 'id')
      .where('m.lessonId = :lessonId AND m.studentId = :studentId', { lessonId, studentId })
      .getRawMany<{ id: string }>()
  ).map((r) => r.id);
  const attendanceIds = (
    await em
      .createQueryBuilder(AttendanceEntity, 'a')
      .select('a.id', 'id')
      .where('a.lessonId = :lessonId AND a.studentId = :studentId', { lessonId, studentId })
      .getRawMany<{ id: string }>()
  ).map((r) => r.id);
  const ids = [...markIds, ...attendanceIds];
  if (ids.length === 0) return [];
  const events = await em
    .createQueryBuilder(AuditEventEntity, 'e')
    .leftJoin(UserEntity.options.name, 'u', 'u.id = e.userId')
    .leftJoin(StaffEntity.options.name, 's', 's.id = u.staffId')
    .select('e.at', 'at')
    .addSelect('e.entity', 'entity')
    .addSelect('e.entityId', 'entityId')
    .addSelect('e.action', 'action')
    .addSelect('e.field', 'field')
    .addSelect('e.oldValue', 'oldValue')
    .addSelect('e.newValue', 'newValue')
    .addSelect('e.reason', 'reason')
    .addSelect('u.login', 'login')
    .addSelect('s.lastName', 'lastName')
    .addSelect('s.firstName', 'firstName')
    .addSelect('s.middleName', 'middleName')
    .where("e.entity IN ('Mark', 'Attendance') AND e.entityId IN (:...ids)", { ids })
    .orderBy('e.at', 'ASC')
    .addOrderBy('e.id', 'ASC')
    .getRawMany<{
      at: string;
      entity: string;
      entityId: string;
      action: string;
      field: string | null;
      oldValue: string | null;
      newValue: string | null;
      reason: string | null;
      login: string | null;
      lastName: string | null;
      firstName: string | null;
      middleName: string | null;
    }>();
  const workTypes = new Map(
    (await em.createQueryBuilder(WorkTypeEntity, 'w').select(['w.id', 'w.name']).getMany()).map((w) => [w.id, w.name]),
  );
  const out: CellHistoryEntry[] = [];
  // What each mark or attendance row shows now, so that a removal can say what was removed.
  const shown = new Map<string, string | null>();
  for (const e of events) {
    const who = e.lastName ? shortName({ lastName: e.lastName, firstName: e.firstName ?? '', middleName: e.middleName }) : (e.login ?? 'программа');
    const mark = e.entity === 'Mark';
    const base = { at: e.at, who, reason: e.reason };
    if (e.action === 'create') {
      const row = safeJson(e.newValue);
      const value = mark ? withType(String(row.value ?? ''), workTypes.get(String(row.workTypeId))) : (ATTENDANCE_RU[String(row.code)] ?? null);
      shown.set(e.entityId, mark ? String(row.value ?? '') : value);
      out.push({ ...base, what: mark ? 'Отметка' : 'Посещаемость', oldValue: null, newValue: value });
    } else if (e.action === 'delete') {
      out.push({ ...base, what: mark ? 'Отметка' : 'Посещаемость', oldValue: shown.get(e.entityId) ?? null, newValue: null });
    } else if (e.action === 'restore') {
      out.push({ ...base, what: mark ? 'Отметка' : 'Посещаемость', oldValue: null, newValue: shown.get(e.entityId) ?? null });
    } else if (e.action === 'update') {
      if (mark && e.field === 'value') {
        shown.set(e.entityId, e.newValue);
        out.push({ ...base, what: 'Отметка', oldValue: e.oldValue, newValue: e.newValue });
      } else if (mark && e.field === 'workTypeId') {
        out.push({ ...base, what: 'Вид работы', oldValue: workTypes.get(e.oldValue ?? '') ?? e.oldValue, newValue: workTypes.get(e.newValue ?? '') ?? e.newValue });
      } else if (mark && e.field === 'comment') out.push({ ...base, what: 'Комментарий', oldValue: e.oldValue, newValue: e.newValue });
      else if (!mark && e.field === 'code') {
        shown.set(e.entityId, ATTENDANCE_RU[e.newValue ?? ''] ?? e.newValue);
        out.push({ ...base, what: 'Посещаемость', oldValue: ATTENDANCE_RU[e.oldValue ?? ''] ?? e.oldValue, newValue: ATTENDANCE_RU[e.newValue ?? ''] ?? e.newValue });
      } else if (!mark && e.field === 'reasonKind') {
        out.push({ ...base, what: 'Причина пропуска', oldValue: REASON_RU[e.oldValue ?? ''] ?? null, newValue: REASON_RU[e.newValue ?? ''] ?? null });
      }
    }
  }
  return out;
}

const REASON_RU: Record<string, string> = { illness: 'болезнь', valid: 'уважительная', invalid: 'неуважительная' };

function withType(value: string, workType: string | undefined): string {
  return workType ? `${value} (${workType})` : value;
}

function safeJson(text: string | null): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text ?? '{}');
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
