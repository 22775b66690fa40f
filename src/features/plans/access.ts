import type { Db } from '../../db/index.ts';
import { reveal } from '../../platform/access/reveal.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { planPolicy, type PlanResource } from './policy.ts';

export interface PlanRow extends PlanResource {
  id: string;
  pupilId: string;
  schoolId: string;
  kind: NonNullable<PlanResource['kind']>;
  status: NonNullable<PlanResource['status']>;
  currentVersion: number;
}

/**
 * The plan with what the policy needs; 404 when it is another tenant's or
 * not visible to the caller, 403 when visible but the action is not theirs,
 * 409 with the policy's reason when the plan's status refuses the action now.
 * Commands that change the plan lock it (`forUpdate`), so the status they
 * were allowed on is the status they write over.
 */
export async function planFor(db: Db, ctx: StaffContext, oppId: string, action: Parameters<typeof planPolicy.can>[1], forUpdate = false): Promise<PlanRow> {
  const [row] = await db<PlanRow[]>`
    select o.id, o.pupil_id as "pupilId", o.school_id as "schoolId", o.kind, o.status, o.current_version as "currentVersion",
      e.class_id as "classId", p.case_manager_id as "caseManagerId"
    from opps o join pupils p on p.id = o.pupil_id
    left join enrolments e on e.pupil_id = p.id and e.end_date is null
    where o.id = ${oppId} and o.partnership_id = ${ctx.scope.partnershipId}
    ${forUpdate ? db`for update of o` : db``}`;
  return reveal(ctx.principal, planPolicy, action, { id: oppId, row });
}
