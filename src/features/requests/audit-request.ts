import type { Tx } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AuditAction } from '../../platform/audit-actions.ts';
import type { StaffContext } from '../../platform/http/context.ts';

/** The request actions of the audit log, without their 'request.' prefix. */
type RequestStep = AuditAction extends infer A ? (A extends `request.${infer S}` ? S : never) : never;

/** The audit row of a change to a request ('request.<action>'), naming its pupil and school, in the change's transaction. */
export const auditRequest = (tx: Tx, ctx: StaffContext, r: { id: string; pupilId: string | null; schoolId: string }, action: RequestStep, details?: Record<string, unknown>) =>
  audit(tx, ctx.actor, { action: `request.${action}`, entityType: 'request', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId, details });
