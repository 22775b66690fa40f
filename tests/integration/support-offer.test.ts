import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolYearOf } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

/**
 * The school support profile: the partnership keeps the list of needs, the
 * levels and the rules; a school's OCO writes its locations' profiles, the
 * school leader publishes; the partnership sees who has not updated this
 * school year.
 */
let t: TestApp;
let pid: string;
let school: string;
let other: string;
let location: string;
let admin: Client;
let director: Client;
let oco: Client;
let leader: Client;
let otherOco: Client;
const year = schoolYearOf(new Date());
const lastYear = `${Number(year.slice(0, 4)) - 1}-${year.slice(0, 4)}`;

const levels = {
  basis: { label: 'Basisondersteuning', description: 'Voor elke leerling.' },
  basisplus: { label: 'Basisplus', description: '' },
  extra: { label: 'Extra ondersteuning', description: '' },
};
const rules = { requireBasisForEveryNeed: true, requireCapacity: true, requireContact: true, updateBefore: '10-01' };

async function location_(schoolId: string, name: string) {
  const l = await f.schoolLocation(t.sql, { partnership_id: pid, school_id: schoolId, name, city: 'Purmerend' });
  return l.id;
}

beforeAll(async () => {
  t = await createTestApp();
  pid = (await f.partnership(t.sql)).id;
  const board = await f.board(t.sql, pid);
  school = (await f.school(t.sql, pid, board.id, { name: 'Het Baken' })).id;
  other = (await f.school(t.sql, pid, board.id, { name: 'De Overkant' })).id;
  location = await location_(school, 'Hoofdgebouw');
  const at = (role: 'swv_admin' | 'swv_director' | 'oco' | 'schoolleider', schoolId: string | null) =>
    f.user(t.sql, pid, { roles: [{ role, schoolId }], email: f.mailbox(role) });
  admin = await signIn(t.app, await at('swv_admin', null));
  director = await signIn(t.app, await at('swv_director', null));
  oco = await signIn(t.app, await at('oco', school));
  leader = await signIn(t.app, await at('schoolleider', school));
  otherOco = await signIn(t.app, await at('oco', other));
});
afterAll(() => t.close());

let needs: { id: string; label: string }[];

describe('the partnership sets the needs, the levels and the rules', () => {
  it('starts with the default levels and rules and an empty list', async () => {
    const s = (await oco.get('/api/support-offer/settings')).json();
    expect(s).toMatchObject({ needs: [], rules: { updateBefore: '10-01', requireBasisForEveryNeed: true }, allowed: { manage: false } });
    expect(s.levels.basisplus.label).toBe('Basisplus');
  });

  it('saves a list of needs in order; a school may not change it', async () => {
    const body = { needs: [{ label: 'Dyslexie', active: true }, { label: 'Autisme', description: 'Rust en duidelijkheid.', active: true }], levels, rules };
    expect((await oco.put('/api/support-offer/settings', body)).statusCode).toBe(403);
    const res = await admin.put('/api/support-offer/settings', body);
    expect(res.statusCode).toBe(200);
    needs = res.json().needs;
    expect(needs.map((n) => n.label)).toEqual(['Dyslexie', 'Autisme']);
    expect(res.json().levels.basis.description).toBe('Voor elke leerling.');
  });

  it('refuses two needs with one name, and retires a need left out instead of deleting it', async () => {
    const dup = await admin.put('/api/support-offer/settings', { needs: [{ label: 'Gedrag', active: true }, { label: 'gedrag', active: true }], levels, rules });
    expect(dup.json().error.fields).toEqual([{ path: 'needs.1.label', message: 'Deze behoefte staat er al.' }]);
    const res = await director.put('/api/support-offer/settings', { needs: [...needs, { label: 'Gedrag', active: true }], levels, rules });
    expect(res.json().needs.map((n: { label: string }) => n.label)).toEqual(['Dyslexie', 'Autisme', 'Gedrag']);
    const gedrag = res.json().needs[2];
    const retired = await director.put('/api/support-offer/settings', { needs, levels, rules });
    expect(retired.json().needs.at(-1)).toMatchObject({ id: gedrag.id, label: 'Gedrag', active: false });
  });
});

describe("a school's profile", () => {
  let id: string;
  let revision: number;
  const content = () => ({
    summary: 'Een kleine school waar iedereen elkaar kent.',
    offers: [
      { needId: needs[0]!.id, level: 'basis', aspects: ['materials'], note: 'Voorleessoftware en extra tijd bij toetsen.' },
      { needId: needs[1]!.id, level: 'basis', aspects: ['environment'], note: '' },
      { needId: needs[1]!.id, level: 'extra', aspects: ['hands', 'expertise', 'cooperation'], note: 'Een vaste coach, met de GGZ.' },
    ],
    provisions: ['low_stimulus_room', 'time_out'],
    expertise: 'Twee autismespecialisten.',
    limits: 'Geen verpleegkundige zorg.',
    capacity: [{ level: 'havo', yearGroup: 1, places: 4 }, { level: 'alle', yearGroup: null, places: 12 }],
    contact: { name: 'Mw. Bakker, zorgcoördinator', phone: '0299 123 456', email: 'zorg@baken.nl', website: 'https://baken.nl' },
    coordinates: { lat: 52.5, lon: 4.95 },
  });

  it('is started by the OCO for a location and school year; starting again opens the same one', async () => {
    expect((await otherOco.post('/api/support-offer/profiles', { locationId: location, schoolYear: year })).statusCode).toBe(403);
    const res = await oco.post('/api/support-offer/profiles', { locationId: location, schoolYear: year });
    expect(res.statusCode).toBe(200);
    id = res.json().id;
    expect((await oco.post('/api/support-offer/profiles', { locationId: location, schoolYear: year })).json().id).toBe(id);
    const p = (await oco.get(`/api/support-offer/profiles/${id}`)).json();
    expect(p).toMatchObject({ schoolYear: year, school: { name: 'Het Baken' }, location: { name: 'Hoofdgebouw' }, published: null, allowed: { edit: true, publish: false, freePlaces: true } });
    expect(p.needs.map((n: { label: string }) => n.label)).toEqual(['Dyslexie', 'Autisme']);
    revision = p.revision;
  });

  it('is not there for another school (404)', async () => {
    expect((await otherOco.get(`/api/support-offer/profiles/${id}`)).statusCode).toBe(404);
  });

  it('saves in one go; names the field of a bad value and refuses a stale revision', async () => {
    const bad = { ...content(), capacity: [{ level: 'havo', yearGroup: 1, places: -1 }, { level: 'havo', yearGroup: 1, places: 2 }], coordinates: { lat: 4.9, lon: 52.4 } };
    const res = await oco.put(`/api/support-offer/profiles/${id}`, { revision, content: bad });
    expect(res.json().error.fields.map((e: { path: string }) => e.path).sort()).toEqual(['content.capacity.0.places', 'content.capacity.1.yearGroup', 'content.coordinates.lat', 'content.coordinates.lon']);
    const ok = await oco.put(`/api/support-offer/profiles/${id}`, { revision, content: content() });
    expect(ok.statusCode).toBe(200);
    expect((await leader.put(`/api/support-offer/profiles/${id}`, { revision, content: content() })).statusCode).toBe(409);
    revision = ok.json().revision;
  });

  it('is published by the school leader only, when it meets the rules', async () => {
    expect((await oco.post(`/api/support-offer/profiles/${id}/publish`, { revision })).statusCode).toBe(403);
    // Without the basis for autism, places and a way to reach the school: three problems, by field.
    const thin = { ...content(), offers: content().offers.slice(0, 1), capacity: [], contact: { name: '', phone: '', email: '', website: '' } };
    revision = (await leader.put(`/api/support-offer/profiles/${id}`, { revision, content: thin })).json().revision;
    const refused = await leader.post(`/api/support-offer/profiles/${id}/publish`, { revision });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([
      { path: 'content.offers', message: 'Vul in wat de school in de basisondersteuning biedt bij: Autisme.' },
      { path: 'content.capacity', message: 'Vul in hoeveel plaatsen de school heeft.' },
      { path: 'content.contact.phone', message: 'Vul een telefoonnummer of e-mailadres in, zodat ouders de school kunnen bereiken.' },
    ]);
    revision = (await leader.put(`/api/support-offer/profiles/${id}`, { revision, content: content() })).json().revision;
    expect((await leader.post(`/api/support-offer/profiles/${id}/publish`, { revision })).statusCode).toBe(200);
    const p = (await director.get(`/api/support-offer/profiles/${id}`)).json();
    expect(p).toMatchObject({ changedSincePublished: false, allowed: { edit: false, publish: false } });
    expect(p.published.by).toBeTruthy();
  });

  it('shows a later edit as a change not yet published', async () => {
    const changed = { ...content(), summary: 'Nieuwe tekst.' };
    revision = (await oco.put(`/api/support-offer/profiles/${id}`, { revision, content: changed })).json().revision;
    expect((await oco.get(`/api/support-offer/profiles/${id}`)).json().changedSincePublished).toBe(true);
  });

  it('keeps free places current without a new publication; no more free than places', async () => {
    const tooMany = await oco.put(`/api/support-offer/profiles/${id}/free-places`, { places: [{ key: 'havo|1', free: 5 }] });
    expect(tooMany.json().error.fields).toEqual([{ path: 'places.0.free', message: 'Er zijn 4 plaatsen; meer vrije plaatsen kan niet.' }]);
    expect((await oco.put(`/api/support-offer/profiles/${id}/free-places`, { places: [{ key: 'havo|1', free: 2 }, { key: 'alle|', free: 0 }] })).statusCode).toBe(200);
    expect((await oco.get(`/api/support-offer/profiles/${id}`)).json().freePlaces).toEqual({ 'havo|1': 2, 'alle|': 0 });
  });

  it('writes every change to the audit log', async () => {
    const actions = await t.sql<{ action: string }[]>`select action from audit_log where entity_id = ${id} order by id`;
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set(['support_profile.create', 'support_profile.update', 'support_profile.publish', 'support_profile.free_places']));
  });
});

describe('the partnership sees who has not updated this school year', () => {
  it('lists every location with its status; a school sees only its own', async () => {
    const annex = await location_(school, 'Dependance');
    const old = await location_(other, 'Oude locatie');
    await f.supportProfile(t.sql, { partnership_id: pid, school_id: other, location_id: old, school_year: lastYear, published_content: { summary: 'x' }, published_at: new Date() });
    const list = (await director.get('/api/support-offer/profiles')).json();
    expect(list).toMatchObject({ schoolYear: year, dueOn: `${year.slice(0, 4)}-10-01`, allowed: { overview: true } });
    const status = Object.fromEntries(list.rows.map((r: { locationId: string; status: string; lastPublishedYear: string | null }) => [r.locationId, [r.status, r.lastPublishedYear]]));
    expect(status).toEqual({ [location]: ['changed', year], [annex]: ['none', null], [old]: ['none', lastYear] });
    const own = (await oco.get('/api/support-offer/profiles')).json();
    expect(own.rows.map((r: { locationId: string }) => r.locationId).sort()).toEqual([location, annex].sort());
    expect(own.allowed.overview).toBe(false);
  });

  it("starts a new school year from last year's profile", async () => {
    const loc = await location_(school, 'Sportcampus');
    const content = { summary: 'Vorig jaar.', offers: [], provisions: ['time_out'], expertise: '', limits: '', capacity: [], contact: { name: '', phone: '', email: '', website: '' }, coordinates: null };
    await f.supportProfile(t.sql, { partnership_id: pid, school_id: school, location_id: loc, school_year: lastYear, content });
    const { id } = (await oco.post('/api/support-offer/profiles', { locationId: loc, schoolYear: year })).json();
    expect((await oco.get(`/api/support-offer/profiles/${id}`)).json().content).toMatchObject({ summary: 'Vorig jaar.', provisions: ['time_out'] });
  });
});
