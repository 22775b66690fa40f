import type { z } from 'zod';
import { transaction } from '../../db/index.ts';
import { auditMany } from '../../platform/audit.ts';
import { fail } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { pupilPolicy, pupilScope } from './policy.ts';
import type { Pupil, PupilQuery, PupilSummary } from './schema.ts';

export const PAGE_SIZE = 50;
type Summary = z.infer<typeof PupilSummary> & { total: number };

const displayName = `concat_ws(' ', p.first_name, nullif(p.name_prefix, ''), p.last_name)`;

/** Pupils the viewer may see, searched by name or number. Every pupil shown is an audited read. */
export async function listPupils(ctx: StaffContext, q: z.infer<typeof PupilQuery>) {
  const scope = pupilScope(ctx.principal);
  if (scope.schoolIds.length === 0 && scope.classIds.length === 0) fail('FORBIDDEN');
  const term = q.q ? `%${q.q.toLowerCase()}%` : null;
  return transaction(ctx.sql, async (tx) => {
    const rows = await tx<Summary[]>`
      select p.id, ${tx.unsafe(displayName)} as name, p.student_number as "studentNumber", p.birth_date as "birthDate",
        json_build_object('id', s.id, 'name', s.name) as school,
        case when c.id is null then null else json_build_object('id', c.id, 'name', c.name) end as class,
        e.level, count(*) over ()::int as total
      from pupils p
      join schools s on s.id = p.school_id
      left join enrolments e on e.pupil_id = p.id and e.end_date is null
      left join classes c on c.id = e.class_id
      where p.partnership_id = ${ctx.scope.partnershipId}
        and (p.school_id = any(${scope.schoolIds}::uuid[]) or e.class_id = any(${scope.classIds}::uuid[]))
        and (${q.schoolId ?? null}::uuid is null or p.school_id = ${q.schoolId ?? null})
        and (${q.classId ?? null}::uuid is null or e.class_id = ${q.classId ?? null})
        and (${term}::text is null or lower(${tx.unsafe(displayName)}) like ${term} or p.student_number like ${term})
      order by lower(p.last_name), lower(p.first_name), p.id
      limit ${PAGE_SIZE} offset ${(q.page - 1) * PAGE_SIZE}`;
    await auditMany(tx, ctx.actor, rows.map((r) => ({ action: 'pupil.list', entityType: 'pupil', entityId: r.id, pupilId: r.id, schoolId: r.school.id })));
    return { pupils: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0, page: q.page, pageSize: PAGE_SIZE };
  });
}

export async function getPupil(ctx: StaffContext, id: string): Promise<z.infer<typeof Pupil>> {
  return transaction(ctx.sql, async (tx) => {
    const [row] = await tx<Summary[]>`
      select p.id, ${tx.unsafe(displayName)} as name, p.student_number as "studentNumber", p.birth_date as "birthDate",
        json_build_object('id', s.id, 'name', s.name) as school,
        case when c.id is null then null else json_build_object('id', c.id, 'name', c.name) end as class, e.level, 1 as total
      from pupils p join schools s on s.id = p.school_id
      left join enrolments e on e.pupil_id = p.id and e.end_date is null
      left join classes c on c.id = e.class_id
      where p.id = ${id} and p.partnership_id = ${ctx.scope.partnershipId}`;
    // Not visible is "not found": a pupil's existence at a school is itself pupil data.
    if (!row || !pupilPolicy.can(ctx.principal, 'read', { schoolId: row.school.id, classId: row.class?.id ?? null })) fail('NOT_FOUND');
    const enrolments = await tx<{ schoolName: string; className: string | null; level: string | null; startDate: string; endDate: string | null }[]>`
      select s.name as "schoolName", c.name as "className", e.level, e.start_date as "startDate", e.end_date as "endDate"
      from enrolments e join schools s on s.id = e.school_id left join classes c on c.id = e.class_id
      where e.pupil_id = ${id} order by e.start_date desc`;
    await auditMany(tx, ctx.actor, [{ action: 'pupil.read', entityType: 'pupil', entityId: id, pupilId: id, schoolId: row!.school.id }]);
    const { total: _t, ...pupil } = row!;
    return { ...pupil, enrolments };
  });
}
