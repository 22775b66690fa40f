import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendOverdueReminders } from '../../src/features/support-route/reminders.ts';
import { withTenant } from '../../src/db/tenant.ts';
import { pupilSupportRoute } from '../../src/features/support-route/api.ts';
import { principalOf } from '../../src/platform/access/principal.ts';
import { today } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

let t: TestApp;
let p: { id: string };
let a1: { id: string };
let a2: { id: string };
let oco: f.TestUser;
let leader: f.TestUser;
let support: f.TestUser;
let mentor: f.TestUser;
let otherOco: f.TestUser;
let klass: { id: string };
let pupil: { id: string };
let pupilA2: { id: string };
let ocoC: Client;

const day = (offsetDays: number) => today(new Date(Date.now() + offsetDays * 86_400_000));
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  p = await f.partnership(t.sql);
  const b = await f.board(t.sql, p.id);
  a1 = await f.school(t.sql, p.id, b.id);
  a2 = await f.school(t.sql, p.id, b.id);
  oco = await f.user(t.sql, p.id, { roles: [{ role: 'oco', schoolId: a1.id }] });
  leader = await f.user(t.sql, p.id, { roles: [{ role: 'schoolleider', schoolId: a1.id }] });
  support = await f.user(t.sql, p.id, { roles: [{ role: 'ondersteuner', schoolId: a1.id }] });
  mentor = await f.user(t.sql, p.id, { roles: [{ role: 'mentor', schoolId: a1.id }] });
  otherOco = await f.user(t.sql, p.id, { roles: [{ role: 'oco', schoolId: a2.id }] });
  klass = await f.klass(t.sql, p.id, a1.id, [{ userId: mentor.id }]);
  pupil = await f.pupil(t.sql, p.id, a1.id, klass.id, { lastName: 'Bakker' });
  pupilA2 = await f.pupil(t.sql, p.id, a2.id, null);
  ocoC = await signIn(t.app, oco);
});
afterAll(() => t.close());

const pdfText = async (body: Buffer) => (await new PDFParse({ data: new Uint8Array(body) }).getText()).text.replace(/\s+/g, ' ');

/** The OCO of a1 as the policy layer sees them: reads every meeting of the school. */
const ocoPrincipal = () => principalOf({ userId: oco.id, name: 'OCO', email: oco.email, partnershipId: p.id, roles: [{ role: 'oco', schoolId: a1.id }], classIds: [] });

async function kindId(code: string) {
  const route = (await ocoC.get(`/api/schools/${a1.id}/support-route`)).json();
  return route.kinds.find((k: { code: string }) => k.code === code).id as string;
}

async function meetingWithPupil(o: { code?: string; startsAt?: string; pupilId?: string } = {}) {
  const res = await ocoC.post(`/api/schools/${a1.id}/meetings`, { kindId: await kindId(o.code ?? 'intern_ot'), startsAt: o.startsAt ?? iso(-2), location: 'Kamer 12' });
  expect(res.statusCode).toBe(200);
  const meetingId = res.json().id as string;
  const item = await ocoC.post(`/api/meetings/${meetingId}/items`, { pupilId: o.pupilId ?? pupil.id });
  expect(item.statusCode).toBe(200);
  return { meetingId, itemId: item.json().id as string };
}

describe('the support route', () => {
  it('makes the six default kinds of meeting on first read, once', async () => {
    const [first, second] = await Promise.all([ocoC.get(`/api/schools/${a1.id}/support-route`), (await signIn(t.app, leader)).get(`/api/schools/${a1.id}/support-route`)]);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    const codes = first.json().kinds.map((k: { code: string }) => k.code);
    expect(codes).toEqual(['klassenbespreking', 'leerlingbespreking', 'intern_ot', 'sot', 'sot_plus', 'mt']);
    const n = (await t.sql<{ n: number }[]>`select count(*)::int as n from meeting_kinds where school_id = ${a1.id}`)[0]!.n;
    expect(n).toBe(6);
    const intern = first.json().kinds.find((k: { code: string }) => k.code === 'intern_ot');
    expect(intern.defaultRoles).toEqual(expect.arrayContaining(['oco', 'schoolleider', 'mentor', 'ondersteuner']));
    expect(first.json().allowed).toEqual({ configure: true, planMeeting: true });
    expect(first.json().staff.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([oco.id, leader.id, support.id, mentor.id]));
  });

  it('lets the OCO and the school leader rename a kind, its roles and rhythm; not the support team or a mentor', async () => {
    const id = await kindId('sot_plus');
    const res = await (await signIn(t.app, leader)).patch(`/api/meeting-kinds/${id}`, { name: 'Zorg- en adviesteam', rhythm: '5× per jaar', defaultRoles: ['oco'] });
    expect(res.statusCode).toBe(200);
    const kind = (await ocoC.get(`/api/schools/${a1.id}/support-route`)).json().kinds.find((k: { id: string }) => k.id === id);
    expect(kind).toMatchObject({ name: 'Zorg- en adviesteam', rhythm: '5× per jaar', defaultRoles: ['oco'], code: 'sot_plus' });
    expect((await (await signIn(t.app, support)).patch(`/api/meeting-kinds/${id}`, { name: 'X' })).statusCode).toBe(403);
    expect((await (await signIn(t.app, mentor)).get(`/api/schools/${a1.id}/support-route`)).statusCode).toBe(403);
  });

  it('refuses bad input with the field names and writes nothing', async () => {
    const id = await kindId('mt');
    const before = await t.sql`select name, default_roles from meeting_kinds where id = ${id}`;
    const res = await ocoC.patch(`/api/meeting-kinds/${id}`, { name: '', defaultRoles: ['directeur'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((x: { path: string }) => x.path)).toEqual(expect.arrayContaining(['name', 'defaultRoles.0']));
    expect(await t.sql`select name, default_roles from meeting_kinds where id = ${id}`).toEqual(before);

    const meetings = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from meetings where school_id = ${a1.id}`)[0]!.n;
    const n = await meetings();
    const bad = await ocoC.post(`/api/schools/${a1.id}/meetings`, { kindId: 'geen-id', startsAt: 'morgen', attendeeIds: ['x'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((x: { path: string }) => x.path)).toEqual(expect.arrayContaining(['kindId', 'startsAt', 'attendeeIds.0']));
    const notStaff = await ocoC.post(`/api/schools/${a1.id}/meetings`, { kindId: id, startsAt: iso(3), attendeeIds: [otherOco.id] });
    expect(notStaff.statusCode).toBe(400);
    expect(notStaff.json().error.fields[0].path).toBe('attendeeIds');
    expect(await meetings()).toBe(n);
  });
});

describe('meetings', () => {
  it('plans a meeting with the default attendees of its kind; mentors come with their pupils', async () => {
    const res = await ocoC.post(`/api/schools/${a1.id}/meetings`, { kindId: await kindId('intern_ot'), startsAt: iso(5) });
    expect(res.statusCode).toBe(200);
    const id = res.json().id;
    let m = (await ocoC.get(`/api/meetings/${id}`)).json();
    expect(m.attendees.map((a: { id: string }) => a.id).sort()).toEqual([oco.id, leader.id, support.id].sort());
    expect(m.kind.code).toBe('intern_ot');

    // The mentor does not see it yet; after their pupil is on the agenda they attend and see it.
    const mentorC = await signIn(t.app, mentor);
    expect((await mentorC.get(`/api/meetings/${id}`)).statusCode).toBe(404);
    expect((await mentorC.get(`/api/schools/${a1.id}/meetings`)).json().meetings.map((x: { id: string }) => x.id)).not.toContain(id);
    expect((await ocoC.post(`/api/meetings/${id}/items`, { pupilId: pupil.id })).statusCode).toBe(200);
    m = (await mentorC.get(`/api/meetings/${id}`)).json();
    expect(m.attendees.map((a: { id: string }) => a.id)).toContain(mentor.id);
    expect(m.items[0].pupil).toMatchObject({ id: pupil.id, name: 'Sam Bakker' });
    expect(m.allowed.manage).toBe(false);
    expect((await mentorC.get(`/api/schools/${a1.id}/meetings`)).json().meetings.map((x: { id: string }) => x.id)).toContain(id);

    const list = (await ocoC.get(`/api/schools/${a1.id}/meetings?when=upcoming`)).json();
    expect(list.meetings.find((x: { id: string }) => x.id === id)).toMatchObject({ pupilCount: 1, attendeeCount: 4, attending: true });
    expect((await ocoC.get(`/api/schools/${a1.id}/meetings?when=past`)).json().meetings.map((x: { id: string }) => x.id)).not.toContain(id);

    // Reading the agenda is an audited read of the pupil.
    const n = (await t.sql<{ n: number }[]>`select count(*)::int as n from audit_log where actor_user_id = ${mentor.id} and pupil_id = ${pupil.id} and action = 'meeting.read'`)[0]!.n;
    expect(n).toBeGreaterThan(0);
  });

  it('shows an attending mentor only the pupils they may read; any other pupil on the agenda is "another pupil", unread and unaudited', async () => {
    const other = await f.pupil(t.sql, p.id, a1.id, null, { lastName: 'Smits' });
    const id = (await ocoC.post(`/api/schools/${a1.id}/meetings`, { kindId: await kindId('intern_ot'), startsAt: iso(3) })).json().id;
    expect((await ocoC.post(`/api/meetings/${id}/items`, { pupilId: pupil.id })).statusCode).toBe(200);
    expect((await ocoC.post(`/api/meetings/${id}/items`, { pupilId: other.id })).statusCode).toBe(200);
    const [item] = await t.sql<{ id: string }[]>`update meeting_items set summary = 'Thuis gaat het slecht.' where meeting_id = ${id} and pupil_id = ${other.id} returning id`;

    const m = (await (await signIn(t.app, mentor)).get(`/api/meetings/${id}`)).json();
    expect(m.items).toHaveLength(2);
    expect(m.items.find((i: { pupil: { id: string } | null }) => i.pupil?.id === pupil.id)).toBeDefined();
    expect(m.items.find((i: { id: string }) => i.id === item!.id)).toEqual({ id: item!.id, pupil: null, signal: null, position: expect.any(Number), summary: '', decisions: [], agreements: [] });
    expect(JSON.stringify(m)).not.toMatch(/Smits|Thuis gaat het slecht/);
    expect(await t.sql`select 1 from audit_log where actor_user_id = ${mentor.id} and pupil_id = ${other.id}`).toHaveLength(0);
    // The whole-school roles see every pupil on it.
    expect((await ocoC.get(`/api/meetings/${id}`)).json().items.map((i: { pupil: { id: string } }) => i.pupil.id)).toContain(other.id);
  });

  it('prints the agenda, and after the meeting the minutes, with only what the reader may see; each pupil printed is an audited read', async () => {
    const mine = await f.pupil(t.sql, p.id, a1.id, klass.id, { lastName: 'Papier' });
    const other = await f.pupil(t.sql, p.id, a1.id, null, { lastName: 'Verborgen' });
    const id = (await ocoC.post(`/api/schools/${a1.id}/meetings`, { kindId: await kindId('intern_ot'), startsAt: iso(-1), location: 'Kamer 7' })).json().id;
    const own = (await ocoC.post(`/api/meetings/${id}/items`, { pupilId: mine.id })).json().id;
    const hidden = (await ocoC.post(`/api/meetings/${id}/items`, { pupilId: other.id })).json().id;
    await ocoC.patch(`/api/meetings/${id}/items/${own}`, { summary: 'Rekenen gaat beter met kleine stappen.' });
    await ocoC.patch(`/api/meetings/${id}/items/${hidden}`, { summary: 'Thuis gaat het slecht.' });
    await ocoC.post(`/api/meetings/${id}/items/${own}/decisions`, { kind: 'make_opp' });
    // The mentor came to the meeting with their pupil (the kind invites mentors), so reads the minutes as an attendee.
    expect(await t.sql`select 1 from meeting_attendees where meeting_id = ${id} and user_id = ${mentor.id}`).toHaveLength(1);

    const agenda = await ocoC.get(`/api/meetings/${id}/minutes.pdf`);
    expect(agenda.headers['content-type']).toBe('application/pdf');
    expect(agenda.headers['content-disposition']).toMatch(/^attachment; filename="agenda-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.pdf"$/);
    expect(await pdfText(agenda.rawPayload)).toMatch(/Agenda .*Kamer 7.*1\. Sam Papier.*Rekenen gaat beter.*OPP opstellen.*2\. Sam Verborgen.*Thuis gaat het slecht/);

    expect((await ocoC.patch(`/api/meetings/${id}`, { status: 'held' })).statusCode).toBe(200);
    const mentorC = await signIn(t.app, mentor);
    const minutes = await mentorC.get(`/api/meetings/${id}/minutes.pdf`);
    expect(minutes.headers['content-disposition']).toMatch(/filename="verslag-/);
    const text = await pdfText(minutes.rawPayload);
    expect(text).toMatch(/Verslag .*1\. Sam Papier.*Rekenen gaat beter met kleine stappen.*OPP opstellen.*2\. Een andere leerling/);
    expect(text).not.toMatch(/Verborgen|Thuis gaat het slecht/);
    const rows = await t.sql<{ pupilId: string }[]>`select pupil_id as "pupilId" from audit_log where actor_user_id = ${mentor.id} and entity_id = ${id} and action = 'meeting.minutes_pdf'`;
    expect(rows).toEqual([{ pupilId: mine.id }]);
    expect((await (await signIn(t.app, otherOco)).get(`/api/meetings/${id}/minutes.pdf`)).statusCode).toBe(404);
  });

  it('records an OPP, SOT+ or the loket in one click: the kind says what was decided', async () => {
    const { meetingId, itemId } = await meetingWithPupil({ pupilId: (await f.pupil(t.sql, p.id, a1.id, null)).id });
    for (const kind of ['make_opp', 'refer_sot_plus', 'refer_partnership']) {
      expect((await ocoC.post(`/api/meetings/${meetingId}/items/${itemId}/decisions`, { kind })).statusCode).toBe(200);
    }
    const m = (await ocoC.get(`/api/meetings/${meetingId}`)).json();
    expect(m.items[0].decisions.map((d: { kind: string; valueLabel: string }) => [d.kind, d.valueLabel])).toEqual([['make_opp', ''], ['refer_sot_plus', ''], ['refer_partnership', '']]);
    const other = await ocoC.post(`/api/meetings/${meetingId}/items/${itemId}/decisions`, { kind: 'other' });
    expect(other.json().error.fields[0]).toEqual({ path: 'value', message: 'Beschrijf het besluit.' });
  });

  it('shows on the agenda the logbook text a signal was raised from', async () => {
    const p3 = await f.pupil(t.sql, p.id, a1.id, klass.id);
    const mentorC = await signIn(t.app, mentor);
    const entry = (await mentorC.post(`/api/pupils/${p3.id}/logbook`, { kind: 'observation', occurredOn: '2026-11-19', body: 'Huilde na de toets.' })).json();
    const signal = (await mentorC.post(`/api/pupils/${p3.id}/signals`, { logbookEntryId: entry.id })).json();
    const m = await ocoC.post(`/api/schools/${a1.id}/meetings`, { kindId: await kindId('intern_ot'), startsAt: iso(1) });
    await ocoC.post(`/api/meetings/${m.json().id}/items`, { pupilId: p3.id, signalId: signal.id });
    expect((await ocoC.get(`/api/meetings/${m.json().id}`)).json().items[0].signal).toEqual({ id: signal.id, note: 'Huilde na de toets.' });
  });

  it('puts a pupil on the agenda from an open signal: the signal is then on the agenda', async () => {
    const p2 = await f.pupil(t.sql, p.id, a1.id, klass.id);
    const signal = await f.signal(t.sql, { partnership_id: p.id, school_id: a1.id, pupil_id: p2.id, note: 'Veel afwezig', raised_by: mentor.id });
    const m = await ocoC.post(`/api/schools/${a1.id}/meetings`, { kindId: await kindId('leerlingbespreking'), startsAt: iso(1) });
    const res = await ocoC.post(`/api/meetings/${m.json().id}/items`, { pupilId: p2.id, signalId: signal.id });
    expect(res.statusCode).toBe(200);
    const [s] = await t.sql`select status from signals where id = ${signal.id}`;
    expect(s!.status).toBe('on_agenda');
    const detail = (await ocoC.get(`/api/meetings/${m.json().id}`)).json();
    expect(detail.items[0].signal).toEqual({ id: signal.id, note: 'Veel afwezig' });
    // The same signal cannot go on another agenda; a removed item opens it again.
    const again = await ocoC.post(`/api/schools/${a1.id}/meetings`, { kindId: await kindId('leerlingbespreking'), startsAt: iso(2) });
    const twice = await ocoC.post(`/api/meetings/${again.json().id}/items`, { pupilId: p2.id, signalId: signal.id });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields[0].path).toBe('signalId');
    expect((await ocoC.delete(`/api/meetings/${m.json().id}/items/${res.json().id}`)).statusCode).toBe(200);
    expect((await t.sql`select status from signals where id = ${signal.id}`)[0]!.status).toBe('open');
  });

  it('keeps pupils of another school off the agenda and writes nothing', async () => {
    const m = await ocoC.post(`/api/schools/${a1.id}/meetings`, { kindId: await kindId('sot'), startsAt: iso(1) });
    const res = await ocoC.post(`/api/meetings/${m.json().id}/items`, { pupilId: pupilA2.id });
    expect(res.statusCode).toBe(404);
    // An OCO of both schools sees the pupil, and still cannot put them on A1's agenda.
    const both = await f.user(t.sql, p.id, { roles: [{ role: 'oco', schoolId: a1.id }, { role: 'oco', schoolId: a2.id }] });
    const bothC = await signIn(t.app, both);
    const res2 = await bothC.post(`/api/meetings/${m.json().id}/items`, { pupilId: pupilA2.id });
    expect(res2.statusCode).toBe(400);
    expect(res2.json().error.fields[0].path).toBe('pupilId');
    const n = (await t.sql<{ n: number }[]>`select count(*)::int as n from meeting_items where meeting_id = ${m.json().id}`)[0]!.n;
    expect(n).toBe(0);
  });

  it('denies another school and another partnership', async () => {
    const { meetingId } = await meetingWithPupil();
    const otherC = await signIn(t.app, otherOco);
    expect((await otherC.get(`/api/meetings/${meetingId}`)).statusCode).toBe(404);
    expect((await otherC.get(`/api/schools/${a1.id}/meetings`)).statusCode).toBe(403);
    expect((await otherC.post(`/api/schools/${a1.id}/meetings`, { kindId: await kindId('sot'), startsAt: iso(1) })).statusCode).toBe(403);
    const q = await f.partnership(t.sql);
    const qb = await f.board(t.sql, q.id);
    const qs = await f.school(t.sql, q.id, qb.id);
    const foreign = await signIn(t.app, await f.user(t.sql, q.id, { roles: [{ role: 'oco', schoolId: qs.id }] }));
    expect((await foreign.get(`/api/meetings/${meetingId}`)).statusCode).toBe(404);
    expect((await foreign.get(`/api/schools/${a1.id}/support-route`)).statusCode).toBe(404);
    expect((await foreign.get(`/api/schools/${a1.id}/agreements?status=overdue`)).statusCode).toBe(404);
  });
});

describe('decisions', () => {
  it('"extra ondersteuning" changes the pupil through the pupils feature, with history and the meeting as reason', async () => {
    const { meetingId, itemId } = await meetingWithPupil();
    const res = await ocoC.post(`/api/meetings/${meetingId}/items/${itemId}/decisions`, { kind: 'support_level', value: 'extra', note: 'OPP volgt' });
    expect(res.statusCode).toBe(200);
    const [row] = await t.sql`select support_level from pupils where id = ${pupil.id}`;
    expect(row!.support_level).toBe('extra');
    const [h] = await t.sql`select old_value, new_value, reason, meeting_id from pupil_status_history where pupil_id = ${pupil.id} and field = 'support_level' order by changed_at desc limit 1`;
    expect(h).toMatchObject({ new_value: 'extra', meeting_id: meetingId });
    expect(h!.reason).toMatch(/^Besluit Intern ondersteuningsteam van \d+ \w+ \d{4} \d{2}:\d{2}$/);
    const audits = await t.sql`select action from audit_log where pupil_id = ${pupil.id} and actor_user_id = ${oco.id} and action in ('pupil.support_level', 'meeting.decision')`;
    expect(audits.map((a) => a.action).sort()).toEqual(['meeting.decision', 'pupil.support_level']);
    const detail = (await ocoC.get(`/api/meetings/${meetingId}`)).json();
    expect(detail.items[0].decisions[0]).toMatchObject({ kind: 'support_level', value: 'extra', valueLabel: 'Extra ondersteuning', note: 'OPP volgt' });
  });

  it('appoints a case manager', async () => {
    const { meetingId, itemId } = await meetingWithPupil();
    const res = await ocoC.post(`/api/meetings/${meetingId}/items/${itemId}/decisions`, { kind: 'case_manager', value: support.id });
    expect(res.statusCode).toBe(200);
    expect((await t.sql`select case_manager_id from pupils where id = ${pupil.id}`)[0]!.case_manager_id).toBe(support.id);
    const [h] = await t.sql`select new_value, meeting_id from pupil_status_history where pupil_id = ${pupil.id} and field = 'case_manager' order by changed_at desc limit 1`;
    expect(h).toMatchObject({ new_value: support.id, meeting_id: meetingId });
    // Someone who does not work at the school is refused, and nothing is written.
    const n = (await t.sql`select count(*)::int as n from meeting_decisions where item_id = ${itemId}`)[0]!.n;
    const bad = await ocoC.post(`/api/meetings/${meetingId}/items/${itemId}/decisions`, { kind: 'case_manager', value: otherOco.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('value');
    expect((await t.sql`select count(*)::int as n from meeting_decisions where item_id = ${itemId}`)[0]!.n).toBe(n);
  });

  it('a handelingsadvies decision creates an active advice from the meeting', async () => {
    const { meetingId, itemId } = await meetingWithPupil();
    const res = await ocoC.post(`/api/meetings/${meetingId}/items/${itemId}/decisions`, { kind: 'handelingsadvies', value: 'Geef instructie in kleine stappen en check begrip.' });
    expect(res.statusCode).toBe(200);
    const [advice] = await t.sql`select advice, source, source_id, active from handelingsadviezen where source_id = ${res.json().id}`;
    expect(advice).toMatchObject({ advice: 'Geef instructie in kleine stappen en check begrip.', source: 'meeting', active: true });
  });

  it('refuses a decision without its value, naming the field, and writes nothing; a mentor may not decide', async () => {
    const { meetingId, itemId } = await meetingWithPupil();
    const bad = await ocoC.post(`/api/meetings/${meetingId}/items/${itemId}/decisions`, { kind: 'support_level', value: 'heel veel' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('value');
    const none = await ocoC.post(`/api/meetings/${meetingId}/items/${itemId}/decisions`, { kind: 'besluit' });
    expect(none.json().error.fields[0].path).toBe('kind');
    expect((await t.sql`select count(*)::int as n from meeting_decisions where item_id = ${itemId}`)[0]!.n).toBe(0);
    // The mentor attends (the kind's default roles may have invited them already).
    if ((await t.sql`select 1 from meeting_attendees where meeting_id = ${meetingId} and user_id = ${mentor.id}`).length === 0) {
      await f.meetingAttendee(t.sql, { partnership_id: p.id, meeting_id: meetingId, user_id: mentor.id });
    }
    const byMentor = await (await signIn(t.app, mentor)).post(`/api/meetings/${meetingId}/items/${itemId}/decisions`, { kind: 'other', value: 'x' });
    expect(byMentor.statusCode).toBe(403);
  });
});

describe('agreements', () => {
  it('names a pupil with a prefix as everywhere else: "Sam de Vries", on the agenda and in Mijn acties', async () => {
    const deVries = await f.pupil(t.sql, p.id, a1.id, klass.id, { lastName: 'Vries' });
    await t.sql`update pupils set name_prefix = 'de' where id = ${deVries.id}`;
    const { meetingId, itemId } = await meetingWithPupil({ pupilId: deVries.id });
    const agenda = (await ocoC.get(`/api/meetings/${meetingId}`)).json();
    expect(agenda.items.find((i: { id: string }) => i.id === itemId).pupil).toMatchObject({ id: deVries.id, name: 'Sam de Vries' });
    const agreed = await ocoC.post(`/api/meetings/${meetingId}/items/${itemId}/agreements`, { what: 'Gesprek met ouders', ownerId: mentor.id, dueOn: day(5) });
    expect(agreed.statusCode).toBe(200);
    const mine = (await (await signIn(t.app, mentor)).get('/api/my/actions')).json().actions;
    expect(mine.find((a: { id: string }) => a.id === agreed.json().id).pupil).toEqual({ id: deVries.id, name: 'Sam de Vries' });
  });

  it('appear in the owner\'s Mijn acties, flagged when overdue, in the OCO\'s overview, and are marked done', async () => {
    const { meetingId, itemId } = await meetingWithPupil({ startsAt: iso(-20) });
    const late = await ocoC.post(`/api/meetings/${meetingId}/items/${itemId}/agreements`, { what: 'Gesprek met ouders over huiswerkplanning', ownerId: mentor.id, dueOn: day(-5) });
    expect(late.statusCode).toBe(200);
    const soon = await ocoC.post(`/api/meetings/${meetingId}/items/${itemId}/agreements`, { what: 'Observatie in de les', ownerId: mentor.id, dueOn: day(10) });
    expect(soon.statusCode).toBe(200);

    const mentorC = await signIn(t.app, mentor);
    const mine = (await mentorC.get('/api/my/actions')).json().actions;
    const lateRow = mine.find((a: { id: string }) => a.id === late.json().id);
    expect(lateRow).toMatchObject({ what: 'Gesprek met ouders over huiswerkplanning', overdue: true, dueOn: day(-5), pupil: { id: pupil.id, name: 'Sam Bakker' }, allowed: { markDone: true } });
    expect(lateRow.meeting).toMatchObject({ id: meetingId, kind: 'Intern ondersteuningsteam' });
    expect(mine.find((a: { id: string }) => a.id === soon.json().id)).toMatchObject({ overdue: false });

    const overview = await ocoC.get(`/api/schools/${a1.id}/agreements?status=overdue`);
    expect(overview.statusCode).toBe(200);
    const ids = overview.json().agreements.map((a: { id: string }) => a.id);
    expect(ids).toContain(late.json().id);
    expect(ids).not.toContain(soon.json().id);
    expect((await mentorC.get(`/api/schools/${a1.id}/agreements?status=overdue`)).statusCode).toBe(403);

    // The daily reminder: one mail to the owner and one to the OCO, counts only, no pupil names.
    // As the job runs it: one partnership at a time, under row-level security. Other files' mail is not read (nor removed: they run beside this one).
    const [{ last }] = await t.sql<[{ last: string }]>`select coalesce(max(id), 0) as last from outbox`;
    await withTenant(t.app.tenantPool, p.id, (sql) => sendOverdueReminders(sql, 'https://leerrecht.test'));
    const mails = await t.sql<{ to_address: string; text_body: string }[]>`select to_address, text_body from outbox where id > ${last} and to_address in ${t.sql([mentor.email, oco.email])}`;
    const toMentor = mails.find((m) => m.to_address === mentor.email);
    expect(toMentor?.text_body).toMatch(/mijn-acties/);
    expect(mails.find((m) => m.to_address === oco.email)?.text_body).toMatch(/status=overdue/);
    expect(mails.every((m) => !m.text_body.includes('Bakker'))).toBe(true);

    // Another school's OCO cannot close it; the owner can.
    expect((await (await signIn(t.app, otherOco)).post(`/api/agreements/${late.json().id}/done`)).statusCode).toBe(404);
    expect((await (await signIn(t.app, leader)).post(`/api/agreements/${late.json().id}/done`)).statusCode).toBe(403);
    expect((await mentorC.post(`/api/agreements/${late.json().id}/done`)).statusCode).toBe(200);
    expect((await mentorC.get('/api/my/actions')).json().actions.map((a: { id: string }) => a.id)).not.toContain(late.json().id);
    expect((await ocoC.get(`/api/schools/${a1.id}/agreements?status=overdue`)).json().agreements.map((a: { id: string }) => a.id)).not.toContain(late.json().id);
    // The OCO closes the other one.
    expect((await ocoC.post(`/api/agreements/${soon.json().id}/done`)).statusCode).toBe(200);
    expect((await ocoC.get(`/api/schools/${a1.id}/agreements?status=done`)).json().agreements.map((a: { id: string }) => a.id)).toEqual(
      expect.arrayContaining([late.json().id, soon.json().id]),
    );

    // The pupil page's view through api.ts.
    const route = await pupilSupportRoute(t.sql, ocoPrincipal(), pupil.id);
    expect(route.agreements.find((a) => a.id === late.json().id)).toMatchObject({ overdue: false, owner: { id: mentor.id } });
    expect(route.agreements.find((a) => a.id === late.json().id)!.doneAt).toBeInstanceOf(Date);
  });

  it('refuses an owner from elsewhere and a due date before the meeting, naming the fields, and writes nothing', async () => {
    const { meetingId, itemId } = await meetingWithPupil({ startsAt: iso(-2) });
    const count = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from agreements where meeting_item_id = ${itemId}`)[0]!.n;
    const a = await ocoC.post(`/api/meetings/${meetingId}/items/${itemId}/agreements`, { what: 'X', ownerId: otherOco.id, dueOn: day(5) });
    expect(a.statusCode).toBe(400);
    expect(a.json().error.fields[0].path).toBe('ownerId');
    const b = await ocoC.post(`/api/meetings/${meetingId}/items/${itemId}/agreements`, { what: 'X', ownerId: mentor.id, dueOn: day(-30) });
    expect(b.json().error.fields[0].path).toBe('dueOn');
    const c = await ocoC.post(`/api/meetings/${meetingId}/items/${itemId}/agreements`, { what: '', ownerId: 'x', dueOn: '2026-02-31' });
    expect(c.statusCode).toBe(400);
    expect(c.json().error.fields.map((x: { path: string }) => x.path).sort()).toEqual(['dueOn', 'ownerId', 'what']);
    expect(await count()).toBe(0);
  });
});

describe('api.ts for the pupil page', () => {
  it('lists upcoming meetings with the pupil on the agenda', async () => {
    const p3 = await f.pupil(t.sql, p.id, a1.id, klass.id);
    const { meetingId } = await meetingWithPupil({ startsAt: iso(3), pupilId: p3.id, code: 'sot' });
    await meetingWithPupil({ startsAt: iso(-3), pupilId: p3.id });
    const route = await pupilSupportRoute(t.sql, ocoPrincipal(), p3.id);
    expect(route.upcomingMeetings).toEqual([{ id: meetingId, startsAt: expect.any(Date), kind: 'SOT (schoolondersteuningsteam)' }]);
    expect(route.agreements).toEqual([]);
  });

  it('shows a meeting on the pupil page only to a reader of the pupil who may read the meeting (its read rule)', async () => {
    // Two mentors of the pupil's class both read the pupil; only the one on the attendee list reads the meeting.
    const attending = await f.user(t.sql, p.id, { roles: [{ role: 'mentor', schoolId: a1.id }] });
    const absent = await f.user(t.sql, p.id, { roles: [{ role: 'mentor', schoolId: a1.id }] });
    const c = await f.klass(t.sql, p.id, a1.id, [{ userId: attending.id, mentor: true }, { userId: absent.id, mentor: true }]);
    const p4 = await f.pupil(t.sql, p.id, a1.id, c.id);
    const kind = await f.meetingKind(t.sql, { partnership_id: p.id, school_id: a1.id });
    const m = await f.meeting(t.sql, { partnership_id: p.id, school_id: a1.id, kind_id: kind.id, created_by: oco.id, starts_at: new Date(Date.now() + 3 * 86_400_000) });
    await f.meetingItem(t.sql, { partnership_id: p.id, meeting_id: m.id, pupil_id: p4.id });
    await f.insertRow(t.sql, 'meeting_attendees', {}, { partnership_id: p.id, meeting_id: m.id, user_id: attending.id });

    const page = async (u: f.TestUser) => {
      const res = await (await signIn(t.app, u)).get(`/api/pupils/${p4.id}`);
      expect(res.statusCode).toBe(200);
      return res.json().upcomingMeetings.map((x: { id: string }) => x.id);
    };
    expect(await page(absent)).toEqual([]);
    expect(await page(attending)).toEqual([m.id]);
    expect(await page(leader)).toEqual([m.id]);
  });

  it('shows an agreement about the pupil only to its owner and to those who oversee the school\'s agreements (its read rule), on the pupil page and among the OPP\'s facts', async () => {
    // Two mentors of the pupil's class both read the pupil; the agreement is the first one's.
    const owner = await f.user(t.sql, p.id, { roles: [{ role: 'mentor', schoolId: a1.id }] });
    const colleague = await f.user(t.sql, p.id, { roles: [{ role: 'mentor', schoolId: a1.id }] });
    const c = await f.klass(t.sql, p.id, a1.id, [{ userId: owner.id, mentor: true }, { userId: colleague.id, mentor: true }]);
    const p5 = await f.pupil(t.sql, p.id, a1.id, c.id);
    const agreement = await f.agreement(t.sql, { partnership_id: p.id, school_id: a1.id, pupil_id: p5.id, owner_id: owner.id, created_by: oco.id, what: 'Gesprek met de ouders over het rooster' });

    const seen = async (u: f.TestUser) => {
      const client = await signIn(t.app, u);
      const res = await client.get(`/api/pupils/${p5.id}`);
      expect(res.statusCode).toBe(200);
      const facts = await client.get(`/api/pupils/${p5.id}/opp-facts`);
      expect(facts.statusCode).toBe(200);
      return {
        page: res.json().agreements.map((x: { id: string }) => x.id),
        facts: facts.json().filter((x: { source: string }) => x.source === 'agreement').map((x: { sourceId: string }) => x.sourceId),
      };
    };
    expect(await seen(colleague)).toEqual({ page: [], facts: [] });
    expect(await seen(owner)).toEqual({ page: [agreement.id], facts: [agreement.id] });
    expect(await seen(oco)).toEqual({ page: [agreement.id], facts: [agreement.id] });
    expect(await seen(leader)).toEqual({ page: [agreement.id], facts: [agreement.id] });
  });
});

describe('demo seed', () => {
  it('seeds meetings, decisions and agreements for the first school, once', async () => {
    const { seedPartnership } = await import('../../src/seed/partnership.ts');
    const { seedSupportRoute } = await import('../../src/seed/support-route.ts');
    const tag = Math.random().toString(36).slice(2, 8);
    const { partnershipId } = await seedPartnership(t.sql, {
      name: `SWV seed ${tag}`, registrationNumber: `VO${tag}`, schools: 2, pupils: 40, seed: 7000 + Math.floor(Math.random() * 1000),
      domain: `${tag}.test.leerrecht.nl`, password: 'demo-wachtwoord-lang', schoolYear: '2026-2027',
    });
    await t.sql.begin((tx) => seedSupportRoute(tx as never, partnershipId));
    await seedSupportRoute(t.sql, partnershipId);
    const [counts] = await t.sql<{ meetings: number; decisions: number; overdue: number; history: number }[]>`
      select (select count(*)::int from meetings where partnership_id = ${partnershipId}) as meetings,
        (select count(*)::int from meeting_decisions where partnership_id = ${partnershipId}) as decisions,
        (select count(*)::int from agreements where partnership_id = ${partnershipId} and done_at is null and due_on < current_date) as overdue,
        (select count(*)::int from pupil_status_history where partnership_id = ${partnershipId} and meeting_id is not null) as history`;
    expect(counts).toEqual({ meetings: 4, decisions: 6, overdue: 2, history: 3 });
  });
});
