import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashCode, tenantOfLink } from '../../src/features/parent-access/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { mailedCode, ParentClient } from '../helpers/parent-client.ts';
import { link, planWithParents } from './opp-parent-fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const LINK_GONE = 'Deze link is verlopen of ongeldig. Vraag de school om een nieuwe link.';
const sixteen = () => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - 16);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
};

describe('parent journey: link, code, plan, answer', () => {
  it('mails a code, signs in with it, shows only this plan with the B1 summary first, and records the agreement', async () => {
    const plan = await planWithParents(t.sql, { firstName: 'Noor', words: 'rustige plek' });
    const other = await planWithParents(t.sql, { firstName: 'Daan', words: 'koptelefoon' });
    await link(t.sql, other);
    const l = await link(t.sql, plan);
    const c = new ParentClient(t.app);

    const sent = await c.post('/api/parent/opp/code', { token: l.token });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toEqual({ sentTo: expect.stringMatching(/^o\*{4}@test\.leerrecht\.nl$/), validMinutes: 15 });
    const code = await mailedCode(t.sql, l.email);
    expect(code).toMatch(/^\d{6}$/);
    const [row] = await t.sql`select code_hash, code_expires_at > now() + interval '14 minutes' as fresh from parent_links where id = ${l.id}`;
    expect(row!.code_hash).toBe(hashCode('opp', l.id, code));
    expect(row!.fresh).toBe(true);

    const verified = await c.post('/api/parent/opp/verify', { token: l.token, code });
    expect(verified.statusCode).toBe(200);
    const cookie = verified.cookies.find((k) => k.name === 'lr_parent')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/parent', maxAge: 3600 });
    c.csrf = verified.json().csrfToken;

    const res = await c.get('/api/parent/opp');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.pupil).toEqual({ firstName: 'Noor' });
    expect(body.contact).toMatchObject({ name: 'Fatima El Amrani', isCaseManager: true });
    expect(body.content.summary.whatWeSee).toContain('Noor raakt snel afgeleid');
    expect(body.content.goals[0].what).toContain('rustige plek');
    expect(body).toMatchObject({ status: 'with_parents', signer: 'parent', canRespond: true, answer: null });
    expect(body.disagreementRoutes.map((r: { name: string }) => r.name)).toEqual([
      'Klachtencommissie van de school',
      'Geschillencommissie passend onderwijs',
      'Onderwijsconsulent',
    ]);
    // Nothing of the other plan, and no ids or addresses the parent does not need.
    for (const leak of ['Daan', 'koptelefoon', other.pupilId, other.oppId, plan.pupilId, l.email]) expect(res.body).not.toContain(leak);

    const [read] = await t.sql`select actor_user_id, pupil_id, details from audit_log where action = 'opp.parent_read' and entity_id = ${plan.oppId}`;
    expect(read).toMatchObject({ actor_user_id: null, pupil_id: plan.pupilId, details: { linkId: l.id, signer: 'parent', versionId: plan.versionId } });

    const answer = await c.post('/api/parent/opp/respond', { decision: 'agree' });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ status: 'agreed' });
    const [saved] = await t.sql`select signer, signer_name, method, link_id, decision from opp_responses where version_id = ${plan.versionId}`;
    expect(saved).toEqual({ signer: 'parent', signer_name: 'Mevrouw De Vries', method: 'online', link_id: l.id, decision: 'agree' });
    const [opp] = await t.sql`select o.status, v.status as version from opps o join opp_versions v on v.opp_id = o.id where o.id = ${plan.oppId}`;
    expect(opp).toEqual({ status: 'agreed', version: 'agreed' });
    const audited = await t.sql`select action, pupil_id from audit_log where entity_id = ${plan.oppId} and action in ('opp.response_agree', 'opp.agreed')`;
    expect(audited.map((a) => a.action).sort()).toEqual(['opp.agreed', 'opp.response_agree']);
    expect(audited.every((a) => a.pupil_id === plan.pupilId)).toBe(true);

    const after = (await c.get('/api/parent/opp')).json();
    expect(after).toMatchObject({ status: 'agreed', canRespond: false, answer: { decision: 'agree', comment: '' } });

    const twice = await c.post('/api/parent/opp/respond', { decision: 'agree' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toMatch(/al gereageerd/);
  });

  it('needs a comment to disagree, then records the refusal and never calls the plan agreed', async () => {
    const plan = await planWithParents(t.sql);
    const l = await link(t.sql, plan);
    const c = new ParentClient(t.app);
    await c.signIn(t.sql, l);

    const bare = await c.post('/api/parent/opp/respond', { decision: 'disagree', comment: '   ' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields).toEqual([{ path: 'comment', message: 'Schrijf kort op waarmee u het niet eens bent.' }]);
    expect((await t.sql`select 1 from opp_responses where version_id = ${plan.versionId}`).length).toBe(0);

    const no = await c.post('/api/parent/opp/respond', { decision: 'disagree', comment: 'Twee uur per week is te weinig.' });
    expect(no.json()).toEqual({ status: 'disagreed' });
    const body = (await c.get('/api/parent/opp')).json();
    expect(body).toMatchObject({ status: 'disagreed', canRespond: false, answer: { decision: 'disagree', comment: 'Twee uur per week is te weinig.' } });
    const [a] = await t.sql`select count(*)::int as n from audit_log where entity_id = ${plan.oppId} and action = 'opp.response_disagree' and pupil_id = ${plan.pupilId}`;
    expect(a!.n).toBe(1);
  });

  it('refuses an answer once the version no longer waits for the parents', async () => {
    const plan = await planWithParents(t.sql);
    const l = await link(t.sql, plan);
    const c = new ParentClient(t.app);
    await c.signIn(t.sql, l);
    await t.sql`update opp_versions set status = 'superseded' where id = ${plan.versionId}`;
    expect((await c.get('/api/parent/opp')).json()).toMatchObject({ canRespond: false, version: { status: 'superseded' } });
    const res = await c.post('/api/parent/opp/respond', { decision: 'agree' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/wacht niet meer op uw reactie/);
  });

  it('refuses a change without the parent CSRF header', async () => {
    const plan = await planWithParents(t.sql);
    const l = await link(t.sql, plan);
    const c = new ParentClient(t.app);
    await c.signIn(t.sql, l);
    const real = c.csrf;
    c.csrf = null;
    expect((await c.post('/api/parent/opp/respond', { decision: 'agree' })).json().error.code).toBe('CSRF');
    c.csrf = 'x'.repeat(64);
    expect((await c.post('/api/parent/opp/respond', { decision: 'agree' })).statusCode).toBe(403);
    c.csrf = real;
    expect((await c.post('/api/parent/opp/respond', { decision: 'agree' })).statusCode).toBe(200);
  });

  it('signs out: the cookie no longer opens the plan', async () => {
    const plan = await planWithParents(t.sql);
    const l = await link(t.sql, plan);
    const c = new ParentClient(t.app);
    await c.signIn(t.sql, l);
    const cookie = c.cookie;
    expect((await c.post('/api/parent/opp/sign-out')).statusCode).toBe(200);
    c.cookie = cookie;
    expect((await c.get('/api/parent/opp')).statusCode).toBe(401);
  });

  it('names the partnership of a link by its token or its session, for its own kind only', async () => {
    const plan = await planWithParents(t.sql);
    const l = await link(t.sql, plan);
    expect(await tenantOfLink(t.sql, 'opp', { token: l.token })).toBe(plan.partnershipId);
    expect(await tenantOfLink(t.sql, 'request', { token: l.token })).toBeNull();
    expect(await tenantOfLink(t.sql, 'opp', { token: 'x'.repeat(43) })).toBeNull();
    expect(await tenantOfLink(t.sql, 'opp', { sessionToken: undefined })).toBeNull();
    const c = new ParentClient(t.app);
    await c.signIn(t.sql, l);
    const session = c.cookie!.replace(/^lr_parent=/, '');
    expect(await tenantOfLink(t.sql, 'opp', { sessionToken: session })).toBe(plan.partnershipId);
    expect(await tenantOfLink(t.sql, 'request', { sessionToken: session })).toBeNull();
  });
});

describe('two signers (pupil of 16 or 17)', () => {
  it('agrees only when both the parent and the pupil agree', async () => {
    const plan = await planWithParents(t.sql, { birthDate: sixteen() });
    const parent = new ParentClient(t.app);
    const pupil = new ParentClient(t.app);
    await parent.signIn(t.sql, await link(t.sql, plan, { signer: 'parent', name: 'Meneer Bakker' }));
    await pupil.signIn(t.sql, await link(t.sql, plan, { signer: 'pupil', name: 'Noor Bakker' }));

    expect((await parent.post('/api/parent/opp/respond', { decision: 'agree' })).json()).toEqual({ status: 'with_parents' });
    const [half] = await t.sql`select status from opps where id = ${plan.oppId}`;
    expect(half!.status).toBe('with_parents');
    expect((await pupil.get('/api/parent/opp')).json()).toMatchObject({ signer: 'pupil', canRespond: true });

    expect((await pupil.post('/api/parent/opp/respond', { decision: 'agree' })).json()).toEqual({ status: 'agreed' });
    const [done] = await t.sql`select status from opps where id = ${plan.oppId}`;
    expect(done!.status).toBe('agreed');
  });

  it('is disagreed when the pupil says no after the parent said yes', async () => {
    const plan = await planWithParents(t.sql, { birthDate: sixteen() });
    const parent = new ParentClient(t.app);
    const pupil = new ParentClient(t.app);
    await parent.signIn(t.sql, await link(t.sql, plan, { signer: 'parent' }));
    await pupil.signIn(t.sql, await link(t.sql, plan, { signer: 'pupil' }));
    await parent.post('/api/parent/opp/respond', { decision: 'agree' });
    expect((await pupil.post('/api/parent/opp/respond', { decision: 'disagree', comment: 'Ik wil geen aparte plek.' })).json()).toEqual({ status: 'disagreed' });
    expect((await parent.get('/api/parent/opp')).json()).toMatchObject({ status: 'disagreed' });
  });
});

describe('codes', () => {
  it('burns the code after five wrong tries; a new code works', async () => {
    const plan = await planWithParents(t.sql);
    const l = await link(t.sql, plan);
    const c = new ParentClient(t.app);
    await c.post('/api/parent/opp/code', { token: l.token });
    const code = await mailedCode(t.sql, l.email);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 1; i <= 4; i++) {
      const res = await c.post('/api/parent/opp/verify', { token: l.token, code: wrong });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'BAD_CODE', message: expect.stringMatching(/klopt niet/) });
    }
    const fifth = await c.post('/api/parent/opp/verify', { token: l.token, code: wrong });
    expect(fifth.json().error.message).toMatch(/te vaak/);
    const right = await c.post('/api/parent/opp/verify', { token: l.token, code });
    expect(right.statusCode).toBe(400);
    expect(right.cookies.find((k) => k.name === 'lr_parent')).toBeUndefined();
    const burnt = await t.sql`select count(*)::int as n from audit_log where entity_id = ${plan.oppId} and action = 'opp.parent_code_burnt'`;
    expect(burnt[0]!.n).toBe(1);

    await c.post('/api/parent/opp/code', { token: l.token });
    const fresh = await c.post('/api/parent/opp/verify', { token: l.token, code: await mailedCode(t.sql, l.email) });
    expect(fresh.statusCode).toBe(200);
  });

  it('uses a code once', async () => {
    const plan = await planWithParents(t.sql);
    const l = await link(t.sql, plan);
    const c = new ParentClient(t.app);
    await c.post('/api/parent/opp/code', { token: l.token });
    const code = await mailedCode(t.sql, l.email);
    expect((await c.post('/api/parent/opp/verify', { token: l.token, code })).statusCode).toBe(200);
    const again = await new ParentClient(t.app).post('/api/parent/opp/verify', { token: l.token, code });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toMatch(/verlopen of al gebruikt/);
  });

  it('an earlier code stops working when a new one is sent', async () => {
    const plan = await planWithParents(t.sql);
    const l = await link(t.sql, plan);
    const c = new ParentClient(t.app);
    await c.post('/api/parent/opp/code', { token: l.token });
    const first = await mailedCode(t.sql, l.email);
    await c.post('/api/parent/opp/code', { token: l.token });
    const second = await mailedCode(t.sql, l.email);
    if (first !== second) expect((await c.post('/api/parent/opp/verify', { token: l.token, code: first })).statusCode).toBe(400);
    expect((await c.post('/api/parent/opp/verify', { token: l.token, code: second })).statusCode).toBe(200);
  });

  it('refuses an expired code', async () => {
    const plan = await planWithParents(t.sql);
    const l = await link(t.sql, plan);
    const c = new ParentClient(t.app);
    await c.post('/api/parent/opp/code', { token: l.token });
    await t.sql`update parent_links set code_expires_at = now() - interval '1 second' where id = ${l.id}`;
    const res = await c.post('/api/parent/opp/verify', { token: l.token, code: await mailedCode(t.sql, l.email) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_CODE');
  });

  it('sends at most five codes per link per hour', async () => {
    const plan = await planWithParents(t.sql);
    const l = await link(t.sql, plan);
    const c = new ParentClient(t.app);
    for (let i = 0; i < 5; i++) expect((await c.post('/api/parent/opp/code', { token: l.token })).statusCode).toBe(200);
    const sixth = await c.post('/api/parent/opp/code', { token: l.token });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.message).toMatch(/al 5 codes/);
    const [mails] = await t.sql`select count(*)::int as n from outbox where to_address = ${l.email}`;
    expect(mails!.n).toBe(5);
    // 59 minutes after the last code: still waiting. An hour and a minute: a new code.
    await t.sql`update parent_links set code_expires_at = now() - interval '44 minutes' where id = ${l.id}`;
    expect((await c.post('/api/parent/opp/code', { token: l.token })).statusCode).toBe(429);
    await t.sql`update parent_links set code_expires_at = now() - interval '46 minutes' where id = ${l.id}`;
    expect((await c.post('/api/parent/opp/code', { token: l.token })).statusCode).toBe(200);
  });
});

describe('links and sessions that no longer work', () => {
  it('refuses an unknown, expired or revoked link with one clear message', async () => {
    const plan = await planWithParents(t.sql);
    const expired = await link(t.sql, plan);
    const revoked = await link(t.sql, plan);
    await t.sql`update parent_links set expires_at = now() - interval '1 minute' where id = ${expired.id}`;
    await t.sql`update parent_links set revoked_at = now() where id = ${revoked.id}`;
    const c = new ParentClient(t.app);
    for (const token of [expired.token, revoked.token, 'A'.repeat(43)]) {
      const res = await c.post('/api/parent/opp/code', { token });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toEqual({ code: 'BAD_TOKEN', message: LINK_GONE });
      expect((await c.post('/api/parent/opp/verify', { token, code: '123456' })).json().error.message).toBe(LINK_GONE);
    }
    expect((await t.sql`select 1 from outbox where to_address in ${t.sql([expired.email, revoked.email])}`).length).toBe(0);
  });

  it('ends the session when it expires, or when the link expires or is revoked', async () => {
    const plan = await planWithParents(t.sql);
    for (const end of [
      (id: string) => t.sql`update parent_links set session_expires_at = now() - interval '1 second' where id = ${id}`,
      (id: string) => t.sql`update parent_links set expires_at = now() - interval '1 second' where id = ${id}`,
      (id: string) => t.sql`update parent_links set revoked_at = now() where id = ${id}`,
    ]) {
      const l = await link(t.sql, plan);
      const c = new ParentClient(t.app);
      await c.signIn(t.sql, l);
      expect((await c.get('/api/parent/opp')).statusCode).toBe(200);
      await end(l.id);
      for (const res of [await c.get('/api/parent/opp'), await c.post('/api/parent/opp/respond', { decision: 'agree' })]) {
        expect(res.statusCode).toBe(401);
        expect(res.json().error.message).toMatch(/niet meer aangemeld/);
      }
    }
    expect((await t.sql`select 1 from opp_responses where version_id = ${plan.versionId}`).length).toBe(0);
  });

  it('without a cookie there is no plan', async () => {
    const res = await new ParentClient(t.app).get('/api/parent/opp');
    expect(res.statusCode).toBe(401);
  });
});

describe('per-IP limit', () => {
  it('limits code requests and code checks from one address', async () => {
    const limited = await createTestApp({ SIGN_IN_RATE_LIMIT: '3' });
    try {
      const c = new ParentClient(limited.app);
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await c.post('/api/parent/opp/verify', { token: 'B'.repeat(43), code: '123456' })).statusCode);
      expect(statuses).toEqual([400, 400, 400, 429]);
      const res = await c.post('/api/parent/opp/verify', { token: 'B'.repeat(43), code: '123456' });
      expect(res.json().error.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});
