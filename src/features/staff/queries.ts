import type { z } from 'zod';
import { roleNames, roles as catalogue, type Role } from '../../platform/access/roles.ts';
import { reveal } from '../../platform/access/reveal.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { canAssign, managedSchools, staffPolicy } from './policy.ts';
import type { StaffQuery } from './schema.ts';

export const PAGE_SIZE = 50;

interface Row {
  id: string;
  name: string;
  email: string;
  status: 'invited' | 'active' | 'deactivated';
  mfaEnabled: boolean;
  lastSignInAt: Date | null;
  roles: { role: Role; schoolId: string | null; schoolName: string | null }[];
  /** Where all the person's roles are, visible or not: the policy decides on these. */
  roleSchoolIds: (string | null)[];
  total: number;
}

/**
 * Staff of the partnership: those the reader may read (the staff policy's
 * scope; a school admin sees only people with a role at their schools), and
 * of those only the roles at the reader's schools (need-to-know).
 */
export async function listStaff(ctx: StaffContext, q: z.infer<typeof StaffQuery>) {
  const none = { userId: '', status: '', roleSchoolIds: [] };
  staffPolicy.authorize(ctx.principal, 'list', none);
  const managed = managedSchools(ctx.principal);
  const visible = staffPolicy.can(ctx.principal, 'read', { ...none, roleSchoolIds: [null] }) ? null : managed;
  const term = q.q ? `%${q.q.toLowerCase()}%` : null;
  const rows = await ctx.sql<Row[]>`
    select u.id, u.name, u.email, u.status, (u.totp_enabled_at is not null) as "mfaEnabled", u.last_sign_in_at as "lastSignInAt",
      coalesce((select json_agg(json_build_object('role', r.role, 'schoolId', r.school_id, 'schoolName', s.name) order by s.name nulls first, r.role)
                from role_assignments r left join schools s on s.id = r.school_id
                where r.user_id = u.id and (${visible}::uuid[] is null or r.school_id = any(${visible}::uuid[]))), '[]') as roles,
      array(select r.school_id from role_assignments r where r.user_id = u.id) as "roleSchoolIds",
      count(*) over ()::int as total
    from users u
    where u.partnership_id = ${ctx.scope.partnershipId}
      and ${staffPolicy.scope(ctx.sql, ctx.principal, 'read')}
      and (${term}::text is null or lower(u.name) like ${term} or lower(u.email) like ${term})
      and (${q.status ?? null}::text is null or u.status = ${q.status ?? null})
      -- Filters by school or role look at the roles the reader is shown.
      and (${q.schoolId ?? null}::uuid is null and ${q.role ?? null}::text is null
           or exists (select 1 from role_assignments r where r.user_id = u.id
                      and (${visible}::uuid[] is null or r.school_id = any(${visible}::uuid[]))
                      and (${q.schoolId ?? null}::uuid is null or r.school_id = ${q.schoolId ?? null})
                      and (${q.role ?? null}::text is null or r.role = ${q.role ?? null})))
    order by lower(u.name), u.id
    limit ${PAGE_SIZE} offset ${(q.page - 1) * PAGE_SIZE}`;
  return {
    staff: rows.map((r) => present(ctx, r)),
    total: rows[0]?.total ?? 0,
    page: q.page,
    pageSize: PAGE_SIZE,
    assignable: assignableRoles(ctx),
  };
}

export async function getStaffMember(ctx: StaffContext, userId: string) {
  const rows = await ctx.sql<Row[]>`
    select u.id, u.name, u.email, u.status, (u.totp_enabled_at is not null) as "mfaEnabled", u.last_sign_in_at as "lastSignInAt",
      coalesce((select json_agg(json_build_object('role', r.role, 'schoolId', r.school_id, 'schoolName', s.name) order by s.name nulls first, r.role)
                from role_assignments r left join schools s on s.id = r.school_id where r.user_id = u.id), '[]') as roles,
      array(select r.school_id from role_assignments r where r.user_id = u.id) as "roleSchoolIds", 1 as total
    from users u where u.id = ${userId} and u.partnership_id = ${ctx.scope.partnershipId}`;
  const row = rows[0];
  // Someone outside the viewer's schools is "not found", not "forbidden": we don't confirm they exist.
  const resource = reveal(ctx.principal, staffPolicy, 'read', { id: userId, row: row && { userId: row.id, status: row.status, roleSchoolIds: row.roleSchoolIds } });
  const managed = managedSchools(ctx.principal);
  const canSeeAll = staffPolicy.can(ctx.principal, 'read', { ...resource, roleSchoolIds: [null] });
  return present(ctx, { ...row!, roles: canSeeAll ? row!.roles : row!.roles.filter((r) => r.schoolId && managed?.includes(r.schoolId)) });
}

function present(ctx: StaffContext, row: Row) {
  const { total: _total, roleSchoolIds, ...rest } = row;
  const resource = { userId: row.id, status: row.status, roleSchoolIds };
  const { editRoles, deactivate, reactivate, resendInvitation } = staffPolicy.allowed(ctx.principal, resource);
  return {
    ...rest,
    roles: row.roles.map((r) => ({ ...r, label: catalogue[r.role]?.label ?? r.role })),
    allowed: { editRoles, deactivate, reactivate, resendInvitation },
  };
}

function assignableRoles(ctx: StaffContext) {
  const managed = managedSchools(ctx.principal);
  return roleNames
    .filter((role) => managed === null || catalogue[role].scope === 'school')
    .filter((role) => managed === null || managed.some((s) => canAssign(ctx.principal, role, s)))
    .map((role) => ({ role, label: catalogue[role].label, schoolIds: catalogue[role].scope === 'partnership' ? null : managed }));
}
