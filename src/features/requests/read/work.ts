import type postgres from 'postgres';
import type { Principal } from '../../../platform/access/principal.ts';
import type { Db } from '../../../db/index.ts';
import { figureBySchool, schoolsWhere, urgencyOf, type FigureSource, type WorkItem, type WorkRead, type WorkSource } from '../../../platform/work.ts';
import { PUPIL_INITIALS, PUPIL_NAME } from '../../pupils/api.ts';
import { noRequest, requestPolicy, requestSettingsPolicy, type RequestResource } from '../policy.ts';
import { clockOf } from './clock.ts';
import { openStatuses, requestKindLabels, type RequestKind } from '../schema.ts';

/**
 * What waits for whom in the requests (docs/decisions/0012-work-and-menu.md):
 * the school answers additions, the loket picks up and works its requests by
 * their clocks, experts advise, deciders decide; the director sees the
 * partnership's numbers. Every list is the policy's scope ('read' or 'queue')
 * and every row is then asked the rule of the action it waits for, so an item
 * is on the list exactly when the reader may do what it asks.
 */

interface Row extends RequestResource {
  id: string;
  pupilId: string | null;
  pupilName: string | null;
  initials: string | null;
  schoolName: string;
  submittedAt: Date | null;
  decisionDueOn: string | null;
  waitingSince: Date | null;
  waitingDays: number;
  decidedAt: Date | null;
  since: Date | null;
}

const columns = (db: Db) => db`
  r.id, r.kind, r.status, r.school_id as "schoolId", r.assigned_to as "assignedTo", r.pupil_id as "pupilId", s.name as "schoolName",
  ${db.unsafe(PUPIL_NAME)} as "pupilName", ${db.unsafe(PUPIL_INITIALS)} as initials,
  r.submitted_at as "submittedAt", r.decision_due_on::text as "decisionDueOn", r.waiting_since as "waitingSince", r.waiting_days as "waitingDays", r.decided_at as "decidedAt",
  coalesce((select array_agg(x.expert_id) from request_experts x where x.request_id = r.id), '{}') as "expertIds"`;

const kindName = (k: RequestKind) => requestKindLabels[k].replace(/ \(.*\)$/, '').toLowerCase();
/** Whom the request is about: the name where the reader holds it, initials on the loket's list, or the group. */
const about = (r: Row, named: boolean) => (r.pupilId ? ` voor ${named ? r.pupilName : r.initials}` : '');
const subject = (r: Row) => ({ entityType: 'request', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId });

type Clock = ReturnType<typeof clockOf>;

/** The rows of a scoped query that the action's rule admits, each with its clock (worked out once a row: lists run it per row). */
function finish(
  o: WorkRead,
  rows: Row[],
  action: Parameters<typeof requestPolicy.can>[1],
  item: (r: Row, dueOn: string | null, clock: Clock) => Omit<WorkItem, 'subject' | 'dueOn' | 'kind'> & { kind?: string },
  kind: string,
) {
  const mine = rows.filter((r) => requestPolicy.can(o.principal, action, r));
  const items = mine.map((r) => {
    const clock = clockOf(r, o.now);
    return { kind, ...item(r, clock.decisionDueOn, clock), dueOn: clock.decisionDueOn, subject: subject(r) } as WorkItem;
  });
  return { items, count: items.length };
}

const open = (db: Db) => db`r.status in ${db([...openStatuses])}`;

/** The schools where the reader answers the partnership's questions for the school. */
const answersAt = (p: Principal) => schoolsWhere(p, (schoolId) => requestPolicy.can(p, 'answerAddition', { ...noRequest, schoolId, status: 'submitted' }));

/** The school's support team: the partnership asked for more and the clock waits for the school. */
const additionsAsked: WorkSource = {
  kind: 'request.addition_asked',
  menu: 'requests',
  applies: (p) => answersAt(p).length > 0,
  async read(o) {
    const rows = await o.db<Row[]>`
      select ${columns(o.db)}, min(m.created_at) as since
      from requests r join request_messages m on m.request_id = r.id and m.kind = 'addition_request' and m.answered_at is null
        join schools s on s.id = r.school_id left join pupils p on p.id = r.pupil_id
      where r.partnership_id = ${o.partnershipId} and ${open(o.db)} and ${requestPolicy.scope(o.db, o.principal, 'read')}
        and r.school_id = any(${answersAt(o.principal)}::uuid[])
      group by r.id, s.name, p.id
      order by since limit 200`;
    return finish(o, rows, 'answerAddition', (r) => ({
      title: `Aanvulling gevraagd bij de aanvraag ${kindName(r.kind)}${about(r, true)}`,
      detail: `${r.schoolName}; de termijn staat stil tot de school antwoordt`,
      link: `/aanvragen/${r.id}`,
      // The partnership waits: the school's turn now, whatever the decision date.
      urgency: 'now',
    }), this.kind);
  },
};

/** The loket: submitted requests nobody has taken yet, by their decision date. */
const toPickUp: WorkSource = {
  kind: 'request.to_pick_up',
  menu: 'requests',
  applies: (p) => requestPolicy.can(p, 'take', { ...noRequest, status: 'submitted' }),
  async read(o) {
    const rows = await o.db<Row[]>`
      select ${columns(o.db)}, r.submitted_at as since
      from requests r join schools s on s.id = r.school_id left join pupils p on p.id = r.pupil_id
      where r.partnership_id = ${o.partnershipId} and r.status = 'submitted' and r.assigned_to is null and ${requestPolicy.scope(o.db, o.principal, 'queue')}
      order by r.decision_due_on nulls last, r.submitted_at limit 200`;
    return finish(o, rows, 'take', (r, due) => ({
      title: `Nieuwe aanvraag ${kindName(r.kind)}${about(r, requestPolicy.can(o.principal, 'read', r))} oppakken`,
      detail: r.schoolName,
      link: `/aanvragen/${r.id}`,
      urgency: urgencyOf(due, o.today),
    }), this.kind);
  },
};

/** The consultant's own requests, by their clocks. */
const mineByClock: WorkSource = {
  kind: 'request.mine',
  menu: 'requests',
  applies: (p) => requestPolicy.can(p, 'take', { ...noRequest, status: 'submitted' }),
  async read(o) {
    const rows = await o.db<Row[]>`
      select ${columns(o.db)}, r.submitted_at as since
      from requests r join schools s on s.id = r.school_id left join pupils p on p.id = r.pupil_id
      where r.partnership_id = ${o.partnershipId} and r.assigned_to = ${o.principal.userId} and r.status in ('submitted', 'in_review')
        and ${requestPolicy.scope(o.db, o.principal, 'read')}
      limit 500`;
    // What the consultant moves on: review, experts, to the decision, the answer to a consultation.
    return finish(o, rows, 'read', (r, due, c) => {
      return {
        title: `Aanvraag ${kindName(r.kind)}${about(r, true)} behandelen`,
        detail: `${r.schoolName}${c.waitingForSchool ? '; wacht op aanvulling van de school' : c.daysToTarget !== null ? `; nog ${c.daysToTarget} dagen tot de beslistermijn` : ''}`,
        link: `/aanvragen/${r.id}`,
        urgency: c.waitingForSchool ? 'later' : urgencyOf(due, o.today),
      };
    }, this.kind);
  },
};

/** The consultant (or an expert, the decider) who asked for more: the school answered. */
const additionsAnswered: WorkSource = {
  kind: 'request.addition_answered',
  menu: 'requests',
  // Whoever may ask for more (the request's consultant, experts, decider); the school never asks.
  applies: (p) => requestPolicy.can(p, 'list', noRequest),
  async read(o) {
    const rows = await o.db<Row[]>`
      select ${columns(o.db)}, max(m.answered_at) as since
      from requests r join request_messages m on m.request_id = r.id and m.kind = 'addition_request' and m.author_id = ${o.principal.userId} and m.answered_at is not null
        join schools s on s.id = r.school_id left join pupils p on p.id = r.pupil_id
      where r.partnership_id = ${o.partnershipId} and ${open(o.db)} and ${requestPolicy.scope(o.db, o.principal, 'read')}
        -- Read and acted on: the asker wrote in the thread (or moved the request) after the answer.
        and not exists (select 1 from request_messages n where n.request_id = r.id and n.side = 'partnership' and n.created_at > m.answered_at)
      group by r.id, s.name, p.id
      order by since limit 200`;
    return finish(o, rows, 'askAddition', (r) => ({
      title: `De school heeft de aanvulling gestuurd bij de aanvraag ${kindName(r.kind)}${about(r, true)}`,
      detail: r.schoolName,
      link: `/aanvragen/${r.id}`,
      urgency: 'now',
    }), this.kind);
  },
};

/** Experts: the advice they owe, by the request's decision date. */
const adviceOwed: WorkSource = {
  kind: 'request.advice_owed',
  menu: 'requests',
  applies: (p) => requestPolicy.can(p, 'advise', { ...noRequest, status: 'advice', kind: 'tlv', expertIds: [p.userId] }),
  async read(o) {
    const rows = await o.db<Row[]>`
      select ${columns(o.db)}, x.assigned_at as since
      from requests r join request_experts x on x.request_id = r.id and x.expert_id = ${o.principal.userId} and x.advised_at is null
        join schools s on s.id = r.school_id left join pupils p on p.id = r.pupil_id
      where r.partnership_id = ${o.partnershipId} and r.status = 'advice' and ${requestPolicy.scope(o.db, o.principal, 'read')}
      limit 500`;
    return finish(o, rows, 'advise', (r, due) => ({
      title: `Advies geven bij de aanvraag ${kindName(r.kind)}${about(r, true)}`,
      detail: r.schoolName,
      link: `/aanvragen/${r.id}`,
      urgency: urgencyOf(due, o.today),
    }), this.kind);
  },
};

/** The director and mandated deciders: requests at the decision. */
const atDecision: WorkSource = {
  kind: 'request.at_decision',
  menu: 'requests',
  applies: (p) => requestPolicy.can(p, 'decide', { ...noRequest, status: 'decision' }),
  async read(o) {
    const rows = await o.db<Row[]>`
      select ${columns(o.db)}, r.updated_at as since
      from requests r join schools s on s.id = r.school_id left join pupils p on p.id = r.pupil_id
      where r.partnership_id = ${o.partnershipId} and r.status = 'decision' and ${requestPolicy.scope(o.db, o.principal, 'read')}
      limit 500`;
    return finish(o, rows, 'decide', (r, due) => ({
      title: `Besluiten over de aanvraag ${kindName(r.kind)}${about(r, true)}`,
      detail: r.schoolName,
      link: `/aanvragen/${r.id}`,
      urgency: urgencyOf(due, o.today),
    }), this.kind);
  },
};

export const requestWork: WorkSource[] = [additionsAsked, toPickUp, mineByClock, additionsAnswered, adviceOwed, atDecision];

/** The decision date as clockOf computes it (moved by the days the school was waited for), in SQL. */
const dueSql = (db: Db, day: string) => db`(r.decision_due_on + (r.waiting_days + case when r.waiting_since is null then 0
  else greatest(0, ${day}::date - (r.waiting_since at time zone 'Europe/Amsterdam')::date) end))`;

const openByClock = (kind: string, label: string, when: (db: Db, day: string) => postgres.Fragment): FigureSource => ({
  kind,
  applies: (p) => requestSettingsPolicy.can(p, 'numbers', {}),
  async read(o) {
    const counts = await o.db<{ schoolId: string; n: number }[]>`
      select r.school_id as "schoolId", count(*)::int as n from requests r
      where r.partnership_id = ${o.partnershipId} and ${open(o.db)} and r.waiting_since is null and ${when(o.db, o.today)}
      group by r.school_id`;
    return { kind, label, total: counts.reduce((a, c) => a + c.n, 0), link: '/aanvragen', bySchool: await figureBySchool(o.db, o.partnershipId, counts) };
  },
});

/** The director's numbers at a glance: open requests by clock (counts only, no pupil). */
export const requestFigures: FigureSource[] = [
  openByClock('requests.overdue', 'Open aanvragen over de beslistermijn', (db, day) => db`${dueSql(db, day)} < ${day}::date`),
  openByClock('requests.due_soon', 'Open aanvragen met de beslistermijn binnen 14 dagen', (db, day) => db`${dueSql(db, day)} between ${day}::date and ${day}::date + 14`),
];
