/**
 * The baseline's loket routes (issue 5): the SQL of `queue`
 * (src/features/requests/read/list-queue.ts) and `tlvRegister` (src/features/tlv-register/read-register.ts),
 * statement for statement and in the same transactions, including the audit
 * rows the app writes for every request or TLV listed (auditMany's
 * statement). What it leaves out: session, principal and policy checks (the
 * reader's id comes in `x-bench-user`; the queue's role flags are those of
 * the consultant it runs as: loket, no expert, no school), zod, and what the
 * app computes in JavaScript (clocks, `allowed`, the "ends soon" flags).
 */
import type http from 'node:http';
import type postgres from 'postgres';
import { endsSoonUntil } from '../src/features/tlv-register/tlv-dates.ts';
import { today } from '../src/platform/time.ts';
import type { Handler } from './baseline-dossier.ts';

type Json = (res: http.ServerResponse, status: number, body: unknown) => void;
type Db = postgres.Sql | postgres.TransactionSql;

/** requests/read/clock.ts clockColumns('r'). */
const CLOCK_COLUMNS = `r.submitted_at as "submittedAt", r.decision_due_on::text as "decisionDueOn", r.waiting_since as "waitingSince", r.waiting_days as "waitingDays", r.decided_at as "decidedAt"`;
const QUEUE_PAGE_SIZE = 50;
/** tlv-register/read-register.ts: NAME and OPEN_EXTENSION. */
const NAME = `concat_ws(' ', p.first_name, nullif(p.name_prefix, ''), p.last_name)`;
const OPEN_EXTENSION = `exists (select 1 from requests x where x.previous_request_id = t.request_id and x.status not in ('withdrawn', 'decided', 'answered'))`;
const TLV_PAGE_SIZE = 50;

interface AuditRow {
  action: string;
  entity_type: string;
  entity_id: string;
  school_id: string | null;
  pupil_id: string | null;
  details: Record<string, unknown>;
}

export function requestRoutes(sql: postgres.Sql, o: { partnershipId: string; json: Json }): Record<string, Handler> {
  const { partnershipId, json } = o;
  const reader = (req: http.IncomingMessage) => (req.headers['x-bench-user'] as string | undefined) ?? null;
  /** src/platform/audit.ts auditMany: one statement whatever the count (raw SQL on purpose: the baseline does by hand what the app does). */
  const auditMany = async (db: Db, req: http.IncomingMessage, rows: AuditRow[]) => {
    if (rows.length === 0) return;
    await db`
      insert into audit_log (partnership_id, actor_user_id, ip, user_agent, action, entity_type, entity_id, school_id, pupil_id, details)
      select ${partnershipId}, ${reader(req)}, ${req.socket.remoteAddress ?? null}, ${req.headers['user-agent']?.slice(0, 300) ?? null},
        x.action, x.entity_type, x.entity_id, x.school_id, x.pupil_id, x.details
      from jsonb_to_recordset(${db.json(rows as never)}) as x(action text, entity_type text, entity_id text, school_id uuid, pupil_id uuid, details jsonb)`;
  };

  return {
    // queue(): as the consultant (hasPartnershipRole swv_consultant → loket; no expert, decider or school roles), first page, by the target date.
    'GET /api/requests': async (req, url, res) => {
      const userId = reader(req);
      const status = url.searchParams.get('status');
      const [loket, expert, decider, schools] = [true, false, false, [] as string[]];
      const day = today();
      const body = await sql.begin(async (tx) => {
        const where = tx`
          r.partnership_id = ${partnershipId}
            and (
              ${loket} and r.status <> 'draft'
              or ${expert} and exists (select 1 from request_experts x where x.request_id = r.id and x.expert_id = ${userId})
              or ${decider} and r.status in ('decision', 'decided')
              or r.school_id = any(${schools}::uuid[])
            )
            ${status ? tx`and r.status = ${status}` : tx`and (r.status not in ('decided', 'answered', 'withdrawn') or coalesce(r.decided_at, r.updated_at) > now() - make_interval(days => 30))`}`;
        const order = tx`order by (r.status in ('decided', 'answered', 'withdrawn')),
          r.decision_due_on + (r.waiting_days + case when r.waiting_since is null then 0
            else greatest(0, ${day}::date - (r.waiting_since at time zone 'Europe/Amsterdam')::date) end) asc nulls last, r.created_at desc, r.id`;
        const rows = await tx`
          with page as materialized (
            select r.* from requests r where ${where} ${order}
            limit ${QUEUE_PAGE_SIZE} offset 0
          )
          select r.id, r.kind, r.status, r.school_id as "schoolId", s.name as "schoolName", r.pupil_id as "pupilId", r.assigned_to as "assignedTo", an.name as "assignedName",
            ${tx.unsafe(CLOCK_COLUMNS)},
            concat_ws(' ', p.first_name, nullif(p.name_prefix, ''), p.last_name) as "fullName",
            left(p.first_name, 1) || '.' || left(p.last_name, 1) || '.' || ' (' || extract(year from p.birth_date) || ')' as initials,
            coalesce((select array_agg(x.expert_id) from request_experts x where x.request_id = r.id), '{}') as "expertIds",
            (select count(*)::int from request_messages m where m.request_id = r.id and m.kind = 'addition_request' and m.answered_at is null) as "openAdditions"
          from page r join schools s on s.id = r.school_id left join pupils p on p.id = r.pupil_id left join users an on an.id = r.assigned_to
          ${order}`;
        const [count] = await tx`select count(*)::int as n from requests r where ${where}`;
        // requestPolicy 'read' for a consultant: submitted and assigned to them.
        const named = (r: (typeof rows)[number]) => r.status !== 'draft' && r.assignedTo === userId;
        await auditMany(
          tx,
          req,
          rows
            .filter((r) => r.pupilId)
            .map((r) => ({ action: 'request.list', entity_type: 'request', entity_id: r.id, pupil_id: r.pupilId, school_id: r.schoolId, details: { named: named(r) } })),
        );
        return {
          total: count!.n,
          page: 1,
          pageSize: QUEUE_PAGE_SIZE,
          rows: rows.map(({ fullName, initials, ...r }) => ({ ...r, pupilLabel: r.pupilId ? (named(r) ? fullName : initials) : null })),
        };
      });
      json(res, 200, body);
    },

    // tlvRegister(): sort by number, descending (the defaults); page and the "ends soon" filter from the query.
    'GET /api/tlvs': async (req, url, res) => {
      const page = Number(url.searchParams.get('page') ?? 1);
      const endsSoon = url.searchParams.get('endsSoon') === 'true';
      const day = today();
      const filters = (db: Db) => db`
        t.partnership_id = ${partnershipId}
        ${endsSoon ? db`and t.ends_on between ${day} and ${endsSoonUntil(day)}` : db``}`;
      const body = await sql.begin(async (tx) => {
        const rows = await tx`
          select t.id, t.number, p.id as "pupilId", ${tx.unsafe(NAME)} as "pupilName", p.birth_date as "birthDate", p.school_id as "pupilSchoolId",
            s.id as "schoolId", s.name as "schoolName", t.school_kind as "schoolKind", t.category, t.cluster,
            t.starts_on as "startsOn", t.ends_on as "endsOn", ${tx.unsafe(OPEN_EXTENSION)} as "extensionRequested"
          from tlvs t join pupils p on p.id = t.pupil_id join schools s on s.id = t.school_id
          where ${filters(tx)}
          order by t.number desc, t.number desc
          limit ${TLV_PAGE_SIZE} offset ${(page - 1) * TLV_PAGE_SIZE}`;
        const [count] = await tx`
          select count(*)::int as n from tlvs t where ${filters(tx)}`;
        await auditMany(
          tx,
          req,
          rows.map((r) => ({ action: 'tlv.register_read', entity_type: 'tlv', entity_id: r.id, pupil_id: r.pupilId, school_id: r.schoolId, details: {} })),
        );
        const [{ duoRegistrationNumber }] = (await tx`select registration_number as "duoRegistrationNumber" from partnerships where id = ${partnershipId}`) as unknown as [
          { duoRegistrationNumber: string },
        ];
        return { rows, page, pageSize: TLV_PAGE_SIZE, total: count!.n, today: day, duoRegistrationNumber };
      });
      json(res, 200, body);
    },
  };
}
