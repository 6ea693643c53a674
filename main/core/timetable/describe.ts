import type { Clash, Placement, SlotReason } from './model';
import type { Names } from './context';
import { WEEKDAY_SHORT_RU } from '../shared/dates';

/**
 * Russian words for conflicts: what is busy and with what, so the deputy sees
 * where the clash is without opening anything («Учитель Иванова А.П. в это
 * время ведёт урок в 6Б: математика»).
 */

const PARITY = ['', ' (неделя А)', ' (неделя Б)'];

function slotLabel(weekday: number, lessonNo: number): string {
  return `${WEEKDAY_SHORT_RU[weekday] ?? `день ${weekday}`}, ${lessonNo} урок`;
}

/** «6Б, английский язык (1 группа)» */
function lessonLabel(p: Pick<Placement, 'classId' | 'groupId' | 'subjectId' | 'weekParity'>, names: Names): string {
  const group = names.group(p.groupId);
  return `${names.cls(p.classId)}, ${names.subject(p.subjectId).toLocaleLowerCase('ru-RU')}${group ? ` (${group})` : ''}${PARITY[p.weekParity] ?? ''}`;
}

/** Ends a sentence with one full stop, even after initials («Иванова А.П.»). */
function end(s: string): string {
  return s.endsWith('.') ? s : `${s}.`;
}

export function reasonText(r: SlotReason, other: Placement | undefined, names: Names): string {
  return end(reasonBody(r, other, names));
}

function reasonBody(r: SlotReason, other: Placement | undefined, names: Names): string {
  switch (r.kind) {
    case 'teacher':
      return `Учитель ${names.teacher(r.resourceId)} в это время ведёт урок: ${other ? lessonLabel(other, names) : 'другой урок'}`;
    case 'room':
      return `Кабинет ${names.room(r.resourceId)} занят: ${other ? `${lessonLabel(other, names)}, ${names.teacher(other.staffId)}` : 'другой урок'}`;
    case 'class':
      return other?.groupId
        ? `У ${names.cls(r.resourceId)} в это время урок группы: ${lessonLabel(other, names)}`
        : `У ${names.cls(r.resourceId)} в это время урок: ${other ? lessonLabel(other, names) : 'другой урок'}`;
    case 'unavailable':
      return `Учитель ${names.teacher(r.resourceId)} в это время не работает${r.note ? `: ${r.note}` : ''}`;
  }
}

export function clashText(c: Clash, byId: Map<string, Placement>, names: Names, unavailableNote?: string | null): string {
  const [a, b] = c.entryIds.map((id) => byId.get(id));
  const where = slotLabel(c.weekday, c.lessonNo);
  switch (c.kind) {
    case 'teacher':
      return `${where}: учитель ${names.teacher(c.resourceId)} ведёт два урока сразу — ${a ? lessonLabel(a, names) : '?'} и ${b ? lessonLabel(b, names) : '?'}.`;
    case 'room':
      return `${where}: в кабинете ${names.room(c.resourceId)} два урока сразу — ${a ? lessonLabel(a, names) : '?'} и ${b ? lessonLabel(b, names) : '?'}.`;
    case 'class':
      return `${where}: у ${names.cls(c.resourceId)} два урока сразу — ${a ? lessonLabel(a, names) : '?'} и ${b ? lessonLabel(b, names) : '?'}.`;
    case 'unavailable':
      return `${where}: учитель ${names.teacher(c.resourceId)} в это время не работает${unavailableNote ? ` (${unavailableNote})` : ''}, а в расписании стоит урок — ${a ? lessonLabel(a, names) : '?'}.`;
  }
}
