import type { Db } from '../db/index.ts';
import type { AuditAction } from './audit-actions.ts';

/** Who acts, and from where: taken from the request by the HTTP layer. */
export interface AuditActor {
  partnershipId: string | null;
  userId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEvent {
  /** e.g. 'school.create', 'pupil.read', 'auth.sign_in': a key of AUDIT_LABELS, so every action has its Dutch words. */
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  schoolId?: string | null;
  pupilId?: string | null;
  /** Ids and field names only: never pupil data (names, notes) in here. */
  details?: Record<string, unknown>;
}

/**
 * Append one row to the audit log. Call it with the transaction that makes the
 * change, so the change and its audit row commit or fail together.
 */
export async function audit(db: Db, actor: AuditActor, e: AuditEvent): Promise<void> {
  await db`
    insert into audit_log (partnership_id, actor_user_id, action, entity_type, entity_id, school_id, pupil_id, ip, user_agent, details)
    values (${actor.partnershipId}, ${actor.userId}, ${e.action}, ${e.entityType}, ${e.entityId ?? null},
            ${e.schoolId ?? null}, ${e.pupilId ?? null}, ${actor.ip}, ${actor.userAgent}, ${db.json((e.details ?? {}) as never)})`;
}

/** Audit many rows at once (e.g. every pupil shown in a list): one statement whatever the count. */
export async function auditMany(db: Db, actor: AuditActor, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((e) => ({
    action: e.action,
    entity_type: e.entityType,
    entity_id: e.entityId ?? null,
    school_id: e.schoolId ?? null,
    pupil_id: e.pupilId ?? null,
    details: e.details ?? {},
  }));
  await db`
    insert into audit_log (partnership_id, actor_user_id, ip, user_agent, action, entity_type, entity_id, school_id, pupil_id, details)
    select ${actor.partnershipId}, ${actor.userId}, ${actor.ip}, ${actor.userAgent}, x.action, x.entity_type, x.entity_id, x.school_id, x.pupil_id, x.details
    from jsonb_to_recordset(${db.json(rows as never)}) as x(action text, entity_type text, entity_id text, school_id uuid, pupil_id uuid, details jsonb)`;
}
