import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

/**
 * Round tables (seed 003): the consultant records each table (the roles at
 * it, the statements and the room's reactions, per theme what to keep, what
 * may go and what is missed) and reads, per theme across the year's tables,
 * what the field said, for the evaluation of the support plan.
 */
let t: TestApp;
let pid: string;
let consultant: Client;
let leader: Client;
let mentor: Client;

beforeAll(async () => {
  t = await createTestApp();
  pid = (await f.partnership(t.sql)).id;
  const board = await f.board(t.sql, pid);
  const school = (await f.school(t.sql, pid, board.id)).id;
  consultant = await signIn(t.app, await f.user(t.sql, pid, { roles: [{ role: 'swv_consultant', schoolId: null }], email: f.mailbox('consulent') }));
  leader = await signIn(t.app, await f.user(t.sql, pid, { roles: [{ role: 'schoolleider', schoolId: school }], email: f.mailbox('leider') }));
  mentor = await signIn(t.app, await f.user(t.sql, pid, { roles: [{ role: 'mentor', schoolId: school }], email: f.mailbox('mentor') }));
});
afterAll(() => t.close());

const table = (title: string, heldOn: string, themes: { theme: string; keep?: string[]; drop?: string[]; miss?: string[] }[]) => ({
  title,
  heldOn,
  audiences: ['ib', 'teachers'],
  content: {
    statements: [{ text: 'Het ondersteuningsplan helpt ons om samen passend onderwijs te realiseren.', reactions: 'Positieve stappen, soms bureaucratie.' }],
    themes: themes.map((x) => ({ keep: [], drop: [], miss: [], ...x })),
  },
});

describe('round tables', () => {
  let first: string;

  it('records a table; the school leader reads it, the mentor does not, and only the partnership records', async () => {
    const input = table('Thematafel IB-ers', '2027-02-11', [{ theme: 'Basisondersteuning', keep: ['Het scholingsaanbod'], miss: ['Een cursus OT'] }]);
    expect((await leader.post('/api/quality/round-tables', input)).statusCode).toBe(403);
    const res = await consultant.post('/api/quality/round-tables', input);
    expect(res.statusCode, res.body).toBe(200);
    first = res.json().id;
    const read = await leader.get(`/api/quality/round-tables/${first}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ title: 'Thematafel IB-ers', heldOn: '2027-02-11', audiences: ['ib', 'teachers'], revision: 1, allowed: { manage: false } });
    expect(read.json().content.themes[0]).toEqual({ theme: 'Basisondersteuning', keep: ['Het scholingsaanbod'], drop: [], miss: ['Een cursus OT'] });
    expect((await mentor.get(`/api/quality/round-tables/${first}`)).statusCode).toBe(403);
    const [row] = await t.sql`select action, entity_id from audit_log where partnership_id = ${pid} and entity_type = 'round_table'`;
    expect(row).toMatchObject({ action: 'round_table.create', entity_id: first });
  });

  it('sums up per theme across the year’s tables, whatever the theme’s capitals, and leaves other years out', async () => {
    await consultant.post('/api/quality/round-tables', table('Thematafel directeuren', '2027-03-10', [
      { theme: 'basisondersteuning ', drop: ['Dubbel werk bij aanvragen'], miss: ['Geld flexibel inzetten'] },
      { theme: 'De rol van het samenwerkingsverband', keep: ['Kritische vragen van de adviseurs'] },
    ]));
    await consultant.post('/api/quality/round-tables', table('Vorig jaar', '2026-03-01', [{ theme: 'Basisondersteuning', keep: ['Iets van vorig jaar'] }]));
    const res = await leader.get('/api/quality/round-tables?schoolYear=2026-2027');
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v.tables.map((x: { title: string }) => x.title)).toEqual(['Thematafel directeuren', 'Thematafel IB-ers']);
    expect(v.schoolYears).toEqual(['2026-2027', '2025-2026']);
    const basis = v.themes.find((x: { theme: string }) => x.theme === 'Basisondersteuning');
    expect(basis.points.map((p: { verdict: string; text: string }) => `${p.verdict}: ${p.text}`).sort()).toEqual(
      ['drop: Dubbel werk bij aanvragen', 'keep: Het scholingsaanbod', 'miss: Een cursus OT', 'miss: Geld flexibel inzetten'].sort(),
    );
    expect(v.themes.map((x: { theme: string }) => x.theme)).toEqual(['Basisondersteuning', 'De rol van het samenwerkingsverband']);
    // A search narrows the points to those that say it.
    const found = (await leader.get('/api/quality/round-tables?schoolYear=2026-2027&q=geld')).json();
    expect(found.themes).toEqual([{ theme: 'Basisondersteuning', points: [expect.objectContaining({ verdict: 'miss', text: 'Geld flexibel inzetten', tableTitle: 'Thematafel directeuren' })] }]);
  });

  it('saves a change on the revision it was made on, and refuses a second save on the old one without changing anything', async () => {
    const changed = table('Thematafel IB-ers en leerkrachten', '2027-02-11', [{ theme: 'Basisondersteuning', keep: ['Het scholingsaanbod', 'De regie bij de school'] }]);
    const ok = await consultant.put(`/api/quality/round-tables/${first}`, { ...changed, revision: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ revision: 2 });
    const stale = await consultant.put(`/api/quality/round-tables/${first}`, { ...table('Overschreven', '2027-02-11', []), revision: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/intussen opgeslagen/);
    expect((await consultant.get(`/api/quality/round-tables/${first}`)).json()).toMatchObject({ title: 'Thematafel IB-ers en leerkrachten', revision: 2 });
  });

  it('says what is missing in Dutch and stores nothing', async () => {
    const before = (await t.sql`select count(*)::int as n from quality_round_tables where partnership_id = ${pid}`)[0]!.n;
    const res = await consultant.post('/api/quality/round-tables', { ...table('', '2027-02-30', [{ theme: 'Basisondersteuning', keep: [''] }]), audiences: [] });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.fields.map((x: { path: string }) => x.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'heldOn', 'audiences', 'content.themes.0.keep.0']));
    expect((await t.sql`select count(*)::int as n from quality_round_tables where partnership_id = ${pid}`)[0]!.n).toBe(before);
  });
});

describe('the summary per theme as a file', () => {
  it('downloads one row per point with its theme, verdict and table, as filtered; a mentor gets nothing', async () => {
    const res = await leader.get('/api/quality/round-tables/export?schoolYear=2026-2027&q=geld&format=csv');
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('Thema;Oordeel;Punt;Thematafel;Datum');
    expect(lines.slice(1)).toEqual(['Basisondersteuning;Missen we;Geld flexibel inzetten;Thematafel directeuren;10-03-2027']);
    expect((await mentor.get('/api/quality/round-tables/export?schoolYear=2026-2027&format=csv')).statusCode).toBe(403);
  });
});
