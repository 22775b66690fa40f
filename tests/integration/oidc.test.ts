import type { LightMyRequestResponse } from 'fastify';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcProviderInputs } from '../../src/features/auth/oidc-schema.ts';
import { currentTotp } from '../../src/platform/auth/totp.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { Client, signIn } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

/**
 * OIDC sign-in against a real OpenID provider (oidc-provider) running in this
 * test on 127.0.0.1. Leerrecht is reached through app.inject; the provider
 * through real HTTP, with a small cookie jar like a browser's.
 */

const PUBLIC_URL = 'http://leerrecht.test';
const REDIRECT_URI = `${PUBLIC_URL}/api/auth/oidc/callback`;
const CLIENT_ID = 'leerrecht';
const CLIENT_SECRET = `geheim-${randomUUID()}`;
const FAILED = '/inloggen?fout=oidc';

// ------------------------------------------------------------------ the provider

/** The few parts of oidc-provider (untyped) this test uses. */
interface KoaCtx {
  path: string;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  oidc: { client: { clientId: string }; session: { accountId: string; grantIdFor(clientId: string): string | undefined }; result?: { consent?: { grantId?: string } } };
  redirect(url: string): void;
}
interface OidcGrant {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface OidcProviderInstance {
  use(mw: (ctx: KoaCtx, next: () => Promise<void>) => Promise<void>): void;
  callback(): http.RequestListener;
  interactionResult(req: http.IncomingMessage, res: http.ServerResponse, result: object, opts?: object): Promise<string>;
  Grant: { new (o: { clientId: string; accountId: string }): OidcGrant; find(id: string): Promise<OidcGrant | undefined> };
}
type OidcProviderCtor = new (issuer: string, config: object) => OidcProviderInstance;

interface Account {
  email: string;
  emailVerified: boolean;
}
const accounts = new Map<string, Account>();
/** Who "logs in" at the provider in the next interaction. */
let loginAs = '';
let issuer = '';
let idpServer: http.Server;

async function startIdentityProvider() {
  let handler: http.RequestListener = (_req, res) => res.end();
  idpServer = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => idpServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idpServer.address() as AddressInfo).port}`;

  // oidc-provider ships no types: a non-literal specifier keeps tsc from asking for them.
  const mod = (await import('oidc-provider' as string)) as { default: OidcProviderCtor };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new mod.default(issuer, {
    clients: [
      { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT_URI], grant_types: ['authorization_code'], response_types: ['code'] },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // First-party client: no consent screen, the grant is given on login.
    async loadExistingGrant(ctx: KoaCtx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email');
      await grant.save();
      return grant;
    },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, email: account.email, email_verified: account.emailVerified }) };
    },
  });
  // The login page: whoever the test chose logs in, without a form.
  provider.use(async (ctx, next) => {
    if (!ctx.path.startsWith('/interaction/')) return next();
    const url = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: loginAs } }, { mergeWithLastSubmission: false });
    ctx.redirect(url);
  });
  handler = provider.callback();
}

// ------------------------------------------------------------------ the browser

/** The journey start → provider → callback, as a browser would make it. */
async function oidcJourney(providerId: string, accountId: string, o: { beforeProvider?: () => Promise<void>; cookies?: Record<string, string> } = {}) {
  loginAs = accountId;
  const start = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/${providerId}/start` });
  expect(start.statusCode).toBe(302);
  const stateCookie = start.cookies.find((c) => c.name === 'lr_oidc_state')?.value;
  let url = start.headers.location as string;
  expect(url.startsWith(issuer)).toBe(true);
  await o.beforeProvider?.();

  const jar = new Map<string, string>();
  for (let hops = 0; !url.startsWith(PUBLIC_URL); hops++) {
    if (hops > 10) throw new Error('too many redirects at the provider');
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (value.join('=') === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name!.trim());
      else jar.set(name!.trim(), value.join('='));
    }
    await res.arrayBuffer();
    const location = res.headers.get('location');
    if (!location) throw new Error(`provider answered ${res.status} without redirect: ${url}`);
    url = new URL(location, url).href;
  }
  const callbackUrl = url.slice(PUBLIC_URL.length);
  expect(callbackUrl.startsWith('/api/auth/oidc/callback?')).toBe(true);
  const callback = (cookies: Record<string, string> = stateCookie ? { lr_oidc_state: stateCookie } : {}) =>
    t.app.inject({ method: 'GET', url: callbackUrl, cookies });
  return { result: await callback(o.cookies), callback };
}

const sessionCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'lr_session' && c.value);

function clientWith(res: LightMyRequestResponse): Client {
  const c = new Client(t.app);
  c.cookie = `lr_session=${sessionCookie(res)!.value}`;
  return c;
}

function expectRefused(res: LightMyRequestResponse) {
  expect(res.statusCode).toBe(302);
  expect(res.headers.location).toBe(FAILED);
  expect(sessionCookie(res)).toBeUndefined();
}

// ------------------------------------------------------------------ setup

/** An enabled provider of a partnership, pointing at the test provider (factory: writes straight to the table). */
async function oidcProviderRow(partnershipId: string, o: { label?: string; enabled?: boolean } = {}) {
  const [row] = await t.sql<{ id: string }[]>`
    insert into oidc_providers (partnership_id, label, issuer, client_id, client_secret, enabled)
    values (${partnershipId}, ${o.label ?? `Entree ${randomUUID().slice(0, 6)}`}, ${issuer}, ${CLIENT_ID}, ${CLIENT_SECRET}, ${o.enabled ?? true})
    returning id`;
  return row!.id;
}

function account(email: string, emailVerified = true): string {
  const id = `acc-${randomUUID()}`;
  accounts.set(id, { email, emailVerified });
  return id;
}

let t: TestApp;
let partnershipA: { id: string; name: string };
let partnershipB: { id: string; name: string };
let schoolA: string;
let providerA: string;
let providerB: string;

beforeAll(async () => {
  await startIdentityProvider();
  t = await createTestApp({ PUBLIC_URL });
  partnershipA = await f.partnership(t.sql);
  partnershipB = await f.partnership(t.sql);
  schoolA = (await f.school(t.sql, partnershipA.id, (await f.board(t.sql, partnershipA.id)).id)).id;
  providerA = await oidcProviderRow(partnershipA.id);
  providerB = await oidcProviderRow(partnershipB.id);
});
afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => idpServer?.close(resolve));
});

/** Why the last refused sign-in at this provider was refused (audit row). */
const lastRefusal = async (providerId: string) =>
  (await t.sql`select details->>'reason' as reason from audit_log where action = 'auth.sign_in_failed' and entity_id = ${providerId} order by id desc limit 1`)[0]?.reason as string | undefined;

const countSessions = async (userId: string) => (await t.sql`select count(*)::int as n from sessions where user_id = ${userId}`)[0]!.n as number;

// ------------------------------------------------------------------ sign-in

describe('OIDC sign-in', () => {
  it('signs an active user of the partnership in; the own second factor is still required', async () => {
    const u = await f.user(t.sql, partnershipA.id, { roles: [{ role: 'oco', schoolId: schoolA }] });
    const { result } = await oidcJourney(providerA, account(u.email.toUpperCase()));
    expect(result.statusCode).toBe(302);
    expect(result.headers.location).toBe('/');
    const cookie = sessionCookie(result)!;
    expect(cookie).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax' });
    // The state cookie is cleared on the way back.
    expect(result.cookies.find((c) => c.name === 'lr_oidc_state')?.value).toBe('');

    const c = clientWith(result);
    const info = (await c.get('/api/auth/session')).json();
    expect(info).toMatchObject({ signedIn: true, mfa: 'required', user: { id: u.id, partnership: { id: partnershipA.id } } });
    c.csrf = info.csrfToken;
    expect((await c.get('/api/schools')).json().error.code).toBe('MFA_REQUIRED');
    expect((await c.post('/api/auth/mfa/verify', { code: currentTotp(u.totpSecret!) })).statusCode).toBe(200);
    expect((await c.get('/api/schools')).statusCode).toBe(200);

    const audits = await t.sql`select partnership_id, actor_user_id, details from audit_log where entity_id = ${u.id} and action = 'auth.sign_in'`;
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ partnership_id: partnershipA.id, actor_user_id: u.id, details: { method: 'oidc', providerId: providerA } });
  });

  it('asks a user without an authenticator app to enrol one', async () => {
    const u = await f.user(t.sql, partnershipA.id, { roles: [{ role: 'oco', schoolId: schoolA }], mfa: false });
    const { result } = await oidcJourney(providerA, account(u.email));
    expect((await clientWith(result).get('/api/auth/session')).json().mfa).toBe('enrol');
  });

  it('refuses an address that has no account: no session, no new user', async () => {
    const email = `onbekend-${randomUUID().slice(0, 8)}@test.leerrecht.nl`;
    const { result } = await oidcJourney(providerA, account(email));
    expectRefused(result);
    expect(await t.sql`select 1 from users where lower(email) = ${email}`).toHaveLength(0);
    const [failed] = await t.sql`select details from audit_log where action = 'auth.sign_in_failed' and entity_id = ${providerA} order by id desc limit 1`;
    expect(failed!.details).toEqual({ method: 'oidc', providerId: providerA, reason: 'unknown_user' });
  });

  it("refuses a user of another partnership, even with the same verified address", async () => {
    const other = await f.user(t.sql, partnershipB.id, { roles: [{ role: 'swv_admin', schoolId: null }] });
    const { result } = await oidcJourney(providerA, account(other.email));
    expectRefused(result);
    expect(await lastRefusal(providerA)).toBe('unknown_user');
    expect(await countSessions(other.id)).toBe(0);
  });

  it('refuses a deactivated or not yet activated user', async () => {
    for (const status of ['deactivated', 'invited']) {
      const u = await f.user(t.sql, partnershipA.id, { roles: [{ role: 'oco', schoolId: schoolA }], status });
      const { result } = await oidcJourney(providerA, account(u.email));
      expectRefused(result);
      expect(await lastRefusal(providerA)).toBe('unknown_user');
      expect(await countSessions(u.id)).toBe(0);
    }
  });

  it('refuses an address the provider has not verified', async () => {
    const u = await f.user(t.sql, partnershipA.id, { roles: [{ role: 'oco', schoolId: schoolA }] });
    const { result } = await oidcJourney(providerA, account(u.email, false));
    expectRefused(result);
    expect(await lastRefusal(providerA)).toBe('email_unverified');
    expect(await countSessions(u.id)).toBe(0);
  });

  it('uses a state once: the same answer again is refused', async () => {
    const u = await f.user(t.sql, partnershipA.id, { roles: [{ role: 'oco', schoolId: schoolA }] });
    const { result, callback } = await oidcJourney(providerA, account(u.email));
    expect(sessionCookie(result)).toBeDefined();
    expectRefused(await callback());
    expect(await countSessions(u.id)).toBe(1);
  });

  it('refuses a state older than ten minutes', async () => {
    const u = await f.user(t.sql, partnershipA.id, { roles: [{ role: 'oco', schoolId: schoolA }] });
    let state = '';
    const { result } = await oidcJourney(providerA, account(u.email), {
      beforeProvider: async () => {
        const [row] = await t.sql`update oidc_logins set created_at = now() - interval '11 minutes'
          where provider_id = ${providerA} and created_at > now() - interval '1 minute' returning state`;
        state = row!.state;
      },
    });
    expect(state).not.toBe('');
    expectRefused(result);
    expect(await countSessions(u.id)).toBe(0);
    expect(await t.sql`select 1 from oidc_logins where state = ${state}`).toHaveLength(0);
  });

  it('refuses an answer in a browser that did not start the sign-in (login CSRF)', async () => {
    const u = await f.user(t.sql, partnershipA.id, { roles: [{ role: 'oco', schoolId: schoolA }] });
    const { result, callback } = await oidcJourney(providerA, account(u.email), { cookies: {} });
    expectRefused(result);
    expectRefused(await callback({ lr_oidc_state: 'een-andere-state' }));
    expect(await countSessions(u.id)).toBe(0);
    // The browser that did start it can still finish.
    expect(sessionCookie(await callback())).toBeDefined();
  });

  it('refuses an answer without a state or with a made-up one', async () => {
    expectRefused(await t.app.inject({ method: 'GET', url: '/api/auth/oidc/callback?code=abc' }));
    expectRefused(await t.app.inject({ method: 'GET', url: '/api/auth/oidc/callback?code=abc&state=verzonnen', cookies: { lr_oidc_state: 'verzonnen' } }));
  });

  it('sends the browser back to the sign-in page for an unknown or disabled provider', async () => {
    const disabled = await oidcProviderRow(partnershipA.id, { enabled: false });
    for (const id of [disabled, randomUUID()]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/${id}/start` });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe(FAILED);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/oidc/geen-id/start' })).statusCode).toBe(400);
  });

  it('sends PKCE, a nonce and the configured redirect URI to the provider', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/${providerA}/start` });
    const url = new URL(res.headers.location as string);
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('scope')).toBe('openid email');
    const [row] = await t.sql`select provider_id, code_verifier from oidc_logins where state = ${url.searchParams.get('state')}`;
    expect(row).toMatchObject({ provider_id: providerA });
    expect(url.href).not.toContain(row!.code_verifier);
  });
});

describe('GET /api/auth/oidc/providers', () => {
  it('lists enabled providers of all partnerships, a shared label with its partnership', async () => {
    const shared = `Gedeeld ${randomUUID().slice(0, 6)}`;
    const a = await oidcProviderRow(partnershipA.id, { label: shared });
    const b = await oidcProviderRow(partnershipB.id, { label: shared });
    const off = await oidcProviderRow(partnershipA.id, { enabled: false });
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/providers' });
    expect(res.statusCode).toBe(200);
    const list = res.json() as { id: string; label: string }[];
    expect(list.find((p) => p.id === a)?.label).toBe(`${shared} (${partnershipA.name})`);
    expect(list.find((p) => p.id === b)?.label).toBe(`${shared} (${partnershipB.name})`);
    expect(list.find((p) => p.id === providerA)?.label).not.toContain('(');
    expect(list.some((p) => p.id === off)).toBe(false);
    for (const p of list) expect(Object.keys(p).sort()).toEqual(['id', 'label']);
  });
});

// ------------------------------------------------------------------ admin

describe('managing providers', () => {
  let admin: Client;
  let oco: Client;
  let otherAdmin: Client;
  beforeAll(async () => {
    admin = await signIn(t.app, await f.user(t.sql, partnershipA.id, { roles: [{ role: 'swv_admin', schoolId: null }] }));
    oco = await signIn(t.app, await f.user(t.sql, partnershipA.id, { roles: [{ role: 'oco', schoolId: schoolA }] }));
    otherAdmin = await signIn(t.app, await f.user(t.sql, partnershipB.id, { roles: [{ role: 'swv_admin', schoolId: null }] }));
  });
  const count = async (partnershipId: string) => (await t.sql`select count(*)::int as n from oidc_providers where partnership_id = ${partnershipId}`)[0]!.n as number;
  const input = { label: 'Entree Federatie', issuer: 'https://login.entree.example.nl', clientId: 'leerrecht-swv', clientSecret: `s3cr3t-${randomUUID()}` };

  it('lets the admin add, list and change a provider; the secret never comes back', async () => {
    const created = await admin.post('/api/oidc-providers', input);
    expect(created.statusCode).toBe(200);
    const { id } = created.json();
    expect(created.body).not.toContain(input.clientSecret);

    const list = await admin.get('/api/oidc-providers');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(input.clientSecret);
    expect(list.json().redirectUri).toBe(REDIRECT_URI);
    expect(list.json().providers.find((p: { id: string }) => p.id === id)).toEqual({
      id, label: input.label, issuer: input.issuer, clientId: input.clientId, hasSecret: true, enabled: true,
    });

    const newSecret = `nieuw-${randomUUID()}`;
    const patched = await admin.patch(`/api/oidc-providers/${id}`, { label: 'Entree (nieuw)', enabled: false, clientSecret: newSecret });
    expect(patched.statusCode).toBe(200);
    const [row] = await t.sql`select label, enabled, client_secret, issuer from oidc_providers where id = ${id}`;
    expect(row).toEqual({ label: 'Entree (nieuw)', enabled: false, client_secret: newSecret, issuer: input.issuer });
    expect((await admin.get('/api/oidc-providers')).body).not.toContain(newSecret);

    const audits = await t.sql`select action, actor_user_id, partnership_id, details::text as details from audit_log where entity_id = ${id} order by id`;
    expect(audits.map((a) => a.action)).toEqual(['oidc_provider.create', 'oidc_provider.update']);
    expect(audits.every((a) => a.partnership_id === partnershipA.id && a.actor_user_id)).toBe(true);
    for (const a of audits) {
      expect(a.details).not.toContain(input.clientSecret);
      expect(a.details).not.toContain(newSecret);
    }
  });

  it('refuses other roles (403) and anonymous callers (401), writing nothing', async () => {
    const before = await count(partnershipA.id);
    for (const res of [await oco.get('/api/oidc-providers'), await oco.post('/api/oidc-providers', input), await oco.patch(`/api/oidc-providers/${providerA}`, { enabled: false })]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    const anon = new Client(t.app);
    for (const res of [await anon.get('/api/oidc-providers'), await anon.post('/api/oidc-providers', input), await anon.patch(`/api/oidc-providers/${providerA}`, { enabled: false })]) {
      expect(res.statusCode).toBe(401);
    }
    expect(await count(partnershipA.id)).toBe(before);
    expect((await t.sql`select enabled from oidc_providers where id = ${providerA}`)[0]!.enabled).toBe(true);
  });

  it("does not show or change another partnership's provider (404)", async () => {
    const res = await otherAdmin.patch(`/api/oidc-providers/${providerA}`, { enabled: false });
    expect(res.statusCode).toBe(404);
    expect((await t.sql`select enabled from oidc_providers where id = ${providerA}`)[0]!.enabled).toBe(true);
    const list = (await otherAdmin.get('/api/oidc-providers')).json();
    expect(list.providers.some((p: { id: string }) => p.id === providerA)).toBe(false);
    expect(list.providers.some((p: { id: string }) => p.id === providerB)).toBe(true);
    expect((await admin.patch(`/api/oidc-providers/${randomUUID()}`, { enabled: false })).statusCode).toBe(404);
  });

  it('rejects bad input with a message per field and writes nothing', async () => {
    const before = await count(partnershipA.id);
    const auditsBefore = (await t.sql`select count(*)::int as n from audit_log where action like 'oidc_provider.%'`)[0]!.n;
    const res = await admin.post('/api/oidc-providers', { label: '', issuer: 'ftp://login.example.nl', clientId: '' });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION');
    expect(error.fields.map((x: { path: string }) => x.path).sort()).toEqual(['clientId', 'clientSecret', 'issuer', 'label']);
    expect(error.fields.find((x: { path: string }) => x.path === 'issuer').message).toMatch(/adres/);

    for (const body of [{}, { issuer: 'geen url' }, { issuer: 'https://login.example.nl/?x=1' }, { enabled: 'ja' }]) {
      const bad = await admin.patch(`/api/oidc-providers/${providerA}`, body);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION');
    }
    expect(await count(partnershipA.id)).toBe(before);
    expect((await t.sql`select issuer, enabled from oidc_providers where id = ${providerA}`)[0]).toEqual({ issuer, enabled: true });
    expect((await t.sql`select count(*)::int as n from audit_log where action like 'oidc_provider.%'`)[0]!.n).toBe(auditsBefore);
  });

  it('accepts a plain-http issuer only outside production', () => {
    const body = { ...input, issuer: 'http://127.0.0.1:9999' };
    expect(oidcProviderInputs(true).Input.safeParse(body).success).toBe(true);
    const prod = oidcProviderInputs(false).Input.safeParse(body);
    expect(prod.success).toBe(false);
    expect(prod.error!.issues[0]!.message).toMatch(/https/);
  });

  it('a provider added by the admin works for sign-in at once', async () => {
    const created = await admin.post('/api/oidc-providers', { label: 'Test-IdP', issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    const u = await f.user(t.sql, partnershipA.id, { roles: [{ role: 'oco', schoolId: schoolA }] });
    const { result } = await oidcJourney(created.json().id, account(u.email));
    expect(result.headers.location).toBe('/');
    await admin.patch(`/api/oidc-providers/${created.json().id}`, { enabled: false });
    const res = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/${created.json().id}/start` });
    expect(res.headers.location).toBe(FAILED);
  });
});
