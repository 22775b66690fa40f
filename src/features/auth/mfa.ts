import type { Sql } from '../../db/index.ts';
import { transaction } from '../../db/index.ts';
import { audit, type AuditActor } from '../../platform/audit.ts';
import { markSessionMfaVerified, type SessionRow } from '../../platform/auth/sessions.ts';
import { enrolmentDetails, hashRecoveryCode, newRecoveryCodes, newTotpSecret, verifyTotp } from '../../platform/auth/totp.ts';
import { AppError, fail } from '../../platform/errors.ts';
import { LOCKOUT_MINUTES, LOCKOUT_THRESHOLD } from './sign-in.ts';

/** Start enrolment: a new secret, kept pending until a first code proves the app has it. */
export async function startEnrolment(sql: Sql, session: SessionRow) {
  if (session.mfaEnrolled) fail('CONFLICT', 'Tweestapsverificatie is al ingesteld voor dit account.');
  const secret = newTotpSecret();
  const [user] = await sql<{ email: string }[]>`
    update users set totp_pending_secret = ${secret} where id = ${session.userId} returning email`;
  return enrolmentDetails(secret, user!.email);
}

export async function confirmEnrolment(sql: Sql, actor: AuditActor, session: SessionRow, code: string) {
  if (session.mfaEnrolled) fail('CONFLICT', 'Tweestapsverificatie is al ingesteld voor dit account.');
  const [user] = await sql<{ pending: string | null }[]>`select totp_pending_secret as pending from users where id = ${session.userId}`;
  if (!user?.pending) fail('BAD_CODE', 'Start het instellen opnieuw: er is geen QR-code aangemaakt.');
  if (!verifyTotp(user!.pending!, code)) fail('BAD_CODE');
  const { codes, hashes } = newRecoveryCodes();
  await transaction(sql, async (tx) => {
    await tx`update users set totp_secret = totp_pending_secret, totp_pending_secret = null, totp_enabled_at = now() where id = ${session.userId}`;
    await tx`delete from recovery_codes where user_id = ${session.userId}`;
    await tx`insert into recovery_codes ${tx(hashes.map((h) => ({ user_id: session.userId, code_hash: h })))}`;
    await markSessionMfaVerified(tx, session.id);
    await audit(tx, actor, { action: 'auth.mfa_enrolled', entityType: 'user', entityId: session.userId });
  });
  return { recoveryCodes: codes };
}

/**
 * Second step of sign-in: a code from the app or an unused recovery code.
 * Wrong codes count towards the same lockout as wrong passwords.
 */
export async function verifySecondFactor(sql: Sql, actor: AuditActor, session: SessionRow, code: string) {
  const [user] = await sql<{ secret: string | null; lockedUntil: Date | null }[]>`
    select totp_secret as secret, locked_until as "lockedUntil" from users where id = ${session.userId}`;
  if (!user?.secret) fail('BAD_CODE', 'Stel eerst tweestapsverificatie in.');
  if (user!.lockedUntil && user!.lockedUntil > new Date()) throw new AppError('LOCKED');
  const method = verifyTotp(user!.secret!, code) ? 'totp' : (await useRecoveryCode(sql, session.userId, code)) ? 'recovery_code' : null;
  await transaction(sql, async (tx) => {
    if (method) {
      await tx`update users set failed_attempts = 0 where id = ${session.userId}`;
      await markSessionMfaVerified(tx, session.id);
    } else {
      await tx`update users set failed_attempts = failed_attempts + 1,
        locked_until = case when failed_attempts + 1 >= ${LOCKOUT_THRESHOLD} then now() + make_interval(mins => ${LOCKOUT_MINUTES}) end
        where id = ${session.userId}`;
    }
    await audit(tx, actor, { action: method ? 'auth.mfa_verified' : 'auth.mfa_failed', entityType: 'user', entityId: session.userId, details: method ? { method } : {} });
  });
  if (!method) fail('BAD_CODE');
}

async function useRecoveryCode(sql: Sql, userId: string, code: string): Promise<boolean> {
  const rows = await sql`update recovery_codes set used_at = now()
    where user_id = ${userId} and code_hash = ${hashRecoveryCode(code)} and used_at is null returning 1`;
  return rows.length === 1;
}
