import type postgres from 'postgres';
import type { Principal } from '../../platform/access/principal.ts';
import { addDays, formatDay, formatTime, today as dayOf } from '../../platform/time.ts';
import { schoolsWhere, urgencyOf, type WorkItem, type WorkRead, type WorkSource } from '../../platform/work.ts';
import { PUPIL_NAME, pupilPolicy } from '../pupils/api.ts';
import { agreementPolicy, meetingPolicy, supportRoutePolicy } from './policy.ts';

/**
 * What waits in the support route (docs/decisions/0012-work-and-menu.md):
 * one's own agreements when they are due within a week or overdue, the
 * school's overdue agreements for whoever may close them (the OCO), and the
 * meetings of the coming two weeks.
 */

/** Own agreements show this many days ahead of their due day. */
const OWN_AHEAD_DAYS = 7;
/** Meetings show this many days ahead. */
const MEETINGS_AHEAD_DAYS = 14;

interface AgreementRow {
  id: string;
  what: string;
  dueOn: string;
  schoolId: string;
  schoolName: string;
  ownerId: string;
  ownerName: string;
  pupilId: string | null;
  pupilName: string | null;
  classId: string | null;
}

const agreementItem = (kind: string, r: AgreementRow, today: string, link: string, withOwner: boolean): WorkItem => ({
  kind,
  title: `${r.dueOn < today ? 'Afspraak over tijd' : 'Afspraak'}: ${r.what}${r.pupilName ? ` (${r.pupilName})` : ''}`,
  detail: [withOwner ? `Van ${r.ownerName}` : null, `uiterlijk ${formatDay(r.dueOn)}`, r.schoolName].filter(Boolean).join('; '),
  link,
  dueOn: r.dueOn,
  urgency: urgencyOf(r.dueOn, today),
  subject: { entityType: 'agreement', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId },
});

const agreementRows = (o: WorkRead, where: postgres.Fragment) => o.db<AgreementRow[]>`
  select a.id, a.what, a.due_on::text as "dueOn", a.school_id as "schoolId", s.name as "schoolName", a.owner_id as "ownerId", u.name as "ownerName",
    a.pupil_id as "pupilId", case when p.id is null then null else ${o.db.unsafe(PUPIL_NAME)} end as "pupilName", e.class_id as "classId"
  from agreements a join schools s on s.id = a.school_id join users u on u.id = a.owner_id
    left join pupils p on p.id = a.pupil_id left join enrolments e on e.pupil_id = p.id and e.end_date is null
  where a.partnership_id = ${o.partnershipId} and a.done_at is null and ${where} and ${agreementPolicy.scope(o.db, o.principal, 'read')}
  order by a.due_on, a.created_at limit 500`;

/** Mine: open agreements due within a week or overdue, wherever they were made. */
const ownAgreements: WorkSource = {
  kind: 'agreement.mine',
  menu: 'support',
  applies: () => true,
  async read(o) {
    const rows = await agreementRows(o, o.db`a.owner_id = ${o.principal.userId} and a.due_on <= ${addDays(o.today, OWN_AHEAD_DAYS)}::date`);
    const items = rows
      .filter((r) => agreementPolicy.can(o.principal, 'markDone', { schoolId: r.schoolId, ownerId: r.ownerId }))
      // A pupil's name only where the reader still sees the pupil (a mentor whose pupil moved class sees the agreement, not the name).
      .map((r) => (r.pupilId && !pupilPolicy.can(o.principal, 'read', { schoolId: r.schoolId, classId: r.classId }) ? { ...r, pupilName: null, pupilId: null } : r))
      .map((r) => agreementItem('agreement.mine', r, o.today, '/ondersteuning/mijn-acties', false));
    return { items, count: items.length };
  },
};

/** The schools whose overdue agreements the reader oversees and may close (the OCO). */
const closesAt = (p: Principal) =>
  schoolsWhere(p, (schoolId) => supportRoutePolicy.can(p, 'overseeAgreements', { schoolId }) && agreementPolicy.can(p, 'markDone', { schoolId, ownerId: '' }));

/** The school's overdue agreements of others (one's own are in 'agreement.mine'). */
const schoolOverdue: WorkSource = {
  kind: 'agreement.school_overdue',
  menu: 'support',
  applies: (p) => closesAt(p).length > 0,
  async read(o) {
    const rows = await agreementRows(o, o.db`a.school_id = any(${closesAt(o.principal)}::uuid[]) and a.owner_id <> ${o.principal.userId} and a.due_on < ${o.today}::date`);
    const items = rows.map((r) => agreementItem('agreement.school_overdue', r, o.today, `/ondersteuning/afspraken?school=${r.schoolId}&status=overdue`, true));
    return { items, count: items.length };
  },
};

/** The meetings of the coming two weeks the reader may open: the whole school's for its support team and leader, else those they attend. */
const nextMeetings: WorkSource = {
  kind: 'meeting.next',
  applies: (p) => schoolsWhere(p, (schoolId) => supportRoutePolicy.can(p, 'listMeetings', { schoolId })).length > 0,
  async read(o) {
    const schools = schoolsWhere(o.principal, (schoolId) => supportRoutePolicy.can(o.principal, 'listMeetings', { schoolId }));
    const rows = await o.db<{ id: string; schoolId: string; schoolName: string; kind: string; startsAt: Date; attending: boolean; pupils: number }[]>`
      select m.id, m.school_id as "schoolId", s.name as "schoolName", k.name as kind, m.starts_at as "startsAt",
        exists (select 1 from meeting_attendees a where a.meeting_id = m.id and a.user_id = ${o.principal.userId}) as attending,
        (select count(*)::int from meeting_items i where i.meeting_id = m.id) as pupils
      from meetings m join meeting_kinds k on k.id = m.kind_id join schools s on s.id = m.school_id
      where m.partnership_id = ${o.partnershipId} and m.school_id = any(${schools}::uuid[]) and m.status = 'planned'
        and m.starts_at >= now() and (m.starts_at at time zone 'Europe/Amsterdam')::date <= ${addDays(o.today, MEETINGS_AHEAD_DAYS)}::date
      order by m.starts_at limit 100`;
    const items = rows
      .filter((m) => meetingPolicy.can(o.principal, 'read', { schoolId: m.schoolId, attending: m.attending }))
      .map((m): WorkItem => {
        const day = dayOf(m.startsAt);
        return {
          kind: 'meeting.next',
          title: `${m.kind} op ${formatDay(day)} om ${formatTime(m.startsAt)}`,
          detail: `${m.schoolName}; ${m.pupils === 1 ? '1 leerling' : `${m.pupils} leerlingen`} op de agenda`,
          link: `/ondersteuning/overleggen/${m.id}`,
          dueOn: day,
          urgency: day === o.today ? 'now' : 'soon',
          subject: { entityType: 'meeting', entityId: m.id, pupilId: null, schoolId: m.schoolId },
        };
      });
    return { items, count: items.length };
  },
};

export const supportRouteWork: WorkSource[] = [ownAgreements, schoolOverdue, nextMeetings];
