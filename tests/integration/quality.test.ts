import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

/**
 * The quality cycle, PDCA per school per school year (seed 001): the
 * partnership sets its spearheads; in the spring round the school writes its
 * action plan and hands it in, the consultant records the discussion; in the
 * autumn round the school evaluates each goal and closes the plan; next
 * year's plan carries over the goals not reached, with one click.
 */
let t: TestApp;
let pid: string;
let school: string;
let director: Client;
let consultant: Client;
let oco: Client;
let leader: Client;
let otherOco: Client;

beforeAll(async () => {
  t = await createTestApp();
  pid = (await f.partnership(t.sql)).id;
  const board = await f.board(t.sql, pid);
  school = (await f.school(t.sql, pid, board.id, { name: 'Het Baken' })).id;
  const other = (await f.school(t.sql, pid, board.id, { name: 'De Overkant' })).id;
  const at = (role: 'swv_director' | 'swv_consultant' | 'oco' | 'schoolleider', schoolId: string | null) =>
    f.user(t.sql, pid, { roles: [{ role, schoolId }], email: f.mailbox(role) });
  director = await signIn(t.app, await at('swv_director', null));
  consultant = await signIn(t.app, await at('swv_consultant', null));
  oco = await signIn(t.app, await at('oco', school));
  leader = await signIn(t.app, await at('schoolleider', school));
  otherOco = await signIn(t.app, await at('oco', other));
});
afterAll(() => t.close());

let spearheads: { id: string; label: string }[];
const goal = (spearheadId: string, text: string, indicators = [{ name: "OPP's op tijd geëvalueerd", target: '90%' }]) => ({
  id: randomUUID(), spearheadId, goal: text, actions: 'Evaluatiemomenten plannen.', owner: 'OCO', budgetLine: 'care_staff', indicators, origin: 'new', carriedFrom: null,
});

describe('the partnership sets the spearheads of its support plan', () => {
  it('saves them in order; a school reads them but may not change them', async () => {
    const input = { spearheads: [{ label: 'Het ontwikkelen van de trajectvoorziening', description: '', active: true }, { label: 'Handelingsgericht inzetten van het OPP', description: '', active: true }] };
    expect((await oco.put('/api/quality/spearheads', input)).statusCode).toBe(403);
    const res = await director.put('/api/quality/spearheads', input);
    expect(res.statusCode, res.body).toBe(200);
    spearheads = res.json().spearheads;
    expect(spearheads.map((s) => s.label)).toEqual(input.spearheads.map((s) => s.label));
    expect((await oco.get('/api/quality/spearheads')).json()).toMatchObject({ spearheads: [{ label: 'Het ontwikkelen van de trajectvoorziening' }, {}], allowed: { manage: false } });
  });

  it('refuses two spearheads of the same name, and keeps the old list', async () => {
    const res = await director.put('/api/quality/spearheads', { spearheads: [...spearheads.map((s) => ({ ...s, description: '', active: true })), { label: 'handelingsgericht inzetten van het opp', description: '', active: true }] });
    expect(res.statusCode).toBe(400);
    expect((await director.get('/api/quality/spearheads')).json().spearheads).toHaveLength(2);
  });
});

let lastYear: string;
let goals: ReturnType<typeof goal>[];

describe('the spring round: the school writes its action plan, the consultant records the discussion', () => {
  it('the OCO starts the plan, writes goals with indicators and hands it in; another school does not see it', async () => {
    const start = await oco.post('/api/quality/plans', { schoolId: school, schoolYear: '2025-2026' });
    expect(start.statusCode, start.body).toBe(200);
    lastYear = start.json().id;
    // Starting again opens the same plan.
    expect((await leader.post('/api/quality/plans', { schoolId: school, schoolYear: '2025-2026' })).json().id).toBe(lastYear);
    expect((await otherOco.get(`/api/quality/plans/${lastYear}`)).statusCode).toBe(404);
    expect((await otherOco.post('/api/quality/plans', { schoolId: school, schoolYear: '2025-2026' })).statusCode).toBe(403);

    goals = [goal(spearheads[0]!.id, 'Observaties in de klas bij elke hulpvraag.'), goal(spearheads[1]!.id, 'Elk OPP twee keer per jaar geëvalueerd.'), goal(spearheads[1]!.id, 'OPP light voor elke leerling met een arrangement.', [])];
    const saved = await oco.put(`/api/quality/plans/${lastYear}`, { revision: 1, content: { summary: 'Startpunt.', goals } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().revision).toBe(2);
    // A stale revision is a conflict, not an overwrite.
    expect((await leader.put(`/api/quality/plans/${lastYear}`, { revision: 1, content: { summary: '', goals: [] } })).statusCode).toBe(409);
    // A goal under a spearhead the partnership does not know is refused at its field.
    const unknown = await oco.put(`/api/quality/plans/${lastYear}`, { revision: 2, content: { summary: '', goals: [goal(randomUUID(), 'x')] } });
    expect(unknown.json().error.fields).toEqual([{ path: 'content.goals.0.spearheadId', message: expect.any(String) }]);

    // Every goal needs an indicator before the plan is handed in: the autumn round measures by it.
    const refused = await oco.post(`/api/quality/plans/${lastYear}/submit`, { revision: 2 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([{ path: 'content.goals.2.indicators', message: expect.any(String) }]);
    goals[2]!.indicators = [{ name: "Aantal OPP's light", target: 'alle arrangementen' }];
    expect((await oco.put(`/api/quality/plans/${lastYear}`, { revision: 2, content: { summary: 'Startpunt.', goals } })).statusCode).toBe(200);
    const submitted = await leader.post(`/api/quality/plans/${lastYear}/submit`, { revision: 3 });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect((await leader.post(`/api/quality/plans/${lastYear}/submit`, { revision: 3 })).statusCode).toBe(409);
  });

  it('the consultant records who attended; the school may not, and the list shows the plan as discussed', async () => {
    const discussion = { heldOn: '2025-06-03', attendees: ['leader', 'coordinator', 'gmr', 'parents'], notes: 'Inzet middelen besproken.' };
    expect((await oco.put(`/api/quality/plans/${lastYear}/discussion`, discussion)).statusCode).toBe(403);
    expect((await consultant.put(`/api/quality/plans/${lastYear}/discussion`, discussion)).statusCode).toBe(200);
    const plan = (await oco.get(`/api/quality/plans/${lastYear}`)).json();
    expect(plan.discussion).toMatchObject({ heldOn: '2025-06-03', attendees: ['leader', 'coordinator', 'gmr', 'parents'] });
    expect(plan.allowed).toEqual({ edit: true, submit: false, discuss: false, evaluate: true });
    const list = (await director.get('/api/quality/plans?schoolYear=2025-2026')).json();
    expect(list.rows.map((r: { school: { name: string }; status: string }) => [r.school.name, r.status])).toEqual([['De Overkant', 'none'], ['Het Baken', 'discussed']]);
    // A school sees its own row only.
    expect((await otherOco.get('/api/quality/plans?schoolYear=2025-2026')).json().rows.map((r: { school: { name: string } }) => r.school.name)).toEqual(['De Overkant']);
  });
});

describe('the autumn round evaluates each goal; next year starts from what was not reached', () => {
  it('saves results as it goes, closes only when every goal has one, and then the plan lies fixed', async () => {
    const first = await oco.put(`/api/quality/plans/${lastYear}/evaluation`, { goals: [{ goalId: goals[0]!.id, result: 'reached', learnt: 'Vaste observatiemomenten werkten.' }], close: false });
    expect(first.statusCode, first.body).toBe(200);
    const early = await oco.put(`/api/quality/plans/${lastYear}/evaluation`, { goals: [{ goalId: goals[1]!.id, result: 'partly', learnt: '' }], close: true });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields).toEqual([{ path: 'goals.2.result', message: expect.stringContaining('elk doel') }]);
    const closed = await leader.put(`/api/quality/plans/${lastYear}/evaluation`, { goals: [{ goalId: goals[1]!.id, result: 'partly', learnt: 'Te weinig tijd.' }, { goalId: goals[2]!.id, result: 'not', learnt: '' }], close: true });
    expect(closed.statusCode, closed.body).toBe(200);
    const plan = (await oco.get(`/api/quality/plans/${lastYear}`)).json();
    expect(plan.evaluation[goals[0]!.id]).toEqual({ result: 'reached', learnt: 'Vaste observatiemomenten werkten.' });
    expect(plan.evaluated).not.toBeNull();
    expect(plan.allowed).toEqual({ edit: false, submit: false, discuss: false, evaluate: false });
    expect((await oco.put(`/api/quality/plans/${lastYear}`, { revision: plan.revision, content: plan.content })).statusCode).toBe(409);
  });

  it('carries the goals not reached into next year\'s plan with one click, once', async () => {
    const next = (await oco.post('/api/quality/plans', { schoolId: school, schoolYear: '2026-2027' })).json().id;
    const before = (await oco.get(`/api/quality/plans/${next}`)).json();
    expect(before.previous).toEqual({ schoolYear: '2025-2026', open: 2, auditPoints: 0 });
    const carried = await oco.post(`/api/quality/plans/${next}/carry-over`, { revision: before.revision });
    expect(carried.json()).toEqual({ revision: before.revision + 1, added: 2 });
    const plan = (await oco.get(`/api/quality/plans/${next}`)).json();
    expect(plan.content.goals.map((g: { goal: string; origin: string; carriedFrom: string }) => [g.goal, g.origin, g.carriedFrom])).toEqual([
      [goals[1]!.goal, 'carried', goals[1]!.id],
      [goals[2]!.goal, 'carried', goals[2]!.id],
    ]);
    expect((await oco.post(`/api/quality/plans/${next}/carry-over`, { revision: plan.revision })).json().added).toBe(0);
    // No plan the year before: nothing to carry over.
    const first = (await oco.post('/api/quality/plans', { schoolId: school, schoolYear: '2040-2041' })).json().id;
    expect((await oco.post(`/api/quality/plans/${first}/carry-over`, { revision: 1 })).statusCode).toBe(409);
  });

  it('writes an audit row for every change, none naming a pupil (a plan is school-level data)', async () => {
    const rows = await t.sql<{ action: string; pupilId: string | null }[]>`
      select action, pupil_id as "pupilId" from audit_log where partnership_id = ${pid} and entity_type = 'action_plan' order by id`;
    expect(new Set(rows.map((r) => r.action))).toEqual(new Set(['action_plan.create', 'action_plan.update', 'action_plan.submit', 'action_plan.discuss', 'action_plan.evaluate', 'action_plan.evaluate_close', 'action_plan.carry_over']));
    expect(rows.filter((r) => r.pupilId !== null)).toEqual([]);
  });

  it('gives the round holders the spring round\'s summary report as a PDF, made from the handed-in plans; not the school', async () => {
    const res = await consultant.get('/api/quality/plans/report.pdf?schoolYear=2025-2026');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await oco.get('/api/quality/plans/report.pdf?schoolYear=2025-2026')).statusCode).toBe(403);
    expect((await director.get('/api/quality/plans?schoolYear=2025-2026')).json().allowed.roundReport).toBe(true);
  });
});
