import type { Db, Sql } from '../../db/index.ts';
import { transaction } from '../../db/index.ts';
import { audit, type AuditActor } from '../audit.ts';
import { hashPassword } from './passwords.ts';
import { unlock } from './lockout.ts';
import { deleteUserSessions } from './sessions.ts';
import { randomToken, sha256 } from './tokens.ts';
import { fail } from '../errors.ts';
import { queueMail } from '../mail.ts';

/** An invitation stays valid for 7 days (a staff member may be away a week); a reset link for 1 hour. */
const VALID_HOURS = { invite: 24 * 7, reset: 1 } as const;
type Kind = keyof typeof VALID_HOURS;

export async function issueToken(db: Db, userId: string, kind: Kind): Promise<string> {
  const token = randomToken();
  await db`update user_tokens set used_at = now() where user_id = ${userId} and kind = ${kind} and used_at is null`;
  await db`insert into user_tokens (token_hash, user_id, kind, expires_at)
           values (${sha256(token)}, ${userId}, ${kind}, now() + make_interval(hours => ${VALID_HOURS[kind]}))`;
  return token;
}

async function findToken(db: Db, token: string, kind: Kind) {
  const [row] = await db<{ userId: string; partnershipId: string; name: string; email: string; partnership: string }[]>`
    select t.user_id as "userId", u.partnership_id as "partnershipId", u.name, u.email, p.name as partnership
    from user_tokens t join users u on u.id = t.user_id join partnerships p on p.id = u.partnership_id
    where t.token_hash = ${sha256(token)} and t.kind = ${kind} and t.used_at is null and t.expires_at > now()
      and u.status <> 'deactivated'`;
  return row ?? fail('BAD_TOKEN');
}

export async function invitationInfo(sql: Sql, token: string) {
  const { name, email, partnership } = await findToken(sql, token, 'invite');
  return { name, email, partnership };
}

/** Sets the password from an invitation or reset link; the link works once. */
export async function setPasswordWithToken(sql: Sql, actor: AuditActor, input: { token: string; password: string }, kind: Kind) {
  const passwordHash = await hashPassword(input.password);
  await transaction(sql, async (tx) => {
    const user = await findToken(tx, input.token, kind);
    await tx`update user_tokens set used_at = now() where token_hash = ${sha256(input.token)}`;
    await tx`update users set password_hash = ${passwordHash}, status = 'active' where id = ${user.userId}`;
    await unlock(tx, user.email);
    await deleteUserSessions(tx, user.userId);
    await audit(tx, { ...actor, partnershipId: user.partnershipId, userId: user.userId }, {
      action: kind === 'invite' ? 'auth.invitation_accepted' : 'auth.password_reset',
      entityType: 'user',
      entityId: user.userId,
    });
  });
}

/**
 * The reset form queues this job for every address, known or not, and
 * answers at once: the same answer in the same time, whichever address it is
 * (no account enumeration). The job looks the address up and mails.
 */
export const PASSWORD_RESET_JOB = 'auth.password-reset';
export interface PasswordResetJob {
  email: string;
  ip: string | null;
  userAgent: string | null;
}

export async function mailPasswordReset(sql: Sql, publicUrl: string, job: PasswordResetJob) {
  const { email } = job;
  const actor: AuditActor = { partnershipId: null, userId: null, ip: job.ip, userAgent: job.userAgent };
  const [user] = await sql<{ id: string; name: string; partnershipId: string }[]>`
    select id, name, partnership_id as "partnershipId" from users where lower(email) = ${email} and status = 'active' and not email_in_use`;
  if (!user) return;
  await transaction(sql, async (tx) => {
    const token = await issueToken(tx, user.id, 'reset');
    const link = `${publicUrl}/wachtwoord-herstellen#token=${token}`;
    await queueMail(tx, {
      to: email,
      subject: 'Wachtwoord herstellen voor Leerrecht',
      text: `Beste ${user.name},\n\nU vroeg om een nieuw wachtwoord voor Leerrecht. Kies een nieuw wachtwoord via deze link (1 uur geldig):\n\n${link}\n\nVroeg u dit niet? Dan kunt u deze e-mail negeren; uw wachtwoord blijft hetzelfde.`,
    });
    await audit(tx, { ...actor, partnershipId: user.partnershipId, userId: user.id }, { action: 'auth.password_reset_requested', entityType: 'user', entityId: user.id });
  });
}
