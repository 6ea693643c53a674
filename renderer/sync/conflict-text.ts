import type { ResultOf } from '../../main/core/api/types';
import { formatDateTimeSeconds } from '../i18n/format';

export type Conflict = ResultOf<'sync.conflicts'>[number];
export type ConflictSide = Conflict['sides'][number];
export type SettleAction = Conflict['actions'][number];

/** «Кабинет 204», Иванова А.П., 07.12.2026 10:15:04 */
export function sideOrigin(side: ConflictSide): string {
  return [`«${side.computerName}»`, side.who, side.at ? formatDateTimeSeconds(side.at) : null].filter(Boolean).join(', ');
}

/** How a settled conflict was settled, in Russian: «оставлен вариант компьютера «Кабинет 204» (замена: Петрова Н.В.)». */
export function settlementText(c: Conflict): string {
  const s = c.settlement ?? '';
  if (s.startsWith('take:')) {
    const side = c.sides[Number(s.slice(5))];
    return side ? `оставлен вариант компьютера «${side.computerName}» (${side.text})` : 'оставлен один из вариантов';
  }
  if (s === 'revert') return 'изменения другого компьютера отменены';
  return 'принято к сведению';
}

/** What the confirmation says will happen. */
export function actionConsequence(c: Conflict, action: SettleAction, side: ConflictSide | null): string {
  if (action === 'take' && side) {
    const others = c.sides.length - 1;
    return `Останется вариант компьютера ${sideOrigin(side)}: ${side.text}. ${others === 1 ? 'Другой вариант будет отменён' : 'Другие варианты будут отменены'} на всех компьютерах школы; отменённое остаётся в истории изменений.`;
  }
  if (action === 'revert') {
    return 'Изменения из этого конфликта будут отменены: записи вернутся к значениям, которые были до них, на всех компьютерах школы. Отменённое остаётся в истории изменений.';
  }
  return 'Конфликт будет отмечен как рассмотренный; данные журнала не изменятся. Если нужно что-то исправить, исправьте это в соответствующем разделе.';
}

export const ACTION_LABELS: Record<Exclude<SettleAction, 'take'>, string> = {
  acknowledge: 'Принять к сведению',
  revert: 'Отменить эти изменения',
};
