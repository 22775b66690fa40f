import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

/**
 * The meldcode huiselijk geweld en kindermishandeling: kept apart from the
 * dossier. The aandachtsfunctionaris opens a file and adds colleagues; those
 * few read it and record its five steps; nobody else learns it exists, the
 * audit log (which parents' "who looked" will read) never shows it, and the
 * meldcode's own trail records every read, write and refusal.
 */
let t: TestApp;
let pid: string;
let school: string;
let pupil: string;
let pupilName: string;
let officer: Client;
let colleague: Client;
let colleagueId: string;
let oco: Client;
let leader: Client;
let privacy: Client;
let otherOfficer: Client;

beforeAll(async () => {
  t = await createTestApp();
  pid = (await f.partnership(t.sql)).id;
  const board = await f.board(t.sql, pid);
  school = (await f.school(t.sql, pid, board.id, { name: 'Het Baken' })).id;
  const other = (await f.school(t.sql, pid, board.id, { name: 'De Overkant' })).id;
  pupilName = `Zwaluw${Math.random().toString(36).slice(2, 8)}`;
  const p = await f.pupil(t.sql, pid, school, null, { lastName: pupilName });
  pupil = p.id;
  const user = (role: 'aandachtsfunctionaris' | 'ondersteuner' | 'oco' | 'schoolleider' | 'privacy_officer', schoolId: string | null) =>
    f.user(t.sql, pid, { roles: [{ role, schoolId }], email: f.mailbox(role) });
  const o = await user('aandachtsfunctionaris', school);
  officer = await signIn(t.app, o);
  const c = await user('ondersteuner', school);
  colleagueId = c.id;
  colleague = await signIn(t.app, c);
  oco = await signIn(t.app, await user('oco', school));
  leader = await signIn(t.app, await user('schoolleider', school));
  privacy = await signIn(t.app, await user('privacy_officer', null));
  otherOfficer = await signIn(t.app, await user('aandachtsfunctionaris', other));
});
afterAll(() => t.close());

const open = async () => {
  const res = await officer.post('/api/meldcode', { pupilId: pupil });
  expect(res.statusCode).toBe(200);
  return res.json().id as string;
};
const trail = async (fileId: string) => (await t.sql<{ action: string }[]>`select action from meldcode_log where file_id = ${fileId} order by id`).map((r) => r.action);
const auditMentions = async (fileId: string) =>
  (await t.sql<{ n: number }[]>`select count(*)::int as n from audit_log where entity_id = ${fileId} or action like 'meldcode%' or details::text like ${`%${fileId}%`}`)[0]!.n;

describe('meldcode', () => {
  it('the aandachtsfunctionaris opens a file, records the steps in order and closes it with its outcome', async () => {
    const id = await open();
    const d = today();
    expect((await officer.post(`/api/meldcode/${id}/entries`, { step: 1, happenedOn: addDays(d, -3), notes: 'Blauwe plekken gezien.' })).statusCode).toBe(200);
    expect((await officer.post(`/api/meldcode/${id}/entries`, { step: 2, happenedOn: d, notes: 'Collega geraadpleegd.' })).statusCode).toBe(200);
    const file = (await officer.get(`/api/meldcode/${id}`)).json();
    expect(file.entries.map((e: { step: number }) => e.step)).toEqual([1, 2]);
    expect(file.lastStep).toBe(2);
    expect(file.allowed).toEqual({ record: true, manageMembers: true, close: true });

    expect((await officer.post(`/api/meldcode/${id}/close`, { outcome: 'hulp', closedOn: d, note: 'Gezinscoach ingezet.' })).statusCode).toBe(200);
    const closed = (await officer.get(`/api/meldcode/${id}`)).json();
    expect([closed.closedOn, closed.outcome]).toEqual([d, 'hulp']);
    // Closed, it takes no more steps: a conflict that says why, and nothing written.
    const late = await officer.post(`/api/meldcode/${id}/entries`, { step: 5, happenedOn: d, notes: 'Nog iets.' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/gesloten/);
    expect((await officer.get(`/api/meldcode/${id}`)).json().entries).toHaveLength(2);
  });

  it('is invisible to everyone else: the OCO, the school leader, the privacy officer and another school get 404 and an empty list', async () => {
    const id = await open();
    for (const c of [oco, leader, privacy, otherOfficer, colleague]) {
      expect((await c.get(`/api/meldcode/${id}`)).statusCode).toBe(404);
      expect((await c.post(`/api/meldcode/${id}/entries`, { step: 1, happenedOn: today(), notes: 'x' })).statusCode).toBe(404);
      const list = await c.get('/api/meldcode');
      expect(list.body).not.toContain(id);
      expect(list.body).not.toContain(pupilName);
      expect((await c.get('/api/work')).body).not.toContain(id);
    }
    // Nor does the pupil's page or its audit trail say anything: the meldcode writes to its own trail only.
    expect((await oco.get(`/api/pupils/${pupil}`)).body).not.toMatch(/meldcode/i);
    expect(await auditMentions(id)).toBe(0);
    expect((await trail(id)).filter((a) => a === 'meldcode.read_refused').length).toBe(10);
  });

  it('a colleague the aandachtsfunctionaris adds reads it and records steps, but neither adds others nor closes; removed, they lose it', async () => {
    const id = await open();
    expect((await officer.request('PUT', `/api/meldcode/${id}/members`, { userIds: [colleagueId] })).statusCode).toBe(200);
    const seen = await colleague.get(`/api/meldcode/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().allowed).toEqual({ record: true, manageMembers: false, close: false });
    expect((await colleague.get('/api/work')).json().items.some((i: { link: string }) => i.link === `/meldcode/${id}`)).toBe(true);
    expect((await colleague.post(`/api/meldcode/${id}/entries`, { step: 3, happenedOn: today(), notes: 'Gesprek met de leerling.' })).statusCode).toBe(200);
    expect((await colleague.request('PUT', `/api/meldcode/${id}/members`, { userIds: [] })).statusCode).toBe(403);
    expect((await colleague.post(`/api/meldcode/${id}/close`, { outcome: 'geen_zorgen', closedOn: today(), note: '' })).statusCode).toBe(403);

    expect((await officer.request('PUT', `/api/meldcode/${id}/members`, { userIds: [] })).statusCode).toBe(200);
    expect((await colleague.get(`/api/meldcode/${id}`)).statusCode).toBe(404);
    // Removed, never deleted: who could read it, and when, stays answerable.
    const members = await t.sql<{ removed: boolean }[]>`select removed_at is not null as removed from meldcode_members where file_id = ${id}`;
    expect(members).toEqual([{ removed: true }]);
    expect(await trail(id)).toEqual([
      'meldcode.open', 'meldcode.members', 'meldcode.read', 'meldcode.record', 'meldcode.manage_members_refused', 'meldcode.close_refused', 'meldcode.members', 'meldcode.read_refused',
    ]);
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const before = (await t.sql<{ n: number }[]>`select count(*)::int as n from meldcode_files`)[0]!.n;
    // A pupil of a school where the reader is not aandachtsfunctionaris, and one that does not exist.
    const otherPupil = await f.pupil(t.sql, pid, (await t.sql<{ id: string }[]>`select id from schools where partnership_id = ${pid} and id <> ${school} limit 1`)[0]!.id, null);
    for (const pupilId of [otherPupil.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await officer.post('/api/meldcode', { pupilId });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].message).toBe('Kies een leerling van een school waar u aandachtsfunctionaris bent.');
    }
    expect((await t.sql<{ n: number }[]>`select count(*)::int as n from meldcode_files`)[0]!.n).toBe(before);

    const id = await open();
    const future = await officer.post(`/api/meldcode/${id}/entries`, { step: 1, happenedOn: addDays(today(), 3), notes: 'Komt nog.' });
    expect(future.statusCode).toBe(400);
    expect((await officer.post(`/api/meldcode/${id}/entries`, { step: 6, happenedOn: today(), notes: 'x' })).statusCode).toBe(400);
    expect((await officer.post(`/api/meldcode/${id}/close`, { outcome: 'hulp', closedOn: addDays(today(), -30), note: '' })).statusCode).toBe(400);
    expect((await officer.request('PUT', `/api/meldcode/${id}/members`, { userIds: [(await f.user(t.sql, pid, { roles: [{ role: 'oco', schoolId: null }] })).id] })).statusCode).toBe(400);
    const file = (await officer.get(`/api/meldcode/${id}`)).json();
    expect([file.entries, file.members, file.closedOn]).toEqual([[], [], null]);
  });

  it('the privacy officer exports the trail apart from the audit log, without pupil names or contents; nobody else may', async () => {
    const id = await open();
    await officer.post(`/api/meldcode/${id}/entries`, { step: 1, happenedOn: today(), notes: 'Geheime notitie over thuis.' });
    const csv = await privacy.get('/api/meldcode-log.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('opende een meldcodedossier');
    expect(csv.body).toContain(id);
    expect(csv.body).not.toContain(pupilName);
    expect(csv.body).not.toContain('Geheime notitie');
    for (const c of [officer, oco, leader]) expect((await c.get('/api/meldcode-log.csv')).statusCode).toBe(403);
    expect((await t.sql<{ n: number }[]>`select count(*)::int as n from meldcode_log where action = 'meldcode.log_export'`)[0]!.n).toBeGreaterThan(0);
  });

  it('finds pupils only at the aandachtsfunctionaris’s own school', async () => {
    const found = await officer.get(`/api/meldcode/pupils?schoolId=${school}&q=${pupilName}`);
    expect(found.statusCode).toBe(200);
    expect(found.json().pupils.map((p: { id: string }) => p.id)).toContain(pupil);
    expect((await oco.get(`/api/meldcode/pupils?schoolId=${school}&q=${pupilName}`)).statusCode).toBe(403);
    expect((await officer.get(`/api/meldcode/pupils?schoolId=${school}&q=`)).statusCode).toBe(400);
  });
});
