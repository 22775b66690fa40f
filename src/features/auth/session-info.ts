import type { Sql } from '../../db/index.ts';
import { principalOf } from '../../platform/access/principal.ts';
import { roles as roleCatalogue, type Role } from '../../platform/access/roles.ts';
import type { SessionInfo } from '../../platform/access/session-schema.ts';
import type { SessionRow } from '../../platform/auth/sessions.ts';
import type { Capabilities } from '../../platform/http/context.ts';

export async function sessionInfo(sql: Sql, session: SessionRow | null, capabilities: Capabilities): Promise<SessionInfo> {
  if (!session) return { signedIn: false, mfa: null, csrfToken: null, user: null };
  const [user] = await sql<{ id: string; name: string; email: string; partnershipId: string; partnershipName: string }[]>`
    select u.id, u.name, u.email, p.id as "partnershipId", p.name as "partnershipName"
    from users u join partnerships p on p.id = u.partnership_id where u.id = ${session.userId}`;
  const roles = await sql<{ role: Role; schoolId: string | null; schoolName: string | null }[]>`
    select r.role, r.school_id as "schoolId", s.name as "schoolName"
    from role_assignments r left join schools s on s.id = r.school_id where r.user_id = ${session.userId}
    order by s.name nulls first, r.role`;
  const principal = principalOf(session);
  const schools = new Map(roles.filter((r) => r.schoolId !== null).map((r) => [r.schoolId!, r.schoolName ?? 'School']));
  return {
    signedIn: true,
    mfa: session.mfaVerified ? 'verified' : session.mfaEnrolled ? 'required' : 'enrol',
    csrfToken: session.csrfToken,
    user: {
      id: user!.id,
      name: user!.name,
      email: user!.email,
      partnership: { id: user!.partnershipId, name: user!.partnershipName },
      roles: roles.map((r) => ({ ...r, label: roleCatalogue[r.role]?.label ?? r.role })),
      may: capabilities.everywhere(principal),
      schools: [...schools].map(([id, name]) => ({ id, name, may: capabilities.at(principal, id) })),
    },
  };
}
