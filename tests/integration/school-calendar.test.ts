import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSchoolCalendars } from '../../src/features/organisation/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

/**
 * A school's calendar: its leader sets the holiday region and its own free
 * days; the clocks in school weeks (absence) read them.
 */
let t: TestApp;
let pid: string;
let school: string;
let leader: Client;
let mentor: Client;

beforeAll(async () => {
  t = await createTestApp();
  pid = (await f.partnership(t.sql)).id;
  const board = await f.board(t.sql, pid);
  school = (await f.school(t.sql, pid, board.id, { name: 'Het Baken' })).id;
  leader = await signIn(t.app, await f.user(t.sql, pid, { roles: [{ role: 'schoolleider', schoolId: school }], email: f.mailbox('leider') }));
  mentor = await signIn(t.app, await f.user(t.sql, pid, { roles: [{ role: 'mentor', schoolId: school }], email: f.mailbox('mentor') }));
});
afterAll(() => t.close());

describe('the school calendar', () => {
  it('starts without a region: only weekends and public holidays are free', async () => {
    const c = (await mentor.get(`/api/schools/${school}/calendar?year=2026-2027`)).json();
    expect(c).toMatchObject({ region: null, freeDays: [], holidays: [], schoolYear: '2026-2027', covered: true, allowed: { manage: false } });
    expect(c.publicHolidays.map((h: { name: string }) => h.name)).toEqual(['Eerste Kerstdag', 'Nieuwjaarsdag', 'Tweede Paasdag', 'Koningsdag', 'Hemelvaartsdag', 'Tweede Pinksterdag']);
  });

  it('the leader sets the region and the study days; the school weeks follow', async () => {
    const res = await leader.put(`/api/schools/${school}/calendar`, { region: 'midden', freeDays: [{ day: '2027-03-26', label: 'Goede Vrijdag' }, { day: '2026-11-16', label: 'Studiedag' }] });
    expect(res.statusCode).toBe(200);
    const c = (await leader.get(`/api/schools/${school}/calendar?year=2026-2027`)).json();
    expect(c.region).toBe('midden');
    expect(c.freeDays).toEqual([{ day: '2026-11-16', label: 'Studiedag' }, { day: '2027-03-26', label: 'Goede Vrijdag' }]);
    expect(c.holidays.map((h: { name: string; from: string }) => `${h.name} ${h.from}`)).toContain('Herfstvakantie 2026-10-17');
    // The 46 weeks from 31 August 2026 (end of midden's summer) to the week of 12 July 2027 (it starts on the 17th), less autumn, Christmas (2), spring and May.
    expect(c.schoolWeeks).toBe(41);
    const [cal] = [...(await loadSchoolCalendars(t.sql, [school])).values()];
    expect(cal!.closedBecause('2026-11-16')).toBe('Studiedag');
    expect(cal!.closedBecause('2026-10-20')).toBe('Herfstvakantie');
    const audit = await t.sql`select details from audit_log where action = 'school.calendar_update' and entity_id = ${school}`;
    expect(audit).toHaveLength(1);
  });

  it('refuses a day twice or a day that does not exist, and changes nothing', async () => {
    const twice = await leader.put(`/api/schools/${school}/calendar`, { region: 'noord', freeDays: [{ day: '2027-03-26', label: 'A' }, { day: '2027-03-26', label: 'B' }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields).toEqual([{ path: 'freeDays.1.day', message: 'Deze dag staat er al.' }]);
    const missing = await leader.put(`/api/schools/${school}/calendar`, { region: 'noord', freeDays: [{ day: '2027-02-30', label: 'A' }] });
    expect(missing.statusCode).toBe(400);
    expect((await leader.get(`/api/schools/${school}/calendar`)).json().region).toBe('midden');
  });

  it('a mentor may read it but not change it', async () => {
    expect((await mentor.put(`/api/schools/${school}/calendar`, { region: 'zuid', freeDays: [] })).statusCode).toBe(403);
  });
});
