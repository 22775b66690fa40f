import type { z } from 'zod';
import { transaction } from '../../db/index.ts';
import { auditMany } from '../../platform/audit.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { ageOn } from '../../platform/time.ts';
import { pupilSupportRoute } from '../support-route/api.ts';
import { pupilFor } from './api.ts';
import { PUPIL_NAME } from './names.ts';
import { anyPupil, documentPolicy, pupilPolicy, readsConfidential } from './policy.ts';
import type { PupilPage, PupilQuery, PupilSummary } from './schema.ts';

export const PAGE_SIZE = 50;
type Summary = z.infer<typeof PupilSummary>;

/** Pupils the viewer may see, searched by name or number. Every pupil shown is an audited read. */
export async function listPupils(ctx: StaffContext, q: z.infer<typeof PupilQuery>) {
  pupilPolicy.authorize(ctx.principal, 'list', anyPupil);
  const term = q.q ? `%${q.q.toLowerCase()}%` : null;
  return transaction(ctx.sql, async (tx) => {
    const rows = await tx<(Summary & { total: number })[]>`
      select p.id, ${tx.unsafe(PUPIL_NAME)} as name, p.student_number as "studentNumber", p.birth_date as "birthDate",
        json_build_object('id', s.id, 'name', s.name) as school,
        case when c.id is null then null else json_build_object('id', c.id, 'name', c.name) end as class,
        e.level, p.support_level as "supportLevel", count(*) over ()::int as total
      from pupils p
      join schools s on s.id = p.school_id
      left join enrolments e on e.pupil_id = p.id and e.end_date is null
      left join classes c on c.id = e.class_id
      where p.partnership_id = ${ctx.scope.partnershipId}
        and ${pupilPolicy.scope(tx, ctx.principal, 'read')}
        and (${q.schoolId ?? null}::uuid is null or p.school_id = ${q.schoolId ?? null})
        and (${q.classId ?? null}::uuid is null or e.class_id = ${q.classId ?? null})
        and (${q.supportLevel ?? null}::text is null or p.support_level = ${q.supportLevel ?? null})
        and (${term}::text is null or p.search_text like ${term})
      order by lower(p.last_name), lower(p.first_name), p.id
      limit ${PAGE_SIZE} offset ${(q.page - 1) * PAGE_SIZE}`;
    await auditMany(tx, ctx.actor, rows.map((r) => ({ action: 'pupil.list', entityType: 'pupil', entityId: r.id, pupilId: r.id, schoolId: r.school.id })));
    return { pupils: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0, page: q.page, pageSize: PAGE_SIZE };
  });
}

type Page = z.infer<typeof PupilPage>;

/** The one screen per pupil. Reading it is an audited read of the whole dossier. */
export async function getPupilPage(ctx: StaffContext, id: string): Promise<Page> {
  return transaction(ctx.sql, async (tx) => {
    const ref = await pupilFor(tx, ctx, id, 'read');
    const seesConfidential = readsConfidential(ctx.principal, ref);
    const [head] = await tx<(Omit<Summary, 'supportLevel'> & { supportLevel: Page['supportLevel']; caseManager: Page['caseManager'] })[]>`
      select p.id, ${tx.unsafe(PUPIL_NAME)} as name, p.student_number as "studentNumber", p.birth_date as "birthDate",
        json_build_object('id', s.id, 'name', s.name) as school,
        case when c.id is null then null else json_build_object('id', c.id, 'name', c.name) end as class,
        e.level, p.support_level as "supportLevel",
        case when cm.id is null then null else json_build_object('id', cm.id, 'name', cm.name) end as "caseManager"
      from pupils p join schools s on s.id = p.school_id
      left join enrolments e on e.pupil_id = p.id and e.end_date is null
      left join classes c on c.id = e.class_id
      left join users cm on cm.id = p.case_manager_id
      where p.id = ${id}`;
    const [supportHistory, kwadrant, needs, advices, logbook, documents, enrolments, route] = await Promise.all([
      tx<Page['supportHistory']>`
        select h.field, case when h.field = 'case_manager' then (select name from users where id::text = h.old_value) else h.old_value end as "oldValue",
          case when h.field = 'case_manager' then (select name from users where id::text = h.new_value) else h.new_value end as "newValue",
          h.reason, json_build_object('id', u.id, 'name', u.name) as "changedBy", h.changed_at as "changedAt"
        from pupil_status_history h join users u on u.id = h.changed_by where h.pupil_id = ${id} order by h.changed_at desc`,
      tx<Page['kwadrant']>`
        select id, quadrant, instrument, measured_on as "measuredOn", score, interpretation, source
        from kwadrant_results where pupil_id = ${id} order by measured_on desc, created_at desc`,
      tx<Page['needs']>`
        select n.id, n.category, n.description, sn.label as "supportNeed", n.created_at as "createdAt"
        from pupil_needs n left join support_needs sn on sn.id = n.support_need_id where n.pupil_id = ${id} and n.active order by n.created_at`,
      tx<Page['advices']>`select id, advice, source, created_at as "createdAt" from handelingsadviezen where pupil_id = ${id} and active order by created_at`,
      tx<Page['logbook']>`
        select l.id, l.kind, l.occurred_on as "occurredOn",
          case when l.confidential and not ${seesConfidential} then null else l.body end as body,
          l.confidential, json_build_object('id', u.id, 'name', u.name) as author, l.created_at as "createdAt",
          exists (select 1 from signals s where s.logbook_entry_id = l.id) as signalled
        from logbook_entries l join users u on u.id = l.author_id where l.pupil_id = ${id}
        order by l.occurred_on desc, l.created_at desc limit 200`,
      tx<(Omit<Page['documents'][number], 'closed' | 'access'> & { access: { id: string; name: string }[] })[]>`
        select d.id, d.filename, d.mime_type as "mimeType", d.size_bytes as "sizeBytes", d.category,
          json_build_object('id', u.id, 'name', u.name) as "uploadedBy", d.created_at as "createdAt",
          coalesce((select json_agg(json_build_object('id', gu.id, 'name', gu.name) order by gu.name)
                    from document_access_grants g join users gu on gu.id = g.user_id where g.document_id = d.id and g.revoked_at is null), '[]') as access
        from documents d join users u on u.id = d.uploaded_by where d.pupil_id = ${id} and d.deleted_at is null order by d.created_at desc`,
      tx<Page['enrolments']>`
        select s.name as "schoolName", c.name as "className", e.level, e.start_date as "startDate", e.end_date as "endDate"
        from enrolments e join schools s on s.id = e.school_id left join classes c on c.id = e.class_id
        where e.pupil_id = ${id} order by e.start_date desc`,
      pupilSupportRoute(tx, ctx.principal, id),
    ]);
    await auditMany(tx, ctx.actor, [{ action: 'pupil.read', entityType: 'pupil', entityId: id, pupilId: id, schoolId: ref.schoolId }]);
    const a = pupilPolicy.allowed(ctx.principal, ref);
    return {
      ...head!,
      age: ageOn(head!.birthDate),
      supportHistory,
      kwadrant,
      needs,
      advices,
      logbook,
      agreements: route.agreements,
      documents: documents.map((d) => {
        const doc = { ...ref, category: d.category, grantedTo: d.access.map((x) => x.id) };
        return { ...d, closed: !documentPolicy.can(ctx.principal, 'download', doc), access: documentPolicy.can(ctx.principal, 'grantAccess', doc) ? d.access : null };
      }),
      upcomingMeetings: route.upcomingMeetings,
      enrolments,
      allowed: {
        writeLogbook: a.writeLogbook,
        signal: a.signal,
        recordKwadrant: a.recordKwadrant,
        manageSupport: a.manageSupport,
        uploadDocument: a.uploadDocument,
        deleteDocument: a.deleteDocument,
      },
    };
  });
}

/** Staff of the pupil's school who can be case manager. */
export async function caseManagerCandidates(ctx: StaffContext, pupilId: string) {
  const ref = await pupilFor(ctx.sql, ctx, pupilId, 'manageSupport');
  return ctx.sql<{ id: string; name: string }[]>`
    select distinct u.id, u.name from users u join role_assignments r on r.user_id = u.id
    where r.school_id = ${ref.schoolId} and u.status = 'active' order by u.name`;
}

