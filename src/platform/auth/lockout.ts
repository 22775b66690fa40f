import type { Db } from '../../db/index.ts';
import { sha256 } from './tokens.ts';

/** Five wrong passwords, or five wrong codes, in a row lock the address for 15 minutes (NCSC: slow guessing, don't lock forever). */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;

/**
 * Lockout is kept per address, known or not, so an unknown address fails,
 * locks and answers exactly as a known one (no account enumeration). Wrong
 * passwords and wrong second-factor codes have separate counters: the right
 * password does not wipe the wrong codes, nor the reverse.
 */
export type FailureKind = 'password' | 'code';

const addressHash = (email: string) => sha256(email.trim().toLowerCase());

/** When the address is locked, until when; otherwise null. */
export async function lockedUntil(db: Db, email: string): Promise<Date | null> {
  const [row] = await db<{ until: Date }[]>`
    select locked_until as until from sign_in_throttle where address_hash = ${addressHash(email)} and locked_until > now()`;
  return row?.until ?? null;
}

/** Counts a failure; returns the end of the lock when this one locked the address. */
export async function recordFailure(db: Db, email: string, kind: FailureKind): Promise<Date | null> {
  // Addresses that stopped failing a day ago are forgotten: the table does not grow with sprayed addresses.
  await db`delete from sign_in_throttle where updated_at < now() - interval '1 day' and (locked_until is null or locked_until < now())`;
  const column = kind === 'password' ? 'password_failures' : 'code_failures';
  const [row] = await db<{ failures: number; until: Date | null }[]>`
    insert into sign_in_throttle as t (address_hash, ${db(column)}) values (${addressHash(email)}, 1)
    on conflict (address_hash) do update set ${db(column)} = t.${db(column)} + 1, updated_at = now()
    returning ${db(column)} as failures, locked_until as until`;
  if (row!.failures < LOCKOUT_THRESHOLD) return null;
  const [locked] = await db<{ until: Date }[]>`
    update sign_in_throttle set ${db(column)} = 0, locked_until = now() + make_interval(mins => ${LOCKOUT_MINUTES})
    where address_hash = ${addressHash(email)} returning locked_until as until`;
  return locked!.until;
}

/** A success of this kind clears its own counter only. */
export const clearFailures = (db: Db, email: string, kind: FailureKind) =>
  kind === 'password'
    ? db`update sign_in_throttle set password_failures = 0 where address_hash = ${addressHash(email)} and password_failures > 0`
    : db`update sign_in_throttle set code_failures = 0 where address_hash = ${addressHash(email)} and code_failures > 0`;

/** A new password set through a mailed link proves the address: the lock ends. */
export const unlock = (db: Db, email: string) => db`delete from sign_in_throttle where address_hash = ${addressHash(email)}`;
