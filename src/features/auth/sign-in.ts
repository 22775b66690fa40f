import type { Sql } from '../../db/index.ts';
import { transaction } from '../../db/index.ts';
import { roleRequiresMfa, type Role } from '../../platform/access/roles.ts';
import { audit, type AuditActor } from '../../platform/audit.ts';
import { clearFailures, lockedUntil, recordFailure } from '../../platform/auth/lockout.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { createSession, type SessionSettings } from '../../platform/auth/sessions.ts';
import { AppError } from '../../platform/errors.ts';
import { formatTime } from '../../platform/time.ts';

interface UserForSignIn {
  id: string;
  partnershipId: string;
  status: string;
  passwordHash: string | null;
  mfaEnrolled: boolean;
  roles: Role[];
}

/** The answer for a locked address, known or not. */
export const lockedError = (until: Date) =>
  new AppError('LOCKED', `Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen. Probeer het na ${formatTime(until)} opnieuw, of herstel uw wachtwoord.`);

/**
 * Password sign-in. A known and an unknown address take the same path: one
 * argon2 verification, the same lockout by address, the same answers
 * (OWASP ASVS 2.2.1; no account enumeration by status, text or time).
 */
export async function signIn(
  sql: Sql,
  settings: SessionSettings,
  actor: AuditActor,
  input: { email: string; password: string },
): Promise<{ token: string; next: 'mfa' | 'enrol' | 'done' }> {
  const [user] = await sql<UserForSignIn[]>`
    select u.id, u.partnership_id as "partnershipId", u.status, u.password_hash as "passwordHash",
           (u.totp_enabled_at is not null) as "mfaEnrolled",
           coalesce(array(select role from role_assignments r where r.user_id = u.id), '{}') as roles
    from users u where lower(u.email) = ${input.email} and not u.email_in_use`;
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  const locked = await lockedUntil(sql, input.email);
  if (locked) throw lockedError(locked);
  if (!user || !ok || user.status !== 'active') {
    const until = await transaction(sql, async (tx) => {
      const lockedNow = await recordFailure(tx, input.email, 'password');
      if (user) await audit(tx, { ...actor, partnershipId: user.partnershipId, userId: user.id }, { action: lockedNow ? 'auth.locked' : 'auth.sign_in_failed', entityType: 'user', entityId: user.id });
      return lockedNow;
    });
    throw until ? lockedError(until) : new AppError('BAD_CREDENTIALS');
  }
  const needsMfa = user.roles.some(roleRequiresMfa);
  const next = !needsMfa ? 'done' : user.mfaEnrolled ? 'mfa' : 'enrol';
  return transaction(sql, async (tx) => {
    await clearFailures(tx, input.email, 'password');
    await tx`update users set last_sign_in_at = now() where id = ${user.id}`;
    const { token } = await createSession(tx, settings, { userId: user.id, mfaVerified: !needsMfa, ip: actor.ip, userAgent: actor.userAgent });
    await audit(tx, { ...actor, partnershipId: user.partnershipId, userId: user.id }, { action: 'auth.sign_in', entityType: 'user', entityId: user.id, details: { method: 'password' } });
    return { token, next };
  });
}
