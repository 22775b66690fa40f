import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientSecretContext } from '../../src/features/auth/oidc.ts';
import { oidcProviderInputs } from '../../src/features/auth/oidc-schema.ts';
import type { TestApp } from '../helpers/app.ts';
import { Client, signIn } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';
import { account, CLIENT_ID, CLIENT_SECRET, FAILED, oidcJourney, oidcProviderRow, REDIRECT_URI, startOidc, stopOidc } from './oidc-fixtures.ts';

/** The sign-in page's list of providers, and the admin's pages for them (provider: see oidc-fixtures.ts). */

let t: TestApp;
let issuer: string;
let partnershipA: { id: string; name: string };
let partnershipB: { id: string; name: string };
let schoolA: string;
let providerA: string;
let providerB: string;

beforeAll(async () => {
  ({ t, issuer, partnershipA, partnershipB, schoolA, providerA, providerB } = await startOidc());
});
afterAll(() => stopOidc());

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
    // Stored encrypted (AES-256-GCM with SECRET_KEY), bound to this provider.
    const stored = async () => (await t.sql`select client_secret from oidc_providers where id = ${id}`)[0]!.client_secret as string;
    expect(await stored()).toMatch(/^v1:/);
    expect(await stored()).not.toContain(input.clientSecret);
    expect(f.testSecrets.open(await stored(), clientSecretContext(id))).toBe(input.clientSecret);
    const sealed = await stored();
    expect(() => f.testSecrets.open(sealed, clientSecretContext(providerA))).toThrow();

    const list = await admin.get('/api/oidc-providers');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(input.clientSecret);
    expect(list.json().redirectUri).toBe(REDIRECT_URI);
    expect(list.json().providers.find((p: { id: string }) => p.id === id)).toEqual({
      id, label: input.label, issuer: input.issuer, clientId: input.clientId, hasSecret: true, enabled: true, trustIdpMfa: false,
    });

    const newSecret = `nieuw-${randomUUID()}`;
    const patched = await admin.patch(`/api/oidc-providers/${id}`, { label: 'Entree (nieuw)', enabled: false, clientSecret: newSecret });
    expect(patched.statusCode).toBe(200);
    const [row] = await t.sql`select label, enabled, issuer from oidc_providers where id = ${id}`;
    expect(row).toEqual({ label: 'Entree (nieuw)', enabled: false, issuer: input.issuer });
    // Trusting the provider's own second factor is the admin's choice, per provider, and logged.
    expect((await admin.patch(`/api/oidc-providers/${id}`, { trustIdpMfa: true })).statusCode).toBe(200);
    expect((await admin.get('/api/oidc-providers')).json().providers.find((p: { id: string }) => p.id === id).trustIdpMfa).toBe(true);
    const [trusted] = await t.sql`select details from audit_log where entity_id = ${id} and action = 'oidc_provider.update' order by id desc limit 1`;
    expect(trusted!.details).toMatchObject({ fields: ['trustIdpMfa'], trustIdpMfa: true });
    expect(await stored()).not.toContain(newSecret);
    expect(f.testSecrets.open(await stored(), clientSecretContext(id))).toBe(newSecret);
    expect((await admin.get('/api/oidc-providers')).body).not.toContain(newSecret);

    const audits = await t.sql`select action, actor_user_id, partnership_id, details::text as details from audit_log where entity_id = ${id} order by id`;
    expect(audits.map((a) => a.action)).toEqual(['oidc_provider.create', 'oidc_provider.update', 'oidc_provider.update']);
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
