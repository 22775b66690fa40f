import type { Db } from '../../db/index.ts';
import { reveal } from '../../platform/access/reveal.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { requestPolicy, type RequestResource } from './policy.ts';

export interface RequestRow extends RequestResource {
  id: string;
  schoolId: string;
  pupilId: string | null;
  revision: number;
}

type Action = Parameters<typeof requestPolicy.can>[1];

/** Adding items and asking consent: composing a draft, or sending more after submission. */
export const composing = (r: RequestResource): Action => (r.status === 'draft' ? 'edit' : 'supplement');

/**
 * The request with what the policy needs; 404 when it is another tenant's or
 * the caller does not hold it (a request names a pupil: its existence is
 * pupil data), 403 when held but the action is not theirs now.
 */
export async function requestFor(db: Db, ctx: StaffContext, requestId: string, action: Action | ((r: RequestRow) => Action), forUpdate = false): Promise<RequestRow> {
  const [row] = await db<RequestRow[]>`
    select r.id, r.school_id as "schoolId", r.pupil_id as "pupilId", r.kind, r.status, r.assigned_to as "assignedTo", r.revision,
      coalesce((select array_agg(x.expert_id) from request_experts x where x.request_id = r.id), '{}') as "expertIds"
    from requests r
    where r.id = ${requestId} and r.partnership_id = ${ctx.scope.partnershipId}
    ${forUpdate ? db`for update of r` : db``}`;
  return reveal(ctx.principal, requestPolicy, typeof action === 'function' ? (row ? action(row) : 'read') : action, { id: requestId, row });
}
