/**
 * The baseline's dossier and OPP routes: the SQL of getPupilPage, listPupils
 * (src/features/pupils/queries.ts), classScan (class-scan.ts) and getOppPage
 * (src/features/plans/queries.ts), statement for statement and in the same
 * transactions, including the audit rows the app writes for every pupil
 * shown (auditMany's statement). What it leaves out: session, principal and
 * policy checks (the scope is a constant: the OCO's school; the reader's id
 * comes in `x-bench-user`), zod, and the derived fields the app computes in
 * JavaScript (age, allowed, required signers, missing parts).
 */
import type http from 'node:http';
import type postgres from 'postgres';
import type { Db as AppDb } from '../src/db/index.ts';
import { planClocks, pupilsWithoutPlan } from '../src/features/plans/overview.ts';

export type Handler = (req: http.IncomingMessage, url: URL, res: http.ServerResponse, id: string | null) => Promise<void>;
type Json = (res: http.ServerResponse, status: number, body: unknown) => void;
type Db = postgres.Sql | postgres.TransactionSql;

const DISPLAY_NAME = `concat_ws(' ', p.first_name, nullif(p.name_prefix, ''), p.last_name)`;
const PAGE_SIZE = 50;

interface AuditRow {
  action: string;
  entity_type: string;
  entity_id: string;
  school_id: string | null;
  pupil_id: string | null;
  details: Record<string, unknown>;
}

export function dossierRoutes(sql: postgres.Sql, o: { partnershipId: string; ocoSchoolId: string; json: Json }): Record<string, Handler> {
  const { partnershipId, json } = o;
  /** The scope of the OCO: their school, no own classes (the read scope of pupilPolicy). */
  const scope = { schoolIds: [o.ocoSchoolId], classIds: [] as string[] };
  const actor = (req: http.IncomingMessage) => ({
    userId: (req.headers['x-bench-user'] as string | undefined) ?? null,
    ip: req.socket.remoteAddress ?? null,
    userAgent: req.headers['user-agent']?.slice(0, 300) ?? null,
  });
  /** src/platform/audit.ts auditMany: one statement whatever the count (raw SQL on purpose: the baseline does by hand what the app does). */
  const auditMany = async (db: Db, req: http.IncomingMessage, rows: AuditRow[]) => {
    if (rows.length === 0) return;
    const a = actor(req);
    await db`
      insert into audit_log (partnership_id, actor_user_id, ip, user_agent, action, entity_type, entity_id, school_id, pupil_id, details)
      select ${partnershipId}, ${a.userId}, ${a.ip}, ${a.userAgent}, x.action, x.entity_type, x.entity_id, x.school_id, x.pupil_id, x.details
      from jsonb_to_recordset(${db.json(rows as never)}) as x(action text, entity_type text, entity_id text, school_id uuid, pupil_id uuid, details jsonb)`;
  };
  const notFound = (res: http.ServerResponse) => json(res, 404, { error: 'not found' });

  return {
    'GET /api/pupils': async (req, url, res) => {
      const q = url.searchParams.get('q');
      const page = Number(url.searchParams.get('page') ?? 1);
      const term = q ? `%${q.toLowerCase()}%` : null;
      const body = await sql.begin(async (tx) => {
        const rows = await tx`
          select p.id, ${tx.unsafe(DISPLAY_NAME)} as name, p.student_number as "studentNumber", p.birth_date as "birthDate",
            json_build_object('id', s.id, 'name', s.name) as school,
            case when c.id is null then null else json_build_object('id', c.id, 'name', c.name) end as class,
            e.level, p.support_level as "supportLevel", count(*) over ()::int as total
          from pupils p
          join schools s on s.id = p.school_id
          left join enrolments e on e.pupil_id = p.id and e.end_date is null
          left join classes c on c.id = e.class_id
          where p.partnership_id = ${partnershipId}
            and (p.school_id = any(${scope.schoolIds}::uuid[])
                 or p.id in (select ce.pupil_id from enrolments ce where ce.class_id = any(${scope.classIds}::uuid[]) and ce.end_date is null))
            and (${null}::uuid is null or p.school_id = ${null})
            and (${null}::uuid is null or e.class_id = ${null})
            and (${null}::text is null or p.support_level = ${null})
            and (${term}::text is null or p.search_text like ${term})
          order by lower(p.last_name), lower(p.first_name), p.id
          limit ${PAGE_SIZE} offset ${(page - 1) * PAGE_SIZE}`;
        await auditMany(tx, req, rows.map((r) => ({ action: 'pupil.list', entity_type: 'pupil', entity_id: r.id, pupil_id: r.id, school_id: r.school.id, details: {} })));
        return { pupils: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0, page, pageSize: PAGE_SIZE };
      });
      json(res, 200, body);
    },

    'GET /api/pupils/:id': async (req, _url, res, id) => {
      const body = await sql.begin(async (tx) => {
        const [ref] = await tx`
          select p.id, p.school_id as "schoolId", e.class_id as "classId"
          from pupils p left join enrolments e on e.pupil_id = p.id and e.end_date is null
          where p.id = ${id} and p.partnership_id = ${partnershipId}`;
        if (!ref) return null;
        const seesConfidential = true; // the OCO is support team
        const [head] = await tx`
          select p.id, ${tx.unsafe(DISPLAY_NAME)} as name, p.student_number as "studentNumber", p.birth_date as "birthDate",
            json_build_object('id', s.id, 'name', s.name) as school,
            case when c.id is null then null else json_build_object('id', c.id, 'name', c.name) end as class,
            e.level, p.support_level as "supportLevel",
            case when cm.id is null then null else json_build_object('id', cm.id, 'name', cm.name) end as "caseManager"
          from pupils p join schools s on s.id = p.school_id
          left join enrolments e on e.pupil_id = p.id and e.end_date is null
          left join classes c on c.id = e.class_id
          left join users cm on cm.id = p.case_manager_id
          where p.id = ${id}`;
        const [supportHistory, kwadrant, needs, advices, logbook, documents, enrolments, meetings, agreements] = await Promise.all([
          tx`
            select h.field, case when h.field = 'case_manager' then (select name from users where id::text = h.old_value) else h.old_value end as "oldValue",
              case when h.field = 'case_manager' then (select name from users where id::text = h.new_value) else h.new_value end as "newValue",
              h.reason, json_build_object('id', u.id, 'name', u.name) as "changedBy", h.changed_at as "changedAt"
            from pupil_status_history h join users u on u.id = h.changed_by where h.pupil_id = ${id} order by h.changed_at desc`,
          tx`
            select id, quadrant, instrument, measured_on as "measuredOn", score, interpretation, source
            from kwadrant_results where pupil_id = ${id} order by measured_on desc, created_at desc`,
          tx`select id, category, description, created_at as "createdAt" from pupil_needs where pupil_id = ${id} and active order by created_at`,
          tx`select id, advice, source, created_at as "createdAt" from handelingsadviezen where pupil_id = ${id} and active order by created_at`,
          tx`
            select l.id, l.kind, l.occurred_on as "occurredOn",
              case when l.confidential and not ${seesConfidential} then null else l.body end as body,
              l.confidential, json_build_object('id', u.id, 'name', u.name) as author, l.created_at as "createdAt",
              exists (select 1 from signals s where s.logbook_entry_id = l.id) as signalled
            from logbook_entries l join users u on u.id = l.author_id where l.pupil_id = ${id}
            order by l.occurred_on desc, l.created_at desc limit 200`,
          tx`
            select d.id, d.filename, d.mime_type as "mimeType", d.size_bytes as "sizeBytes", d.category,
              json_build_object('id', u.id, 'name', u.name) as "uploadedBy", d.created_at as "createdAt"
            from documents d join users u on u.id = d.uploaded_by where d.pupil_id = ${id} and d.deleted_at is null order by d.created_at desc`,
          tx`
            select s.name as "schoolName", c.name as "className", e.level, e.start_date as "startDate", e.end_date as "endDate"
            from enrolments e join schools s on s.id = e.school_id left join classes c on c.id = e.class_id
            where e.pupil_id = ${id} order by e.start_date desc`,
          // pupilSupportRoute (src/features/support-route/api.ts)
          tx`
            select m.id, m.starts_at as "startsAt", k.name as kind
            from meeting_items i join meetings m on m.id = i.meeting_id join meeting_kinds k on k.id = m.kind_id
            where i.pupil_id = ${id} and m.status = 'planned' and m.starts_at >= now()
            order by m.starts_at limit 20`,
          tx`
            select a.id, a.what, a.owner_id as "ownerId", u.name as "ownerName", a.due_on as "dueOn", a.done_at as "doneAt"
            from agreements a join users u on u.id = a.owner_id
            where a.pupil_id = ${id}
            order by (a.done_at is null) desc, a.due_on, a.created_at limit 200`,
        ]);
        await auditMany(tx, req, [{ action: 'pupil.read', entity_type: 'pupil', entity_id: id!, pupil_id: id, school_id: ref.schoolId, details: {} }]);
        return { ...head, supportHistory, kwadrant, needs, advices, logbook, agreements, documents, upcomingMeetings: meetings, enrolments };
      });
      if (!body) return notFound(res);
      json(res, 200, body);
    },

    'GET /api/classes/:id/scan': async (req, _url, res, classId) => {
      const body = await sql.begin(async (tx) => {
        const [klass] = await tx`
          select c.id, c.name, c.school_year as "schoolYear", c.level, json_build_object('id', s.id, 'name', s.name) as school, s.id as "schoolId"
          from classes c join schools s on s.id = c.school_id where c.id = ${classId} and c.partnership_id = ${partnershipId}`;
        if (!klass) return null;
        const pupils = await tx`
          select p.id, ${tx.unsafe(DISPLAY_NAME)} as name, p.support_level as "supportLevel", cm.name as "caseManager",
            coalesce((select json_agg(json_build_object('category', n.category, 'description', n.description) order by n.created_at)
                      from pupil_needs n where n.pupil_id = p.id and n.active), '[]') as needs,
            coalesce((select json_agg(h.advice order by h.created_at) from handelingsadviezen h where h.pupil_id = p.id and h.active), '[]') as advices
          from enrolments e join pupils p on p.id = e.pupil_id left join users cm on cm.id = p.case_manager_id
          where e.class_id = ${classId} and e.end_date is null
          order by lower(p.last_name), lower(p.first_name)`;
        await auditMany(tx, req, pupils.map((p) => ({ action: 'pupil.class_scan', entity_type: 'pupil', entity_id: p.id, pupil_id: p.id, school_id: klass.schoolId, details: { classId } })));
        const { schoolId: _s, ...cls } = klass;
        return { class: cls, pupils, generatedAt: new Date() };
      });
      if (!body) return notFound(res);
      json(res, 200, body);
    },

    // The school's OPP overview: the same two queries as schoolOverview (src/features/plans/overview.ts), raw rows out.
    'GET /api/schools/:id/opps': async (req, _url, res, schoolId) => {
      const body = await sql.begin(async (tx) => {
        const db = tx as unknown as AppDb;
        const plans = (await planClocks(db, { schoolId: schoolId! })).filter((r) => r.status !== 'closed');
        const missing = await pupilsWithoutPlan(db, { schoolId: schoolId! });
        await auditMany(tx, req, [
          ...plans.map((p) => ({ action: 'opp.overview', entity_type: 'opp', entity_id: p.id, pupil_id: p.pupilId, school_id: schoolId, details: {} })),
          ...missing.map((m) => ({ action: 'opp.overview_missing', entity_type: 'pupil', entity_id: m.pupilId, pupil_id: m.pupilId, school_id: schoolId, details: {} })),
        ]);
        return { plans, missing };
      });
      json(res, 200, body);
    },

    'GET /api/opps/:id': async (req, _url, res, oppId) => {
      const body = await sql.begin(async (tx) => {
        // planFor (src/features/plans/access.ts)
        const [plan] = await tx`
          select o.id, o.pupil_id as "pupilId", o.school_id as "schoolId", o.kind, o.status, o.current_version as "currentVersion",
            e.class_id as "classId", p.case_manager_id as "caseManagerId"
          from opps o join pupils p on p.id = o.pupil_id
          left join enrolments e on e.pupil_id = p.id and e.end_date is null
          where o.id = ${oppId} and o.partnership_id = ${partnershipId}
          ${tx``}`;
        if (!plan) return null;
        const [head] = await tx`
          select o.next_evaluation_on as "nextEvaluationOn",
            json_build_object('id', p.id, 'name', concat_ws(' ', p.first_name, nullif(p.name_prefix, ''), p.last_name), 'birthDate', p.birth_date, 'age', 0, 'className', c.name) as pupil,
            json_build_object('id', s.id, 'name', s.name, 'kind', s.kind) as school,
            case when cm.id is null then null else json_build_object('id', cm.id, 'name', cm.name) end as "caseManager", pa.settings
          from opps o join pupils p on p.id = o.pupil_id join schools s on s.id = o.school_id join partnerships pa on pa.id = o.partnership_id
          left join users cm on cm.id = p.case_manager_id
          left join enrolments e on e.pupil_id = p.id and e.end_date is null left join classes c on c.id = e.class_id
          where o.id = ${oppId}`;
        // selectVersion
        const [current] = await tx`
          select v.id, v.number, v.kind, v.status, v.revision, v.content, json_build_object('id', u.id, 'name', u.name) as "updatedBy",
            v.updated_at as "updatedAt", v.sent_at as "sentAt", v.agreed_at as "agreedAt",
            coalesce((select json_agg(json_build_object('signer', r.signer, 'signerName', r.signer_name, 'decision', r.decision, 'comment', r.comment,
                       'method', r.method, 'recordedBy', case when ru.id is null then null else json_build_object('id', ru.id, 'name', ru.name) end,
                       'at', r.created_at) order by r.created_at)
                      from opp_responses r left join users ru on ru.id = r.recorded_by where r.version_id = v.id), '[]') as responses
          from opp_versions v join users u on u.id = v.updated_by where v.opp_id = ${oppId} and v.number = ${plan.currentVersion}`;
        const versions = await tx`
          select id, number, status, sent_at as "sentAt", agreed_at as "agreedAt" from opp_versions where opp_id = ${oppId} order by number desc`;
        const consultations = await tx`
          select c.id, c.held_on as "heldOn", c.participants, c.notes, c.pupil_view as "pupilView", json_build_object('id', u.id, 'name', u.name) as "recordedBy"
          from opp_consultations c join users u on u.id = c.recorded_by where c.opp_id = ${oppId} order by c.held_on desc`;
        const evaluations = await tx`
          select id, held_on as "heldOn", outcome, notes, goal_results as "goalResults", measure_results as "measureResults"
          from opp_evaluations where opp_id = ${oppId} order by held_on desc`;
        await auditMany(tx, req, [{ action: 'opp.read', entity_type: 'opp', entity_id: oppId!, pupil_id: plan.pupilId, school_id: plan.schoolId, details: {} }]);
        return { id: oppId, pupil: head!.pupil, school: head!.school, caseManager: head!.caseManager, kind: plan.kind, status: plan.status, nextEvaluationOn: head!.nextEvaluationOn, current, versions, consultations, evaluations };
      });
      if (!body) return notFound(res);
      json(res, 200, body);
    },
  };
}
