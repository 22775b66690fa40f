import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditMany } from '../../src/platform/audit.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

let t: TestApp;
let p: { id: string };
let schoolId: string;
let mentor: f.TestUser;
let oco: f.TestUser;
let privacy: f.TestUser;
let ownPupil: { id: string };
let otherPupil: { id: string };
beforeAll(async () => {
  t = await createTestApp();
  p = await f.partnership(t.sql);
  schoolId = (await f.school(t.sql, p.id, (await f.board(t.sql, p.id)).id)).id;
  mentor = await f.user(t.sql, p.id, { roles: [{ role: 'mentor', schoolId }] });
  oco = await f.user(t.sql, p.id, { roles: [{ role: 'oco', schoolId }] });
  privacy = await f.user(t.sql, p.id, { roles: [{ role: 'privacy_officer', schoolId: null }] });
  const own = await f.klass(t.sql, p.id, schoolId, [{ userId: mentor.id }]);
  const other = await f.klass(t.sql, p.id, schoolId);
  ownPupil = await f.pupil(t.sql, p.id, schoolId, own.id, { lastName: 'Bakker' });
  otherPupil = await f.pupil(t.sql, p.id, schoolId, other.id, { lastName: 'Visser' });
});
afterAll(() => t.close());
const nameOf = async (u: f.TestUser) => (await t.sql<{ name: string }[]>`select name from users where id = ${u.id}`)[0]!.name;

describe('pupils: need-to-know', () => {
  it('shows a mentor the pupils of their own classes only', async () => {
    const c = await signIn(t.app, mentor);
    const ids = (await c.get('/api/pupils')).json().pupils.map((x: { id: string }) => x.id);
    expect(ids).toEqual([ownPupil.id]);
    expect((await c.get(`/api/pupils/${otherPupil.id}`)).statusCode).toBe(404);
  });

  it('shows the OCO the whole school, searchable by name', async () => {
    const c = await signIn(t.app, oco);
    const all = (await c.get('/api/pupils')).json();
    expect(all.total).toBe(2);
    const found = (await c.get('/api/pupils?q=viss')).json().pupils;
    expect(found.map((x: { id: string }) => x.id)).toEqual([otherPupil.id]);
    expect((await c.get(`/api/pupils/${ownPupil.id}`)).json()).toMatchObject({ id: ownPupil.id, name: 'Sam Bakker', enrolments: [{ level: 'havo' }] });
  });
});

describe('audit log', () => {
  it('shows the privacy officer who read which pupil, filtered by pupil and person', async () => {
    const c = await signIn(t.app, oco);
    await c.get(`/api/pupils/${ownPupil.id}`);
    const po = await signIn(t.app, privacy);
    const byPupil = (await po.get(`/api/audit-log?pupilId=${ownPupil.id}`)).json().entries;
    expect(byPupil.some((e: { action: string; actor: { id: string } }) => e.action === 'pupil.read' && e.actor.id === oco.id)).toBe(true);
    expect(byPupil.every((e: { pupil: { id: string } }) => e.pupil.id === ownPupil.id)).toBe(true);
    const byActor = (await po.get(`/api/audit-log?actorId=${oco.id}&action=pupil.`)).json().entries;
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e: { actor: { id: string }; action: string }) => e.actor.id === oco.id && e.action.startsWith('pupil.'))).toBe(true);
  });

  it('shows a refused read: who tried which pupil, with ids only and nothing of the pupil', async () => {
    const [last] = await t.sql<{ id: string }[]>`select coalesce(max(id), 0) as id from audit_log`;
    const c = await signIn(t.app, mentor);
    expect((await c.get(`/api/pupils/${otherPupil.id}`)).statusCode).toBe(404);
    expect((await c.get(`/api/pupils/${otherPupil.id}/case-manager-candidates`)).statusCode).toBe(404);
    const rows = await t.sql<{ action: string; entityId: string; pupilId: string; details: object }[]>`
      select action, entity_id as "entityId", pupil_id as "pupilId", details from audit_log
      where id > ${last!.id} and actor_user_id = ${mentor.id} and action like '%refused' order by id`;
    expect(rows).toEqual([
      { action: 'pupil.read_refused', entityId: otherPupil.id, pupilId: otherPupil.id, details: { status: 404, action: 'read' } },
      { action: 'pupil.read_refused', entityId: otherPupil.id, pupilId: otherPupil.id, details: { status: 404, action: 'manageSupport' } },
    ]);
    const po = await signIn(t.app, privacy);
    const seen = (await po.get(`/api/audit-log?pupilId=${otherPupil.id}&actorId=${mentor.id}`)).json().entries;
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.every((e: { action: string }) => e.action === 'pupil.read_refused')).toBe(true);
  });

  it('shows a refused action on a pupil the reader sees, and a probe of an id that is not there', async () => {
    const c = await signIn(t.app, mentor);
    expect((await c.put(`/api/pupils/${ownPupil.id}/support-level`, { level: 'extra', reason: 'Zorgen over de voortgang' })).statusCode).toBe(403);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await c.get(`/api/documents/${unknown}/download`)).statusCode).toBe(404);
    const rows = await t.sql<{ action: string; entityId: string; pupilId: string | null; details: object }[]>`
      select action, entity_id as "entityId", pupil_id as "pupilId", details from audit_log
      where actor_user_id = ${mentor.id} and action in ('pupil.manage_support_refused', 'api.refused') order by id`;
    expect(rows).toEqual([
      { action: 'pupil.manage_support_refused', entityId: ownPupil.id, pupilId: ownPupil.id, details: { status: 403, action: 'manageSupport' } },
      { action: 'api.refused', entityId: 'GET /api/documents/:id/download', pupilId: null, details: { status: 404, params: { id: unknown } } },
    ]);
  });

  it('sends every answer with pupil data uncached', async () => {
    const c = await signIn(t.app, oco);
    expect((await c.get(`/api/pupils/${ownPupil.id}`)).headers['cache-control']).toBe('no-store');
    expect((await c.get('/api/pupils')).headers['cache-control']).toBe('no-store');
  });

  it('filters by date in Dutch time and refuses an end before the start', async () => {
    const po = await signIn(t.app, privacy);
    expect((await po.get('/api/audit-log?from=2000-01-01&to=2000-01-02')).json().entries).toEqual([]);
    const bad = await po.get('/api/audit-log?from=2026-02-01&to=2026-01-01');
    expect(bad.json().error.fields[0].path).toBe('to');
  });

  it('exports CSV for Dutch Excel, and the export itself is logged', async () => {
    const po = await signIn(t.app, privacy);
    const res = await po.get(`/api/audit-log.csv?pupilId=${ownPupil.id}`);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="auditlog-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('tijdstip;wat er gebeurde;actie;soort;id;medewerker;e-mail;leerling;leerlingnummer;school;ip-adres;details');
    const ocoName = await nameOf(oco);
    expect(lines.some((l) => l.includes(`;${ocoName} bekeek het dossier van S. Bakker;pupil.read;`) && l.includes('Sam Bakker'))).toBe(true);
    const [row] = await t.sql`select count(*)::int as n from audit_log where actor_user_id = ${privacy.id} and action = 'audit_log.export'`;
    expect(row!.n).toBe(1);
  });

  it('writes a name that a spreadsheet would run as a formula as text', async () => {
    const sly = await f.pupil(t.sql, p.id, schoolId, null, { lastName: 'Formule' });
    await t.sql`update pupils set first_name = '=HYPERLINK("https://example.org")', student_number = ${`@SUM(1+1)-${sly.id.slice(0, 4)}`} where id = ${sly.id}`;
    await (await signIn(t.app, oco)).get(`/api/pupils/${sly.id}`);
    const res = await (await signIn(t.app, privacy)).get(`/api/audit-log.csv?pupilId=${sly.id}`);
    const rows: Record<string, string>[] = parse(res.body, { bom: true, delimiter: ';', columns: true });
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.leerling).toBe(`'=HYPERLINK("https://example.org") Formule`);
      expect(r.leerlingnummer).toBe(`'@SUM(1+1)-${sly.id.slice(0, 4)}`);
    }
  });

  it('reads as sentences with who and which pupil, refusals included, and counts the rows over all pages', async () => {
    const seen = await f.pupil(t.sql, p.id, schoolId, null, { lastName: 'Zinsbouw' });
    const c = await signIn(t.app, oco);
    for (let i = 0; i < 3; i++) expect((await c.get(`/api/pupils/${seen.id}`)).statusCode).toBe(200);
    expect((await (await signIn(t.app, mentor)).get(`/api/pupils/${seen.id}`)).statusCode).toBe(404);
    const po = await signIn(t.app, privacy);
    const log = (await po.get(`/api/audit-log?pupilId=${seen.id}`)).json();
    const [ocoName, mentorName] = [await nameOf(oco), await nameOf(mentor)];
    expect(log.total).toBe(4);
    expect(log.entries.map((e: { sentence: string }) => e.sentence)).toEqual([
      `${mentorName} probeerde het dossier van S. Zinsbouw te openen (geweigerd)`,
      `${ocoName} bekeek het dossier van S. Zinsbouw`,
      `${ocoName} bekeek het dossier van S. Zinsbouw`,
      `${ocoName} bekeek het dossier van S. Zinsbouw`,
    ]);
    expect(log.entries.map((e: { refused: boolean }) => e.refused)).toEqual([true, false, false, false]);
    const refused = (await po.get(`/api/audit-log?pupilId=${seen.id}&refused=ja`)).json();
    expect(refused.total).toBe(1);
    expect(refused.entries[0].actor.id).toBe(mentor.id);
  });

  it('pages a long log and says how many rows there are in all', async () => {
    const many = await f.pupil(t.sql, p.id, schoolId, null, { lastName: 'Veelgelezen' });
    // 130 reads written the way the app writes them; filtered on the reads, the log's own read rows stay out.
    const read = { action: 'pupil.read' as const, entityType: 'pupil', entityId: many.id, pupilId: many.id, schoolId };
    await auditMany(t.sql, { partnershipId: p.id, userId: oco.id, ip: null, userAgent: null }, Array.from({ length: 130 }, () => read));
    const po = await signIn(t.app, privacy);
    const first = (await po.get(`/api/audit-log?pupilId=${many.id}&action=pupil.read`)).json();
    expect({ total: first.total, rows: first.entries.length, hasMore: first.hasMore, pageSize: first.pageSize }).toEqual({ total: 130, rows: 100, hasMore: true, pageSize: 100 });
    const second = (await po.get(`/api/audit-log?pupilId=${many.id}&action=pupil.read&page=2`)).json();
    expect({ total: second.total, rows: second.entries.length, hasMore: second.hasMore }).toEqual({ total: 130, rows: 30, hasMore: false });
    const ids = new Set([...first.entries, ...second.entries].map((e: { id: string }) => e.id));
    expect(ids.size).toBe(130);
    const beyond = (await po.get(`/api/audit-log?pupilId=${many.id}&action=pupil.read&page=3`)).json();
    expect({ total: beyond.total, rows: beyond.entries.length }).toEqual({ total: 130, rows: 0 });
  });

  it('lets the privacy officer find a pupil for the filter by name or number, and logs whom the search showed', async () => {
    const wanted = await f.pupil(t.sql, p.id, schoolId, null, { lastName: 'Opzoekbaar' });
    const { studentNumber } = (await t.sql<{ studentNumber: string }[]>`select student_number as "studentNumber" from pupils where id = ${wanted.id}`)[0]!;
    const po = await signIn(t.app, privacy);
    const byName = (await po.get('/api/audit-log/pupils?q=opzoek')).json().pupils;
    expect(byName).toEqual([{ id: wanted.id, name: 'Sam Opzoekbaar', studentNumber, school: expect.any(String), birthYear: expect.any(Number) }]);
    expect((await po.get(`/api/audit-log/pupils?q=${encodeURIComponent(studentNumber)}`)).json().pupils.map((x: { id: string }) => x.id)).toEqual([wanted.id]);
    expect((await po.get('/api/audit-log/pupils?q=%25%25')).json().pupils).toEqual([]);
    const short = await po.get('/api/audit-log/pupils?q=o');
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].message).toBe('Typ minstens 2 letters of cijfers.');
    const log = (await po.get(`/api/audit-log?pupilId=${wanted.id}&action=audit_log.pupil_search`)).json();
    const privacyName = await nameOf(privacy);
    expect(log.entries.map((e: { sentence: string }) => e.sentence)).toEqual([
      `${privacyName} vond S. Opzoekbaar bij het zoeken naar een leerling voor het auditlog`,
      `${privacyName} vond S. Opzoekbaar bij het zoeken naar een leerling voor het auditlog`,
    ]);
    expect((await (await signIn(t.app, oco)).get('/api/audit-log/pupils?q=opzoek')).statusCode).toBe(403);
  });

  it('cannot be changed or deleted, not even by the database owner', async () => {
    await expect(t.sql`update audit_log set action = 'x' where actor_user_id = ${oco.id}`).rejects.toThrow(/append-only/);
    await expect(t.sql`delete from audit_log where actor_user_id = ${oco.id}`).rejects.toThrow(/append-only/);
  });
});
