import type { StaffContext } from '../../../platform/http/context.ts';
import { requestSettingsPolicy } from '../policy.ts';
import type { Discipline } from '../schema.ts';

/**
 * Consultants and experts, for the loket's pickers; each expert with the
 * discipline they last advised in, so the consultant need not choose it again.
 */
export async function listRequestStaff(ctx: StaffContext) {
  requestSettingsPolicy.authorize(ctx.principal, 'staffPickers', {});
  const rows = await ctx.sql<{ id: string; name: string; role: string; discipline: Discipline | null }[]>`
    select u.id, u.name, ra.role,
      case when ra.role = 'swv_expert' then
        (select x.discipline from request_experts x where x.expert_id = u.id and x.partnership_id = ${ctx.scope.partnershipId} order by x.assigned_at desc limit 1)
      end as discipline
    from users u join role_assignments ra on ra.user_id = u.id
    where u.partnership_id = ${ctx.scope.partnershipId} and u.status = 'active' and ra.school_id is null and ra.role in ('swv_consultant', 'swv_expert')
    order by u.name`;
  return {
    consultants: rows.filter((r) => r.role === 'swv_consultant').map(({ id, name }) => ({ id, name })),
    experts: rows.filter((r) => r.role === 'swv_expert').map(({ id, name, discipline }) => ({ id, name, discipline })),
  };
}
