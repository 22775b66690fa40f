import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolYearOf } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';
import * as rows from '../../src/seed/factories/index.ts';
import { buildWorld, completeProfile } from './authz/world.ts';

/**
 * The public directory: no sign-in; only what school leaders published;
 * search by need and level, kind, education level, free places and place;
 * distances without a map; pages rendered on the server.
 */
let t: TestApp;
let anon: Client;
let code: string;
let pid: string;
const need: Record<string, string> = {};
const loc: Record<string, string> = {};
const year = schoolYearOf(new Date());
const lastYear = `${Number(year.slice(0, 4)) - 1}-${year.slice(0, 4)}`;
const DRAFT_ONLY = `Alleen in concept ${randomUUID()}`;

const content = (o: Record<string, unknown>) => ({ ...completeProfile(need.dyslexie!), ...o });

beforeAll(async () => {
  t = await createTestApp();
  anon = new Client(t.app);
  code = `VO${randomUUID().slice(0, 6)}`;
  pid = (await f.partnership(t.sql, `SWV ${code}`)).id;
  await t.sql`update partnerships set registration_number = ${code} where id = ${pid}`;
  const board = (await f.board(t.sql, pid)).id;
  for (const [position, label] of ['Dyslexie', 'Autisme', 'Hoogbegaafdheid'].entries()) need[label.toLowerCase()] = (await f.supportNeed(t.sql, { partnership_id: pid, label, position })).id;
  async function place(name: string, kind: string, levels: string[], city: string, profile: { year?: string; content?: object; published?: boolean; free?: Record<string, number>; active?: boolean }) {
    const s = await rows.school(t.sql, { partnership_id: pid, board_id: board, brin: f.nextBrin(), name, kind, levels, active: profile.active ?? true });
    const l = await f.schoolLocation(t.sql, { partnership_id: pid, school_id: s.id, name, city });
    const c = profile.content ?? content({});
    await f.supportProfile(t.sql, {
      partnership_id: pid, school_id: s.id, location_id: l.id, school_year: profile.year ?? year, content: c,
      published_content: profile.published === false ? null : c, published_at: profile.published === false ? null : new Date(), free_places: profile.free ?? {},
    });
    loc[name] = l.id;
  }
  const autismExtra = { needId: '', level: 'extra', aspects: ['hands', 'expertise'], note: 'Een vaste coach.' };
  await place('Copernicus', 'vo', ['havo', 'vwo'], 'Hoorn', {
    content: content({ offers: [...completeProfile(need.dyslexie!).offers, { ...autismExtra, needId: need.autisme! }], coordinates: { lat: 52.64, lon: 5.06 } }),
    free: { 'alle|': 2 },
  });
  await place('Het Baken', 'vo', ['vmbo-b', 'vmbo-k'], 'Purmerend', { content: content({ coordinates: { lat: 52.5, lon: 4.95 } }), free: { 'alle|': 0 } });
  await place('De Brug', 'vso', ['vso-vervolgonderwijs'], 'Purmerend', { content: content({ capacity: [{ level: 'havo', yearGroup: 1, places: 8 }], coordinates: { lat: 52.51, lon: 4.96 } }), free: { 'havo|1': 3 } });
  await place('Opdc Waterland', 'opdc', ['opdc'], 'Zaandam', { year: lastYear });
  await place('Concept College', 'vo', ['havo'], 'Edam', { content: content({ summary: DRAFT_ONLY }), published: false });
  await place('Gesloten School', 'vo', ['havo'], 'Edam', { active: false });
});
afterAll(() => t.close());

const names = (body: { schools: { name: string }[] }) => body.schools.map((s) => s.name);
const search = async (q = '') => (await anon.get(`/api/directory/${code.toLowerCase()}${q}`)).json();

describe('searching the directory', () => {
  it('lists only published profiles of active schools, without signing in', async () => {
    const d = await search();
    expect(d.partnership).toEqual({ name: `SWV ${code}`, code });
    expect(names(d).sort()).toEqual(['Copernicus', 'De Brug', 'Het Baken', 'Opdc Waterland']);
    expect(d.needs.map((n: { label: string }) => n.label)).toEqual(['Dyslexie', 'Autisme', 'Hoogbegaafdheid']);
    expect(d.places).toEqual(['Hoorn', 'Purmerend', 'Zaandam']);
    expect(d.schools.find((s: { name: string }) => s.name === 'Opdc Waterland')).toMatchObject({ current: false, schoolYear: lastYear, freePlaces: null });
  });

  it('finds the school that serves a need at a level (havo/vwo with autism, extra support)', async () => {
    expect(names(await search(`?behoefte=${need.autisme}&ondersteuning=extra`))).toEqual(['Copernicus']);
    expect(names(await search(`?behoefte=${need.hoogbegaafdheid}`))).toEqual([]);
    expect(names(await search('?niveau=havo&soort=vo'))).toEqual(['Copernicus']);
  });

  it('filters on free places, and on a name or a place', async () => {
    expect(names(await search('?vrij=1')).sort()).toEqual(['Copernicus', 'De Brug']);
    expect(names(await search('?q=purmer')).sort()).toEqual(['De Brug', 'Het Baken']);
  });

  it('sorts by distance from a place or a point, with no map needed', async () => {
    const fromHoorn = await search('?vanaf=hoorn');
    expect(fromHoorn.origin).toMatchObject({ label: 'Hoorn' });
    expect(names(fromHoorn).slice(0, 3)).toEqual(['Copernicus', 'De Brug', 'Het Baken']);
    expect(fromHoorn.schools[0].distanceKm).toBe(0);
    expect(fromHoorn.schools[1].distanceKm).toBeGreaterThan(14);
    expect(fromHoorn.schools[1].distanceKm).toBeLessThan(17);
    const fromPoint = await search('?lat=52.5&lon=4.95');
    expect(names(fromPoint)[0]).toBe('Het Baken');
    expect(fromPoint.schools.at(-1).distanceKm).toBeNull();
  });

  it('refuses a bad filter with a Dutch message and an unknown partnership with 404', async () => {
    const bad = await anon.get(`/api/directory/${code}?behoefte=abc&lat=1`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((e: { message: string }) => e.message)).toEqual(['Kies een ondersteuningsbehoefte uit de lijst.', 'Dit punt ligt niet in Nederland.']);
    expect((await anon.get('/api/directory/XX0000')).statusCode).toBe(404);
  });
});

describe("a school's page and the free places", () => {
  it("shows the published profile with its contact; a draft-only school has none", async () => {
    const s = (await anon.get(`/api/directory/${code}/schools/${loc.Copernicus}`)).json();
    expect(s.entry).toMatchObject({ name: 'Copernicus', kind: 'vo', freePlaces: 2, current: true });
    expect(s.offers.map((o: { need: { label: string } }) => o.need.label)).toEqual(['Dyslexie', 'Autisme']);
    expect(s.contact.phone).toBe('0299 123 456');
    expect(s.capacity).toEqual([{ level: 'alle', yearGroup: null, places: 10, free: 2 }]);
    expect((await anon.get(`/api/directory/${code}/schools/${loc['Concept College']}`)).statusCode).toBe(404);
  });

  it('lists free places in special education and the OPDC only', async () => {
    const d = (await anon.get(`/api/directory/${code}/free-places`)).json();
    expect(d.schools.map((s: { name: string }) => s.name)).toEqual(['Opdc Waterland', 'De Brug']);
    expect(d.schools[1].capacity).toEqual([{ level: 'havo', yearGroup: 1, places: 8, free: 3 }]);
  });
});

describe('the exports', () => {
  it('puts a published profile on one A4 and gives the text block for the school guide', async () => {
    const pdf = await anon.get(`/api/directory/${code}/schools/${loc.Copernicus}/profile.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="ondersteuningsprofiel-copernicus-${year}.pdf"`);
    const { renderProfilePdf } = await import('../../src/features/support-offer/exports.ts');
    const { directorySchool } = await import('../../src/features/support-offer/directory.ts');
    const { withTenant } = await import('../../src/db/tenant.ts');
    const s = await withTenant(t.app.tenantPool, pid, (db) => directorySchool(db, code, loc.Copernicus!));
    expect((await renderProfilePdf(s)).pages).toBe(1);
    const text = await anon.get(`/api/directory/${code}/schools/${loc.Copernicus}/schoolgids.txt`);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.body).toContain(`Ondersteuning op Copernicus (schooljaar ${year})`);
    expect(text.body).toContain('- Autisme: extra handen en aandacht, deskundigheid. Een vaste coach.');
    expect(text.body).toContain('Vragen over ondersteuning? Neem contact op: 0299 123 456.');
    expect((await anon.get(`/api/directory/${code}/schools/${loc['Concept College']}/profile.pdf`)).statusCode).toBe(404);
  });
});

describe('the pages, rendered on the server', () => {
  it('renders the search with results, a title and a description, and may be cached briefly', async () => {
    const res = await anon.get(`/aanbod/${code.toLowerCase()}?behoefte=${need.autisme}&ondersteuning=extra`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.body).toContain(`<title>Scholen en ondersteuning – SWV ${code}</title>`);
    expect(res.body).toContain('<meta name="description"');
    expect(res.body).toContain('1 school gevonden');
    expect(res.body).toContain(`href="/aanbod/${code.toLowerCase()}/school/${loc.Copernicus}"`);
    expect(res.body).toContain('<form');
    expect(res.body).not.toContain('Het Baken');
  });

  it("renders a school's page and the free places in plain words", async () => {
    const school = await anon.get(`/aanbod/${code}/school/${loc['Opdc Waterland']}`);
    expect(school.body).toContain('De school heeft het dit schooljaar nog niet bijgewerkt.');
    expect(school.body).toContain('Bel <a href="tel:0299123456">0299 123 456</a>');
    const free = await anon.get(`/aanbod/${code}/vrije-plaatsen`);
    expect(free.body).toContain('Vrije plaatsen in het speciaal onderwijs en het opdc');
    expect(free.body).toContain('De Brug');
  });

  it('answers an unknown partnership or school with a 404 page', async () => {
    const res = await anon.get('/aanbod/xx0000');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Dit samenwerkingsverband kennen we niet.');
    expect((await anon.get(`/aanbod/${code}/school/${randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('no pupil data leaves through the directory', () => {
  it('never shows a pupil, a staff member or a draft, whatever is asked', async () => {
    // A partnership full of pupil data (pupils, a confidential logbook entry, staff in every role), with a published profile.
    const w = await buildWorld(t.sql);
    await t.sql`update support_profiles set published_content = content || ${t.sql.json({ summary: 'Gepubliceerd' })}, published_at = now() where id = ${w.a.profileId}`;
    await t.sql`update support_profiles set content = content || ${t.sql.json({ summary: DRAFT_ONLY })} where id = ${w.a.profileId}`;
    const pupils = await t.sql<{ id: string; firstName: string; lastName: string; studentNumber: string; birthDate: string }[]>`
      select id, first_name as "firstName", last_name as "lastName", student_number as "studentNumber", birth_date::text as "birthDate" from pupils where partnership_id = ${w.a.partnershipId}`;
    const staff = await t.sql<{ id: string; email: string; name: string }[]>`select id, email, name from users where partnership_id = ${w.a.partnershipId}`;
    const secrets = [
      ...pupils.flatMap((p) => [p.id, p.lastName, p.studentNumber, p.birthDate]),
      ...staff.flatMap((u) => [u.id, u.email, u.name]),
      w.confidential.text, DRAFT_ONLY, w.a.classId, w.a.profileId,
    ];
    expect(pupils.length).toBeGreaterThan(0);
    const c = w.a.code;
    const urls = [
      `/api/directory/${c}`, `/api/directory/${c}?q=a`, `/api/directory/${c}?behoefte=${w.a.needId}`, `/api/directory/${c}?vanaf=Zwolle&vrij=1`,
      `/api/directory/${c}/schools/${w.a.locationId}`, `/api/directory/${c}/free-places`,
      `/aanbod/${c}`, `/aanbod/${c}?q=Sam`, `/aanbod/${c}/school/${w.a.locationId}`, `/aanbod/${c}/vrije-plaatsen`,
    ];
    const found: string[] = [];
    for (const url of urls) {
      const res = await anon.get(url);
      expect(res.statusCode, url).toBe(200);
      for (const s of secrets) if (res.body.includes(s)) found.push(`${url}: ${s}`);
    }
    expect(found).toEqual([]);
    // The school itself is there, with what its leader published.
    expect((await anon.get(`/api/directory/${c}/schools/${w.a.locationId}`)).json().summary).toBe('Gepubliceerd');
  });
});
