import type { Sql } from '../../db/index.ts';
import { createTenantScope, type Principal, type RoleAssignment } from './principal.ts';

/** The principal of an active user, in one round trip. */
export async function loadPrincipal(sql: Sql, userId: string): Promise<Principal | null> {
  const [row] = await sql<{ id: string; name: string; email: string; partnershipId: string; roles: RoleAssignment[]; classIds: string[] }[]>`
    select u.id, u.name, u.email, u.partnership_id as "partnershipId",
      coalesce((select json_agg(json_build_object('role', r.role, 'schoolId', r.school_id))
                from role_assignments r where r.user_id = u.id), '[]') as roles,
      coalesce((select array_agg(c.class_id) from class_staff c where c.user_id = u.id), '{}') as "classIds"
    from users u where u.id = ${userId} and u.status = 'active'`;
  if (!row) return null;
  return {
    userId: row.id,
    name: row.name,
    email: row.email,
    scope: createTenantScope(row.partnershipId),
    roles: row.roles,
    classIds: row.classIds,
  };
}
