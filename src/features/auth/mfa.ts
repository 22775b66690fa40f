import type { Sql, Tx } from '../../db/index.ts';
import { transaction } from '../../db/index.ts';
import { audit, type AuditActor } from '../../platform/audit.ts';
import { clearFailures, lockedUntil, recordFailure } from '../../platform/auth/lockout.ts';
import { upgradeSession, type SessionRow } from '../../platform/auth/sessions.ts';
import { enrolmentDetails, hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpStep } from '../../platform/auth/totp.ts';
import { AppError, fail } from '../../platform/errors.ts';
import type { SecretBox } from '../../platform/secrets.ts';
import { lockedError } from './sign-in.ts';

/** A user's TOTP secret (pending or enrolled) is stored encrypted, bound to that user. */
export const totpContext = (userId: string) => `totp:${userId}`;

/** Start enrolment: a new secret, kept pending (encrypted) until a first code proves the app has it. */
export async function startEnrolment(sql: Sql, secrets: SecretBox, session: SessionRow) {
  if (session.mfaEnrolled) fail('CONFLICT', 'Tweestapsverificatie is al ingesteld voor dit account.');
  const secret = newTotpSecret();
  const [user] = await sql<{ email: string }[]>`
    update users set totp_pending_secret = ${secrets.seal(secret, totpContext(session.userId))} where id = ${session.userId} returning email`;
  return enrolmentDetails(secret, user!.email);
}

/** Enrolment ends with a verified second factor: the session gets new tokens as after a code. */
export async function confirmEnrolment(sql: Sql, secrets: SecretBox, actor: AuditActor, session: SessionRow, code: string) {
  if (session.mfaEnrolled) fail('CONFLICT', 'Tweestapsverificatie is al ingesteld voor dit account.');
  const [user] = await sql<{ pending: string | null }[]>`select totp_pending_secret as pending from users where id = ${session.userId}`;
  if (!user?.pending) fail('BAD_CODE', 'Start het instellen opnieuw: er is geen QR-code aangemaakt.');
  const step = totpStep(secrets.open(user!.pending!, totpContext(session.userId)), code);
  if (step === null) fail('BAD_CODE');
  const { codes, hashes } = newRecoveryCodes();
  const tokens = await transaction(sql, async (tx) => {
    await tx`update users set totp_secret = totp_pending_secret, totp_pending_secret = null, totp_enabled_at = now(), totp_last_step = ${step}
             where id = ${session.userId}`;
    await tx`delete from recovery_codes where user_id = ${session.userId}`;
    await tx`insert into recovery_codes ${tx(hashes.map((h) => ({ user_id: session.userId, code_hash: h })))}`;
    await audit(tx, actor, { action: 'auth.mfa_enrolled', entityType: 'user', entityId: session.userId });
    return upgradeSession(tx, session.id);
  });
  return { recoveryCodes: codes, session: tokens };
}

/**
 * Second step of sign-in: a code from the app or an unused recovery code.
 * A code's time step is accepted once, in whichever session (RFC 6238 §5.2).
 * Wrong codes have their own counter towards the lockout, which a correct
 * password does not reset. Success gives the session new tokens.
 */
export async function verifySecondFactor(sql: Sql, secrets: SecretBox, actor: AuditActor, session: SessionRow, code: string) {
  const [user] = await sql<{ secret: string | null }[]>`select totp_secret as secret from users where id = ${session.userId}`;
  if (!user?.secret) fail('BAD_CODE', 'Stel eerst tweestapsverificatie in.');
  const locked = await lockedUntil(sql, session.email);
  if (locked) throw lockedError(locked);
  const step = totpStep(secrets.open(user!.secret!, totpContext(session.userId)), code);
  const result = await transaction(sql, async (tx) => {
    const method = (step !== null && (await useStep(tx, session.userId, step))) ? 'totp' : (await useRecoveryCode(tx, session.userId, code)) ? 'recovery_code' : null;
    if (!method) {
      const lockedNow = await recordFailure(tx, session.email, 'code');
      await audit(tx, actor, { action: lockedNow ? 'auth.locked' : 'auth.mfa_failed', entityType: 'user', entityId: session.userId });
      return { lockedNow };
    }
    await clearFailures(tx, session.email, 'code');
    await audit(tx, actor, { action: 'auth.mfa_verified', entityType: 'user', entityId: session.userId, details: { method } });
    return { tokens: await upgradeSession(tx, session.id) };
  });
  if (result.tokens) return result.tokens;
  throw result.lockedNow ? lockedError(result.lockedNow) : new AppError('BAD_CODE');
}

/** Takes the time step when it is later than the last one accepted; false for a replayed code. */
async function useStep(tx: Tx, userId: string, step: number): Promise<boolean> {
  const rows = await tx`update users set totp_last_step = ${step}
    where id = ${userId} and (totp_last_step is null or totp_last_step < ${step}) returning 1`;
  return rows.length === 1;
}

async function useRecoveryCode(tx: Tx, userId: string, code: string): Promise<boolean> {
  const rows = await tx`update recovery_codes set used_at = now()
    where user_id = ${userId} and code_hash = ${hashRecoveryCode(code)} and used_at is null returning 1`;
  return rows.length === 1;
}
