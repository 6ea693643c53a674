import { computerOfHlc, type MergeContext, type Row } from '../merge/context';
import type { EntityInfo } from '../merge/schema';
import { lessonById, lessonLabel, roomLabel, staffLabel } from './labels';
import type { ConflictSide, FoundConflict } from './types';

/**
 * The conflict to list when two rows collided on a rule of one live row per
 * key and one gave way (merge/room.ts): two substitutions for one lesson, two
 * accounts with one login. Other collisions (a topic moved to the end of its
 * plan, a row made before the change log began) need nobody.
 */
export async function describeCollision(ctx: MergeContext, info: EntityInfo, winner: Row, loser: Row, winnerClaim: string, loserClaim: string): Promise<FoundConflict | null> {
  if (info.name === 'Substitution') return substitutions(ctx, winner, loser, winnerClaim, loserClaim);
  if (info.name === 'User') return logins(ctx, winner, loser, winnerClaim, loserClaim);
  return null;
}

function side(ctx: MergeContext, entity: string, row: Row, hlc: string, text: string, current: boolean, userField: string, values: Row): ConflictSide {
  const computerId = computerOfHlc(hlc);
  return {
    computerId,
    computerName: computerId ? ctx.computerName(computerId) : 'этот компьютер (до начала синхронизации)',
    hlc,
    entity,
    rowId: String(row.id),
    userId: (row[userField] as string | null) ?? null,
    values,
    text,
    current,
  };
}

async function substitutionText(ctx: MergeContext, s: Row): Promise<string> {
  const room = s.newRoomId ? `, ${await roomLabel(ctx.em, s.newRoomId as string)}` : '';
  switch (s.kind) {
    case 'substitute':
      return `замена: ${await staffLabel(ctx.em, s.substituteStaffId as string)}${room}`;
    case 'merge':
      return `объединение классов, ведёт ${await staffLabel(ctx.em, s.substituteStaffId as string)}${room}`;
    case 'cancel':
      return 'урок отменён';
    default:
      return `перенос в ${await roomLabel(ctx.em, s.newRoomId as string)}`;
  }
}

async function substitutions(ctx: MergeContext, winner: Row, loser: Row, winnerClaim: string, loserClaim: string): Promise<FoundConflict> {
  const lesson = await lessonById(ctx.em, String(winner.lessonId));
  const label = await lessonLabel(ctx.em, lesson);
  const pick = (s: Row) => ({ kind: s.kind, substituteStaffId: s.substituteStaffId, mergedWithLessonId: s.mergedWithLessonId, newRoomId: s.newRoomId });
  const sides = [
    side(ctx, 'Substitution', loser, loserClaim, await substitutionText(ctx, loser), false, 'createdBy', pick(loser)),
    side(ctx, 'Substitution', winner, winnerClaim, await substitutionText(ctx, winner), true, 'createdBy', pick(winner)),
  ];
  return {
    kind: 'double-substitution',
    subjectKey: `lesson:${String(winner.lessonId)}:${[String(winner.id), String(loser.id)].sort().join(':')}`,
    summary: `Две замены одного урока: ${label}`,
    details: {
      sides,
      explanation: `На двух компьютерах для урока одновременно назначены разные решения. Пока действует более позднее («${sides[1].text}», ${sides[1].computerName}); выберите, какое оставить.`,
    },
  };
}

async function logins(ctx: MergeContext, winner: Row, loser: Row, winnerClaim: string, loserClaim: string): Promise<FoundConflict> {
  const login = String(winner.login);
  const person = async (u: Row) => (u.staffId ? await staffLabel(ctx.em, u.staffId as string) : 'без сотрудника');
  const sides = [
    side(ctx, 'User', loser, loserClaim, `учётная запись (${await person(loser)})`, false, 'id', { login: loser.login, staffId: loser.staffId }),
    side(ctx, 'User', winner, winnerClaim, `учётная запись (${await person(winner)})`, true, 'id', { login: winner.login, staffId: winner.staffId }),
  ];
  return {
    kind: 'duplicate-login',
    subjectKey: `login:${login}:${[String(winner.id), String(loser.id)].sort().join(':')}`,
    summary: `Две учётные записи с именем входа «${login}»`,
    details: {
      sides,
      explanation: `На двух компьютерах созданы разные учётные записи с одним именем входа. Имя «${login}» осталось у записи, созданной позднее (${sides[1].computerName}); другая запись получила имя с номером («${login}.2» или следующим свободным). Проверьте учётные записи в разделе «Пользователи»: переименуйте или удалите лишнюю.`,
    },
  };
}
