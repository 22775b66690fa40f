import type { Db, Sql } from '../../db/index.ts';
import type { RoleAssignment } from '../access/principal.ts';
import { randomToken, sha256 } from './tokens.ts';

export const SESSION_COOKIE = 'lr_session';

export interface SessionSettings {
  idleMinutes: number;
  maxHours: number;
}

export interface SessionRow {
  id: string;
  userId: string;
  partnershipId: string;
  mfaVerified: boolean;
  mfaEnrolled: boolean;
  csrfToken: string;
  lastSeenAt: Date;
  /** Who the user is and may be, loaded with the session: one round trip per request. */
  name: string;
  email: string;
  roles: RoleAssignment[];
  classIds: string[];
}

export async function createSession(
  db: Db,
  settings: SessionSettings,
  opts: { userId: string; mfaVerified: boolean; ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken();
  await db`
    insert into sessions (id, user_id, mfa_verified, csrf_token, ip, user_agent, expires_at)
    values (${sha256(token)}, ${opts.userId}, ${opts.mfaVerified}, ${csrfToken}, ${opts.ip}, ${opts.userAgent},
            now() + make_interval(hours => ${settings.maxHours}))`;
  return { token, csrfToken };
}

/**
 * The live session for a cookie token, or null when it is unknown, past its
 * hard end, idle too long, or its user is no longer active.
 */
export async function loadSession(sql: Sql, settings: SessionSettings, token: string): Promise<SessionRow | null> {
  const [row] = await sql<SessionRow[]>`
    select s.id, s.user_id as "userId", u.partnership_id as "partnershipId", s.mfa_verified as "mfaVerified",
           (u.totp_enabled_at is not null) as "mfaEnrolled", s.csrf_token as "csrfToken", s.last_seen_at as "lastSeenAt",
           u.name, u.email,
           coalesce((select json_agg(json_build_object('role', r.role, 'schoolId', r.school_id)) from role_assignments r where r.user_id = u.id), '[]') as roles,
           coalesce((select array_agg(c.class_id) from class_staff c where c.user_id = u.id), '{}') as "classIds"
    from sessions s join users u on u.id = s.user_id
    where s.id = ${sha256(token)} and s.expires_at > now()
      and s.last_seen_at > now() - make_interval(mins => ${settings.idleMinutes})
      and u.status = 'active'`;
  if (!row) return null;
  // Touch at most once a minute: the idle clock needs no finer grain, and it saves a write per request.
  if (Date.now() - row.lastSeenAt.getTime() > 60_000) {
    await sql`update sessions set last_seen_at = now() where id = ${row.id}`;
  }
  return row;
}

/**
 * The second factor succeeded: the session continues under a new token and a
 * new CSRF token, with its second factor verified; the old token is dead
 * (OWASP ASVS 3.2.1: a new session token on authentication). The hard end
 * stays where it was.
 */
export async function upgradeSession(db: Db, sessionId: string): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken();
  await db`
    insert into sessions (id, user_id, mfa_verified, csrf_token, ip, user_agent, created_at, last_seen_at, expires_at)
    select ${sha256(token)}, user_id, true, ${csrfToken}, ip, user_agent, created_at, now(), expires_at
    from sessions where id = ${sessionId}`;
  await deleteSession(db, sessionId);
  return { token, csrfToken };
}

export const deleteSession = (db: Db, sessionId: string) => db`delete from sessions where id = ${sessionId}`;

export const deleteUserSessions = (db: Db, userId: string) => db`delete from sessions where user_id = ${userId}`;
