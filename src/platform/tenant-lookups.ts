import type { Sql } from '../db/index.ts';
import { withTenant } from '../db/tenant.ts';
import { sha256 } from './auth/tokens.ts';

/**
 * Reads on the owner connection, which row-level security does not hold
 * (docs/decisions/0009-row-level-security.md). Each finds which partnership a
 * request or job belongs to before that is known, and returns only its id;
 * the work itself then runs on the tenant pool as that partnership.
 *
 * The complete list of code that uses the owner connection:
 * - migrations, the demo and bench seeds, the test fixtures, and the start's
 *   one-off encryption of secrets stored before (server/main.ts);
 * - the gate: the session behind a cookie (platform/auth/sessions.ts loadSession);
 * - these lookups, named in the routes' `config.tenant` and by the jobs (the
 *   public directory of the support offer finds its partnership by its
 *   address), and
 *   parent access's own (features/parent-access/routes.ts: the link's
 *   partnership by its token or the parent's cookie, as only that feature
 *   reads parent_links);
 * - the sign-in page's list of OIDC buttons (labels of every partnership);
 * - inside the database, `address_holder()` (migration 0014): whether an
 *   invited address has an account in any partnership (one per address);
 * - pg-boss (its own schema) and the mail dispatcher (the outbox).
 */
type Owner = Sql;

const first = (rows: { partnershipId: string }[]) => rows[0]?.partnershipId ?? null;

/** Sign-in and password reset start from an address: one account per address across the platform (an invitation to an address in use elsewhere never becomes one). */
export const tenantOfEmail = async (owner: Owner, email: string) =>
  first(await owner<{ partnershipId: string }[]>`
    select partnership_id as "partnershipId" from users where lower(email) = lower(${email}) and not email_in_use`);

/** An invitation or reset link. */
export const tenantOfUserToken = async (owner: Owner, token: string) =>
  first(await owner<{ partnershipId: string }[]>`
    select u.partnership_id as "partnershipId" from user_tokens t join users u on u.id = t.user_id where t.token_hash = ${sha256(token)}`);

/** OIDC sign-in: the provider chosen on the sign-in page … */
export const tenantOfOidcProvider = async (owner: Owner, providerId: string) =>
  first(await owner<{ partnershipId: string }[]>`select partnership_id as "partnershipId" from oidc_providers where id = ${providerId}`);

/** … and the login it started (the state the provider sends back). */
export const tenantOfOidcState = async (owner: Owner, state: string | undefined) =>
  state
    ? first(await owner<{ partnershipId: string }[]>`
        select p.partnership_id as "partnershipId" from oidc_logins l join oidc_providers p on p.id = l.provider_id where l.state = ${state}`)
    : null;

/** A pupil import job. */
export const tenantOfImportJob = async (owner: Owner, jobId: string) =>
  first(await owner<{ partnershipId: string }[]>`select partnership_id as "partnershipId" from import_jobs where id = ${jobId}`);

/** Scheduled jobs do their work once per partnership. */
export const allTenants = async (owner: Owner) => (await owner<{ id: string }[]>`select id from partnerships order by id`).map((r) => r.id);

/** A scheduled job's work, once per partnership, each run on the tenant pool as that partnership. */
export async function forEachTenant(app: { ownerSql: Sql; tenantPool: Sql }, fn: (sql: Sql) => Promise<unknown>): Promise<void> {
  for (const id of await allTenants(app.ownerSql)) await withTenant(app.tenantPool, id, fn);
}

/** The public directory of the support offer: the partnership its address names by DUO registration number ('/aanbod/vo2601'). */
export const tenantOfDirectory = async (owner: Owner, code: string) =>
  first(await owner<{ partnershipId: string }[]>`select id as "partnershipId" from partnerships where lower(registration_number) = lower(${code})`);
