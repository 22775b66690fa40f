import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/db/index.ts';
import type { Role } from '../../src/platform/access/roles.ts';
import { createSession } from '../../src/platform/auth/sessions.ts';
import { schoolYearOf } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

/**
 * The dekkend-aanbod gap map: demand (pupils with an active OPP or an open or
 * granted request, per need on the partnership's list, each once) against
 * supply (published profiles offering the need at the level, their free
 * places), the gaps, the "< 5" rule, and the cases behind a cell for the
 * director and consultants only, each shown pupil audited.
 */
let t: TestApp;
const year = schoolYearOf(new Date());
let pid: string;
let users: Record<'director' | 'consultant' | 'admin' | 'oco', { id: string }>;
let need: Record<'autism' | 'behaviour' | 'dyslexia', string>;
let havoSchool: string;
let vmboSchool: string;

async function as(userId: string): Promise<Client> {
  const c = new Client(t.app);
  const { token, csrfToken } = await createSession(t.sql, { idleMinutes: 30, maxHours: 12 }, { userId, mfaVerified: true, ip: null, userAgent: null });
  c.cookie = `lr_session=${token}`;
  c.csrf = csrfToken;
  return c;
}

const content = (offers: { needId: string; level: 'basisplus' | 'extra' }[], capacity: { level: string; places: number }[]) => ({
  summary: '', offers: offers.map((o) => ({ ...o, aspects: [], note: '' })), provisions: [], expertise: '', limits: '',
  capacity: capacity.map((c) => ({ ...c, yearGroup: null })), contact: { name: '', phone: '038 123 4567', email: '', website: '' }, coordinates: null,
});

/** A pupil at a school and level with needs from the list, and (unless told) an open OPP. */
async function pupil(sql: Sql, schoolId: string, level: string, needs: string[], o: { plan?: 'open' | 'closed' | 'none' } = {}) {
  const p = await f.rows.pupil(sql, { partnership_id: pid, school_id: schoolId, first_name: 'Noor', last_name: 'Bakker', birth_date: '2010-03-04' });
  await f.rows.enrolment(sql, { partnership_id: pid, pupil_id: p.id, school_id: schoolId, level });
  for (const n of needs) await f.rows.pupilNeed(sql, { partnership_id: pid, school_id: schoolId, pupil_id: p.id, created_by: users.oco.id, support_need_id: n });
  const plan = o.plan ?? 'open';
  if (plan !== 'none') {
    await f.rows.opp(sql, { partnership_id: pid, school_id: schoolId, pupil_id: p.id, created_by: users.oco.id, status: plan === 'open' ? 'agreed' : 'closed', closed_at: plan === 'closed' ? new Date(Date.now() - 400 * 86_400_000) : null, created_at: new Date(Date.now() - 500 * 86_400_000) });
  }
  return p.id;
}

beforeAll(async () => {
  t = await createTestApp();
  pid = (await f.partnership(t.sql)).id;
  const board = await f.board(t.sql, pid);
  havoSchool = (await f.rows.school(t.sql, { partnership_id: pid, board_id: board.id, brin: f.nextBrin(), name: 'Lyceum', kind: 'vo', levels: ['havo', 'vwo'] })).id;
  vmboSchool = (await f.rows.school(t.sql, { partnership_id: pid, board_id: board.id, brin: f.nextBrin(), name: 'Vakcollege', kind: 'vo', levels: ['vmbo-k'] })).id;
  const at = (role: Role, schoolId: string | null) => f.user(t.sql, pid, { roles: [{ role, schoolId }] });
  users = { director: await at('swv_director', null), consultant: await at('swv_consultant', null), admin: await at('swv_admin', null), oco: await at('oco', havoSchool) };
  need = {
    autism: (await f.supportNeed(t.sql, { partnership_id: pid, label: 'Autisme', position: 0 })).id,
    behaviour: (await f.supportNeed(t.sql, { partnership_id: pid, label: 'Gedrag', position: 1 })).id,
    dyslexia: (await f.supportNeed(t.sql, { partnership_id: pid, label: 'Dyslexie', position: 2 })).id,
  };
  const zwolle = await f.schoolLocation(t.sql, { partnership_id: pid, school_id: havoSchool, city: 'Zwolle' });
  const kampen = await f.schoolLocation(t.sql, { partnership_id: pid, school_id: vmboSchool, city: 'Kampen' });
  // The lyceum offers autism only as basisplus; the vakcollege offers it as extra support, with 2 free places for vmbo-k.
  const lyceum = content([{ needId: need.autism, level: 'basisplus' }], [{ level: 'havo', places: 100 }]);
  const vak = content([{ needId: need.autism, level: 'extra' }, { needId: need.dyslexia, level: 'extra' }], [{ level: 'vmbo-k', places: 30 }]);
  await f.supportProfile(t.sql, { partnership_id: pid, school_id: havoSchool, location_id: zwolle.id, school_year: year, content: lyceum, published_content: lyceum, published_at: new Date() });
  await f.supportProfile(t.sql, { partnership_id: pid, school_id: vmboSchool, location_id: kampen.id, school_year: year, content: vak, published_content: vak, published_at: new Date(), free_places: { 'vmbo-k|': 2 } });

  // havo × autism: six pupils with an open OPP (one also with an open request: still one pupil).
  const autistic = [];
  for (let i = 0; i < 6; i++) autistic.push(await pupil(t.sql, havoSchool, 'havo', [need.autism]));
  await f.request(t.sql, { partnership_id: pid, school_id: havoSchool, pupil_id: autistic[0], kind: 'arrangement', status: 'submitted', created_by: users.oco.id, submitted_at: new Date() });
  // havo × behaviour: one with an OPP, one with only a request the partnership granted.
  await pupil(t.sql, havoSchool, 'havo', [need.behaviour]);
  const granted = await pupil(t.sql, havoSchool, 'havo', [need.behaviour], { plan: 'none' });
  const r = await f.request(t.sql, { partnership_id: pid, school_id: havoSchool, pupil_id: granted, kind: 'arrangement', status: 'decided', created_by: users.oco.id, submitted_at: new Date() });
  await f.rows.requestDecision(t.sql, { partnership_id: pid, request_id: r.id, outcome: 'granted', motivation: 'Passend', decided_by: users.director.id, decided_on: new Date().toISOString().slice(0, 10) });
  // Not demand: a closed OPP long ago, a need without an OPP or request, a refused request.
  await pupil(t.sql, havoSchool, 'havo', [need.autism], { plan: 'closed' });
  await pupil(t.sql, havoSchool, 'havo', [need.autism], { plan: 'none' });
  const refused = await pupil(t.sql, havoSchool, 'havo', [need.autism], { plan: 'none' });
  const rr = await f.request(t.sql, { partnership_id: pid, school_id: havoSchool, pupil_id: refused, kind: 'tlv', status: 'decided', created_by: users.oco.id, submitted_at: new Date() });
  await f.rows.requestDecision(t.sql, { partnership_id: pid, request_id: rr.id, outcome: 'refused', motivation: 'Niet nodig', decided_by: users.director.id, decided_on: new Date().toISOString().slice(0, 10) });
  // vmbo-k × autism: two pupils, two free places: not short.
  await pupil(t.sql, vmboSchool, 'vmbo-k', [need.autism]);
  await pupil(t.sql, vmboSchool, 'vmbo-k', [need.autism, need.dyslexia]);
});
afterAll(() => t.close());

type Map = { cells: { level: string; needId: string; demand: number | string; demandBySource: Record<string, number | string>; extraSchools: number; basisplusSchools: number; freePlaces: number; gap: string | null }[]; areas: { area: string; demand: number | string }[]; schools: { name: string; demand: number | string }[]; allowed: { cases: boolean } };
const cellOf = (m: Map, level: string, needId: string) => m.cells.find((c) => c.level === level && c.needId === needId)!;

async function coverage(q = ''): Promise<Map> {
  const res = await (await as(users.director.id)).get(`/api/support-offer/coverage${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Every pupil count anywhere in an answer: under a key 'demand' or in 'demandBySource'. */
function pupilCounts(x: unknown, out: unknown[] = [], key = ''): unknown[] {
  if (Array.isArray(x)) x.forEach((v) => pupilCounts(v, out, key));
  else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) pupilCounts(v, out, key === 'demandBySource' ? 'demand' : k);
  else if (key === 'demand') out.push(x);
  return out;
}

describe('the gap map', () => {
  it('counts each pupil once per need, from active OPPs and open or granted requests, at their level', async () => {
    const m = await coverage();
    expect(cellOf(m, 'havo', need.autism)).toMatchObject({ demand: 6, demandBySource: { opp: 6, request: '< 5' }, extraSchools: 0, basisplusSchools: 1, freePlaces: 0, gap: 'short' });
    expect(cellOf(m, 'havo', need.behaviour)).toMatchObject({ demand: '< 5', extraSchools: 0, basisplusSchools: 0, gap: 'none_offered' });
    expect(cellOf(m, 'vmbo-k', need.autism)).toMatchObject({ demand: '< 5', extraSchools: 1, freePlaces: 2, gap: null });
    expect(cellOf(m, 'vwo', need.autism)).toMatchObject({ demand: 0, gap: null });
    // No one offers behaviour at vwo either: a gap even without demand.
    expect(cellOf(m, 'vwo', need.behaviour)).toMatchObject({ demand: 0, gap: 'none_offered' });
    expect(m.allowed.cases).toBe(true);
  });

  it('filters by area (the city of the pupil\'s school location), supply too', async () => {
    const m = await coverage('?area=Kampen');
    expect(cellOf(m, 'havo', need.autism)).toMatchObject({ demand: 0, basisplusSchools: 0 });
    expect(cellOf(m, 'vmbo-k', need.autism)).toMatchObject({ demand: '< 5', extraSchools: 1 });
  });

  it('never sends a pupil count from 1 to 4: per cell, per source, per area, per school, per year', async () => {
    const director = await as(users.director.id);
    const answers = [
      await coverage(),
      await coverage('?area=Kampen'),
      await coverage('?area=Zwolle'),
      (await director.get('/api/support-offer/coverage/trend')).json(),
      (await director.get(`/api/support-offer/coverage/trend?level=havo&needId=${need.behaviour}`)).json(),
      (await director.get(`/api/support-offer/coverage/trend?level=havo&needId=${need.autism}`)).json(),
    ];
    const counts = answers.flatMap((a) => pupilCounts(a));
    expect(counts.length).toBeGreaterThan(20);
    expect(counts.filter((n) => typeof n === 'number' && n >= 1 && n <= 4)).toEqual([]);
    expect(counts).toContain('< 5');
    const m = answers[0] as Map;
    expect(m.areas).toEqual(expect.arrayContaining([{ area: 'Zwolle', demand: 8 }, { area: 'Kampen', demand: '< 5' }]));
    expect(m.schools).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Vakcollege', demand: '< 5' })]));
  });

  it('shows the trend over school years for a cell', async () => {
    const res = await (await as(users.consultant.id)).get(`/api/support-offer/coverage/trend?level=havo&needId=${need.autism}`);
    expect(res.statusCode).toBe(200);
    const years = res.json().years as { schoolYear: string; demand: number | string; gaps: number }[];
    expect(years).toHaveLength(5);
    expect(years.at(-1)).toMatchObject({ schoolYear: year, demand: 6, gaps: 1 });
  });

  it('is for the director and the consultants only', async () => {
    for (const u of [users.admin, users.oco]) {
      const c = await as(u.id);
      for (const url of ['/api/support-offer/coverage', '/api/support-offer/coverage/trend', `/api/support-offer/coverage/cases?level=havo&needId=${need.autism}`]) {
        expect((await c.get(url)).statusCode, url).toBe(403);
      }
    }
  });

  it('prints the report for the board, with the small-cell rule', async () => {
    const res = await (await as(users.director.id)).get('/api/support-offer/coverage/report.pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
  });
});

describe('the cases behind a cell', () => {
  it('shows initials, birth year and school, links only where the reader may open the pupil, and audits every pupil shown', async () => {
    const auditRows = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from audit_log where actor_user_id = ${users.director.id} and action = 'coverage.cases' and pupil_id is not null`)[0]!.n;
    const before = await auditRows();
    const res = await (await as(users.director.id)).get(`/api/support-offer/coverage/cases?level=havo&needId=${need.autism}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.cases).toHaveLength(6);
    expect(body.cases[0]).toEqual({ initials: 'N.B.', birthYear: 2010, school: 'Lyceum', sources: expect.arrayContaining(['opp']), pupilId: null });
    expect(JSON.stringify(body)).not.toContain('Bakker');
    expect(await auditRows()).toBe(before + 6);
  });

  it('refuses others, with a trace in the audit log', async () => {
    const refusals = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from audit_log where actor_user_id = ${users.oco.id} and action like '%refused'`)[0]!.n;
    const before = await refusals();
    expect((await (await as(users.oco.id)).get(`/api/support-offer/coverage/cases?level=havo&needId=${need.autism}`)).statusCode).toBe(403);
    expect(await refusals()).toBe(before + 1);
  });
});

describe('a pupil\'s need on the partnership\'s list', () => {
  it('is recorded from the pupil page and counts in the map; a need of another partnership is refused', async () => {
    const p = await pupil(t.sql, havoSchool, 'vwo', []);
    const oco = await as(users.oco.id);
    const ok = await oco.post(`/api/pupils/${p}/needs`, { category: 'gedrag', description: 'Conflicten in de klas.', supportNeedId: need.behaviour });
    expect(ok.statusCode, ok.body).toBe(200);
    const page = (await oco.get(`/api/pupils/${p}`)).json();
    expect(page.needs.map((n: { supportNeed: string | null }) => n.supportNeed)).toEqual(['Gedrag']);
    expect(cellOf(await coverage(), 'vwo', need.behaviour).demand).toBe('< 5');
    const other = await f.partnership(t.sql);
    const foreign = await f.supportNeed(t.sql, { partnership_id: other.id, label: 'Gedrag' });
    const bad = await oco.post(`/api/pupils/${p}/needs`, { category: 'gedrag', description: 'x', supportNeedId: foreign.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([expect.objectContaining({ path: 'supportNeedId' })]);
  });
});
