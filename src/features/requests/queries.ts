import type { z } from 'zod';
import { transaction } from '../../db/index.ts';
import { audit, auditMany } from '../../platform/audit.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { addDays, daysBetween, today } from '../../platform/time.ts';
import { composing, requestFor } from './access.ts';
import { dossierItems, shownSnapshot } from './dossier-items.ts';
import { completenessOf, requiredParts, unsentCheck } from './facts.ts';
import { consentAsked } from './parent.ts';
import { noRequest, requestPolicy, requestSettingsPolicy, seesUnsent, visibleAdvices, type RequestResource } from './policy.ts';
import type { ArrangementKindOffer, Attachment, Discipline, Queue, QueueQuery, RequestPage } from './schema.ts';
import { PUPIL_INITIALS, PUPIL_NAME } from '../pupils/api.ts';

/** Closed requests stay in the work list this long; older ones by their status filter or on the pupil's page. */
const CLOSED_SHOWN_DAYS = 30;
/** Requests per page of the work list: one audit row per pupil shown. */
const QUEUE_PAGE_SIZE = 50;

interface ClockRow {
  submittedAt: Date | null;
  decisionDueOn: string | null;
  waitingSince: Date | null;
  waitingDays: number;
  decidedAt: Date | null;
}

/**
 * Days since submission, the decision date and the days to it, and the days
 * spent waiting for the school. Waiting for an addition suspends the clock:
 * the decision date moves by the days the partnership waited, so asking for
 * more never eats the partnership's own time, and the school sees why.
 */
export function clockOf(c: ClockRow, now = new Date()) {
  const end = c.decidedAt ?? now;
  const openWait = c.waitingSince ? Math.max(0, daysBetween(today(c.waitingSince), today(now))) : 0;
  const waited = c.waitingDays + openWait;
  const dueOn = c.decisionDueOn ? addDays(c.decisionDueOn, waited) : null;
  return {
    submittedAt: c.submittedAt,
    daysSinceSubmission: c.submittedAt ? daysBetween(today(c.submittedAt), today(end)) : null,
    decisionDueOn: dueOn,
    daysToTarget: dueOn && !c.decidedAt ? daysBetween(today(now), dueOn) : null,
    waitingDays: waited,
    waitingForSchool: c.waitingSince !== null,
  };
}

const clockColumns = (alias: string) =>
  `${alias}.submitted_at as "submittedAt", ${alias}.decision_due_on::text as "decisionDueOn", ${alias}.waiting_since as "waitingSince", ${alias}.waiting_days as "waitingDays", ${alias}.decided_at as "decidedAt"`;

/** The request page: everything on one screen, with what the reader may do. Audited as a read of the pupil's data. */
export async function requestPage(ctx: StaffContext, id: string): Promise<z.input<typeof RequestPage>> {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, 'read');
    const [row] = await tx`
      select r.id, r.kind, r.status, r.tlv_school_kind as "tlvSchoolKind", r.group_description as "groupDescription", r.question, r.done_already as "doneAlready",
        r.expectation, r.return_goal as "returnGoal", r.revision, r.previous_request_id as "previousRequestId", ${tx.unsafe(clockColumns('r'))},
        json_build_object('id', s.id, 'name', s.name) as school,
        case when p.id is null then null else json_build_object('id', p.id, 'name', ${tx.unsafe(PUPIL_NAME)},
          'birthDate', p.birth_date::text, 'className', c.name) end as pupil,
        case when ak.id is null then null else json_build_object('id', ak.id, 'name', ak.name) end as "arrangementKind",
        json_build_object('id', cb.id, 'name', cb.name) as "createdBy",
        case when at.id is null then null else json_build_object('id', at.id, 'name', at.name) end as "assignedTo"
      from requests r join schools s on s.id = r.school_id join users cb on cb.id = r.created_by
        left join pupils p on p.id = r.pupil_id
        left join enrolments e on e.pupil_id = p.id and e.end_date is null left join classes c on c.id = e.class_id
        left join arrangement_kinds ak on ak.id = r.arrangement_kind_id left join users at on at.id = r.assigned_to
      where r.id = ${id}`;
    const [attachments, consents, asked, messages, experts, decision, objections] = await Promise.all([
      tx<z.infer<typeof Attachment>[]>`select id, item_type as "itemType", item_id as "itemId", label, item_date::text as "itemDate", health, removed_at is not null as removed,
           shared_at is not null as shared, snapshot,
           item_type = 'logbook' and exists (select 1 from logbook_entries l where l.id = item_id and l.confidential) as confidential
         from request_attachments where request_id = ${id} ${seesUnsent(ctx.principal, r) ? tx`` : tx`and shared_at is not null`} order by item_date desc, label`,
      tx`select id, signer, signer_name as "signerName", decision, attachment_ids::text[] as "attachmentIds", comment, method, created_at as "createdAt"
         from request_consents where request_id = ${id} order by created_at`,
      consentAsked(tx, id, (row as unknown as ClockRow).submittedAt),
      tx`select m.id, json_build_object('id', u.id, 'name', u.name) as author, m.side, m.kind, m.body, m.answers_id as "answersId", m.answered_at as "answeredAt",
           m.attachment_ids::text[] as "attachmentIds", m.created_at as "createdAt"
         from request_messages m join users u on u.id = m.author_id where m.request_id = ${id} order by m.created_at, m.id`,
      tx<{ expert: { id: string } }[]>`select x.id, json_build_object('id', u.id, 'name', u.name) as expert, x.discipline, x.advice, x.advised_at as "advisedAt"
         from request_experts x join users u on u.id = x.expert_id where x.request_id = ${id} order by x.assigned_at, u.name`,
      tx`select d.outcome, d.motivation, d.amount_eur::float as "amountEur", d.hours, d.starts_on::text as "startsOn", d.ends_on::text as "endsOn", d.school_kind as "schoolKind",
           d.category, d.cluster, json_build_object('id', u.id, 'name', u.name) as "decidedBy", d.decided_on::text as "decidedOn", t.number as "tlvNumber"
         from request_decisions d join users u on u.id = d.decided_by left join tlvs t on t.request_id = d.request_id where d.request_id = ${id}`,
      tx`select id, lodged_on::text as "lodgedOn", lodged_by as "lodgedBy", grounds, status, committee_advice_on::text as "committeeAdviceOn", outcome_on::text as "outcomeOn", outcome_notes as "outcomeNotes"
         from request_objections where request_id = ${id} order by lodged_on`,
    ]);
    // The completeness check matters while the school composes; afterwards only the parts it required are shown,
    // and to the school what the items it sends after submission still need.
    const check = r.status === 'draft' ? await completenessOf(tx, id) : null;
    const waiting = attachments.some((a) => !a.shared && !a.removed);
    const unsent = r.status !== 'draft' && waiting && requestPolicy.can(ctx.principal, 'supplement', r) ? await unsentCheck(tx, id) : null;
    await audit(tx, ctx.actor, { action: 'request.read', entityType: 'request', entityId: id, pupilId: r.pupilId, schoolId: r.schoolId });
    return {
      ...(row as object),
      clock: clockOf(row as unknown as ClockRow),
      missing: check?.missing ?? unsent?.missing ?? [],
      requiredParts: check?.input.required ?? (await requiredParts(tx, id)),
      attachments: attachments.map((a) => shownSnapshot(ctx.principal, r, a)),
      consents,
      consentAsked: asked,
      messages,
      experts: visibleAdvices(ctx.principal, r, experts, (x) => x.expert.id),
      decision: decision[0] ?? null,
      objections,
      can: requestPolicy.allowed(ctx.principal, r),
    } as unknown as z.input<typeof RequestPage>;
  });
}

/**
 * The list of requests a user works with, a page at a time. The loket
 * (consultants) and the director see every submitted request of the
 * partnership, experts the ones they advise on, mandated decision-makers
 * those at or past the decision, school staff their schools' requests
 * (drafts included). Names only where the reader holds the request; others
 * see initials.
 */
export async function queue(ctx: StaffContext, q: z.infer<typeof QueueQuery>): Promise<z.input<typeof Queue>> {
  const p = ctx.principal;
  requestPolicy.authorize(p, 'list', noRequest);
  const now = new Date();
  const day = today(now);
  return transaction(ctx.sql, async (tx) => {
    const where = tx`
        r.partnership_id = ${ctx.scope.partnershipId}
          and ${requestPolicy.scope(tx, p, 'queue')}
          ${q.kind ? tx`and r.kind = ${q.kind}` : tx``}
          ${q.status ? tx`and r.status = ${q.status}` : tx``}
          ${q.schoolId ? tx`and r.school_id = ${q.schoolId}` : tx``}
          ${q.pupilId ? tx`and r.pupil_id = ${q.pupilId}` : tx``}
          ${q.mine === 'true' ? tx`and (r.assigned_to = ${p.userId} or r.created_by = ${p.userId} or exists (select 1 from request_experts x where x.request_id = r.id and x.expert_id = ${p.userId}))` : tx``}
          ${q.status || q.pupilId ? tx`` : tx`and (r.status not in ('decided', 'answered', 'withdrawn') or coalesce(r.decided_at, r.updated_at) > now() - make_interval(days => ${CLOSED_SHOWN_DAYS}))`}`;
    // Open requests first; then the chosen clock, as clockOf computes it (the target moved by the days waited); nulls last either way.
    const dir = tx.unsafe(q.dir === 'asc' ? 'asc' : 'desc');
    const key =
      q.sort === 'target'
        ? tx`r.decision_due_on + (r.waiting_days + case when r.waiting_since is null then 0
              else greatest(0, ${day}::date - (r.waiting_since at time zone 'Europe/Amsterdam')::date) end) ${dir} nulls last`
        : tx`r.submitted_at ${tx.unsafe(q.dir === 'asc' ? 'desc' : 'asc')} nulls last`;
    const order = tx`order by (r.status in ('decided', 'answered', 'withdrawn')), ${key}, r.created_at desc, r.id`;
    // The page of requests is chosen first (sorted and limited on requests alone), then joined: joining every pupil before the sort costs 5×.
    const rows = await tx<(RequestResource & ClockRow & { id: string; schoolName: string; pupilId: string | null; fullName: string | null; initials: string | null; assignedName: string | null; openAdditions: number })[]>`
      with page as materialized (
        select r.* from requests r where ${where} ${order}
        limit ${QUEUE_PAGE_SIZE} offset ${(q.page - 1) * QUEUE_PAGE_SIZE}
      )
      select r.id, r.kind, r.status, r.school_id as "schoolId", s.name as "schoolName", r.pupil_id as "pupilId", r.assigned_to as "assignedTo", an.name as "assignedName",
        ${tx.unsafe(clockColumns('r'))},
        ${tx.unsafe(PUPIL_NAME)} as "fullName",
        ${tx.unsafe(PUPIL_INITIALS)} as initials,
        coalesce((select array_agg(x.expert_id) from request_experts x where x.request_id = r.id), '{}') as "expertIds",
        (select count(*)::int from request_messages m where m.request_id = r.id and m.kind = 'addition_request' and m.answered_at is null) as "openAdditions"
      from page r join schools s on s.id = r.school_id left join pupils p on p.id = r.pupil_id left join users an on an.id = r.assigned_to
      ${order}`;
    const [count] = await tx<{ n: number }[]>`select count(*)::int as n from requests r where ${where}`;
    const holds = (r: (typeof rows)[number]) => requestPolicy.can(p, 'read', r);
    await auditMany(
      tx,
      ctx.actor,
      rows.filter((r) => r.pupilId).map((r) => ({ action: 'request.list', entityType: 'request', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId, details: { named: holds(r) } })),
    );
    return {
      total: count!.n,
      page: q.page,
      pageSize: QUEUE_PAGE_SIZE,
      rows: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        status: r.status,
        school: { id: r.schoolId!, name: r.schoolName },
        pupilLabel: r.pupilId ? (holds(r) ? r.fullName : r.initials) : null,
        held: holds(r),
        allowed: { take: requestPolicy.can(p, 'take', r) },
        assignedTo: r.assignedTo ? { id: r.assignedTo, name: r.assignedName! } : null,
        clock: clockOf(r, now),
        openAdditions: r.openAdditions,
      })),
    };
  });
}

/** What can be attached from the pupil's dossier, marked when attached already (and when sent). */
export async function requestDossierItems(ctx: StaffContext, id: string) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, composing);
    if (!r.pupilId) return [];
    const [items, attached] = await Promise.all([
      dossierItems(tx, r.pupilId),
      tx<{ key: string; shared: boolean }[]>`
        select item_type || ':' || item_id as key, shared_at is not null as shared from request_attachments where request_id = ${id} and removed_at is null`,
    ]);
    const keys = new Map(attached.map((a) => [a.key, a.shared]));
    await audit(tx, ctx.actor, { action: 'request.dossier_items', entityType: 'request', entityId: id, pupilId: r.pupilId, schoolId: r.schoolId });
    return items.map((i) => ({ ...i, attached: keys.has(`${i.itemType}:${i.itemId}`), shared: keys.get(`${i.itemType}:${i.itemId}`) ?? false }));
  });
}

export async function arrangementKinds(ctx: StaffContext) {
  return ctx.sql<z.infer<typeof ArrangementKindOffer>[]>`
    select id, name, offers, scope, amount_eur::float as "amountEur", hours, max_weeks as "maxWeeks", evaluation_weeks as "evaluationWeeks", required_parts as "requiredParts"
    from arrangement_kinds where partnership_id = ${ctx.scope.partnershipId} and active order by name`;
}

/**
 * Consultants and experts, for the loket's pickers; each expert with the
 * discipline they last advised in, so the consultant need not choose it again.
 */
export async function requestStaff(ctx: StaffContext) {
  requestSettingsPolicy.authorize(ctx.principal, 'staffPickers', {});
  const rows = await ctx.sql<{ id: string; name: string; role: string; discipline: Discipline | null }[]>`
    select u.id, u.name, ra.role,
      case when ra.role = 'swv_expert' then
        (select x.discipline from request_experts x where x.expert_id = u.id and x.partnership_id = ${ctx.scope.partnershipId} order by x.assigned_at desc limit 1)
      end as discipline
    from users u join role_assignments ra on ra.user_id = u.id
    where u.partnership_id = ${ctx.scope.partnershipId} and u.status = 'active' and ra.school_id is null and ra.role in ('swv_consultant', 'swv_expert')
    order by u.name`;
  return {
    consultants: rows.filter((r) => r.role === 'swv_consultant').map(({ id, name }) => ({ id, name })),
    experts: rows.filter((r) => r.role === 'swv_expert').map(({ id, name, discipline }) => ({ id, name, discipline })),
  };
}
