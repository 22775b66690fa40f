import { createHash, randomBytes } from 'node:crypto';

/** 256 bits of randomness, URL-safe: session, invite and reset tokens. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Tokens are stored hashed; sha-256 suffices for 256-bit random tokens (no guessing to slow down). */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
