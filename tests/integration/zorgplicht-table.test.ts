import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

/**
 * The placement table (plaatsingstafel; DOMAIN.md C6, seed 004 §4): the
 * partnership puts a stuck case on the table, plans the meeting with the
 * parties, records the binding advice with what each party does by when,
 * follows the actions until the pupil is placed; the director decides the
 * placement only where the partnership gave the director doorzettingsmacht.
 * The school of the registration reads the advice (not the partnership's
 * notes); another school reads nothing.
 */
let t: TestApp;
let pid: string;
let school: string;
let other: string;
let third: string;
let ocoId: string;
let oco: Client;
let otherOco: Client;
let consultant: Client;
let director: Client;
let admin: Client;
const day0 = today();

/** An open registration at `school` received 50 days ago: stuck past the 6 weeks. */
const stuck = (cols: Record<string, unknown> = {}) =>
  f.rows.zorgplichtRegistration(t.sql, { partnership_id: pid, school_id: school, created_by: ocoId, received_on: addDays(day0, -50), ...cols }).then((r) => r.id);
const read = (by: Client, id: string) => by.get(`/api/zorgplicht/registrations/${id}`);
const advice = (o: Record<string, unknown> = {}) => ({
  outcome: 'school',
  schoolId: third,
  offer: '',
  motivation: 'Het Derde heeft een kleine klas en een vaste mentor; de ouders en beide scholen stemmen in.',
  actions: [
    { party: 'Het Derde', description: 'Intakegesprek met de ouders en de leerling.', dueOn: addDays(day0, 7) },
    { party: 'Samenwerkingsverband', description: 'Arrangement voor de eerste 6 weken regelen.', dueOn: addDays(day0, -1) },
  ],
  ...o,
});

beforeAll(async () => {
  t = await createTestApp();
  pid = (await f.partnership(t.sql)).id;
  const board = await f.board(t.sql, pid);
  school = (await f.school(t.sql, pid, board.id, { name: 'Het Baken' })).id;
  other = (await f.school(t.sql, pid, board.id, { name: 'De Overkant' })).id;
  third = (await f.school(t.sql, pid, board.id, { name: 'Het Derde' })).id;
  const at = (role: 'swv_consultant' | 'swv_director' | 'swv_admin' | 'oco', schoolId: string | null) => f.user(t.sql, pid, { roles: [{ role, schoolId }], email: f.mailbox(role) });
  const ocoUser = await at('oco', school);
  ocoId = ocoUser.id;
  oco = await signIn(t.app, ocoUser);
  otherOco = await signIn(t.app, await at('oco', other));
  consultant = await signIn(t.app, await at('swv_consultant', null));
  director = await signIn(t.app, await at('swv_director', null));
  admin = await signIn(t.app, await at('swv_admin', null));
});
afterAll(() => t.close());

describe('putting a case on the table', () => {
  it('is the partnership’s: the consultant puts it there, the school may not, and twice is refused', async () => {
    const id = await stuck();
    expect((await read(consultant, id)).json().allowed.putOnTable).toBe(true);
    expect((await read(oco, id)).json().allowed.putOnTable).toBe(false);
    expect((await oco.post(`/api/zorgplicht/registrations/${id}/table`, { reason: 'Vastgelopen.', notes: '' })).statusCode).toBe(403);
    const res = await consultant.post(`/api/zorgplicht/registrations/${id}/table`, { reason: 'Twee scholen wezen af; de ouders weten niet meer waar zij heen moeten.', notes: 'Moeder belde boos; vader wil geen speciaal onderwijs.' });
    expect(res.statusCode, res.body).toBe(200);
    const again = await consultant.post(`/api/zorgplicht/registrations/${id}/table`, { reason: 'Nog eens.', notes: '' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/al aan de plaatsingstafel/);
    const view = (await read(consultant, id)).json();
    expect(view.allowed.putOnTable).toBe(false);
    expect(view.table).toMatchObject({ reason: expect.stringMatching(/Twee scholen/), notes: expect.stringMatching(/Moeder/), meeting: null, advice: null, placed: false });
    const [row] = await t.sql`select count(*)::int as n from audit_log where entity_id = ${id} and action = 'zorgplicht.table_put'`;
    expect(row!.n).toBe(1);
  });

  it('is refused for a registration without a suspected support need (the partnership does not see it)', async () => {
    const id = await stuck({ support_suspected: false });
    expect((await consultant.post(`/api/zorgplicht/registrations/${id}/table`, { reason: 'Vastgelopen.', notes: '' })).statusCode).toBe(404);
  });

  it('is refused once the pupil is placed', async () => {
    const id = await stuck({ status: 'decided', outcome: 'admitted', outcome_reason: 'Toegelaten.', decided_on: day0, decided_by: ocoId });
    const res = await consultant.post(`/api/zorgplicht/registrations/${id}/table`, { reason: 'Vastgelopen.', notes: '' });
    expect(res.statusCode).toBe(409);
  });
});

describe('the meeting, the binding advice and its actions', () => {
  it('plans the meeting, records the advice with actions, marks them done; the school reads it without the notes, another school reads nothing', async () => {
    const id = await stuck();
    expect((await consultant.post(`/api/zorgplicht/registrations/${id}/table`, { reason: 'Vastgelopen na twee afwijzingen.', notes: 'Intern: broer zit op Het Derde.' })).statusCode).toBe(200);
    // Advice before anything is planned is fine; a meeting needs its parties.
    expect((await consultant.post(`/api/zorgplicht/registrations/${id}/table/meeting`, { meetingOn: addDays(day0, 3), parties: [] })).statusCode).toBe(400);
    const parties = [
      { kind: 'parents', name: 'Familie van Dam' },
      { kind: 'school', name: 'Het Baken' },
      { kind: 'school', name: 'Het Derde' },
      { kind: 'partnership', name: 'Consulent SWV' },
      { kind: 'chain_partner', name: 'Jeugdteam Noord' },
    ];
    const meeting = await consultant.post(`/api/zorgplicht/registrations/${id}/table/meeting`, { meetingOn: addDays(day0, 3), parties });
    expect(meeting.statusCode, meeting.body).toBe(200);
    expect((await oco.post(`/api/zorgplicht/registrations/${id}/table/advice`, advice())).statusCode).toBe(403);
    // The outcome 'school' needs the school; 'other' needs the offer; at least one action.
    const bad = await consultant.post(`/api/zorgplicht/registrations/${id}/table/advice`, advice({ schoolId: null, actions: [] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((x: { path: string }) => x.path).sort()).toEqual(['actions', 'schoolId']);
    const ok = await director.post(`/api/zorgplicht/registrations/${id}/table/advice`, advice());
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await consultant.post(`/api/zorgplicht/registrations/${id}/table/advice`, advice())).statusCode).toBe(409);

    const mine = (await read(oco, id)).json();
    expect(mine.table).toMatchObject({
      reason: 'Vastgelopen na twee afwijzingen.',
      notes: null,
      meeting: { on: addDays(day0, 3), parties },
      advice: { outcome: 'school', school: { id: third, name: 'Het Derde' }, motivation: expect.stringMatching(/kleine klas/) },
      decision: null,
      schools: [],
      allowed: { plan: false, advise: false, followUp: false, enforce: false },
    });
    expect(JSON.stringify(mine)).not.toContain('broer');
    expect(mine.table.actions.map((a: { party: string; overdue: boolean; done: unknown }) => [a.party, a.overdue, a.done])).toEqual([
      ['Het Derde', false, null],
      ['Samenwerkingsverband', true, null],
    ]);
    expect((await read(otherOco, id)).statusCode).toBe(404);

    const late = mine.table.actions[1].id as string;
    expect((await oco.post(`/api/zorgplicht/table-actions/${late}/done`)).statusCode).toBe(403);
    expect((await otherOco.post(`/api/zorgplicht/table-actions/${late}/done`)).statusCode).toBe(404);
    expect((await consultant.post(`/api/zorgplicht/table-actions/${late}/done`)).statusCode).toBe(200);
    const after = (await read(consultant, id)).json().table.actions[1];
    expect(after).toMatchObject({ overdue: false, done: { by: expect.any(String) }, allowed: { done: false } });
    const [row] = await t.sql`select count(*)::int as n from audit_log where entity_id = ${id} and action in ('zorgplicht.table_meeting', 'zorgplicht.table_advice', 'zorgplicht.table_action_done')`;
    expect(row!.n).toBe(3);
  });

  it('shows the case on the board with its flags until the pupil is placed', async () => {
    const id = await stuck();
    await consultant.post(`/api/zorgplicht/registrations/${id}/table`, { reason: 'Vastgelopen.', notes: '' });
    await consultant.post(`/api/zorgplicht/registrations/${id}/table/advice`, advice());
    const onBoard = (await consultant.get('/api/zorgplicht/board?table=true')).json();
    expect(onBoard.rows.find((r: { id: string }) => r.id === id)).toMatchObject({ atTable: true, advice: true, actionsOverdue: 1, enforced: false });
    expect(onBoard.rows.every((r: { atTable: boolean }) => r.atTable)).toBe(true);
    expect(onBoard.counts.atTable).toBe(onBoard.total);
    // The school decides with the accepting school: placed, off the table filter, the follow-up closed.
    await t.sql`update zorgplicht_registrations set status = 'decided', outcome = 'admitted', outcome_reason = 'Toegelaten.', decided_on = ${day0}, decided_by = ${ocoId} where id = ${id}`;
    const later = (await consultant.get('/api/zorgplicht/board?table=true&show=all')).json();
    expect(later.rows.map((r: { id: string }) => r.id)).not.toContain(id);
    const view = (await read(consultant, id)).json();
    expect(view.table).toMatchObject({ placed: true, allowed: { plan: false, advise: false } });
  });
});

describe('doorzettingsmacht', () => {
  it('is off by default: the director may not decide; once the partnership turns it on, the director decides with a motivation, recorded and shown', async () => {
    const id = await stuck();
    await consultant.post(`/api/zorgplicht/registrations/${id}/table`, { reason: 'Geen school wil de leerling plaatsen.', notes: '' });
    const decision = { schoolId: third, offer: '', motivation: 'Het Derde kan de ondersteuning bieden en heeft plaats; de leerling zit al 8 weken thuis.' };
    expect((await director.get('/api/zorgplicht/settings')).json()).toEqual({ doorzettingsmacht: false, allowed: { manage: true } });
    const off = await director.post(`/api/zorgplicht/registrations/${id}/table/decision`, decision);
    expect(off.statusCode).toBe(403);
    expect((await read(director, id)).json().table.allowed.enforce).toBe(false);

    expect((await consultant.put('/api/zorgplicht/settings', { doorzettingsmacht: true })).statusCode).toBe(403);
    expect((await oco.get('/api/zorgplicht/settings')).statusCode).toBe(403);
    expect((await admin.put('/api/zorgplicht/settings', { doorzettingsmacht: true })).statusCode).toBe(200);
    try {
      expect((await read(director, id)).json().table.allowed.enforce).toBe(true);
      // Only the director, even with the setting on.
      expect((await consultant.post(`/api/zorgplicht/registrations/${id}/table/decision`, decision)).statusCode).toBe(403);
      expect((await director.post(`/api/zorgplicht/registrations/${id}/table/decision`, { schoolId: null, offer: '', motivation: 'x' })).statusCode).toBe(400);
      const on = await director.post(`/api/zorgplicht/registrations/${id}/table/decision`, decision);
      expect(on.statusCode, on.body).toBe(200);
      expect((await director.post(`/api/zorgplicht/registrations/${id}/table/decision`, decision)).statusCode).toBe(409);
      const seen = (await read(oco, id)).json().table.decision;
      expect(seen).toMatchObject({ school: { id: third, name: 'Het Derde' }, motivation: expect.stringMatching(/8 weken thuis/), by: expect.any(String), at: expect.any(String) });
      const onBoard = (await consultant.get('/api/zorgplicht/board?table=true')).json();
      expect(onBoard.rows.find((r: { id: string }) => r.id === id)).toMatchObject({ enforced: true });
      const [row] = await t.sql`select count(*)::int as n from audit_log where entity_id = ${id} and action = 'zorgplicht.table_decision'`;
      expect(row!.n).toBe(1);
    } finally {
      await admin.put('/api/zorgplicht/settings', { doorzettingsmacht: false });
    }
  });
});
