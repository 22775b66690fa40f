import type { LightMyRequestResponse } from 'fastify';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

/**
 * OIDC sign-in against a real OpenID provider (oidc-provider) running in this
 * test on 127.0.0.1. Leerrecht is reached through app.inject; the provider
 * through real HTTP, with a small cookie jar like a browser's.
 *
 * Shared by oidc.test.ts (sign-in) and oidc-providers.test.ts (the list and
 * the admin's pages); each test file gets its own provider and app.
 */

export const PUBLIC_URL = 'http://leerrecht.test';
export const REDIRECT_URI = `${PUBLIC_URL}/api/auth/oidc/callback`;
export const CLIENT_ID = 'leerrecht';
export const CLIENT_SECRET = `geheim-${randomUUID()}`;
export const FAILED = '/inloggen?fout=oidc';

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
  /** How the provider says this person signed in (RFC 8176), e.g. ['pwd', 'mfa']. */
  amr?: string[];
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
    // The ID token carries amr, as Entra ID's does.
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'] },
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
    const amr = accounts.get(loginAs)?.amr;
    const url = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: loginAs, ...(amr ? { amr } : {}) } }, { mergeWithLastSubmission: false });
    ctx.redirect(url);
  });
  handler = provider.callback();
}

// ------------------------------------------------------------------ the browser

/** The journey start → provider → callback, as a browser would make it. */
export async function oidcJourney(providerId: string, accountId: string, o: { beforeProvider?: () => Promise<void>; cookies?: Record<string, string> } = {}) {
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

export const sessionCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'lr_session' && c.value);

export function clientWith(res: LightMyRequestResponse): Client {
  const c = new Client(t.app);
  c.cookie = `lr_session=${sessionCookie(res)!.value}`;
  return c;
}

export function expectRefused(res: LightMyRequestResponse) {
  expect(res.statusCode).toBe(302);
  expect(res.headers.location).toBe(FAILED);
  expect(sessionCookie(res)).toBeUndefined();
}

// ------------------------------------------------------------------ setup

/** An enabled provider of a partnership, pointing at the test provider (factory: writes straight to the table). */
export const oidcProviderRow = (partnershipId: string, o: { label?: string; enabled?: boolean; trustIdpMfa?: boolean } = {}) =>
  f.oidcProvider(t.sql, partnershipId, { ...o, issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });

export function account(email: string, emailVerified = true, amr?: string[]): string {
  const id = `acc-${randomUUID()}`;
  accounts.set(id, { email, emailVerified, ...(amr ? { amr } : {}) });
  return id;
}

/** The person changes their address at the provider; the account (and its `sub`) stays. */
export function changeEmailAtProvider(accountId: string, email: string) {
  accounts.get(accountId)!.email = email;
}

let t: TestApp;

/** The provider, the app, two partnerships, and an enabled provider row for each. */
export async function startOidc() {
  await startIdentityProvider();
  t = await createTestApp({ PUBLIC_URL });
  const partnershipA = await f.partnership(t.sql);
  const partnershipB = await f.partnership(t.sql);
  const schoolA = (await f.school(t.sql, partnershipA.id, (await f.board(t.sql, partnershipA.id)).id)).id;
  const providerA = await oidcProviderRow(partnershipA.id);
  const providerB = await oidcProviderRow(partnershipB.id);
  return { t, issuer, partnershipA, partnershipB, schoolA, providerA, providerB };
}

export async function stopOidc() {
  await t?.close();
  await new Promise((resolve) => idpServer?.close(resolve));
}
