import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';
import { multipart, tinyPdf } from '../helpers/multipart.ts';

let t: TestApp;
let p: { id: string };
let schoolId: string;
let classId: string;
let mentorUser: f.TestUser;
let ocoUser: f.TestUser;
let mentor: Client;
let oco: Client;
let leader: Client;
beforeAll(async () => {
  t = await createTestApp();
  p = await f.partnership(t.sql);
  schoolId = (await f.school(t.sql, p.id, (await f.board(t.sql, p.id)).id)).id;
  mentorUser = await f.user(t.sql, p.id, { roles: [{ role: 'mentor', schoolId }] });
  ocoUser = await f.user(t.sql, p.id, { roles: [{ role: 'oco', schoolId }] });
  classId = (await f.klass(t.sql, p.id, schoolId, [{ userId: mentorUser.id }])).id;
  mentor = await signIn(t.app, mentorUser);
  oco = await signIn(t.app, ocoUser);
  leader = await signIn(t.app, await f.user(t.sql, p.id, { roles: [{ role: 'schoolleider', schoolId }] }));
});
afterAll(() => t.close());

const newPupil = () => f.pupil(t.sql, p.id, schoolId, classId);

describe('logbook and signals', () => {
  it('a mentor writes an observation and signals it to the OCO with one click', async () => {
    const { id } = await newPupil();
    const entry = (await mentor.post(`/api/pupils/${id}/logbook`, { kind: 'observation', occurredOn: '2026-11-19', body: 'Zat de hele les met het hoofd op tafel.' })).json();
    expect((await mentor.post(`/api/pupils/${id}/signals`, { logbookEntryId: entry.id })).statusCode).toBe(200);
    expect((await mentor.post(`/api/pupils/${id}/signals`, { logbookEntryId: entry.id })).statusCode).toBe(409);
    const signals = (await oco.get(`/api/schools/${schoolId}/signals`)).json();
    const mine = signals.find((s: { pupil: { id: string } }) => s.pupil.id === id);
    expect(mine).toMatchObject({ status: 'open', entry: { kind: 'observation', body: 'Zat de hele les met het hoofd op tafel.' } });
    const page = (await mentor.get(`/api/pupils/${id}`)).json();
    expect(page.logbook[0]).toMatchObject({ id: entry.id, signalled: true, author: { id: mentorUser.id } });
  });

  it('shows a confidential entry to the support team, and only its existence to others', async () => {
    const { id } = await newPupil();
    await oco.post(`/api/pupils/${id}/logbook`, { kind: 'parent_conversation', occurredOn: '2026-11-18', body: 'Moeder vertelt over de scheiding.', confidential: true });
    expect((await oco.get(`/api/pupils/${id}`)).json().logbook[0]).toMatchObject({ confidential: true, body: 'Moeder vertelt over de scheiding.' });
    const forMentor = await mentor.get(`/api/pupils/${id}`);
    expect(forMentor.json().logbook[0]).toMatchObject({ confidential: true, body: null });
    expect(forMentor.body).not.toContain('scheiding');
    expect((await leader.get(`/api/pupils/${id}`)).body).not.toContain('scheiding');
  });

  it('refuses an entry without text or with a bad date, naming the field', async () => {
    const { id } = await newPupil();
    const res = await mentor.post(`/api/pupils/${id}/logbook`, { kind: 'observation', occurredOn: '19-11-2026', body: '  ' });
    expect(res.json().error.fields.map((x: { path: string }) => x.path).sort()).toEqual(['body', 'occurredOn']);
  });
});

describe('support level, case manager, needs and advices', () => {
  it('keeps every change with reason and who, and the klassenscan shows needs and advices at once', async () => {
    const { id } = await newPupil();
    expect((await mentor.put(`/api/pupils/${id}/support-level`, { level: 'extra', reason: 'x' })).statusCode).toBe(403);
    expect((await oco.put(`/api/pupils/${id}/support-level`, { level: 'extra', reason: 'Besluit intern ondersteuningsteam.' })).statusCode).toBe(200);
    expect((await oco.put(`/api/pupils/${id}/case-manager`, { userId: ocoUser.id, reason: 'OCO is casemanager.' })).statusCode).toBe(200);
    await oco.post(`/api/pupils/${id}/needs`, { category: 'gedrag', description: 'Voorspelbaarheid bij overgangen.' });
    const advice = (await oco.post(`/api/pupils/${id}/advices`, { advice: 'Kondig veranderingen in de les vooraf aan.' })).json();

    const page = (await mentor.get(`/api/pupils/${id}`)).json();
    expect(page).toMatchObject({ supportLevel: 'extra', caseManager: { id: ocoUser.id } });
    expect(page.supportHistory.map((h: { field: string; newValue: string; reason: string }) => [h.field, h.reason])).toEqual([
      ['case_manager', 'OCO is casemanager.'],
      ['support_level', 'Besluit intern ondersteuningsteam.'],
    ]);

    const scan = (await mentor.get(`/api/classes/${classId}/scan`)).json();
    const row = scan.pupils.find((x: { id: string }) => x.id === id);
    expect(row).toMatchObject({ supportLevel: 'extra', advices: ['Kondig veranderingen in de les vooraf aan.'], needs: [{ category: 'gedrag' }] });

    await oco.post(`/api/pupils/${id}/advices/${advice.id}/end`);
    const after = (await mentor.get(`/api/classes/${classId}/scan`)).json().pupils.find((x: { id: string }) => x.id === id);
    expect(after.advices).toEqual([]);
  });

  it('only lets staff of the pupil\'s school be case manager', async () => {
    const { id } = await newPupil();
    const elsewhere = await f.user(t.sql, p.id, { roles: [{ role: 'swv_consultant', schoolId: null }] });
    const res = await oco.put(`/api/pupils/${id}/case-manager`, { userId: elsewhere.id, reason: 'Test' });
    expect(res.json().error.fields[0].path).toBe('caseManagerId');
    const candidates = (await oco.get(`/api/pupils/${id}/case-manager-candidates`)).json().map((c: { id: string }) => c.id);
    expect(candidates).toContain(mentorUser.id);
    expect(candidates).not.toContain(elsewhere.id);
  });

  it('records kwadrant results on the pupil page', async () => {
    const { id } = await newPupil();
    await mentor.post(`/api/pupils/${id}/kwadrant`, { quadrant: 'willen', instrument: 'SAQI', measuredOn: '2026-10-12', score: 'Welbevinden laag', interpretation: 'Voelt zich niet veilig in de klas.' });
    expect((await mentor.get(`/api/pupils/${id}`)).json().kwadrant).toEqual([
      expect.objectContaining({ quadrant: 'willen', instrument: 'SAQI', score: 'Welbevinden laag', source: 'manual' }),
    ]);
  });
});

describe('documents', () => {
  it('uploads a PDF, downloads the same bytes, deletes it with a reason', async () => {
    const { id } = await newPupil();
    const pdf = tinyPdf();
    const body = await multipart({ category: 'toetsverslag' }, { filename: 'NIO-verslag.pdf', type: 'application/pdf', content: pdf });
    const up = await mentor.request('POST', `/api/pupils/${id}/documents`, body.payload, body.contentType);
    expect(up.statusCode).toBe(200);
    const docId = up.json().id;
    const down = await mentor.get(`/api/documents/${docId}/download`);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toContain('NIO-verslag.pdf');
    expect(Buffer.compare(down.rawPayload, pdf)).toBe(0);
    expect((await mentor.post(`/api/documents/${docId}/delete`, { reason: 'Verkeerd bestand' })).statusCode).toBe(403);
    expect((await oco.post(`/api/documents/${docId}/delete`, { reason: 'Verkeerd bestand' })).statusCode).toBe(200);
    expect((await mentor.get(`/api/documents/${docId}/download`)).statusCode).toBe(404);
    const [row] = await t.sql`select delete_reason, deleted_by, content from documents where id = ${docId}`;
    expect(row).toEqual({ delete_reason: 'Verkeerd bestand', deleted_by: ocoUser.id, content: null });
  });

  it('opens a medical document to the support team and to whom the OCO names; says why it is closed to others, and audits every refusal, grant and revocation', async () => {
    const { id } = await newPupil();
    const doc = await f.document(t.sql, {
      partnership_id: p.id, school_id: schoolId, pupil_id: id, filename: 'Verslag kinderarts.pdf', size_bytes: 5, sha256: 'x', category: 'medisch', content: Buffer.from('%PDF-'), uploaded_by: ocoUser.id,
    });
    const url = `/api/documents/${doc.id}/download`;
    const audits = async (action: string, actor: string) =>
      (await t.sql`select 1 from audit_log where action = ${action} and entity_id = ${doc.id} and actor_user_id = ${actor} and pupil_id = ${id}`).length;

    expect((await oco.get(url)).statusCode).toBe(200);
    const refused = await mentor.get(url);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe('Medisch document: alleen voor het ondersteuningsteam en wie de OCO aanwijst.');
    expect((await leader.get(url)).statusCode).toBe(403);
    expect(await audits('document.download_refused', mentorUser.id)).toBe(1);
    const shown = (await mentor.get(`/api/pupils/${id}`)).json().documents[0];
    expect(shown).toMatchObject({ closed: true, access: null });

    // The OCO names the mentor for this document: the mentor opens it, and the OCO sees who may.
    expect((await mentor.post(`/api/documents/${doc.id}/access`, { userId: mentorUser.id })).statusCode).toBe(403);
    expect((await oco.post(`/api/documents/${doc.id}/access`, { userId: mentorUser.id })).statusCode).toBe(200);
    expect((await oco.post(`/api/documents/${doc.id}/access`, { userId: mentorUser.id })).statusCode).toBe(400);
    expect((await mentor.get(url)).statusCode).toBe(200);
    expect((await mentor.get(`/api/pupils/${id}`)).json().documents[0]).toMatchObject({ closed: false, access: null });
    expect((await oco.get(`/api/pupils/${id}`)).json().documents[0].access).toEqual([{ id: mentorUser.id, name: expect.any(String) }]);
    expect(await audits('document.access_grant', ocoUser.id)).toBe(1);

    expect((await oco.delete(`/api/documents/${doc.id}/access/${mentorUser.id}`)).statusCode).toBe(200);
    expect((await mentor.get(url)).statusCode).toBe(403);
    expect(await audits('document.access_revoke', ocoUser.id)).toBe(1);
    expect(await audits('document.download_refused', mentorUser.id)).toBe(2);
    // Someone outside the school cannot be named.
    const stranger = await f.user(t.sql, p.id, { roles: [{ role: 'swv_consultant', schoolId: null }] });
    expect((await oco.post(`/api/documents/${doc.id}/access`, { userId: stranger.id })).statusCode).toBe(400);
  });

  it('refuses a file that is not PDF, Office or an image — by content, not by name — and stores nothing', async () => {
    const { id } = await newPupil();
    const body = await multipart({ category: 'verslag' }, { filename: 'verslag.pdf', type: 'application/pdf', content: Buffer.from('#!/bin/sh\nrm -rf /\n') });
    const res = await mentor.request('POST', `/api/pupils/${id}/documents`, body.payload, body.contentType);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'file' });
    expect(await t.sql`select 1 from documents where pupil_id = ${id}`).toHaveLength(0);
  });

  it('stores and serves a file under the type its content has, with a name to match, whatever the name or the browser said', async () => {
    const { id } = await newPupil();
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    const oldOffice = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    const cases = [
      { sent: { filename: 'verslag.pdf', type: 'application/pdf', content: png }, name: 'verslag.png', type: 'image/png' },
      { sent: { filename: 'foto.JPEG.exe', type: 'application/x-msdownload', content: png }, name: 'foto.JPEG.png', type: 'image/png' },
      { sent: { filename: 'verslag v1.2', type: 'text/html', content: tinyPdf() }, name: 'verslag v1.2.pdf', type: 'application/pdf' },
      { sent: { filename: 'cijfers.xls', type: 'application/octet-stream', content: oldOffice }, name: 'cijfers.xls', type: 'application/vnd.ms-excel' },
      { sent: { filename: 'installeer.exe', type: 'application/msword', content: oldOffice }, name: 'installeer.doc', type: 'application/msword' },
    ];
    for (const c of cases) {
      const body = await multipart({ category: 'overig' }, c.sent);
      const up = await mentor.request('POST', `/api/pupils/${id}/documents`, body.payload, body.contentType);
      expect(up.statusCode, up.body).toBe(200);
      const down = await mentor.get(`/api/documents/${up.json().id}/download`);
      expect(down.headers['content-type'], c.sent.filename).toBe(c.type);
      expect(down.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent(c.name)}`);
      expect(down.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(down.rawPayload, c.sent.content)).toBe(0);
    }
    const listed = (await mentor.get(`/api/pupils/${id}`)).json().documents.map((d: { filename: string; mimeType: string }) => `${d.filename} ${d.mimeType}`);
    expect(listed.sort()).toEqual(cases.map((c) => `${c.name} ${c.type}`).sort());
  });

  it('refuses a file over 20 MB', async () => {
    const { id } = await newPupil();
    const big = Buffer.concat([tinyPdf(), Buffer.alloc(20 * 1024 * 1024 + 1)]);
    const body = await multipart({ category: 'verslag' }, { filename: 'groot.pdf', type: 'application/pdf', content: big });
    const res = await mentor.request('POST', `/api/pupils/${id}/documents`, body.payload, body.contentType);
    expect(res.json().error.fields[0].message).toMatch(/20 MB/);
  });
});

describe('search', () => {
  it('finds pupils by part of the name or number, within the viewer\'s scope', async () => {
    await f.pupil(t.sql, p.id, schoolId, classId, { lastName: 'Zwartkruis' });
    const res = (await oco.get('/api/pupils?q=ZWARTK')).json();
    expect(res.pupils.map((x: { name: string }) => x.name)).toEqual(['Sam Zwartkruis']);
  });
});
