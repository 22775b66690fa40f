import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

/**
 * A deployment that sets nothing runs as production: no anonymous outbox, no
 * plain-http identity provider, Secure cookies, no forged client address.
 * `NODE_ENV: ''` is "not set" (see loadConfig), so this is the app's own default.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ NODE_ENV: '' });
});
afterAll(async () => {
  await t?.close();
});

describe('production is the default', () => {
  it('runs as production when NODE_ENV is not set', () => {
    expect(t.config.NODE_ENV).toBe('production');
    expect(t.config.development).toBe(false);
  });

  it('has no outbox: mails are not readable without signing in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/outbox' });
    expect(res.statusCode).toBe(404);
  });

  it('refuses a plain-http OIDC issuer', async () => {
    const p = await f.partnership(t.sql);
    const admin = await signIn(t.app, await f.user(t.sql, p.id, { roles: [{ role: 'swv_admin', schoolId: null }] }));
    const input = { label: 'Proef', issuer: 'http://login.example.nl', clientId: 'leerrecht', clientSecret: 'geheim' };
    const res = await admin.post('/api/oidc-providers', input);
    expect(res.statusCode).toBe(400);
    expect((await t.sql`select 1 from oidc_providers where partnership_id = ${p.id}`).length).toBe(0);
    expect((await admin.post('/api/oidc-providers', { ...input, issuer: 'https://login.example.nl' })).statusCode).toBe(200);
  });

  it('sets the session cookie Secure, HttpOnly and SameSite', async () => {
    const p = await f.partnership(t.sql);
    const u = await f.user(t.sql, p.id, { roles: [{ role: 'swv_admin', schoolId: null }] });
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: u.email, password: u.password } });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'lr_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
  });

  it('believes X-Forwarded-For only from a proxy on this machine', async () => {
    const p = await f.partnership(t.sql);
    const u = await f.user(t.sql, p.id, { roles: [{ role: 'swv_admin', schoolId: null }] });
    const attempt = (remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/sign-in', remoteAddress, headers: { 'x-forwarded-for': '198.51.100.7' }, payload: { email: u.email, password: 'fout' } });
    await attempt('203.0.113.9');
    await attempt('127.0.0.1');
    const ips = await t.sql<{ ip: string }[]>`select ip from audit_log where entity_id = ${u.id} order by id`;
    expect(ips.map((r) => r.ip)).toEqual(['203.0.113.9', '198.51.100.7']);
  });
});
