import { AppError } from '../errors.ts';
import type { Policy } from './policy.ts';
import type { Principal } from './principal.ts';

export interface Target<R> {
  /** The id that was asked for (audited even when nothing was found: probing shows). */
  id: string;
  /** The row as the policy sees it; undefined when it is not in the reader's tenant. */
  row: R | undefined;
  /** Audit under another entity than the policy's (a document read through its pupil's policy). */
  entity?: string;
  /** The pupil the entity is about, for the audit log; default: the row's pupilId. */
  pupilId?: string | null;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Reveal, then authorise: what the reader may not read is not there (404,
 * since a pupil's or a request's existence is itself pupil data); what they
 * may read but may not do now is forbidden (403). For an entity with pupil
 * data the refusal carries an audit row (`<entity>.read_refused` for the
 * 404, `<entity>.<action>_refused` for the 403) with ids only, which the
 * HTTP layer writes once the request's transaction has rolled back, so
 * probing shows in the privacy officer's log.
 */
export function reveal<R, T extends R, A extends string>(p: Principal, policy: Policy<R, A | 'read'>, action: A | 'read', t: Target<T>): T {
  const row = t.row;
  const visible = row !== undefined && (policy.can(p, 'read', row) || (policy.revealedBy.includes(action) && policy.can(p, action, row)));
  if (visible && policy.can(p, action, row)) return row;
  const err = new AppError(visible ? 'FORBIDDEN' : 'NOT_FOUND');
  if (policy.pupilData) {
    const entity = t.entity ?? policy.entity;
    err.refusal = {
      action: visible ? `${entity}.${snake(action)}_refused` : `${entity}.read_refused`,
      entityType: entity,
      entityId: t.id,
      pupilId: t.pupilId !== undefined ? t.pupilId : ((row as { pupilId?: string | null } | undefined)?.pupilId ?? null),
      schoolId: (row as { schoolId?: string | null } | undefined)?.schoolId ?? null,
      details: { status: err.status, action },
    };
  }
  throw err;
}
