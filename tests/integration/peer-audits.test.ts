import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { adjustRotation, drawPupil, drawRotation, rotationProblem, type PastPair } from '../../src/features/quality/audits/draw.ts';
import { addDays, today } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

/**
 * Peer audits (seed 000): the director draws the yearly rotation (kept seed,
 * redone to the same result), adjusts it with a reason, plans an audit and
 * draws the random pupil from the audited school's pupils with a granted
 * arrangement; the auditors open that pupil's dossier on the audit day only;
 * the chair's report is recorded, and the school's improvement points flow
 * into its next action plan.
 */
let t: TestApp;
let pid: string;
let schools: string[];
let director: Client;
let consultant: Client;
const oco: Record<string, Client> = {};
const ocoId: Record<string, string> = {};
let directorId: string;
const YEAR = '2026-2027';

beforeAll(async () => {
  t = await createTestApp();
  pid = (await f.partnership(t.sql)).id;
  const board = await f.board(t.sql, pid);
  schools = [];
  for (const name of ['Het Baken', 'De Overkant', 'Het Lyceum', 'De Brug', 'Altra', 'Bladergroen']) schools.push((await f.school(t.sql, pid, board.id, { name })).id);
  const d = await f.user(t.sql, pid, { roles: [{ role: 'swv_director', schoolId: null }], email: f.mailbox('directeur') });
  directorId = d.id;
  director = await signIn(t.app, d);
  consultant = await signIn(t.app, await f.user(t.sql, pid, { roles: [{ role: 'swv_consultant', schoolId: null }], email: f.mailbox('consulent') }));
  for (const s of schools) {
    const u = await f.user(t.sql, pid, { roles: [{ role: 'oco', schoolId: s }], email: f.mailbox('oco') });
    ocoId[s] = u.id;
    oco[s] = await signIn(t.app, u);
  }
}, 120_000);
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

let roundId: string;
let pairs: { auditor: string; audited: string; auditId: string }[];

describe('the yearly rotation', () => {
  it('is drawn once by the director, keeps the rules, and is redone to the same pairs from what is kept', async () => {
    expect((await consultant.post('/api/quality/audit-rounds', { schoolYear: YEAR })).statusCode).toBe(403);
    const res = await director.post('/api/quality/audit-rounds', { schoolYear: YEAR });
    expect(res.statusCode, res.body).toBe(200);
    roundId = res.json().id;
    expect((await director.post('/api/quality/audit-rounds', { schoolYear: YEAR })).statusCode).toBe(409);
    const view = (await director.get(`/api/quality/audit-rounds?schoolYear=${YEAR}`)).json();
    pairs = view.round.pairs.map((p: { auditor: { id: string }; audited: { id: string }; auditId: string }) => ({ auditor: p.auditor.id, audited: p.audited.id, auditId: p.auditId }));
    expect(rotationProblem(schools, pairs)).toBeNull();
    const [kept] = await t.sql<{ seed: string; schools: string[]; history: PastPair[]; drawnPairs: unknown }[]>`
      select seed, schools, history, drawn_pairs as "drawnPairs" from audit_rounds where id = ${roundId}`;
    expect(kept!.seed).toBe(view.round.seed);
    expect(drawRotation(kept!.schools, kept!.history, 2026, kept!.seed).pairs).toEqual(kept!.drawnPairs);
    // A school's OCO sees the audits of its own school only: the one it undergoes and the one it does.
    const own = (await oco[schools[0]!]!.get(`/api/quality/audit-rounds?schoolYear=${YEAR}`)).json().round.pairs;
    expect(own).toHaveLength(2);
  });

  it('takes an adjustment with its reason when the result is still a rotation, and refuses one that is not', async () => {
    const plain = pairs.map(({ auditor, audited }) => ({ auditor, audited }));
    const fits = (a: string, b: string) => {
      try {
        adjustRotation(plain, a, b);
        return true;
      } catch {
        return false;
      }
    };
    const combos = schools.flatMap((a) => schools.map((b) => [a, b] as const)).filter(([a, b]) => plain.find((p) => p.auditor === a)!.audited !== b);
    const [good] = combos.filter(([a, b]) => fits(a, b));
    const [bad] = combos.filter(([a, b]) => !fits(a, b));
    const refused = await director.post(`/api/quality/audit-rounds/${roundId}/adjustments`, { auditorSchoolId: bad![0], auditedSchoolId: bad![1], reason: 'Proef' });
    expect(refused.statusCode).toBe(400);
    const ok = await director.post(`/api/quality/audit-rounds/${roundId}/adjustments`, { auditorSchoolId: good![0], auditedSchoolId: good![1], reason: 'De teamleider werkte vorig jaar op die school.' });
    expect(ok.statusCode, ok.body).toBe(200);
    const view = (await director.get(`/api/quality/audit-rounds?schoolYear=${YEAR}`)).json();
    pairs = view.round.pairs.map((p: { auditor: { id: string }; audited: { id: string }; auditId: string }) => ({ auditor: p.auditor.id, audited: p.audited.id, auditId: p.auditId }));
    expect(rotationProblem(schools, pairs)).toBeNull();
    expect(pairs.find((p) => p.auditor === good![0])!.audited).toBe(good![1]);
    expect(view.round.adjustments).toEqual([expect.objectContaining({ auditor: good![0], audited: good![1], reason: 'De teamleider werkte vorig jaar op die school.' })]);
  });
});

let auditId: string;
let audited: string;
let auditor: string;
let eligible: string[];

describe('an audit and its random pupil', () => {
  it('is planned by the director with auditors of the auditing school, 2.5 hours and a chair', async () => {
    ({ auditId, audited, auditor } = pairs.find((p) => p.audited === schools[0])!);
    const plan = { plannedOn: today(), plannedMinutes: 150, auditorUserIds: [ocoId[auditor]!, directorId], chairName: 'Gerda Heringa', successfulDossier: 'Leerling met ASS in klas 2.', difficultDossier: 'Schoolweigering in klas 3.' };
    // The OCO of the audited school is no auditor of its own audit.
    const wrong = await director.put(`/api/quality/audits/${auditId}/plan`, { ...plan, auditorUserIds: [ocoId[audited]!] });
    expect(wrong.json().error.fields).toEqual([{ path: 'auditorUserIds.0', message: expect.any(String) }]);
    expect((await director.put(`/api/quality/audits/${auditId}/plan`, plan)).statusCode).toBe(200);
    const view = (await oco[auditor]!.get(`/api/quality/audits/${auditId}`)).json();
    expect(view).toMatchObject({ plannedMinutes: 150, chairName: 'Gerda Heringa', draw: null });
  });

  it('draws one pupil with an arrangement granted for the school year at the audited school, once, from a kept list and seed', async () => {
    const req = (schoolId: string, pupilId: string) => f.request(t.sql, { partnership_id: pid, school_id: schoolId, pupil_id: pupilId, kind: 'arrangement', status: 'decided', created_by: ocoId[schoolId]! });
    eligible = [];
    for (let i = 0; i < 3; i++) {
      const p = await f.pupil(t.sql, pid, audited, null);
      await f.rows.arrangement(t.sql, { partnership_id: pid, request_id: (await req(audited, p.id)).id, school_id: audited, pupil_id: p.id, starts_on: '2026-09-01', ends_on: '2027-06-30' });
      eligible.push(p.id);
    }
    // Not drawn: an arrangement that ended before the school year, one at another school, and a pupil without one.
    const old = await f.pupil(t.sql, pid, audited, null);
    await f.rows.arrangement(t.sql, { partnership_id: pid, request_id: (await req(audited, old.id)).id, school_id: audited, pupil_id: old.id, starts_on: '2024-09-01', ends_on: '2025-06-30' });
    const elsewhere = await f.pupil(t.sql, pid, auditor, null);
    await f.rows.arrangement(t.sql, { partnership_id: pid, request_id: (await req(auditor, elsewhere.id)).id, school_id: auditor, pupil_id: elsewhere.id, starts_on: '2026-09-01', ends_on: '2027-06-30' });
    await f.pupil(t.sql, pid, audited, null);

    expect((await oco[audited]!.post(`/api/quality/audits/${auditId}/pupil-draw`)).statusCode).toBe(403);
    const res = await director.post(`/api/quality/audits/${auditId}/pupil-draw`);
    expect(res.json()).toEqual({ drawn: true, listSize: 3 });
    expect((await director.post(`/api/quality/audits/${auditId}/pupil-draw`)).statusCode).toBe(409);
    const [kept] = await t.sql<{ seed: string; list: string[]; pupilId: string }[]>`
      select draw_seed as seed, draw_list as list, drawn_pupil_id as "pupilId" from peer_audits where id = ${auditId}`;
    expect(kept!.list).toEqual([...eligible].sort());
    expect(drawPupil(kept!.list, kept!.seed)!.pupilId).toBe(kept!.pupilId);
  });

  it('opens the drawn pupil to the auditors on the audit day only, audited; with the clock a day on or back it is refused, and that is audited too', async () => {
    const [{ pupilId }] = await t.sql<[{ pupilId: string }]>`select drawn_pupil_id as "pupilId" from peer_audits where id = ${auditId}`;
    const rows = async (action: string) => (await t.sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = ${action} and pupil_id = ${pupilId} and actor_user_id = ${ocoId[auditor]!}`)[0]!.n;
    const url = `/api/quality/audits/${auditId}/drawn-pupil`;
    const open = await oco[auditor]!.get(url);
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json()).toMatchObject({ pupil: { id: pupilId }, arrangements: [{ startsOn: '2026-09-01' }], openUntil: today() });
    expect(await rows('drawn_pupil.read')).toBe(1);
    expect((await director.get(url)).statusCode).toBe(200);
    // The audited school's own OCO and the consultant are no auditors of this audit.
    expect((await oco[audited]!.get(url)).statusCode).toBe(404);
    expect((await consultant.get(url)).statusCode).toBe(404);

    const noon = (day: string) => new Date(`${day}T12:00:00+01:00`);
    vi.useFakeTimers({ toFake: ['Date'] });
    for (const day of [addDays(today(), 1), addDays(today(), -1)]) {
      vi.setSystemTime(noon(day));
      const before = await rows('drawn_pupil.read_refused');
      expect((await oco[auditor]!.get(url)).statusCode, day).toBe(404);
      expect(await rows('drawn_pupil.read_refused')).toBe(before + 1);
      expect((await oco[auditor]!.get(`/api/quality/audits/${auditId}`)).json().allowed.readDrawnPupil).toBe(false);
    }
    vi.useRealTimers();
    expect((await oco[auditor]!.get(url)).statusCode).toBe(200);
  });
});

describe('the report and the improvement points', () => {
  it('records the chair\'s report; the school answers with improvement points that its next action plan takes over', async () => {
    const improve = (points: { text: string; spearheadId: string }[]) => oco[audited]!.put(`/api/quality/audits/${auditId}/improvements`, { points });
    const s = await f.rows.qualitySpearhead(t.sql, { partnership_id: pid, label: 'Soepel verlopende overstapmomenten' });
    // Before the report there is nothing to answer.
    expect((await improve([{ text: 'Intake', spearheadId: s.id }])).statusCode).toBe(409);
    const report = {
      answers: { successful: 'Snel geschakeld met ketenpartners.', difficult: 'Te laat leerplicht ingeschakeld.', drawnPupil: 'Extra ondersteuning herkenbaar in het OPP.', budgets: 'Uren mentoraat.', absence: 'Verzuim direct opgevolgd.', advice: 'Intakechecklist voor zij-instroom.' },
      findings: [{ kind: 'success', theme: 'Angst en schoolweigering', text: 'Snel de leerplichtambtenaar betrekken.' }],
    };
    expect((await oco[audited]!.put(`/api/quality/audits/${auditId}/report`, report)).statusCode).toBe(403);
    expect((await director.put(`/api/quality/audits/${auditId}/report`, report)).statusCode).toBe(200);
    expect((await oco[auditor]!.put(`/api/quality/audits/${auditId}/improvements`, { points: [] })).statusCode).toBe(403);
    expect((await improve([{ text: 'Een intakechecklist voor elke zij-instromer.', spearheadId: s.id }])).statusCode).toBe(200);

    const next = (await oco[audited]!.post('/api/quality/plans', { schoolId: audited, schoolYear: '2027-2028' })).json().id;
    const plan = (await oco[audited]!.get(`/api/quality/plans/${next}`)).json();
    expect(plan.previous).toEqual({ schoolYear: YEAR, open: 0, auditPoints: 1 });
    expect((await oco[audited]!.post(`/api/quality/plans/${next}/carry-over`, { revision: plan.revision })).json().added).toBe(1);
    const after = (await oco[audited]!.get(`/api/quality/plans/${next}`)).json();
    expect(after.content.goals).toEqual([expect.objectContaining({ goal: 'Een intakechecklist voor elke zij-instromer.', spearheadId: s.id, origin: 'audit' })]);
    expect(after.previous.auditPoints).toBe(0);
  });

  it('puts the report\'s success factors and pitfalls in the shared guide, by theme with the school year, searchable by every school and naming none', async () => {
    const other = oco[schools[5]!]!;
    const found = (await other.get('/api/quality/guide?q=leerplicht')).json();
    expect(found).toEqual({ themes: [{ theme: 'Angst en schoolweigering', entries: [{ kind: 'success', text: 'Snel de leerplichtambtenaar betrekken.', schoolYear: YEAR }] }], total: 1 });
    expect((await other.get(`/api/quality/guide?theme=${encodeURIComponent('Leerlingen met ASS')}`)).json().total).toBe(0);
    expect(JSON.stringify((await other.get('/api/quality/guide')).json())).not.toContain('Het Baken');
    // Another partnership finds nothing of this one.
    const outsider = await signIn(t.app, await f.user(t.sql, (await f.partnership(t.sql)).id, { roles: [{ role: 'swv_director', schoolId: null }], email: f.mailbox('buiten') }));
    expect((await outsider.get('/api/quality/guide')).json().total).toBe(0);
  });
});
