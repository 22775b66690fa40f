import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionDueOn, latestExtensionOn } from '../../src/platform/calendar/zorgplicht-clock.ts';
import { addDays, schoolYearOf, today } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';
import { completeProfile } from './authz/world.ts';

/**
 * Zorgplicht (WPO art. 40, WEC art. 40, WVO 2020 art. 2.33; DOMAIN.md C6):
 * the school decides within 6 calendar weeks of receipt, extends once by at
 * most 4 weeks in writing, does not admit only with an accepted offer at
 * another school or when publicly full; partnership staff see registrations
 * with a suspected support need only; an asked school sees the case only once
 * asked; the board flags stuck and passed-on registrations.
 */
let t: TestApp;
let pid: string;
let school: string;
let other: string;
let third: string;
let oco: Client;
let otherOco: Client;
let thirdOco: Client;
let consultant: Client;
let director: Client;
let ocoId: string;
const day0 = today();

const input = (o: Record<string, unknown> = {}) => ({
  schoolId: school,
  pupilId: null,
  firstName: 'Noor',
  namePrefix: 'van',
  lastName: `Dam ${Math.random().toString(36).slice(2, 7)}`,
  birthDate: '2014-03-01',
  previousSchool: 'De Regenboog',
  parentNames: 'Familie van Dam',
  parentEmail: 'ouders@voorbeeld.nl',
  parentPhone: '06 12345678',
  desiredStart: addDays(day0, 60),
  level: 'havo',
  yearGroup: 1,
  needByParents: 'Rust en structuur.',
  needBySchool: '',
  supportSuspected: true,
  receivedOn: day0,
  ...o,
});
const create = async (o: Record<string, unknown> = {}, by = oco) => {
  const res = await by.post('/api/zorgplicht/registrations', input(o));
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
};
/** A registration received `daysAgo` days ago, written directly (the form refuses nothing in the past, but this is quicker). */
const receivedAgo = (daysAgo: number, cols: Record<string, unknown> = {}) =>
  f.rows.zorgplichtRegistration(t.sql, { partnership_id: pid, school_id: school, created_by: ocoId, received_on: addDays(day0, -daysAgo), ...cols }).then((r) => r.id);

beforeAll(async () => {
  t = await createTestApp();
  pid = (await f.partnership(t.sql)).id;
  const board = await f.board(t.sql, pid);
  school = (await f.school(t.sql, pid, board.id, { name: 'Het Baken' })).id;
  other = (await f.school(t.sql, pid, board.id, { name: 'De Overkant' })).id;
  third = (await f.school(t.sql, pid, board.id, { name: 'Het Derde' })).id;
  const at = (role: 'swv_consultant' | 'swv_director' | 'oco', schoolId: string | null) => f.user(t.sql, pid, { roles: [{ role, schoolId }], email: f.mailbox(role) });
  const ocoUser = await at('oco', school);
  ocoId = ocoUser.id;
  oco = await signIn(t.app, ocoUser);
  otherOco = await signIn(t.app, await at('oco', other));
  thirdOco = await signIn(t.app, await at('oco', third));
  consultant = await signIn(t.app, await at('swv_consultant', null));
  director = await signIn(t.app, await at('swv_director', null));
});
afterAll(() => t.close());

describe('recording a registration', () => {
  it('starts the clock on the day of receipt: due 6 weeks later, a temporary place from 10 weeks', async () => {
    const id = await create({ receivedOn: addDays(day0, -3) });
    const r = (await oco.get(`/api/zorgplicht/registrations/${id}`)).json();
    expect(r.clock).toMatchObject({ received: addDays(day0, -3), due: decisionDueOn(addDays(day0, -3)), extendedTo: null, daysLeft: 39, urgency: 'later' });
    expect(r.latestExtension).toBe(latestExtensionOn(addDays(day0, -3)));
    expect(r.allowed).toEqual({ extend: true, decide: true, askPlacement: true, putOnTable: false });
  });

  it('asks for name and birth date unless a known pupil is picked, and then takes them from the dossier', async () => {
    const res = await oco.post('/api/zorgplicht/registrations', input({ firstName: '', lastName: '', birthDate: null }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((x: { path: string }) => x.path).sort()).toEqual(['birthDate', 'firstName', 'lastName']);
    const pupil = await f.pupil(t.sql, pid, school, null, { lastName: 'Bekend' });
    const id = await create({ pupilId: pupil.id, firstName: '', lastName: '', birthDate: null });
    const r = (await oco.get(`/api/zorgplicht/registrations/${id}`)).json();
    expect(r.pupil).toMatchObject({ id: pupil.id, openable: true });
    expect(r.pupil.name).toContain('Bekend');
  });

  it('refuses a day of receipt in the future, and a pupil the reader does not see', async () => {
    expect((await oco.post('/api/zorgplicht/registrations', input({ receivedOn: addDays(day0, 1) }))).statusCode).toBe(400);
    const elsewhere = await f.pupil(t.sql, pid, other, null);
    expect((await oco.post('/api/zorgplicht/registrations', input({ pupilId: elsewhere.id }))).statusCode).toBe(404);
  });
});

describe('extending once, by at most 4 weeks, within the 6 weeks', () => {
  it('extends with a reason and a letter; a second extension is refused', async () => {
    const id = await create();
    const tooFar = addDays(latestExtensionOn(day0), 1);
    const far = await oco.post(`/api/zorgplicht/registrations/${id}/extension`, { extendedTo: tooFar, reason: 'Verslag volgt.' });
    expect(far.statusCode).toBe(400);
    expect(far.json().error.fields[0].message).toMatch(/ten hoogste 4 weken/);
    const notAfter = await oco.post(`/api/zorgplicht/registrations/${id}/extension`, { extendedTo: decisionDueOn(day0), reason: 'Verslag volgt.' });
    expect(notAfter.statusCode).toBe(400);
    expect((await oco.post(`/api/zorgplicht/registrations/${id}/extension`, { extendedTo: latestExtensionOn(day0), reason: 'Verslag volgt.' })).statusCode).toBe(200);
    const r = (await oco.get(`/api/zorgplicht/registrations/${id}`)).json();
    expect(r.clock).toMatchObject({ extendedTo: latestExtensionOn(day0), decideBy: latestExtensionOn(day0) });
    expect(r.allowed.extend).toBe(false);
    const again = await oco.post(`/api/zorgplicht/registrations/${id}/extension`, { extendedTo: latestExtensionOn(day0), reason: 'Nog meer tijd.' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/één verlenging/);
    const letter = await oco.get(`/api/zorgplicht/registrations/${id}/extension-letter.pdf`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
  });

  it('cannot extend once the 6 weeks have passed', async () => {
    const id = await receivedAgo(43);
    const res = await oco.post(`/api/zorgplicht/registrations/${id}/extension`, { extendedTo: addDays(day0, 7), reason: 'Te laat.' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/al verstreken/);
  });
});

describe('deciding', () => {
  it('admits, with a letter naming the outcome, the reason and the parents’ routes; then nothing changes any more', async () => {
    const id = await create();
    expect((await oco.post(`/api/zorgplicht/registrations/${id}/decision`, { outcome: 'admitted_support', reason: 'Met begeleiding in een kleine klas.' })).statusCode).toBe(200);
    const r = (await oco.get(`/api/zorgplicht/registrations/${id}`)).json();
    expect(r).toMatchObject({ status: 'decided', outcome: 'admitted_support', allowed: { extend: false, decide: false, askPlacement: false } });
    expect(r.clock).toMatchObject({ decidedOn: day0, daysLeft: null, inTime: true });
    expect((await oco.post(`/api/zorgplicht/registrations/${id}/decision`, { outcome: 'admitted', reason: 'Nogmaals.' })).statusCode).toBe(409);
    const { letterDocument } = await import('../../src/features/zorgplicht/letters.ts');
    const text = JSON.stringify(
      letterDocument({
        kind: 'decision', partnershipName: 'SWV', schoolName: 'Het Baken', child: { name: 'Noor van Dam', birthDate: '2014-03-01' }, parentNames: 'Familie van Dam',
        receivedOn: day0, dueOn: decisionDueOn(day0), extendedTo: null, extensionReason: null, temporaryPlaceFrom: latestExtensionOn(day0),
        outcome: 'admitted_support', outcomeReason: 'Met begeleiding in een kleine klas.', offerSchoolName: null, decidedOn: day0, signedBy: 'OCO', letterDate: day0,
      }),
    );
    for (const words of ['Ons besluit: toegelaten met extra ondersteuning', 'Met begeleiding in een kleine klas.', 'consulent van SWV', 'onderwijsconsulent', 'Geschillencommissie passend onderwijs', 'OPP']) expect(text).toContain(words);
    expect((await oco.get(`/api/zorgplicht/registrations/${id}/decision-letter.pdf`)).headers['content-type']).toBe('application/pdf');
  });

  it('"full" only when the school’s published profile shows no free places for the level and year', async () => {
    const id = await create({ level: 'havo', yearGroup: 1 });
    const refused = await oco.post(`/api/zorgplicht/registrations/${id}/decision`, { outcome: 'full', reason: 'Vol.' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].message).toMatch(/gepubliceerde ondersteuningsprofiel/);
    const location = await f.schoolLocation(t.sql, { partnership_id: pid, school_id: school, name: 'Hoofdgebouw' });
    const need = await f.supportNeed(t.sql, { partnership_id: pid, label: 'Rust' });
    const content = { ...completeProfile(need.id), capacity: [{ level: 'havo', yearGroup: 1, places: 120 }] };
    const year = schoolYearOf(new Date(`${addDays(day0, 60)}T12:00:00Z`));
    const profile = await f.supportProfile(t.sql, { partnership_id: pid, school_id: school, location_id: location.id, school_year: year, content, published_content: content, published_at: new Date(), free_places: { 'havo|1': 2 } });
    expect((await oco.post(`/api/zorgplicht/registrations/${id}/decision`, { outcome: 'full', reason: 'Vol.' })).statusCode).toBe(400);
    await t.sql`update support_profiles set free_places = ${t.sql.json({ 'havo|1': 0 })} where id = ${profile.id}`;
    expect((await oco.post(`/api/zorgplicht/registrations/${id}/decision`, { outcome: 'full', reason: 'Havo 1 is vol: 120 van 120 plaatsen bezet.' })).statusCode).toBe(200);
  });
});

describe('the placement search and the hand-over', () => {
  it('an asked school sees the case only once asked, accepts; then the first school decides "a place at <school>" and the zorgplicht ends', async () => {
    const id = await create();
    // Before the offer: "not admitted, offer elsewhere" cannot be decided.
    const early = await oco.post(`/api/zorgplicht/registrations/${id}/decision`, { outcome: 'offer_elsewhere', reason: 'Elders.' });
    expect(early.statusCode).toBe(400);
    expect((await otherOco.get(`/api/zorgplicht/registrations/${id}`)).statusCode).toBe(404);
    const before = (await otherOco.get('/api/zorgplicht/registrations?show=all')).json();
    expect(before.rows.map((r: { id: string }) => r.id)).not.toContain(id);

    // The search reads the other schools' published profiles: not the school's own.
    const location = await f.schoolLocation(t.sql, { partnership_id: pid, school_id: other, name: 'Overkant', city: 'Zwolle' });
    const need = await f.supportNeed(t.sql, { partnership_id: pid, label: 'Autisme' });
    const content = { ...completeProfile(need.id), capacity: [{ level: 'alle', yearGroup: null, places: 30 }] };
    await f.supportProfile(t.sql, { partnership_id: pid, school_id: other, location_id: location.id, school_year: schoolYearOf(new Date()), content, published_content: content, published_at: new Date(), free_places: { 'alle|': 3 } });
    const found = (await oco.get(`/api/zorgplicht/registrations/${id}/placement-search?needId=${need.id}&freeOnly=true`)).json();
    expect(found.candidates.map((c: { school: { id: string } }) => c.school.id)).toEqual([other]);
    expect(found.candidates[0]).toMatchObject({ freePlaces: 3, needsServed: ['Autisme'], alreadyAsked: false });

    expect((await oco.post(`/api/zorgplicht/registrations/${id}/placements`, { schoolId: school, message: '' })).statusCode).toBe(400);
    expect((await oco.post(`/api/zorgplicht/registrations/${id}/placements`, { schoolId: other, message: 'Kunt u haar plaatsen?' })).statusCode).toBe(200);
    expect((await oco.post(`/api/zorgplicht/registrations/${id}/placements`, { schoolId: other, message: 'Nogmaals' })).statusCode).toBe(400);
    const seen = (await otherOco.get(`/api/zorgplicht/registrations/${id}`)).json();
    expect(seen).toMatchObject({ askedHere: true, allowed: { extend: false, decide: false, askPlacement: false } });
    // A school not asked still sees nothing.
    expect((await thirdOco.get(`/api/zorgplicht/registrations/${id}`)).statusCode).toBe(404);
    const placement = seen.placements[0];
    expect(placement.allowed.answer).toBe(true);
    // The first school cannot answer for the asked one.
    expect((await oco.post(`/api/zorgplicht/placements/${placement.id}/answer`, { accept: true, reason: 'Ja.' })).statusCode).toBe(403);
    expect((await otherOco.post(`/api/zorgplicht/placements/${placement.id}/answer`, { accept: true, reason: 'Wij hebben plaats in een kleine klas.' })).statusCode).toBe(200);
    expect((await otherOco.post(`/api/zorgplicht/placements/${placement.id}/answer`, { accept: false, reason: 'Toch niet.' })).statusCode).toBe(409);

    expect((await oco.post(`/api/zorgplicht/registrations/${id}/decision`, { outcome: 'offer_elsewhere', reason: 'De Overkant biedt de structuur die zij nodig heeft.' })).statusCode).toBe(200);
    const r = (await oco.get(`/api/zorgplicht/registrations/${id}`)).json();
    expect(r).toMatchObject({ status: 'decided', outcome: 'offer_elsewhere', offerSchool: { id: other, name: 'De Overkant' } });
  });

  it('a declined request does not end the zorgplicht', async () => {
    const id = await create();
    await oco.post(`/api/zorgplicht/registrations/${id}/placements`, { schoolId: third, message: '' });
    const [q] = await t.sql<{ id: string }[]>`select id from zorgplicht_placement_requests where registration_id = ${id}`;
    expect((await thirdOco.post(`/api/zorgplicht/placements/${q!.id}/answer`, { accept: false, reason: 'Wij kunnen deze ondersteuning niet bieden.' })).statusCode).toBe(200);
    expect((await oco.post(`/api/zorgplicht/registrations/${id}/decision`, { outcome: 'offer_elsewhere', reason: 'Elders.' })).statusCode).toBe(400);
  });

  it('is only for a suspected support need', async () => {
    const id = await create({ supportSuspected: false });
    expect((await oco.post(`/api/zorgplicht/registrations/${id}/placements`, { schoolId: other, message: '' })).statusCode).toBe(409);
  });
});

describe('what the partnership sees', () => {
  it('reads registrations with a suspected support need only, in the list, the board and by address', async () => {
    const suspected = await create();
    const notSuspected = await create({ supportSuspected: false });
    const ids = (c: Client, url: string) => c.get(url).then((res) => res.json().rows.map((r: { id: string }) => r.id));
    for (const c of [consultant, director]) {
      expect(await ids(c, '/api/zorgplicht/registrations?show=all')).toContain(suspected);
      expect(await ids(c, '/api/zorgplicht/registrations?show=all')).not.toContain(notSuspected);
      expect(await ids(c, '/api/zorgplicht/board?show=all')).not.toContain(notSuspected);
      expect((await c.get(`/api/zorgplicht/registrations/${notSuspected}`)).statusCode).toBe(404);
    }
    expect(await ids(oco, '/api/zorgplicht/registrations?show=all')).toEqual(expect.arrayContaining([suspected, notSuspected]));
  });

  it('flags a registration stuck past 6 weeks, and a child registered at a second school within the year', async () => {
    const stuck = await receivedAgo(45, { first_name: 'Kees', last_name: 'Vast' });
    const fresh = await receivedAgo(10, { first_name: 'Vera', last_name: 'Vers' });
    await f.rows.zorgplichtRegistration(t.sql, { partnership_id: pid, school_id: other, created_by: ocoId, received_on: addDays(day0, -200), first_name: 'vera', last_name: 'VERS', status: 'withdrawn', outcome: 'withdrawn', outcome_reason: 'Ingetrokken.', decided_on: addDays(day0, -190) });
    const board = (await consultant.get('/api/zorgplicht/board?flagged=true')).json();
    const row = (id: string) => board.rows.find((r: { id: string }) => r.id === id);
    expect(row(stuck)).toMatchObject({ stuck: true, secondSchool: false });
    expect(row(stuck).clock.urgency).toBe('overdue');
    expect(row(fresh)).toMatchObject({ stuck: false, secondSchool: true });
    expect(board.counts.stuck).toBeGreaterThanOrEqual(1);
    expect((await oco.get('/api/zorgplicht/board')).statusCode).toBe(403);
  });
});

describe('work items and the director’s figure', () => {
  it('puts a registration due within a week on the school’s list, a stuck one on the consultant’s, and counts overdue ones for the director', async () => {
    const due = await receivedAgo(38, { first_name: 'Bijna', last_name: 'Laat' });
    const overdue = await receivedAgo(50, { first_name: 'Echt', last_name: 'Laat' });
    const later = await receivedAgo(2, { first_name: 'Nog', last_name: 'Tijd' });
    const items = async (c: Client) => (await c.get('/api/work')).json();
    const mine = await items(oco);
    const links = mine.items.map((i: { link: string }) => i.link);
    expect(links).toEqual(expect.arrayContaining([`/zorgplicht/${due}`, `/zorgplicht/${overdue}`]));
    expect(links).not.toContain(`/zorgplicht/${later}`);
    expect(mine.items.find((i: { link: string }) => i.link === `/zorgplicht/${overdue}`).urgency).toBe('overdue');
    expect(mine.counts.zorgplicht).toBeGreaterThanOrEqual(2);
    const theirs = (await items(consultant)).items.map((i: { link: string }) => i.link);
    expect(theirs).toContain(`/zorgplicht/${overdue}`);
    expect(theirs).not.toContain(`/zorgplicht/${due}`);
    const figure = (await items(director)).figures.find((x: { kind: string }) => x.kind === 'zorgplicht.overdue');
    expect(figure.total).toBeGreaterThanOrEqual(1);
    // Fewer than 5 at a school: withheld.
    expect(figure.bySchool.find((s: { schoolId: string }) => s.schoolId === school).count).toBeNull();
    // Decided: off the list.
    await oco.post(`/api/zorgplicht/registrations/${overdue}/decision`, { outcome: 'admitted', reason: 'Toegelaten.' });
    expect((await items(oco)).items.map((i: { link: string }) => i.link)).not.toContain(`/zorgplicht/${overdue}`);
  });
});
