import type { Sql } from '../../db/index.ts';
import { transaction } from '../../db/index.ts';
import { isSealed, type SecretBox } from '../../platform/secrets.ts';
import { totpContext } from './mfa.ts';
import { clientSecretContext } from './oidc.ts';

/**
 * At start, before anything listens: secrets stored as plain text by an
 * older version (TOTP secrets, OIDC client secrets) are encrypted in place,
 * in one transaction. Returns how many values it encrypted; 0 once done.
 */
export async function encryptPlaintextSecrets(sql: Sql, secrets: SecretBox): Promise<number> {
  return transaction(sql, async (tx) => {
    let count = 0;
    const seal = (value: string | null, context: string) => {
      if (value === null || isSealed(value)) return value;
      count += 1;
      return secrets.seal(value, context);
    };
    const users = await tx<{ id: string; secret: string | null; pending: string | null }[]>`
      select id, totp_secret as secret, totp_pending_secret as pending from users
      where totp_secret not like 'v1:%' or totp_pending_secret not like 'v1:%' for update`;
    for (const u of users) {
      await tx`update users set totp_secret = ${seal(u.secret, totpContext(u.id))}, totp_pending_secret = ${seal(u.pending, totpContext(u.id))} where id = ${u.id}`;
    }
    const providers = await tx<{ id: string; secret: string }[]>`
      select id, client_secret as secret from oidc_providers where client_secret not like 'v1:%' for update`;
    for (const p of providers) {
      await tx`update oidc_providers set client_secret = ${seal(p.secret, clientSecretContext(p.id))} where id = ${p.id}`;
    }
    return count;
  });
}
