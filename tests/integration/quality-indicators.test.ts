import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { median } from '../../src/features/quality/indicators.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

/**
 * The indicator dashboard (seed 001's common indicators, computed from the
 * records): the director sees every school, a school's OCO its own beside
 * the partnership's median; a count under 5 per school is withheld.
 */
let t: TestApp;
let director: Client;
let ocoB: Client;
let support: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const pid = (await f.partnership(t.sql)).id;
  const board = await f.board(t.sql, pid);
  for (const name of ['A-school', 'B-school', 'C-school']) ids[name] = (await f.school(t.sql, pid, board.id, { name })).id;
  const oco = await f.user(t.sql, pid, { roles: [{ role: 'oco', schoolId: ids['B-school']! }], email: f.mailbox('oco') });
  director = await signIn(t.app, await f.user(t.sql, pid, { roles: [{ role: 'swv_director', schoolId: null }], email: f.mailbox('directeur') }));
  ocoB = await signIn(t.app, oco);
  support = await signIn(t.app, await f.user(t.sql, pid, { roles: [{ role: 'ondersteuner', schoolId: ids['B-school']! }], email: f.mailbox('ondersteuner') }));
  // Six pupils with an OPP at A, two at B, none at C.
  for (const [school, n] of [['A-school', 6], ['B-school', 2]] as const) {
    for (let i = 0; i < n; i++) {
      const p = await f.pupil(t.sql, pid, ids[school]!, null);
      await f.rows.opp(t.sql, { partnership_id: pid, school_id: ids[school]!, pupil_id: p.id, created_by: oco.id, status: 'agreed' });
    }
  }
});
afterAll(() => t.close());

describe('the indicator dashboard', () => {
  it('shows the director every school, with counts under 5 withheld and the median and total over all schools', async () => {
    const res = await director.get('/api/quality/indicators');
    expect(res.statusCode, res.body).toBe(200);
    const opps = res.json().indicators.find((i: { key: string }) => i.key === 'opps');
    expect(opps).toEqual({
      key: 'opps', median: 2, total: 8,
      schools: [{ id: ids['A-school'], name: 'A-school', count: 6 }, { id: ids['B-school'], name: 'B-school', count: null }, { id: ids['C-school'], name: 'C-school', count: null }],
    });
    expect(res.json().scope).toBe('partnership');
  });

  it('shows a school\'s OCO its own school only, beside the median; the support team has no dashboard', async () => {
    const v = (await ocoB.get('/api/quality/indicators')).json();
    expect(v.scope).toBe('own');
    expect(v.indicators.find((i: { key: string }) => i.key === 'opps')).toEqual({ key: 'opps', median: 2, total: 8, schools: [{ id: ids['B-school'], name: 'B-school', count: null }] });
    expect(JSON.stringify(v)).not.toContain('A-school');
    expect((await support.get('/api/quality/indicators')).statusCode).toBe(403);
  });

  it('takes the median as the middle value, or the mean of the two middle ones', () => {
    expect([median([]), median([3]), median([5, 1, 3]), median([4, 1, 3, 2])]).toEqual([0, 3, 3, 2.5]);
  });
});
