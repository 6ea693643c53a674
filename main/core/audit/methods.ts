import { z } from 'zod';
import { actorOf, query } from '../api/contract';
import type { Actor } from '../auth/sessions';
import { AuditEventEntity, type AuditEvent } from '../db/entities/system';
import { UserEntity } from '../db/entities/users';

/**
 * The staff's correspondence is read by its participants only (issue 19);
 * of the audit log's readers, only the administrator sees its record.
 */
const PRIVATE_ENTITIES = ['MessageThread', 'MessageParticipant', 'Message', 'MessageAttachment'];

function seesPrivate(actor: Actor): boolean {
  return actor.roles.includes('admin');
}

export interface AuditEventDto extends AuditEvent {
  userLogin: string | null;
}

export const auditMethods = {
  /** The history of one record: who changed what, when, from what to what, and why. */
  'audit.history': query({
    params: z.object({ entity: z.string().min(1).max(60), entityId: z.string().min(1).max(36) }),
    access: 'audit.view',
    action: 'просмотр журнала изменений',
    handler: async (p, ctx): Promise<AuditEventDto[]> => {
      if (PRIVATE_ENTITIES.includes(p.entity) && !seesPrivate(actorOf(ctx))) return [];
      const rows = await ctx.em
        .createQueryBuilder(AuditEventEntity, 'a')
        .leftJoin(UserEntity.options.name, 'u', 'u.id = a.userId')
        .select('a.*')
        .addSelect('u.login', 'userLogin')
        .where('a.entity = :entity AND a.entityId = :entityId', p)
        .orderBy('a.at', 'ASC')
        .getRawMany<AuditEventDto>();
      return rows;
    },
  }),

  'audit.recent': query({
    params: z.object({ limit: z.number().int().min(1).max(500).default(100), userId: z.string().uuid().optional() }),
    access: 'audit.view',
    action: 'просмотр журнала изменений',
    handler: async (p, ctx): Promise<AuditEventDto[]> => {
      const q = ctx.em
        .createQueryBuilder(AuditEventEntity, 'a')
        .leftJoin(UserEntity.options.name, 'u', 'u.id = a.userId')
        .select('a.*')
        .addSelect('u.login', 'userLogin')
        .orderBy('a.at', 'DESC')
        .limit(p.limit);
      if (p.userId) q.where('a.userId = :userId', { userId: p.userId });
      if (!seesPrivate(actorOf(ctx))) q.andWhere('a.entity NOT IN (:...hidden)', { hidden: PRIVATE_ENTITIES });
      return q.getRawMany<AuditEventDto>();
    },
  }),
};
