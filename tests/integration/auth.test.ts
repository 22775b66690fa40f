import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/platform/auth/totp.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { Client, signIn } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

let t: TestApp;
let partnershipId: string;
let schoolId: string;
beforeAll(async () => {
  t = await createTestApp();
  partnershipId = (await f.partnership(t.sql)).id;
  schoolId = (await f.school(t.sql, partnershipId, (await f.board(t.sql, partnershipId)).id)).id;
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('signs in with password and TOTP, and reaches staff endpoints only after the second factor', async () => {
    const u = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId }] });
    const c = new Client(t.app);
    const res = await c.post('/api/auth/sign-in', { email: u.email, password: u.password });
    expect(res.json()).toEqual({ next: 'mfa' });
    await c.refreshCsrf();
    expect((await c.get('/api/schools')).json().error.code).toBe('MFA_REQUIRED');
    expect((await c.post('/api/auth/mfa/verify', { code: '000000' })).statusCode).toBe(400);
    expect((await c.post('/api/auth/mfa/verify', { code: currentTotp(u.totpSecret!) })).statusCode).toBe(200);
    expect((await c.get('/api/schools')).statusCode).toBe(200);
  });

  it('gives one message for a wrong password and an unknown address', async () => {
    const u = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId }] });
    const c = new Client(t.app);
    const wrong = await c.post('/api/auth/sign-in', { email: u.email, password: 'wrong password!!' });
    const unknown = await c.post('/api/auth/sign-in', { email: 'nobody@test.leerrecht.nl', password: 'wrong password!!' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toEqual(unknown.json().error);
  });

  it('locks the account after five failures, also for the right password, and logs it', async () => {
    const u = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId }] });
    const c = new Client(t.app);
    for (let i = 0; i < 5; i++) await c.post('/api/auth/sign-in', { email: u.email, password: 'wrong password!!' });
    const res = await c.post('/api/auth/sign-in', { email: u.email, password: u.password });
    expect(res.statusCode).toBe(423);
    expect(res.json().error.message).toMatch(/geblokkeerd/);
    const [row] = await t.sql`select count(*)::int as n from audit_log where entity_id = ${u.id} and action = 'auth.locked'`;
    expect(row!.n).toBe(1);
  });

  it('ends the session after inactivity', async () => {
    const u = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId }] });
    const c = await signIn(t.app, u);
    expect((await c.get('/api/schools')).statusCode).toBe(200);
    await t.sql`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = ${u.id}`;
    expect((await c.get('/api/schools')).json().error.code).toBe('UNAUTHENTICATED');
  });

  it('signs out: the cookie no longer works', async () => {
    const u = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId }] });
    const c = await signIn(t.app, u);
    const cookie = c.cookie;
    expect((await c.post('/api/auth/sign-out')).statusCode).toBe(200);
    c.cookie = cookie;
    expect((await c.get('/api/schools')).statusCode).toBe(401);
  });

  it('refuses a state change without the CSRF token', async () => {
    const u = await f.user(t.sql, partnershipId, { roles: [{ role: 'swv_admin', schoolId: null }] });
    const c = await signIn(t.app, u);
    c.csrf = null;
    const res = await c.post('/api/boards', { name: 'Stichting X', boardNumber: '12345' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF');
  });
});

describe('second factor enrolment', () => {
  it('enrols with a QR code, confirms with a code, and a recovery code works once', async () => {
    const u = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId }], mfa: false });
    const c = new Client(t.app);
    expect((await c.post('/api/auth/sign-in', { email: u.email, password: u.password })).json()).toEqual({ next: 'enrol' });
    await c.refreshCsrf();
    const enrol = (await c.post('/api/auth/mfa/enrolment')).json();
    expect(enrol.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(enrol.uri).toMatch(/^otpauth:\/\/totp\/Leerrecht:/);
    const confirm = await c.post('/api/auth/mfa/enrolment/confirm', { code: currentTotp(enrol.secret) });
    const { recoveryCodes } = confirm.json();
    expect(recoveryCodes).toHaveLength(10);
    expect((await c.get('/api/schools')).statusCode).toBe(200);

    const c2 = new Client(t.app);
    await c2.post('/api/auth/sign-in', { email: u.email, password: u.password });
    await c2.refreshCsrf();
    expect((await c2.post('/api/auth/mfa/verify', { code: recoveryCodes[0] })).statusCode).toBe(200);
    const c3 = new Client(t.app);
    await c3.post('/api/auth/sign-in', { email: u.email, password: u.password });
    await c3.refreshCsrf();
    expect((await c3.post('/api/auth/mfa/verify', { code: recoveryCodes[0] })).statusCode).toBe(400);
  });
});

describe('password reset', () => {
  it('mails a link; the link sets a new password once and ends old sessions', async () => {
    const u = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId }] });
    const old = await signIn(t.app, u);
    const c = new Client(t.app);
    expect((await c.post('/api/auth/password/forgot', { email: u.email.toUpperCase() })).statusCode).toBe(200);
    const [mail] = await t.sql`select text_body from outbox where to_address = ${u.email} order by id desc limit 1`;
    const token = /#token=([\w-]+)/.exec(mail!.text_body)![1]!;
    expect((await c.post('/api/auth/password/reset', { token, password: 'kort' })).statusCode).toBe(400);
    expect((await c.post('/api/auth/password/reset', { token, password: 'een nieuw lang wachtwoord' })).statusCode).toBe(200);
    expect((await c.post('/api/auth/password/reset', { token, password: 'nog een ander wachtwoord' })).json().error.code).toBe('BAD_TOKEN');
    expect((await old.get('/api/schools')).statusCode).toBe(401);
    await signIn(t.app, { ...u, password: 'een nieuw lang wachtwoord' });
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const c = new Client(t.app);
    const res = await c.post('/api/auth/password/forgot', { email: 'onbekend@test.leerrecht.nl' });
    expect(res.json()).toEqual({ ok: true });
    const rows = await t.sql`select 1 from outbox where to_address = 'onbekend@test.leerrecht.nl'`;
    expect(rows).toHaveLength(0);
  });
});
