import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id with the library's defaults (OWASP's recommended minimum: 19 MiB,
 * 2 iterations). A stored hash carries its own parameters, so raising them
 * later needs no migration.
 */
export const hashPassword = (password: string): Promise<string> => hash(password);

export const verifyPassword = async (stored: string | null, password: string): Promise<boolean> => {
  if (!stored) {
    // Same work as a real check, so a missing account does not answer faster.
    await hash(password);
    return false;
  }
  return verify(stored, password).catch(() => false);
};
