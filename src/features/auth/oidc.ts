import * as client from 'openid-client';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Sql } from '../../db/index.ts';
import { transaction } from '../../db/index.ts';
import { audit, type AuditActor } from '../../platform/audit.ts';
import { createSession, deleteSession, type SessionSettings } from '../../platform/auth/sessions.ts';
import { sha256 } from '../../platform/auth/tokens.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { fail } from '../../platform/errors.ts';
import type { SecretBox } from '../../platform/secrets.ts';
import { oidcProviderPolicy } from './policy.ts';
import type { OidcProviderInput, OidcProviderPatch } from './oidc-schema.ts';

/**
 * Sign-in through a partnership's own OpenID Connect provider (e.g. Entree
 * Federatie or the board's Entra ID). The provider only proves who someone is;
 * the account must already exist, be active, and belong to the provider's
 * partnership. Our own second factor is still asked afterwards, unless the
 * admin trusts this provider's own multi-factor sign-in (`amr`; ADR 0004).
 */

/** A started sign-in is valid this long: the user logs in at the provider in between. */
export const OIDC_LOGIN_MINUTES = 10;
/** Binds the started sign-in to the browser that started it (against login CSRF). */
export const OIDC_STATE_COOKIE = 'lr_oidc_state';
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

export interface OidcOptions {
  /** `${PUBLIC_URL}/api/auth/oidc/callback` */
  redirectUri: string;
  /** Plain-http issuers outside production only. */
  allowInsecure: boolean;
  /** Opens the client secrets, which are stored encrypted. */
  secrets: SecretBox;
}

/** A provider's client secret is stored encrypted, bound to that provider. */
export const clientSecretContext = (providerId: string) => `oidc-client-secret:${providerId}`;

export const redirectUriFor = (publicUrl: string) => `${publicUrl.replace(/\/+$/, '')}${OIDC_CALLBACK_PATH}`;

interface ProviderRow {
  id: string;
  partnershipId: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  trustIdpMfa: boolean;
}

/**
 * `amr` values (RFC 8176) that show the provider itself asked a second
 * factor: multiple factors, a one-time code, a hardware or software key, a
 * smart card. Trusted only when the partnership's admin says so per provider.
 */
export const MFA_AMR = ['mfa', 'otp', 'hwk', 'swk', 'sc'] as const;
const providerDidMfa = (amr: unknown) => Array.isArray(amr) && amr.some((v) => (MFA_AMR as readonly unknown[]).includes(v));

// ---------------------------------------------------------------- discovery

const DISCOVERY_TTL_MS = 15 * 60_000;
const discovered = new Map<string, { at: number; config: Promise<client.Configuration> }>();

/**
 * The provider's metadata, fetched once per quarter hour per provider setting.
 * The key includes the settings, so an admin's change takes effect at once.
 */
function clientConfig(p: ProviderRow, opts: OidcOptions): Promise<client.Configuration> {
  const key = sha256([p.id, p.issuer, p.clientId, p.clientSecret, String(opts.allowInsecure)].join('\n'));
  const hit = discovered.get(key);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
  for (const [k, v] of discovered) if (Date.now() - v.at >= DISCOVERY_TTL_MS) discovered.delete(k);
  const config = client.discovery(
    new URL(p.issuer),
    p.clientId,
    { client_secret: p.clientSecret },
    client.ClientSecretBasic(p.clientSecret),
    // Deliberate: plain-http issuers outside production only (a local test or development provider).
    { execute: opts.allowInsecure ? [client.allowInsecureRequests] : [], timeout: 10 },
  );
  discovered.set(key, { at: Date.now(), config });
  // A failed discovery is not cached: the next sign-in tries again.
  config.catch(() => discovered.delete(key));
  return config;
}

const enabledProvider = async (sql: Sql, secrets: SecretBox, id: string): Promise<ProviderRow | null> => {
  const [p] = await sql<ProviderRow[]>`
    select id, partnership_id as "partnershipId", issuer, client_id as "clientId", client_secret as "clientSecret", trust_idp_mfa as "trustIdpMfa"
    from oidc_providers where id = ${id} and enabled`;
  return p ? { ...p, clientSecret: secrets.open(p.clientSecret, clientSecretContext(p.id)) } : null;
};

// ---------------------------------------------------------------- sign-in

/** The buttons on the sign-in page. A label used by two partnerships gets the partnership's name. */
export async function listProviderOptions(sql: Sql): Promise<{ id: string; label: string }[]> {
  const rows = await sql<{ id: string; label: string; partnership: string; shared: boolean }[]>`
    select o.id, o.label, p.name as partnership,
      (count(*) over (partition by lower(o.label))) > 1 as shared
    from oidc_providers o join partnerships p on p.id = o.partnership_id
    where o.enabled order by o.label, p.name`;
  return rows.map((r) => ({ id: r.id, label: r.shared ? `${r.label} (${r.partnership})` : r.label }));
}

/**
 * Start: remember state, nonce and PKCE verifier, and send the browser to the
 * provider. Null when the provider is unknown, disabled or unreachable.
 */
export async function startOidcLogin(sql: Sql, opts: OidcOptions, providerId: string): Promise<{ url: string; state: string } | null> {
  const p = await enabledProvider(sql, opts.secrets, providerId);
  if (!p) return null;
  const config = await clientConfig(p, opts);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
  await sql`delete from oidc_logins where created_at < now() - make_interval(mins => ${OIDC_LOGIN_MINUTES})`;
  await sql`insert into oidc_logins (state, provider_id, code_verifier, nonce) values (${state}, ${p.id}, ${codeVerifier}, ${nonce})`;
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: opts.redirectUri,
    scope: 'openid email',
    state,
    nonce,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
  });
  return { url: url.href, state };
}

export type OidcFailure =
  | 'no_state'
  | 'state_mismatch'
  | 'unknown_state'
  | 'expired'
  | 'provider_disabled'
  | 'exchange_failed'
  | 'no_email'
  | 'email_unverified'
  | 'unknown_user'
  | 'other_subject';

export type OidcResult = { ok: true; token: string; userId: string } | { ok: false; reason: OidcFailure };

const sameString = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const isUnverified = (v: unknown) => v === false || v === 'false';

/**
 * The provider sent the browser back. The state is used up whatever happens
 * next; only an active user of the provider's partnership with that verified
 * address gets a session, and that session still needs our second factor.
 */
export async function finishOidcLogin(
  sql: Sql,
  settings: SessionSettings,
  actor: AuditActor,
  opts: OidcOptions,
  input: { search: string; cookieState: string | undefined; previousSessionId: string | null },
): Promise<OidcResult> {
  const currentUrl = new URL(opts.redirectUri);
  currentUrl.search = input.search;
  const state = currentUrl.searchParams.get('state');
  if (!state) return { ok: false, reason: 'no_state' };
  if (!input.cookieState || !sameString(input.cookieState, state)) return { ok: false, reason: 'state_mismatch' };

  const [login] = await sql<{ providerId: string; codeVerifier: string; nonce: string; fresh: boolean }[]>`
    delete from oidc_logins where state = ${state}
    returning provider_id as "providerId", code_verifier as "codeVerifier", nonce,
      created_at > now() - make_interval(mins => ${OIDC_LOGIN_MINUTES}) as fresh`;
  if (!login) return { ok: false, reason: 'unknown_state' };
  if (!login.fresh) return { ok: false, reason: 'expired' };
  const p = await enabledProvider(sql, opts.secrets, login.providerId);
  if (!p) return { ok: false, reason: 'provider_disabled' };

  const failed = async (reason: OidcFailure): Promise<OidcResult> => {
    await audit(sql, { ...actor, partnershipId: p.partnershipId, userId: null }, {
      action: 'auth.sign_in_failed',
      entityType: 'oidc_provider',
      entityId: p.id,
      details: { method: 'oidc', providerId: p.id, reason },
    });
    return { ok: false, reason };
  };

  let claims: Record<string, unknown>;
  try {
    const config = await clientConfig(p, opts);
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedNonce: login.nonce,
      expectedState: state,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    claims = { ...idClaims };
    // Many providers put the address only in the userinfo answer.
    if (typeof idClaims.email !== 'string' && config.serverMetadata().userinfo_endpoint) {
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...claims, email: info.email, email_verified: info.email_verified };
    }
  } catch {
    return failed('exchange_failed');
  }
  const account = await accountFor(sql, p, claims);
  if ('reason' in account) return failed(account.reason);
  const mfaByProvider = p.trustIdpMfa && providerDidMfa(claims.amr);

  return transaction(sql, async (tx) => {
    if (account.link) {
      await tx`insert into oidc_identities (issuer, subject, user_id) values (${account.link.issuer}, ${account.link.subject}, ${account.userId})`;
      await audit(tx, { ...actor, partnershipId: p.partnershipId, userId: account.userId }, {
        action: 'auth.oidc_linked',
        entityType: 'user',
        entityId: account.userId,
        details: { providerId: p.id, issuer: account.link.issuer },
      });
    }
    if (input.previousSessionId) await deleteSession(tx, input.previousSessionId);
    await tx`update users set last_sign_in_at = now() where id = ${account.userId}`;
    const { token } = await createSession(tx, settings, { userId: account.userId, mfaVerified: mfaByProvider, ip: actor.ip, userAgent: actor.userAgent });
    await audit(tx, { ...actor, partnershipId: p.partnershipId, userId: account.userId }, {
      action: 'auth.sign_in',
      entityType: 'user',
      entityId: account.userId,
      details: { method: 'oidc', providerId: p.id, ...(mfaByProvider ? { mfa: 'provider', amr: claims.amr } : {}) },
    });
    return { ok: true as const, token, userId: account.userId };
  });
}

/**
 * Who the provider's answer is. Matched on the issuer's `sub`, which stays
 * when the person's address changes; the address is used once, to link the
 * `sub` to an active account of this partnership with that verified address
 * that has no `sub` at this issuer yet (the person the admin invited). After
 * that, a changed or reused address at the provider cannot reach another
 * account (ADR 0004).
 */
async function accountFor(
  sql: Sql,
  p: ProviderRow,
  claims: Record<string, unknown>,
): Promise<{ userId: string; link: { issuer: string; subject: string } | null } | { reason: OidcFailure }> {
  const issuer = String(claims.iss);
  const subject = String(claims.sub);
  const [linked] = await sql<{ userId: string; ok: boolean }[]>`
    select i.user_id as "userId", (u.partnership_id = ${p.partnershipId} and u.status = 'active') as ok
    from oidc_identities i join users u on u.id = i.user_id where i.issuer = ${issuer} and i.subject = ${subject}`;
  if (linked) return linked.ok ? { userId: linked.userId, link: null } : { reason: 'unknown_user' };

  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!email) return { reason: 'no_email' };
  if (isUnverified(claims.email_verified)) return { reason: 'email_unverified' };
  const [user] = await sql<{ id: string; hasSubject: boolean }[]>`
    select u.id, exists (select 1 from oidc_identities i where i.issuer = ${issuer} and i.user_id = u.id) as "hasSubject"
    from users u
    where lower(u.email) = ${email} and u.partnership_id = ${p.partnershipId} and u.status = 'active' and not u.email_in_use`;
  if (!user) return { reason: 'unknown_user' };
  if (user.hasSubject) return { reason: 'other_subject' };
  return { userId: user.id, link: { issuer, subject } };
}

// ---------------------------------------------------------------- admin

const selectProviders = (ctx: StaffContext) => ctx.sql<
  { id: string; label: string; issuer: string; clientId: string; hasSecret: boolean; enabled: boolean; trustIdpMfa: boolean }[]
>`
  select id, label, issuer, client_id as "clientId", (client_secret <> '') as "hasSecret", enabled, trust_idp_mfa as "trustIdpMfa"
  from oidc_providers where partnership_id = ${ctx.scope.partnershipId} order by label, created_at`;

export async function listProviders(ctx: StaffContext, redirectUri: string) {
  oidcProviderPolicy.authorize(ctx.principal, 'list', {});
  return { providers: await selectProviders(ctx), redirectUri };
}

export async function createProvider(ctx: StaffContext, secrets: SecretBox, input: OidcProviderInput) {
  oidcProviderPolicy.authorize(ctx.principal, 'create', {});
  const id = randomUUID();
  return transaction(ctx.sql, async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into oidc_providers (id, partnership_id, label, issuer, client_id, client_secret, trust_idp_mfa)
      values (${id}, ${ctx.scope.partnershipId}, ${input.label}, ${input.issuer}, ${input.clientId}, ${secrets.seal(input.clientSecret, clientSecretContext(id))},
              ${input.trustIdpMfa})
      returning id`;
    // The secret itself never goes into the log: only that the fields were set.
    await audit(tx, ctx.actor, { action: 'oidc_provider.create', entityType: 'oidc_provider', entityId: row!.id, details: { issuer: input.issuer, trustIdpMfa: input.trustIdpMfa } });
    return { id: row!.id };
  });
}

export async function updateProvider(ctx: StaffContext, secrets: SecretBox, id: string, patch: OidcProviderPatch) {
  oidcProviderPolicy.authorize(ctx.principal, 'update', {});
  return transaction(ctx.sql, async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      update oidc_providers set
        label = coalesce(${patch.label ?? null}, label),
        issuer = coalesce(${patch.issuer ?? null}, issuer),
        client_id = coalesce(${patch.clientId ?? null}, client_id),
        client_secret = coalesce(${patch.clientSecret === undefined ? null : secrets.seal(patch.clientSecret, clientSecretContext(id))}, client_secret),
        enabled = coalesce(${patch.enabled ?? null}, enabled),
        trust_idp_mfa = coalesce(${patch.trustIdpMfa ?? null}, trust_idp_mfa)
      where id = ${id} and partnership_id = ${ctx.scope.partnershipId} returning id`;
    if (!row) fail('NOT_FOUND');
    const fields = Object.keys(patch).filter((k) => patch[k as keyof OidcProviderPatch] !== undefined);
    await audit(tx, ctx.actor, { action: 'oidc_provider.update', entityType: 'oidc_provider', entityId: id, details: { fields, ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}), ...(patch.trustIdpMfa !== undefined ? { trustIdpMfa: patch.trustIdpMfa } : {}) } });
    return { id };
  });
}
