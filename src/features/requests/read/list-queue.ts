import type { z } from 'zod';
import { transaction, type Db } from '../../../db/index.ts';
import type { Principal } from '../../../platform/access/principal.ts';
import { auditMany } from '../../../platform/audit.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { likeTerm } from '../../../platform/http/schemas.ts';
import { auditExport, EXPORT_LIMIT, type ExportSheet } from '../../../platform/list-export.ts';
import { today } from '../../../platform/time.ts';
import { noRequest, requestPolicy, type RequestResource } from '../policy.ts';
import { requestKindLabels, requestStatuses, requestStatusLabels, type Queue, type QueueExportQuery, type QueueQuery } from '../schema.ts';
import { PUPIL_INITIALS, PUPIL_NAME } from '../../pupils/api.ts';
import { type ClockRow, clockOf, clockColumns } from './clock.ts';

/** Closed requests stay in the work list this long; older ones by their status filter or on the pupil's page. */
const CLOSED_SHOWN_DAYS = 30;

/** Requests per page of the work list: one audit row per pupil shown. */
const QUEUE_PAGE_SIZE = 50;

type QueueRowDb = RequestResource & ClockRow & { id: string; schoolName: string; pupilId: string | null; pupilLabel: string | null; assignedName: string | null; openAdditions: number };

/**
 * The pupil as this reader sees them in the list, in SQL over `requests r`
 * and `pupils p`: the name where the reader holds the request (the read
 * scope, the SQL twin of the rule that names them), else initials and birth
 * year. Search and sort use this and nothing else, so neither can find or
 * order by a name the reader may not see.
 */
const visibleLabel = (db: Db, p: Principal) =>
  db`case when p.id is null then null when ${requestPolicy.scope(db, p, 'read')} then ${db.unsafe(PUPIL_NAME)} else ${db.unsafe(PUPIL_INITIALS)} end`;

/** The rows the reader may see with the filters, sorted; a page of them, or all (the export). */
async function selectQueue(tx: Db, ctx: StaffContext, q: Omit<z.infer<typeof QueueQuery>, 'page'>, window: { limit: number; offset: number }) {
  const p = ctx.principal;
  const day = today();
  const label = visibleLabel(tx, p);
  const where = tx`
      r.partnership_id = ${ctx.scope.partnershipId}
        and ${requestPolicy.scope(tx, p, 'queue')}
        ${q.kind ? tx`and r.kind = ${q.kind}` : tx``}
        ${q.status ? tx`and r.status = ${q.status}` : tx``}
        ${q.schoolId ? tx`and r.school_id = ${q.schoolId}` : tx``}
        ${q.pupilId ? tx`and r.pupil_id = ${q.pupilId}` : tx``}
        ${q.q ? tx`and lower(${label}) like ${likeTerm(q.q)}` : tx``}
        ${q.mine === 'true' ? tx`and (r.assigned_to = ${p.userId} or r.created_by = ${p.userId} or exists (select 1 from request_experts x where x.request_id = r.id and x.expert_id = ${p.userId}))` : tx``}
        ${q.status || q.pupilId ? tx`` : tx`and (r.status not in ('decided', 'answered', 'withdrawn') or coalesce(r.decided_at, r.updated_at) > now() - make_interval(days => ${CLOSED_SHOWN_DAYS}))`}`;
  // Open requests first; then the chosen column; nulls last either way. The clock as clockOf computes it (the target moved by the days waited).
  const dir = tx.unsafe(q.dir === 'asc' ? 'asc' : 'desc');
  const keys = {
    target: tx`r.decision_due_on + (r.waiting_days + case when r.waiting_since is null then 0
              else greatest(0, ${day}::date - (r.waiting_since at time zone 'Europe/Amsterdam')::date) end) ${dir} nulls last`,
    // Fewest days since submission first is the latest submission first.
    submitted: tx`r.submitted_at ${tx.unsafe(q.dir === 'asc' ? 'desc' : 'asc')} nulls last`,
    pupil: tx`lower(${label}) ${dir} nulls last`,
    school: tx`lower(s.name) ${dir}`,
    status: tx`array_position(${requestStatuses as unknown as string[]}::text[], r.status::text) ${dir}`,
    consultant: tx`lower(an.name) ${dir} nulls last`,
  } as const;
  // Joined before the page is chosen only when the search or the sort needs them.
  const needsPupil = !!q.q || q.sort === 'pupil';
  const order = tx`order by (r.status in ('decided', 'answered', 'withdrawn')), ${keys[q.sort]}, r.created_at desc, r.id`;
  // The page of requests is chosen first (sorted and limited on requests with what the sort and search need), then joined: joining every pupil before the sort costs 5×.
  const rows = await tx<QueueRowDb[]>`
    with page as materialized (
      select r.* from requests r
        ${q.sort === 'school' ? tx`join schools s on s.id = r.school_id` : tx``}
        ${needsPupil ? tx`left join pupils p on p.id = r.pupil_id` : tx``}
        ${q.sort === 'consultant' ? tx`left join users an on an.id = r.assigned_to` : tx``}
      where ${where} ${order}
      limit ${window.limit} offset ${window.offset}
    )
    select r.id, r.kind, r.status, r.school_id as "schoolId", s.name as "schoolName", r.pupil_id as "pupilId", r.assigned_to as "assignedTo", an.name as "assignedName",
      ${tx.unsafe(clockColumns('r'))},
      ${label} as "pupilLabel",
      coalesce((select array_agg(x.expert_id) from request_experts x where x.request_id = r.id), '{}') as "expertIds",
      (select count(*)::int from request_messages m where m.request_id = r.id and m.kind = 'addition_request' and m.answered_at is null) as "openAdditions"
    from page r join schools s on s.id = r.school_id left join pupils p on p.id = r.pupil_id left join users an on an.id = r.assigned_to
    ${order}`;
  const [count] = await tx<{ n: number }[]>`
    select count(*)::int as n from requests r ${needsPupil ? tx`left join pupils p on p.id = r.pupil_id` : tx``} where ${where}`;
  return { rows, total: count!.n };
}

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
  return transaction(ctx.sql, async (tx) => {
    const { rows, total } = await selectQueue(tx, ctx, q, { limit: QUEUE_PAGE_SIZE, offset: (q.page - 1) * QUEUE_PAGE_SIZE });
    const holds = (r: (typeof rows)[number]) => requestPolicy.can(p, 'read', r);
    await auditMany(
      tx,
      ctx.actor,
      rows.filter((r) => r.pupilId).map((r) => ({ action: 'request.list', entityType: 'request', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId, details: { named: holds(r) } })),
    );
    return {
      total,
      page: q.page,
      pageSize: QUEUE_PAGE_SIZE,
      rows: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        status: r.status,
        school: { id: r.schoolId!, name: r.schoolName },
        pupilLabel: r.pupilLabel,
        held: holds(r),
        allowed: { take: requestPolicy.can(p, 'take', r) },
        assignedTo: r.assignedTo ? { id: r.assignedTo, name: r.assignedName! } : null,
        clock: clockOf(r, now),
        openAdditions: r.openAdditions,
      })),
    };
  });
}

/**
 * The work list as a file: the same rows as the pages together (filters,
 * sort, names only where the reader holds the request), audited as an
 * export (one row for the export, one per pupil).
 */
export async function exportQueue(ctx: StaffContext, q: z.infer<typeof QueueExportQuery>): Promise<ExportSheet> {
  const p = ctx.principal;
  requestPolicy.authorize(p, 'list', noRequest);
  const now = new Date();
  return transaction(ctx.sql, async (tx) => {
    const { rows } = await selectQueue(tx, ctx, q, { limit: EXPORT_LIMIT, offset: 0 });
    await auditExport(tx, ctx.actor, {
      list: 'requests',
      format: q.format,
      count: rows.length,
      pupils: rows.filter((r) => r.pupilId).map((r) => ({ action: 'request.list_export', entityType: 'request', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId, details: { named: requestPolicy.can(p, 'read', r) } })),
    });
    return {
      name: 'aanvragen',
      title: 'Aanvragen',
      columns: [
        { header: 'Soort', width: 24 },
        { header: 'Leerling', width: 28 },
        { header: 'School', width: 30 },
        { header: 'Status', width: 30 },
        { header: 'Ingediend op', kind: 'day', width: 14 },
        { header: 'Dagen sinds indienen', kind: 'number' },
        { header: 'Streefdatum', kind: 'day', width: 14 },
        { header: 'Dagen tot de streefdatum', kind: 'number' },
        { header: 'Wacht op de school', width: 12 },
        { header: 'Consulent', width: 24 },
      ],
      rows: rows.map((r) => {
        const clock = clockOf(r, now);
        const closed = !['submitted', 'in_review', 'advice', 'decision'].includes(r.status);
        return [
          requestKindLabels[r.kind],
          r.pupilLabel ?? '',
          r.schoolName,
          requestStatusLabels[r.status],
          clock.submittedAt ? today(clock.submittedAt) : null,
          clock.daysSinceSubmission,
          closed ? null : clock.decisionDueOn,
          closed ? null : clock.daysToTarget,
          clock.waitingForSchool ? 'ja' : 'nee',
          r.assignedName ?? '',
        ];
      }),
    };
  });
}
