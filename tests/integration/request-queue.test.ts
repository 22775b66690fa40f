import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, today } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import * as f from '../helpers/factories.ts';
import { clients, requestWorld, type RequestWorld } from './request-fixtures.ts';

/**
 * The loket's work list, a page at a time, sorted on the server: open
 * requests first, then by the clock the page shows (the target date moved by
 * the days the partnership waited for the school).
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

async function submitted(o: { dueIn: number; submittedDaysAgo: number; waitedDaysOpen?: number; status?: string }) {
  const pupil = await f.pupil(t.sql, w.partnershipId, w.schoolId, null);
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
  const r = await f.request(t.sql, {
    partnership_id: w.partnershipId, school_id: w.schoolId, pupil_id: pupil.id, status: o.status ?? 'submitted', question: 'Vraag', submitted_at: daysAgo(o.submittedDaysAgo),
    decision_due_on: addDays(today(), o.dueIn), waiting_since: o.waitedDaysOpen === undefined ? null : daysAgo(o.waitedDaysOpen), decided_at: o.status === 'decided' ? new Date() : null, created_by: w.users.oco.id,
  });
  return r.id;
}

it('pages 50 at a time, open requests first, by the clock with the days waited for the school', async () => {
  // Due in 5 days, but the partnership has waited 10 days for the school: its target is 15 days away.
  const waited = await submitted({ dueIn: 5, submittedDaysAgo: 30, waitedDaysOpen: 10 });
  const soon = await submitted({ dueIn: 10, submittedDaysAgo: 2 });
  const closed = await submitted({ dueIn: -20, submittedDaysAgo: 60, status: 'decided' });
  for (let i = 0; i < 50; i++) await submitted({ dueIn: 40 + i, submittedDaysAgo: 1 });
  const loket = await as('consultant');
  const list = async (query: string) => (await loket.get(`/api/requests?${query}`)).json();

  const first = await list('');
  expect({ total: first.total, page: first.page, pageSize: first.pageSize, rows: first.rows.length }).toEqual({ total: 53, page: 1, pageSize: 50, rows: 50 });
  expect(first.rows.slice(0, 2).map((r: { id: string }) => r.id)).toEqual([soon, waited]);
  expect(first.rows[1].clock.daysToTarget).toBe(15);
  const last = await list('page=2');
  expect(last.rows.map((r: { id: string }) => r.id).at(-1)).toBe(closed);
  expect(last.rows).toHaveLength(3);

  // Longest since submission first: still open ones before the closed one.
  const bySubmission = await list('sort=submitted&dir=desc');
  expect(bySubmission.rows[0].id).toBe(waited);
  const targetDesc = await list('dir=desc');
  expect(targetDesc.rows.slice(0, 2).map((r: { clock: { daysToTarget: number } }) => r.clock.daysToTarget)).toEqual([89, 88]);

  // One audit row per request shown, not per request in the list.
  const [n] = await t.sql<{ n: number }[]>`
    select count(*)::int as n from audit_log where action = 'request.list' and actor_user_id = ${w.users.consultant.id} and partnership_id = ${w.partnershipId}`;
  expect(n!.n).toBe(50 + 3 + 50 + 50);

  expect((await loket.get('/api/requests?sort=random')).statusCode).toBe(400);
  expect((await loket.get('/api/requests?page=0')).statusCode).toBe(400);
});

it('says per row whether the reader may take it: the loket may, the school and the director may not', async () => {
  // Submitted longest ago of all, so first when sorted so.
  const open = await submitted({ dueIn: 10, submittedDaysAgo: 500 });
  const decided = await submitted({ dueIn: -5, submittedDaysAgo: 40, status: 'decided' });
  const takeOf = async (who: Parameters<typeof as>[0]) => {
    const client = await as(who);
    const rows = async (query: string): Promise<{ id: string; allowed: { take: boolean } }[]> => (await client.get(`/api/requests?${query}`)).json().rows;
    const all = [...(await rows('sort=submitted&dir=desc')), ...(await rows('status=decided'))];
    return { open: all.find((r) => r.id === open)?.allowed.take, decided: all.find((r) => r.id === decided)?.allowed.take };
  };
  expect(await takeOf('consultant')).toEqual({ open: true, decided: false });
  expect(await takeOf('oco')).toEqual({ open: false, decided: false });
  expect(await takeOf('director')).toEqual({ open: false, decided: false });
});
