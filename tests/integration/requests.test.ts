import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { document, logbookEntry, mailbox, pupil, requestConsent, requestExpert } from '../helpers/factories.ts';
import { clients, consentAll, requestWorld, submittedTlv, type RequestWorld } from './request-fixtures.ts';

let t: TestApp;
let w: RequestWorld;
let as: ReturnType<typeof clients>;

beforeAll(async () => {
  t = await createTestApp();
  w = await requestWorld(t.sql);
  as = clients(t.app, w);
});
afterAll(() => t.close());

const texts = { question: 'Is Daan toelaatbaar tot het vso?', doneAlready: 'Een jaar OPP met coaching; doelen niet gehaald.', expectation: 'Een TLV vso.', groupDescription: '' };

describe('composing a request from the dossier', () => {
  it('lists what is missing, blocks submission until it is there, and changes nothing when blocked', async () => {
    const oco = await as('oco');
    const created = await oco.post('/api/requests', { kind: 'tlv', schoolId: w.schoolId, pupilId: w.pupilId, tlvSchoolKind: 'vso' });
    expect(created.statusCode).toBe(200);
    const id = created.json().id;
    const page = (await oco.get(`/api/requests/${id}`)).json();
    expect(page.status).toBe('draft');
    expect(page.missing.map((m: { part: string }) => m.part)).toEqual(['question', 'done_already', 'expectation', 'opp_agreed_recent', 'opp_evaluation', 'test_report', 'parent_consent']);

    // The dossier offers what can be attached; nothing is typed again.
    const items = (await oco.get(`/api/requests/${id}/dossier-items`)).json();
    expect(items.map((i: { itemType: string }) => i.itemType).sort()).toEqual(['document', 'document', 'meeting_item', 'opp_evaluation', 'opp_version']);
    expect(items.find((i: { itemId: string }) => i.itemId === w.medicalId).health).toBe(true);

    expect((await oco.put(`/api/requests/${id}`, { revision: 1, ...texts })).json()).toEqual({ revision: 2 });
    for (const [itemType, itemId] of [['opp_version', w.versionId], ['opp_evaluation', w.evaluationId], ['document', w.testReportId], ['document', w.medicalId]]) {
      expect((await oco.post(`/api/requests/${id}/attachments`, { itemType, itemId })).statusCode).toBe(200);
    }
    const blocked = await oco.post(`/api/requests/${id}/submit`, { revision: 2 });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().error.message).toContain('Vraag toestemming van de ouders');
    expect((await t.sql`select status, submitted_at from requests where id = ${id}`)[0]).toEqual({ status: 'draft', submitted_at: null });

    // Consent that leaves out the medical report: the health item is named as missing.
    const notHealth = await t.sql<{ id: string }[]>`select id from request_attachments where request_id = ${id} and not health`;
    await requestConsent(t.sql, {
      partnership_id: w.partnershipId, request_id: id, signer_name: 'Mevrouw Verhoef', attachment_ids: notHealth.map((a) => a.id), recorded_by: w.users.oco.id,
    });
    const still = (await oco.get(`/api/requests/${id}`)).json();
    expect(still.missing).toEqual([expect.objectContaining({ part: 'parent_consent', where: 'consent', message: expect.stringContaining('Verslag kinderpsychiater.pdf') })]);

    await consentAll(t.sql, w, id);
    const ok = await oco.post(`/api/requests/${id}/submit`, { revision: 2 });
    expect(ok.statusCode).toBe(200);
    const [row] = await t.sql<{ status: string; due: string }[]>`select status, decision_due_on::text as due from requests where id = ${id}`;
    expect(row).toEqual({ status: 'submitted', due: addDays(today(), 42) });
    const snapshots = await t.sql<{ itemType: string; snapshot: { status?: string; filename?: string } }[]>`
      select item_type as "itemType", snapshot from request_attachments where request_id = ${id} order by item_type`;
    expect(snapshots.every((s) => s.snapshot !== null)).toBe(true);
    expect(snapshots.find((s) => s.itemType === 'opp_version')!.snapshot.status).toBe('agreed');
    // A submitted request is no longer a draft: texts and attachments are fixed.
    expect((await oco.put(`/api/requests/${id}`, { revision: 3, ...texts })).statusCode).toBe(403);
  });

  it('refuses an item from another pupil and a save over a newer revision', async () => {
    const oco = await as('oco');
    const { id } = (await oco.post('/api/requests', { kind: 'opdc', schoolId: w.schoolId, pupilId: w.pupilId })).json();
    const strange = await pupil(t.sql, w.partnershipId, w.schoolId, null, { first_name: 'X', lastName: 'Y', birth_date: '2012-01-01' });
    const doc = await document(t.sql, {
      partnership_id: w.partnershipId, school_id: w.schoolId, pupil_id: strange.id, filename: 'ander.pdf', size_bytes: 1, sha256: 'x', content: Buffer.from('x'), uploaded_by: w.users.oco.id,
    });
    const res = await oco.post(`/api/requests/${id}/attachments`, { itemType: 'document', itemId: doc.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].message).toContain('hoort niet bij het dossier');

    expect((await oco.put(`/api/requests/${id}`, { revision: 1, ...texts })).statusCode).toBe(200);
    const stale = await oco.put(`/api/requests/${id}`, { revision: 1, ...texts, question: 'Andere vraag' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('intussen opgeslagen');
    expect((await t.sql`select question from requests where id = ${id}`)[0]!.question).toBe(texts.question);
  });

  it('keeps a confidential logbook entry in the dossier: the picker marks it, attaching it is refused and writes nothing', async () => {
    const oco = await as('oco');
    const { id } = (await oco.post('/api/requests', { kind: 'opdc', schoolId: w.schoolId, pupilId: w.pupilId })).json();
    const entry = async (body: string, confidential: boolean) =>
      (await logbookEntry(t.sql, { partnership_id: w.partnershipId, school_id: w.schoolId, pupil_id: w.pupilId, kind: 'parent_conversation', body, confidential, author_id: w.users.oco.id })).id;
    const secret = await entry('Moeder vertelt over de scheiding.', true);
    const plain = await entry('Afgesproken: elke week een gesprek met de mentor.', false);

    const items = (await oco.get(`/api/requests/${id}/dossier-items`)).json() as { itemId: string; confidential: boolean }[];
    expect(items.find((i) => i.itemId === secret)?.confidential).toBe(true);
    expect(items.find((i) => i.itemId === plain)?.confidential).toBe(false);

    const refused = await oco.post(`/api/requests/${id}/attachments`, { itemType: 'logbook', itemId: secret });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0]).toEqual({ path: 'itemId', message: expect.stringContaining('vertrouwelijke logboekaantekening blijft in het dossier') });
    expect(await t.sql`select 1 from request_attachments where request_id = ${id}`).toHaveLength(0);

    expect((await oco.post(`/api/requests/${id}/attachments`, { itemType: 'logbook', itemId: plain })).statusCode).toBe(200);
    const page = (await oco.get(`/api/requests/${id}`)).json();
    expect(page.attachments.map((a: { itemId: string; confidential: boolean }) => [a.itemId, a.confidential])).toEqual([[plain, false]]);
  });

  it('lets only the support team of the pupil’s school start a request', async () => {
    const body = { kind: 'tlv', schoolId: w.schoolId, pupilId: w.pupilId, tlvSchoolKind: 'so' };
    expect((await (await as('schoolleider')).post('/api/requests', body)).statusCode).toBe(403);
    expect((await (await as('mentor')).post('/api/requests', body)).statusCode).toBe(404);
    expect((await (await as('otherOco')).post('/api/requests', body)).statusCode).toBe(404);
    expect((await (await as('consultant')).post('/api/requests', body)).statusCode).toBe(404);
    const noKind = await (await as('oco')).post('/api/requests', { kind: 'tlv', schoolId: w.schoolId, pupilId: w.pupilId });
    expect(noKind.statusCode).toBe(400);
  });
});

describe('at the partnership', () => {
  it('shows the loket initials until a consultant holds the request, then the pupil; audited', async () => {
    const id = await submittedTlv(t.sql, w, as);
    const loket = await as('consultant');
    const row = (await loket.get(`/api/requests?kind=tlv`)).json().rows.find((r: { id: string }) => r.id === id);
    expect(row.pupilLabel).toBe('D.V. (2012)');
    expect(row.held).toBe(false);
    expect(row.clock.daysToTarget).toBe(42);
    expect((await loket.get(`/api/requests/${id}`)).statusCode).toBe(404);

    expect((await loket.post(`/api/requests/${id}/assign`, { consultantId: w.users.consultant.id })).statusCode).toBe(200);
    const page = await loket.get(`/api/requests/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().pupil.name).toBe('Daan Verhoef');
    expect((await loket.get('/api/requests?kind=tlv')).json().rows.find((r: { id: string }) => r.id === id).held).toBe(true);
    expect(page.json().status).toBe('in_review');
    const audits = await t.sql`select 1 from audit_log where action = 'request.read' and entity_id = ${id} and actor_user_id = ${w.users.consultant.id} and pupil_id = ${w.pupilId}`;
    expect(audits.length).toBe(1);
    // The other consultant does not hold it; experts are not assigned yet; the director waits for the decision stage.
    for (const who of ['consultant2', 'expert1', 'director'] as const) expect((await (await as(who)).get(`/api/requests/${id}`)).statusCode).toBe(404);
  });

  it('asks an addition inline: the request stays, the school is told, the clock shows the wait', async () => {
    const id = await submittedTlv(t.sql, w, as);
    const loket = await as('consultant');
    await loket.post(`/api/requests/${id}/assign`, { consultantId: w.users.consultant.id });
    const asked = await loket.post(`/api/requests/${id}/messages`, { kind: 'addition_request', body: 'Kunt u het verslag van de jeugdarts toevoegen?' });
    expect(asked.statusCode).toBe(200);
    const oco = await as('oco');
    const page = (await oco.get(`/api/requests/${id}`)).json();
    expect(page.status).toBe('in_review');
    expect(page.clock.waitingForSchool).toBe(true);
    // Three days waiting for the school move the decision date by three days.
    const before = page.clock.daysToTarget;
    await t.sql`update requests set waiting_since = now() - interval '3 days' where id = ${id}`;
    expect((await oco.get(`/api/requests/${id}`)).json().clock).toMatchObject({ waitingDays: 3, daysToTarget: before + 3 });
    const mail = await t.sql`select 1 from outbox where to_address = ${w.users.oco.email} and subject like '%aanvulling%'`;
    expect(mail.length).toBeGreaterThan(0);

    const answered = await oco.post(`/api/requests/${id}/answers`, { answersId: asked.json().id, body: 'De jeugdarts heeft geen verslag; wel een brief, die volgt via de ouders.' });
    expect(answered.statusCode).toBe(200);
    const after = (await oco.get(`/api/requests/${id}`)).json();
    expect(after.clock.waitingForSchool).toBe(false);
    expect(after.messages.map((m: { kind: string }) => m.kind)).toEqual(['status', 'status', 'addition_request', 'addition_answer']);
    expect((await oco.post(`/api/requests/${id}/answers`, { answersId: asked.json().id, body: 'nog eens' })).statusCode).toBe(409);
  });

  it('needs two experts, one an orthopedagoog or psycholoog; moves to the director when both advised', async () => {
    const id = await submittedTlv(t.sql, w, as);
    const loket = await as('consultant');
    await loket.post(`/api/requests/${id}/assign`, { consultantId: w.users.consultant.id });
    const wrong = await loket.post(`/api/requests/${id}/experts`, { experts: [{ userId: w.users.expert1.id, discipline: 'arts' }, { userId: w.users.expert2.id, discipline: 'pedagoog' }] });
    expect(wrong.statusCode).toBe(400);
    const notExpert = await loket.post(`/api/requests/${id}/experts`, { experts: [{ userId: w.users.expert1.id, discipline: 'psycholoog' }, { userId: w.users.consultant2.id, discipline: 'arts' }] });
    expect(notExpert.statusCode).toBe(400);
    expect((await t.sql`select 1 from request_experts where request_id = ${id}`).length).toBe(0);
    const ok = await loket.post(`/api/requests/${id}/experts`, { experts: [{ userId: w.users.expert1.id, discipline: 'orthopedagoog' }, { userId: w.users.expert2.id, discipline: 'kinderpsychiater' }] });
    expect(ok.statusCode).toBe(200);
    expect((await (await as('expert3')).get(`/api/requests/${id}`)).statusCode).toBe(404);
    // The picker offers each expert with the discipline they last advised in.
    const staff = (await loket.get('/api/request-staff')).json();
    const disciplineOf = (u: { id: string }) => staff.experts.find((e: { id: string }) => e.id === u.id)?.discipline;
    expect([disciplineOf(w.users.expert1), disciplineOf(w.users.expert2), disciplineOf(w.users.expert3)]).toEqual(['orthopedagoog', 'kinderpsychiater', null]);
    expect(staff.consultants.map((c: { id: string }) => c.id)).toContain(w.users.consultant.id);

    const advice = { needs: 'Kleine groep, veel structuur.', whyNotRegular: 'De school heeft een jaar OPP gedaan zonder resultaat.', conclusion: 'admissible', schoolKind: 'vso', category: 1, durationMonths: 24 };
    const e1 = await as('expert1');
    expect((await e1.put(`/api/requests/${id}/advice`, advice)).json()).toEqual({ status: 'advice' });
    const e2 = await as('expert2');
    expect((await e2.get(`/api/requests/${id}`)).json().experts.map((x: { advice: unknown }) => x.advice)).toEqual([null]);
    expect((await e2.put(`/api/requests/${id}/advice`, advice)).json()).toEqual({ status: 'decision' });
    expect((await (await as('director')).get(`/api/requests/${id}`)).json().experts).toHaveLength(2);
  });
});

describe('the decision', () => {
  async function atDirector() {
    const id = await submittedTlv(t.sql, w, as);
    await t.sql`update requests set status = 'decision', assigned_to = ${w.users.consultant.id} where id = ${id}`;
    return id;
  }
  const grant = { outcome: 'granted', motivation: 'Daan heeft een kleine groep nodig.', startsOn: '2027-01-01', endsOn: '2028-07-31', schoolKind: 'vso', category: 1, cluster: 4 };

  it('numbers TLVs in order and refuses a period shorter than the school year, writing nothing', async () => {
    const director = await as('director');
    const [a, b] = [await atDirector(), await atDirector()];
    const short = await director.post(`/api/requests/${a}/decision`, { ...grant, endsOn: '2027-03-01' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].message).toContain('einde van het schooljaar');
    expect((await t.sql`select 1 from request_decisions where request_id = ${a}`).length).toBe(0);

    const first = (await director.post(`/api/requests/${a}/decision`, grant)).json();
    const second = (await director.post(`/api/requests/${b}/decision`, grant)).json();
    expect(second.tlvNumber).toBe(first.tlvNumber + 1);
    const [tlv] = await t.sql`select school_kind, category, cluster, starts_on::text, ends_on::text from tlvs where request_id = ${a}`;
    expect(tlv).toEqual({ school_kind: 'vso', category: 1, cluster: 4, starts_on: '2027-01-01', ends_on: '2028-07-31' });
    expect((await director.post(`/api/requests/${a}/decision`, grant)).statusCode).toBe(403);
  });

  it('is also for staff the director mandated, but never on a request they handled or advised on', async () => {
    const decider = await as('decider');
    const id = await atDirector();
    expect((await decider.get('/api/requests')).json().rows.map((r: { id: string }) => r.id)).toContain(id);
    expect((await decider.post(`/api/requests/${id}/decision`, grant)).statusCode).toBe(200);

    const handled = await atDirector();
    await t.sql`update requests set assigned_to = ${w.users.deciderConsultant.id} where id = ${handled}`;
    const consultant = await as('deciderConsultant');
    expect((await consultant.get(`/api/requests/${handled}`)).json().can.decide).toBe(false);
    expect((await consultant.post(`/api/requests/${handled}/decision`, grant)).statusCode).toBe(403);

    const advised = await atDirector();
    await requestExpert(t.sql, { partnership_id: w.partnershipId, request_id: advised, expert_id: w.users.decider.id, discipline: 'orthopedagoog', assigned_by: w.users.consultant.id });
    expect((await decider.post(`/api/requests/${advised}/decision`, grant)).statusCode).toBe(404);
    expect(await t.sql`select 1 from request_decisions where request_id in (${handled}, ${advised})`).toHaveLength(0);
  });

  it('registers an objection and its outcome', async () => {
    const director = await as('director');
    const id = await atDirector();
    await director.post(`/api/requests/${id}/decision`, { outcome: 'refused', motivation: 'De school kan nog meer doen.' });
    const o = await director.post(`/api/requests/${id}/objections`, { lodgedOn: today(), lodgedBy: 'Ouders van Daan', grounds: 'De school heeft alles geprobeerd.' });
    expect(o.statusCode).toBe(200);
    const done = await director.patch(`/api/objections/${o.json().id}`, { status: 'upheld', outcomeOn: today(), outcomeNotes: 'Opnieuw beslissen.' });
    expect(done.statusCode).toBe(200);
    expect((await director.patch(`/api/objections/${o.json().id}`, { status: 'rejected', outcomeOn: today(), outcomeNotes: 'x' })).statusCode).toBe(409);
    expect((await (await as('oco')).get(`/api/requests/${id}`)).json().objections[0].status).toBe('upheld');
  });

  it('commits a granted arrangement with its first evaluation date', async () => {
    const oco = await as('oco');
    const { id } = (await oco.post('/api/requests', { kind: 'arrangement', schoolId: w.schoolId, pupilId: w.pupilId, arrangementKindId: w.arrangementKindId })).json();
    await oco.put(`/api/requests/${id}`, { revision: 1, ...texts });
    await oco.post(`/api/requests/${id}/attachments`, { itemType: 'opp_version', itemId: w.versionId });
    await consentAll(t.sql, w, id);
    expect((await oco.post(`/api/requests/${id}/submit`, { revision: 2 })).statusCode).toBe(200);
    const loket = await as('consultant');
    await loket.post(`/api/requests/${id}/assign`, { consultantId: w.users.consultant.id });
    expect((await loket.post(`/api/requests/${id}/to-decision`, { note: 'Passend: toekennen.' })).statusCode).toBe(200);
    const director = await as('director');
    const tooLong = await director.post(`/api/requests/${id}/decision`, { outcome: 'granted', motivation: 'Toegekend.', amountEur: 2500, startsOn: '2027-01-04', endsOn: '2028-01-04' });
    expect(tooLong.statusCode).toBe(400);
    expect((await director.post(`/api/requests/${id}/decision`, { outcome: 'granted', motivation: 'Toegekend.', amountEur: 2500, startsOn: '2027-01-04', endsOn: '2027-06-30' })).statusCode).toBe(200);
    const [a] = await t.sql`select amount_eur::float as amount, next_evaluation_on::text as next from arrangements where request_id = ${id}`;
    expect(a).toEqual({ amount: 2500, next: '2027-03-15' });
  });
});

describe('a consultation', () => {
  it('can be anonymous and ends with the loket’s answer', async () => {
    const oco = await as('oco');
    const { id } = (await oco.post('/api/requests', { kind: 'consultation', schoolId: w.schoolId })).json();
    await oco.put(`/api/requests/${id}`, { revision: 1, question: 'Wat kunnen we doen bij een leerling die vaak verzuimt?', doneAlready: '', expectation: '', groupDescription: '' });
    expect((await oco.post(`/api/requests/${id}/submit`, { revision: 2 })).statusCode).toBe(200);
    const loket = await as('consultant2');
    expect((await loket.get('/api/requests?kind=consultation')).json().rows.find((r: { id: string }) => r.id === id).pupilLabel).toBeNull();
    await loket.post(`/api/requests/${id}/assign`, { consultantId: w.users.consultant2.id });
    expect((await loket.post(`/api/requests/${id}/answer-consultation`, { body: 'Schakel de leerplichtambtenaar vroeg in.' })).json()).toEqual({ status: 'answered' });
  });
});

describe('the partnership’s configuration', () => {
  it('decides which parts a school must attach, and the school sees it before submitting', async () => {
    const director = await as('director');
    const settings = (await director.get('/api/request-settings')).json();
    const saved = await director.put('/api/request-settings', { ...settings, requiredParts: { ...settings.requiredParts, opdc: ['meeting'] } });
    expect(saved.statusCode).toBe(200);
    const oco = await as('oco');
    const { id } = (await oco.post('/api/requests', { kind: 'opdc', schoolId: w.schoolId, pupilId: w.pupilId })).json();
    const parts = async () => (await oco.get(`/api/requests/${id}`)).json().missing.map((m: { part: string }) => m.part);
    expect(await parts()).toContain('meeting');
    await oco.post(`/api/requests/${id}/attachments`, { itemType: 'meeting_item', itemId: w.meetingItemId });
    expect(await parts()).not.toContain('meeting');
    // An OPDC place is temporary: the school states what the return to the own school needs.
    expect(await parts()).toContain('return_goal');
    const { revision } = (await oco.get(`/api/requests/${id}`)).json();
    const saved2 = await oco.put(`/api/requests/${id}`, { revision, ...texts, returnGoal: 'Terug in de eigen klas na de voorjaarsvakantie.' });
    expect(saved2.statusCode, saved2.body).toBe(200);
    expect(await parts()).not.toContain('return_goal');
    expect((await oco.get(`/api/requests/${id}`)).json().returnGoal).toBe('Terug in de eigen klas na de voorjaarsvakantie.');
    expect((await oco.get('/api/request-settings')).statusCode).toBe(403);
  });

  it('refuses an arrangement kind whose first evaluation falls after its end, or without amount or hours', async () => {
    const director = await as('director');
    const kind = { name: `Begeleiding ${Math.random()}`, offers: 'Begeleiding', scope: 'pupil', maxWeeks: 10, evaluationWeeks: 12, amountEur: null, hours: null };
    const res = await director.post('/api/arrangement-kinds', kind);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['amountEur', 'evaluationWeeks']);
    expect((await director.post('/api/arrangement-kinds', { ...kind, evaluationWeeks: 6, hours: 20 })).statusCode).toBe(200);
  });
});

describe('after the decision', () => {
  it('mails every parent who had a link a fresh link to the decision', async () => {
    const oco = await as('oco');
    const id = await submittedTlv(t.sql, w, as);
    const email = mailbox('ouder');
    // Asked earlier by mail (the request is submitted now; the link stays valid for 90 days).
    await t.sql`update requests set status = 'draft' where id = ${id}`;
    expect((await oco.post(`/api/requests/${id}/consent-links`, { recipients: [{ signer: 'parent', name: 'Mevrouw Verhoef', email }] })).statusCode).toBe(200);
    await t.sql`update requests set status = 'decision', assigned_to = ${w.users.consultant.id} where id = ${id}`;
    const decided = await (await as('director')).post(`/api/requests/${id}/decision`, { outcome: 'refused', motivation: 'De school kan eerst een arrangement inzetten.' });
    expect(decided.statusCode).toBe(200);
    const mails = await t.sql<{ subject: string }[]>`select subject from outbox where to_address = ${email} order by created_at`;
    expect(mails.map((m) => m.subject)).toEqual([expect.any(String), 'Er is een besluit over de aanvraag voor Daan']);
  });
});

describe('the work list', () => {
  it('keeps closed requests for 30 days; older ones by their status or on the pupil’s page', async () => {
    const oco = await as('oco');
    const { id } = (await oco.post('/api/requests', { kind: 'consultation', schoolId: w.schoolId, pupilId: w.pupilId })).json();
    await oco.post(`/api/requests/${id}/withdraw`, { reason: 'Niet meer nodig.' });
    const listed = async (query: string) => (await oco.get(`/api/requests${query}`)).json().rows.some((r: { id: string }) => r.id === id);
    expect(await listed('')).toBe(true);
    await t.sql`update requests set updated_at = now() - interval '31 days' where id = ${id}`;
    expect(await listed('')).toBe(false);
    expect(await listed('?status=withdrawn')).toBe(true);
    expect(await listed(`?pupilId=${w.pupilId}`)).toBe(true);
  });
});

describe('the attachments behind a request', () => {
  it('lets the consultant who holds it open the test report, nobody else at the partnership, and not after the health retention', async () => {
    const id = await submittedTlv(t.sql, w, as);
    const [a] = await t.sql<{ id: string }[]>`select id from request_attachments where request_id = ${id} and item_type = 'document'`;
    const url = `/api/requests/${id}/attachments/${a!.id}/file`;
    const loket = await as('consultant');
    expect((await loket.get(url)).statusCode).toBe(404);
    await loket.post(`/api/requests/${id}/assign`, { consultantId: w.users.consultant.id });
    const file = await loket.get(url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('WISC-V');
    expect(file.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect((await (await as('consultant2')).get(url)).statusCode).toBe(404);
    await t.sql`update request_attachments set removed_at = now(), snapshot = null where id = ${a!.id}`;
    expect((await loket.get(url)).statusCode).toBe(404);
  });
});
