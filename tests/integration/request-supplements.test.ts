import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { clients, requestWorld, submittedTlv, type RequestWorld } from './request-fixtures.ts';
import { mailbox } from '../helpers/factories.ts';
import { ParentClient } from '../helpers/parent-client.ts';
import { mailedLink } from './request-parent-fixtures.ts';

/**
 * Sending more after submission (nasturen): the school adds items from the
 * dossier, gets the consent they need and sends them, often as the answer
 * to an addition. The partnership sees an item only once it is sent.
 */
let t: TestApp;
let w: RequestWorld;
let as: ReturnType<typeof clients>;

beforeAll(async () => {
  t = await createTestApp();
  w = await requestWorld(t.sql);
  as = clients(t.app, w);
});
afterAll(() => t.close());

/** A submitted TLV held by the consultant, who asked for the child psychiatrist's report. */
async function askedForReport() {
  const id = await submittedTlv(t.sql, w, as);
  await t.sql`update requests set status = 'in_review', assigned_to = ${w.users.consultant.id} where id = ${id}`;
  const asked = await (await as('consultant')).post(`/api/requests/${id}/messages`, { kind: 'addition_request', body: 'Graag het verslag van de kinderpsychiater.' });
  expect(asked.statusCode).toBe(200);
  return { id, questionId: asked.json().id as string };
}

const medicalOf = async (id: string) =>
  (await t.sql<{ id: string; shared_at: Date | null; snapshot: unknown }[]>`
    select id, shared_at, snapshot from request_attachments where request_id = ${id} and item_id = ${w.medicalId}`)[0];

describe('sending more after submission', () => {
  it('sends the item an addition asked for once consented, as the answer; the partnership sees it only then and the clock runs again', async () => {
    const { id, questionId } = await askedForReport();
    const oco = await as('oco');
    const consultant = await as('consultant');

    const items = (await oco.get(`/api/requests/${id}/dossier-items`)).json() as { itemId: string; shared: boolean }[];
    expect(items.find((i) => i.itemId === w.testReportId)?.shared).toBe(true);
    expect(items.find((i) => i.itemId === w.medicalId)?.shared).toBe(false);
    expect((await oco.post(`/api/requests/${id}/attachments`, { itemType: 'document', itemId: w.medicalId })).statusCode).toBe(200);
    const medical = (await medicalOf(id))!;

    // Waiting to be sent: the school sees it, the partnership does not.
    const seen = (await consultant.get(`/api/requests/${id}`)).json();
    expect(seen.attachments.map((a: { id: string }) => a.id)).not.toContain(medical.id);
    expect((await consultant.get(`/api/requests/${id}/attachments/${medical.id}/file`)).statusCode).toBe(404);
    const school = (await oco.get(`/api/requests/${id}`)).json();
    expect(school.attachments.find((a: { id: string }) => a.id === medical.id)).toMatchObject({ shared: false, health: true });
    expect(school.missing.map((m: { part: string }) => m.part)).toEqual(['parent_consent']);

    // Without the parents' consent for it: refused, nothing sent, the question still open.
    const early = await oco.post(`/api/requests/${id}/supplements`, { body: 'Hierbij het verslag.', answersId: questionId });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain('Verslag kinderpsychiater.pdf');
    expect(await medicalOf(id)).toMatchObject({ shared_at: null, snapshot: null });
    const [q] = await t.sql`select answered_at from request_messages where id = ${questionId}`;
    expect(q!.answered_at).toBeNull();

    const paper = await oco.post(`/api/requests/${id}/consents`, { signer: 'parent', signerName: 'Mevrouw Verhoef', decision: 'given', attachmentIds: [medical.id], comment: '' });
    expect(paper.statusCode).toBe(200);
    expect((await oco.get(`/api/requests/${id}`)).json().missing).toEqual([]);
    const sent = await oco.post(`/api/requests/${id}/supplements`, { body: 'Hierbij het verslag.', answersId: questionId });
    expect(sent.statusCode, sent.body).toBe(200);

    expect(await medicalOf(id)).toMatchObject({ shared_at: expect.any(Date), snapshot: expect.objectContaining({ filename: 'Verslag kinderpsychiater.pdf' }) });
    const [answer] = await t.sql`select kind, answers_id, attachment_ids::text[] as ids from request_messages where id = ${sent.json().id}`;
    expect(answer).toEqual({ kind: 'addition_answer', answers_id: questionId, ids: [medical.id] });
    const [r] = await t.sql`select waiting_since from requests where id = ${id}`;
    expect(r!.waiting_since).toBeNull();
    const after = (await consultant.get(`/api/requests/${id}`)).json();
    expect(after.attachments.find((a: { id: string }) => a.id === medical.id)).toMatchObject({ shared: true });
    expect(after.clock.waitingForSchool).toBe(false);
    expect((await consultant.get(`/api/requests/${id}/attachments/${medical.id}/file`)).statusCode).toBe(200);
    const [mail] = await t.sql`select subject from outbox where to_address = ${w.users.consultant.email} order by id desc limit 1`;
    expect(mail!.subject).toBe('De school heeft stukken nagestuurd bij een aanvraag');
    const [audit] = await t.sql`select details from audit_log where entity_id = ${id} and action = 'request.addition_answer' order by id desc limit 1`;
    expect(audit!.details).toEqual({ attachments: 1 });

    // Sent is sent: it cannot be taken back or attached again.
    expect((await oco.delete(`/api/requests/${id}/attachments/${medical.id}`)).statusCode).toBe(409);
    expect((await oco.post(`/api/requests/${id}/attachments`, { itemType: 'document', itemId: w.medicalId })).statusCode).toBe(400);
    expect((await oco.post(`/api/requests/${id}/supplements`, { body: '' })).statusCode).toBe(409);
  });

  it('is for the school’s support team while the partnership weighs the request, not after the decision', async () => {
    const { id } = await askedForReport();
    const attach = (who: 'oco' | 'schoolleider' | 'consultant') => as(who).then((c) => c.post(`/api/requests/${id}/attachments`, { itemType: 'document', itemId: w.medicalId }));
    expect((await attach('schoolleider')).statusCode).toBe(403);
    expect((await attach('consultant')).statusCode).toBe(403);
    expect((await attach('oco')).statusCode).toBe(200);
    await t.sql`update requests set status = 'decided' where id = ${id}`;
    const pending = (await medicalOf(id))!;
    expect((await (await as('oco')).delete(`/api/requests/${id}/attachments/${pending.id}`)).statusCode).toBe(403);
    expect((await (await as('oco')).post(`/api/requests/${id}/supplements`, { body: '' })).statusCode).toBe(403);
  });

  it('asks the parents by mail about the new items only; their consent covers those and the school can send them', async () => {
    const { id } = await askedForReport();
    const oco = await as('oco');
    await oco.post(`/api/requests/${id}/attachments`, { itemType: 'document', itemId: w.medicalId });
    const medical = (await medicalOf(id))!;
    const email = mailbox('ouder-nasturen');
    expect((await oco.post(`/api/requests/${id}/consent-links`, { recipients: [{ signer: 'parent', name: 'Mevrouw Verhoef', email }] })).statusCode).toBe(200);
    const link = await mailedLink(t.sql, email);
    expect(link.text).toContain('nasturen');

    const parent = new ParentClient(t.app, 'request');
    await parent.signIn(t.sql, { token: link.token, email });
    const page = (await parent.get('/api/parent/request')).json();
    expect(page).toMatchObject({ supplement: true, canConsent: true, status: 'in_review' });
    expect(page.attachments.map((a: { id: string }) => a.id)).toEqual([medical.id]);
    // Only the items the link asks about.
    const [earlier] = await t.sql<{ id: string }[]>`select id from request_attachments where request_id = ${id} and shared_at is not null limit 1`;
    expect((await parent.post('/api/parent/request/consent', { decision: 'given', attachmentIds: [earlier!.id], comment: '' })).statusCode).toBe(400);
    expect((await parent.post('/api/parent/request/consent', { decision: 'given', attachmentIds: [medical.id], comment: '' })).statusCode).toBe(200);

    const school = (await oco.get(`/api/requests/${id}`)).json();
    expect(school.missing).toEqual([]);
    expect(school.consentAsked.map((l: { email: string; answered: boolean }) => [l.email, l.answered])).toContainEqual([email, true]);
    const sent = await oco.post(`/api/requests/${id}/supplements`, { body: '', answersId: null });
    expect(sent.statusCode, sent.body).toBe(200);
    const [m] = await t.sql`select kind, body from request_messages where id = ${sent.json().id}`;
    expect(m).toEqual({ kind: 'supplement', body: 'De school stuurt na: Verslag kinderpsychiater.pdf.' });
  });
});
