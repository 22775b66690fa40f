import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/platform/auth/totp.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { Client, signIn } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

let t: TestApp;
let p: { id: string };
let a1: { id: string };
let a2: { id: string };
let admin: f.TestUser;
let schoolAdmin: f.TestUser;
beforeAll(async () => {
  t = await createTestApp();
  p = await f.partnership(t.sql);
  const b = await f.board(t.sql, p.id);
  a1 = await f.school(t.sql, p.id, b.id);
  a2 = await f.school(t.sql, p.id, b.id);
  admin = await f.user(t.sql, p.id, { roles: [{ role: 'swv_admin', schoolId: null }] });
  schoolAdmin = await f.user(t.sql, p.id, { roles: [{ role: 'school_admin', schoolId: a1.id }] });
});
afterAll(() => t.close());

const lastMailTo = async (to: string) =>
  (await t.sql<{ text_body: string }[]>`select text_body from outbox where to_address = ${to} order by id desc limit 1`)[0]?.text_body ?? '';

describe('inviting staff', () => {
  it('invites; the invitee sets a password, enrols the second factor and is signed in', async () => {
    const c = await signIn(t.app, admin);
    const email = `nieuw-${Date.now()}@test.leerrecht.nl`;
    const res = await c.post('/api/staff', { name: 'Fatima El Idrissi', email, roles: [{ role: 'oco', schoolId: a1.id }] });
    expect(res.statusCode).toBe(200);
    const mail = await lastMailTo(email);
    expect(mail).toMatch(/Fatima El Idrissi/);
    const token = /uitnodiging#token=([\w-]+)/.exec(mail)![1]!;

    const invitee = new Client(t.app);
    expect((await invitee.post('/api/auth/invitation/inspect', { token })).json()).toMatchObject({ name: 'Fatima El Idrissi', email });
    expect((await invitee.post('/api/auth/invitation/accept', { token, password: 'mijn eigen wachtwoord' })).statusCode).toBe(200);
    expect((await invitee.post('/api/auth/sign-in', { email, password: 'mijn eigen wachtwoord' })).json()).toEqual({ next: 'enrol' });
    await invitee.refreshCsrf();
    const { secret } = (await invitee.post('/api/auth/mfa/enrolment')).json();
    expect((await invitee.post('/api/auth/mfa/enrolment/confirm', { code: currentTotp(secret) })).statusCode).toBe(200);
    const session = (await invitee.get('/api/auth/session')).json();
    expect(session).toMatchObject({ signedIn: true, mfa: 'verified', user: { email, roles: [{ role: 'oco', schoolId: a1.id }] } });
  });

  it('refuses an address that already has an account, naming the field, and writes nothing', async () => {
    const c = await signIn(t.app, admin);
    // This partnership's users only: other test files add users at the same time.
    const before = await t.sql`select count(*)::int as n from users where partnership_id = ${p.id}`;
    const res = await c.post('/api/staff', { name: 'Dubbel', email: schoolAdmin.email.toUpperCase(), roles: [{ role: 'oco', schoolId: a1.id }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('email');
    expect(await t.sql`select count(*)::int as n from users where partnership_id = ${p.id}`).toEqual(before);
  });

  it('does not tell an admin that an address has an account in another partnership: same answer, the owner gets a mail without a link', async () => {
    const other = await f.partnership(t.sql);
    const otherAdmin = await f.user(t.sql, other.id, { roles: [{ role: 'swv_admin', schoolId: null }] });
    const owner = await f.user(t.sql, p.id, { roles: [{ role: 'oco', schoolId: a1.id }] });
    const otherSchool = await f.school(t.sql, other.id, (await f.board(t.sql, other.id)).id);
    const c = await signIn(t.app, otherAdmin);
    const fresh = `vers-${Date.now()}@test.leerrecht.nl`;
    const invite = (name: string, email: string) => c.post('/api/staff', { name, email, roles: [{ role: 'oco', schoolId: otherSchool.id }] });
    const seen = async (res: Awaited<ReturnType<typeof invite>>) => {
      const member = (await c.get(`/api/staff/${res.json().id}`)).json();
      const resend = await c.post(`/api/staff/${res.json().id}/invitation`);
      const { id: _id, name: _name, email: _email, ...rest } = member;
      return { status: res.statusCode, keys: Object.keys(res.json()), member: rest, resend: [resend.statusCode, Object.keys(resend.json())] };
    };
    const forNew = await seen(await invite('Nieuwe Collega', fresh));
    const forTaken = await seen(await invite('Bekende Collega', owner.email.toUpperCase()));
    expect(forNew.status).toBe(200);
    expect(forTaken).toEqual(forNew);
    const listed = (await c.get('/api/staff?status=invited')).json().staff.map((s: { email: string; status: string }) => [s.email.toLowerCase(), s.status]);
    expect(listed).toEqual(expect.arrayContaining([[fresh, 'invited'], [owner.email, 'invited']]));

    // The owner hears of it, without a link to accept; their own account is untouched.
    const mail = await lastMailTo(owner.email);
    expect(mail).toMatch(/al een account bij een ander samenwerkingsverband/);
    expect(mail).not.toMatch(/token=/);
    expect(await t.sql`select 1 from user_tokens t join users u on u.id = t.user_id where lower(u.email) = ${owner.email}`).toHaveLength(0);
    await signIn(t.app, owner);
    const [row] = await t.sql`select partnership_id from users where lower(email) = ${owner.email} and status = 'active'`;
    expect(row!.partnership_id).toBe(p.id);
  });

  it('refuses a school role without a school and a partnership role with one', async () => {
    const c = await signIn(t.app, admin);
    const a = await c.post('/api/staff', { name: 'Zonder School', email: 'zs@test.leerrecht.nl', roles: [{ role: 'mentor', schoolId: null }] });
    expect(a.json().error.fields[0]).toMatchObject({ path: 'roles.0.schoolId' });
    const b = await c.post('/api/staff', { name: 'Met School', email: 'ms@test.leerrecht.nl', roles: [{ role: 'swv_director', schoolId: a1.id }] });
    expect(b.json().error.fields[0].message).toMatch(/hele samenwerkingsverband/);
  });

  it('lets a school admin invite for their own school only', async () => {
    const c = await signIn(t.app, schoolAdmin);
    const ok = await c.post('/api/staff', { name: 'Mentor Eigen', email: `me-${Date.now()}@test.leerrecht.nl`, roles: [{ role: 'mentor', schoolId: a1.id }] });
    expect(ok.statusCode).toBe(200);
    const other = await c.post('/api/staff', { name: 'Mentor Ander', email: `ma-${Date.now()}@test.leerrecht.nl`, roles: [{ role: 'mentor', schoolId: a2.id }] });
    expect(other.statusCode).toBe(403);
    const director = await c.post('/api/staff', { name: 'Directeur', email: `d-${Date.now()}@test.leerrecht.nl`, roles: [{ role: 'swv_director', schoolId: null }] });
    expect(director.statusCode).toBe(403);
  });
});

describe('managing staff', () => {
  it('shows a school admin only people with a role at their school, and only those roles', async () => {
    const both = await f.user(t.sql, p.id, { roles: [{ role: 'mentor', schoolId: a1.id }, { role: 'oco', schoolId: a2.id }] });
    const onlyA2 = await f.user(t.sql, p.id, { roles: [{ role: 'oco', schoolId: a2.id }] });
    const c = await signIn(t.app, schoolAdmin);
    const list = (await c.get('/api/staff?q=')).json();
    const ids = list.staff.map((s: { id: string }) => s.id);
    expect(ids).toContain(both.id);
    expect(ids).not.toContain(onlyA2.id);
    const shown = list.staff.find((s: { id: string }) => s.id === both.id);
    expect(shown.roles.map((r: { schoolId: string }) => r.schoolId)).toEqual([a1.id]);
    // Their account also serves A2: the school admin may not end it.
    expect(shown.allowed).toMatchObject({ editRoles: true, deactivate: false });
    expect((await c.post(`/api/staff/${both.id}/deactivate`)).statusCode).toBe(403);
  });

  it('changes a school admin\'s roles at their school and keeps the roles elsewhere', async () => {
    const both = await f.user(t.sql, p.id, { roles: [{ role: 'mentor', schoolId: a1.id }, { role: 'oco', schoolId: a2.id }] });
    const c = await signIn(t.app, schoolAdmin);
    expect((await c.put(`/api/staff/${both.id}/roles`, { roles: [{ role: 'oco', schoolId: a1.id }] })).statusCode).toBe(200);
    const rows = await t.sql`select role, school_id from role_assignments where user_id = ${both.id} order by role, school_id`;
    expect(rows.map((r) => `${r.role}@${r.school_id === a1.id ? 'a1' : 'a2'}`).sort()).toEqual(['oco@a1', 'oco@a2']);
  });

  it('deactivates: the person is signed out at once and cannot sign in; reactivation restores it', async () => {
    const u = await f.user(t.sql, p.id, { roles: [{ role: 'oco', schoolId: a1.id }] });
    const theirs = await signIn(t.app, u);
    const c = await signIn(t.app, admin);
    expect((await c.post(`/api/staff/${u.id}/deactivate`)).statusCode).toBe(200);
    expect((await theirs.get('/api/schools')).statusCode).toBe(401);
    const again = new Client(t.app);
    expect((await again.post('/api/auth/sign-in', { email: u.email, password: u.password })).statusCode).toBe(401);
    expect((await c.post(`/api/staff/${u.id}/reactivate`)).statusCode).toBe(200);
    await signIn(t.app, u);
  });

  it('does not let an admin deactivate themselves', async () => {
    const c = await signIn(t.app, admin);
    expect((await c.post(`/api/staff/${admin.id}/deactivate`)).statusCode).toBe(403);
  });

  it('writes an audit row for every change, in the same transaction', async () => {
    const u = await f.user(t.sql, p.id, { roles: [{ role: 'oco', schoolId: a1.id }] });
    const c = await signIn(t.app, admin);
    await c.put(`/api/staff/${u.id}/roles`, { roles: [{ role: 'mentor', schoolId: a1.id }] });
    const rows = await t.sql`select action, actor_user_id from audit_log where entity_id = ${u.id} and action = 'staff.roles'`;
    expect(rows).toEqual([{ action: 'staff.roles', actor_user_id: admin.id }]);
  });
});
