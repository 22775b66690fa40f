import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendOppReminders } from '../../src/features/plans/reminders.ts';
import type { TestApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';
import { at, day, now, opp, pupilIn, startOppWorld } from './opp-overview-fixtures.ts';

let t: TestApp;
let p: { id: string };
let boardId: string;
let oco: f.TestUser;
let leader: f.TestUser;
let mentor: f.TestUser;
let otherOco: f.TestUser;
let ocoC: Client;

beforeAll(async () => {
  ({ t, p, boardId, oco, leader, mentor, otherOco, ocoC } = await startOppWorld());
});
afterAll(() => t.close());

describe('the school overview', () => {
  let ids: Record<string, string>;
  let pupils: Record<string, string>;
  let pro: { id: string; name: string };
  let ov: { id: string; name: string };

  beforeAll(async () => {
    // A school of its own, so the plans of the other tests do not count here.
    ov = await f.school(t.sql, p.id, boardId, { name: 'Overzichtschool' });
    for (const [u, role] of [[oco, 'oco'], [leader, 'schoolleider'], [mentor, 'mentor']] as const) {
      await f.roleAssignment(t.sql, { partnership_id: p.id, user_id: u.id, role, school_id: ov.id });
    }
    const ovClass = await f.klass(t.sql, p.id, ov.id, [{ userId: mentor.id }]);
    const mk = async (key: string, o: Omit<Parameters<typeof opp>[0], 'pupilId'>) => {
      const pupil = await pupilIn(ov.id, { lastName: `Status-${key}`, classId: ovClass.id });
      pupils[key] = pupil.id;
      ids[key] = (await opp({ schoolId: ov.id, ...o, pupilId: pupil.id })).id;
    };
    ids = {};
    pupils = {};
    await mk('draft', { status: 'draft', versions: [{ status: 'draft' }] });
    await mk('waiting', { status: 'with_parents', versions: [{ status: 'with_parents', sentOn: day(-7) }] });
    await mk('noAnswer', { status: 'with_parents', versions: [{ status: 'with_parents', sentOn: day(-29) }] });
    await mk('dueSoon', { status: 'agreed', kind: 'light', versions: [{ status: 'agreed', sentOn: day(-60), agreedOn: day(-50), evaluationDates: [day(21)] }] });
    await mk('late', { status: 'agreed', versions: [{ status: 'agreed', sentOn: day(-100), agreedOn: day(-90), evaluationDates: [day(-10), day(80)] }] });
    await mk('fine', { status: 'agreed', versions: [{ status: 'agreed', sentOn: day(-60), agreedOn: day(-50), evaluationDates: [day(90)] }] });
    await mk('refused', { status: 'disagreed', versions: [{ status: 'disagreed', sentOn: day(-5) }] });
    await mk('closed', { status: 'closed', closedOn: day(-3), versions: [{ status: 'superseded', sentOn: day(-400), agreedOn: day(-390) }] });
    // Extra support without a plan.
    const extra = await pupilIn(ov.id, { lastName: 'Extra', classId: ovClass.id });
    pupils.extra = extra.id;
    await t.sql`update pupils set support_level = 'extra' where id = ${extra.id}`;
    await f.pupilStatusHistory(t.sql, {
      partnership_id: p.id, pupil_id: extra.id, field: 'support_level', old_value: 'basisplus', new_value: 'extra', reason: 'Besloten in het OT', changed_by: oco.id, changed_at: at(day(-50)),
    });

    // A practical school: every pupil needs an OPP within 6 weeks of placement.
    pro = await f.school(t.sql, p.id, boardId, { kind: 'pro', name: 'Praktijkschool De Brug' });
    await f.roleAssignment(t.sql, { partnership_id: p.id, user_id: oco.id, role: 'oco', school_id: pro.id });
    pupils.proLate = (await pupilIn(pro.id, { classId: null, lastName: 'Laat', placedOn: day(-43) })).id;
    pupils.proInTime = (await pupilIn(pro.id, { classId: null, lastName: 'Optijd', placedOn: day(-42) })).id;
    const withPlan = await pupilIn(pro.id, { classId: null, lastName: 'Metplan', placedOn: day(-70) });
    pupils.proWithPlan = withPlan.id;
    await opp({ schoolId: pro.id, pupilId: withPlan.id, status: 'draft', versions: [{ status: 'draft' }] });
    ocoC = await signIn(t.app, oco);
  });

  it('gives each plan its status by the clocks, and the pupils still without a plan', async () => {
    const res = await ocoC.get(`/api/schools/${ov.id}/opps`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const status = (key: string) => body.plans.find((x: { id: string }) => x.id === ids[key])?.status;
    expect(status('draft')).toBe('draft');
    expect(status('waiting')).toBe('with_parents');
    expect(status('noAnswer')).toBe('overdue');
    expect(status('dueSoon')).toBe('evaluation_due');
    expect(status('late')).toBe('overdue');
    expect(status('fine')).toBe('agreed');
    expect(status('refused')).toBe('disagreement');
    expect(status('closed')).toBeUndefined();
    const late = body.plans.find((x: { id: string }) => x.id === ids.late);
    expect(late).toMatchObject({ overdueReason: 'evaluation', nextEvaluationOn: day(-10), agreedOn: day(-90) });
    expect(body.plans.find((x: { id: string }) => x.id === ids.noAnswer)).toMatchObject({ overdueReason: 'answer', unsigned: true });
    expect(body.plans.find((x: { id: string }) => x.id === ids.dueSoon)).toMatchObject({ kind: 'light', nextEvaluationOn: day(21), className: expect.any(String) });
    expect(body.counts).toMatchObject({ draft: 1, with_parents: 1, overdue: 2, evaluation_due: 1, agreed: 1, disagreement: 1, closed: 1 });
    expect(body.unsignedCount).toBe(2);
    // A vo school: only the pupil with extra support needs one.
    expect(body.missing).toEqual([
      { pupil: { id: pupils.extra, name: expect.stringContaining('Extra') }, className: expect.any(String), reason: 'extra_support', since: day(-50), dueOn: day(-8), overdue: true, allowed: { openPupil: true } },
    ]);

    // Every pupil shown is an audited read.
    const audited = await t.sql<{ pupilId: string }[]>`
      select pupil_id as "pupilId" from audit_log where actor_user_id = ${oco.id} and action in ('opp.overview', 'opp.overview_missing') and school_id = ${ov.id}`;
    expect(audited).toHaveLength(8);
    expect(new Set(audited.map((a) => a.pupilId))).toEqual(new Set(Object.entries(pupils).filter(([k]) => !k.startsWith('pro') && k !== 'closed').map(([, v]) => v)));
  });

  it('filters by status and by due day', async () => {
    const overdue = (await ocoC.get(`/api/schools/${ov.id}/opps?status=overdue`)).json();
    expect(overdue.plans.map((x: { id: string }) => x.id).sort()).toEqual([ids.noAnswer, ids.late].sort());
    expect(overdue.missing).toEqual([]);
    const closed = (await ocoC.get(`/api/schools/${ov.id}/opps?status=closed`)).json();
    expect(closed.plans.map((x: { id: string }) => x.id)).toEqual([ids.closed]);
    const due = (await ocoC.get(`/api/schools/${ov.id}/opps?due=${day(30)}`)).json();
    expect(due.plans.map((x: { id: string }) => x.id).sort()).toEqual([ids.dueSoon, ids.late].sort());
    expect((await ocoC.get(`/api/schools/${ov.id}/opps?status=kapot`)).statusCode).toBe(400);
  });

  it('lists pupils of a practical school without an OPP from 6 weeks after placement', async () => {
    const body = (await ocoC.get(`/api/schools/${pro.id}/opps`)).json();
    const missing = Object.fromEntries(body.missing.map((m: { pupil: { id: string } }) => [m.pupil.id, m]));
    expect(missing[pupils.proLate!]).toMatchObject({ reason: 'special_school', since: day(-43), dueOn: day(-1), overdue: true });
    expect(missing[pupils.proInTime!]).toMatchObject({ reason: 'special_school', since: day(-42), dueOn: now, overdue: false });
    expect(missing[pupils.proWithPlan!]).toBeUndefined();
  });

  it('finds a pupil by a part of the name, in the plans and among the pupils without one', async () => {
    const body = (await ocoC.get(`/api/schools/${ov.id}/opps?q=${encodeURIComponent('status-LATE')}`)).json();
    expect(body.plans.map((x: { id: string }) => x.id)).toEqual([ids.late]);
    expect(body.missing).toEqual([]);
    expect(body.total).toBe(1);
    const extra = (await ocoC.get(`/api/schools/${ov.id}/opps?q=extra`)).json();
    expect(extra.plans).toEqual([]);
    expect(extra.missing.map((m: { pupil: { id: string } }) => m.pupil.id)).toEqual([pupils.extra]);
    expect(extra.missing[0].allowed).toEqual({ openPupil: true });
  });

  it('sorts the plans on their columns and pages them, 50 a page', async () => {
    const order = async (q: string) => (await ocoC.get(`/api/schools/${ov.id}/opps?${q}`)).json().plans.map((x: { id: string }) => x.id);
    const byStatus = await order('sort=status&dir=asc');
    expect(byStatus[0]).toBe(ids.draft);
    expect((await order('sort=status&dir=desc')).slice(0, 2).sort()).toEqual([ids.noAnswer, ids.late].sort());
    const byEvaluation = await order('sort=nextEvaluation&dir=asc');
    expect(byEvaluation.indexOf(ids.late)).toBeLessThan(byEvaluation.indexOf(ids.dueSoon));
    expect(byEvaluation.indexOf(ids.dueSoon)).toBeLessThan(byEvaluation.indexOf(ids.fine));
    const byPupil = await order('sort=pupil&dir=asc');
    expect(await order('sort=pupil&dir=desc')).toEqual([...byPupil].reverse());
    const page = (await ocoC.get(`/api/schools/${ov.id}/opps?page=2`)).json();
    expect(page).toMatchObject({ plans: [], page: 2, pageSize: 50, total: 7 });
    expect((await ocoC.get(`/api/schools/${ov.id}/opps?sort=leeftijd`)).json().error.fields[0].message).toBe('Kies een bestaande sortering.');
    expect((await ocoC.get(`/api/schools/${ov.id}/opps`)).json().plans[0].allowed).toEqual({ openPlan: true });
  });

  it('exports every plan the search and filter find, and the pupils without one, audited once for the list and once per pupil', async () => {
    const before = (await t.sql<{ n: number }[]>`select count(*)::int as n from audit_log where actor_user_id = ${oco.id} and action in ('list.export', 'opp.overview_export')`)[0]!.n;
    const res = await ocoC.get(`/api/schools/${ov.id}/opps/export?format=csv&sort=nextEvaluation&dir=asc`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename="opp-overzicht-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\n').map((l) => l.split(';'));
    expect(lines[0]).toEqual(['Leerling', 'Klas', 'School', 'Soort', 'Status', 'Verstuurd naar ouders', 'Ingestemd', 'Volgende evaluatie', 'OPP uiterlijk', 'Casemanager']);
    expect(lines).toHaveLength(1 + 7 + 1);
    const late = lines.find((l) => l[0]!.includes('Status-late'))!;
    const due = day(-10);
    expect(late.slice(3, 8)).toEqual(['OPP', 'Te laat: evaluatie', expect.stringMatching(/^\d{2}-\d{2}-\d{4}$/), expect.stringMatching(/^\d{2}-\d{2}-\d{4}$/), `${due.slice(8)}-${due.slice(5, 7)}-${due.slice(0, 4)}`]);
    expect(lines.at(-1)!.slice(4)).toEqual(['Nog geen OPP (extra ondersteuning)', '', '', '', `${day(-8).slice(8)}-${day(-8).slice(5, 7)}-${day(-8).slice(0, 4)}`, '']);
    const audit = await t.sql<{ action: string; details: Record<string, unknown> }[]>`
      select action, details from audit_log where actor_user_id = ${oco.id} and action in ('list.export', 'opp.overview_export') order by id offset ${before}`;
    expect(audit[0]).toEqual({ action: 'list.export', details: { list: 'opps', count: 8, format: 'csv' } });
    expect(audit.slice(1).every((a) => a.action === 'opp.overview_export')).toBe(true);
    expect(audit).toHaveLength(1 + 8);
    expect((await (await signIn(t.app, mentor)).get(`/api/schools/${ov.id}/opps/export?format=csv`)).statusCode).toBe(403);
  });

  it('is for the school leader and the support team, not for a mentor or another school', async () => {
    expect((await (await signIn(t.app, leader)).get(`/api/schools/${ov.id}/opps`)).statusCode).toBe(200);
    expect((await (await signIn(t.app, mentor)).get(`/api/schools/${ov.id}/opps`)).statusCode).toBe(403);
    expect((await (await signIn(t.app, otherOco)).get(`/api/schools/${ov.id}/opps`)).statusCode).toBe(403);
  });
});

describe('reminders', () => {
  // A fixed day: Tuesday 16 March 2027, 07:15 Dutch time.
  const fixed = new Date('2027-03-16T06:15:00Z');
  const d0 = '2027-03-16';
  let className: string;
  let rs: { id: string };
  let rpro: { id: string };
  let author: f.TestUser;
  let gone: f.TestUser;
  let caseManager: f.TestUser;
  let rOco: f.TestUser;
  let proOco: f.TestUser;
  const mails = async (to: string) => t.sql<{ subject: string; text_body: string }[]>`select subject, text_body from outbox where to_address = ${to} order by id`;

  beforeAll(async () => {
    rs = await f.school(t.sql, p.id, boardId, { name: 'Reminder College' });
    rpro = await f.school(t.sql, p.id, boardId, { kind: 'pro', name: 'Praktijkschool Reminder' });
    author = await f.user(t.sql, p.id, { roles: [{ role: 'mentor', schoolId: rs.id }] });
    gone = await f.user(t.sql, p.id, { roles: [{ role: 'mentor', schoolId: rs.id }], status: 'deactivated' });
    caseManager = await f.user(t.sql, p.id, { roles: [{ role: 'ondersteuner', schoolId: rs.id }] });
    rOco = await f.user(t.sql, p.id, { roles: [{ role: 'oco', schoolId: rs.id }] });
    proOco = await f.user(t.sql, p.id, { roles: [{ role: 'oco', schoolId: rpro.id }] });
    const k = await f.klass(t.sql, p.id, rs.id, [{ userId: author.id }]);
    const [kname] = await t.sql<{ name: string }[]>`select name from classes where id = ${k.id}`;
    className = kname!.name;

    const p1 = await f.pupil(t.sql, p.id, rs.id, k.id, { lastName: 'Evaluatiedatum' });
    await opp({ schoolId: rs.id, pupilId: p1.id, status: 'agreed', versions: [{ status: 'agreed', sentOn: '2026-10-01', agreedOn: '2026-10-10', evaluationDates: ['2027-03-26'], updatedBy: author.id }] });
    const p2 = await f.pupil(t.sql, p.id, rs.id, k.id, { lastName: 'Casemanagerpad' });
    await t.sql`update pupils set first_name = 'Noor', case_manager_id = ${caseManager.id} where id = ${p2.id}`;
    await opp({ schoolId: rs.id, pupilId: p2.id, status: 'agreed', versions: [{ status: 'agreed', sentOn: '2026-10-01', agreedOn: '2026-10-10', evaluationDates: ['2027-03-29'], updatedBy: gone.id }] });
    const p3 = await f.pupil(t.sql, p.id, rs.id, k.id, { lastName: 'Telaatsma' });
    await t.sql`update pupils set first_name = 'Daan' where id = ${p3.id}`;
    await opp({ schoolId: rs.id, pupilId: p3.id, status: 'agreed', versions: [{ status: 'agreed', sentOn: '2026-09-01', agreedOn: '2026-09-10', evaluationDates: ['2027-03-01'], updatedBy: author.id }] });
    // Far away: no reminder yet.
    const p4 = await f.pupil(t.sql, p.id, rs.id, k.id, { lastName: 'Verweg' });
    await opp({ schoolId: rs.id, pupilId: p4.id, status: 'agreed', versions: [{ status: 'agreed', sentOn: '2026-10-01', agreedOn: '2026-10-10', evaluationDates: ['2027-06-01'], updatedBy: author.id }] });
    // A practical school pupil placed 7 weeks before, without a plan; one placed last week.
    const q1 = await f.pupil(t.sql, p.id, rpro.id, null, { lastName: 'Zonderplan' });
    await t.sql`update pupils set first_name = 'Lotte' where id = ${q1.id}`;
    await t.sql`update enrolments set start_date = '2027-01-26' where pupil_id = ${q1.id}`;
    const q2 = await f.pupil(t.sql, p.id, rpro.id, null, { lastName: 'Netbinnen' });
    await t.sql`update pupils set first_name = 'Mila' where id = ${q2.id}`;
    await t.sql`update enrolments set start_date = '2027-03-09' where pupil_id = ${q2.id}`;
  });

  it('mails the author two weeks ahead, the case manager when the author left, and the OCOs about what is late — first name and class only', async () => {
    await sendOppReminders(t.sql, 'https://leerrecht.test', { partnershipId: p.id }, fixed);

    const toAuthor = await mails(author.email);
    expect(toAuthor).toHaveLength(1);
    expect(toAuthor[0]!.text_body).toContain(`Sam (${className}): evaluatie op 26 maart 2027`);
    expect(toAuthor[0]!.text_body).toMatch(/https:\/\/leerrecht\.test\/opp\/[0-9a-f-]{36}/);
    expect(toAuthor[0]!.text_body).not.toContain('Verweg');
    expect(toAuthor[0]!.text_body).not.toContain('juni');

    const toCm = await mails(caseManager.email);
    expect(toCm).toHaveLength(1);
    expect(toCm[0]!.text_body).toContain(`Noor (${className}): evaluatie op 29 maart 2027`);
    expect(await mails(gone.email)).toHaveLength(0);

    const toOco = await mails(rOco.email);
    expect(toOco).toHaveLength(1);
    expect(toOco[0]!.text_body).toContain(`Daan (${className}): OPP te laat, de evaluatie stond op 1 maart 2027`);
    const toProOco = await mails(proOco.email);
    expect(toProOco).toHaveLength(1);
    expect(toProOco[0]!.text_body).toContain('Lotte: nog geen OPP, geplaatst op 26 januari 2027 (uiterlijk 9 maart 2027)');
    expect(toProOco[0]!.text_body).not.toContain('Mila');

    for (const m of [...toAuthor, ...toCm, ...toOco, ...toProOco]) {
      for (const last of ['Evaluatiedatum', 'Casemanagerpad', 'Telaatsma', 'Zonderplan', '2013']) expect(m.text_body).not.toContain(last);
    }
  });

  it('never mails the same thing twice on one day; the OCO hears again the next day, the author not again', async () => {
    await sendOppReminders(t.sql, 'https://leerrecht.test', { partnershipId: p.id }, fixed);
    await sendOppReminders(t.sql, 'https://leerrecht.test', { partnershipId: p.id }, new Date('2027-03-16T15:00:00Z'));
    expect(await mails(author.email)).toHaveLength(1);
    expect(await mails(rOco.email)).toHaveLength(1);
    expect(await mails(proOco.email)).toHaveLength(1);

    await sendOppReminders(t.sql, 'https://leerrecht.test', { partnershipId: p.id }, new Date('2027-03-17T06:15:00Z'));
    expect(await mails(author.email)).toHaveLength(1);
    expect(await mails(caseManager.email)).toHaveLength(1);
    expect(await mails(rOco.email)).toHaveLength(2);
    expect(await mails(proOco.email)).toHaveLength(2);
    const [sent] = await t.sql<{ n: number }[]>`select count(*)::int as n from opp_reminders_sent where user_id = ${rOco.id} and sent_on = ${d0}`;
    expect(sent!.n).toBe(1);
  });
});

describe('numbers', () => {
  let ns: { id: string };
  let director: f.TestUser;

  beforeAll(async () => {
    ns = await f.school(t.sql, p.id, boardId, { name: 'Telschool' });
    director = await f.user(t.sql, p.id, { roles: [{ role: 'swv_director', schoolId: null }] });
    await f.roleAssignment(t.sql, { partnership_id: p.id, user_id: oco.id, role: 'oco', school_id: ns.id });
    const pu = () => f.pupil(t.sql, p.id, ns.id, null, { lastName: 'Geheimnaam' }).then((x) => x.id);
    // Agreed, evaluated before the planned date: on time.
    const a = await opp({ schoolId: ns.id, pupilId: await pu(), status: 'closed', createdOn: '2025-12-01', closedOn: '2026-05-25',
      versions: [{ status: 'superseded', sentOn: '2026-01-10', agreedOn: '2026-01-20', evaluationDates: ['2026-06-01'] }] });
    await f.oppEvaluation(t.sql, { partnership_id: p.id, opp_id: a.id, version_id: a.versionIds[0]!, held_on: '2026-05-25', outcome: 'close', created_by: oco.id });
    // Light, sent and refused.
    await opp({ schoolId: ns.id, pupilId: await pu(), kind: 'light', status: 'disagreed', createdOn: '2026-01-15', versions: [{ status: 'disagreed', sentOn: '2026-02-01' }] });
    // Agreed, evaluated late.
    const c = await opp({ schoolId: ns.id, pupilId: await pu(), status: 'draft', createdOn: '2026-01-20',
      versions: [{ status: 'superseded', sentOn: '2026-02-01', agreedOn: '2026-02-05', evaluationDates: ['2026-04-01'] }, { status: 'draft' }] });
    await f.oppEvaluation(t.sql, { partnership_id: p.id, opp_id: c.id, version_id: c.versionIds[0]!, held_on: '2026-04-20', created_by: oco.id });
    // A draft made in the period; a plan closed before it.
    await opp({ schoolId: ns.id, pupilId: await pu(), status: 'draft', createdOn: '2026-03-01', versions: [{ status: 'draft' }] });
    await opp({ schoolId: ns.id, pupilId: await pu(), status: 'closed', createdOn: '2024-01-01', closedOn: '2025-06-01', versions: [{ status: 'draft' }] });
  });

  it("counts the school's plans, light and full, agreement and evaluations on time", async () => {
    const res = await ocoC.get(`/api/schools/${ns.id}/opp-numbers?from=2026-01-01&to=2026-12-31`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      school: { id: ns.id, name: 'Telschool' },
      from: '2026-01-01',
      to: '2026-12-31',
      numbers: { plans: 4, full: 3, light: 1, created: 3, sent: 3, agreed: 2, disagreed: 1, shareAgreed: 0.667, evaluationsDue: 2, evaluationsOnTime: 1, shareOnTime: 0.5 },
    });
    const spring = (await ocoC.get(`/api/schools/${ns.id}/opp-numbers?from=2026-04-01&to=2026-04-30`)).json().numbers;
    expect(spring).toMatchObject({ plans: 4, created: 0, sent: 0, shareAgreed: null, evaluationsDue: 1, evaluationsOnTime: 0 });
    expect((await ocoC.get(`/api/schools/${ns.id}/opp-numbers?from=2026-05-01&to=2026-04-01`)).statusCode).toBe(400);
    expect((await (await signIn(t.app, mentor)).get(`/api/schools/${ns.id}/opp-numbers?from=2026-01-01&to=2026-12-31`)).statusCode).toBe(403);
  });

  it('gives the director partnership-wide counts per school, without pupil data', async () => {
    const dirC = await signIn(t.app, director);
    const res = await dirC.get('/api/opp-numbers?from=2026-01-01&to=2026-12-31');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.schools.find((s: { school: { id: string } }) => s.school.id === ns.id).numbers).toMatchObject({ plans: 4, sent: 3, agreed: 2, evaluationsOnTime: 1 });
    expect(body.total.plans).toBeGreaterThanOrEqual(4);
    expect(res.body).not.toContain('Geheimnaam');
    expect(res.body).not.toContain('Sam');
    const pupilIds = await t.sql<{ id: string }[]>`select id from pupils where partnership_id = ${p.id}`;
    for (const { id } of pupilIds) expect(res.body).not.toContain(id);
    expect((await ocoC.get('/api/opp-numbers?from=2026-01-01&to=2026-12-31')).statusCode).toBe(403);
  });
});
