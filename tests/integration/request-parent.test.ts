import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashCode } from '../../src/features/parent-access/api.ts';
import { mailDecisionToParents } from '../../src/features/requests/parents/mail-decision-to-parents.ts';
import { objectionSentence } from '../../src/features/requests/pdf/decision-letter.ts';
import { transaction } from '../../src/db/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import * as f from '../helpers/factories.ts';
import { mailbox, requestDecision } from '../helpers/factories.ts';
import { ParentClient } from '../helpers/parent-client.ts';
import { draftRequest, mailedLink, requestLink, staffClient, staffCtx } from './request-parent-fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const sixteen = () => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - 16);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
};

describe('the school asks consent', () => {
  it('creates a 90-day link per recipient, mails it, and audits the question', async () => {
    const r = await draftRequest(t.sql, { firstName: 'Noor' });
    const oco = await staffClient(t.app, t.sql, r.ocoId);
    const email = mailbox('moeder');
    const res = await oco.post(`/api/requests/${r.requestId}/consent-links`, { recipients: [{ signer: 'parent', name: 'Mevrouw De Vries', email: email.toUpperCase() }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ sent: 1 });
    const rows = await t.sql`select signer, name, email, expires_at > now() + interval '89 days' as long, expires_at < now() + interval '91 days' as capped, created_by from parent_links where request_id = ${r.requestId}`;
    expect(rows).toEqual([{ signer: 'parent', name: 'Mevrouw De Vries', email, long: true, capped: true, created_by: r.ocoId }]);
    const mail = await mailedLink(t.sql, email);
    expect(mail.subject).toMatch(/vraagt uw toestemming: aanvraag voor Noor/);
    expect(mail.text).toContain('toelaatbaarheidsverklaring (TLV)');
    expect(mail.text).toContain('90 dagen');
    const [a] = await t.sql`select count(*)::int as n from audit_log where action = 'request.consent_asked' and entity_id = ${r.requestId} and pupil_id = ${r.pupilId}`;
    expect(a!.n).toBe(1);
  });

  it('asks the pupil too from 16, and refuses a request without a pupil, with nothing left to send, or decided', async () => {
    const r = await draftRequest(t.sql, { birthDate: sixteen() });
    const oco = await staffClient(t.app, t.sql, r.ocoId);
    const parentOnly = await oco.post(`/api/requests/${r.requestId}/consent-links`, { recipients: [{ signer: 'parent', name: 'Ouder', email: mailbox('ouder') }] });
    expect(parentOnly.statusCode).toBe(400);
    expect(parentOnly.json().error.fields).toEqual([{ path: 'recipients', message: expect.stringMatching(/16 of ouder/) }]);
    expect((await t.sql`select 1 from parent_links where request_id = ${r.requestId}`).length).toBe(0);

    await t.sql`update requests set pupil_id = null where id = ${r.requestId}`;
    const noPupil = await oco.post(`/api/requests/${r.requestId}/consent-links`, { recipients: [{ signer: 'parent', name: 'Ouder', email: mailbox('ouder') }] });
    expect(noPupil.statusCode).toBe(409);

    // Submitted: a link asks only about items sent later, and there are none.
    const other = await draftRequest(t.sql);
    await t.sql`update requests set status = 'submitted' where id = ${other.requestId}`;
    await t.sql`update request_attachments set shared_at = now() where request_id = ${other.requestId}`;
    const ask = async () =>
      (await staffClient(t.app, t.sql, other.ocoId)).post(`/api/requests/${other.requestId}/consent-links`, { recipients: [{ signer: 'parent', name: 'Ouder', email: mailbox('ouder') }] });
    expect((await ask()).statusCode).toBe(409);
    await t.sql`update requests set status = 'decided' where id = ${other.requestId}`;
    expect((await ask()).statusCode).toBe(403);
    expect((await t.sql`select 1 from parent_links where request_id = ${other.requestId}`).length).toBe(0);
  });
});

describe('parent journey: link, code, request, consent', () => {
  it('reads only this request, and consents to the ticked items: the health item stays out unless ticked', async () => {
    const r = await draftRequest(t.sql, { firstName: 'Noor', question: 'Plek op een sbo-school met kleine groepen.' });
    const other = await draftRequest(t.sql, { firstName: 'Daan', question: 'Koptelefoon en een eigen werkplek.' });
    await requestLink(t.sql, other);
    const l = await requestLink(t.sql, r);
    const c = new ParentClient(t.app, 'request');

    const sent = await c.post('/api/parent/request/code', { token: l.token });
    expect(sent.json()).toEqual({ sentTo: expect.stringMatching(/^o\*{4}@test\.leerrecht\.nl$/), validMinutes: 15 });
    const [m] = await t.sql<{ text: string }[]>`select text_body as text from outbox where to_address = ${l.email} order by id desc limit 1`;
    const code = m!.text.match(/Uw code is: (\d{6})/)![1]!;
    expect(m!.text).toContain('de aanvraag voor Noor');
    const [row] = await t.sql`select code_hash from parent_links where id = ${l.id}`;
    expect(row!.code_hash).toBe(hashCode('request', l.id, code));
    expect(row!.code_hash).not.toBe(hashCode('opp', l.id, code));

    const verified = await c.post('/api/parent/request/verify', { token: l.token, code });
    expect(verified.statusCode).toBe(200);
    expect(verified.cookies.find((k) => k.name === 'lr_parent_request')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/parent/request', maxAge: 3600 });
    expect(verified.cookies.find((k) => k.name === 'lr_parent')).toBeUndefined();
    c.csrf = verified.json().csrfToken;

    const res = await c.get('/api/parent/request');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      pupil: { firstName: 'Noor' },
      kind: 'tlv',
      tlvSchoolKind: 'sbo',
      status: 'draft',
      question: 'Plek op een sbo-school met kleine groepen.',
      canConsent: true,
      consent: null,
      decision: null,
      objection: null,
      signer: 'parent',
    });
    expect(body.attachments.map((a: { label: string; health: boolean }) => [a.label, a.health]).sort()).toEqual([
      ['OPP versie 2', false],
      ['Toetsverslag november', false],
      ['Verslag kinderarts', true],
    ]);
    for (const leak of ['Daan', 'Koptelefoon', other.requestId, r.pupilId, l.email]) expect(res.body).not.toContain(leak);
    const [read] = await t.sql`select actor_user_id, pupil_id, details from audit_log where action = 'request.parent_read' and entity_id = ${r.requestId}`;
    expect(read).toMatchObject({ actor_user_id: null, pupil_id: r.pupilId, details: { linkId: l.id, signer: 'parent' } });

    const yes = await c.post('/api/parent/request/consent', { decision: 'given', attachmentIds: [r.attachments.opp, r.attachments.report], comment: 'Graag snel.' });
    expect(yes.statusCode, yes.body).toBe(200);
    expect(yes.json()).toEqual({ decision: 'given' });
    const saved = await t.sql`select signer, signer_name, decision, attachment_ids::text[] as ids, comment, method, link_id, recorded_by from request_consents where request_id = ${r.requestId}`;
    expect(saved).toEqual([{ signer: 'parent', signer_name: 'Mevrouw De Vries', decision: 'given', ids: [r.attachments.opp, r.attachments.report], comment: 'Graag snel.', method: 'online', link_id: l.id, recorded_by: null }]);
    const [audited] = await t.sql`select details from audit_log where action = 'request.consent_online' and entity_id = ${r.requestId} and pupil_id = ${r.pupilId}`;
    expect(audited!.details).toMatchObject({ decision: 'given', attachments: 2, health: 0 });

    expect((await c.get('/api/parent/request')).json()).toMatchObject({ canConsent: false, consent: { decision: 'given', comment: 'Graag snel.' } });
    const twice = await c.post('/api/parent/request/consent', { decision: 'refused' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toMatch(/al geantwoord/);
  });

  it('covers a health item only when it is ticked; a refusal covers nothing', async () => {
    const r = await draftRequest(t.sql, { birthDate: sixteen() });
    const parent = new ParentClient(t.app, 'request');
    const pupil = new ParentClient(t.app, 'request');
    await parent.signIn(t.sql, await requestLink(t.sql, r, { signer: 'parent' }));
    await pupil.signIn(t.sql, await requestLink(t.sql, r, { signer: 'pupil', name: 'Noor Bakker' }));
    expect((await parent.post('/api/parent/request/consent', { decision: 'given', attachmentIds: [r.attachments.medical] })).statusCode).toBe(200);
    expect((await pupil.post('/api/parent/request/consent', { decision: 'refused', attachmentIds: [r.attachments.opp], comment: 'Ik wil op mijn school blijven.' })).statusCode).toBe(200);
    const rows = await t.sql`select signer, decision, attachment_ids::text[] as ids from request_consents where request_id = ${r.requestId} order by signer`;
    expect(rows).toEqual([
      { signer: 'parent', decision: 'given', ids: [r.attachments.medical] },
      { signer: 'pupil', decision: 'refused', ids: [] },
    ]);
  });

  it("refuses another request's attachment, a missing CSRF header, and an answer after the draft", async () => {
    const r = await draftRequest(t.sql);
    const other = await draftRequest(t.sql);
    const c = new ParentClient(t.app, 'request');
    await c.signIn(t.sql, await requestLink(t.sql, r));
    const foreign = await c.post('/api/parent/request/consent', { decision: 'given', attachmentIds: [r.attachments.opp, other.attachments.opp] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields[0].path).toBe('attachmentIds');
    const csrf = c.csrf;
    c.csrf = null;
    expect((await c.post('/api/parent/request/consent', { decision: 'given' })).json().error.code).toBe('CSRF');
    c.csrf = csrf;
    await t.sql`update requests set status = 'submitted' where id = ${r.requestId}`;
    const late = await c.post('/api/parent/request/consent', { decision: 'given' });
    expect(late.statusCode).toBe(409);
    expect((await c.get('/api/parent/request')).json()).toMatchObject({ status: 'submitted', canConsent: false });
    expect((await t.sql`select 1 from request_consents where request_id in ${t.sql([r.requestId, other.requestId])}`).length).toBe(0);
  });
});

describe('sessions and links', () => {
  it("a session opens its own request only, and the OPP's parent cookie opens none", async () => {
    const a = await draftRequest(t.sql, { question: 'Vraag van school A over rekenen.' });
    const b = await draftRequest(t.sql, { question: 'Vraag van school B over gedrag.' });
    const ca = new ParentClient(t.app, 'request');
    const cb = new ParentClient(t.app, 'request');
    await ca.signIn(t.sql, await requestLink(t.sql, a));
    await cb.signIn(t.sql, await requestLink(t.sql, b));
    const readB = await cb.get('/api/parent/request');
    expect(readB.json().question).toBe('Vraag van school B over gedrag.');
    expect(readB.body).not.toContain('rekenen');
    // B's session answers for B: A's attachments are foreign to it.
    expect((await cb.post('/api/parent/request/consent', { decision: 'given', attachmentIds: [a.attachments.opp] })).statusCode).toBe(400);
    expect((await t.sql`select 1 from request_consents where request_id = ${a.requestId}`).length).toBe(0);

    const opp = new ParentClient(t.app);
    opp.cookie = ca.cookie!.replace('lr_parent_request=', 'lr_parent=');
    expect((await opp.get('/api/parent/request')).statusCode).toBe(401);
    expect((await opp.get('/api/parent/opp')).statusCode).toBe(401);
  });

  it('refuses an expired or revoked link, and ends the session with the link', async () => {
    const r = await draftRequest(t.sql);
    const expired = await requestLink(t.sql, r);
    const revoked = await requestLink(t.sql, r);
    await t.sql`update parent_links set expires_at = now() - interval '1 minute' where id = ${expired.id}`;
    await t.sql`update parent_links set revoked_at = now() where id = ${revoked.id}`;
    const c = new ParentClient(t.app, 'request');
    for (const token of [expired.token, revoked.token]) {
      const res = await c.post('/api/parent/request/code', { token });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('BAD_TOKEN');
    }
    expect((await t.sql`select 1 from outbox where to_address in ${t.sql([expired.email, revoked.email])}`).length).toBe(0);

    const l = await requestLink(t.sql, r);
    await c.signIn(t.sql, l);
    expect((await c.get('/api/parent/request')).statusCode).toBe(200);
    await t.sql`update parent_links set expires_at = now() - interval '1 second' where id = ${l.id}`;
    expect((await c.get('/api/parent/request')).statusCode).toBe(401);
    expect((await c.post('/api/parent/request/consent', { decision: 'given' })).statusCode).toBe(401);
  });

  it('signs out: the cookie no longer opens the request', async () => {
    const r = await draftRequest(t.sql);
    const c = new ParentClient(t.app, 'request');
    await c.signIn(t.sql, await requestLink(t.sql, r));
    const cookie = c.cookie;
    expect((await c.post('/api/parent/request/sign-out')).statusCode).toBe(200);
    c.cookie = cookie;
    expect((await c.get('/api/parent/request')).statusCode).toBe(401);
  });
});

describe('paper consent', () => {
  it("records a paper consent with this request's attachments only", async () => {
    const r = await draftRequest(t.sql);
    const other = await draftRequest(t.sql);
    const oco = await staffClient(t.app, t.sql, r.ocoId);
    const url = `/api/requests/${r.requestId}/consents`;
    const base = { signer: 'parent', signerName: 'Meneer Bakker', decision: 'given' };
    for (const bad of [{ ...base, signer: 'oma' }, { ...base, signerName: ' ' }, { ...base, decision: 'misschien' }, { ...base, attachmentIds: ['geen-id'] }, { ...base, attachmentIds: [r.attachments.opp, r.attachments.opp] }]) {
      const res = await oco.post(url, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    const foreign = await oco.post(url, { ...base, attachmentIds: [other.attachments.opp] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields).toEqual([{ path: 'attachmentIds', message: expect.any(String) }]);
    expect((await t.sql`select 1 from request_consents where request_id = ${r.requestId}`).length).toBe(0);

    const ok = await oco.post(url, { ...base, attachmentIds: [r.attachments.opp, r.attachments.medical] });
    expect(ok.statusCode, ok.body).toBe(200);
    const [row] = await t.sql`select signer_name, decision, attachment_ids::text[] as ids, method, recorded_by, link_id from request_consents where id = ${ok.json().id}`;
    expect(row).toEqual({ signer_name: 'Meneer Bakker', decision: 'given', ids: [r.attachments.opp, r.attachments.medical], method: 'paper', recorded_by: r.ocoId, link_id: null });
    const [a] = await t.sql`select count(*)::int as n from audit_log where action = 'request.consent_paper' and entity_id = ${r.requestId} and pupil_id = ${r.pupilId}`;
    expect(a!.n).toBe(1);
  });
});

describe('the decision', () => {
  it('shows on the parent page in plain words with the objection route, and mails every recipient a fresh link', async () => {
    const r = await draftRequest(t.sql, { firstName: 'Noor' });
    await t.sql`update partnerships set settings = settings || ${t.sql.json({ requests: { objectionCommittee: 'de Bezwaarcommissie Passend Onderwijs Zwolle', objectionWeeks: 8 } })} where id = ${r.partnershipId}`;
    const mother = await requestLink(t.sql, r, { name: 'Mevrouw De Vries', email: mailbox('moeder') });
    await requestLink(t.sql, r, { name: 'Mevrouw De Vries', email: mother.email });
    const father = await requestLink(t.sql, r, { name: 'Meneer De Vries', email: mailbox('vader') });
    await t.sql`update parent_links set revoked_at = now() where id = ${father.id}`;
    const c = new ParentClient(t.app, 'request');
    await c.signIn(t.sql, mother);

    await t.sql`update requests set status = 'decided', decided_at = now() where id = ${r.requestId}`;
    await requestDecision(t.sql, {
      request_id: r.requestId, partnership_id: r.partnershipId, outcome: 'granted', motivation: 'Noor heeft meer nodig dan de school kan bieden.', starts_on: '2027-01-01', ends_on: '2029-07-31',
      school_kind: 'sbo', category: 2, decided_by: r.directorId, decided_on: '2026-12-15',
    });
    const body = (await c.get('/api/parent/request')).json();
    expect(body).toMatchObject({
      status: 'decided',
      canConsent: false,
      decision: { outcome: 'granted', motivation: 'Noor heeft meer nodig dan de school kan bieden.', startsOn: '2027-01-01', endsOn: '2029-07-31', schoolKind: 'sbo', category: 2, decidedOn: '2026-12-15' },
      objection: { committee: 'de Bezwaarcommissie Passend Onderwijs Zwolle', weeks: 8 },
    });

    const ctx = await staffCtx(t.sql, r.directorId, r.partnershipId);
    const before = (await t.sql`select count(*)::int as n from parent_links where request_id = ${r.requestId}`)[0]!.n;
    const { mailed } = await transaction(t.sql, (tx) => mailDecisionToParents(tx, ctx, r.requestId));
    expect(mailed).toBe(1);
    const after = (await t.sql`select count(*)::int as n from parent_links where request_id = ${r.requestId}`)[0]!.n;
    expect(after - before).toBe(1);
    const mail = await mailedLink(t.sql, mother.email);
    expect(mail.subject).toBe('Er is een besluit over de aanvraag voor Noor');
    expect((await t.sql`select 1 from outbox where to_address = ${father.email}`).length).toBe(0);
    const fresh = new ParentClient(t.app, 'request');
    await fresh.signIn(t.sql, { token: mail.token, email: mother.email });
    expect((await fresh.get('/api/parent/request')).json().decision.outcome).toBe('granted');
    const [a] = await t.sql`select details from audit_log where action = 'request.decision_mailed' and entity_id = ${r.requestId} and pupil_id = ${r.pupilId}`;
    expect(a!.details).toEqual({ recipients: ['parent'] });
  });
});

describe('the decision letter for the parents', () => {
  const COMMITTEE = 'de Bezwaarcommissie Passend Onderwijs Zwolle';
  const URL = '/api/parent/request/decision.pdf';
  const decide = async (r: Awaited<ReturnType<typeof draftRequest>>, motivation: string) => {
    await t.sql`update requests set status = 'decided', decided_at = now() where id = ${r.requestId}`;
    await requestDecision(t.sql, {
      request_id: r.requestId, partnership_id: r.partnershipId, outcome: 'granted', motivation, starts_on: '2027-01-01', ends_on: '2029-07-31', school_kind: 'sbo', category: 2,
      decided_by: r.directorId, decided_on: '2026-12-15',
    });
  };
  const pdfText = async (body: Buffer) => (await new PDFParse({ data: new Uint8Array(body) }).getText()).text.replace(/\s+/g, ' ');

  it('gives the signed-in parent the letter once decided: outcome and objection route; 404 before, 401 without a session', async () => {
    const r = await draftRequest(t.sql, { firstName: 'Noor' });
    await t.sql`update partnerships set settings = settings || ${t.sql.json({ requests: { objectionCommittee: COMMITTEE, objectionWeeks: 8 } })} where id = ${r.partnershipId}`;
    const c = new ParentClient(t.app, 'request');
    await c.signIn(t.sql, await requestLink(t.sql, r));

    const early = await c.get(URL);
    expect(early.statusCode).toBe(404);
    expect(early.json().error.message).toMatch(/nog geen besluit/);
    expect((await new ParentClient(t.app, 'request').get(URL)).statusCode).toBe(401);

    await decide(r, 'Noor heeft meer nodig dan de school kan bieden.');
    const res = await c.get(URL);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="besluit-tlv-noor-[a-z0-9-]+\.pdf"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const text = await pdfText(res.rawPayload);
    for (const want of ['Ons besluit: toegekend', 'Wij hebben de aanvraag toegekend.', 'Noor heeft meer nodig dan de school kan bieden.', objectionSentence(8, COMMITTEE)]) {
      expect(text, want).toContain(want);
    }
    const audited = await t.sql`select partnership_id, actor_user_id, pupil_id, school_id from audit_log where action = 'request.parent_letter_pdf' and entity_id = ${r.requestId}`;
    expect(audited).toEqual([{ partnership_id: r.partnershipId, actor_user_id: null, pupil_id: r.pupilId, school_id: r.schoolId }]);
  });

  it("a session gets its own request's letter only", async () => {
    const a = await draftRequest(t.sql, { firstName: 'Noor' });
    const b = await draftRequest(t.sql, { firstName: 'Daan' });
    await decide(a, 'Alleen voor aanvraag Kiwi.');
    const cb = new ParentClient(t.app, 'request');
    await cb.signIn(t.sql, await requestLink(t.sql, b));
    // B is not decided: A's decision does not open a letter for B's session.
    expect((await cb.get(URL)).statusCode).toBe(404);

    await decide(b, 'Alleen voor aanvraag Mango.');
    const res = await cb.get(URL);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/besluit-tlv-daan-/);
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('aanvraag Mango');
    expect(text).not.toContain('Kiwi');
    expect(text).not.toContain('Noor');
    expect((await t.sql`select 1 from audit_log where action = 'request.parent_letter_pdf' and entity_id = ${a.requestId}`).length).toBe(0);
  });
});

describe('informed consent: each item said in plain words and readable before answering', () => {
  it('describes the items in plain words, opens one (audited), keeps a confidential note closed, and opens nothing of another link', async () => {
    const r = await draftRequest(t.sql, { firstName: 'Noor' });
    const of = { partnership_id: r.partnershipId, school_id: r.schoolId, pupil_id: r.pupilId };
    const note = await f.logbookEntry(t.sql, { ...of, author_id: r.ocoId, kind: 'parent_conversation', occurred_on: '2026-10-12', body: 'Moeder vertelt dat Noor slecht slaapt voor toetsen.' });
    const secret = await f.logbookEntry(t.sql, { ...of, author_id: r.ocoId, occurred_on: '2026-10-13', body: 'Vertrouwelijk: zorgen over thuis.', confidential: true });
    const attach = (itemId: string, label: string) =>
      f.requestAttachment(t.sql, { partnership_id: r.partnershipId, request_id: r.requestId, item_type: 'logbook', item_id: itemId, label, item_date: '2026-10-12', health: false, added_by: r.ocoId });
    const noteItem = await attach(note.id, 'Logboek 12-10-2026: Gesprek met ouders');
    const secretItem = await attach(secret.id, 'Logboek 13-10-2026: Observatie');
    const other = await draftRequest(t.sql);

    const c = new ParentClient(t.app, 'request');
    await c.signIn(t.sql, await requestLink(t.sql, r));
    const page = (await c.get('/api/parent/request')).json();
    expect(page.attachments.find((a: { id: string }) => a.id === noteItem.id).description).toBe('Een aantekening van de school van 12 oktober 2026: gesprek met ouders');

    const read = await c.get(`/api/parent/request/items/${noteItem.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({
      id: noteItem.id, title: 'Een aantekening van de school van 12 oktober 2026: gesprek met ouders', health: false, file: null,
      parts: [{ heading: 'Wat de school opschreef', text: 'Moeder vertelt dat Noor slecht slaapt voor toetsen.' }],
    });
    const [audited] = await t.sql`select count(*)::int as n from audit_log where action = 'request.parent_read_item' and entity_id = ${noteItem.id} and pupil_id = ${r.pupilId}`;
    expect(audited!.n).toBe(1);

    const closed = await c.get(`/api/parent/request/items/${secretItem.id}`);
    expect(closed.statusCode).toBe(403);
    expect(closed.body).not.toContain('zorgen over thuis');
    expect((await c.get(`/api/parent/request/items/${other.attachments.opp}`)).statusCode).toBe(404);
    expect((await c.get(`/api/parent/request/items/${other.attachments.report}/file`)).statusCode).toBe(404);
  });
});
