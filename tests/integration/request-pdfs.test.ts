import { randomUUID } from 'node:crypto';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIPPED_NOTE, clip, goalsFromSnapshots } from '../../src/features/requests/pdf/commission-summary.ts';
import { ageOn } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { Client, signIn } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

/**
 * The commission summary and the decision letter of a request, built from
 * rows written straight to the database (the state a test starts from).
 */
let t: TestApp;
let p: { id: string };
let school: { id: string; name: string };
let klass: { id: string };
const u = {} as Record<'oco' | 'leader' | 'mentor' | 'consultant' | 'otherConsultant' | 'expert1' | 'expert2' | 'otherExpert' | 'director' | 'admin' | 'otherOco', f.TestUser>;
const clients = new Map<f.TestUser, Client>();
const as = async (user: f.TestUser) => clients.get(user) ?? clients.set(user, await signIn(t.app, user)).get(user)!;
const COMMITTEE = 'de Commissie bezwaar passend onderwijs IJssel-Vecht';

beforeAll(async () => {
  t = await createTestApp();
  p = await f.partnership(t.sql, 'SWV IJssel-Vecht VO');
  await t.sql`update partnerships set settings = ${t.sql.json({ requests: { objectionWeeks: 6, objectionCommittee: COMMITTEE } })} where id = ${p.id}`;
  const boardId = (await f.board(t.sql, p.id)).id;
  school = await f.school(t.sql, p.id, boardId, { name: 'Het Baken College' });
  const other = await f.school(t.sql, p.id, boardId);
  const at = (role: Parameters<typeof f.user>[2]['roles'][number]['role'], schoolId: string | null = null) => f.user(t.sql, p.id, { roles: [{ role, schoolId }] });
  Object.assign(u, {
    oco: await at('oco', school.id), leader: await at('schoolleider', school.id), mentor: await at('mentor', school.id),
    consultant: await at('swv_consultant'), otherConsultant: await at('swv_consultant'), expert1: await at('swv_expert'), expert2: await at('swv_expert'),
    otherExpert: await at('swv_expert'), director: await at('swv_director'), admin: await at('swv_admin'), otherOco: await at('oco', other.id),
  });
  await t.sql`update users set name = 'Drs. Petra Wiegman' where id = ${u.director.id}`;
  klass = await f.klass(t.sql, p.id, school.id, [{ userId: u.mentor.id }]);
});
afterAll(() => t.close());

async function pdfText(body: Buffer) {
  const r = await new PDFParse({ data: new Uint8Array(body) }).getText();
  return { text: r.text.replace(/\s+/g, ' '), pages: r.total };
}

const advice = (o: Record<string, unknown> = {}) => ({
  needs: 'Een kleine groep met vaste structuur en een voorspelbare dag.',
  whyNotRegular: 'De school heeft twee jaar extra begeleiding geboden; de angst neemt toe.',
  conclusion: 'admissible', schoolKind: 'vso', category: 3, durationMonths: 24, ...o,
});
const planSnapshot = (goals: { id: string; what: string; by: string }[]) => ({ number: 2, kind: 'full', status: 'agreed', content: { goals, measures: [] } });

interface Rq {
  kind?: 'tlv' | 'arrangement' | 'opdc';
  status?: string;
  texts?: { question?: string; doneAlready?: string; expectation?: string };
  attachments?: { itemType: string; label: string; itemDate: string; health?: boolean; snapshot?: unknown; removed?: boolean }[];
  advices?: [f.TestUser, string, unknown][];
  decision?: Record<string, unknown>;
  tlv?: { number: number; schoolKind: string; category: number | null; cluster: number | null; startsOn: string; endsOn: string };
  parents?: string[];
}

/** A request for a fresh pupil, assigned to the consultant, with its parts. */
async function request(o: Rq = {}) {
  const pupil = await f.pupil(t.sql, p.id, school.id, klass.id, { lastName: 'Verhoeven' });
  await t.sql`update pupils set support_level = 'extra' where id = ${pupil.id}`;
  let kindId: string | null = null;
  if (o.kind === 'arrangement') {
    kindId = (await f.arrangementKind(t.sql, { partnership_id: p.id, name: `Rebound ${Math.random().toString(36).slice(2, 7)}`, offers: 'Tijdelijke opvang', amount_eur: 1250, hours: 40, evaluation_weeks: 8 })).id;
  }
  const tx = o.texts ?? {};
  const { id } = await f.request(t.sql, {
    partnership_id: p.id, school_id: school.id, pupil_id: pupil.id, kind: o.kind ?? 'tlv', arrangement_kind_id: kindId, status: o.status ?? 'advice',
    question: tx.question ?? 'Kan Sam naar het vso, cluster 4?', done_already: tx.doneAlready ?? 'Twee jaar een OPP met coaching; het verzuim bleef.',
    expectation: tx.expectation ?? 'Een plaats op een vso-school met kleine klassen.', assigned_to: u.consultant.id, submitted_at: '2026-10-01T09:00:00Z', created_by: u.oco.id,
  });
  for (const a of o.attachments ?? []) {
    await f.requestAttachment(t.sql, {
      partnership_id: p.id, request_id: id, item_type: a.itemType, item_id: randomUUID(), label: a.label, item_date: a.itemDate, health: a.health ?? false,
      snapshot: a.snapshot, removed_at: a.removed ? new Date() : null, added_by: u.oco.id, shared_at: new Date(),
    });
  }
  for (const [user, discipline, adv] of o.advices ?? []) {
    await f.requestExpert(t.sql, { partnership_id: p.id, request_id: id, expert_id: user.id, discipline, advice: adv, advised_at: adv === null ? null : new Date(), assigned_by: u.consultant.id });
  }
  if (o.decision) {
    await f.requestDecision(t.sql, { request_id: id, partnership_id: p.id, motivation: 'Twee deskundigen adviseren het vso.', ...o.decision, decided_by: u.director.id, decided_on: '2026-11-20' });
  }
  if (o.tlv) {
    const v = o.tlv;
    await f.tlv(t.sql, {
      partnership_id: p.id, request_id: id, pupil_id: pupil.id, school_id: school.id, number: v.number, school_kind: v.schoolKind, category: v.category, cluster: v.cluster, starts_on: v.startsOn, ends_on: v.endsOn,
    });
  }
  for (const name of o.parents ?? []) {
    await f.requestConsent(t.sql, { partnership_id: p.id, request_id: id, signer_name: name, recorded_by: u.oco.id });
  }
  return { id, pupilId: pupil.id };
}

const audits = async (action: string, requestId: string, actor: f.TestUser, pupilId: string) =>
  (await t.sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = ${action} and entity_id = ${requestId} and actor_user_id = ${actor.id} and pupil_id = ${pupilId}`)[0]!.n;

const tlvParts = (): Rq => ({
  attachments: [
    { itemType: 'opp_version', label: 'OPP versie 2 (ouders ingestemd)', itemDate: '2026-03-01', snapshot: planSnapshot([{ id: 'g1', what: 'Leest op AVI-niveau E5', by: '2026-09-01' }, { id: 'g2', what: 'Komt vier dagen per week naar school', by: '2026-09-01' }]) },
    { itemType: 'opp_evaluation', label: 'Evaluatie OPP van 01-07-2026', itemDate: '2026-07-01', snapshot: { heldOn: '2026-07-01', goalResults: [{ goalId: 'g1', result: 'partly', observed: 'Leest E4 met hulp' }, { goalId: 'g2', result: 'not', observed: 'Twee dagen per week' }], measureResults: [], outcome: 'new_version', notes: '' } },
    { itemType: 'document', label: 'Verslag kinderpsychiater.pdf', itemDate: '2026-05-12', health: true, snapshot: { filename: 'Verslag kinderpsychiater.pdf' } },
    { itemType: 'logbook', label: 'Teruggetrokken stuk', itemDate: '2026-05-13', removed: true },
  ],
  advices: [
    [u.expert1, 'orthopedagoog', advice()],
    [u.expert2, 'psycholoog', advice({ needs: 'Therapeutische setting naast het onderwijs.', whyNotRegular: 'Prikkels in grote groepen leiden tot uitval.', category: 2, durationMonths: 12 })],
  ],
});

describe('the commission summary', () => {
  it('prints question, pupil in brief, what was done with the OPP goals and results, the expectation, both advices and the attachments', async () => {
    const r = await request(tlvParts());
    const res = await (await as(u.consultant)).get(`/api/requests/${r.id}/summary.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="aanvraag-tlv-sam-v-samenvatting.pdf"');
    const { text, pages } = await pdfText(res.rawPayload);
    expect(pages).toBeLessThanOrEqual(2);
    for (const want of ['Samenvatting voor de commissie', 'SWV IJssel-Vecht VO', 'Sam V.', `${ageOn('2013-05-04')} jaar`, 'Het Baken College', 'Extra ondersteuning',
      'Kan Sam naar het vso, cluster 4?', 'Twee jaar een OPP met coaching', 'Leest op AVI-niveau E5', 'Deels behaald', 'Leest E4 met hulp', 'Komt vier dagen per week',
      'Niet behaald', 'Een plaats op een vso-school', 'Orthopedagoog', 'Psycholoog', 'Een kleine groep met vaste structuur', 'Prikkels in grote groepen', 'Toelaatbaar',
      'hoog (3)', 'midden (2)', '24 maanden', 'Bijlagen', 'OPP versie 2 (ouders ingestemd)', 'Verslag kinderpsychiater.pdf', '12 mei 2026', 'gezondheidsgegevens']) {
      expect(text, want).toContain(want);
    }
    // The pupil in brief: no full last name; a removed attachment is not listed.
    expect(text).not.toContain('Verhoeven');
    expect(text).not.toContain('Teruggetrokken');
    expect(text).not.toContain(CLIPPED_NOTE);
    expect(await audits('request.summary_pdf', r.id, u.consultant, r.pupilId)).toBe(1);
  });

  it('stays within two pages with long texts, four long advices and 30 attachments, and says what was clipped', async () => {
    const long = (s: string, n: number) => Array.from({ length: n }, (_, i) => `${s} zin ${i + 1} met wat uitleg erbij.`).join(' ');
    const goals = Array.from({ length: 12 }, (_, i) => ({ id: `g${i}`, what: long(`Doel ${i + 1}`, 5), by: '2026-09-01' }));
    const r = await request({
      texts: { question: long('Vraag', 110), doneAlready: `${long('Gedaan', 120)}\n\n${'Regel\n'.repeat(80)}`, expectation: long('Verwachting', 110) },
      attachments: [
        { itemType: 'opp_version', label: 'OPP versie 3', itemDate: '2026-02-01', snapshot: planSnapshot(goals) },
        ...Array.from({ length: 29 }, (_, i) => ({ itemType: 'logbook', label: `Logboek 2026-${String(i + 1).padStart(2, '0')}: Gesprek met ouders`, itemDate: '2026-04-01', health: i % 7 === 0 })),
      ],
      advices: [u.expert1, u.expert2, u.otherExpert, u.consultant].map((x, i) => [x, i ? 'pedagoog' : 'orthopedagoog', advice({ needs: long('Nodig', 100), whyNotRegular: long('Waarom', 100) })]),
    });
    const res = await (await as(u.expert2)).get(`/api/requests/${r.id}/summary.pdf`);
    expect(res.statusCode).toBe(200);
    const { text, pages } = await pdfText(res.rawPayload);
    expect(pages).toBeLessThanOrEqual(2);
    expect(text).toContain(CLIPPED_NOTE);
    expect(text).toContain('Vraag zin 1 met');
    expect(text).not.toContain('Vraag zin 110');
    expect(text).toContain('Logboek 2026-01: Gesprek met ouders');
    expect(text).toContain('Logboek 2026-29: Gesprek met ouders');
    expect(text).toMatch(/En nog \d+ doelen: zie het OPP/);
  });

  it('shows an expert only their own advice while the advices come in, on paper as on the page; everyone once the request is at the decision', async () => {
    const r = await request({ ...tlvParts(), status: 'advice' });
    const own = 'Een kleine groep met vaste structuur';
    const theirs = 'Therapeutische setting naast het onderwijs';
    const views = async (user: f.TestUser) => {
      const client = await as(user);
      const page = (await client.get(`/api/requests/${r.id}`)).json() as { experts: { advice: unknown }[] };
      return { pdf: (await pdfText((await client.get(`/api/requests/${r.id}/summary.pdf`)).rawPayload)).text, page: JSON.stringify(page.experts) };
    };
    for (const [view, text] of Object.entries(await views(u.expert1))) {
      expect(text, view).toContain(own);
      expect(text, view).not.toContain(theirs);
    }
    for (const text of Object.values(await views(u.consultant))) expect(text).toContain(theirs);
    await t.sql`update requests set status = 'decision' where id = ${r.id}`;
    for (const text of Object.values(await views(u.expert1))) expect(text).toContain(theirs);
  });

  it('is for the consultant, the assigned experts and, at the decision, the director; the school reads the request but gets no summary', async () => {
    const r = await request({ ...tlvParts(), status: 'advice' });
    const status = async (user: f.TestUser | null, id = r.id) =>
      (await (user ? await as(user) : new Client(t.app)).get(`/api/requests/${id}/summary.pdf`)).statusCode;
    expect(await status(u.consultant)).toBe(200);
    expect(await status(u.expert1)).toBe(200);
    for (const who of [u.director, u.otherConsultant, u.otherExpert, u.admin, u.mentor, u.otherOco]) expect(await status(who)).toBe(404);
    expect(await status(u.oco)).toBe(403);
    expect(await status(u.leader)).toBe(403);
    expect(await status(null)).toBe(401);
    await t.sql`update requests set status = 'decision' where id = ${r.id}`;
    expect(await status(u.director)).toBe(200);
    expect(await status(u.consultant, '00000000-0000-4000-8000-000000000000')).toBe(404);
    expect(await status(u.consultant, 'geen-id')).toBe(400);
    // A draft is the school's alone.
    await t.sql`update requests set status = 'draft' where id = ${r.id}`;
    expect(await status(u.consultant)).toBe(404);
    expect(await audits('request.summary_pdf', r.id, u.otherConsultant, r.pupilId)).toBe(0);
  });
});

describe('the decision letter', () => {
  const tlvDecision = { school_kind: 'vso', category: 3, cluster: 4, starts_on: '2027-01-01', ends_on: '2028-07-31' };

  it('states the TLV with number, kind of school, period, category, cluster and the objection route, to the school and the parents', async () => {
    const r = await request({ ...tlvParts(), status: 'decided', decision: tlvDecision, tlv: { number: 17, schoolKind: 'vso', category: 3, cluster: 4, startsOn: '2027-01-01', endsOn: '2028-07-31' }, parents: ['Mieke Verhoeven'] });
    const res = await (await as(u.oco)).get(`/api/requests/${r.id}/decision.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="besluit-tlv-sam-verhoeven.pdf"');
    const { text } = await pdfText(res.rawPayload);
    for (const want of ['SWV IJssel-Vecht VO', 'Het Baken College', 'Mieke Verhoeven', 'Sam Verhoeven', '20 november 2026', 'Ons besluit: toegekend', 'Twee deskundigen adviseren het vso.',
      'TLV-nummer', '17', 'voortgezet speciaal onderwijs (vso)', 'van 1 januari 2027 tot en met 31 juli 2028', 'hoog (categorie 3)', 'cluster 4', 'Drs. Petra Wiegman',
      `Bent u het niet eens met dit besluit? Dan kunt u binnen 6 weken na de datum van deze brief bezwaar maken bij ${COMMITTEE}.`]) {
      expect(text, want).toContain(want);
    }
    expect(await audits('request.letter_pdf', r.id, u.oco, r.pupilId)).toBe(1);
  });

  it('states amount, hours and period of an arrangement, and only the refusal and the route when refused', async () => {
    const arr = await request({ kind: 'arrangement', status: 'decided', decision: { amount_eur: 1250, hours: 40, starts_on: '2026-12-01', ends_on: '2027-05-31', motivation: 'De school heeft goed onderbouwd wat nodig is.' } });
    const a = await pdfText((await (await as(u.consultant)).get(`/api/requests/${arr.id}/decision.pdf`)).rawPayload);
    for (const want of ['Rebound', '€ 1.250,00', '40 uur', 'van 1 december 2026 tot en met 31 mei 2027', 'De ouders of verzorgers van Sam Verhoeven', 'binnen 6 weken']) expect(a.text, want).toContain(want);

    const refused = await request({ status: 'decided', decision: { outcome: 'refused', motivation: 'De basisondersteuning is nog niet benut.' } });
    const x = await pdfText((await (await as(u.director)).get(`/api/requests/${refused.id}/decision.pdf`)).rawPayload);
    expect(x.text).toContain('Ons besluit: afgewezen');
    expect(x.text).toContain('De basisondersteuning is nog niet benut.');
    expect(x.text).toContain(`bezwaar maken bij ${COMMITTEE}`);
    expect(x.text).not.toContain('TLV-nummer');
  });

  it('states for an OPDC place that it is temporary, the own school keeps responsibility, and the return goal; the summary has the goal too', async () => {
    const goal = 'Na tien weken weer vier dagen per week in de eigen klas, met een vaste mentor.';
    const r = await request({ kind: 'opdc', status: 'decided', decision: { hours: 200, starts_on: '2026-12-01', ends_on: '2027-03-31', motivation: 'Tijdelijk een kleine groep met jeugdhulp.' } });
    await t.sql`update requests set return_goal = ${goal} where id = ${r.id}`;
    const letter = await pdfText((await (await as(u.oco)).get(`/api/requests/${r.id}/decision.pdf`)).rawPayload);
    for (const want of ['plaatsing OPDC', 'De plaats is tijdelijk.', 'blijft ingeschreven op Het Baken College', 'Terugkeerdoel', goal]) expect(letter.text, want).toContain(want);
    const summary = await pdfText((await (await as(u.consultant)).get(`/api/requests/${r.id}/summary.pdf`)).rawPayload);
    expect(summary.text).toContain(goal);
  });

  it('is for everyone who reads the request, once decided; 404 before a decision and for those who do not hold it', async () => {
    const r = await request({ ...tlvParts(), status: 'decided', decision: tlvDecision, tlv: { number: 18, schoolKind: 'vso', category: 3, cluster: 4, startsOn: '2027-01-01', endsOn: '2028-07-31' } });
    const status = async (user: f.TestUser, id = r.id) => (await (await as(user)).get(`/api/requests/${id}/decision.pdf`)).statusCode;
    for (const who of [u.oco, u.leader, u.consultant, u.expert1, u.director]) expect(await status(who)).toBe(200);
    for (const who of [u.mentor, u.otherOco, u.otherConsultant, u.otherExpert, u.admin]) expect(await status(who)).toBe(404);
    const open = await request({ ...tlvParts(), status: 'decision' });
    expect(await status(u.consultant, open.id)).toBe(404);
    expect(await status(u.director, open.id)).toBe(404);
    expect(await audits('request.letter_pdf', open.id, u.consultant, open.pupilId)).toBe(0);
  });
});

describe('reading snapshots and clipping', () => {
  it('takes the goals of the newest plan with their newest evaluation, and tolerates what it cannot read', () => {
    const goals = goalsFromSnapshots([
      { itemType: 'opp_version', itemDate: '2025-01-01', snapshot: planSnapshot([{ id: 'old', what: 'Oud doel', by: '2025-06-01' }]) },
      { itemType: 'opp_version', itemDate: '2026-01-01', snapshot: planSnapshot([{ id: 'a', what: 'Nieuw doel', by: '2026-06-01' }]) },
      { itemType: 'opp_evaluation', itemDate: '2026-03-01', snapshot: { heldOn: '2026-03-01', goalResults: [{ goalId: 'a', result: 'not' }] } },
      { itemType: 'opp_evaluation', itemDate: '2026-06-01', snapshot: { held_on: '2026-06-01', goal_results: [{ goalId: 'a', result: 'achieved', observed: 'Gelukt' }] } },
      { itemType: 'opp_evaluation', itemDate: '2026-07-01', snapshot: 'onleesbaar' },
    ]);
    expect(goals).toEqual([{ what: 'Nieuw doel', by: '2026-06-01', result: 'achieved', observed: 'Gelukt', evaluatedOn: '2026-06-01' }]);
    expect(goalsFromSnapshots([{ itemType: 'opp_version', itemDate: '2026-01-01', snapshot: null }])).toEqual([]);
  });

  it('clips at a sentence end, else at a word, and leaves short texts alone', () => {
    expect(clip('Kort.', 100)).toEqual({ text: 'Kort.', clipped: false });
    expect(clip('Eerste zin is hier. Tweede zin gaat lang door en door', 30)).toEqual({ text: 'Eerste zin is hier. …', clipped: true });
    expect(clip('een twee drie vier vijf zes zeven acht', 20).text).toBe('een twee drie vier …');
    expect(clip('a\n'.repeat(50), 200).clipped).toBe(true);
  });
});
