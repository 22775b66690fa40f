import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { totpContext } from '../../src/features/auth/mfa.ts';
import { clientSecretContext } from '../../src/features/auth/oidc.ts';
import { encryptPlaintextSecrets } from '../../src/features/auth/secrets-at-rest.ts';
import { currentTotp } from '../../src/platform/auth/totp.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { Client, signIn } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

/** Counts argon2 work per request: every sign-in answer, known address or not, costs one verification. */
const argon2 = vi.hoisted(() => ({ verify: 0, hash: 0 }));
vi.mock('@node-rs/argon2', async (original) => {
  const real = await original<typeof import('@node-rs/argon2')>();
  return {
    ...real,
    verify: (...a: Parameters<typeof real.verify>) => ((argon2.verify += 1), real.verify(...a)),
    hash: (...a: Parameters<typeof real.hash>) => ((argon2.hash += 1), real.hash(...a)),
  };
});

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
    const mail = await vi.waitFor(async () => {
      const [row] = await t.sql`select text_body from outbox where to_address = ${u.email} order by id desc limit 1`;
      if (!row) throw new Error('no mail yet');
      return row;
    }, { timeout: 15_000, interval: 100 });
    const token = /#token=([\w-]+)/.exec(mail!.text_body)![1]!;
    expect((await c.post('/api/auth/password/reset', { token, password: 'kort' })).statusCode).toBe(400);
    expect((await c.post('/api/auth/password/reset', { token, password: 'een nieuw lang wachtwoord' })).statusCode).toBe(200);
    expect((await c.post('/api/auth/password/reset', { token, password: 'nog een ander wachtwoord' })).json().error.code).toBe('BAD_TOKEN');
    expect((await old.get('/api/schools')).statusCode).toBe(401);
    await signIn(t.app, { ...u, password: 'een nieuw lang wachtwoord' });
  });

  it('answers a known and an unknown address the same way and in the same work: one queued job each, the mail comes later', async () => {
    const u = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId }] });
    const unknown = `onbekend-${u.id.slice(0, 8)}@test.leerrecht.nl`;
    const c = new Client(t.app);
    const answers = [];
    for (const email of [u.email, unknown]) {
      const res = await c.post('/api/auth/password/forgot', { email });
      answers.push({ status: res.statusCode, body: res.json() });
      const [queued] = await t.sql`select count(*)::int as n from ${t.sql(t.jobsSchema)}.job where name = 'auth.password-reset' and data->>'email' = ${email}`;
      expect(queued!.n).toBe(1);
    }
    expect(answers[0]).toEqual({ status: 200, body: { ok: true } });
    expect(answers[1]).toEqual(answers[0]);
    await vi.waitFor(async () => expect(await t.sql`select 1 from outbox where to_address = ${u.email}`).toHaveLength(1), { timeout: 15_000, interval: 100 });
    await vi.waitFor(async () => {
      const [done] = await t.sql`select count(*)::int as n from ${t.sql(t.jobsSchema)}.job where name = 'auth.password-reset' and data->>'email' = ${unknown} and state = 'completed'`;
      expect(done!.n).toBe(1);
    }, { timeout: 15_000, interval: 100 });
    expect(await t.sql`select 1 from outbox where to_address = ${unknown}`).toHaveLength(0);
  });
});

/** The answer without the time in it (a lock ends at a minute that may differ between two calls). */
const answerOf = (res: { statusCode: number; json(): { error: { code: string; message: string } } }) => ({
  status: res.statusCode,
  code: res.json().error.code,
  message: res.json().error.message.replace(/\d{1,2}[:.]\d{2}/g, 'HH:MM'),
});

describe('no account enumeration at sign-in and lockout', () => {
  it('locks an unknown address after five failures just as a known one, with the same answer', async () => {
    const known = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId }] });
    const unknown = `niemand-${known.id.slice(0, 8)}@test.leerrecht.nl`;
    const c = new Client(t.app);
    const trail = async (email: string) => {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(answerOf(await c.post('/api/auth/sign-in', { email, password: 'wrong password!!' })));
      return answers;
    };
    const knownTrail = await trail(known.email);
    expect(knownTrail.at(-1)).toMatchObject({ status: 423, code: 'LOCKED' });
    expect(await trail(unknown)).toEqual(knownTrail);
    // The right password of the locked account answers as the locked unknown address.
    expect(answerOf(await c.post('/api/auth/sign-in', { email: known.email, password: known.password }))).toEqual(knownTrail.at(-1));
  });

  it('answers an invited account without a password as an unknown address', async () => {
    const invited = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId }], status: 'invited' });
    await t.sql`update users set password_hash = null where id = ${invited.id}`;
    const c = new Client(t.app);
    const a = answerOf(await c.post('/api/auth/sign-in', { email: invited.email, password: 'wrong password!!' }));
    const b = answerOf(await c.post('/api/auth/sign-in', { email: 'nog-iemand@test.leerrecht.nl', password: 'wrong password!!' }));
    expect(a).toEqual({ status: 401, code: 'BAD_CREDENTIALS', message: b.message });
  });

  it('does the same argon2 work for every answer: one verification, known or unknown, locked or not', async () => {
    const known = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId }] });
    const invited = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId }], status: 'invited' });
    await t.sql`update users set password_hash = null where id = ${invited.id}`;
    const lockedUnknown = `gesloten-${known.id.slice(0, 8)}@test.leerrecht.nl`;
    const c = new Client(t.app);
    for (let i = 0; i < 5; i++) await c.post('/api/auth/sign-in', { email: lockedUnknown, password: 'wrong password!!' });
    const cases = [
      { email: known.email, password: 'wrong password!!' },
      { email: `nergens-${known.id.slice(0, 8)}@test.leerrecht.nl`, password: 'wrong password!!' },
      { email: invited.email, password: 'wrong password!!' },
      { email: lockedUnknown, password: 'wrong password!!' },
      { email: known.email, password: known.password },
    ];
    for (const body of cases) {
      argon2.verify = 0;
      argon2.hash = 0;
      await c.post('/api/auth/sign-in', body);
      expect({ email: body.email, ...argon2 }).toEqual({ email: body.email, verify: 1, hash: 0 });
    }
  });
});

/** Password sign-in in a new client, up to the code page. */
async function passwordStep(u: f.TestUser) {
  const c = new Client(t.app);
  expect((await c.post('/api/auth/sign-in', { email: u.email, password: u.password })).json()).toEqual({ next: 'mfa' });
  await c.refreshCsrf();
  return c;
}

describe('second factor', () => {
  it('accepts a code once: the same code is refused in another session, a later one works', async () => {
    const u = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId }] });
    const code = currentTotp(u.totpSecret!);
    const first = await passwordStep(u);
    expect((await first.post('/api/auth/mfa/verify', { code })).statusCode).toBe(200);
    const second = await passwordStep(u);
    const replay = await second.post('/api/auth/mfa/verify', { code });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe('BAD_CODE');
    expect((await second.get('/api/schools')).json().error.code).toBe('MFA_REQUIRED');
    // The next code of the app (one step later, within the drift window) is new.
    expect((await second.post('/api/auth/mfa/verify', { code: currentTotp(u.totpSecret!, 1) })).statusCode).toBe(200);
    expect((await second.get('/api/schools')).statusCode).toBe(200);
  });

  it('counts wrong codes apart: a correct password in between does not reset them, the fifth locks', async () => {
    const u = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId }] });
    for (let i = 0; i < 4; i++) {
      // A fresh password sign-in before every wrong code.
      const c = await passwordStep(u);
      expect((await c.post('/api/auth/mfa/verify', { code: '000000' })).statusCode).toBe(400);
    }
    const c = await passwordStep(u);
    const fifth = await c.post('/api/auth/mfa/verify', { code: '000000' });
    expect(fifth.statusCode).toBe(423);
    expect((await c.post('/api/auth/mfa/verify', { code: currentTotp(u.totpSecret!) })).statusCode).toBe(423);
    expect((await new Client(t.app).post('/api/auth/sign-in', { email: u.email, password: u.password })).statusCode).toBe(423);
    const [row] = await t.sql`select count(*)::int as n from audit_log where entity_id = ${u.id} and action = 'auth.locked'`;
    expect(row!.n).toBe(1);
  });

  it('gives the session a new token and CSRF token when the code is accepted; the old ones are dead', async () => {
    const u = await f.user(t.sql, partnershipId, { roles: [{ role: 'swv_admin', schoolId: null }] });
    const c = await passwordStep(u);
    const [oldCookie, oldCsrf] = [c.cookie, c.csrf];
    expect((await c.post('/api/auth/mfa/verify', { code: currentTotp(u.totpSecret!) })).statusCode).toBe(200);
    expect(c.cookie).not.toBe(oldCookie);
    await c.refreshCsrf();
    expect(c.csrf).not.toBe(oldCsrf);
    expect((await c.get('/api/schools')).statusCode).toBe(200);
    const stale = new Client(t.app);
    stale.cookie = oldCookie;
    stale.csrf = oldCsrf;
    expect((await stale.get('/api/schools')).json().error.code).toBe('UNAUTHENTICATED');
    c.csrf = oldCsrf;
    expect((await c.post('/api/boards', { name: 'Stichting Oud', boardNumber: '54321' })).json().error.code).toBe('CSRF');
  });

  it('gives the session a new token when enrolment completes', async () => {
    const u = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId }], mfa: false });
    const c = new Client(t.app);
    await c.post('/api/auth/sign-in', { email: u.email, password: u.password });
    await c.refreshCsrf();
    const oldCookie = c.cookie;
    const enrol = (await c.post('/api/auth/mfa/enrolment')).json();
    expect((await c.post('/api/auth/mfa/enrolment/confirm', { code: currentTotp(enrol.secret) })).statusCode).toBe(200);
    expect(c.cookie).not.toBe(oldCookie);
    const stale = new Client(t.app);
    stale.cookie = oldCookie;
    expect((await stale.get('/api/auth/session')).json().signedIn).toBe(false);
  });
});

describe('secrets at rest', () => {
  const stored = async (id: string) =>
    (await t.sql<{ secret: string | null; pending: string | null }[]>`select totp_secret as secret, totp_pending_secret as pending from users where id = ${id}`)[0]!;

  it('keeps the TOTP secret encrypted with SECRET_KEY, bound to its user', async () => {
    const u = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId }], mfa: false });
    const other = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId }], mfa: false });
    const c = new Client(t.app);
    await c.post('/api/auth/sign-in', { email: u.email, password: u.password });
    await c.refreshCsrf();
    const { secret } = (await c.post('/api/auth/mfa/enrolment')).json();
    const pending = (await stored(u.id)).pending!;
    expect(pending).toMatch(/^v1:/);
    expect(pending).not.toContain(secret);
    expect((await c.post('/api/auth/mfa/enrolment/confirm', { code: currentTotp(secret) })).statusCode).toBe(200);
    const sealed = (await stored(u.id)).secret!;
    expect(sealed).toMatch(/^v1:/);
    expect(f.testSecrets.open(sealed, totpContext(u.id))).toBe(secret);
    // Copied to another account, the value does not open: that account's second factor fails, it does not become this one's.
    await t.sql`update users set totp_secret = ${sealed}, totp_enabled_at = now() where id = ${other.id}`;
    expect(() => f.testSecrets.open(sealed, totpContext(other.id))).toThrow();
  });

  it('encrypts secrets an older version stored as plain text, at start; the second factor and OIDC keep working', async () => {
    const u = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId }] });
    await t.sql`update users set totp_secret = ${u.totpSecret} where id = ${u.id}`;
    // The bare builder: it stores the secret as given, in plain text like the older version.
    const provider = await f.rows.oidcProvider(t.sql, { partnership_id: partnershipId, label: 'Oud', issuer: 'https://login.example.nl', client_id: 'leerrecht', client_secret: 'oud-geheim' });
    expect(await encryptPlaintextSecrets(t.sql, t.app.secrets)).toBeGreaterThanOrEqual(2);
    const sealed = (await stored(u.id)).secret!;
    expect(f.testSecrets.open(sealed, totpContext(u.id))).toBe(u.totpSecret);
    const [p] = await t.sql`select client_secret from oidc_providers where id = ${provider.id}`;
    expect(f.testSecrets.open(p!.client_secret, clientSecretContext(provider.id))).toBe('oud-geheim');
    await signIn(t.app, u);
    // Done once: a second start leaves the sealed values as they are.
    await encryptPlaintextSecrets(t.sql, t.app.secrets);
    expect((await stored(u.id)).secret).toBe(sealed);
  });
});
