import type { Tx } from '../../../db/index.ts';
import type { StaffContext } from '../../../platform/http/context.ts';

/** Active staff of this partnership holding the role for the whole partnership. */
export async function withRole(tx: Tx, ctx: StaffContext, userIds: string[], role: 'swv_consultant' | 'swv_expert') {
  return tx<{ id: string; name: string; email: string }[]>`
    select distinct u.id, u.name, u.email from users u join role_assignments ra on ra.user_id = u.id
    where u.id = any(${userIds}::uuid[]) and u.partnership_id = ${ctx.scope.partnershipId} and u.status = 'active'
      and ra.role = ${role} and ra.school_id is null`;
}
