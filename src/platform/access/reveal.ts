import type { AuditAction, RefusedEntity } from '../audit-actions.ts';
import { AppError } from '../errors.ts';
import type { Policy } from './policy.ts';
import type { Principal } from './principal.ts';

export interface Target<R> {
  /** The id that was asked for (audited even when nothing was found: probing shows). */
  id: string;
  /** The row as the policy sees it; undefined when it is not in the reader's tenant. */
  row: R | undefined;
  /** Audit under another entity than the policy's (a document read through its pupil's policy). */
  entity?: RefusedEntity;
  /** The pupil the entity is about, for the audit log; default: the row's pupilId. */
  pupilId?: string | null;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Reveal, then authorise: what the reader may not read is not there (404,
 * since a pupil's or a request's existence is itself pupil data); what they
 * may read but is not theirs to do is forbidden (403); what is theirs but
 * refused by the entity's status now is a conflict (409) with the policy's
 * reason. For an entity with pupil data the 404 and the 403 carry an audit
 * row (`<entity>.read_refused` for the 404, `<entity>.<action>_refused` for
 * the 403) with ids only, which the HTTP layer writes once the request's
 * transaction has rolled back, so probing shows in the privacy officer's log.
 * A 409 is no probe and is not audited as a refusal.
 */
export function reveal<R, T extends R, A extends string>(p: Principal, policy: Policy<R, A | 'read'>, action: A | 'read', t: Target<T>): T {
  const row = t.row;
  const visible = row !== undefined && (policy.permits(p, 'read', row) || (policy.revealedBy.includes(action) && policy.permits(p, action, row)));
  if (visible && policy.permits(p, action, row)) {
    // Theirs, but not now (the status rule): a 409 with the reason, not a refusal to audit.
    const why = policy.notNow(action, row);
    if (why !== null) throw new AppError('CONFLICT', why);
    return row;
  }
  const err = new AppError(visible ? 'FORBIDDEN' : 'NOT_FOUND');
  if (policy.pupilData) {
    const entity = t.entity ?? policy.entity;
    err.refusal = {
      // Built from the policy's entity and action names; src/features/audit-log/labels.test.ts
      // holds every pupil-data policy's refusals to a label in AUDIT_LABELS.
      action: (visible ? `${entity}.${snake(action)}_refused` : `${entity}.read_refused`) as AuditAction,
      entityType: entity,
      entityId: t.id,
      pupilId: t.pupilId !== undefined ? t.pupilId : ((row as { pupilId?: string | null } | undefined)?.pupilId ?? null),
      schoolId: (row as { schoolId?: string | null } | undefined)?.schoolId ?? null,
      details: { status: err.status, action },
    };
  }
  throw err;
}
