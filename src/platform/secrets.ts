import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Secrets the app must read back (TOTP seeds, OIDC client secrets) are kept
 * encrypted at rest: AES-256-GCM (node:crypto) with a key from the
 * environment (SECRET_KEY), never from the database. A database dump or
 * backup alone then does not give the second factor away. Each value is
 * bound to where it belongs (the `context`, e.g. `totp:<user id>`), so a
 * sealed value copied to another row does not open there.
 *
 * Stored form: `v1:` + base64url(12-byte IV ‖ 16-byte tag ‖ ciphertext).
 */
export interface SecretBox {
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
}

const PREFIX = 'v1:';

export const isSealed = (value: string): boolean => value.startsWith(PREFIX);

/** 32 bytes from base64 (44 characters) or hex (64 characters); null when it is neither. */
export function parseSecretKey(text: string): Buffer | null {
  const value = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(value) ? Buffer.from(value, 'base64') : null;
  return key?.length === 32 ? key : null;
}

export function secretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('SECRET_KEY must be 32 bytes');
  return {
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed, context) {
      if (!isSealed(sealed)) throw new Error('not an encrypted value');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * Development without SECRET_KEY: a key made once and kept in DATA_DIR
 * (readable by this user only), so a restart still opens what was sealed.
 * Production never comes here: config.ts requires SECRET_KEY there.
 */
export function developmentKey(dataDir: string): Buffer {
  const file = path.resolve(dataDir, 'secret-key');
  if (fs.existsSync(file)) {
    const key = parseSecretKey(fs.readFileSync(file, 'utf8'));
    if (!key) throw new Error(`${file} bevat geen geldige sleutel (32 bytes, base64). Verwijder het bestand niet zomaar: wat ermee versleuteld is, is dan niet meer te lezen.`);
    return key;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
