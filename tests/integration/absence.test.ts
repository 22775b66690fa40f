import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolCalendar, schoolYearOfDay } from '../../src/platform/calendar/school-calendar.ts';
import { shiftDay, today, weekdayOf } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

/**
 * Absence recorded by hand on the pupil page, the 16-hour rule on the
 * school's calendar, the report recorded, the OCO's work list, and the sick
 * note's reason for the support team only.
 */
let t: TestApp;
let pid: string;
let school: string;
let pupil: string;
let oco: Client;
let mentor: Client;
let support: Client;
const cal = schoolCalendar({ region: 'midden', freeDays: [] });
/** The last n school days before today (midden), oldest first. */
const lastSchoolDays = (n: number) => {
  const out: string[] = [];
  for (let d = cal.previousSchoolDay(today()); out.length < n; d = cal.previousSchoolDay(d)) out.unshift(d);
  return out;
};

beforeAll(async () => {
  t = await createTestApp();
  pid = (await f.partnership(t.sql)).id;
  const board = await f.board(t.sql, pid);
  school = (await f.school(t.sql, pid, board.id, { name: 'Het Baken' })).id;
  await t.sql`update schools set holiday_region = 'midden' where id = ${school}`;
  const at = (role: 'oco' | 'mentor' | 'ondersteuner') => f.user(t.sql, pid, { roles: [{ role, schoolId: school }], email: f.mailbox(role) });
  const m = await at('mentor');
  const klass = await f.klass(t.sql, pid, school, [{ userId: m.id }]);
  pupil = (await f.pupil(t.sql, pid, school, klass.id, { lastName: 'Verzuim' })).id;
  oco = await signIn(t.app, await at('oco'));
  mentor = await signIn(t.app, m);
  support = await signIn(t.app, await at('ondersteuner'));
});
afterAll(() => t.close());

const workKinds = async (c: Client) => ((await c.get('/api/work')).json().items as { kind: string; link: string }[]).filter((i) => i.link.includes(pupil)).map((i) => i.kind);

describe('absence on the pupil page', () => {
  it('the mentor records unauthorised hours; at 16 in 4 school weeks a report is due and the OCO sees it on the work list', async () => {
    const days = lastSchoolDays(4);
    for (const [i, day] of days.entries()) {
      const res = await mentor.post(`/api/pupils/${pupil}/absence`, { day, kind: 'ongeoorloofd', hours: 4, wholeDay: false, reason: '' });
      expect(res.statusCode, res.body).toBe(200);
      if (i === 2) expect(await workKinds(oco)).toEqual(['absence.early_warning']);
    }
    const a = (await mentor.get(`/api/pupils/${pupil}/absence`)).json();
    expect(a.state).toMatchObject({ reportDue: { day: days[3], hours: 16, from: days[0] }, reportsDue: 1, earlyWarning: false, unreportedHours: 0 });
    expect(a.state.window.hours).toBe(16);
    expect(a.allowed).toEqual({ record: true, remove: false, report: false, readHealth: false });
    expect(await workKinds(oco)).toEqual(['absence.report_due']);
    // The mentor has no work list item for it: the report is the OCO's.
    expect(await workKinds(mentor)).toEqual([]);
  });

  it('once the OCO records the report, nothing is due until 16 new hours accrue', async () => {
    const res = await oco.post(`/api/pupils/${pupil}/absence/reports`, { kind: '16_uur', dueOn: lastSchoolDays(1)[0], reportedOn: today(), note: 'Gemeld via het Verzuimloket' });
    expect(res.statusCode, res.body).toBe(200);
    const a = (await oco.get(`/api/pupils/${pupil}/absence`)).json();
    expect(a.state).toMatchObject({ reportDue: null, reportsDue: 0 });
    expect(a.reports).toHaveLength(1);
    expect(await workKinds(oco)).toEqual([]);
  });

  it('refuses a day without lessons, a day ahead, and a day twice, and changes nothing', async () => {
    const before = (await t.sql`select count(*)::int as n from absences where pupil_id = ${pupil}`)[0]!.n;
    const saturday = shiftDay(today(), -((weekdayOf(today()) + 1) % 7));
    const closed = await mentor.post(`/api/pupils/${pupil}/absence`, { day: saturday, kind: 'ziek', hours: 2, wholeDay: false, reason: '' });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().error.fields[0]).toMatchObject({ path: 'day', message: expect.stringContaining('weekend') });
    const twice = await mentor.post(`/api/pupils/${pupil}/absence`, { day: lastSchoolDays(1)[0], kind: 'ongeoorloofd', hours: 1, wholeDay: false, reason: '' });
    expect(twice.statusCode).toBe(400);
    expect((await t.sql`select count(*)::int as n from absences where pupil_id = ${pupil}`)[0]!.n).toBe(before);
  });

  it('the reason of a sick note is for the support team only', async () => {
    const [day] = lastSchoolDays(5);
    expect((await mentor.post(`/api/pupils/${pupil}/absence`, { day, kind: 'ziek', hours: 6, wholeDay: true, reason: 'Migraine' })).statusCode).toBe(200);
    const asMentor = (await mentor.get(`/api/pupils/${pupil}/absence`)).json();
    expect(asMentor.records.find((r: { kind: string }) => r.kind === 'ziek').reason).toBeNull();
    expect((await mentor.get(`/api/pupils/${pupil}/absence`)).body).not.toContain('Migraine');
    const asSupport = (await support.get(`/api/pupils/${pupil}/absence`)).json();
    expect(asSupport.records.find((r: { kind: string }) => r.kind === 'ziek').reason).toBe('Migraine');
  });

  it('leave beyond 10 school days a year is the leerplichtambtenaar\'s decision', async () => {
    const other = (await f.pupil(t.sql, pid, school, null)).id;
    const days = lastSchoolDays(11);
    for (const day of days.slice(0, 10)) await f.rows.absence(t.sql, { partnership_id: pid, school_id: school, pupil_id: other, day, kind: 'verlof', hours: 6 });
    const res = await oco.post(`/api/pupils/${other}/absence`, { day: days[10], kind: 'verlof', hours: 6, wholeDay: true, reason: 'Familiebezoek' });
    // Ten days of leave in this school year already (the eleven days lie in one school year, as the summer holiday is between two).
    expect(schoolYearOfDay(days[0]!)).toBe(schoolYearOfDay(days[10]!));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'kind', message: expect.stringContaining('leerplichtambtenaar') });
  });

  it('every read and write is in the audit log', async () => {
    const actions = (await t.sql<{ action: string }[]>`select distinct action from audit_log where pupil_id = ${pupil}`).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['absence.read', 'absence.record', 'absence.report']));
  });
});
