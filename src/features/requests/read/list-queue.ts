import type { z } from 'zod';
import { transaction } from '../../../db/index.ts';
import { auditMany } from '../../../platform/audit.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { today } from '../../../platform/time.ts';
import { noRequest, requestPolicy, type RequestResource } from '../policy.ts';
import type { Queue, QueueQuery } from '../schema.ts';
import { PUPIL_INITIALS, PUPIL_NAME } from '../../pupils/api.ts';
import { type ClockRow, clockOf, clockColumns } from './clock.ts';

/** Closed requests stay in the work list this long; older ones by their status filter or on the pupil's page. */
const CLOSED_SHOWN_DAYS = 30;

/** Requests per page of the work list: one audit row per pupil shown. */
const QUEUE_PAGE_SIZE = 50;

/**
 * The list of requests a user works with, a page at a time. The loket
 * (consultants) and the director see every submitted request of the
 * partnership, experts the ones they advise on, mandated decision-makers
 * those at or past the decision, school staff their schools' requests
 * (drafts included). Names only where the reader holds the request; others
 * see initials.
 */
export async function listQueue(ctx: StaffContext, q: z.infer<typeof QueueQuery>): Promise<z.input<typeof Queue>> {
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
