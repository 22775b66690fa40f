import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planningYear } from '../../src/features/quality/plans.ts';
import type { Work } from '../../src/platform/work-schema.ts';
import { addDays, addWeeks, today } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import * as f from '../helpers/factories.ts';
import { buildWorld, clientFor, type Actor, type World } from './authz/world.ts';

/**
 * The start page's work list (werkvoorraad): for each role, an item appears
 * when its condition holds and disappears when the work is done, and every
 * pupil it names is an audited read.
 */
let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.sql);
});
afterAll(() => t.close());

const day = today();

async function work(actor: Exclude<Actor, 'anonymous'>): Promise<Work> {
  const client = await clientFor(t.app, t.sql, w, actor);
  const res = await client.get('/api/work');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const linked = (wk: Work, link: string) => wk.items.filter((i) => i.link === link);
const of = (wk: Work, kind: string) => wk.items.filter((i) => i.kind === kind);

describe('the work list', () => {
  it('is empty, with no counts, for a reader with nothing waiting', async () => {
    const wk = await work('privacy_officer');
    expect(wk).toMatchObject({ items: [], total: 0, counts: {}, figures: [] });
  });

  it('OCO: a request the partnership asked more for, until the school answers', async () => {
    const r = await f.request(t.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: w.a.pupilId, status: 'in_review', created_by: w.users.oco.id, assigned_to: w.users.swv_consultant.id, submitted_at: new Date(), decision_due_on: addWeeks(day, 6), waiting_since: new Date() });
    const ask = await f.requestMessage(t.sql, { partnership_id: w.a.partnershipId, request_id: r.id, author_id: w.users.swv_consultant.id, side: 'partnership', kind: 'addition_request', body: 'Graag het laatste verslag.' });
    const before = await work('oco');
    expect(linked(before, `/aanvragen/${r.id}`).map((i) => i.kind)).toEqual(['request.addition_asked']);
    expect(before.counts.requests).toBeGreaterThanOrEqual(1);
    // The school leader reads the request but does not answer for the school; the mentor does not see it.
    expect(linked(await work('schoolleider'), `/aanvragen/${r.id}`)).toEqual([]);
    expect(linked(await work('mentor'), `/aanvragen/${r.id}`)).toEqual([]);
    // The consultant now waits for the school: their own request is on their list, but not urgent.
    expect(linked(await work('swv_consultant'), `/aanvragen/${r.id}`).map((i) => [i.kind, i.urgency])).toEqual([['request.mine', 'later']]);

    await f.requestMessage(t.sql, { partnership_id: w.a.partnershipId, request_id: r.id, author_id: w.users.oco.id, side: 'school', kind: 'addition_answer', body: 'Bijgevoegd.', answers_id: ask.id });
    await t.sql`update request_messages set answered_at = now() where id = ${ask.id}`;
    await t.sql`update requests set waiting_since = null where id = ${r.id}`;
    expect(linked(await work('oco'), `/aanvragen/${r.id}`)).toEqual([]);
    // The consultant who asked sees the answer, until they act on it in the thread.
    const consultant = await work('swv_consultant');
    expect(linked(consultant, `/aanvragen/${r.id}`).map((i) => i.kind).sort()).toEqual(['request.addition_answered', 'request.mine']);
    await f.requestMessage(t.sql, { partnership_id: w.a.partnershipId, request_id: r.id, author_id: w.users.swv_consultant.id, side: 'partnership', body: 'Dank, we gaan verder.' });
    expect(linked(await work('swv_consultant'), `/aanvragen/${r.id}`).map((i) => i.kind)).toEqual(['request.mine']);
    await t.sql`update requests set status = 'withdrawn' where id = ${r.id}`;
  });

  it('consultant: a new request to pick up, named by initials, until someone takes it', async () => {
    const r = await f.request(t.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: w.a.pupilId, status: 'submitted', created_by: w.users.oco.id, submitted_at: new Date(), decision_due_on: addDays(day, 3) });
    const wk = await work('swv_consultant');
    const [item] = linked(wk, `/aanvragen/${r.id}`);
    expect(item).toMatchObject({ kind: 'request.to_pick_up', urgency: 'now', dueOn: addDays(day, 3) });
    expect(item!.title).not.toContain('Vries');
    // The director is on the loket too but does not take requests; experts and deciders do not see it.
    for (const actor of ['swv_director', 'swv_expert', 'swv_decider'] as const) expect(linked(await work(actor), `/aanvragen/${r.id}`), actor).toEqual([]);
    await t.sql`update requests set assigned_to = ${w.users.swv_consultant.id}, status = 'in_review' where id = ${r.id}`;
    expect(linked(await work('swv_consultant'), `/aanvragen/${r.id}`).map((i) => i.kind)).toEqual(['request.mine']);
    await t.sql`update requests set status = 'withdrawn' where id = ${r.id}`;
    expect(linked(await work('swv_consultant'), `/aanvragen/${r.id}`)).toEqual([]);
  });

  it('expert: the advice they owe, until they give it; decider: the request at decision, until decided', async () => {
    const r = await f.request(t.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: w.a.pupilId, status: 'advice', created_by: w.users.oco.id, assigned_to: w.users.swv_consultant.id, submitted_at: new Date(), decision_due_on: addDays(day, -1) });
    const x = await f.requestExpert(t.sql, { partnership_id: w.a.partnershipId, request_id: r.id, expert_id: w.users.swv_expert.id, assigned_by: w.users.swv_consultant.id });
    expect(linked(await work('swv_expert'), `/aanvragen/${r.id}`).map((i) => [i.kind, i.urgency])).toEqual([['request.advice_owed', 'overdue']]);
    await t.sql`update request_experts set advice = '{}'::jsonb, advised_at = now() where id = ${x.id}`;
    expect(linked(await work('swv_expert'), `/aanvragen/${r.id}`)).toEqual([]);

    expect(linked(await work('swv_decider'), `/aanvragen/${r.id}`)).toEqual([]);
    await t.sql`update requests set status = 'decision' where id = ${r.id}`;
    for (const actor of ['swv_decider', 'swv_director'] as const) expect(linked(await work(actor), `/aanvragen/${r.id}`).map((i) => i.kind), actor).toEqual(['request.at_decision']);
    await t.sql`update requests set status = 'decided', decided_at = now() where id = ${r.id}`;
    expect(linked(await work('swv_decider'), `/aanvragen/${r.id}`)).toEqual([]);
  });

  it('OCO: an OPP whose parents have not answered in 4 weeks, until they answer; the mentor does not get it', async () => {
    const p = await f.pupil(t.sql, w.a.partnershipId, w.a.schoolId, w.a.classId);
    const o = await f.opp(t.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: p.id, created_by: w.users.oco.id, status: 'with_parents' });
    await f.oppVersion(t.sql, { partnership_id: w.a.partnershipId, opp_id: o.id, updated_by: w.users.oco.id, sent_at: new Date(Date.now() - 40 * 86_400_000) });
    const oco = await work('oco');
    expect(linked(oco, `/opp/${o.id}`).map((i) => [i.kind, i.urgency])).toEqual([['opp.answer_overdue', 'overdue']]);
    expect(oco.counts.opp).toBeGreaterThanOrEqual(1);
    expect(linked(await work('mentor'), `/opp/${o.id}`)).toEqual([]);
    await t.sql`update opps set status = 'agreed' where id = ${o.id}`;
    await t.sql`update opp_versions set agreed_at = now(), status = 'agreed' where opp_id = ${o.id}`;
    expect(linked(await work('oco'), `/opp/${o.id}`)).toEqual([]);
  });

  it('OCO: an OPP whose planned evaluation date passed, until it is evaluated', async () => {
    const p = await f.pupil(t.sql, w.a.partnershipId, w.a.schoolId, null);
    const o = await f.opp(t.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: p.id, created_by: w.users.oco.id, status: 'agreed' });
    const v = await f.oppVersion(t.sql, { partnership_id: w.a.partnershipId, opp_id: o.id, updated_by: w.users.oco.id, status: 'agreed', content: { evaluationDates: [addDays(day, -2)] }, sent_at: new Date(Date.now() - 90 * 86_400_000), agreed_at: new Date(Date.now() - 60 * 86_400_000) });
    expect(linked(await work('oco'), `/opp/${o.id}`).map((i) => [i.kind, i.urgency, i.dueOn])).toEqual([['opp.evaluation_due', 'overdue', addDays(day, -2)]]);
    await f.oppEvaluation(t.sql, { partnership_id: w.a.partnershipId, opp_id: o.id, version_id: v.id, created_by: w.users.oco.id, held_on: addDays(day, -1) });
    expect(linked(await work('oco'), `/opp/${o.id}`)).toEqual([]);
  });

  it('OCO: a signal not yet on an agenda, until it is; the mentor who raised it follows what happened', async () => {
    const s = await f.signal(t.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: w.a.pupilId, raised_by: w.users.mentor.id });
    const link = `/ondersteuning/signalen?school=${w.a.schoolId}`;
    expect(of(await work('oco'), 'signal.open').filter((i) => i.link === link).length).toBeGreaterThanOrEqual(1);
    const mentor = of(await work('mentor'), 'signal.mine').filter((i) => i.title.includes('wacht op'));
    expect(mentor.length).toBe(1);
    const countOpen = async () => of(await work('oco'), 'signal.open').length;
    const before = await countOpen();
    await t.sql`update signals set status = 'on_agenda' where id = ${s.id}`;
    expect(await countOpen()).toBe(before - 1);
    expect(of(await work('mentor'), 'signal.mine').map((i) => i.title).join()).toContain('staat op de agenda');
    // Closed: shown to the mentor for two weeks, then gone.
    await t.sql`update signals set status = 'closed', closed_at = now() where id = ${s.id}`;
    expect(of(await work('mentor'), 'signal.mine').map((i) => i.title).join()).toContain('is afgehandeld');
    await t.sql`update signals set closed_at = now() - interval '15 days' where id = ${s.id}`;
    expect(of(await work('mentor'), 'signal.mine')).toEqual([]);
  });

  it('mentor: their overdue agreement until done; OCO: the school’s overdue agreements of others', async () => {
    const a = await f.agreement(t.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: w.a.pupilId, owner_id: w.users.mentor.id, created_by: w.users.oco.id, due_on: addDays(day, -3), what: 'Ouders bellen' });
    const mentor = of(await work('mentor'), 'agreement.mine');
    expect(mentor.map((i) => [i.urgency, i.dueOn])).toEqual([['overdue', addDays(day, -3)]]);
    expect(mentor[0]!.title).toContain('Ouders bellen');
    expect(of(await work('oco'), 'agreement.school_overdue').length).toBe(1);
    expect((await work('oco')).counts.support).toBeGreaterThanOrEqual(1);
    // The school leader oversees the agreements but does not close others': not on their list.
    expect(of(await work('schoolleider'), 'agreement.school_overdue')).toEqual([]);
    await t.sql`update agreements set done_at = now() where id = ${a.id}`;
    expect(of(await work('mentor'), 'agreement.mine')).toEqual([]);
    expect(of(await work('oco'), 'agreement.school_overdue')).toEqual([]);
  });

  it('mentor: a new handelingsadvies for a pupil of their class, for two weeks; not for a pupil outside it', async () => {
    const h = await f.handelingsadvies(t.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: w.a.pupilId, created_by: w.users.oco.id });
    await f.handelingsadvies(t.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: w.a.unclassedPupilId, created_by: w.users.oco.id });
    const wk = await work('mentor');
    expect(of(wk, 'advice.new').map((i) => i.link)).toEqual([`/klassen/${w.a.classId}/scan`]);
    expect(wk.counts.pupils).toBe(1);
    await t.sql`update handelingsadviezen set created_at = now() - interval '15 days' where id = ${h.id}`;
    expect(of(await work('mentor'), 'advice.new')).toEqual([]);
  });

  it('OCO: the meetings of the coming two weeks; the mentor only those they attend', async () => {
    const kind = await f.meetingKind(t.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId });
    const m = await f.meeting(t.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, kind_id: kind.id, created_by: w.users.oco.id, starts_at: new Date(Date.now() + 3 * 86_400_000) });
    expect(linked(await work('oco'), `/ondersteuning/overleggen/${m.id}`).map((i) => i.kind)).toEqual(['meeting.next']);
    expect(linked(await work('mentor'), `/ondersteuning/overleggen/${m.id}`)).toEqual([]);
    await f.meetingAttendee(t.sql, { partnership_id: w.a.partnershipId, meeting_id: m.id, user_id: w.users.mentor.id });
    expect(linked(await work('mentor'), `/ondersteuning/overleggen/${m.id}`).map((i) => i.kind)).toEqual(['meeting.next']);
    await t.sql`update meetings set status = 'held' where id = ${m.id}`;
    expect(linked(await work('oco'), `/ondersteuning/overleggen/${m.id}`)).toEqual([]);
  });

  it('admins: an invitation not yet accepted, until accepted', async () => {
    const invited = await w.staffTarget('invited');
    const link = `/beheer/medewerkers/${invited.id}`;
    expect(linked(await work('swv_admin'), link).map((i) => i.kind)).toEqual(['staff.invited']);
    expect(linked(await work('school_admin'), link).map((i) => i.kind)).toEqual(['staff.invited']);
    expect(linked(await work('school_admin_other_school'), link)).toEqual([]);
    expect(linked(await work('privacy_officer'), link)).toEqual([]);
    expect((await work('swv_admin')).counts.admin).toBeGreaterThanOrEqual(1);
    await t.sql`update users set status = 'active' where id = ${invited.id}`;
    expect(linked(await work('swv_admin'), link)).toEqual([]);
  });

  it('OCO: a registration to decide within a week, until decided; consultant: one open past the 6 weeks (zorgplicht)', async () => {
    const at = (daysAgo: number) =>
      f.rows.zorgplichtRegistration(t.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, created_by: w.users.oco.id, pupil_id: w.a.pupilId, received_on: addDays(day, -daysAgo) });
    const due = await at(38);
    const stuck = await at(44);
    const oco = await work('oco');
    expect(linked(oco, `/zorgplicht/${due.id}`)[0]).toMatchObject({ kind: 'zorgplicht.due', urgency: 'now' });
    expect(linked(oco, `/zorgplicht/${stuck.id}`)[0]).toMatchObject({ kind: 'zorgplicht.due', urgency: 'overdue' });
    expect(oco.counts.zorgplicht).toBeGreaterThanOrEqual(2);
    expect(linked(await work('swv_consultant'), `/zorgplicht/${stuck.id}`)[0]).toMatchObject({ kind: 'zorgplicht.stuck' });
    expect(linked(await work('swv_consultant'), `/zorgplicht/${due.id}`)).toEqual([]);
    expect(linked(await work('mentor'), `/zorgplicht/${due.id}`)).toEqual([]);
    await t.sql`update zorgplicht_registrations set status = 'decided', outcome = 'admitted', outcome_reason = 'Toegelaten.', decided_on = ${day} where id in ${t.sql([due.id, stuck.id])}`;
    expect(linked(await work('oco'), `/zorgplicht/${due.id}`)).toEqual([]);
    expect(linked(await work('swv_consultant'), `/zorgplicht/${stuck.id}`)).toEqual([]);
  });

  it('director: the numbers at a glance, with no count under 5 per school', async () => {
    const open = async (n: number, schoolId: string) => {
      for (let i = 0; i < n; i++) {
        await f.request(t.sql, { partnership_id: w.a.partnershipId, school_id: schoolId, status: 'in_review', kind: 'consultation', created_by: w.users.oco.id, submitted_at: new Date(), decision_due_on: addDays(day, -5) });
      }
    };
    await open(6, w.a.schoolId);
    await open(2, w.a.otherSchoolId);
    const wk = await work('swv_director');
    expect(wk.figures.map((x) => x.kind).sort()).toEqual(['requests.due_soon', 'requests.overdue', 'tlvs.ending', 'zorgplicht.overdue']);
    const overdue = wk.figures.find((x) => x.kind === 'requests.overdue')!;
    expect(overdue.total).toBeGreaterThanOrEqual(8);
    expect(overdue.bySchool.find((s) => s.schoolId === w.a.otherSchoolId)?.count).toBeNull();
    expect(overdue.bySchool.find((s) => s.schoolId === w.a.schoolId)?.count).toBeGreaterThanOrEqual(6);
    // Numbers are the director's alone.
    for (const actor of ['swv_consultant', 'oco', 'swv_admin'] as const) expect((await work(actor)).figures, actor).toEqual([]);
    await t.sql`update requests set status = 'withdrawn' where partnership_id = ${w.a.partnershipId} and kind = 'consultation'`;
  });

  it('school leader: this school year\'s profile not yet published, until they publish it; the partnership: how many schools have not', async () => {
    const link = `/profielen/${w.a.profileId}`;
    const leader = await work('schoolleider');
    const [item] = linked(leader, link);
    expect(item).toMatchObject({ kind: 'support_profile.unpublished' });
    expect(item!.title).toContain('nog niet gepubliceerd');
    expect(leader.counts.offer).toBeGreaterThanOrEqual(1);
    // The OCO writes the profile but does not publish it; another school's OCO does not see it.
    for (const actor of ['oco', 'oco_other_school', 'mentor'] as const) expect(linked(await work(actor), link), actor).toEqual([]);
    const chase = async (actor: 'swv_director' | 'swv_admin') => of(await work(actor), 'support_profile.schools_not_updated');
    const [before] = await chase('swv_director');
    expect(before!.title).toMatch(/^\d+ van de \d+ scholen/);
    const open = Number(before!.title.split(' ')[0]);
    expect(open).toBeGreaterThanOrEqual(1);
    expect(await chase('swv_admin')).toHaveLength(1);
    // The consultant and the school do not chase schools.
    for (const actor of ['swv_consultant', 'schoolleider'] as const) expect(of(await work(actor), 'support_profile.schools_not_updated'), actor).toEqual([]);

    await t.sql`update support_profiles set published_content = content, published_at = now() where id = ${w.a.profileId}`;
    expect(linked(await work('schoolleider'), link)).toEqual([]);
    const after = await chase('swv_director');
    expect(after.length === 0 ? 0 : Number(after[0]!.title.split(' ')[0])).toBe(open - 1);
    await t.sql`update support_profiles set published_content = null, published_at = null where id = ${w.a.profileId}`;
  });

  it('school leader: a location with no profile of this school year at all, linked to the list to begin it', async () => {
    const l = await f.schoolLocation(t.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, name: 'Nieuwe dependance' });
    const items = of(await work('schoolleider'), 'support_profile.unpublished').filter((i) => i.title.includes('Nieuwe dependance'));
    expect(items.map((i) => i.detail)).toEqual([expect.stringContaining('nog niet begonnen')]);
    expect(items[0]!.link).toMatch(/^\/profielen\?schooljaar=/);
    await t.sql`delete from school_locations where id = ${l.id}`;
    expect(of(await work('schoolleider'), 'support_profile.unpublished').filter((i) => i.title.includes('Nieuwe dependance'))).toEqual([]);
  });

  it('school leader and OCO: the plan of the year being planned until handed in; the consultant: its discussion until recorded; the school: the autumn evaluation once the year has ended', async () => {
    const year = planningYear();
    const spring = (wk: Work) => of(wk, 'action_plan.spring').filter((i) => i.detail?.startsWith(schoolName));
    const [{ name: schoolName }] = await t.sql<[{ name: string }]>`select name from schools where id = ${w.a.schoolId}`;
    for (const actor of ['schoolleider', 'oco'] as const) expect(spring(await work(actor)).map((i) => i.title), actor).toEqual([`Actieplan ${year} nog niet ingediend`]);
    expect((await work('oco')).counts.quality).toBeGreaterThanOrEqual(1);
    // The support team reads the plan but does not write it; another school's OCO and the partnership do not get the school's item.
    for (const actor of ['ondersteuner', 'oco_other_school', 'swv_consultant', 'mentor'] as const) expect(spring(await work(actor)), actor).toEqual([]);
    const s = await f.rows.qualitySpearhead(t.sql, { partnership_id: w.a.partnershipId });
    const goal = { id: randomUUID(), spearheadId: s.id, goal: 'Doel', actions: '', owner: '', budgetLine: null, indicators: [{ name: 'x', target: 'y' }], origin: 'new', carriedFrom: null };
    const plan = await f.rows.actionPlan(t.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, school_year: year, content: { summary: '', goals: [goal] } });
    expect(spring(await work('oco'))[0]!.link).toBe(`/kwaliteit/actieplannen/${plan.id}`);
    await t.sql`update action_plans set submitted_at = now(), submitted_by = ${w.users.oco.id} where id = ${plan.id}`;
    expect(spring(await work('oco'))).toEqual([]);
    // Handed in: the partnership's round holders record the discussion, until they have.
    const discussion = (wk: Work) => linked(wk, `/kwaliteit/actieplannen/${plan.id}`).filter((i) => i.kind === 'action_plan.discussion');
    for (const actor of ['swv_consultant', 'swv_director'] as const) expect(discussion(await work(actor)), actor).toHaveLength(1);
    for (const actor of ['swv_admin', 'oco'] as const) expect(discussion(await work(actor)), actor).toEqual([]);
    await t.sql`update action_plans set discussion = '{"heldOn":"2026-06-01","attendees":["coordinator"],"notes":""}', discussion_at = now(), discussion_by = ${w.users.swv_consultant.id} where id = ${plan.id}`;
    expect(discussion(await work('swv_consultant'))).toEqual([]);
    // A handed-in plan of a year that has ended waits for its evaluation, until it is closed.
    const ended = await f.rows.actionPlan(t.sql, {
      partnership_id: w.a.partnershipId, school_id: w.a.schoolId, school_year: '2020-2021', content: { summary: '', goals: [goal] }, submitted_at: new Date(), submitted_by: w.users.oco.id,
    });
    const autumn = (wk: Work) => linked(wk, `/kwaliteit/actieplannen/${ended.id}`).filter((i) => i.kind === 'action_plan.autumn');
    expect(autumn(await work('schoolleider'))).toMatchObject([{ title: 'Doelen van het actieplan 2020-2021 evalueren', dueOn: '2021-11-30', urgency: 'overdue' }]);
    expect(autumn(await work('oco_other_school'))).toEqual([]);
    await t.sql`update action_plans set evaluated_at = now(), evaluated_by = ${w.users.oco.id} where id = ${ended.id}`;
    expect(autumn(await work('schoolleider'))).toEqual([]);
  });

  it('auditors: an audit of the coming two weeks; the audited school: its improvement points once the chair\'s report is in, until written', async () => {
    const round = await f.rows.auditRound(t.sql, { partnership_id: w.a.partnershipId, school_year: '2019-2020' });
    const a = await f.rows.peerAudit(t.sql, {
      partnership_id: w.a.partnershipId, round_id: round.id, school_id: w.a.schoolId, auditor_school_id: w.a.otherSchoolId, planned_on: addDays(day, 3), auditor_user_ids: [w.users.oco_other_school.id],
    });
    const link = `/kwaliteit/audits/${a.id}`;
    expect(linked(await work('oco_other_school'), link)).toMatchObject([{ kind: 'peer_audit.coming', dueOn: addDays(day, 3), urgency: 'now' }]);
    for (const actor of ['oco', 'swv_director'] as const) expect(linked(await work(actor), link), actor).toEqual([]);
    await t.sql`update peer_audits set report = '{"answers":{},"findings":[]}', report_at = now() where id = ${a.id}`;
    for (const actor of ['oco', 'schoolleider'] as const) expect(linked(await work(actor), link).map((i) => i.kind), actor).toEqual(['peer_audit.improvements']);
    expect(linked(await work('ondersteuner'), link)).toEqual([]);
    await t.sql`update peer_audits set improvements_at = now() where id = ${a.id}`;
    expect(linked(await work('oco'), link)).toEqual([]);
  });

  it('audits every pupil an item names, as a list read', async () => {
    await f.signal(t.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: w.a.pupilId, raised_by: w.users.mentor.id });
    const count = async () =>
      (await t.sql<{ n: number }[]>`select count(*)::int as n from audit_log where actor_user_id = ${w.users.oco.id} and action = 'work.list' and pupil_id = ${w.a.pupilId}`)[0]!.n;
    const before = await count();
    const wk = await work('oco');
    expect(of(wk, 'signal.open').length).toBeGreaterThan(0);
    expect(await count()).toBeGreaterThan(before);
  });
});
