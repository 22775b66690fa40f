import type { Sql } from '../../db/index.ts';
import { transaction } from '../../db/index.ts';
import { roleRequiresMfa, type Role } from '../../platform/access/roles.ts';
import { audit, type AuditActor } from '../../platform/audit.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { createSession, type SessionSettings } from '../../platform/auth/sessions.ts';
import { AppError } from '../../platform/errors.ts';
import { formatTime } from '../../platform/time.ts';

/** Five wrong passwords in a row lock the account for 15 minutes (NCSC: slow guessing, don't lock forever). */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;

interface UserForSignIn {
  id: string;
  partnershipId: string;
  status: string;
  passwordHash: string | null;
  failedAttempts: number;
  lockedUntil: Date | null;
  mfaEnrolled: boolean;
  roles: Role[];
}

export async function signIn(
  sql: Sql,
  settings: SessionSettings,
  actor: AuditActor,
  input: { email: string; password: string },
): Promise<{ token: string; next: 'mfa' | 'enrol' | 'done' }> {
  const [user] = await sql<UserForSignIn[]>`
    select u.id, u.partnership_id as "partnershipId", u.status, u.password_hash as "passwordHash",
           u.failed_attempts as "failedAttempts", u.locked_until as "lockedUntil",
           (u.totp_enabled_at is not null) as "mfaEnrolled",
           coalesce(array(select role from role_assignments r where r.user_id = u.id), '{}') as roles
    from users u where lower(u.email) = ${input.email}`;
  if (user?.lockedUntil && user.lockedUntil > new Date()) {
    throw new AppError('LOCKED', `Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen. Probeer het na ${formatTime(user.lockedUntil)} opnieuw, of herstel uw wachtwoord.`);
  }
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok || user.status !== 'active') {
    if (user) await recordFailure(sql, { ...actor, partnershipId: user.partnershipId, userId: user.id }, user);
    throw new AppError('BAD_CREDENTIALS');
  }
  const needsMfa = user.roles.some(roleRequiresMfa);
  const next = !needsMfa ? 'done' : user.mfaEnrolled ? 'mfa' : 'enrol';
  return transaction(sql, async (tx) => {
    await tx`update users set failed_attempts = 0, locked_until = null, last_sign_in_at = now() where id = ${user.id}`;
    const { token } = await createSession(tx, settings, { userId: user.id, mfaVerified: !needsMfa, ip: actor.ip, userAgent: actor.userAgent });
    await audit(tx, { ...actor, partnershipId: user.partnershipId, userId: user.id }, { action: 'auth.sign_in', entityType: 'user', entityId: user.id, details: { method: 'password' } });
    return { token, next };
  });
}

async function recordFailure(sql: Sql, actor: AuditActor, user: UserForSignIn) {
  await transaction(sql, async (tx) => {
    const [row] = await tx<{ failedAttempts: number }[]>`
      update users set failed_attempts = failed_attempts + 1,
        locked_until = case when failed_attempts + 1 >= ${LOCKOUT_THRESHOLD} then now() + make_interval(mins => ${LOCKOUT_MINUTES}) else null end
      where id = ${user.id} returning failed_attempts as "failedAttempts"`;
    const locked = (row?.failedAttempts ?? 0) >= LOCKOUT_THRESHOLD;
    if (locked) await tx`update users set failed_attempts = 0 where id = ${user.id}`;
    await audit(tx, actor, { action: locked ? 'auth.locked' : 'auth.sign_in_failed', entityType: 'user', entityId: user.id });
  });
}
