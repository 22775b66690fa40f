import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_BSN } from '../../src/features/tlv-register/export-to-duo.ts';
import { HEALTH_RETENTION_JOB, removeExpiredHealthAttachments } from '../../src/features/retention/remove-expired-health-attachments.ts';
import { addDays, addYears, today } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { Client, signIn } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';
import { twoSchools } from './register-fixtures.ts';

/** The TLV register, the DUO export, extensions and the health-data retention job, on a partnership of this file's own. */
let t: TestApp;
let p: { id: string };
let s1: { id: string; name: string };
let s2: { id: string; name: string };
let users: Record<'director' | 'consultant' | 'admin' | 'oco1' | 'oco2' | 'leader1' | 'mentor1', f.TestUser>;
let c: Record<keyof typeof users, Client>;
const now = today();
const day = (offset: number) => addDays(now, offset);

let pupilAt: Awaited<ReturnType<typeof twoSchools>>['pupil'];
const pupil = (schoolId: string, lastName: string, bsn: string | null = '123456782') => pupilAt(schoolId, lastName, { first_name: 'Noor', birth_date: '2013-02-28', bsn });

async function decidedRequest(o: { schoolId: string; pupilId: string; decidedOn?: string; question?: string; kind?: string }) {
  const r = await f.request(t.sql, {
    partnership_id: p.id, school_id: o.schoolId, pupil_id: o.pupilId, kind: o.kind ?? 'tlv', tlv_school_kind: o.kind && o.kind !== 'tlv' ? null : 'so', status: 'decided',
    question: o.question ?? 'Noor heeft een kleine groep nodig.', done_already: 'Twee jaar arrangement lezen.', expectation: 'Een plek op een so-school.', created_by: users.oco1.id,
  });
  await f.requestDecision(t.sql, { request_id: r.id, partnership_id: p.id, decided_by: users.director.id, decided_on: o.decidedOn ?? now });
  return r.id;
}

let numbers = 0;
async function tlv(o: { schoolId: string; pupilId: string; kind?: string; category?: number | null; startsOn: string; endsOn: string; number?: number }) {
  const requestId = await decidedRequest({ schoolId: o.schoolId, pupilId: o.pupilId });
  const row = await f.tlv(t.sql, {
    partnership_id: p.id, request_id: requestId, pupil_id: o.pupilId, school_id: o.schoolId, number: o.number ?? ++numbers, school_kind: o.kind ?? 'so',
    category: o.category === undefined ? 2 : o.category, cluster: 3, starts_on: o.startsOn, ends_on: o.endsOn,
  });
  return { id: row.id, number: row.number as number, requestId };
}

let ids: Record<string, { id: string; number: number; requestId: string }>;
let pupils: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  ({ p, s1, s2, users, c, pupil: pupilAt } = await twoSchools(t, [{ name: 'Aanvragende school' }, { name: 'Bommel so', kind: 'so' }], {
    director: ['swv_director', null], consultant: ['swv_consultant', null], admin: ['swv_admin', null],
    oco1: ['oco', 1], oco2: ['oco', 2], leader1: ['schoolleider', 1], mentor1: ['mentor', 1],
  }));
  // The partnership's registration number is its number at DUO.
  await t.sql`update partnerships set registration_number = ${`VO${p.id.slice(0, 6)}`} where id = ${p.id}`;
  pupils = { a: await pupil(s1.id, 'Aalders'), b: await pupil(s1.id, 'Bakker', null), c: await pupil(s2.id, 'Claes') };
  ids = {
    // Ends within six months.
    soon: await tlv({ schoolId: s1.id, pupilId: pupils.a!, startsOn: day(-300), endsOn: day(60), category: 1 }),
    // Runs for years; no category (sbo).
    long: await tlv({ schoolId: s1.id, pupilId: pupils.b!, kind: 'sbo', category: null, startsOn: day(-10), endsOn: day(700) }),
    // Ended.
    ended: await tlv({ schoolId: s2.id, pupilId: pupils.c!, kind: 'vso', category: 3, startsOn: day(-800), endsOn: day(-5) }),
  };
});
afterAll(() => t.close());

const mine = (body: { rows: { id: string }[] }) => body.rows.map((r) => r.id);

describe('the TLV register', () => {
  it('lists every TLV of the partnership with the pupil, the school and the flags', async () => {
    const res = await c.consultant.get('/api/tlvs?sort=number&dir=asc');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(3);
    expect(body.duoRegistrationNumber).toBe(`VO${p.id.slice(0, 6)}`);
    expect(body.allowed.export).toBe(false);
    const soon = body.rows[0];
    expect(soon).toMatchObject({
      id: ids.soon!.id, number: ids.soon!.number, pupil: { id: pupils.a, name: 'Noor Aalders' }, birthDate: '2013-02-28',
      school: { id: s1.id, name: 'Aanvragende school' }, schoolKind: 'so', category: 1, cluster: 3, startsOn: day(-300), endsOn: day(60),
      endsSoon: true, ended: false, extensionRequested: false, allowed: { extend: true },
    });
    expect(body.rows[1]).toMatchObject({ endsSoon: false, ended: false, category: null, schoolKind: 'sbo' });
    expect(body.rows[2]).toMatchObject({ endsSoon: false, ended: true });
    // The director reads and exports, but an extension is the school's or the consultant's.
    const director = (await c.director.get('/api/tlvs')).json();
    expect(director.allowed.export).toBe(true);
    expect(director.rows.every((r: { allowed: { extend: boolean } }) => !r.allowed.extend)).toBe(true);
  });

  it('filters by school, school kind, category, school year and "ends within six months"', async () => {
    const get = async (q: string) => mine((await c.admin.get(`/api/tlvs?${q}`)).json()).sort();
    expect(await get(`schoolId=${s2.id}`)).toEqual([ids.ended!.id]);
    expect(await get('schoolKind=sbo')).toEqual([ids.long!.id]);
    expect(await get('category=3')).toEqual([ids.ended!.id]);
    expect(await get('endsSoon=true')).toEqual([ids.soon!.id]);
    const year = (d: string) => (Number(d.slice(5, 7)) >= 8 ? Number(d.slice(0, 4)) : Number(d.slice(0, 4)) - 1);
    const y = year(day(-800));
    expect(await get(`schoolYear=${y}-${y + 1}`)).toContain(ids.ended!.id);
    expect(await get(`schoolYear=${y}-${y + 1}`)).not.toContain(ids.long!.id);
  });

  it('sorts and pages', async () => {
    const byEnd = (await c.admin.get('/api/tlvs?sort=endsOn&dir=asc')).json();
    expect(mine(byEnd)).toEqual([ids.ended!.id, ids.soon!.id, ids.long!.id]);
    const byPupil = (await c.admin.get('/api/tlvs?sort=pupil&dir=desc')).json();
    expect(mine(byPupil)).toEqual([ids.ended!.id, ids.long!.id, ids.soon!.id]);
    const page2 = (await c.admin.get('/api/tlvs?page=2')).json();
    expect(page2).toMatchObject({ rows: [], page: 2, total: 3 });
  });

  it('writes one audit row per pupil shown', async () => {
    const count = async () => (await t.sql<{ n: number }[]>`
      select count(*)::int as n from audit_log where actor_user_id = ${users.director.id} and action = 'tlv.register_read' and pupil_id is not null`)[0]!.n;
    const before = await count();
    await c.director.get('/api/tlvs?endsSoon=true');
    expect((await count()) - before).toBe(1);
    await c.director.get('/api/tlvs');
    expect((await count()) - before).toBe(4);
  });

  it('is for partnership staff only, and shows a partnership only its own', async () => {
    expect((await new Client(t.app).get('/api/tlvs')).statusCode).toBe(401);
    for (const who of ['oco1', 'leader1', 'mentor1'] as const) expect((await c[who].get('/api/tlvs')).statusCode).toBe(403);
    const other = await f.partnership(t.sql);
    const otherAdmin = await signIn(t.app, await f.user(t.sql, other.id, { roles: [{ role: 'swv_admin', schoolId: null }] }));
    const res = await otherAdmin.get('/api/tlvs');
    expect(res.json()).toMatchObject({ rows: [], total: 0 });
    expect(res.body).not.toContain(pupils.a);
  });

  it('refuses bad filters with a Dutch message', async () => {
    for (const q of ['sort=age', 'category=4', 'schoolYear=2026-2028', 'page=0', 'schoolKind=vo', 'schoolId=x', 'endsSoon=ja']) {
      const res = await c.admin.get(`/api/tlvs?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.message).toBeTruthy();
    }
  });
});

describe('the DUO export', () => {
  const parse = (body: string) => body.replace(/^\uFEFF/, '').trim().split('\n').map((l) => l.split(';'));

  it('has the fields DUO needs, with a Dutch header, and says so when a BSN is missing', async () => {
    const res = await c.admin.get('/api/tlvs/duo-export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="tlv-duo-\d{4}-\d{2}-\d{2}\.csv"/);
    const [header, ...lines] = parse(res.body);
    expect(header).toEqual(['registratienummer samenwerkingsverband', 'TLV-nummer', 'burgerservicenummer', 'opmerking', 'geboortedatum', 'begindatum', 'einddatum', 'soort onderwijs', 'bekostigingscategorie', 'cluster']);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual([`VO${p.id.slice(0, 6)}`, String(ids.soon!.number), '123456782', '', '2013-02-28', day(-300), day(60), 'SO', '1', '3']);
    // No BSN: said in a column, never invented.
    expect(lines[1]).toEqual([`VO${p.id.slice(0, 6)}`, String(ids.long!.number), '', NO_BSN, '2013-02-28', day(-10), day(700), 'SBO', '', '3']);
  });

  it('filters on the start date, and audits every pupil exported', async () => {
    const before = (await t.sql<{ n: number }[]>`select count(*)::int as n from audit_log where actor_user_id = ${users.director.id} and action = 'tlv.duo_export'`)[0]!.n;
    const res = await c.director.get(`/api/tlvs/duo-export.csv?from=${day(-400)}&to=${day(0)}`);
    expect(res.statusCode).toBe(200);
    const lines = parse(res.body).slice(1);
    expect(lines.map((l) => l[1])).toEqual([String(ids.soon!.number), String(ids.long!.number)]);
    const rows = await t.sql<{ pupilId: string; details: Record<string, unknown> }[]>`
      select pupil_id as "pupilId", details from audit_log where actor_user_id = ${users.director.id} and action = 'tlv.duo_export' order by id desc limit 2`;
    expect(rows.map((r) => r.pupilId).sort()).toEqual([pupils.a, pupils.b].sort());
    expect(JSON.stringify(rows)).not.toContain('123456782');
    expect(before + 2).toBe((await t.sql<{ n: number }[]>`select count(*)::int as n from audit_log where actor_user_id = ${users.director.id} and action = 'tlv.duo_export'`)[0]!.n);
  });

  it('is for the director and the admin only (the BSN leaves the server here)', async () => {
    expect((await new Client(t.app).get('/api/tlvs/duo-export.csv')).statusCode).toBe(401);
    for (const who of ['consultant', 'oco1', 'leader1'] as const) expect((await c[who].get('/api/tlvs/duo-export.csv')).statusCode).toBe(403);
    expect((await c.admin.get(`/api/tlvs/duo-export.csv?from=${day(1)}&to=${day(0)}`)).statusCode).toBe(400);
    expect((await c.admin.get('/api/tlvs/duo-export.csv?from=1-1-2026')).statusCode).toBe(400);
  });
});

describe('asking for an extension', () => {
  it('makes a draft TLV request at the pupil’s current school, with the texts and the attachments still in the dossier', async () => {
    const pupilId = await pupil(s1.id, 'Verleng');
    const old = await tlv({ schoolId: s1.id, pupilId, startsOn: day(-200), endsOn: day(90) });
    const log = await f.logbookEntry(t.sql, { partnership_id: p.id, school_id: s1.id, pupil_id: pupilId, occurred_on: day(-250), body: 'Leest met moeite.', author_id: users.oco1.id });
    const doc = async (deleted: boolean) => (await f.document(t.sql, {
      partnership_id: p.id, school_id: s1.id, pupil_id: pupilId, size_bytes: 5, sha256: 'x', content: Buffer.from('%PDF-'), uploaded_by: users.oco1.id, category: 'medisch',
      deleted_at: deleted ? new Date() : null,
    })).id;
    const kept = await doc(false);
    const deleted = await doc(true);
    const attach = (itemType: string, itemId: string, removed = false) => f.requestAttachment(t.sql, {
      partnership_id: p.id, request_id: old.requestId, item_type: itemType, item_id: itemId, label: `${itemType} van toen`, item_date: day(-250), health: itemType === 'document',
      snapshot: { body: 'toen' }, removed_at: removed ? new Date() : null, added_by: users.oco1.id,
    });
    await attach('logbook', log.id);
    await attach('document', kept);
    await attach('document', deleted);
    const removedDoc = await doc(false);
    await attach('document', removedDoc, true);
    // The pupil moved to school 2 since: that school asks, not the one that asked the first time.
    await t.sql`update pupils set school_id = ${s2.id} where id = ${pupilId}`;
    expect((await c.oco1.post(`/api/tlvs/${old.id}/extension`)).statusCode).toBe(404);

    const res = await c.oco2.post(`/api/tlvs/${old.id}/extension`);
    expect(res.statusCode).toBe(200);
    const { id } = res.json();
    const [r] = await t.sql`select * from requests where id = ${id}`;
    expect(r).toMatchObject({
      partnership_id: p.id, school_id: s2.id, pupil_id: pupilId, kind: 'tlv', tlv_school_kind: 'so', status: 'draft', previous_request_id: old.requestId,
      question: `Verlenging van TLV nr. ${old.number}\n\nNoor heeft een kleine groep nodig.`, done_already: 'Twee jaar arrangement lezen.', expectation: 'Een plek op een so-school.',
      created_by: users.oco2.id,
    });
    const copied = await t.sql<{ itemType: string; itemId: string; snapshot: unknown; health: boolean; removedAt: Date | null }[]>`
      select item_type as "itemType", item_id as "itemId", snapshot, health, removed_at as "removedAt" from request_attachments where request_id = ${id} order by item_type`;
    expect(copied).toEqual([
      { itemType: 'document', itemId: kept, snapshot: null, health: true, removedAt: null },
      { itemType: 'logbook', itemId: log!.id, snapshot: null, health: false, removedAt: null },
    ]);
    const [a] = await t.sql`select pupil_id, school_id, details from audit_log where action = 'request.extension_create' and entity_id = ${id}`;
    expect(a).toMatchObject({ pupil_id: pupilId, school_id: s2.id, details: { tlvId: old.id, previousRequestId: old.requestId, attachments: 2 } });

    // One open extension per TLV; the register shows it.
    expect((await c.consultant.post(`/api/tlvs/${old.id}/extension`)).statusCode).toBe(409);
    const row = (await c.consultant.get('/api/tlvs?sort=number&dir=desc')).json().rows.find((x: { id: string }) => x.id === old.id);
    expect(row).toMatchObject({ extensionRequested: true, allowed: { extend: false } });
    await t.sql`update requests set status = 'withdrawn' where id = ${id}`;
    expect((await c.consultant.post(`/api/tlvs/${old.id}/extension`)).statusCode).toBe(200);
  });

  it('is for the support team of the pupil’s school and the consultant', async () => {
    const old = await tlv({ schoolId: s1.id, pupilId: await pupil(s1.id, 'Rechten'), startsOn: day(-200), endsOn: day(100) });
    expect((await new Client(t.app).post(`/api/tlvs/${old.id}/extension`)).statusCode).toBe(401);
    expect((await c.director.post(`/api/tlvs/${old.id}/extension`)).statusCode).toBe(403);
    expect((await c.leader1.post(`/api/tlvs/${old.id}/extension`)).statusCode).toBe(403);
    expect((await c.mentor1.post(`/api/tlvs/${old.id}/extension`)).statusCode).toBe(404);
    expect((await c.oco2.post(`/api/tlvs/${old.id}/extension`)).statusCode).toBe(404);
    expect((await c.oco1.post('/api/tlvs/00000000-0000-4000-8000-000000000000/extension')).statusCode).toBe(404);
    expect((await c.oco1.post('/api/tlvs/geen-id/extension')).statusCode).toBe(400);
    const other = await f.partnership(t.sql);
    const otherAdmin = await signIn(t.app, await f.user(t.sql, other.id, { roles: [{ role: 'swv_consultant', schoolId: null }] }));
    expect((await otherAdmin.post(`/api/tlvs/${old.id}/extension`)).statusCode).toBe(404);
    expect((await c.oco1.post(`/api/tlvs/${old.id}/extension`)).statusCode).toBe(200);
  });
});

describe('"Verlenging aanvragen" only where it applies', () => {
  it('offers it for a TLV ending within six months, not for one that runs longer, has ended, or was extended; the server refuses the same', async () => {
    const rows = async () => (await c.consultant.get('/api/tlvs?sort=number&dir=asc')).json().rows as { id: string; extended: boolean; allowed: { extend: boolean } }[];
    const flag = async (id: string) => (await rows()).find((r) => r.id === id)!;
    expect((await flag(ids.soon!.id)).allowed.extend).toBe(true);
    expect((await flag(ids.long!.id)).allowed.extend).toBe(false);
    expect((await flag(ids.ended!.id)).allowed.extend).toBe(false);
    const later = await c.consultant.post(`/api/tlvs/${ids.long!.id}/extension`);
    expect(later.statusCode).toBe(409);
    expect(later.json().error.message).toBe('Een verlenging vraagt u aan als de TLV binnen 6 maanden afloopt.');

    // Extended: the extension request was granted and a new TLV continues it.
    const pupilId = await pupil(s1.id, 'Verlengd');
    const old = await tlv({ schoolId: s1.id, pupilId, startsOn: day(-300), endsOn: day(30) });
    const next = await f.request(t.sql, {
      partnership_id: p.id, school_id: s1.id, pupil_id: pupilId, kind: 'tlv', tlv_school_kind: 'so', status: 'decided', previous_request_id: old.requestId, question: 'Verlenging', created_by: users.oco1.id,
    });
    await f.tlv(t.sql, { partnership_id: p.id, request_id: next.id, pupil_id: pupilId, school_id: s1.id, number: ++numbers, school_kind: 'so', category: 2, cluster: 3, starts_on: day(31), ends_on: day(700) });
    expect(await flag(old.id)).toMatchObject({ extended: true, allowed: { extend: false } });
    const again = await c.consultant.post(`/api/tlvs/${old.id}/extension`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('Deze TLV is al verlengd.');
  });
});

describe('search, links and export of the register', () => {
  const csv = (body: string) => body.replace(/^\uFEFF/, '').trim().split('\n').map((l) => l.split(';'));

  it('finds a pupil by a part of the name, or a TLV by its number', async () => {
    const find = async (q: string) => mine((await c.admin.get(`/api/tlvs?q=${encodeURIComponent(q)}`)).json());
    expect(await find('aald')).toEqual([ids.soon!.id]);
    expect(await find(String(ids.long!.number))).toContain(ids.long!.id);
    expect(await find('niemand')).toEqual([]);
  });

  it('sorts on birth date, kind and category too, and refuses an unknown column in Dutch', async () => {
    for (const sort of ['birthDate', 'schoolKind', 'category']) expect((await c.admin.get(`/api/tlvs?sort=${sort}&dir=asc`)).statusCode, sort).toBe(200);
    const byKind = mine((await c.admin.get(`/api/tlvs?sort=schoolKind&dir=asc&q=${encodeURIComponent('a')}`)).json());
    expect(byKind.indexOf(ids.long!.id)).toBeLessThan(byKind.indexOf(ids.soon!.id)); // sbo before so
    expect((await c.admin.get('/api/tlvs?sort=leeftijd')).json().error.fields[0].message).toBe('Kies een bestaande sortering.');
  });

  it('says where the name may link: the request for the director who decided it, nothing the consultant may not open', async () => {
    const allowed = async (client: Client) => (await client.get('/api/tlvs?sort=number&dir=asc')).json().rows.find((r: { id: string }) => r.id === ids.soon!.id).allowed;
    expect(await allowed(c.director)).toMatchObject({ openPupil: false, openRequest: true });
    expect(await allowed(c.consultant)).toMatchObject({ openPupil: false, openRequest: false });
  });

  it('exports the filtered register, all pages, without BSN, days as dd-mm-jjjj, audited once for the list and once per pupil', async () => {
    const before = (await t.sql<{ n: number }[]>`select count(*)::int as n from audit_log where actor_user_id = ${users.consultant.id} and action in ('list.export', 'tlv.register_export')`)[0]!.n;
    const res = await c.consultant.get(`/api/tlvs/export?format=csv&schoolId=${s1.id}&q=aald`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename="tlv-register-\d{4}-\d{2}-\d{2}\.csv"/);
    const [head, ...rows] = csv(res.body);
    expect(head).toEqual(['TLV-nummer', 'Leerling', 'Geboortedatum', 'Aanvragende school', 'Soort onderwijs', 'Categorie', 'Cluster', 'Begindatum', 'Einddatum', 'Verlenging']);
    const end = day(60);
    expect(rows).toEqual([[String(ids.soon!.number), 'Noor Aalders', '28-02-2013', 'Aanvragende school', 'Speciaal onderwijs (so)', 'laag (1)', '3', expect.stringMatching(/^\d{2}-\d{2}-\d{4}$/), `${end.slice(8)}-${end.slice(5, 7)}-${end.slice(0, 4)}`, '']]);
    expect(res.body).not.toContain('123456782');
    const audit = await t.sql<{ action: string; pupilId: string | null; details: Record<string, unknown> }[]>`
      select action, pupil_id as "pupilId", details from audit_log where actor_user_id = ${users.consultant.id} and action in ('list.export', 'tlv.register_export') order by id offset ${before}`;
    expect(audit).toEqual([
      { action: 'list.export', pupilId: null, details: { list: 'tlvs', count: 1, format: 'csv' } },
      { action: 'tlv.register_export', pupilId: pupils.a, details: { list: 'tlvs', format: 'csv' } },
    ]);
    const xlsx = await c.consultant.get('/api/tlvs/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    for (const who of ['oco1', 'leader1'] as const) expect((await c[who].get('/api/tlvs/export?format=csv')).statusCode).toBe(403);
  });
});

describe('health data retention (3 years after the decision)', () => {
  it('is a scheduled job', async () => {
    const [s] = await t.sql`select cron from ${t.sql(t.jobsSchema)}.schedule where name = ${HEALTH_RETENTION_JOB}`;
    expect(s?.cron).toBe('30 2 * * *');
  });

  it('removes the content of health attachments of requests decided more than 3 years ago, with an audit row each', async () => {
    const pupilId = await pupil(s1.id, 'Bewaar');
    const attachment = async (decidedOn: string | null, health: boolean) => {
      const requestId = decidedOn ? await decidedRequest({ schoolId: s1.id, pupilId, decidedOn, kind: 'arrangement' }) : (await f.request(t.sql, { partnership_id: p.id, school_id: s1.id, pupil_id: pupilId, kind: 'opdc', status: 'in_review', created_by: users.oco1.id })).id;
      const a = await f.requestAttachment(t.sql, {
        partnership_id: p.id, request_id: requestId, item_type: 'document', item_id: randomUUID(), label: 'Verslag kinderpsychiater', item_date: day(-2000), health,
        snapshot: { text: 'Diagnose' }, added_by: users.oco1.id,
      });
      return a.id;
    };
    const old = await attachment(addDays(addYears(now, -3), -1), true);
    const exactly3 = await attachment(addYears(now, -3), true);
    const notHealth = await attachment(addDays(addYears(now, -3), -1), false);
    const undecided = await attachment(null, true);

    expect(await removeExpiredHealthAttachments(t.sql, { partnershipId: p.id })).toEqual({ removed: 1 });
    const state = async (id: string) => (await t.sql<{ removed: boolean; snapshot: unknown }[]>`
      select removed_at is not null as removed, snapshot from request_attachments where id = ${id}`)[0];
    expect(await state(old)).toEqual({ removed: true, snapshot: null });
    for (const id of [exactly3, notHealth, undecided]) expect(await state(id)).toEqual({ removed: false, snapshot: { text: expect.any(String) } });

    const audits = await t.sql<{ actor: string | null; pupilId: string; details: Record<string, unknown> }[]>`
      select actor_user_id as actor, pupil_id as "pupilId", details from audit_log where action = 'request.health_removed' and entity_id = ${old}`;
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: null, pupilId });
    expect(Object.keys(audits[0]!.details).sort()).toEqual(['decidedOn', 'itemType', 'requestId', 'retentionYears']);
    expect(JSON.stringify(audits[0]!.details)).not.toContain('Diagnose');

    // A second run finds nothing more.
    expect(await removeExpiredHealthAttachments(t.sql, { partnershipId: p.id })).toEqual({ removed: 0 });
  });
});
