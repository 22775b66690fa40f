import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

let t: TestApp;
let p: { id: string };
let schoolId: string;
let classId: string;
let mentorUser: f.TestUser;
let oco: Client;
let mentor: Client;
/** The parent of this file's OPPs: an address no other test file mails (see factories.mailbox). */
const parentAddress = f.mailbox('ouder');
beforeAll(async () => {
  t = await createTestApp();
  p = await f.partnership(t.sql);
  schoolId = (await f.school(t.sql, p.id, (await f.board(t.sql, p.id)).id)).id;
  mentorUser = await f.user(t.sql, p.id, { roles: [{ role: 'mentor', schoolId }] });
  classId = (await f.klass(t.sql, p.id, schoolId, [{ userId: mentorUser.id }])).id;
  oco = await signIn(t.app, await f.user(t.sql, p.id, { roles: [{ role: 'oco', schoolId }] }));
  mentor = await signIn(t.app, mentorUser);
});
afterAll(() => t.close());

const complete = (facts: unknown[] = []) => ({
  perspective: { destination: 'mbo-3', grounds: 'Capaciteiten passen bij mbo 3; praktisch ingesteld.' },
  facts,
  factors: [
    { kind: 'supporting', category: 'werkhouding', description: 'Gemotiveerd in praktijkvakken.' },
    { kind: 'hindering', category: 'sociaal_emotioneel', description: 'Faalangst bij toetsen.' },
  ],
  goals: [{ id: 'g1', what: 'Maakt toetsen zonder paniek', howWeSee: 'Maakt alle toetsen af', by: '2027-04-01' }],
  measures: [{ id: 'm1', aspect: 'ruimte', description: 'Toetsen in een prikkelarme ruimte', who: 'Toetscoördinator', hoursPerWeek: 1, where: 'stilteruimte' }],
  curriculumDeviations: '',
  evaluationDates: ['2027-04-01'],
  handelingsadviezen: ['Geef toetsen in de stilteruimte met 25% extra tijd.'],
  pupilView: 'Ik wil graag rustig kunnen werken.',
  summary: { whatWeSee: 'Toetsen maken is spannend.', whatWeAim: 'Rustig toetsen maken.', whatSchoolDoes: 'Een rustige plek en extra tijd.', whatWeAsk: 'Oefen thuis met plannen.', nextTalk: 'april 2027' },
});

async function uploadScan(pupilId: string) {
  const d = await f.document(t.sql, {
    partnership_id: p.id, school_id: schoolId, pupil_id: pupilId, filename: 'scan.pdf', size_bytes: 5, sha256: 'x', content: Buffer.from('%PDF-'), uploaded_by: mentorUser.id,
  });
  return d.id;
}

describe('the OPP from draft to agreement', () => {
  it('is built from dossier facts, refuses an incomplete send, survives a disagreement, and is agreed in a new version', async () => {
    const pupil = await f.pupil(t.sql, p.id, schoolId, classId);
    await mentor.post(`/api/pupils/${pupil.id}/kwadrant`, { quadrant: 'kunnen', instrument: 'NIO', measuredOn: '2026-10-01', score: 'IQ 101' });
    const { id } = (await mentor.post(`/api/pupils/${pupil.id}/opps`, { kind: 'full' })).json();
    expect((await mentor.post(`/api/pupils/${pupil.id}/opps`, { kind: 'light' })).statusCode).toBe(409);

    const facts = (await mentor.get(`/api/pupils/${pupil.id}/opp-facts`)).json();
    expect(facts[0]).toMatchObject({ source: 'kwadrant', text: 'NIO: IQ 101' });
    const picked = [{ source: facts[0].source, sourceId: facts[0].sourceId, date: facts[0].date, text: facts[0].text }];

    let page = (await mentor.get(`/api/opps/${id}`)).json();
    expect(page.missing.length).toBeGreaterThan(0);
    const send = await mentor.post(`/api/opps/${id}/send`, { recipients: [{ signer: 'parent', name: 'Fatma Yilmaz', email: parentAddress }] });
    expect(send.statusCode).toBe(400);
    expect(send.json().error.message).toMatch(/uitstroomperspectief/);

    expect((await mentor.put(`/api/opps/${id}/draft`, { revision: page.current.revision, content: complete(picked) })).json()).toEqual({ revision: 2 });
    page = (await mentor.get(`/api/opps/${id}`)).json();
    expect(page.missing).toEqual([]);
    expect(page.current.content.facts).toEqual(picked);

    expect((await mentor.post(`/api/opps/${id}/send`, { recipients: [{ signer: 'parent', name: 'Fatma Yilmaz', email: parentAddress }] })).statusCode).toBe(200);
    const [mail] = await t.sql`select text_body from outbox where to_address = ${parentAddress} order by id desc limit 1`;
    expect(mail!.text_body).toMatch(/\/ouders\/opp#token=/);
    // Sent: the version is a record now.
    expect((await mentor.put(`/api/opps/${id}/draft`, { revision: 2, content: complete() })).statusCode).toBe(409);
    await expect(t.sql`update opp_versions set content = '{}' where opp_id = ${id} and number = 1`).rejects.toThrow(/no longer a draft/);

    // Paper refusal: recorded, never pretended agreed.
    const scan1 = await uploadScan(pupil.id);
    const no = await mentor.post(`/api/opps/${id}/responses`, { signer: 'parent', signerName: 'Fatma Yilmaz', decision: 'disagree', comment: 'Wij willen meer begeleiding.', documentId: scan1 });
    expect(no.json()).toEqual({ status: 'disagreed' });
    page = (await mentor.get(`/api/opps/${id}`)).json();
    expect(page.status).toBe('disagreed');
    expect(page.disagreementRoutes.map((r: { name: string }) => r.name)).toContain('Geschillencommissie passend onderwijs');

    // Adjust in a new version, send again, agreed on paper.
    expect((await mentor.post(`/api/opps/${id}/revise`)).json()).toEqual({ number: 2 });
    const v2 = (await mentor.get(`/api/opps/${id}`)).json().current;
    const adjusted = { ...v2.content, measures: [...v2.content.measures, { id: 'm2', aspect: 'expertise', description: 'Faalangstreductietraining', who: 'Orthopedagoog', hoursPerWeek: 1, where: 'school' }] };
    expect((await mentor.put(`/api/opps/${id}/draft`, { revision: v2.revision, content: adjusted })).statusCode).toBe(200);
    await mentor.post(`/api/opps/${id}/send`, { recipients: [{ signer: 'parent', name: 'Fatma Yilmaz', email: parentAddress }] });
    const yes = await mentor.post(`/api/opps/${id}/responses`, { signer: 'parent', signerName: 'Fatma Yilmaz', decision: 'agree', documentId: await uploadScan(pupil.id) });
    expect(yes.json()).toEqual({ status: 'agreed' });

    page = (await oco.get(`/api/opps/${id}`)).json();
    expect(page).toMatchObject({ status: 'agreed', nextEvaluationOn: '2027-04-01' });
    expect(page.current.responses).toEqual([expect.objectContaining({ signerName: 'Fatma Yilmaz', decision: 'agree', method: 'paper', recordedBy: { id: mentorUser.id, name: expect.any(String) } })]);
    expect(page.versions.map((v: { number: number; status: string }) => `${v.number}:${v.status}`)).toEqual(['2:agreed', '1:disagreed']);
    const v1 = (await oco.get(`/api/opps/${id}/versions/1`)).json();
    expect(v1.content.measures).toHaveLength(1);
    expect(v1.responses[0]).toMatchObject({ decision: 'disagree', comment: 'Wij willen meer begeleiding.' });

    // On paper, the agreed version carries the whole road: the refusal of version 1 and the consent to version 2.
    const pdf = await oco.get(`/api/opps/${id}/pdf?version=2`);
    expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
    const text = (await new PDFParse({ data: new Uint8Array(pdf.rawPayload) }).getText()).text.replace(/\s+/g, ' ');
    expect(text).toContain('Reacties op eerdere versies');
    expect(text).toContain('Wij willen meer begeleiding.');
    expect(text).toMatch(/Fatma Yilmaz Ingestemd/);

    // The plan is used in class: its advice is in the klassenscan.
    const scan = (await mentor.get(`/api/classes/${classId}/scan`)).json();
    expect(scan.pupils.find((x: { id: string }) => x.id === pupil.id).advices).toContain('Geef toetsen in de stilteruimte met 25% extra tijd.');

    // Evaluation → version 3 as a draft; closing later ends the OPP advice.
    const ev = await mentor.post(`/api/opps/${id}/evaluations`, {
      heldOn: '2026-11-21', goalResults: [{ goalId: 'g1', result: 'partly', observed: 'Twee van de drie toetsen afgemaakt.' }],
      measureResults: [{ measureId: 'm1', decision: 'continue' }, { measureId: 'm2', decision: 'change', note: 'In kleinere groep.' }], outcome: 'new_version',
    });
    expect(ev.json()).toEqual({ number: 3, closed: false });
    expect((await mentor.get(`/api/opps/${id}`)).json()).toMatchObject({ status: 'draft', current: { number: 3, status: 'draft' } });
  });

  it('tells the pupil page who may start a plan: the mentor yes, the school leader no, nobody while one is open', async () => {
    const pupil = await f.pupil(t.sql, p.id, schoolId, classId);
    const leader = await signIn(t.app, await f.user(t.sql, p.id, { roles: [{ role: 'schoolleider', schoolId }] }));
    expect((await mentor.get(`/api/pupils/${pupil.id}/opps`)).json()).toEqual({ plans: [], allowed: { create: true } });
    expect((await leader.get(`/api/pupils/${pupil.id}/opps`)).json().allowed.create).toBe(false);
    await mentor.post(`/api/pupils/${pupil.id}/opps`, { kind: 'light' });
    const after = (await mentor.get(`/api/pupils/${pupil.id}/opps`)).json();
    expect(after.plans).toHaveLength(1);
    expect(after.allowed.create).toBe(false);
  });

  it('offers the support team a confidential logbook entry flagged, the mentor not at all, and keeps it out of the plan', async () => {
    const pupil = await f.pupil(t.sql, p.id, schoolId, classId);
    const entry = await f.logbookEntry(t.sql, {
      partnership_id: p.id, school_id: schoolId, pupil_id: pupil.id, kind: 'parent_conversation', occurred_on: '2026-10-02', body: 'Vader is ernstig ziek.', confidential: true, author_id: mentorUser.id,
    });
    const { id } = (await oco.post(`/api/pupils/${pupil.id}/opps`, { kind: 'light' })).json();
    const offered = (await oco.get(`/api/pupils/${pupil.id}/opp-facts`)).json();
    expect(offered).toEqual([expect.objectContaining({ source: 'logbook', sourceId: entry.id, confidential: true })]);
    expect((await mentor.get(`/api/pupils/${pupil.id}/opp-facts`)).json()).toEqual([]);

    const start = (await oco.get(`/api/opps/${id}`)).json().current.revision;
    const fact = { source: 'logbook', sourceId: entry.id, date: '2026-10-02', text: 'Vader is ernstig ziek.' };
    const refused = await oco.put(`/api/opps/${id}/draft`, { revision: start, content: complete([fact]) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([{ path: 'facts', message: expect.stringContaining('vertrouwelijke logboekaantekening blijft in het dossier') }]);
    expect((await oco.get(`/api/opps/${id}`)).json().current).toMatchObject({ revision: start, content: { facts: [] } });
  });

  it('stops a second editor from overwriting a newer save', async () => {
    const pupil = await f.pupil(t.sql, p.id, schoolId, classId);
    const { id } = (await oco.post(`/api/pupils/${pupil.id}/opps`, { kind: 'light' })).json();
    const start = (await oco.get(`/api/opps/${id}`)).json().current.revision;
    expect((await oco.put(`/api/opps/${id}/draft`, { revision: start, content: complete() })).statusCode).toBe(200);
    const late = await mentor.put(`/api/opps/${id}/draft`, { revision: start, content: { ...complete(), pupilView: 'overschreven' } });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/heeft het plan intussen opgeslagen/);
    expect((await oco.get(`/api/opps/${id}`)).json().current.content.pupilView).toBe('Ik wil graag rustig kunnen werken.');
  });

  it('upgrades an OPP light to a full OPP keeping everything', async () => {
    const pupil = await f.pupil(t.sql, p.id, schoolId, classId);
    const { id } = (await oco.post(`/api/pupils/${pupil.id}/opps`, { kind: 'light' })).json();
    const rev = (await oco.put(`/api/opps/${id}/draft`, { revision: 1, content: complete() })).json().revision;
    expect((await oco.post(`/api/opps/${id}/upgrade`, { revision: rev })).statusCode).toBe(200);
    const page = (await oco.get(`/api/opps/${id}`)).json();
    expect(page).toMatchObject({ kind: 'full', current: { kind: 'full', content: { goals: [{ id: 'g1' }] } } });
  });

  it('says why a step cannot be taken now (409 with the reason) apart from whose it is (403), as the page\'s buttons do', async () => {
    const pupil = await f.pupil(t.sql, p.id, schoolId, classId);
    const leader = await signIn(t.app, await f.user(t.sql, p.id, { roles: [{ role: 'schoolleider', schoolId }] }));
    const { id } = (await mentor.post(`/api/pupils/${pupil.id}/opps`, { kind: 'light' })).json();
    const why = async (res: Promise<{ statusCode: number; json: () => { error: { message: string } } }>) => {
      const r = await res;
      return `${r.statusCode} ${r.json().error.message}`;
    };
    const recipients = [{ signer: 'parent', name: 'Fatma Yilmaz', email: parentAddress }];
    const scan = await uploadScan(pupil.id);
    // A draft: not yet with the parents, not yet to evaluate; the school leader reads but it is not theirs.
    expect(await why(mentor.post(`/api/opps/${id}/responses`, { signer: 'parent', signerName: 'Fatma Yilmaz', decision: 'agree', documentId: scan }))).toBe(
      '409 Deze versie van het plan wacht niet (meer) op een reactie.',
    );
    const evaluation = { heldOn: '2026-11-21', goalResults: [{ goalId: 'g1', result: 'partly' }], measureResults: [{ measureId: 'm1', decision: 'continue' }], outcome: 'close' };
    expect(await why(mentor.post(`/api/opps/${id}/evaluations`, evaluation))).toBe('409 Alleen een plan dat met de ouders is besproken kan worden geëvalueerd.');
    expect((await leader.post(`/api/opps/${id}/send`, { recipients })).statusCode).toBe(403);
    expect((await mentor.get(`/api/opps/${id}`)).json().allowed).toEqual({ edit: true, send: true, recordResponse: false, evaluate: false, upgrade: true, downloadPdf: true });

    // With the parents: frozen, and sent once.
    const rev = (await mentor.put(`/api/opps/${id}/draft`, { revision: 1, content: complete() })).json().revision;
    expect((await mentor.post(`/api/opps/${id}/send`, { recipients })).statusCode).toBe(200);
    expect(await why(mentor.post(`/api/opps/${id}/send`, { recipients }))).toBe('409 Deze versie is al verstuurd.');
    expect(await why(mentor.put(`/api/opps/${id}/draft`, { revision: rev, content: complete() }))).toBe(
      '409 Deze versie is al naar de ouders gestuurd en ligt vast. Maak een nieuwe versie om het plan aan te passen.',
    );
    expect((await mentor.get(`/api/opps/${id}`)).json().allowed).toEqual({ edit: true, send: false, recordResponse: true, evaluate: false, upgrade: true, downloadPdf: true });

    // Agreed, evaluated and closed: nothing more to do but read it, and it stays closed.
    expect((await mentor.post(`/api/opps/${id}/responses`, { signer: 'parent', signerName: 'Fatma Yilmaz', decision: 'agree', documentId: scan })).json()).toEqual({ status: 'agreed' });
    expect((await mentor.post(`/api/opps/${id}/evaluations`, evaluation)).json()).toEqual({ number: 1, closed: true });
    expect(await why(mentor.post(`/api/opps/${id}/revise`))).toBe('409 Dit OPP is afgesloten.');
    // Upgrading made a new version of a closed plan and so reopened it (the page never offered it): now refused like revising.
    expect(await why(mentor.post(`/api/opps/${id}/upgrade`, { revision: rev }))).toBe('409 Dit OPP is afgesloten.');
    expect((await mentor.get(`/api/opps/${id}`)).json()).toMatchObject({
      status: 'closed',
      allowed: { edit: false, send: false, recordResponse: false, evaluate: false, upgrade: false, downloadPdf: true },
    });
    expect((await mentor.get(`/api/pupils/${pupil.id}/opps`)).json().allowed.create).toBe(true);
  });

  it('asks the pupil to sign from 16, and the pupil alone from 18', async () => {
    const sixteen = await f.pupil(t.sql, p.id, schoolId, classId);
    const born = new Date();
    born.setFullYear(born.getFullYear() - 16);
    await t.sql`update pupils set birth_date = ${born.toISOString().slice(0, 10)} where id = ${sixteen.id}`;
    const { id } = (await oco.post(`/api/pupils/${sixteen.id}/opps`, { kind: 'light' })).json();
    await oco.put(`/api/opps/${id}/draft`, { revision: 1, content: complete() });
    expect((await oco.get(`/api/opps/${id}`)).json().requiredSigners).toEqual(['parent', 'pupil']);
    const res = await oco.post(`/api/opps/${id}/send`, { recipients: [{ signer: 'parent', name: 'Ouder', email: 'o16@test.leerrecht.nl' }] });
    expect(res.json().error.fields[0]).toMatchObject({ path: 'recipients', message: expect.stringMatching(/16 of ouder/) });
  });
});
