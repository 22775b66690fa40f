import type { z } from 'zod';
import { transaction, type Db } from '../../db/index.ts';
import { auditMany } from '../../platform/audit.ts';
import { fail } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { reveal } from '../../platform/access/reveal.ts';
import { today } from '../../platform/time.ts';
import { supportLevelLabels } from '../pupils/schema.ts';
import { PUPIL_NAME, pupilPolicy, readsConfidential } from '../pupils/api.ts';
import { ensureDefaultKinds } from './defaults.ts';
import { agreementPolicy, meetingPolicy, supportRoutePolicy } from './policy.ts';
import type { ActionItem, AgreementOut, AgreementQuery, Decision, Meeting, MeetingItem, MeetingKind, MeetingList, SupportRoute } from './schema.ts';

/** A school of the caller's tenant, or 404. */
export async function schoolOf(db: Db, ctx: StaffContext, schoolId: string): Promise<{ id: string; name: string; schoolId: string }> {
  const [s] = await db<{ id: string; name: string }[]>`select id, name from schools where id = ${schoolId} and partnership_id = ${ctx.scope.partnershipId}`;
  if (!s) fail('NOT_FOUND');
  return { ...s!, schoolId: s!.id };
}

export async function listKinds(db: Db, schoolId: string): Promise<MeetingKind[]> {
  return db<MeetingKind[]>`
    select id, code, name, default_roles as "defaultRoles", rhythm, position, active
    from meeting_kinds where school_id = ${schoolId} order by position, created_at`;
}

/** Active staff with a role at the school, with those roles. */
export async function schoolStaff(db: Db, schoolId: string) {
  return db<{ id: string; name: string; roles: string[] }[]>`
    select u.id, u.name, array_agg(r.role order by r.role) as roles
    from role_assignments r join users u on u.id = r.user_id
    where r.school_id = ${schoolId} and u.status = 'active'
    group by u.id, u.name order by u.name`;
}

/** The route; the six default kinds are made the first time a school's route is read. */
export async function getSupportRoute(ctx: StaffContext, schoolId: string): Promise<SupportRoute> {
  const school = await schoolOf(ctx.sql, ctx, schoolId);
  supportRoutePolicy.authorize(ctx.principal, 'read', school);
  await transaction(ctx.sql, (tx) => ensureDefaultKinds(tx, ctx.scope.partnershipId, school.id));
  const [kinds, staff] = await Promise.all([listKinds(ctx.sql, school.id), schoolStaff(ctx.sql, school.id)]);
  return {
    school: { id: school.id, name: school.name },
    kinds,
    staff,
    allowed: { configure: supportRoutePolicy.can(ctx.principal, 'configure', school), planMeeting: supportRoutePolicy.can(ctx.principal, 'planMeeting', school) },
  };
}

type SummaryRow = Omit<z.infer<typeof Meeting>, 'school' | 'attendees' | 'items' | 'createdBy' | 'allowed'>;

const summaryColumns = (db: Db, userId: string) => db`
  m.id, json_build_object('id', k.id, 'name', k.name, 'code', k.code) as kind, m.starts_at as "startsAt", m.location, m.status,
  (select count(*)::int from meeting_attendees a where a.meeting_id = m.id) as "attendeeCount",
  (select count(*)::int from meeting_items i where i.meeting_id = m.id) as "pupilCount",
  exists (select 1 from meeting_attendees a where a.meeting_id = m.id and a.user_id = ${userId}) as attending`;

/** Upcoming (from the start of today, Dutch time) or past meetings; mentors see only those they attend. */
export async function listMeetings(ctx: StaffContext, schoolId: string, when: 'upcoming' | 'past'): Promise<MeetingList> {
  const school = await schoolOf(ctx.sql, ctx, schoolId);
  supportRoutePolicy.authorize(ctx.principal, 'listMeetings', school);
  const dayStart = ctx.sql`(date_trunc('day', now() at time zone 'Europe/Amsterdam') at time zone 'Europe/Amsterdam')`;
  const meetings = await ctx.sql<SummaryRow[]>`
    select ${summaryColumns(ctx.sql, ctx.principal.userId)}
    from meetings m join meeting_kinds k on k.id = m.kind_id
    where m.school_id = ${school.id} and m.partnership_id = ${ctx.scope.partnershipId}
      and ${when === 'upcoming' ? ctx.sql`m.starts_at >= ${dayStart}` : ctx.sql`m.starts_at < ${dayStart}`}
      and ${meetingPolicy.scope(ctx.sql, ctx.principal, 'read')}
    order by ${when === 'upcoming' ? ctx.sql`m.starts_at asc` : ctx.sql`m.starts_at desc`}
    limit 200`;
  return { meetings, allowed: { plan: supportRoutePolicy.can(ctx.principal, 'planMeeting', school) } };
}

export interface MeetingRow {
  id: string;
  schoolId: string;
  schoolName: string;
  kindId: string;
  kindName: string;
  kindCode: string;
  defaultRoles: string[];
  startsAt: Date;
  status: 'planned' | 'held' | 'cancelled';
  attending: boolean;
}

/** The meeting as the policy sees it, after the action check: not readable is 404, readable but not the caller's action 403. */
export async function meetingFor(db: Db, ctx: StaffContext, meetingId: string, action: 'read' | 'manage', lock = false): Promise<MeetingRow> {
  const [row] = await db<MeetingRow[]>`
    select m.id, m.school_id as "schoolId", s.name as "schoolName", m.kind_id as "kindId", k.name as "kindName", k.code as "kindCode",
      k.default_roles as "defaultRoles", m.starts_at as "startsAt", m.status,
      exists (select 1 from meeting_attendees a where a.meeting_id = m.id and a.user_id = ${ctx.principal.userId}) as attending
    from meetings m join meeting_kinds k on k.id = m.kind_id join schools s on s.id = m.school_id
    where m.id = ${meetingId} and m.partnership_id = ${ctx.scope.partnershipId}
    ${lock ? db`for update of m` : db``}`;
  return reveal(ctx.principal, meetingPolicy, action, { id: meetingId, row });
}

const agreementColumns = (db: Db) => db`
  a.id, a.what, json_build_object('id', o.id, 'name', o.name) as owner, a.due_on as "dueOn", a.done_at as "doneAt",
  (a.done_at is null and a.due_on < ${today()}::date) as overdue`;

/** The meeting with its agenda; every pupil on it is an audited read (on screen, or on paper as its agenda and minutes). */
export async function getMeeting(ctx: StaffContext, meetingId: string, action: 'meeting.read' | 'meeting.minutes_pdf' = 'meeting.read'): Promise<z.infer<typeof Meeting>> {
  return transaction(ctx.sql, async (tx) => {
    const m = await meetingFor(tx, ctx, meetingId, 'read');
    const supportTeam = readsConfidential(ctx.principal, m);
    const [summary] = await tx<(SummaryRow & { createdBy: { id: string; name: string } })[]>`
      select ${summaryColumns(tx, ctx.principal.userId)}, json_build_object('id', c.id, 'name', c.name) as "createdBy"
      from meetings m join meeting_kinds k on k.id = m.kind_id join users c on c.id = m.created_by where m.id = ${m.id}`;
    const attendees = await tx<{ id: string; name: string }[]>`
      select u.id, u.name from meeting_attendees a join users u on u.id = a.user_id where a.meeting_id = ${m.id} order by u.name`;
    const rows = await tx<(Omit<MeetingItem, 'decisions' | 'agreements' | 'pupil'> & { pupil: NonNullable<MeetingItem['pupil']>; schoolId: string; classId: string | null })[]>`
      select i.id, json_build_object('id', p.id, 'name', ${tx.unsafe(PUPIL_NAME)}, 'className', c.name, 'supportLevel', p.support_level) as pupil,
        -- The signal's own note, else the logbook entry it was raised from (confidential text only for the support team).
        case when sg.id is null then null else json_build_object('id', sg.id, 'note', coalesce(nullif(sg.note, ''),
          case when le.confidential and not ${supportTeam} then 'Vertrouwelijke aantekening' else le.body end, '')) end as signal,
        i.position, i.summary, p.school_id as "schoolId", e.class_id as "classId"
      from meeting_items i join pupils p on p.id = i.pupil_id
      left join enrolments e on e.pupil_id = p.id and e.end_date is null left join classes c on c.id = e.class_id
      left join signals sg on sg.id = i.signal_id
      left join logbook_entries le on le.id = sg.logbook_entry_id
      where i.meeting_id = ${m.id} order by i.position, i.created_at`;
    // Attending is no licence to read: an attendee sees the items of the pupils they may read (pupilPolicy), the rest is "another pupil".
    const items = rows.filter((i) => pupilPolicy.can(ctx.principal, 'read', i));
    const others = rows.filter((i) => !items.includes(i)).map((i) => ({ id: i.id, pupil: null, signal: null, position: i.position, summary: '', decisions: [], agreements: [] }));
    const itemIds = items.map((i) => i.id);
    const decisions = itemIds.length
      ? await tx<(Omit<Decision, 'valueLabel'> & { itemId: string; caseManagerName: string | null })[]>`
          select d.id, d.item_id as "itemId", d.kind, d.value, d.note, json_build_object('id', u.id, 'name', u.name) as "decidedBy", d.created_at as "createdAt",
            cm.name as "caseManagerName"
          from meeting_decisions d join users u on u.id = d.decided_by
          left join users cm on d.kind = 'case_manager' and cm.id::text = d.value
          where d.item_id = any(${itemIds}::uuid[]) order by d.created_at`
      : [];
    const agreements = itemIds.length
      ? await tx<(AgreementOut & { itemId: string })[]>`
          select ${agreementColumns(tx)}, a.meeting_item_id as "itemId"
          from agreements a join users o on o.id = a.owner_id
          where a.meeting_item_id = any(${itemIds}::uuid[]) order by a.due_on, a.created_at`
      : [];
    await auditMany(
      tx,
      ctx.actor,
      items.map((i) => ({ action, entityType: 'meeting', entityId: m.id, pupilId: i.pupil.id, schoolId: i.schoolId })),
    );
    return {
      ...summary!,
      school: { id: m.schoolId, name: m.schoolName },
      attendees,
      createdBy: summary!.createdBy,
      items: [
        ...items.map(({ schoolId: _s, classId: _c, ...i }) => ({
          ...i,
          decisions: decisions
            .filter((d) => d.itemId === i.id)
            .map(({ itemId: _i, caseManagerName, ...d }) => ({ ...d, valueLabel: decisionValueLabel(d.kind, d.value, caseManagerName) })),
          agreements: agreements.filter((a) => a.itemId === i.id).map(({ itemId: _i, ...a }) => a),
        })),
        ...others,
      ].sort((a, b) => a.position - b.position),
      allowed: { manage: meetingPolicy.can(ctx.principal, 'manage', m) },
    };
  });
}

export function decisionValueLabel(kind: string, value: string, caseManagerName: string | null): string {
  if (kind === 'support_level') return supportLevelLabels[value as keyof typeof supportLevelLabels] ?? value;
  if (kind === 'case_manager') return caseManagerName ?? 'onbekende medewerker';
  return value;
}

type ActionRow = Omit<ActionItem, 'allowed'> & { schoolId: string; ownerId: string };

const actionSelect = (db: Db) => db`
  select ${agreementColumns(db)}, a.school_id as "schoolId", a.owner_id as "ownerId",
    json_build_object('id', s.id, 'name', s.name) as school,
    case when p.id is null then null else json_build_object('id', p.id, 'name', ${db.unsafe(PUPIL_NAME)}) end as pupil,
    case when m.id is null then null else json_build_object('id', m.id, 'kind', k.name, 'startsAt', m.starts_at) end as meeting
  from agreements a join users o on o.id = a.owner_id join schools s on s.id = a.school_id
  left join pupils p on p.id = a.pupil_id
  left join meeting_items i on i.id = a.meeting_item_id left join meetings m on m.id = i.meeting_id left join meeting_kinds k on k.id = m.kind_id`;

function present(ctx: StaffContext, rows: ActionRow[]): ActionItem[] {
  return rows.map(({ schoolId, ownerId, ...a }) => ({
    ...a,
    // json_build_object gives the instant as text.
    meeting: a.meeting ? { ...a.meeting, startsAt: new Date(a.meeting.startsAt) } : null,
    allowed: { markDone: a.doneAt === null && agreementPolicy.can(ctx.principal, 'markDone', { schoolId, ownerId }) },
  }));
}

/** Mijn acties: the caller's open agreements across schools, the soonest due first. */
export async function myActions(ctx: StaffContext): Promise<{ actions: ActionItem[] }> {
  return transaction(ctx.sql, async (tx) => {
    const rows = await tx<ActionRow[]>`
      ${actionSelect(tx)}
      where a.owner_id = ${ctx.principal.userId} and a.partnership_id = ${ctx.scope.partnershipId} and a.done_at is null
      order by a.due_on, a.created_at limit 500`;
    await auditMany(
      tx,
      ctx.actor,
      rows.filter((r) => r.pupil).map((r) => ({ action: 'agreement.list_mine', entityType: 'agreement', entityId: r.id, pupilId: r.pupil!.id, schoolId: r.schoolId })),
    );
    return { actions: present(ctx, rows) };
  });
}

/** The school's agreements for the OCO and school leader: open, overdue, done or all. */
export async function schoolAgreements(ctx: StaffContext, schoolId: string, q: z.infer<typeof AgreementQuery>): Promise<{ agreements: ActionItem[] }> {
  const school = await schoolOf(ctx.sql, ctx, schoolId);
  supportRoutePolicy.authorize(ctx.principal, 'overseeAgreements', school);
  return transaction(ctx.sql, async (tx) => {
    const filter = {
      open: tx`a.done_at is null`,
      overdue: tx`a.done_at is null and a.due_on < ${today()}::date`,
      done: tx`a.done_at is not null`,
      all: tx`true`,
    }[q.status];
    const rows = await tx<ActionRow[]>`
      ${actionSelect(tx)}
      where a.school_id = ${school.id} and a.partnership_id = ${ctx.scope.partnershipId} and ${filter} and ${agreementPolicy.scope(tx, ctx.principal, 'read')}
      order by ${q.status === 'done' ? tx`a.done_at desc` : tx`a.due_on, a.created_at`} limit 500`;
    await auditMany(
      tx,
      ctx.actor,
      rows.filter((r) => r.pupil).map((r) => ({ action: 'agreement.list_school', entityType: 'agreement', entityId: r.id, pupilId: r.pupil!.id, schoolId: r.schoolId })),
    );
    return { agreements: present(ctx, rows) };
  });
}
