import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EVALUATION_WEEKS } from '../../src/features/arrangements/evaluate-arrangement.ts';
import { addDays, addWeeks, today } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { Client, signIn } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';
import { twoSchools } from './register-fixtures.ts';

/** Arrangements and OPDC places: the list, the school's evaluations and the commitments per school, on a partnership of this file's own. */
let t: TestApp;
let p: { id: string };
let s1: { id: string; name: string };
let s2: { id: string; name: string };
let kindId: string;
let users: Record<'director' | 'consultant' | 'admin' | 'expert' | 'oco1' | 'ond1' | 'oco2' | 'leader1' | 'mentor1', f.TestUser>;
let c: Record<keyof typeof users, Client>;
const now = today();
const day = (offset: number) => addDays(now, offset);

let pupilAt: Awaited<ReturnType<typeof twoSchools>>['pupil'];
const pupil = (schoolId: string, lastName: string) => pupilAt(schoolId, lastName, { first_name: 'Sem', birth_date: '2012-09-01' });

/** A granted arrangement (or OPDC place) written straight to the database. */
async function arrangement(o: { schoolId: string; pupilId: string | null; kind?: 'arrangement' | 'opdc'; amountEur?: number | null; hours?: number | null; startsOn: string; endsOn: string; next?: string | null; status?: string; group?: string }) {
  const kind = o.kind ?? 'arrangement';
  const r = await f.request(t.sql, {
    partnership_id: p.id, school_id: o.schoolId, pupil_id: o.pupilId, kind, arrangement_kind_id: kind === 'arrangement' ? kindId : null, group_description: o.group ?? '', status: 'decided', created_by: users.oco1.id,
  });
  const a = await f.arrangement(t.sql, {
    partnership_id: p.id, request_id: r.id, school_id: o.schoolId, pupil_id: o.pupilId, kind, arrangement_kind_id: kind === 'arrangement' ? kindId : null,
    amount_eur: o.amountEur === undefined ? 1000 : o.amountEur, hours: o.hours === undefined ? 20 : o.hours, starts_on: o.startsOn, ends_on: o.endsOn,
    next_evaluation_on: o.next === undefined ? day(60) : o.next, status: o.status ?? 'running',
  });
  return a.id;
}

let ids: Record<string, string>;
let pupils: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  ({ p, s1, s2, users, c, pupil: pupilAt } = await twoSchools(t, [{ name: 'A-school' }, { name: 'B-school' }], {
    director: ['swv_director', null], consultant: ['swv_consultant', null], admin: ['swv_admin', null], expert: ['swv_expert', null],
    oco1: ['oco', 1], ond1: ['ondersteuner', 1], oco2: ['oco', 2], leader1: ['schoolleider', 1], mentor1: ['mentor', 1],
  }));
  kindId = (await f.arrangementKind(t.sql, { partnership_id: p.id, name: 'Leesbegeleiding', offers: 'Twee uur per week begeleiding', amount_eur: 1000, hours: 20, max_weeks: 40, evaluation_weeks: 8 })).id;
  pupils = { a: await pupil(s1.id, 'Aarts'), b: await pupil(s1.id, 'Bos'), c: await pupil(s2.id, 'Cools') };
  ids = {
    overdue: await arrangement({ schoolId: s1.id, pupilId: pupils.a!, startsOn: day(-100), endsOn: day(100), next: day(-3) }),
    due: await arrangement({ schoolId: s1.id, pupilId: pupils.b!, kind: 'opdc', amountEur: null, hours: 200, startsOn: day(-50), endsOn: day(150), next: day(10) }),
    group: await arrangement({ schoolId: s1.id, pupilId: null, group: 'Groep 7b', startsOn: day(-20), endsOn: day(300), next: day(40) }),
    ended: await arrangement({ schoolId: s1.id, pupilId: pupils.a!, startsOn: day(-400), endsOn: day(-200), next: null, status: 'ended' }),
    other: await arrangement({ schoolId: s2.id, pupilId: pupils.c!, startsOn: day(-30), endsOn: day(200), next: day(90) }),
  };
});
afterAll(() => t.close());

const idsOf = (res: { json(): { rows: { id: string }[] } }) => res.json().rows.map((r) => r.id).sort();

describe('the arrangements list', () => {
  it('shows the school its own arrangements, with the evaluation that is due', async () => {
    const res = await c.oco1.get('/api/arrangements');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(idsOf(res)).toEqual([ids.overdue, ids.due, ids.group, ids.ended].sort());
    const row = (id: string) => body.rows.find((r: { id: string }) => r.id === id);
    expect(row(ids.overdue!)).toMatchObject({
      kind: 'arrangement', arrangementKind: { id: kindId, name: 'Leesbegeleiding' }, school: { id: s1.id, name: 'A-school' }, pupil: { id: pupils.a, name: 'Sem Aarts' },
      amountCents: 100000, hours: 20, status: 'running', nextEvaluationOn: day(-3), evaluation: 'overdue', lastEvaluation: null, allowed: { evaluate: true },
    });
    expect(row(ids.due!)).toMatchObject({ kind: 'opdc', arrangementKind: null, amountCents: null, hours: 200, evaluation: 'due' });
    expect(row(ids.group!)).toMatchObject({ pupil: null, groupDescription: 'Groep 7b', evaluation: 'planned' });
    expect(row(ids.ended!)).toMatchObject({ status: 'ended', evaluation: 'none', allowed: { evaluate: false } });
    // Running arrangements first, the most urgent evaluation on top.
    expect(body.rows[0].id).toBe(ids.overdue);
    expect(body.total).toBe(4);
  });

  it('filters by status, due evaluation and school', async () => {
    expect(idsOf(await c.oco1.get('/api/arrangements?due=true'))).toEqual([ids.overdue, ids.due].sort());
    expect(idsOf(await c.oco1.get('/api/arrangements?status=ended'))).toEqual([ids.ended]);
    expect(idsOf(await c.consultant.get(`/api/arrangements?schoolId=${s2.id}`))).toEqual([ids.other]);
    // A school filter never widens what a school sees.
    expect(idsOf(await c.oco1.get(`/api/arrangements?schoolId=${s2.id}`))).toEqual([]);
  });

  it('shows partnership staff every school, and each school only its own', async () => {
    expect(idsOf(await c.director.get('/api/arrangements'))).toEqual(Object.values(ids).sort());
    expect(idsOf(await c.admin.get('/api/arrangements'))).toEqual(Object.values(ids).sort());
    expect(idsOf(await c.oco2.get('/api/arrangements'))).toEqual([ids.other]);
    expect(idsOf(await c.leader1.get('/api/arrangements'))).toHaveLength(4);
    expect((await c.leader1.get('/api/arrangements')).json().rows.every((r: { allowed: { evaluate: boolean } }) => !r.allowed.evaluate)).toBe(true);
    expect((await new Client(t.app).get('/api/arrangements')).statusCode).toBe(401);
    for (const who of ['mentor1', 'expert'] as const) expect((await c[who].get('/api/arrangements')).statusCode).toBe(403);
    const other = await f.partnership(t.sql);
    const otherAdmin = await signIn(t.app, await f.user(t.sql, other.id, { roles: [{ role: 'swv_admin', schoolId: null }] }));
    const res = await otherAdmin.get('/api/arrangements');
    expect(res.json()).toMatchObject({ rows: [], total: 0 });
  });

  it('audits every pupil shown (a group arrangement names none)', async () => {
    const rows = async () => (await t.sql<{ pupilId: string }[]>`
      select pupil_id as "pupilId" from audit_log where actor_user_id = ${users.leader1.id} and action = 'arrangement.list_read' order by id`).map((r) => r.pupilId);
    const before = (await rows()).length;
    await c.leader1.get('/api/arrangements');
    expect((await rows()).slice(before).sort()).toEqual([pupils.a, pupils.b, pupils.a].sort());
  });

  it('refuses bad filters with a Dutch message', async () => {
    for (const q of ['status=open', 'due=ja', 'page=-1', 'schoolId=1']) {
      const res = await c.oco1.get(`/api/arrangements?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.message).toBeTruthy();
    }
  });
});

describe('search, sort, links and export of the arrangements list', () => {
  const ordered = (res: { json(): { rows: { id: string }[] } }) => res.json().rows.map((r) => r.id);
  const csv = (body: string) => body.replace(/^\uFEFF/, '').trim().split('\n').map((l) => l.split(';'));

  it('finds a pupil by a part of the name, or a group by its description, within the reader’s scope', async () => {
    expect(idsOf(await c.oco1.get('/api/arrangements?q=aarts'))).toEqual([ids.overdue, ids.ended].sort());
    expect(idsOf(await c.oco1.get('/api/arrangements?q=7b'))).toEqual([ids.group]);
    // Cools is at the other school: the first school's OCO does not find them.
    expect(idsOf(await c.oco1.get('/api/arrangements?q=cools'))).toEqual([]);
    expect(idsOf(await c.consultant.get('/api/arrangements?q=cools'))).toEqual([ids.other]);
  });

  it('sorts on its columns, running arrangements first', async () => {
    expect(ordered(await c.consultant.get('/api/arrangements?sort=pupil&dir=asc'))).toEqual([ids.group, ids.overdue, ids.due, ids.other, ids.ended]);
    expect(ordered(await c.consultant.get('/api/arrangements?sort=endsOn&dir=desc'))).toEqual([ids.group, ids.other, ids.due, ids.overdue, ids.ended]);
    expect(ordered(await c.consultant.get('/api/arrangements?sort=school&dir=desc'))[0]).toBe(ids.other);
    for (const sort of ['arrangement', 'amount', 'startsOn', 'status', 'nextEvaluation']) expect((await c.consultant.get(`/api/arrangements?sort=${sort}`)).statusCode, sort).toBe(200);
    expect((await c.consultant.get('/api/arrangements?sort=naam')).json().error.fields[0].message).toBe('Kies een bestaande sortering.');
  });

  it('says where a name may link: the pupil page for the school, not for the partnership', async () => {
    const allowed = async (client: Client) => (await client.get('/api/arrangements')).json().rows.find((r: { id: string }) => r.id === ids.overdue).allowed;
    expect(await allowed(c.oco1)).toMatchObject({ openPupil: true, openRequest: true });
    expect(await allowed(c.consultant)).toMatchObject({ openPupil: false, openRequest: false });
  });

  it('exports what the reader may see with the filter, all pages, audited once for the list and once per pupil', async () => {
    const count = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from audit_log where actor_user_id = ${users.oco1.id} and action in ('list.export', 'arrangement.list_export')`)[0]!.n;
    const before = await count();
    const res = await c.oco1.get('/api/arrangements/export?format=csv&status=running&sort=pupil&dir=asc');
    expect(res.statusCode, res.body).toBe(200);
    const [head, ...rows] = csv(res.body);
    expect(head).toEqual(['Leerling of groep', 'School', 'Arrangement', 'Bedrag (euro)', 'Uren', 'Begindatum', 'Einddatum', 'Status', 'Volgende evaluatie', 'Laatste evaluatie', 'Doelen bereikt', 'Uitkomst']);
    expect(rows.map((r) => r[0])).toEqual(['Groep 7b', 'Sem Aarts', 'Sem Bos']);
    const next = day(-3);
    expect(rows[1]!.slice(1, 9)).toEqual(['A-school', 'Leesbegeleiding', '1000', '20', expect.stringMatching(/^\d{2}-\d{2}-\d{4}$/), expect.any(String), 'Loopt', `${next.slice(8)}-${next.slice(5, 7)}-${next.slice(0, 4)}`]);
    expect(res.body).not.toContain('Cools');
    // One row for the export, one per pupil (the group names none).
    expect((await count()) - before).toBe(1 + 2);
    const [summary] = await t.sql<{ details: unknown }[]>`select details from audit_log where actor_user_id = ${users.oco1.id} and action = 'list.export' order by id desc limit 1`;
    expect(summary!.details).toEqual({ list: 'arrangements', count: 3, format: 'csv' });
    expect((await c.oco1.get('/api/arrangements/export?format=xlsx')).headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect((await c.mentor1.get('/api/arrangements/export?format=csv')).statusCode).toBe(403);
  });
});

describe('evaluating an arrangement', () => {
  const body = (o: Record<string, unknown> = {}) => ({ heldOn: now, goalsReached: 'partly', notes: 'Leest vloeiender; begrip blijft lastig.', outcome: 'continue', ...o });
  const get = async (id: string) => (await t.sql<{ status: string; next: string | null }[]>`select status, next_evaluation_on as next from arrangements where id = ${id}`)[0]!;

  it("'continue' plans the next evaluation after the kind's rhythm, never after the end", async () => {
    const id = await arrangement({ schoolId: s1.id, pupilId: pupils.a!, startsOn: day(-60), endsOn: day(200) });
    const res = await c.oco1.post(`/api/arrangements/${id}/evaluations`, body({ heldOn: day(-1) }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'running', nextEvaluationOn: addWeeks(day(-1), 8) });
    expect(await get(id)).toEqual({ status: 'running', next: addWeeks(day(-1), 8) });
    const [e] = await t.sql`select held_on, goals_reached, notes, outcome, created_by from arrangement_evaluations where arrangement_id = ${id}`;
    expect(e).toMatchObject({ held_on: day(-1), goals_reached: 'partly', outcome: 'continue', created_by: users.oco1.id });
    const [a] = await t.sql`select pupil_id, school_id, details from audit_log where action = 'arrangement.evaluate' and entity_id = ${id}`;
    expect(a).toMatchObject({ pupil_id: pupils.a, school_id: s1.id, details: { outcome: 'continue', goalsReached: 'partly' } });
    // The list shows the last evaluation.
    const row = (await c.oco1.get('/api/arrangements')).json().rows.find((r: { id: string }) => r.id === id);
    expect(row.lastEvaluation).toEqual({ heldOn: day(-1), goalsReached: 'partly', outcome: 'continue' });

    const short = await arrangement({ schoolId: s1.id, pupilId: pupils.a!, startsOn: day(-60), endsOn: day(20) });
    expect((await c.ond1.post(`/api/arrangements/${short}/evaluations`, body())).json().nextEvaluationOn).toBe(day(20));
    // An OPDC place has no kind: every 13 weeks.
    const opdc = await arrangement({ schoolId: s1.id, pupilId: pupils.b!, kind: 'opdc', startsOn: day(-60), endsOn: day(300) });
    expect((await c.oco1.post(`/api/arrangements/${opdc}/evaluations`, body())).json().nextEvaluationOn).toBe(addWeeks(now, DEFAULT_EVALUATION_WEEKS));
  });

  it("'end' ends it and 'extend' marks it; neither can be evaluated again", async () => {
    const ending = await arrangement({ schoolId: s1.id, pupilId: pupils.a!, startsOn: day(-60), endsOn: day(200) });
    expect((await c.oco1.post(`/api/arrangements/${ending}/evaluations`, body({ outcome: 'end', goalsReached: 'yes' }))).json()).toMatchObject({ status: 'ended', nextEvaluationOn: null });
    expect((await get(ending)).status).toBe('ended');
    const extending = await arrangement({ schoolId: s1.id, pupilId: pupils.a!, startsOn: day(-60), endsOn: day(200) });
    const extended = (await c.oco1.post(`/api/arrangements/${extending}/evaluations`, body({ outcome: 'extend', goalsReached: 'no' }))).json();
    expect(extended).toMatchObject({ status: 'extended', extensionRequestId: expect.any(String) });
    expect((await get(extending)).status).toBe('extended');
    // The extension is a draft request of the same kind, prefilled from the granted one, for the school to complete.
    const [draft] = await t.sql`select kind, status, arrangement_kind_id as "kindId", question from requests where id = ${extended.extensionRequestId}`;
    expect(draft).toMatchObject({ kind: 'arrangement', status: 'draft', kindId });
    expect(draft!.question).toMatch(/^Verlenging van /);
    const again = await c.oco1.post(`/api/arrangements/${ending}/evaluations`, body());
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/loopt niet meer/);
  });

  it('refuses a day in the future, before the start, or continuing after the end', async () => {
    const id = await arrangement({ schoolId: s1.id, pupilId: pupils.a!, startsOn: day(-60), endsOn: day(-5) });
    const field = async (b: object) => {
      const res = await c.oco1.post(`/api/arrangements/${id}/evaluations`, b);
      expect(res.statusCode).toBe(400);
      return res.json().error.fields.map((x: { path: string }) => x.path);
    };
    expect(await field(body({ heldOn: day(1) }))).toEqual(['heldOn']);
    expect(await field(body({ heldOn: day(-61) }))).toEqual(['heldOn']);
    expect(await field(body())).toEqual(['outcome']);
    expect(await field(body({ notes: ' ' }))).toEqual(['notes']);
    expect(await field(body({ goalsReached: 'maybe', heldOn: '22-11-2026' }))).toEqual(expect.arrayContaining(['goalsReached', 'heldOn']));
    expect((await t.sql<{ n: number }[]>`select count(*)::int as n from arrangement_evaluations where arrangement_id = ${id}`)[0]!.n).toBe(0);
    expect((await c.oco1.post(`/api/arrangements/${id}/evaluations`, body({ outcome: 'end' }))).statusCode).toBe(200);
  });

  it("is for the support team of the arrangement's school", async () => {
    const id = await arrangement({ schoolId: s1.id, pupilId: pupils.a!, startsOn: day(-60), endsOn: day(200) });
    const url = `/api/arrangements/${id}/evaluations`;
    expect((await new Client(t.app).post(url, body())).statusCode).toBe(401);
    for (const who of ['leader1', 'consultant', 'director', 'admin'] as const) expect((await c[who].post(url, body())).statusCode, who).toBe(403);
    for (const who of ['mentor1', 'oco2', 'expert'] as const) expect((await c[who].post(url, body())).statusCode, who).toBe(404);
    const other = await f.partnership(t.sql);
    const board = await f.board(t.sql, other.id);
    const school = await f.school(t.sql, other.id, board.id);
    const otherOco = await signIn(t.app, await f.user(t.sql, other.id, { roles: [{ role: 'oco', schoolId: school.id }] }));
    expect((await otherOco.post(url, body())).statusCode).toBe(404);
    expect((await c.oco1.post('/api/arrangements/00000000-0000-4000-8000-000000000000/evaluations', body())).statusCode).toBe(404);
    expect((await c.oco1.post('/api/arrangements/x/evaluations', body())).statusCode).toBe(400);
    expect((await t.sql<{ n: number }[]>`select count(*)::int as n from arrangement_evaluations where arrangement_id = ${id}`)[0]!.n).toBe(0);
  });
});

describe('commitments per school', () => {
  it('adds up the amounts and hours of arrangements overlapping the period, whole and pro rata', async () => {
    const q = await f.school(t.sql, p.id, (await t.sql<{ id: string }[]>`select board_id as id from schools where id = ${s1.id}`)[0]!.id, { name: 'C-school' });
    const cp = await pupil(q.id, 'Dekker');
    // 100 days of which the last 50 fall in the period; 1000 euro and 20 hours.
    await arrangement({ schoolId: q.id, pupilId: cp, startsOn: '2030-01-01', endsOn: '2030-04-10', amountEur: 1000, hours: 20 });
    // Wholly inside: 250.50 euro, no hours.
    await arrangement({ schoolId: q.id, pupilId: cp, startsOn: '2030-03-01', endsOn: '2030-03-31', amountEur: 250.5, hours: null });
    // Outside the period.
    await arrangement({ schoolId: q.id, pupilId: cp, startsOn: '2031-01-01', endsOn: '2031-06-30', amountEur: 9999, hours: 99 });
    const res = await c.director.get('/api/arrangements/commitments?from=2030-02-20&to=2030-12-31');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const school = body.schools.find((s: { school: { id: string } }) => s.school.id === q.id);
    expect(school.committed).toEqual({ arrangements: 2, amountCents: 125050, amountInPeriodCents: 75050, hours: 20, hoursInPeriod: 10 });
    // Every school of the partnership is listed, with nothing committed where nothing is.
    expect(body.schools.map((s: { school: { name: string } }) => s.school.name)).toEqual(['A-school', 'B-school', 'C-school']);
    expect(body.schools[0].committed.arrangements).toBe(0);
    expect(body.total).toEqual(school.committed);
    expect(res.body).not.toContain(cp);
  });

  it('is for partnership staff, and checks the period', async () => {
    const url = '/api/arrangements/commitments?from=2026-08-01&to=2027-07-31';
    expect((await new Client(t.app).get(url)).statusCode).toBe(401);
    for (const who of ['oco1', 'leader1', 'expert'] as const) expect((await c[who].get(url)).statusCode).toBe(403);
    for (const who of ['consultant', 'admin'] as const) expect((await c[who].get(url)).statusCode).toBe(200);
    expect((await c.director.get('/api/arrangements/commitments?from=2027-08-01&to=2027-07-31')).statusCode).toBe(400);
    expect((await c.director.get('/api/arrangements/commitments?from=2027-08-01')).statusCode).toBe(400);
  });
});
