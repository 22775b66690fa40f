import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import { randomToken, sha256 } from './tokens.ts';

const ISSUER = 'Leerrecht';

const totpFor = (secretBase32: string, label: string) =>
  new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1', // what every authenticator app supports (RFC 6238 default)
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });

export const newTotpSecret = (): string => new OTPAuth.Secret({ size: 20 }).base32;

export async function enrolmentDetails(secret: string, email: string) {
  const uri = totpFor(secret, email).toString();
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

/**
 * The 30 s time step the code belongs to, or null: the current step and one
 * either side (clock drift). The caller accepts a step only once (RFC 6238
 * §5.2), so it gets the step, not a yes.
 */
export function totpStep(secret: string, code: string, timestamp = Date.now()): number | null {
  const totp = totpFor(secret, 'x');
  const delta = totp.validate({ token: code.replace(/\s/g, ''), window: 1, timestamp });
  return delta === null ? null : totp.counter({ timestamp }) + delta;
}

/** The code an authenticator app shows now, or `steps` periods later (tests). */
export const currentTotp = (secret: string, steps = 0): string => totpFor(secret, 'x').generate({ timestamp: Date.now() + steps * 30_000 });

/** Ten single-use recovery codes like 'k3f9-2m8q-x7pa', stored hashed. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: 10 }, () => {
    const raw = randomToken(9).toLowerCase().replace(/[^a-z0-9]/g, '').padEnd(12, '0').slice(0, 12);
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
  });
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

export const hashRecoveryCode = (code: string): string => sha256(code.trim().toLowerCase());
