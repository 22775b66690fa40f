import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/platform/auth/totp.ts';
import type { TestApp } from '../helpers/app.ts';
import * as f from '../helpers/factories.ts';
import { account, changeEmailAtProvider, clientWith, expectRefused, FAILED, oidcJourney, oidcProviderRow, REDIRECT_URI, sessionCookie, startOidc, stopOidc } from './oidc-fixtures.ts';

/** OIDC sign-in against a real OpenID provider (see oidc-fixtures.ts). */

let t: TestApp;
let partnershipA: { id: string; name: string };
let partnershipB: { id: string; name: string };
let schoolA: string;
let providerA: string;

beforeAll(async () => {
  ({ t, partnershipA, partnershipB, schoolA, providerA } = await startOidc());
});
afterAll(() => stopOidc());

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

// ------------------------------------------------------------------ matching on sub

describe('OIDC matches on the issuer and subject, not on the address', () => {
  const signedInAs = async (res: Awaited<ReturnType<typeof oidcJourney>>['result']) => (await clientWith(res).get('/api/auth/session')).json().user?.id as string | undefined;

  it('links the subject at the first sign-in; a later address at the provider does not take over another account', async () => {
    const u = await f.user(t.sql, partnershipA.id, { roles: [{ role: 'oco', schoolId: schoolA }] });
    const v = await f.user(t.sql, partnershipA.id, { roles: [{ role: 'oco', schoolId: schoolA }] });
    const acc = account(u.email);
    expect(await signedInAs((await oidcJourney(providerA, acc)).result)).toBe(u.id);
    const [linked] = await t.sql`select issuer, subject from oidc_identities where user_id = ${u.id}`;
    expect(linked).toMatchObject({ subject: acc });
    expect(await t.sql`select 1 from audit_log where action = 'auth.oidc_linked' and entity_id = ${u.id}`).toHaveLength(1);

    // The provider's account now carries v's address: it is still u.
    changeEmailAtProvider(acc, v.email);
    expect(await signedInAs((await oidcJourney(providerA, acc)).result)).toBe(u.id);
    expect(await countSessions(v.id)).toBe(0);
  });

  it("refuses another provider account with a linked user's address", async () => {
    const u = await f.user(t.sql, partnershipA.id, { roles: [{ role: 'oco', schoolId: schoolA }] });
    await oidcJourney(providerA, account(u.email));
    const sessions = await countSessions(u.id);
    const { result } = await oidcJourney(providerA, account(u.email));
    expectRefused(result);
    expect(await lastRefusal(providerA)).toBe('other_subject');
    expect(await countSessions(u.id)).toBe(sessions);
  });

  it('refuses a linked subject once its account is deactivated, without falling back to the address', async () => {
    const u = await f.user(t.sql, partnershipA.id, { roles: [{ role: 'oco', schoolId: schoolA }] });
    const acc = account(u.email);
    await oidcJourney(providerA, acc);
    await t.sql`update users set status = 'deactivated' where id = ${u.id}`;
    expectRefused((await oidcJourney(providerA, acc)).result);
    expect(await lastRefusal(providerA)).toBe('unknown_user');
  });
});

// ------------------------------------------------------------------ the provider's own second factor

describe("trusting the provider's multi-factor sign-in (amr)", () => {
  it('skips our code when the partnership trusts this provider and it reports a second factor', async () => {
    const trusting = await oidcProviderRow(partnershipA.id, { trustIdpMfa: true });
    const u = await f.user(t.sql, partnershipA.id, { roles: [{ role: 'oco', schoolId: schoolA }] });
    const { result } = await oidcJourney(trusting, account(u.email, true, ['pwd', 'mfa']));
    const c = clientWith(result);
    expect((await c.get('/api/auth/session')).json().mfa).toBe('verified');
    expect((await c.get('/api/schools')).statusCode).toBe(200);
    const [row] = await t.sql`select details from audit_log where action = 'auth.sign_in' and entity_id = ${u.id}`;
    expect(row!.details).toMatchObject({ method: 'oidc', providerId: trusting, mfa: 'provider', amr: ['pwd', 'mfa'] });
  });

  it('still asks our code when the provider reports one factor, or when the partnership does not trust it', async () => {
    const trusting = await oidcProviderRow(partnershipA.id, { trustIdpMfa: true });
    const u = await f.user(t.sql, partnershipA.id, { roles: [{ role: 'oco', schoolId: schoolA }] });
    const w = await f.user(t.sql, partnershipA.id, { roles: [{ role: 'oco', schoolId: schoolA }] });
    const onlyPassword = await oidcJourney(trusting, account(u.email, true, ['pwd']));
    expect((await clientWith(onlyPassword.result).get('/api/auth/session')).json().mfa).toBe('required');
    const notTrusted = await oidcJourney(providerA, account(w.email, true, ['pwd', 'mfa']));
    expect((await clientWith(notTrusted.result).get('/api/auth/session')).json().mfa).toBe('required');
  });
});
