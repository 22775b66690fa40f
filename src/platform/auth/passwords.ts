import { hash, verify } from '@node-rs/argon2';
import { randomToken } from './tokens.ts';

/**
 * Argon2id with the library's defaults (OWASP's recommended minimum: 19 MiB,
 * 2 iterations). A stored hash carries its own parameters, so raising them
 * later needs no migration.
 */
export const hashPassword = (password: string): Promise<string> => hash(password);

/** A hash of nothing anyone knows, made once: verified against when there is no account or no password. */
let dummy: Promise<string> | null = null;

/**
 * Checks a password; without a stored hash it does the very same work (an
 * argon2 verification with the same parameters) and answers false, so an
 * unknown address does not answer faster (OWASP Authentication Cheat Sheet).
 */
export const verifyPassword = async (stored: string | null, password: string): Promise<boolean> => {
  dummy ??= hash(randomToken());
  const ok = await verify(stored ?? (await dummy), password).catch(() => false);
  return stored !== null && ok;
};
